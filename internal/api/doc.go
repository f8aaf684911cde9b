// Package api is recouvre's read-only JSON API under /api/v1: debtors with
// their balances, invoices and credit notes, payments, and the OpenAPI 3.0.3
// document that describes them (GET /api/v1/openapi.json, embedded from
// openapi.json next to this file).
//
// # Authentication
//
// Every route but the OpenAPI document needs an API token of the
// organization, sent as "Authorization: Bearer rcv_…". The token is looked
// up by its SHA-256 (auth.HashToken); its user must still be a member of
// the token's organization, and the request then runs as that user, in
// that organization only (store.WithOrg, store.WithActor, auth.WithPrincipal).
// A missing, malformed or unknown token gives 401 with a WWW-Authenticate:
// Bearer challenge. The store has no method to record a token's last use,
// so it is not recorded.
//
// # Representation
//
// Responses are JSON ("application/json; charset=utf-8") with snake_case
// names. Money is an object {"minor": 123456, "currency": "EUR"}: integer
// minor units, never a float. Dates are "YYYY-MM-DD" strings, instants are
// RFC 3339 in UTC; an absent date is null. Text fields are always present,
// "" when unknown. Balances and invoice statuses are computed for today's
// date in Europe/Paris.
//
// # Lists and cursors
//
// Lists answer {"data": [...], "next_cursor": "…" | null}, in ascending id
// order. limit is 1 to 500 (default 50). next_cursor is null on the last
// page; otherwise pass it back as the cursor parameter, with the same
// filters, to get the next page. A cursor is opaque to clients: it is the
// unpadded base64url encoding of "<list>:<last id>" (for example
// "debtors:42"), and a cursor of one list is refused by another.
//
// A debtor_id filter naming a debtor of another organization, or no debtor
// at all, simply matches nothing: the list is empty, so it reveals nothing
// of other tenants.
//
// # Errors
//
// Errors are {"error": {"code": "…", "message": "…"}} with a stable code:
// unauthorized (401), forbidden (403), not_found (404), method_not_allowed
// (405), invalid (400; the message names the offending parameter),
// conflict (409) and internal (500; logged, with a generic message). An id
// of another organization is not_found, exactly like an id that does not
// exist. Unknown paths under /api/v1 and wrong methods are answered in the
// same JSON form, without authentication, since the route table is public.
package api

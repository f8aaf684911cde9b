// Package api is recouvre's JSON API under /api/v1: debtors with their
// balances, invoices and credit notes, payments, the legal figures and
// letters, the import of receivables files, and the OpenAPI 3.0.3 document
// that describes them (GET /api/v1/openapi.json, embedded from openapi.json
// next to this file).
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
// conflict (409), too_large (413), unsupported_media_type (415) and
// internal (500; logged, with a generic message). An id of another
// organization is not_found, exactly like an id that does not exist.
// Unknown paths under /api/v1 and wrong methods are answered in the same
// JSON form, without authentication, since the route table is public.
//
// # Imports
//
// POST /api/v1/imports takes a file of receivables (CSV, Excel, FEC,
// Factur-X, CII, UBL) as the multipart field "file" or as the raw body,
// and streams it to package importer: nothing holds the whole file here
// (the e-invoice and workbook parsers buffer what they need themselves).
// The body is capped at 256 MiB; a body cut short by the cap is answered
// 413 whatever the importer made of its beginning. The options are query
// parameters, as the CLI's flags: format, creditor_id, mapping (a saved
// mapping's name), encoding, snapshot, skip_invalid, dry_run, file_name,
// lang. The answer is the report of `recouvre import invoices --json`,
// field for field: 201 when written, 200 for a dry run, and 422 when the
// file had errors and nothing was written — then the report itself is the
// body, not an error object, so that a client sees every line at fault.
// Its messages are in English unless lang=fr, like every message of the
// API. The history (GET /imports, newest first, the one list that pages
// backwards), an import with its errors, its undo (409 with the reason
// when something has touched its documents since), the saved column
// mappings and the Factur-X PDF kept with an invoice complete it.
package api

package api

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// The lists a cursor can belong to.
const (
	listDebtors  = "debtors"
	listInvoices = "invoices"
	listPayments = "payments"
	listImports  = "imports"
)

// encodeCursor turns the store's next-page id into the opaque cursor of a
// list, nil at the end of the list. A cursor is the unpadded base64url of
// "<list>:<id>"; the list name keeps a cursor from being replayed on
// another list, where it would silently skip rows.
func encodeCursor(list string, next int64) *string {
	if next <= 0 {
		return nil
	}
	s := base64.RawURLEncoding.EncodeToString([]byte(list + ":" + strconv.FormatInt(next, 10)))
	return &s
}

// decodeCursor reads the cursor parameter of list: the id to continue
// after, 0 for the first page.
func decodeCursor(list, cursor string) (int64, error) {
	if cursor == "" {
		return 0, nil
	}
	bad := ledger.FieldError("cursor", "invalid cursor: pass back a next_cursor of this list unchanged")
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return 0, bad
	}
	name, id, ok := strings.Cut(string(raw), ":")
	if !ok || name != list {
		return 0, bad
	}
	after, err := strconv.ParseInt(id, 10, 64)
	if err != nil || after <= 0 {
		return 0, bad
	}
	return after, nil
}

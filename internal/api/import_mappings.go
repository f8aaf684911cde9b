package api

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/importer/tabular"
	"github.com/recouvre/recouvre/internal/ledger"
)

// maxMappingName is the longest name the store keeps for a mapping, in
// bytes.
const maxMappingName = 100

// mappingName reads the {name} of a mapping's path: what the store keeps
// as it is, so no spaces around it, no control characters, 1 to 100 bytes.
func mappingName(r *http.Request) (string, error) {
	name := r.PathValue("name")
	switch {
	case name == "" || len(name) > maxMappingName:
		return "", ledger.FieldError("name", "want 1 to %d bytes, got %d", maxMappingName, len(name))
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", ledger.FieldError("name", "want printable UTF-8 text")
	case strings.TrimSpace(name) != name:
		return "", ledger.FieldError("name", "want no spaces around the name, got %q", name)
	}
	return name, nil
}

// checkMapping refuses a mapping the importer could never apply: an
// unknown field, a column without a header, no column for the invoice
// number, an amount or the debtor, a currency that is not an ISO code.
func checkMapping(m tabular.Mapping) error {
	known := make([]tabular.Field, 0, len(tabular.Fields()))
	for _, fi := range tabular.Fields() {
		known = append(known, fi.Field)
	}
	if err := checkColumns(m.Columns, tabular.Field.Valid, known); err != nil {
		return err
	}
	has := func(fs ...tabular.Field) bool {
		for _, f := range fs {
			if _, ok := m.Columns[f]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case !has(tabular.FieldNumber):
		return ledger.FieldError("columns", "the invoice number needs a column (number)")
	case !has(tabular.FieldAmount, tabular.FieldOpen, tabular.FieldDebit, tabular.FieldCredit):
		return ledger.FieldError("columns", "an amount needs a column (amount, open, debit or credit)")
	case !has(tabular.FieldDebtorRef, tabular.FieldDebtorName):
		return ledger.FieldError("columns", "the debtor needs a column (debtor_ref or debtor_name)")
	}
	if m.Currency != "" && !m.Currency.Valid() {
		return ledger.FieldError("currency", "want an ISO 4217 code such as EUR, got %q", m.Currency)
	}
	return nil
}

package tabular

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// Mapping tells which column of the file holds each field. It is a plain
// value, saved as JSON in a named profile and shown as one <select> per
// column: DetectMapping proposes it, the user corrects it, and Parse
// applies it as given.
type Mapping struct {
	// Columns maps a field to the header of its column, as the file
	// writes it. A field absent from the map has no column.
	Columns map[Field]string `json:"columns"`
	// Currency is the currency of the amounts when no column gives it;
	// Options.Currency, then EUR, when empty.
	Currency money.Currency `json:"currency,omitempty"`
}

// Column returns the header mapped to f, "" when none.
func (m Mapping) Column(f Field) string { return m.Columns[f] }

// Set maps f to the column headed header; an empty header unmaps f.
func (m *Mapping) Set(f Field, header string) {
	if header == "" {
		delete(m.Columns, f)
		return
	}
	if m.Columns == nil {
		m.Columns = map[Field]string{}
	}
	m.Columns[f] = header
}

// FieldOf returns the field mapped to the column headed header, "" when
// none: the selected option of that column's <select>. When a column holds
// several fields, the first in display order is returned.
func (m Mapping) FieldOf(header string) Field {
	for _, f := range allFields {
		if c, ok := m.Columns[f]; ok && sameHeader(c, header) {
			return f
		}
	}
	return ""
}

// DetectMapping proposes a mapping for a header row from the French and
// English names real exports give their columns. For each field the first
// column with a specific name wins ("Date facture"), else the first with a
// generic one ("Date"). A generic "Solde"/"Balance" beside debit and
// credit columns is a ledger's running balance, not what remains due on
// the line, and is left unmapped.
func DetectMapping(header []string) Mapping {
	type pick struct {
		idx    int
		strong bool
	}
	best := map[Field]pick{}
	for i, h := range header {
		s, ok := lookupHeader(h)
		if !ok {
			continue
		}
		if p, seen := best[s.field]; seen && (p.strong || !s.strong) {
			continue
		}
		best[s.field] = pick{i, s.strong}
	}
	_, debit := best[FieldDebit]
	_, credit := best[FieldCredit]
	_, amount := best[FieldAmount]
	if p, ok := best[FieldOpen]; ok && !p.strong && (debit || credit) && !amount {
		delete(best, FieldOpen)
	}
	m := Mapping{Columns: make(map[Field]string, len(best))}
	for f, p := range best {
		m.Columns[f] = header[p.idx]
	}
	return m
}

// Validate reports whether m can read a file with this header: every
// mapped column must be there, and the number, an amount and the debtor
// must have a column. The error is a receivable.Issue.
func (m Mapping) Validate(header []string) error {
	_, err := m.resolve(header, 0)
	return err
}

// column is where a field is in a row.
type column struct {
	idx  int    // -1 when the field has no column
	name string // the header, as the file writes it
}

func (c column) ok() bool { return c.idx >= 0 }

// layout is a mapping resolved against one header row.
type layout struct {
	number, issueDate, dueDate, amount, open, debit, credit, docType, currency    column
	debtorRef, debtorName, firstName, debtorKind, siren, siret, vat, email, phone column
	address1, address2, postalCode, city, country, terms, means                   column
	// width is the header's length up to its last non-empty name: a row
	// may stop there or have empty cells beyond.
	width int
	// currencyDefault applies when no currency column says otherwise.
	currencyDefault money.Currency
}

// slot returns where f's column goes in l.
func (l *layout) slot(f Field) *column {
	switch f {
	case FieldNumber:
		return &l.number
	case FieldIssueDate:
		return &l.issueDate
	case FieldDueDate:
		return &l.dueDate
	case FieldAmount:
		return &l.amount
	case FieldOpen:
		return &l.open
	case FieldDebit:
		return &l.debit
	case FieldCredit:
		return &l.credit
	case FieldDocType:
		return &l.docType
	case FieldCurrency:
		return &l.currency
	case FieldDebtorRef:
		return &l.debtorRef
	case FieldDebtorName:
		return &l.debtorName
	case FieldFirstName:
		return &l.firstName
	case FieldDebtorKind:
		return &l.debtorKind
	case FieldSIREN:
		return &l.siren
	case FieldSIRET:
		return &l.siret
	case FieldVATNumber:
		return &l.vat
	case FieldEmail:
		return &l.email
	case FieldPhone:
		return &l.phone
	case FieldAddressLine1:
		return &l.address1
	case FieldAddressLine2:
		return &l.address2
	case FieldPostalCode:
		return &l.postalCode
	case FieldCity:
		return &l.city
	case FieldCountry:
		return &l.country
	case FieldPaymentTerms:
		return &l.terms
	case FieldPaymentMeans:
		return &l.means
	}
	return nil
}

// resolve finds each mapped column in header (at physical line line). A
// mapped column the file lacks, or a missing number, amount or debtor
// column, is a receivable.Issue.
func (m Mapping) resolve(header []string, line int) (layout, error) {
	var l layout
	for _, f := range allFields {
		*l.slot(f) = column{idx: -1}
	}
	for _, f := range allFields {
		name, ok := m.Columns[f]
		if !ok || strings.TrimSpace(name) == "" {
			continue
		}
		idx := findColumn(header, name)
		if idx < 0 {
			is := fatal(line, KeyMappingColumn, name)
			is.Column = name
			return l, is
		}
		*l.slot(f) = column{idx: idx, name: header[idx]}
	}
	switch {
	case !l.number.ok():
		return l, fatal(line, KeyNoNumberColumn)
	case !l.amount.ok() && !l.debit.ok() && !l.credit.ok() && !l.open.ok():
		return l, fatal(line, KeyNoAmountColumn)
	case !l.debtorRef.ok() && !l.debtorName.ok():
		return l, fatal(line, KeyNoDebtorColumn)
	}
	for i, h := range header {
		if strings.TrimSpace(h) != "" {
			l.width = i + 1
		}
	}
	l.currencyDefault = m.Currency
	return l, nil
}

// findColumn returns the index of the column headed name: the same text,
// else the same once case and accents are set aside; -1 when none.
func findColumn(header []string, name string) int {
	name = strings.TrimSpace(name)
	for i, h := range header {
		if strings.TrimSpace(h) == name {
			return i
		}
	}
	for i, h := range header {
		if sameHeader(h, name) {
			return i
		}
	}
	return -1
}

// sameHeader compares two headers regardless of case, accents and
// punctuation.
func sameHeader(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a == b || receivable.Fold(a) == receivable.Fold(b) && receivable.Fold(a) != ""
}

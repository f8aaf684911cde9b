package bankcsv

import (
	"strings"

	"github.com/recouvre/recouvre/internal/money"
)

// Mapping tells which column of the file holds each field, and how to
// read its dates. It is a plain value, saved as JSON under a name the
// user chooses and applied as given to the next export of the same bank:
// DetectMapping proposes one, the user corrects it.
type Mapping struct {
	// Columns maps a field to the header of its column, as the file
	// writes it (compared without regard to case or surrounding blanks).
	// A field absent from the map has no column.
	Columns map[Field]string `json:"columns"`
	// DateFormat tells the order of a date's parts: "DD/MM/YYYY" (also
	// JJ/MM/AAAA), "MM/DD/YYYY" or "YYYY-MM-DD"; any separator and
	// two-digit years are read alike. Empty decides from the file: month
	// first when a date only reads that way (12/15/2018) and none only
	// reads day first, else day first.
	DateFormat string `json:"date_format,omitempty"`
	// Currency is the currency of the amounts when no column gives it;
	// then Options.Currency, the currency the file's preamble names, EUR.
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

// sameHeader compares a mapped column name with a header cell.
func sameHeader(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// DetectMapping proposes a mapping for a header row from the French and
// English names bank exports give their columns. Each column serves one
// field at most; fields are served in display order, each taking the
// first column with a strong name for it ("Date opération"), else the
// first with a weak one ("Date"). DateFormat is left empty (decided from
// the file) and Currency unset.
func DetectMapping(header []string) Mapping {
	m := Mapping{Columns: map[Field]string{}}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = normalize(h)
	}
	used := make([]bool, len(header))
	for _, f := range allFields {
		syn := synonyms[f]
		for _, list := range [][]string{syn.strong, syn.weak} {
			if i := firstMatch(names, used, list); i >= 0 {
				used[i] = true
				m.Columns[f] = strings.TrimSpace(header[i])
				break
			}
		}
	}
	return m
}

// firstMatch returns the index of the first unused name found in list,
// -1 when none.
func firstMatch(names []string, used []bool, list []string) int {
	for i, n := range names {
		if used[i] || n == "" {
			continue
		}
		for _, s := range list {
			if n == s {
				return i
			}
		}
	}
	return -1
}

// usable reports whether m can read statement lines: a booking date and
// an amount (one column, or debit and/or credit).
func (m Mapping) usable() bool {
	return m.Columns[FieldBookingDate] != "" &&
		(m.Columns[FieldAmount] != "" || m.Columns[FieldDebit] != "" || m.Columns[FieldCredit] != "")
}

// indexes finds each mapped field's column in header: the first column
// of that name. missing is the first mapped column the header lacks.
func (m Mapping) indexes(header []string) (idx map[Field]int, missing string) {
	idx = map[Field]int{}
	for _, f := range allFields {
		name, ok := m.Columns[f]
		if !ok || name == "" {
			continue
		}
		found := -1
		for i, h := range header {
			if sameHeader(name, h) {
				found = i
				break
			}
		}
		if found < 0 {
			return nil, name
		}
		idx[f] = found
	}
	return idx, ""
}

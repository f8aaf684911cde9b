package tabular

import (
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// converter turns the data rows of one file into records or issues.
type converter struct {
	l        layout
	headers  int // cells in the header row
	style    cellStyle
	currency money.Currency // when no currency column says otherwise
	dups     duplicates
	memo     memo
	issues   []receivable.Issue
}

// cell returns the value of col in fields, trimmed, line breaks and tabs
// made spaces; "" when the row is too short or the field has no column.
// Excel's ="00123" (a formula some exports write to keep leading zeros)
// gives 00123.
func cell(fields []string, col column) string {
	if col.idx < 0 || col.idx >= len(fields) {
		return ""
	}
	return cleanCell(fields[col.idx])
}

// raw returns the value of col in fields as read, for Issue.Value.
func raw(fields []string, col column) string {
	if col.idx < 0 || col.idx >= len(fields) {
		return ""
	}
	return fields[col.idx]
}

// cleanCell is cell's cleaning of one value.
func cleanCell(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\n\r\t") {
		s = strings.Join(strings.Fields(s), " ") // a line break inside a quoted name
	}
	if len(s) >= 3 && strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) {
		s = strings.TrimSpace(strings.ReplaceAll(s[2:len(s)-1], `""`, `"`))
	}
	return s
}

// add records an issue of the row at line about col.
func (c *converter) add(line int, col column, value, key string, args ...any) {
	c.issues = append(c.issues, receivable.Issue{Line: line, Column: col.name, Value: value, Key: key, Args: args})
}

// totalWords begin the subtotal and total rows of aged balances, folded.
var totalWords = []string{
	"total", "totaux", "sous total", "soustotal", "subtotal", "grand total", "total general",
	"total client", "cumul", "report", "a reporter",
}

// totalLabel reports whether a folded cell labels a total row: a total
// word, alone or followed by words ("Sous-total client A") but not by a
// number ("Total 2024" may be an invoice number). In a customer column
// (strict), only a word alone or a label of several words counts:
// "Total Énergies" is a customer.
func totalLabel(folded string, strict bool) bool {
	for _, w := range totalWords {
		if folded == w {
			return true
		}
		rest, ok := strings.CutPrefix(folded, w+" ")
		if ok && rest[0] > '9' && (!strict || strings.Contains(w, " ")) {
			return true
		}
	}
	return false
}

// skip reports whether a row carries no receivable: a total row (its
// first value labels a total, and it has no invoice number besides), or
// one with no value in any mapped column.
func (c *converter) skip(fields []string) bool {
	number := cell(fields, c.l.number)
	for i, f := range fields {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if i != c.l.number.idx && number != "" {
			break
		}
		strict := i == c.l.debtorName.idx || i == c.l.debtorRef.idx
		if totalLabel(c.memo.fold(f), strict) {
			return true
		}
		break
	}
	if number != "" {
		return false
	}
	for _, f := range allFields {
		if cell(fields, *c.l.slot(f)) != "" {
			return false
		}
	}
	return true
}

// convert reads one data row. It returns the record, or the row's issues
// (every bad value, not only the first); skip is set for a row that
// carries no receivable, or repeats an earlier one exactly.
func (c *converter) convert(r row) (rec receivable.Record, issues []receivable.Issue, skip bool) {
	c.issues = c.issues[:0]
	f, line := r.fields, r.line
	if r.unclosed {
		c.add(line, column{}, "", KeyUnclosedQuote)
		return rec, c.issues, false
	}
	if n := filled(f); n > c.headers || (!c.style.excel && len(f) < c.l.width) {
		want := c.headers
		if n <= c.headers {
			n, want = len(f), c.l.width
		}
		c.add(line, column{}, "", KeyColumns, n, want)
		return rec, c.issues, false
	}
	if c.skip(f) {
		return rec, nil, true
	}
	rec.Line = line
	if rec.Number = cell(f, c.l.number); rec.Number == "" {
		c.add(line, c.l.number, raw(f, c.l.number), KeyMissingNumber)
	}
	rec.IssueDate = c.date(f, line, c.l.issueDate)
	rec.DueDate = c.date(f, line, c.l.dueDate)
	if !rec.IssueDate.IsZero() && !rec.DueDate.IsZero() && rec.DueDate.Before(rec.IssueDate) {
		c.add(line, c.l.dueDate, raw(f, c.l.dueDate), KeyDueBeforeIssue, cell(f, c.l.dueDate), cell(f, c.l.issueDate))
	}
	c.amounts(f, line, &rec)
	rec.Debtor = c.debtor(f, line)
	rec.PaymentTerms = cell(f, c.l.terms)
	rec.PaymentMeans = cell(f, c.l.means)
	if len(c.issues) > 0 {
		return receivable.Record{}, c.issues, false
	}
	switch first, same := c.dups.check(rec); {
	case first == 0:
	case same:
		return receivable.Record{}, nil, true
	default:
		c.add(line, c.l.number, raw(f, c.l.number), KeyDuplicate, rec.Number, first)
		return receivable.Record{}, c.issues, false
	}
	return rec, nil, false
}

// filled is the number of fields up to the last non-empty one.
func filled(fields []string) int {
	for i := len(fields) - 1; i >= 0; i-- {
		if strings.TrimSpace(fields[i]) != "" {
			return i + 1
		}
	}
	return 0
}

// date reads a date column; an empty cell is no date.
func (c *converter) date(f []string, line int, col column) civil.Date {
	s := cell(f, col)
	if s == "" {
		return civil.Date{}
	}
	d, err := parseDate(s, c.style)
	if err != nil {
		key := KeyDate
		if de, ok := err.(*DateError); ok {
			key = de.Key
		}
		c.add(line, col, raw(f, col), key, s)
		return civil.Date{}
	}
	return d
}

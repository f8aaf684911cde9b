package bankcsv

import (
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// defaultCurrency is the currency of amounts nothing else names.
const defaultCurrency money.Currency = "EUR"

// line reads one data row into an entry of its currency's statement, or
// reports why it cannot. A row whose date cell holds no date and that
// speaks of a balance or a total is a summary line, skipped (a balance
// kept for the statement); a row with neither a date nor an amount is
// skipped silently.
func (p *parser) line(r row) {
	get := func(f Field) string { return r.cell(p.index(f)) }
	dateCell := get(FieldBookingDate)
	hasAmount := get(FieldAmount) != "" || get(FieldDebit) != "" || get(FieldCredit) != ""
	if !p.isDate(dateCell) && p.pre.readBalance(r) {
		return
	}
	if dateCell == "" {
		if hasAmount {
			p.issues.add(r.line, p.column(FieldBookingDate), "", keyMissingDate)
		}
		return
	}
	booking, ok := parseDate(dateCell, p.order, p.excel, p.date1904)
	if !ok {
		if !hasAmount && !p.isDate(dateCell) {
			return // a title or a note inside the table
		}
		key := keyDate
		if _, us := parseDate(dateCell, orderMDY, p.excel, p.date1904); us && p.order == orderDMY {
			key = keyDateOrder
		}
		p.issues.add(r.line, p.column(FieldBookingDate), dateCell, key, dateCell)
		return
	}
	cur, ok := p.currency(r)
	if !ok {
		return
	}
	amount, credit, ok := p.amount(r, cur)
	if !ok {
		return
	}
	e := statement.Entry{
		Line:        r.line,
		Ref:         get(FieldReference),
		BookingDate: booking,
		Amount:      amount,
		Credit:      credit,
		Status:      "booked",
		Text:        joinText(get(FieldLabel), get(FieldDetail)),
	}
	if v := get(FieldValueDate); v != "" {
		if d, ok := parseDate(v, p.order, p.excel, p.date1904); ok {
			e.ValueDate = d
		} else {
			p.issues.add(r.line, p.column(FieldValueDate), v, keyDate, v)
		}
	}
	tx := statement.Transaction{
		Counterparty:     get(FieldCounterparty),
		CounterpartyIBAN: ledger.IBANOf(get(FieldCounterpartyAccount)),
	}
	if doc := get(FieldDocument); doc != "" {
		tx.DocumentNumbers = []string{doc}
	}
	if tx.Counterparty != "" || tx.CounterpartyIBAN != "" || len(tx.DocumentNumbers) > 0 {
		e.Transactions = []statement.Transaction{tx}
	}
	p.add(e)
}

// isDate reports whether s reads as a date in some order.
func (p *parser) isDate(s string) bool {
	for _, o := range []dateOrder{orderDMY, orderMDY} {
		if _, ok := parseDate(s, o, p.excel, p.date1904); ok {
			return true
		}
	}
	return false
}

// column is the header of f's column, for an issue.
func (p *parser) column(f Field) string {
	if i := p.index(f); i >= 0 && i < len(p.header) {
		return p.header[i]
	}
	return ""
}

// currency is the row's currency: its currency cell, else the mapping's,
// the options', the preamble's, EUR.
func (p *parser) currency(r row) (money.Currency, bool) {
	if cell := r.cell(p.index(FieldCurrency)); cell != "" {
		c := money.Currency(strings.ToUpper(cell))
		if cell == "€" {
			c = "EUR"
		}
		if !c.Valid() {
			p.issues.add(r.line, p.column(FieldCurrency), cell, keyCurrency, cell)
			return "", false
		}
		return c, true
	}
	for _, c := range []money.Currency{p.mapping.Currency, p.opts.Currency, p.pre.currency} {
		if c.Valid() {
			return c, true
		}
	}
	return defaultCurrency, true
}

// joinText joins the non-empty parts of an entry's text.
func joinText(parts ...string) string {
	var kept []string
	for _, s := range parts {
		if s != "" && (len(kept) == 0 || kept[len(kept)-1] != s) {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, " / ")
}

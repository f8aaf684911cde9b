package ofx

import (
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// closeTransaction files the transaction being read in its statement, or
// reports it when no statement is open.
func (b *builder) closeTransaction() {
	t := b.trn
	b.trn = nil
	if b.cur == nil {
		b.issues.add(t.line, "STMTTRN", "", keyOutside)
		return
	}
	b.cur.trns = append(b.cur.trns, t)
}

// closeStatement turns the statement being read into a Statement, now
// that its currency is known.
func (b *builder) closeStatement() {
	s := b.cur
	b.cur = nil
	st := statement.Statement{ID: s.id, Account: s.account, From: s.from, To: s.to}
	st.Currency = b.currency(s)
	if s.balamt.v != "" {
		if a, key := parseAmount(s.balamt.v, st.Currency); key == "" {
			st.Closing = a
		} else {
			b.issues.add(s.balamt.line, "BALAMT", s.balamt.v, keyBalance, s.balamt.v)
		}
	}
	st.Entries = make([]statement.Entry, 0, len(s.trns))
	for _, t := range s.trns {
		if e, ok := b.entry(t, st.Currency); ok {
			st.Entries = append(st.Entries, e)
		}
	}
	b.stmts = append(b.stmts, st)
}

// defaultCurrency is the currency of a statement that names none.
const defaultCurrency money.Currency = "EUR"

// currency is the statement's CURDEF; when it is empty or wrong, the
// currency its transactions name, else EUR.
func (b *builder) currency(s *stmtState) money.Currency {
	c := money.Currency(strings.ToUpper(s.curdef.v))
	if c.Valid() {
		return c
	}
	if s.curdef.v != "" {
		b.issues.add(s.curdef.line, "CURDEF", s.curdef.v, keyCurrency, s.curdef.v)
	}
	for _, t := range s.trns {
		if c := money.Currency(strings.ToUpper(t.cursym.v)); c.Valid() {
			return c
		}
	}
	return defaultCurrency
}

// entry turns a transaction into an Entry, or reports why it cannot.
func (b *builder) entry(t *trnState, cur money.Currency) (statement.Entry, bool) {
	e := statement.Entry{Line: t.line, Status: "booked", BankCode: strings.ToUpper(t.trntype)}
	ok := true
	switch d, good := parseDate(t.dtposted.v); {
	case t.dtposted.v == "":
		b.issues.add(t.line, "DTPOSTED", "", keyMissingDate)
		ok = false
	case !good:
		b.issues.add(t.dtposted.line, "DTPOSTED", t.dtposted.v, keyDate, t.dtposted.v)
		ok = false
	default:
		e.BookingDate = d
	}
	if c := money.Currency(strings.ToUpper(t.cursym.v)); c.Valid() {
		cur = c
	} else if t.cursym.v != "" {
		b.issues.add(t.cursym.line, "CURSYM", t.cursym.v, keyCurrency, t.cursym.v)
	}
	switch a, key := parseAmount(t.trnamt.v, cur); {
	case t.trnamt.v == "":
		b.issues.add(t.line, "TRNAMT", "", keyMissingAmount)
		ok = false
	case key != "":
		b.issues.add(t.trnamt.line, "TRNAMT", t.trnamt.v, key, t.trnamt.v)
		ok = false
	default:
		e.Credit = a.Minor > 0
		if a.Minor < 0 {
			a = a.Neg()
		}
		e.Amount = a
	}
	if !ok {
		return statement.Entry{}, false
	}
	value, tag := t.dtavail, "DTAVAIL"
	if value.v == "" {
		value, tag = t.valuedate, "VALUEDATE"
	}
	if value.v != "" {
		if d, good := parseDate(value.v); good {
			e.ValueDate = d
		} else {
			b.issues.add(value.line, tag, value.v, keyDate, value.v)
		}
	}
	e.Ref = t.fitid
	if e.Ref == "" {
		e.Ref = t.refnum
	}
	e.Text = joinText(t.name, t.memo)
	if tx, has := transaction(t, e.Ref); has {
		e.Transactions = []statement.Transaction{tx}
	}
	return e, true
}

// transaction is the counterparty and documents a transaction names, and
// whether it names any.
func transaction(t *trnState, ref string) (statement.Transaction, bool) {
	tx := statement.Transaction{Counterparty: t.name}
	if tx.Counterparty == "" {
		tx.Counterparty = t.payee
	}
	tx.CounterpartyIBAN = ledger.IBANOf(t.accountTo)
	for _, doc := range []string{t.checknum, t.refnum} {
		if doc != "" && doc != ref {
			tx.DocumentNumbers = append(tx.DocumentNumbers, doc)
		}
	}
	return tx, tx.Counterparty != "" || tx.CounterpartyIBAN != "" || len(tx.DocumentNumbers) > 0
}

// joinText joins the non-empty parts of an entry's text, once each.
func joinText(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" && (len(kept) == 0 || kept[len(kept)-1] != p) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " / ")
}

package cfonb

import (
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// parser follows the records of a file: the statement open between its
// 01 and its 07, and its last operation, which the 05 records complete.
type parser struct {
	issues   issueList
	stmts    []statement.Statement
	cur      *openStatement
	lastOp   *operation
	lastLine int
	// opDropped marks that the last 04 was left out: its 05 records go
	// with it, without an issue each.
	opDropped bool
	// lastDropped marks that the statement just closed had an operation
	// left out.
	lastDropped bool
}

// openStatement is a statement between its 01 and its 07.
type openStatement struct {
	st        statement.Statement
	account   string
	openingOK bool
	// dropped marks that an operation of it was left out, so that its
	// balances cannot be expected to check out.
	dropped bool
	ops     []*operation
}

// defaultCurrency is the currency of a record that leaves it blank.
const defaultCurrency money.Currency = "EUR"

func (p *parser) record(rec record) {
	switch rec.code() {
	case codeOldBalance:
		p.oldBalance(rec)
	case codeOperation:
		p.operation(rec)
	case codeDetail:
		p.detail(rec)
	case codeNewBalance:
		p.newBalance(rec)
	default:
		p.issues.add(rec.line, "1-2", rec.code(), keyRecordCode, rec.code())
	}
}

// head reads the currency (17–19) and the number of decimals (20) every
// record carries; a blank currency is EUR, blank decimals are the
// currency's.
func (p *parser) head(rec record) (money.Currency, int, bool) {
	zone := strings.TrimSpace(rec.zone(17, 19))
	c := money.Currency(zone)
	if zone == "" {
		c = defaultCurrency
	} else if !c.Valid() {
		p.issues.add(rec.line, "17-19", rec.zone(17, 19), keyCurrency, zone)
		return "", 0, false
	}
	switch d := rec.r[19]; {
	case d >= '0' && d <= '9':
		return c, int(d - '0'), true
	case d == ' ':
		return c, money.MinorDigits(c), true
	}
	p.issues.add(rec.line, "20", rec.zone(20, 20), keyDecimals, rec.zone(20, 20))
	return "", 0, false
}

// oldBalance opens a statement, closing the one still open.
func (p *parser) oldBalance(rec record) {
	if p.cur != nil {
		p.issues.add(rec.line, "1-2", codeOldBalance, keyNotClosed)
		p.close(false)
	}
	bank, branch, acct := strings.TrimSpace(rec.zone(3, 7)), strings.TrimSpace(rec.zone(12, 16)), rec.account()
	o := &openStatement{account: acct}
	o.st.Account = statement.Account{
		Number:   bank + branch + acct,
		BankCode: bank,
		IBAN:     frenchIBAN(bank, branch, acct),
	}
	o.st.Currency = defaultCurrency
	if d, ok := p.date(rec, 35, 40, true); ok {
		o.st.From = d
	}
	if c, dec, ok := p.head(rec); ok {
		o.st.Currency = c
		if a, ok := p.amount(rec, dec, c); ok {
			o.st.Opening, o.openingOK = a, true
		}
	}
	p.cur, p.lastOp, p.opDropped = o, nil, false
}

// newBalance closes the open statement.
func (p *parser) newBalance(rec record) {
	if p.cur == nil {
		p.issues.add(rec.line, "1-2", codeNewBalance, keyClosingOutside)
		return
	}
	if acct := rec.account(); acct != p.cur.account {
		p.issues.add(rec.line, "22-32", rec.zone(22, 32), keyAccountMismatch, acct, p.cur.account)
		return
	}
	if d, ok := p.date(rec, 35, 40, true); ok {
		p.cur.st.To = d
	}
	closingOK := false
	if c, dec, ok := p.head(rec); ok {
		if c != p.cur.st.Currency {
			p.issues.add(rec.line, "17-19", rec.zone(17, 19), keyCurrencyMismatch, string(c), string(p.cur.st.Currency))
		} else if a, ok := p.amount(rec, dec, c); ok {
			p.cur.st.Closing, closingOK = a, true
		}
	}
	p.close(closingOK)
	if p.stmts[len(p.stmts)-1].HasBalances {
		p.checkBalances(rec)
	}
}

// finish closes the statement the end of the file leaves open.
func (p *parser) finish() {
	if p.cur != nil {
		p.issues.add(p.lastLine, "", "", keyUnclosedAtEnd)
		p.close(false)
	}
}

// close files the open statement, with its closing balance when
// closingOK.
func (p *parser) close(closingOK bool) {
	o := p.cur
	p.cur, p.lastOp, p.opDropped = nil, nil, false
	st := o.st
	st.HasBalances = o.openingOK && closingOK
	st.Entries = make([]statement.Entry, 0, len(o.ops))
	for _, op := range o.ops {
		st.Entries = append(st.Entries, op.entry())
	}
	p.stmts = append(p.stmts, st)
	p.lastDropped = o.dropped
}

// checkBalances reports a statement just closed whose old balance plus
// its operations is not its new balance, unless an operation of it was
// left out (the difference is then no news).
func (p *parser) checkBalances(rec record) {
	st := p.stmts[len(p.stmts)-1]
	if p.lastDropped || st.Opening.Currency != st.Closing.Currency {
		return
	}
	sum := st.Opening
	for _, e := range st.Entries {
		a := e.Amount
		if !e.Credit {
			a = a.Neg()
		}
		var err error
		if sum, err = sum.Add(a); err != nil {
			return
		}
	}
	if sum != st.Closing {
		p.issues.add(rec.line, "91-104", rec.zone(91, 104), keyBalanceMismatch,
			money.Decimal(sum)+" "+string(sum.Currency), money.Decimal(st.Closing)+" "+string(st.Closing.Currency))
	}
}

// date reads a JJMMAA zone; required reports an empty one.
func (p *parser) date(rec record, from, to int, required bool) (d civil.Date, ok bool) {
	zone := rec.zone(from, to)
	d, blank, ok := parseDate(zone)
	if ok || blank && !required {
		return d, ok
	}
	p.issues.add(rec.line, zoneName(from, to), zone, keyDate, zone)
	return d, false
}

// amount reads the amount zone (91–104).
func (p *parser) amount(rec record, decimals int, c money.Currency) (money.Amount, bool) {
	zone := rec.zone(91, 104)
	a, key := parseAmount(zone, decimals, c)
	if key != "" {
		p.issues.add(rec.line, "91-104", zone, key, zone)
		return money.Amount{}, false
	}
	return a, true
}

// zoneName names a zone in an issue's Column: "35-40".
func zoneName(from, to int) string { return fmt.Sprintf("%d-%d", from, to) }

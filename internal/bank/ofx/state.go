package ofx

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// leafValue is a leaf's text and the line of its tag.
type leafValue struct {
	v    string
	line int
}

// stmtState is a statement (STMTRS or CCSTMTRS) being read.
type stmtState struct {
	line     int
	id       string
	account  statement.Account
	curdef   leafValue
	balamt   leafValue
	from, to civil.Date
	trns     []*trnState
}

func (s *stmtState) accountLeaf(name, value string) {
	switch name {
	case "BANKID":
		s.account.BankCode = value
	case "ACCTID":
		s.account.Number = value
		if iban := ledger.IBANOf(value); iban != "" {
			s.account.IBAN = iban
		}
	}
}

// listLeaf reads a BANKTRANLIST's period: the earliest DTSTART and the
// latest DTEND of all the lists of the statement. An unreadable one is
// ignored: the period is only informative.
func (s *stmtState) listLeaf(name string, v leafValue) {
	d, ok := parseDate(v.v)
	if !ok {
		return
	}
	switch name {
	case "DTSTART":
		if s.from.IsZero() || d.Before(s.from) {
			s.from = d
		}
	case "DTEND":
		if s.to.IsZero() || d.After(s.to) {
			s.to = d
		}
	}
}

// trnState is a transaction (STMTTRN) being read; its values are kept as
// text until the statement's currency is known.
type trnState struct {
	line                                         int
	trntype, fitid, refnum, checknum, name, memo string
	payee, accountTo                             string
	dtposted, dtavail, valuedate, trnamt, cursym leafValue
}

func (t *trnState) set(name string, v leafValue) {
	switch name {
	case "TRNTYPE":
		t.trntype = v.v
	case "DTPOSTED":
		t.dtposted = v
	case "DTAVAIL":
		t.dtavail = v
	case "VALUEDATE":
		t.valuedate = v
	case "TRNAMT":
		t.trnamt = v
	case "FITID":
		t.fitid = v.v
	case "REFNUM":
		t.refnum = v.v
	case "CHECKNUM":
		t.checknum = v.v
	case "NAME":
		t.name = v.v
	case "MEMO":
		t.memo = v.v
	case "CURRENCY": // written as a leaf by some banks
		t.cursym = v
	}
}

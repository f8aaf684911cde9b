package camt

import (
	"errors"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// readCurrency reads an ISO 4217 code; "" reads as "" without an issue.
func readCurrency(s string) (money.Currency, bool) {
	c := money.Currency(strings.ToUpper(strings.TrimSpace(s)))
	return c, c == "" || c.Valid()
}

// readAmount reads an amount element (Amt Ccy="EUR">1234.56</Amt>) at
// column. A missing Ccy takes fallback when there is one. parentLine is
// the line reported when the element is absent.
func readAmount(n *node, column string, parentLine int, fallback money.Currency) (money.Amount, *statement.Issue) {
	if n == nil {
		is := problem(KeyAmountMissing, parentLine, column, "")
		return money.Amount{}, &is
	}
	raw := n.attr("Ccy")
	ccy, ok := readCurrency(raw)
	switch {
	case !ok:
		is := problem(KeyCurrency, n.line, column+"@Ccy", raw)
		return money.Amount{}, &is
	case ccy == "" && fallback == "":
		is := problem(KeyCurrencyMissing, n.line, column+"@Ccy", "")
		return money.Amount{}, &is
	case ccy == "":
		ccy = fallback
	}
	text := n.raw()
	a, key := parseAmount(text, ccy)
	if key != "" {
		is := problem(key, n.line, column, text)
		return money.Amount{}, &is
	}
	return a, nil
}

// parseAmount reads a camt amount, a non-negative xs:decimal ("1234.56",
// "18.150", "200000", ".5"), exactly; it returns the issue key when it
// cannot.
func parseAmount(s string, c money.Currency) (money.Amount, string) {
	switch {
	case s == "":
		return money.Amount{}, KeyAmountMissing
	case strings.HasPrefix(s, "-"):
		return money.Amount{}, KeyAmountNegative
	}
	s = strings.TrimPrefix(s, "+")
	if strings.HasPrefix(s, ".") {
		s = "0" + s
	}
	s = strings.TrimSuffix(s, ".")
	a, err := money.ParseDecimal(s, c)
	if err == nil {
		return a, ""
	}
	var pe *money.ParseError
	if errors.As(err, &pe) {
		switch pe.Key {
		case money.KeyTooManyDecimals:
			return money.Amount{}, KeyAmountDecimals
		case money.KeyOverflow:
			return money.Amount{}, KeyAmountTooLarge
		}
	}
	return money.Amount{}, KeyAmount
}

// dateLayouts are the forms of an ISO date or date-time: xs:date with an
// optional zone, xs:dateTime with optional fractions and zone.
var dateLayouts = []string{
	"2006-01-02",
	"2006-01-02Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04",
	"2006-01-02T15:04Z07:00",
}

// parseDate reads an ISO date or date-time and returns the calendar date
// as written, whatever the zone offset: 2014-12-31T23:30:00-05:00 is
// 2014-12-31.
func parseDate(s string) (civil.Date, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return civil.Of(t), true
		}
	}
	return civil.Date{}, false
}

// readDate reads a date choice (BookgDt, ValDt: Dt or DtTm) at column. An
// absent or empty choice is the zero date.
func readDate(n *node, column string) (civil.Date, *statement.Issue) {
	for _, name := range []string{"Dt", "DtTm"} {
		if c := n.child(name); c != nil {
			return readDateValue(c, column+"/"+name)
		}
	}
	return civil.Date{}, nil
}

// readDateValue reads one date or date-time element at column.
func readDateValue(n *node, column string) (civil.Date, *statement.Issue) {
	s := n.raw()
	if n == nil || s == "" {
		return civil.Date{}, nil
	}
	d, ok := parseDate(s)
	if !ok {
		is := problem(KeyDate, n.line, column, s)
		return civil.Date{}, &is
	}
	return d, nil
}

// readDirection reads CdtDbtInd: CRDT is a credit, DBIT a debit.
func readDirection(n *node, column string, parentLine int) (credit bool, _ *statement.Issue) {
	switch v := strings.ToUpper(n.raw()); v {
	case "CRDT":
		return true, nil
	case "DBIT":
		return false, nil
	case "":
		is := problem(KeyDirectionMissing, n.lineOr(parentLine), column, "")
		return false, &is
	default:
		is := problem(KeyDirection, n.lineOr(parentLine), column, n.raw())
		return false, &is
	}
}

// readReversal reads RvslInd, an xs:boolean; absent means false.
func readReversal(n *node, column string) (bool, *statement.Issue) {
	switch strings.ToLower(n.raw()) {
	case "true", "1":
		return true, nil
	case "false", "0", "":
		return false, nil
	}
	is := problem(KeyReversal, n.line, column, n.raw())
	return false, &is
}

// Entry statuses, as statement.Entry.Status holds them.
const (
	StatusBooked  = "booked"
	StatusPending = "pending"
	StatusInfo    = "info"
)

// readStatus reads Sts, a plain code (.02, .04) or Sts/Cd (.08). An
// absent status is booked, as a statement's entries are.
func readStatus(n *node, column string) (string, *statement.Issue) {
	code, col := n.raw(), column
	for _, name := range []string{"Cd", "Prtry"} {
		if c := n.child(name); c != nil {
			code, col = c.raw(), column+"/"+name
			break
		}
	}
	switch strings.ToUpper(code) {
	case "BOOK":
		return StatusBooked, nil
	case "PDNG", "FUTR":
		return StatusPending, nil
	case "INFO":
		return StatusInfo, nil
	case "":
		if n == nil {
			return StatusBooked, nil
		}
	}
	is := problem(KeyStatus, n.line, col, code)
	return "", &is
}

// normIBAN removes the spaces of an IBAN and puts it in capitals.
func normIBAN(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

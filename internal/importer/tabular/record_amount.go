package tabular

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// amounts reads the amount, the open amount and the kind of document of a
// row into rec.
//
// The amount is the amount column, else debit less credit, else (an aged
// balance giving only what remains due) the open amount. A negative
// amount is a credit note unless a document type column says otherwise;
// the record's amounts are positive. An open amount of 0 is a paid
// invoice; one above the amount, or of the other sign, is an error.
func (c *converter) amounts(f []string, line int, rec *receivable.Record) {
	l := &c.l
	cur, ok := c.rowCurrency(f, line)
	rec.Kind = receivable.Invoice
	explicit := false
	if s := cell(f, l.docType); s != "" {
		if k, known := parseDocType(c.memo.fold(s)); known {
			rec.Kind, explicit = k, true
		} else {
			c.add(line, l.docType, raw(f, l.docType), KeyDocType, s)
		}
	}
	if !ok {
		return // amounts in an unknown currency cannot be read
	}
	amount, amountCol, have, good := c.amount(f, line, cur)
	open, haveOpen := c.parse(f, line, l.open, cur)
	if !good {
		return
	}
	fromOpen := false
	if !have {
		if !haveOpen {
			if cell(f, l.open) == "" {
				c.add(line, amountCol, raw(f, amountCol), KeyMissingAmount)
			}
			return
		}
		amount, amountCol, fromOpen = open, l.open, true
	}
	if amount.IsZero() {
		c.add(line, amountCol, raw(f, amountCol), KeyZeroAmount)
		return
	}
	if amount.IsNegative() {
		switch {
		case !explicit:
			rec.Kind = receivable.CreditNote
		case rec.Kind == receivable.Invoice:
			c.add(line, amountCol, raw(f, amountCol), KeyNegativeInvoice, cell(f, amountCol))
		}
	}
	rec.Amount = abs(amount)
	switch {
	case fromOpen:
		rec.Open, rec.HasOpen = rec.Amount, true
	case haveOpen:
		if !explicit && !open.IsZero() && open.IsNegative() != amount.IsNegative() {
			c.add(line, l.open, raw(f, l.open), KeyOpenSign, cell(f, l.open), cell(f, amountCol))
			return
		}
		if abs(open).Cmp(rec.Amount) > 0 {
			c.add(line, l.open, raw(f, l.open), KeyOpenAboveAmount, cell(f, l.open), cell(f, amountCol))
			return
		}
		rec.Open, rec.HasOpen = abs(open), true
	}
}

// amount reads the amount column, or debit less credit. have is false when
// the row gives neither; good is false when a value could not be read
// (the issue is added). col is the column the amount comes from, for
// messages.
func (c *converter) amount(f []string, line int, cur money.Currency) (a money.Amount, col column, have, good bool) {
	l := &c.l
	if cell(f, l.amount) != "" || !l.debit.ok() && !l.credit.ok() {
		col = l.amount
		if !col.ok() {
			col = l.open
		}
		a, have = c.parse(f, line, l.amount, cur)
		return a, col, have, have || cell(f, l.amount) == ""
	}
	col = l.debit
	if !col.ok() {
		col = l.credit
	}
	debit, haveDebit := c.parse(f, line, l.debit, cur)
	credit, haveCredit := c.parse(f, line, l.credit, cur)
	if cell(f, l.debit) != "" && !haveDebit || cell(f, l.credit) != "" && !haveCredit {
		return a, col, false, false
	}
	if !haveDebit && !haveCredit {
		return a, col, false, true
	}
	if debit.Currency == "" {
		debit = money.New(0, cur)
	}
	if credit.Currency == "" {
		credit = money.New(0, cur)
	}
	a, err := debit.Sub(credit)
	if err != nil {
		c.add(line, col, raw(f, col), KeyAmountTooLarge, cell(f, col))
		return a, col, false, false
	}
	if !haveDebit {
		col = l.credit
	}
	return a, col, true, true
}

// parse reads an amount column; ok is false for an empty or bad cell (a
// bad one adds its issue).
func (c *converter) parse(f []string, line int, col column, cur money.Currency) (money.Amount, bool) {
	s := cell(f, col)
	if s == "" {
		return money.Amount{}, false
	}
	a, err := parseAmount(s, cur, c.style)
	if err != nil {
		key := amountIssueKey(err)
		if key == KeyAmountCurrency {
			c.add(line, col, raw(f, col), key, s, string(cur))
		} else {
			c.add(line, col, raw(f, col), key, s)
		}
		return money.Amount{}, false
	}
	return a, true
}

// rowCurrency is the currency of a row: its currency column's, else the
// file's default. ok is false for a currency the row names badly.
func (c *converter) rowCurrency(f []string, line int) (money.Currency, bool) {
	s := cell(f, c.l.currency)
	if s == "" {
		return c.currency, true
	}
	cur, ok := parseCurrency(s)
	if !ok {
		c.add(line, c.l.currency, raw(f, c.l.currency), KeyCurrency, s)
	}
	return cur, ok
}

// parseCurrency reads a currency code or sign.
func parseCurrency(s string) (money.Currency, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "€", "euro", "euros":
		return "EUR", true
	case "$", "us$":
		return "USD", true
	case "£":
		return "GBP", true
	}
	c := money.Currency(strings.ToUpper(strings.TrimSpace(s)))
	return c, c.Valid()
}

func abs(a money.Amount) money.Amount {
	if a.IsNegative() {
		return a.Neg()
	}
	return a
}

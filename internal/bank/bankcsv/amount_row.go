package bankcsv

import (
	"github.com/recouvre/recouvre/internal/money"
)

// amount reads a row's amount, always positive, and whether it is a
// credit:
//
//   - a signed Amount column: its sign says debit or credit, unless a
//     Direction (D/C) column is mapped and filled, which then decides
//     alone, the amount's sign being ignored: files that carry an
//     indicator often write every amount positive, or with the bank's
//     sign rather than the account holder's, and the running balance of
//     the samples confirms the indicator;
//   - Debit and Credit columns: the column decides, whatever the sign
//     written in it (many exports write debits negative); a zero counts
//     as empty, and a row with both a debit and a credit is refused.
//
// A zero amount is kept, as a debit.
func (p *parser) amount(r row, cur money.Currency) (money.Amount, bool, bool) {
	read := func(f Field) (money.Amount, bool) {
		cell := r.cell(p.index(f))
		a, key := parseAmount(cell, cur, p.excel)
		if key != "" {
			p.issues.add(r.line, p.column(f), cell, key, cell)
			return money.Amount{}, false
		}
		return a, true
	}
	abs := func(a money.Amount) money.Amount {
		if a.Minor < 0 {
			return a.Neg()
		}
		return a
	}
	if cell := r.cell(p.index(FieldAmount)); cell != "" {
		a, ok := read(FieldAmount)
		if !ok {
			return money.Amount{}, false, false
		}
		if dir := r.cell(p.index(FieldDirection)); dir != "" {
			credit, known := parseDirection(dir)
			if !known {
				p.issues.add(r.line, p.column(FieldDirection), dir, keyDirection, dir)
				return money.Amount{}, false, false
			}
			return abs(a), credit && a.Minor != 0, true
		}
		return abs(a), a.Minor > 0, true
	}
	debitCell, creditCell := r.cell(p.index(FieldDebit)), r.cell(p.index(FieldCredit))
	if debitCell == "" && creditCell == "" {
		p.issues.add(r.line, p.amountColumn(), "", keyMissingAmount)
		return money.Amount{}, false, false
	}
	var debit, credit money.Amount
	ok := true
	if debitCell != "" {
		debit, ok = read(FieldDebit)
	}
	if creditCell != "" && ok {
		credit, ok = read(FieldCredit)
	}
	if !ok {
		return money.Amount{}, false, false
	}
	switch {
	case debit.Minor != 0 && credit.Minor != 0:
		p.issues.add(r.line, p.column(FieldDebit), debitCell, keyDebitAndCredit, debitCell, creditCell)
		return money.Amount{}, false, false
	case credit.Minor != 0:
		return abs(credit), true, true
	}
	return money.New(abs(debit).Minor, cur), false, true
}

// amountColumn names the amount's column(s) for an issue.
func (p *parser) amountColumn() string {
	if c := p.column(FieldAmount); c != "" {
		return c
	}
	if c := p.column(FieldDebit); c != "" {
		return c
	}
	return p.column(FieldCredit)
}

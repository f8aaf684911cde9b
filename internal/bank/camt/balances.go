package camt

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// balance is a read Bal: its signed amount, where it is, and whether it
// could be read.
type balance struct {
	amount money.Amount
	line   int
	ok     bool
}

// readBalances finds the booked opening balance (OPBD, else PRCD, the
// previous closing balance) and the booked closing balance (CLBD) among
// the statement's Bal elements, the first of each kind.
func readBalances(bals []*node, fallback money.Currency) (opening, closing balance, issues []statement.Issue) {
	var opbd, prcd, clbd *node
	for _, b := range bals {
		switch b.path("Tp", "CdOrPrtry", "Cd").raw() {
		case "OPBD":
			opbd = first(opbd, b)
		case "PRCD":
			prcd = first(prcd, b)
		case "CLBD":
			clbd = first(clbd, b)
		}
	}
	if opbd == nil {
		opbd = prcd
	}
	read := func(b *node) balance {
		if b == nil {
			return balance{}
		}
		a, is := readAmount(b.child("Amt"), "Bal/Amt", b.line, fallback)
		if is != nil {
			issues = append(issues, *is)
			return balance{}
		}
		credit, is := readDirection(b.child("CdtDbtInd"), "Bal/CdtDbtInd", b.line)
		if is != nil {
			issues = append(issues, *is)
			return balance{}
		}
		if !credit {
			a = a.Neg()
		}
		return balance{amount: a, line: b.child("Amt").line, ok: true}
	}
	return read(opbd), read(clbd), issues
}

func first(kept, b *node) *node {
	if kept != nil {
		return kept
	}
	return b
}

// setBalances puts the balances in st when both were read in the
// statement's currency; otherwise it says why they are left out.
func setBalances(st *statement.Statement, opening, closing balance) []statement.Issue {
	if !opening.ok || !closing.ok {
		return nil
	}
	for _, b := range []balance{opening, closing} {
		if b.amount.Currency != st.Currency {
			c := string(b.amount.Currency)
			return []statement.Issue{problem(KeyBalanceCurrency, b.line, "Bal/Amt@Ccy", c, c, string(st.Currency))}
		}
	}
	st.Opening, st.Closing, st.HasBalances = opening.amount, closing.amount, true
	return nil
}

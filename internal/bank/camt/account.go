package camt

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// readAccount reads Acct: Id/IBAN or Id/Othr/Id, the owner's name (or
// the account's name) and the servicing bank's BIC.
func readAccount(acct *node) statement.Account {
	id := acct.child("Id")
	a := statement.Account{IBAN: normIBAN(id.child("IBAN").value())}
	if a.IBAN == "" {
		a.Number = id.path("Othr", "Id").value()
	}
	for _, owner := range []*node{acct.path("Ownr", "Nm"), acct.path("Ownr", "Pty", "Nm"), acct.child("Nm")} {
		if a.Owner = owner.value(); a.Owner != "" {
			break
		}
	}
	fi := acct.path("Svcr", "FinInstnId")
	if a.BankCode = fi.child("BICFI").value(); a.BankCode == "" {
		a.BankCode = fi.child("BIC").value()
	}
	return a
}

// accountCurrency reads Acct/Ccy, with its issue when it is not a code.
func accountCurrency(acct *node) (money.Currency, *statement.Issue) {
	n := acct.child("Ccy")
	c, ok := readCurrency(n.raw())
	if !ok {
		is := problem(KeyCurrency, n.line, "Acct/Ccy", n.raw())
		return "", &is
	}
	return c, nil
}

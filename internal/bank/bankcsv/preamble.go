package bankcsv

import (
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// preamble is what the lines around the table say: the account, its
// currency, the balances.
type preamble struct {
	account  statement.Account
	currency money.Currency
	opening  *balanceLine
	closing  *balanceLine
}

// balanceLine is a "Solde au …" line and its amount, still as text.
type balanceLine struct {
	line  int
	value string
	// index is the value's column, named in an issue once the header
	// is known.
	index int
}

// Preamble keys, normalized: the account number, the bank code, the
// account's owner, the currency (": EUR" has an empty key).
var (
	accountKeys  = []string{"account number", "numero de compte", "n de compte", "no de compte", "n compte", "compte", "account", "account no", "rib"}
	bankKeys     = []string{"bank code", "code banque", "code etablissement", "banque"}
	ownerKeys    = []string{"account name", "account holder", "owner", "titulaire", "nom du titulaire", "intitule du compte"}
	currencyKeys = []string{"devise", "currency", "monnaie", ""}
)

// readAccount takes the account details a preamble row gives, as
// "Key : value" in one cell or as a key cell and a value cell, and any
// IBAN it holds.
func (p *preamble) readAccount(r row) {
	for i := range r.cells {
		cell := r.cell(i)
		if iban := findIBAN(cell); iban != "" && p.account.IBAN == "" {
			p.account.IBAN = iban
		}
		key, value, ok := strings.Cut(cell, ":")
		if !ok {
			key, value = cell, r.cell(i+1)
		}
		key, value = normalize(key), strings.TrimSpace(value)
		if value == "" {
			continue
		}
		switch {
		case contains(accountKeys, key) && p.account.Number == "" && hasDigit(value):
			p.account.Number = value
		case contains(bankKeys, key) && p.account.BankCode == "" && hasDigit(value):
			p.account.BankCode = value
		case contains(ownerKeys, key) && p.account.Owner == "":
			p.account.Owner = value
		case contains(currencyKeys, key) && (ok || key != "") && p.currency == "":
			if c := money.Currency(strings.ToUpper(value)); c.Valid() {
				p.currency = c
			}
		}
	}
}

// readBalance recognises a balance line: a cell that speaks of a balance
// ("Solde au 01/04", "Balance at end of period") and says which, opening
// or closing, and the last cell after it that holds something. It
// reports whether r is a summary line of any kind (balance, total), to
// be skipped.
func (p *preamble) readBalance(r row) bool {
	for i := range r.cells {
		ws := words(r.cell(i))
		if len(ws) == 0 {
			continue
		}
		if !anyWord(ws, "solde", "balance", "soldes", "balances") {
			return anyWord(ws[:1], "total", "totaux", "totals", "cumul", "report")
		}
		b := &balanceLine{line: r.line}
		for j := len(r.cells) - 1; j > i; j-- {
			if v := r.cell(j); v != "" {
				b.value, b.index = v, j
				break
			}
		}
		switch {
		case b.value == "":
		case anyWord(ws, "debut", "start", "initial", "ouverture", "opening", "ancien", "precedent", "previous", "beginning"):
			if p.opening == nil {
				p.opening = b
			}
		case anyWord(ws, "fin", "end", "final", "cloture", "closing", "nouveau", "new"):
			p.closing = b
		}
		return true
	}
	return false
}

// findIBAN returns the IBAN a cell holds, "IBAN : FR76 …" or alone.
func findIBAN(cell string) string {
	s := strings.TrimSpace(cell)
	if i := strings.Index(strings.ToUpper(s), "IBAN"); i >= 0 {
		s = strings.TrimLeft(s[i+4:], " :")
	}
	return ledger.IBANOf(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func anyWord(ws []string, want ...string) bool {
	for _, w := range ws {
		for _, x := range want {
			if w == x {
				return true
			}
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

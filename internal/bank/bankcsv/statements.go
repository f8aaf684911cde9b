package bankcsv

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// add files an entry in the statement of its currency: a file that mixes
// currencies (a PayPal export) gives one statement per currency, in the
// order they first appear.
func (p *parser) add(e statement.Entry) {
	c := string(e.Amount.Currency)
	st, ok := p.byCurrency[c]
	if !ok {
		if p.byCurrency == nil {
			p.byCurrency = map[string]*statement.Statement{}
		}
		st = &statement.Statement{Currency: e.Amount.Currency, Account: p.account()}
		p.byCurrency[c] = st
		p.stmts = append(p.stmts, st)
	}
	if st.From.IsZero() || e.BookingDate.Before(st.From) {
		st.From = e.BookingDate
	}
	if st.To.IsZero() || e.BookingDate.After(st.To) {
		st.To = e.BookingDate
	}
	st.Entries = append(st.Entries, e)
}

// account is the options' account, completed by what the preamble says.
func (p *parser) account() statement.Account {
	a := p.opts.Account
	if a.IBAN == "" {
		a.IBAN = p.pre.account.IBAN
	}
	if a.Number == "" {
		a.Number = p.pre.account.Number
	}
	if a.BankCode == "" {
		a.BankCode = p.pre.account.BankCode
	}
	if a.Owner == "" {
		a.Owner = p.pre.account.Owner
	}
	return a
}

// statements returns the statements read. A single-currency file whose
// preamble or closing lines give an opening and a closing balance gets
// them, and an issue when its entries do not lead from one to the other.
func (p *parser) statements() []statement.Statement {
	out := make([]statement.Statement, 0, len(p.stmts))
	for _, st := range p.stmts {
		out = append(out, *st)
	}
	if len(out) == 1 && p.pre.opening != nil && p.pre.closing != nil {
		p.balances(&out[0])
	}
	return out
}

// balances sets the statement's balances from the balance lines, and
// checks them against its entries.
func (p *parser) balances(st *statement.Statement) {
	opening, k1 := parseAmount(p.pre.opening.value, st.Currency, p.excel)
	closing, k2 := parseAmount(p.pre.closing.value, st.Currency, p.excel)
	if k1 != "" || k2 != "" {
		return
	}
	st.Opening, st.Closing, st.HasBalances = opening, closing, true
	sum := opening
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
	if sum != closing {
		col := ""
		if i := p.pre.closing.index; i < len(p.header) {
			col = p.header[i]
		}
		p.issues.add(p.pre.closing.line, col, p.pre.closing.value, keyBalanceMismatch,
			amountText(sum), amountText(closing))
	}
}

// amountText writes an amount for a message: "31070.09 EUR".
func amountText(a money.Amount) string { return money.Decimal(a) + " " + string(a.Currency) }

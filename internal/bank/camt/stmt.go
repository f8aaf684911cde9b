package camt

import (
	"encoding/xml"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// headerFields are the children of Stmt read for the statement itself.
var headerFields = map[string]bool{"Id": true, "FrToDt": true, "Acct": true, "Bal": true}

// statement reads the Stmt or Ntfctn just started.
func (p *parser) statement(start xml.StartElement, line int) (statement.Statement, error) {
	b := newBudget()
	head, err := p.t.newNode(start, line, &b)
	if err != nil {
		return statement.Statement{}, err
	}
	var acctCcy money.Currency
	var entries []statement.Entry
	for {
		tok, line, err := p.t.next()
		if err != nil {
			return statement.Statement{}, p.t.unexpectedEnd(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			switch name := tk.Name.Local; {
			case name == "Ntry":
				e, issues, err := p.readEntry(tk, line, acctCcy)
				if err != nil {
					return statement.Statement{}, err
				}
				if len(issues) > 0 {
					p.issues.add(issues...)
					continue
				}
				if p.entries++; p.entries > maxEntries {
					return statement.Statement{}, fault(KeyTooComplex, line, "Ntry", "too many entries")
				}
				entries = append(entries, e)
			case headerFields[name]:
				n, err := p.t.collect(tk, line, &b, nil)
				if err != nil {
					return statement.Statement{}, err
				}
				head.kids = append(head.kids, n)
				if name == "Acct" && acctCcy == "" {
					c, is := accountCurrency(n)
					if is != nil {
						p.issues.add(*is)
					}
					acctCcy = c
				}
			default:
				if err := p.t.skip(); err != nil {
					return statement.Statement{}, err
				}
			}
		case xml.EndElement:
			return p.buildStatement(head, acctCcy, entries), nil
		}
	}
}

// buildStatement assembles a statement from its header and entries.
func (p *parser) buildStatement(head *node, acctCcy money.Currency, entries []statement.Entry) statement.Statement {
	st := statement.Statement{
		ID:       head.child("Id").raw(),
		Account:  readAccount(head.child("Acct")),
		Currency: acctCcy,
		Entries:  entries,
	}
	period := head.child("FrToDt")
	for _, f := range []struct {
		date  *civil.Date
		names []string
	}{{&st.From, []string{"FrDtTm", "FrDt"}}, {&st.To, []string{"ToDtTm", "ToDt"}}} {
		for _, name := range f.names {
			if n := period.child(name); n != nil {
				d, is := readDateValue(n, "FrToDt/"+name)
				if is != nil {
					p.issues.add(*is)
				}
				*f.date = d
				break
			}
		}
	}
	opening, closing, issues := readBalances(head.all("Bal"), acctCcy)
	p.issues.add(issues...)
	switch {
	case st.Currency != "":
	case opening.ok:
		st.Currency = opening.amount.Currency
	case closing.ok:
		st.Currency = closing.amount.Currency
	case len(entries) > 0:
		st.Currency = entries[0].Amount.Currency
	}
	p.issues.add(setBalances(&st, opening, closing)...)
	return st
}

package camt

import (
	"encoding/xml"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// entryFields are the children of Ntry the parser keeps; NtryDtls is
// read apart, TxDtls by TxDtls, and the others (Chrgs, Intrst, CardTx,
// AmtDtls…) are skipped unread.
var entryFields = map[string]bool{
	"NtryRef": true, "Amt": true, "CdtDbtInd": true, "RvslInd": true, "Sts": true,
	"BookgDt": true, "ValDt": true, "AcctSvcrRef": true, "BkTxCd": true, "AddtlNtryInf": true,
}

// readEntry reads the Ntry just started. It returns the entry, or the
// issues that leave it out.
func (p *parser) readEntry(start xml.StartElement, line int, acctCcy money.Currency) (statement.Entry, []statement.Issue, error) {
	b := newBudget()
	n, err := p.t.newNode(start, line, &b)
	if err != nil {
		return statement.Entry{}, nil, err
	}
	var txs []rawTx
	for {
		tok, line, err := p.t.next()
		if err != nil {
			return statement.Entry{}, nil, p.t.unexpectedEnd(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			switch name := tk.Name.Local; {
			case name == "NtryDtls":
				if txs, err = p.readDetails(txs); err != nil {
					return statement.Entry{}, nil, err
				}
			case entryFields[name]:
				kid, err := p.t.collect(tk, line, &b, nil)
				if err != nil {
					return statement.Entry{}, nil, err
				}
				n.kids = append(n.kids, kid)
			default:
				if err := p.t.skip(); err != nil {
					return statement.Entry{}, nil, err
				}
			}
		case xml.EndElement:
			e, issues := buildEntry(n, txs, acctCcy)
			return e, issues, nil
		}
	}
}

// readDetails reads the NtryDtls just started, adding its TxDtls to txs.
func (p *parser) readDetails(txs []rawTx) ([]rawTx, error) {
	for {
		tok, line, err := p.t.next()
		if err != nil {
			return nil, p.t.unexpectedEnd(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local != "TxDtls" {
				if err := p.t.skip(); err != nil {
					return nil, err
				}
				continue
			}
			if p.transactions++; p.transactions > maxTransactions {
				return nil, fault(KeyTooComplex, line, "TxDtls", "too many transactions")
			}
			b := newBudget()
			n, err := p.t.collect(tk, line, &b, txFields)
			if err != nil {
				return nil, err
			}
			txs = append(txs, readTx(n))
		case xml.EndElement:
			return txs, nil
		}
	}
}

// buildEntry turns a read Ntry and its transactions into an Entry, or
// into the issues that leave it out.
func buildEntry(n *node, txs []rawTx, acctCcy money.Currency) (statement.Entry, []statement.Issue) {
	var issues []statement.Issue
	note := func(is *statement.Issue) {
		if is != nil {
			issues = append(issues, *is)
		}
	}
	e := statement.Entry{Line: n.line}
	amount, is := readAmount(n.child("Amt"), "Ntry/Amt", n.line, acctCcy)
	note(is)
	credit, dirIssue := readDirection(n.child("CdtDbtInd"), "Ntry/CdtDbtInd", n.line)
	note(dirIssue)
	// Without the entry's currency and direction, its transactions'
	// amounts and counterparties cannot be told.
	core := is == nil && dirIssue == nil
	e.Amount, e.Credit = amount, credit
	e.Reversal, is = readReversal(n.child("RvslInd"), "Ntry/RvslInd")
	note(is)
	e.Status, is = readStatus(n.child("Sts"), "Ntry/Sts")
	note(is)
	e.BookingDate, is = readDate(n.child("BookgDt"), "Ntry/BookgDt")
	note(is)
	e.ValueDate, is = readDate(n.child("ValDt"), "Ntry/ValDt")
	note(is)
	if e.Ref = n.child("AcctSvcrRef").raw(); e.Ref == "" {
		e.Ref = n.child("NtryRef").raw()
	}
	e.BankCode = bankCode(n.child("BkTxCd"))
	e.Text = n.child("AddtlNtryInf").value()
	if e.Text == "" && len(txs) == 1 {
		e.Text = txs[0].additional
	}
	if core && len(txs) > 0 {
		e.Transactions = make([]statement.Transaction, 0, len(txs))
		for _, r := range txs {
			tx, is := r.build(e.Credit, e.Amount.Currency)
			note(is)
			e.Transactions = append(e.Transactions, tx)
		}
	}
	if len(issues) > 0 {
		return statement.Entry{}, issues
	}
	return e, nil
}

// bankCode reads BkTxCd: the ISO domain, family and sub-family
// ("PMNT/RCDT/ESCT"), else the bank's proprietary code.
func bankCode(n *node) string {
	domain := n.child("Domn")
	if code := domain.child("Cd").raw(); code != "" {
		for _, part := range []string{domain.path("Fmly", "Cd").raw(), domain.path("Fmly", "SubFmlyCd").raw()} {
			if part == "" {
				break
			}
			code += "/" + part
		}
		return code
	}
	return n.path("Prtry", "Cd").raw()
}

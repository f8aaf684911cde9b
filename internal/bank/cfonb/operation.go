package cfonb

import (
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// operation is a 04 record and what its 05 records add.
type operation struct {
	e    statement.Entry
	text []string
	// Names of the parties (NPY, NBE, NPO, NBU).
	payer, payee, ultimatePayer, ultimatePayee string
	tx                                         statement.Transaction
	// unstructured holds the LCC/LC2 lines as written, 70 characters a
	// half, trimmed once complete.
	unstructured []string
}

// operation reads a 04 record into the open statement.
func (p *parser) operation(rec record) {
	p.lastOp, p.opDropped = nil, true
	if p.cur == nil {
		p.issues.add(rec.line, "1-2", codeOperation, keyOperationOutside)
		return
	}
	if acct := rec.account(); acct != p.cur.account {
		p.issues.add(rec.line, "22-32", rec.zone(22, 32), keyAccountMismatch, acct, p.cur.account)
		p.cur.dropped = true
		return
	}
	booking, okBooking := p.date(rec, 35, 40, true)
	value, _ := p.date(rec, 43, 48, false)
	c, dec, ok := p.head(rec)
	if !ok || !okBooking {
		p.cur.dropped = true
		return
	}
	a, ok := p.amount(rec, dec, c)
	if !ok {
		p.cur.dropped = true
		return
	}
	op := &operation{e: statement.Entry{
		Line:        rec.line,
		Ref:         strings.TrimSpace(rec.zone(105, 120)),
		BookingDate: booking,
		ValueDate:   value,
		Amount:      a,
		Credit:      a.Minor > 0,
		Reversal:    strings.TrimSpace(rec.zone(41, 42)) != "",
		Status:      "booked",
		BankCode:    strings.TrimSpace(rec.zone(8, 11)),
	}}
	if a.Minor < 0 {
		op.e.Amount = a.Neg()
	}
	op.addText(rec.zone(49, 79))
	p.cur.ops = append(p.cur.ops, op)
	p.lastOp, p.opDropped = op, false
}

// detail reads a 05 record into the operation before it.
func (p *parser) detail(rec record) {
	if p.lastOp == nil {
		if !p.opDropped {
			p.issues.add(rec.line, "1-2", codeDetail, keyDetailWithoutOp)
		}
		return
	}
	op := p.lastOp
	text := rec.zone(49, 118)
	switch qualifier := strings.TrimSpace(rec.zone(46, 48)); qualifier {
	case "NPY":
		op.payer = strings.TrimSpace(text)
	case "NBE":
		op.payee = strings.TrimSpace(text)
	case "NPO":
		op.ultimatePayer = strings.TrimSpace(text)
	case "NBU":
		op.ultimatePayee = strings.TrimSpace(text)
	case "REF":
		if op.tx.AcctSvcrRef == "" {
			op.tx.AcctSvcrRef = strings.TrimSpace(text)
		} else {
			op.addText(text)
		}
	case "RCN":
		if op.tx.EndToEndID == "" {
			op.tx.EndToEndID = strings.TrimSpace(rec.zone(49, 83))
		}
		op.addText(rec.zone(84, 118))
	case "LCC":
		op.unstructured = append(op.unstructured, text)
	case "LC2":
		if n := len(op.unstructured); n > 0 {
			op.unstructured[n-1] += text
		} else {
			op.unstructured = append(op.unstructured, text)
		}
	case "LCS":
		if ref := strings.TrimSpace(text); ref != "" {
			op.tx.CreditorRefs = append(op.tx.CreditorRefs, ref)
		}
	default: // LIB, IPY, IBE, MMO, unknown and empty qualifiers
		op.addText(text)
	}
}

// addText adds a non-blank part to the entry's text.
func (op *operation) addText(s string) {
	if s = strings.TrimSpace(s); s != "" {
		op.text = append(op.text, s)
	}
}

// entry is the operation as an Entry, with one Transaction when its 05
// records give transaction details.
func (op *operation) entry() statement.Entry {
	e := op.e
	e.Text = strings.Join(op.text, " / ")
	tx := op.tx
	for _, u := range op.unstructured {
		if u = strings.TrimSpace(u); u != "" {
			tx.Unstructured = append(tx.Unstructured, u)
		}
	}
	names := []string{op.payee, op.ultimatePayee, op.payer, op.ultimatePayer}
	if e.Credit {
		names = []string{op.payer, op.ultimatePayer, op.payee, op.ultimatePayee}
	}
	for _, n := range names {
		if n != "" {
			tx.Counterparty = n
			break
		}
	}
	if tx.Counterparty != "" || tx.AcctSvcrRef != "" || tx.EndToEndID != "" ||
		len(tx.Unstructured) > 0 || len(tx.CreditorRefs) > 0 {
		e.Transactions = []statement.Transaction{tx}
	}
	return e
}

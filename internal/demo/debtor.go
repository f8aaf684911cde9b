package demo

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// historyDays is how far back the invoices go: eighteen months.
const historyDays = 548

// debtor generates one debtor and everything that happened with it.
func (g *gen) debtor(i int, seg segment, n int) error {
	d := &ledger.Debtor{CreditorID: g.o.CreditorID, Ref: fmt.Sprintf("C%05d", i), Lang: "fr"}
	g.identity(d, seg)
	// A few foreign customers read English; a French public body never does.
	if g.r.IntN(40) == 0 && d.Kind != ledger.KindPublic {
		d.Lang = "en"
	}
	dates := make([]civil.Date, n)
	for k := range dates {
		dates[k] = g.o.Today.AddDays(-g.r.IntN(historyDays))
	}
	slices.SortFunc(dates, func(a, b civil.Date) int { return a.Compare(b) })
	since := g.o.Today.AddDays(-g.r.IntN(60))
	if n > 0 {
		since = dates[0].AddDays(-1 - g.r.IntN(20))
	}
	d.CreatedAt = g.at(since)
	if err := g.w.AddDebtor(d); err != nil {
		return err
	}
	g.st.Debtors++
	g.st.Contacts += len(d.Contacts)
	g.event("debtor.created", since, d.ID, 0, payload("ref", d.Ref, "name", d.Name, "kind", string(d.Kind)))
	p := &payer{g: g, d: d, beh: g.behaviour(seg), seg: seg, batches: map[civil.Date][]open{}}
	for _, issue := range dates {
		if err := p.invoice(issue); err != nil {
			return err
		}
	}
	if err := p.payBatches(); err != nil {
		return err
	}
	return g.flushEvents()
}

// open is an invoice with what remains to pay on it.
type open struct {
	inv  *ledger.Invoice
	left int64
}

// payer plays one debtor's payment behaviour.
type payer struct {
	g       *gen
	d       *ledger.Debtor
	beh     behaviour
	seg     segment
	batches map[civil.Date][]open // grouped transfers by date
}

func (p *payer) invoice(issue civil.Date) error {
	g := p.g
	inv := &ledger.Invoice{DebtorID: p.d.ID, Kind: ledger.DocInvoice, Number: g.nextNumber("F", issue), IssueDate: issue,
		DueDate: g.dueDate(issue, p.seg), Amount: g.amount(p.seg), CreatedAt: g.at(issue)}
	if err := g.w.AddInvoice(inv); err != nil {
		return err
	}
	g.st.Invoices++
	g.event("invoice.created", issue, p.d.ID, inv.ID, payload("number", inv.Number, "amount", money.Decimal(inv.Amount),
		"currency", string(inv.Amount.Currency), "due_date", inv.DueDate.String()))
	o := open{inv: inv, left: inv.Amount.Minor}
	if g.r.IntN(100) < 3 {
		if err := p.creditNote(&o); err != nil {
			return err
		}
	}
	return p.settle(o)
}

// creditNote credits part or all of an invoice a few days after it.
func (p *payer) creditNote(o *open) error {
	g := p.g
	day := o.inv.IssueDate.AddDays(3 + g.r.IntN(18))
	if day.After(g.o.Today) {
		return nil
	}
	share := int64(10 + g.r.IntN(91))
	cn := &ledger.Invoice{DebtorID: p.d.ID, Kind: ledger.DocCreditNote, Number: g.nextNumber("AV", day), IssueDate: day,
		Amount: money.New(max(1, o.left*share/100), g.currency), CreatedAt: g.at(day)}
	if err := g.w.AddInvoice(cn); err != nil {
		return err
	}
	g.st.CreditNotes++
	g.eventAt("credit_note.created", cn.CreatedAt, p.d.ID, cn.ID, payload("number", cn.Number, "amount", money.Decimal(cn.Amount),
		"currency", string(cn.Amount.Currency), "invoice", o.inv.Number))
	a := &ledger.Allocation{InvoiceID: o.inv.ID, CreditNoteID: cn.ID, Amount: cn.Amount, CreatedAt: cn.CreatedAt.Add(time.Second)}
	if err := g.w.AddAllocation(a); err != nil {
		return err
	}
	g.st.Allocations++
	o.left -= cn.Amount.Minor
	g.eventAt("allocation.created", a.CreatedAt, p.d.ID, o.inv.ID, payload("invoice", o.inv.Number, "amount", money.Decimal(a.Amount), "credit_note", cn.Number))
	return nil
}

// settle decides when, and how much of, an invoice is paid.
func (p *payer) settle(o open) error {
	g := p.g
	due := o.inv.DueDate
	if o.left <= 0 {
		return nil
	}
	var paidOn civil.Date
	switch p.beh {
	case payOnTime:
		paidOn = due.AddDays(g.r.IntN(9) - 5)
	case payLate:
		paidOn = due.AddDays(5 + g.r.IntN(41))
	case payNever:
		if o.inv.IssueDate.Before(g.o.Today.AddDays(-270)) {
			paidOn = due.AddDays(20 + g.r.IntN(60))
		}
	case payGrouped:
		day := civil.D(due.Year, due.Month+1, 10)
		if !day.After(g.o.Today) {
			p.batches[day] = append(p.batches[day], o)
			paidOn = day
		}
		p.reminders(o.inv, paidOn)
		return nil
	case payPartly:
		first := due.AddDays(g.r.IntN(21))
		part := o.left * int64(30+g.r.IntN(41)) / 100
		if !first.After(g.o.Today) {
			if err := p.pay(first, part, []open{o}); err != nil {
				return err
			}
			o.left -= part
			if g.r.IntN(2) == 0 {
				paidOn = first.AddDays(20 + g.r.IntN(41))
			}
		}
	}
	if paidOn.IsZero() || paidOn.After(g.o.Today) {
		paidOn = civil.Date{}
	} else if err := p.pay(paidOn, o.left, []open{o}); err != nil {
		return err
	}
	p.reminders(o.inv, paidOn)
	return nil
}

// payBatches pays the grouped debtor's monthly transfers, each settling
// several invoices.
func (p *payer) payBatches() error {
	days := make([]civil.Date, 0, len(p.batches))
	for d := range p.batches {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b civil.Date) int { return a.Compare(b) })
	for _, day := range days {
		total := int64(0)
		for _, o := range p.batches[day] {
			total += o.left
		}
		if err := p.pay(day, total, p.batches[day]); err != nil {
			return err
		}
	}
	return nil
}

// pay records a payment of amount on day and allocates it over invs in
// order; now and then the debtor pays a little too much, which stays as
// unallocated credit.
func (p *payer) pay(day civil.Date, amount int64, invs []open) error {
	g := p.g
	if amount <= 0 {
		return nil
	}
	extra := int64(0)
	if g.r.IntN(100) == 0 {
		extra = int64(100 + g.r.IntN(5000))
	}
	method, ref := p.method(invs[0].inv.Number)
	at := g.at(day)
	pm := &ledger.Payment{DebtorID: p.d.ID, ReceivedOn: day, Amount: money.New(amount+extra, g.currency), Method: method,
		Reference: ref, CreatedAt: at}
	if err := g.w.AddPayment(pm); err != nil {
		return err
	}
	g.st.Payments++
	g.eventAt("payment.recorded", at, p.d.ID, 0, payload("amount", money.Decimal(pm.Amount), "currency", string(pm.Amount.Currency),
		"method", string(method), "reference", ref, "received_on", day.String()))
	left := amount
	for _, o := range invs {
		part := min(left, o.left)
		if part <= 0 {
			break
		}
		at = at.Add(time.Second)
		a := &ledger.Allocation{InvoiceID: o.inv.ID, PaymentID: pm.ID, Amount: money.New(part, g.currency), CreatedAt: at}
		if err := g.w.AddAllocation(a); err != nil {
			return err
		}
		g.st.Allocations++
		left -= part
		g.eventAt("allocation.created", at, p.d.ID, o.inv.ID, payload("invoice", o.inv.Number, "amount", money.Decimal(a.Amount), "payment_ref", ref))
	}
	return nil
}

func (p *payer) method(number string) (ledger.PaymentMethod, string) {
	g := p.g
	x := g.r.IntN(100)
	if p.seg == segConsumer {
		switch {
		case x < 40:
			return ledger.MethodCard, "CB " + number
		case x < 60:
			return ledger.MethodDirectDebit, "PRLV SEPA " + number
		case x < 70:
			g.cheque++
			return ledger.MethodCheque, "CHQ " + strconv.Itoa(3_100_000+g.cheque)
		}
	} else if x >= 80 {
		if x < 92 {
			g.cheque++
			return ledger.MethodCheque, "CHQ " + strconv.Itoa(3_100_000+g.cheque)
		}
		return ledger.MethodDirectDebit, "PRLV SEPA " + number
	}
	return ledger.MethodTransfer, "VIR SEPA " + number
}

// reminders journals the reminders a firm would have sent before the
// invoice was paid (or up to today when it is still open).
func (p *payer) reminders(inv *ledger.Invoice, paidOn civil.Date) {
	steps := []struct {
		days          int
		channel, step string
	}{{7, "email", "relance 1"}, {21, "email", "relance 2"}, {40, "letter", "relance 3"}}
	limit := p.g.o.Today
	if !paidOn.IsZero() {
		limit = paidOn.AddDays(-1)
	}
	for _, s := range steps {
		day := inv.DueDate.AddDays(s.days)
		if day.After(limit) {
			return
		}
		p.g.event("reminder.sent", day, p.d.ID, inv.ID, payload("channel", s.channel, "step", s.step, "invoice", inv.Number))
	}
}

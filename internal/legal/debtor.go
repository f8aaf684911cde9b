package legal

import (
	"context"
	"slices"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// Invoice is an invoice as the law sees it on a day: its interest and
// indemnity, its limitation period, its payment terms.
type Invoice struct {
	ledger.Invoice
	// Statement is the interest statement as of the day; HasStatement is
	// false for credit notes and for invoices not yet due. Err says why a
	// statement could not be computed (a missing rate), nil otherwise.
	Statement    legalfr.Statement
	HasStatement bool
	Err          error
	Limitation   legalfr.Limitation
	Terms        legalfr.TermCheck
	Notice       civil.Date // the last formal notice claiming it, zero when none
	// Costs are the recovery costs proven on it; above €40 in all they
	// replace the flat indemnity (D441-5 C. com.).
	Costs []ledger.RecoveryCost
}

// CostsTotal adds up the invoice's proven recovery costs.
func (i Invoice) CostsTotal() money.Amount {
	t := money.New(0, i.Amount.Currency)
	for _, c := range i.Costs {
		t.Minor += c.Amount.Minor
	}
	return t
}

// Penalties is what the statement adds to the principal: interest and
// indemnity.
func (i Invoice) Penalties() money.Amount {
	return money.New(i.Statement.Interest.Minor+i.Statement.Indemnity.Minor, i.Amount.Currency)
}

// Debtor is a debtor's legal position on a day.
type Debtor struct {
	Debtor     *ledger.Debtor
	AsOf       civil.Date
	Settings   ledger.LegalSettings
	Insolvency *ledger.Insolvency // nil when none
	Notices    []ledger.FormalNotice
	Invoices   []Invoice // by due date, oldest first
	// Over the open invoices past due: principal still due, interest,
	// indemnities, and their total.
	Principal, Interest, Indemnity, Total money.Amount
}

// Stopped reports whether collection must stop: the debtor is in
// collective proceedings.
func (d *Debtor) Stopped() bool { return d.Insolvency != nil }

// Position computes a debtor's legal position on day asOf: each invoice's
// interest (stopped at the judgment date when the debtor is in collective
// proceedings, art. L622-28 C. com.), limitation period and terms, with
// the organization's settings and the rates in force.
func Position(ctx context.Context, st store.Store, debtorID int64, asOf civil.Date) (*Debtor, error) {
	d, err := st.GetDebtor(ctx, debtorID)
	if err != nil {
		return nil, err
	}
	docs, err := st.ListInvoices(ctx, store.InvoiceQuery{DebtorID: debtorID, Limit: -1, Today: asOf})
	if err != nil {
		return nil, err
	}
	allocs, err := st.ListAllocations(ctx, store.AllocationQuery{DebtorID: debtorID})
	if err != nil {
		return nil, err
	}
	return Build(ctx, st, d, docs.Invoices, allocs, asOf)
}

// Build is Position for a caller that has already loaded the debtor, all
// its documents and its allocations (the debtor page shows them too).
func Build(ctx context.Context, st store.Store, d *ledger.Debtor, docs []ledger.Invoice, allocs []store.AllocationView, asOf civil.Date) (*Debtor, error) {
	out := &Debtor{Debtor: d, AsOf: asOf}
	var err error
	if out.Settings, err = st.LegalSettings(ctx); err != nil {
		return nil, err
	}
	if out.Insolvency, err = st.Insolvency(ctx, d.ID); ledger.IsNotFound(err) {
		out.Insolvency = nil
	} else if err != nil {
		return nil, err
	}
	if out.Notices, err = st.FormalNotices(ctx, d.ID); err != nil {
		return nil, err
	}
	rates, err := Rates(ctx, st)
	if err != nil {
		return nil, err
	}
	reminders, err := reminderDays(ctx, st, d.ID)
	if err != nil {
		return nil, err
	}
	costs, err := st.RecoveryCosts(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	costsOf := map[int64][]ledger.RecoveryCost{}
	for _, c := range costs {
		costsOf[c.InvoiceID] = append(costsOf[c.InvoiceID], c)
	}
	issued := map[int64]civil.Date{} // credit notes' dates
	for _, inv := range docs {
		if inv.Kind == ledger.DocCreditNote {
			issued[inv.ID] = inv.IssueDate
		}
	}
	cur := money.Currency("EUR")
	for _, inv := range docs {
		if inv.Kind != ledger.DocInvoice {
			continue
		}
		cur = inv.Amount.Currency
		pays, acknowledged := settlements(inv.ID, allocs, issued)
		out.Invoices = append(out.Invoices, out.invoice(inv, rates, pays, acknowledged, reminders[inv.ID], costsOf[inv.ID]))
	}
	slices.SortStableFunc(out.Invoices, func(a, b Invoice) int { return a.DueDate.Compare(b.DueDate) })
	out.Principal, out.Interest, out.Indemnity, out.Total = money.New(0, cur), money.New(0, cur), money.New(0, cur), money.New(0, cur)
	for _, li := range out.Invoices {
		if !li.HasStatement || li.Open().Minor <= 0 {
			continue
		}
		out.Principal.Minor += li.Statement.Principal.Minor
		out.Interest.Minor += li.Statement.Interest.Minor
		out.Indemnity.Minor += li.Statement.Indemnity.Minor
	}
	out.Total.Minor = out.Principal.Minor + out.Interest.Minor + out.Indemnity.Minor
	return out, nil
}

// Find returns the legal view of invoice id, nil when it is not one of the
// debtor's invoices.
func (d *Debtor) Find(id int64) *Invoice {
	for i := range d.Invoices {
		if d.Invoices[i].ID == id {
			return &d.Invoices[i]
		}
	}
	return nil
}

// invoice computes one invoice's legal view.
func (d *Debtor) invoice(inv ledger.Invoice, rates *legalfr.Table, pays []legalfr.Payment, acknowledged, reminders []civil.Date, costs []ledger.RecoveryCost) Invoice {
	li := Invoice{Invoice: inv, Terms: legalfr.CheckTerms(d.Debtor.Kind, inv.IssueDate, inv.DueDate), Costs: costs}
	for _, n := range d.Notices {
		if slices.Contains(n.InvoiceIDs, inv.ID) && !n.IssuedOn.After(d.AsOf) {
			li.Notice = n.IssuedOn
		}
	}
	var events []legalfr.LimitationEvent
	for _, on := range acknowledged {
		events = append(events, legalfr.LimitationEvent{On: on, Kind: legalfr.LimitationPartialPayment})
	}
	for _, n := range d.Notices {
		if slices.Contains(n.InvoiceIDs, inv.ID) {
			events = append(events, legalfr.LimitationEvent{On: n.IssuedOn, Kind: legalfr.LimitationFormalNotice})
		}
	}
	for _, r := range reminders {
		events = append(events, legalfr.LimitationEvent{On: r, Kind: legalfr.LimitationReminder})
	}
	li.Limitation = legalfr.LimitationOf(d.Debtor.Kind, inv.DueDate, events)

	until := d.AsOf
	if d.Insolvency != nil && d.Insolvency.JudgmentDate.Before(until) {
		until = d.Insolvency.JudgmentDate
	}
	if inv.Open().Minor <= 0 && len(pays) > 0 && pays[len(pays)-1].On.Before(until) {
		until = pays[len(pays)-1].On // settled: interest ran to the last payment
	}
	if !inv.DueDate.Before(until) {
		return li
	}
	s := d.Settings
	c := legalfr.Claim{Kind: d.Debtor.Kind, Principal: inv.Amount, Due: inv.DueDate, Until: until, Notice: li.Notice,
		Payments: pays, ContractRate: legalfr.BP(s.ContractRateBP), HasContractRate: s.HasContractRate,
		CreditorIsConsumer: s.CreditorIsConsumer, RecoveryCosts: li.CostsTotal()}
	li.Statement, li.Err = legalfr.Compute(rates, c, legalfr.Settings{Year365: s.Year365, PrincipalFirst: s.PrincipalFirst})
	li.HasStatement = li.Err == nil
	return li
}

// settlements are the payments and credit notes applied to an invoice,
// as dated payments: a payment on the day it was received, a credit note
// on its own date. acknowledged are the days of the debtor's payments
// alone: a payment acknowledges the debt (art. 2240 C. civ.), a credit
// note is the creditor's act and acknowledges nothing.
func settlements(invoiceID int64, allocs []store.AllocationView, creditNoteDates map[int64]civil.Date) (pays []legalfr.Payment, acknowledged []civil.Date) {
	for _, a := range allocs {
		if a.InvoiceID != invoiceID {
			continue
		}
		on := a.PaymentDate
		if a.CreditNoteID != 0 {
			on = creditNoteDates[a.CreditNoteID]
		} else {
			acknowledged = append(acknowledged, on)
		}
		pays = append(pays, legalfr.Payment{On: on, Amount: a.Amount, Credit: a.CreditNoteID != 0})
	}
	slices.SortStableFunc(pays, func(a, b legalfr.Payment) int { return a.On.Compare(b.On) })
	return pays, acknowledged
}

// reminderDays lists, by invoice, the days reminders were sent: they do
// not interrupt the limitation period, and the page says so.
func reminderDays(ctx context.Context, st store.Store, debtorID int64) (map[int64][]civil.Date, error) {
	events, err := st.Events(ctx, store.EventQuery{DebtorID: debtorID, Limit: 1000})
	if err != nil {
		return nil, err
	}
	out := map[int64][]civil.Date{}
	for _, e := range events {
		if e.Type == "reminder.sent" && e.InvoiceID != 0 {
			out[e.InvoiceID] = append(out[e.InvoiceID], civil.Today(e.At, civil.Paris))
		}
	}
	return out, nil
}

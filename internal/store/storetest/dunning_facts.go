package storetest

import (
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// act is an action of a plan.
func act(step string, ch ledger.Channel, when time.Time, invoices ...int64) ledger.Action {
	return ledger.Action{StepKey: step, Channel: ch, ScheduledFor: when, InvoiceIDs: invoices, ScenarioKey: "tpe", Template: step,
		AmountDue: eur(1000)}
}

// writePlan writes one debtor's plan and returns its actions.
func writePlan(t *testing.T, db *sqldb.DB, f Fixture, w store.PlanWrite) []ledger.Action {
	t.Helper()
	as, err := db.WritePlan(f.Ctx, []store.PlanWrite{w})
	must(t, err)
	return as
}

// facts reads the planning facts of q by debtor.
func facts(t *testing.T, db *sqldb.DB, f Fixture, q store.FactsQuery) ([]int64, map[int64]*dunning.Facts) {
	t.Helper()
	var ids []int64
	out := map[int64]*dunning.Facts{}
	must(t, db.PlanningFacts(f.Ctx, q, func(x *dunning.Facts) error {
		ids = append(ids, x.Debtor.ID)
		out[x.Debtor.ID] = x
		return nil
	}))
	return ids, out
}

func testPlanningFacts(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	day := func(s string) civil.Date { return civil.MustParse(s) }

	// Alpha: three open invoices (one paid in part, one disputed, one not
	// yet due), a credit note, a case whose reminders went out around the
	// 7-day window, replies, a pending promise, an active plan, a bounce.
	alpha := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C1", Name: "Alpha", Kind: ledger.KindBusiness, Lang: "en", Tags: []string{"vip", "btp"},
		Contacts: []ledger.Contact{{Name: "Compta", Email: "compta@alpha.test"}, {Name: "Boss", Email: "boss@alpha.test", Phone: "+33600000001", Primary: true}}}
	must(t, db.CreateDebtor(f.Ctx, alpha))
	f1 := f.Invoice(t, db, alpha.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	f2 := f.Invoice(t, db, alpha.ID, "F2", "2025-03-01", "2025-04-01", 50000)
	f3 := f.Invoice(t, db, alpha.ID, "F3", "2025-06-01", "2025-07-30", 70000)
	must(t, db.CreateInvoice(f.Ctx, &ledger.Invoice{DebtorID: alpha.ID, Kind: ledger.DocCreditNote, Number: "A1", IssueDate: day("2025-05-02"), Amount: eur(30000)}))
	must(t, db.RecordPayment(f.Ctx, &store.PaymentEntry{Payment: ledger.Payment{DebtorID: alpha.ID, ReceivedOn: day("2025-05-10"), Amount: eur(20000)},
		Allocations: []ledger.Allocation{{InvoiceID: f2.ID, Amount: eur(20000)}}}))
	chq := f.Payment(t, db, alpha.ID, "2025-05-20", 5000, "CHQ")
	must(t, db.ReversePayment(f.Ctx, chq.ID, day("2025-05-25"), "sans provision"))
	at(db, Now.Add(-96*time.Hour), func() {
		kept := &ledger.Promise{DebtorID: alpha.ID, Amount: eur(100), DueOn: day("2025-06-01")}
		must(t, db.RecordPromise(f.Ctx, kept))
		must(t, db.SetPromiseStatus(f.Ctx, kept.ID, ledger.PromiseKept, day("2025-06-01")))
	})
	var promise ledger.Promise
	at(db, Now.Add(-72*time.Hour), func() {
		promise = ledger.Promise{DebtorID: alpha.ID, Amount: eur(10000), DueOn: day("2025-06-20")}
		must(t, db.RecordPromise(f.Ctx, &promise))
	})
	at(db, Now.Add(-48*time.Hour), func() {
		must(t, db.OpenDispute(f.Ctx, &ledger.Dispute{DebtorID: alpha.ID, InvoiceID: f1.ID, Reason: "livraison incomplète"}))
	})
	plan := &ledger.PaymentPlan{DebtorID: alpha.ID, Instalments: []ledger.Instalment{{DueOn: day("2025-07-01"), Amount: eur(50000)},
		{DueOn: day("2025-08-01"), Amount: eur(50000)}}}
	must(t, db.RecordPaymentPlan(f.Ctx, plan))
	must(t, db.RecordBounce(f.Ctx, dunning.Bounce{DebtorID: alpha.ID, Address: "compta@alpha.test", Kind: "email", Reason: "550"}))
	must(t, db.SetRiskScore(f.Ctx, alpha.ID, 40))
	must(t, db.SetContactPause(f.Ctx, alpha.ID, ledger.ContactPause{PausedUntil: day("2025-06-20"), Reason: "congés"}))
	as := writePlan(t, db, f, store.PlanWrite{DebtorID: alpha.ID, Actions: []ledger.Action{
		act("s1", ledger.ChannelEmail, Now.Add(-8*24*time.Hour), f2.ID),
		act("s2", ledger.ChannelSMS, Now.Add(-6*24*time.Hour), f2.ID),
		act("s3", ledger.ChannelEmail, Now.Add(-time.Hour), f1.ID, f2.ID),
		act("s4", ledger.ChannelLetter, Now.Add(time.Hour), f1.ID, f2.ID),
	}})
	claimed, err := db.ClaimActions(f.Ctx, store.ClaimQuery{Now: Now.Add(2 * time.Hour), Worker: "setup", Lease: 30 * 24 * time.Hour, Limit: 10})
	must(t, err)
	if len(claimed) != 4 {
		t.Fatalf("claimed %d actions", len(claimed))
	}
	for i, when := range []time.Time{Now.Add(-7 * 24 * time.Hour), Now.Add(-7*24*time.Hour + time.Second), Now, Now.Add(time.Hour)} {
		must(t, db.MarkSent(f.Ctx, store.SentRecord{ID: as[i].ID, Worker: "setup", At: when, Recipient: "boss@alpha.test"}))
	}

	// Beta: an invoice due later than the horizon, no case.
	beta := f.Debtor(t, db, "C2", "Beta")
	f.Invoice(t, db, beta.ID, "B1", "2025-06-01", "2025-08-30", 10000)
	// Gamma: an open case, nothing due yet; two calls, one that reached
	// the debtor.
	gamma := f.Debtor(t, db, "C3", "Gamma")
	g1 := f.Invoice(t, db, gamma.ID, "G1", "2025-06-01", "2025-09-30", 10000)
	gcase, err := db.OpenCase(f.Ctx, gamma.ID)
	must(t, err)
	calls := writePlan(t, db, f, store.PlanWrite{DebtorID: gamma.ID, CaseID: gcase.ID, Actions: []ledger.Action{
		act("call1", ledger.ChannelCall, Now.Add(-48*time.Hour), g1.ID), act("call2", ledger.ChannelCall, Now.Add(-2*time.Hour), g1.ID)}})
	at(db, Now.Add(-30*time.Hour), func() { must(t, db.RecordCallOutcome(f.Ctx, calls[0].ID, ledger.CallPromise, "vendredi")) })
	at(db, Now.Add(-time.Hour), func() { must(t, db.RecordCallOutcome(f.Ctx, calls[1].ID, ledger.CallNoAnswer, "")) })
	// Delta: in liquidation, overdue, a bank fee written off only.
	delta := f.Debtor(t, db, "C4", "Delta")
	f.Invoice(t, db, delta.ID, "D1", "2025-04-15", "2025-05-15", 10000)
	must(t, db.CreatePayment(f.Ctx, &ledger.Payment{DebtorID: delta.ID, ReceivedOn: day("2025-06-01"), Amount: eur(100), Method: ledger.MethodBankFee}))
	must(t, db.RecordInsolvency(f.Ctx, &ledger.Insolvency{DebtorID: delta.ID, Kind: ledger.InsolvencyLiquidation, JudgmentDate: day("2025-06-01")}))
	// Epsilon: everything paid.
	eps := f.Debtor(t, db, "C5", "Epsilon")
	e1 := f.Invoice(t, db, eps.ID, "E1", "2025-04-01", "2025-05-01", 10000)
	must(t, db.RecordPayment(f.Ctx, &store.PaymentEntry{Payment: ledger.Payment{DebtorID: eps.ID, ReceivedOn: day("2025-05-02"), Amount: eur(10000)},
		Allocations: []ledger.Allocation{{InvoiceID: e1.ID, Amount: eur(10000)}}}))
	// Another organization's overdue debtor.
	other := g.Debtor(t, db, "Z1", "Zeta")
	g.Invoice(t, db, other.ID, "Z1", "2025-04-01", "2025-05-01", 10000)

	q := store.FactsQuery{Now: Now, DueBy: Today.AddDays(5)}
	ids, fs := facts(t, db, f, q)
	if len(ids) != 3 || ids[0] != alpha.ID || ids[1] != gamma.ID || ids[2] != delta.ID {
		t.Fatalf("debtors read = %v (alpha %d, gamma %d, delta %d)", ids, alpha.ID, gamma.ID, delta.ID)
	}
	a := fs[alpha.ID]
	if a.Debtor.Ref != "C1" || a.Debtor.Name != "Alpha" || a.Debtor.Kind != ledger.KindBusiness || a.Debtor.Lang != "en" ||
		a.Debtor.CreditorID != f.Creditor.ID || a.Debtor.OrgID != f.Org.ID || len(a.Debtor.Tags) != 2 || a.Debtor.Tags[0] != "btp" {
		t.Fatalf("alpha's debtor = %+v", a.Debtor)
	}
	if len(a.Debtor.Contacts) != 2 || a.Debtor.Contacts[0].Name != "Boss" || !a.Debtor.Contacts[0].Primary ||
		a.Debtor.Contacts[0].Phone != "+33600000001" || a.Debtor.Contacts[1].Email != "compta@alpha.test" {
		t.Fatalf("alpha's contacts = %+v", a.Debtor.Contacts)
	}
	if a.RiskScore != 40 || a.Pause.PausedUntil != day("2025-06-20") || a.Pause.Reason != "congés" || a.Pause.DoNotContact || a.Insolvent {
		t.Fatalf("alpha's holds = risk %d, pause %+v, insolvent %v", a.RiskScore, a.Pause, a.Insolvent)
	}
	if len(a.Invoices) != 3 || a.Invoices[0].ID != f2.ID || a.Invoices[1].ID != f1.ID || a.Invoices[2].ID != f3.ID {
		t.Fatalf("alpha's invoices = %+v", a.Invoices)
	}
	if i := a.Invoices[0]; i.Number != "F2" || i.Amount != eur(50000) || i.Outstanding != eur(30000) || i.LastPaidOn != day("2025-05-10") ||
		i.DueDate != day("2025-04-01") || i.IssueDate != day("2025-03-01") || i.Disputed {
		t.Fatalf("F2 = %+v", i)
	}
	if i := a.Invoices[1]; !i.Disputed || i.Outstanding != eur(100000) || !i.LastPaidOn.IsZero() {
		t.Fatalf("F1 = %+v", i)
	}
	if a.Credit != eur(30000) || a.Paid != eur(20000) {
		t.Fatalf("alpha's credit %v, paid %v", a.Credit, a.Paid)
	}
	if a.Case == nil || a.Case.Stage != ledger.StageAmicable || a.Case.DebtorID != alpha.ID || a.Case.ID != as[0].CaseID || a.Case.CreditorID != f.Creditor.ID {
		t.Fatalf("alpha's case = %+v", a.Case)
	}
	if len(a.Steps) != 4 || a.Steps[0].StepKey != "s1" || a.Steps[3].StepKey != "s4" || a.Steps[2].Status != ledger.ActionSent ||
		!a.Steps[2].SentAt.Equal(Now) || a.Steps[1].Channel != ledger.ChannelSMS || a.Steps[0].ActionID != as[0].ID ||
		!a.Steps[0].ScheduledFor.Equal(Now.Add(-8*24*time.Hour)) {
		t.Fatalf("alpha's steps = %+v", a.Steps)
	}
	// The 7 days before Now: after Now-7d, up to Now included.
	if len(a.Contacts7) != 2 || !a.Contacts7[0].Equal(Now.Add(-7*24*time.Hour+time.Second)) || !a.Contacts7[1].Equal(Now) {
		t.Fatalf("alpha's contacts in 7 days = %v", a.Contacts7)
	}
	if !a.LastReply.Equal(Now.Add(-48 * time.Hour)) {
		t.Fatalf("alpha's last reply = %v, want the dispute at %v", a.LastReply, Now.Add(-48*time.Hour))
	}
	if len(a.Promises) != 1 || a.Promises[0].ID != promise.ID || a.Promises[0].PaidBase != eur(20000) || len(a.Plans) != 1 ||
		a.Plans[0].ID != plan.ID || len(a.Plans[0].Instalments) != 2 {
		t.Fatalf("alpha's promises %+v, plans %+v", a.Promises, a.Plans)
	}
	if len(a.Bounced) != 1 || a.Bounced[0].Address != "compta@alpha.test" || a.Bounced[0].Kind != "email" {
		t.Fatalf("alpha's bounces = %+v", a.Bounced)
	}

	gm := fs[gamma.ID]
	if gm.Case == nil || gm.Case.ID != gcase.ID || len(gm.Invoices) != 1 || len(gm.Steps) != 2 || gm.RiskScore != -1 ||
		!gm.LastReply.Equal(Now.Add(-30*time.Hour)) || len(gm.Contacts7) != 2 {
		t.Fatalf("gamma = case %+v, invoices %d, steps %+v, risk %d, last reply %v, contacts %v", gm.Case, len(gm.Invoices), gm.Steps,
			gm.RiskScore, gm.LastReply, gm.Contacts7)
	}
	dl := fs[delta.ID]
	if !dl.Insolvent || dl.Case != nil || dl.Paid != eur(0) || !dl.LastReply.IsZero() || len(dl.Invoices) != 1 || dl.Credit != eur(0) ||
		len(dl.Steps) != 0 || len(dl.Contacts7) != 0 {
		t.Fatalf("delta = %+v", dl)
	}

	// A later horizon reads Beta too; a payment is a reply on its day.
	ids, fs = facts(t, db, f, store.FactsQuery{Now: Now, DueBy: day("2025-09-01")})
	if len(ids) != 4 || ids[1] != beta.ID || fs[beta.ID].Case != nil {
		t.Fatalf("debtors read with a later horizon = %v", ids)
	}
	// One debtor: the same facts.
	ids, fs = facts(t, db, f, store.FactsQuery{Now: Now, DueBy: q.DueBy, DebtorID: alpha.ID})
	if len(ids) != 1 || ids[0] != alpha.ID {
		t.Fatalf("one debtor read = %v", ids)
	}
	if b := fs[alpha.ID]; len(b.Invoices) != 3 || len(b.Steps) != 4 || len(b.Contacts7) != 2 || len(b.Debtor.Contacts) != 2 ||
		!b.LastReply.Equal(a.LastReply) || b.Credit != a.Credit || len(b.Promises) != 1 || len(b.Bounced) != 1 || b.Paid != a.Paid {
		t.Fatalf("alpha alone = %+v", b)
	}
	if ids, _ := facts(t, db, f, store.FactsQuery{Now: Now, DueBy: q.DueBy, DebtorID: beta.ID}); len(ids) != 0 {
		t.Fatalf("beta alone, not due = %v", ids)
	}
	if ids, _ := facts(t, db, f, store.FactsQuery{Now: Now, DueBy: q.DueBy, DebtorID: other.ID}); len(ids) != 0 {
		t.Fatalf("another organization's debtor read: %v", ids)
	}
	// As of an earlier time, the replies after it do not count.
	_, fs = facts(t, db, f, store.FactsQuery{Now: Now.Add(-60 * time.Hour), DueBy: q.DueBy, DebtorID: alpha.ID})
	if b := fs[alpha.ID]; !b.LastReply.Equal(Now.Add(-72*time.Hour)) || len(b.Contacts7) != 2 || !b.Contacts7[0].Equal(Now.Add(-7*24*time.Hour)) {
		t.Fatalf("alpha as of 60 hours before: last reply %v, contacts %v", b.LastReply, b.Contacts7)
	}
	// fn's error stops the read.
	stop := errStop{}
	n := 0
	err = db.PlanningFacts(f.Ctx, q, func(*dunning.Facts) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("error %v after %d calls", err, n)
	}
	// The other organization reads its own debtor only.
	gids, _ := facts(t, db, g, q)
	if len(gids) != 1 || gids[0] != other.ID {
		t.Fatalf("other organization reads %v", gids)
	}
}

type errStop struct{}

func (errStop) Error() string { return "stop" }

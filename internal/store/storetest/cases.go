package storetest

import (
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// actionStatus returns each action of the debtor by step.
func actionStatus(t *testing.T, db *sqldb.DB, f Fixture, debtorID int64) map[string]ledger.Action {
	t.Helper()
	as, err := db.Actions(f.Ctx, store.ActionQuery{DebtorID: debtorID})
	must(t, err)
	out := map[string]ledger.Action{}
	for _, a := range as {
		out[a.StepKey] = a
	}
	return out
}

func testCasesFollowPayments(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-05-01", "2025-05-31", 50000)
	c, err := db.OpenCase(f.Ctx, d.ID)
	must(t, err)
	again, err := db.OpenCase(f.Ctx, d.ID)
	must(t, err)
	if again.ID != c.ID || c.Stage != ledger.StageAmicable || !c.Open() {
		t.Fatalf("cases %+v then %+v", c, again)
	}
	plan := func(step string, at time.Time, invoices ...int64) {
		t.Helper()
		must(t, db.PlanAction(f.Ctx, &ledger.Action{CaseID: c.ID, StepKey: step, Channel: ledger.ChannelEmail, ScheduledFor: at, InvoiceIDs: invoices}))
	}
	plan("past", Now.Add(-24*time.Hour), i1.ID)
	plan("next", Now.Add(48*time.Hour), i1.ID, i2.ID)
	plan("letter", Now.Add(96*time.Hour), i2.ID)
	wantCode(t, db.PlanAction(f.Ctx, &ledger.Action{CaseID: c.ID, StepKey: "next", Channel: ledger.ChannelSMS, ScheduledFor: Now, InvoiceIDs: []int64{i1.ID}}), ledger.EConflict)
	wantCode(t, db.PlanAction(f.Ctx, &ledger.Action{CaseID: c.ID, StepKey: "x", Channel: "fax", ScheduledFor: Now, InvoiceIDs: []int64{i1.ID}}), ledger.EInvalid)

	// F1 paid: the action about F1 alone is cancelled, the others wait.
	p1 := &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: Today, Amount: eur(100000)},
		Allocations: []ledger.Allocation{{InvoiceID: i1.ID, Amount: eur(100000)}}}
	must(t, db.RecordPayment(f.Ctx, p1))
	st := actionStatus(t, db, f, d.ID)
	if st["past"].Status != ledger.ActionCancelled || st["past"].SkipReason != ledger.SkipPaid || st["next"].Status != ledger.ActionPlanned ||
		st["letter"].Status != ledger.ActionPlanned || len(st["next"].InvoiceIDs) != 2 {
		t.Fatalf("after F1 paid: %+v", st)
	}
	// F2 paid in part: nothing changes; in full: everything is cancelled
	// and the case closes.
	f.Payment(t, db, d.ID, "2025-06-15", 1, "")
	p2 := &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: Today, Amount: eur(50000)},
		Allocations: []ledger.Allocation{{InvoiceID: i2.ID, Amount: eur(20000)}}}
	must(t, db.RecordPayment(f.Ctx, p2))
	if st := actionStatus(t, db, f, d.ID); st["letter"].Status != ledger.ActionPlanned {
		t.Fatalf("after F2 paid in part: %+v", st)
	}
	pays, _ := db.ListPayments(f.Ctx, store.PaymentQuery{DebtorID: d.ID})
	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i2.ID, PaymentID: pays.Payments[2].ID, Amount: eur(30000)}))
	st = actionStatus(t, db, f, d.ID)
	if st["next"].Status != ledger.ActionCancelled || st["letter"].Status != ledger.ActionCancelled {
		t.Fatalf("after F2 paid: %+v", st)
	}
	cs, err := db.Cases(f.Ctx, d.ID)
	must(t, err)
	if len(cs) != 1 || cs[0].Open() || cs[0].Stage != ledger.StageClosed || cs[0].CloseReason != "paid" {
		t.Fatalf("case after everything paid: %+v", cs)
	}
	wantCode(t, db.PlanAction(f.Ctx, &ledger.Action{CaseID: c.ID, StepKey: "late", Channel: ledger.ChannelEmail, ScheduledFor: Now, InvoiceIDs: []int64{i2.ID}}), ledger.EConflict)

	// The payment that settled F2 is returned: the case reopens at its
	// stage, the actions about F2 still to come are back; the one whose
	// time has passed stays cancelled.
	must(t, db.ReversePayment(f.Ctx, pays.Payments[2].ID, Today, "AM04"))
	cs, _ = db.Cases(f.Ctx, d.ID)
	if len(cs) != 1 || !cs[0].Open() || cs[0].Stage != ledger.StageAmicable {
		t.Fatalf("case after the reversal: %+v", cs)
	}
	st = actionStatus(t, db, f, d.ID)
	if st["next"].Status != ledger.ActionPlanned || st["letter"].Status != ledger.ActionPlanned || st["past"].Status != ledger.ActionCancelled {
		t.Fatalf("after the reversal: %+v", st)
	}
	must(t, db.ReversePayment(f.Ctx, p1.Payment.ID, Today, "AM04"))
	if st := actionStatus(t, db, f, d.ID); st["past"].Status != ledger.ActionCancelled {
		t.Fatalf("an action whose time has passed came back: %+v", st["past"])
	}
	evs, _ := db.Events(f.Ctx, store.EventQuery{DebtorID: d.ID})
	counts := map[string]int{}
	for _, e := range evs {
		counts[e.Type]++
	}
	if counts["action.cancelled"] != 3 || counts["case.closed"] != 1 || counts["case.reopened"] != 1 || counts["action.reinstated"] != 2 ||
		counts["action.planned"] != 3 || counts["case.opened"] != 1 {
		t.Fatalf("journal = %v", counts)
	}
	// Another organization sees none of it.
	g := NewFixture(t, db, "Other")
	if as, _ := db.Actions(g.Ctx, store.ActionQuery{}); len(as) != 0 {
		t.Fatalf("other org sees %d actions", len(as))
	}
	wantCode(t, db.PlanAction(g.Ctx, &ledger.Action{CaseID: c.ID, StepKey: "x", Channel: ledger.ChannelEmail, ScheduledFor: Now, InvoiceIDs: []int64{i1.ID}}), ledger.ENotFound)
}

package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/journal"
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

func testAssignCase(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	inv := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	c, err := db.OpenCase(f.Ctx, d.ID)
	must(t, err)
	must(t, db.PlanAction(f.Ctx, &ledger.Action{CaseID: c.ID, StepKey: "call", Channel: ledger.ChannelCall, ScheduledFor: Now, InvoiceIDs: []int64{inv.ID}}))
	agent := &ledger.User{Email: "zoe@acme.test", Name: "Zoé Agent"}
	must(t, db.CreateUser(context.Background(), agent))
	must(t, db.AddMembership(context.Background(), ledger.Membership{OrgID: f.Org.ID, UserID: agent.ID, Role: "agent"}))
	anon := &ledger.User{Email: "anon@acme.test"}
	must(t, db.CreateUser(context.Background(), anon))
	must(t, db.AddMembership(context.Background(), ledger.Membership{OrgID: f.Org.ID, UserID: anon.ID, Role: "viewer"}))

	// The organization's members, by name; the other's are not among them.
	ms, err := db.Members(f.Ctx)
	must(t, err)
	if len(ms) != 3 || ms[0].UserID != f.User.ID || ms[0].Role != "admin" || ms[0].Name != f.User.Name || ms[0].Email != f.User.Email ||
		ms[1].UserID != anon.ID || ms[1].Label() != "anon@acme.test" || ms[2].UserID != agent.ID || ms[2].Role != "agent" {
		t.Fatalf("members = %+v", ms)
	}
	if _, err := db.Members(context.Background()); err == nil {
		t.Fatal("members listed without an organization")
	}

	owner := func() int64 {
		t.Helper()
		cs, err := db.Cases(f.Ctx, d.ID)
		must(t, err)
		return cs[0].OwnerID
	}
	mine := func(id int64) int {
		t.Helper()
		as, err := db.ListActions(f.Ctx, store.ActionQuery{OwnerID: id, Channel: ledger.ChannelCall})
		must(t, err)
		return len(as)
	}
	assigned := func() []journal.Event {
		t.Helper()
		evs, err := db.Events(f.Ctx, store.EventQuery{DebtorID: d.ID})
		must(t, err)
		var out []journal.Event
		for _, e := range evs {
			if e.Type == "case.assigned" {
				out = append(out, e)
			}
		}
		return out
	}

	must(t, db.AssignCase(f.Ctx, c.ID, agent.ID))
	if owner() != agent.ID || mine(agent.ID) != 1 || mine(f.User.ID) != 0 {
		t.Fatalf("after assigning: owner %d, agent's calls %d", owner(), mine(agent.ID))
	}
	evs := assigned()
	if len(evs) != 1 {
		t.Fatalf("case.assigned events: %+v", evs)
	}
	var p struct {
		Case    int64  `json:"case"`
		OwnerID int64  `json:"owner_id"`
		Owner   string `json:"owner"`
	}
	must(t, json.Unmarshal(evs[0].Payload, &p))
	if p.Case != c.ID || p.OwnerID != agent.ID || p.Owner != "Zoé Agent" || evs[0].ActorID != f.User.ID {
		t.Fatalf("case.assigned payload %s by %d", evs[0].Payload, evs[0].ActorID)
	}
	// The same owner again changes nothing and journals nothing.
	must(t, db.AssignCase(f.Ctx, c.ID, agent.ID))
	if len(assigned()) != 1 {
		t.Fatalf("assigning the same owner again was journaled")
	}
	// A member without a name is named by their e-mail.
	must(t, db.AssignCase(f.Ctx, c.ID, anon.ID))
	must(t, json.Unmarshal(assigned()[0].Payload, &p))
	if owner() != anon.ID || p.Owner != "anon@acme.test" {
		t.Fatalf("owner %d, payload %+v", owner(), p)
	}

	// Someone who is not a member, or no such user, is refused on the
	// field "owner" and changes nothing.
	for _, id := range []int64{g.User.ID, 987654321, -1} {
		err := db.AssignCase(f.Ctx, c.ID, id)
		wantCode(t, err, ledger.EInvalid)
		var le *ledger.Error
		if !errors.As(err, &le) || le.Field != "owner" {
			t.Fatalf("owner %d: %v", id, err)
		}
	}
	if owner() != anon.ID {
		t.Fatalf("a refused owner changed the case's: %d", owner())
	}
	// Another organization's case is not found, even with its own member.
	wantCode(t, db.AssignCase(g.Ctx, c.ID, g.User.ID), ledger.ENotFound)
	wantCode(t, db.AssignCase(f.Ctx, 987654321, agent.ID), ledger.ENotFound)
	if owner() != anon.ID {
		t.Fatalf("another organization changed the case's owner: %d", owner())
	}

	// 0 leaves the case to nobody.
	must(t, db.AssignCase(f.Ctx, c.ID, 0))
	must(t, json.Unmarshal(assigned()[0].Payload, &p))
	if owner() != 0 || mine(anon.ID) != 0 || len(assigned()) != 3 || p.OwnerID != 0 || p.Owner != "" {
		t.Fatalf("unassigned: owner %d, %d events, payload %+v", owner(), len(assigned()), p)
	}
	if _, err := db.VerifyJournal(context.Background()); err != nil {
		t.Fatal(err)
	}
}

package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// getAction reads an action through the list API.
func getAction(t *testing.T, db *sqldb.DB, f Fixture, id int64) *store.ActionView {
	t.Helper()
	v, err := db.GetAction(f.Ctx, id)
	must(t, err)
	return v
}

func testWritePlan(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-04-01", "2025-06-20", 50000)
	e := f.Debtor(t, db, "C2", "Autre")
	j1 := f.Invoice(t, db, e.ID, "G1", "2025-04-01", "2025-05-01", 1000)

	// A first plan opens the cases (preventive for one), and writes the
	// actions with everything the planner decided.
	pre := act("j-3", ledger.ChannelEmail, Now.Add(24*time.Hour), i2.ID)
	pre.Stage, pre.AttachLetter = ledger.StagePreventive, true
	ferme := act("j+15", ledger.ChannelLetter, Now.Add(48*time.Hour), i1.ID, i1.ID, i2.ID)
	ferme.Approval, ferme.Registered, ferme.Stage, ferme.AmountDue = true, true, ledger.StageFormalNotice, eur(150000)
	out, err := db.WritePlan(f.Ctx, []store.PlanWrite{
		{DebtorID: d.ID, Stage: ledger.StagePreventive, Actions: []ledger.Action{pre, ferme}},
		{DebtorID: e.ID, Actions: []ledger.Action{act("j+1", ledger.ChannelSMS, Now.Add(time.Hour), j1.ID)}},
	})
	must(t, err)
	if len(out) != 3 || out[0].ID == 0 || out[1].ID == 0 || out[2].ID == 0 || out[0].CaseID == 0 || out[0].CaseID == out[2].CaseID ||
		out[0].DebtorID != d.ID || out[2].DebtorID != e.ID || out[0].Status != ledger.ActionPlanned || out[1].Status != ledger.ActionAwaitingApproval {
		t.Fatalf("plan written = %+v", out)
	}
	cs, err := db.Cases(f.Ctx, d.ID)
	must(t, err)
	if len(cs) != 1 || cs[0].ID != out[0].CaseID || cs[0].Stage != ledger.StagePreventive || cs[0].CreditorID != f.Creditor.ID {
		t.Fatalf("d's cases = %+v", cs)
	}
	if cs, _ := db.Cases(f.Ctx, e.ID); len(cs) != 1 || cs[0].Stage != ledger.StageAmicable {
		t.Fatalf("e's cases = %+v", cs)
	}
	v := getAction(t, db, f, out[1].ID)
	if v.StepKey != "j+15" || v.Channel != ledger.ChannelLetter || !v.ScheduledFor.Equal(Now.Add(48*time.Hour)) || !v.Approval ||
		!v.Registered || v.AttachLetter || v.Stage != ledger.StageFormalNotice || v.AmountDue != eur(150000) || v.ScenarioKey != "tpe" ||
		v.Template != "j+15" || len(v.InvoiceIDs) != 2 || v.CreatedAt.IsZero() || v.Status != ledger.ActionAwaitingApproval {
		t.Fatalf("action read back = %+v", v)
	}
	caseD := out[0].CaseID

	// The same plan again: the steps exist, nothing changes (ID 0); the
	// case moves to amicable; a duplicate in the input is left too.
	later := act("j-3", ledger.ChannelEmail, Now.Add(72*time.Hour), i2.ID)
	out2, err := db.WritePlan(f.Ctx, []store.PlanWrite{{DebtorID: d.ID, CaseID: caseD, Stage: ledger.StageAmicable,
		Actions: []ledger.Action{later, act("j+30", ledger.ChannelEmail, Now.Add(96*time.Hour), i1.ID), act("j+30", ledger.ChannelSMS, Now, i1.ID)}}})
	must(t, err)
	if len(out2) != 3 || out2[0].ID != 0 || out2[1].ID == 0 || out2[2].ID != 0 || out2[0].CaseID != caseD {
		t.Fatalf("second plan = %+v", out2)
	}
	if v := getAction(t, db, f, out[0].ID); !v.ScheduledFor.Equal(Now.Add(24 * time.Hour)) {
		t.Fatalf("an existing action changed: %+v", v)
	}
	if v := getAction(t, db, f, out2[1].ID); v.Channel != ledger.ChannelEmail {
		t.Fatalf("the duplicate overwrote the first: %+v", v)
	}
	if cs, _ := db.Cases(f.Ctx, d.ID); cs[0].Stage != ledger.StageAmicable {
		t.Fatalf("case after the second plan = %+v", cs)
	}

	// Revived: an action skipped for a passing reason comes back with
	// the new time, invoices and amount; rejected, paid or possibly sent
	// ones do not.
	claimed, err := db.ClaimActions(f.Ctx, store.ClaimQuery{Now: Now.Add(30 * time.Hour), Worker: "w", Lease: time.Minute, Limit: 10,
		Channels: []ledger.Channel{ledger.ChannelEmail}})
	must(t, err)
	if len(claimed) != 1 || claimed[0].ID != out[0].ID {
		t.Fatalf("claimed = %+v", claimed)
	}
	must(t, db.ReleaseAction(f.Ctx, store.Release{ID: out[0].ID, Worker: "w", Status: ledger.ActionSkipped, Reason: "weekly_cap"}))
	n, err := db.DecideActions(f.Ctx, []int64{out[1].ID}, false)
	must(t, err)
	if n != 1 {
		t.Fatalf("rejected %d", n)
	}
	revive := act("j-3", ledger.ChannelEmail, Now.Add(120*time.Hour), i1.ID, i2.ID)
	revive.AmountDue = eur(150000)
	out3, err := db.WritePlan(f.Ctx, []store.PlanWrite{{CaseID: caseD, Actions: []ledger.Action{revive, act("j+15", ledger.ChannelLetter, Now, i1.ID)}}})
	must(t, err)
	if out3[0].ID != out[0].ID || out3[1].ID != 0 || out3[0].DebtorID != d.ID {
		t.Fatalf("third plan = %+v", out3)
	}
	v = getAction(t, db, f, out[0].ID)
	if v.Status != ledger.ActionPlanned || v.SkipReason != "" || !v.ScheduledFor.Equal(Now.Add(120*time.Hour)) || len(v.InvoiceIDs) != 2 ||
		v.AmountDue != eur(150000) || v.LeaseOwner != "" || v.Attempts != 1 {
		t.Fatalf("revived = %+v", v)
	}
	if v := getAction(t, db, f, out[1].ID); v.Status != ledger.ActionCancelled || v.SkipReason != "rejected" {
		t.Fatalf("the rejected action came back: %+v", v)
	}
	// Paid: F2 settled, the action about it alone is cancelled, and stays.
	must(t, db.RecordPayment(f.Ctx, &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: Today, Amount: eur(50000)},
		Allocations: []ledger.Allocation{{InvoiceID: i2.ID, Amount: eur(50000)}}}))
	onlyF2 := writePlan(t, db, f, store.PlanWrite{CaseID: caseD, Actions: []ledger.Action{act("f2-only", ledger.ChannelSMS, Now.Add(200*time.Hour), i2.ID)}})
	must(t, db.RecordPayment(f.Ctx, &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: Today, Amount: eur(1)}}))
	if v := getAction(t, db, f, onlyF2[0].ID); v.Status != ledger.ActionCancelled || v.SkipReason != ledger.SkipPaid {
		t.Fatalf("action about a paid invoice = %+v", v)
	}
	if again := writePlan(t, db, f, store.PlanWrite{CaseID: caseD, Actions: []ledger.Action{act("f2-only", ledger.ChannelSMS, Now, i1.ID)}}); again[0].ID != 0 {
		t.Fatalf("a paid action came back: %+v", again)
	}

	// Promises and plans settled with the plan.
	p := &ledger.Promise{DebtorID: d.ID, Amount: eur(1000), DueOn: Today}
	must(t, db.RecordPromise(f.Ctx, p))
	pl := &ledger.PaymentPlan{DebtorID: d.ID, Instalments: []ledger.Instalment{{DueOn: Today, Amount: eur(1000)}}}
	must(t, db.RecordPaymentPlan(f.Ctx, pl))
	_, err = db.WritePlan(f.Ctx, []store.PlanWrite{{CaseID: caseD, Promises: map[int64]ledger.PromiseStatus{p.ID: ledger.PromiseBroken},
		Plans: map[int64]ledger.PlanStatus{pl.ID: ledger.PlanCompleted}, On: civil.MustParse("2025-06-14")}})
	must(t, err)
	if ps, _ := db.Promises(f.Ctx, d.ID); ps[0].Status != ledger.PromiseBroken || ps[0].ClosedOn != civil.MustParse("2025-06-14") {
		t.Fatalf("promise = %+v", ps)
	}
	if pls, _ := db.PaymentPlans(f.Ctx, d.ID); pls[0].Status != ledger.PlanCompleted {
		t.Fatalf("plan = %+v", pls)
	}

	// Refusals write nothing.
	_, err = db.WritePlan(f.Ctx, []store.PlanWrite{{CaseID: caseD, Actions: []ledger.Action{act("x", "fax", Now, i1.ID)}}})
	wantCode(t, err, ledger.EInvalid)
	_, err = db.WritePlan(f.Ctx, []store.PlanWrite{{CaseID: caseD, Actions: []ledger.Action{act("x", ledger.ChannelSMS, Now)}}})
	wantCode(t, err, ledger.EInvalid)
	_, err = db.WritePlan(f.Ctx, []store.PlanWrite{{CaseID: caseD, DebtorID: e.ID}})
	wantCode(t, err, ledger.EInvalid)
	_, err = db.WritePlan(f.Ctx, []store.PlanWrite{{CaseID: caseD, Promises: map[int64]ledger.PromiseStatus{p.ID: ledger.PromisePending}}})
	wantCode(t, err, ledger.EInvalid)
	// Tenancy: another organization's case or debtor is not found.
	_, err = db.WritePlan(g.Ctx, []store.PlanWrite{{CaseID: caseD, Actions: []ledger.Action{act("x", ledger.ChannelSMS, Now, i1.ID)}}})
	wantCode(t, err, ledger.ENotFound)
	_, err = db.WritePlan(g.Ctx, []store.PlanWrite{{DebtorID: d.ID, Actions: []ledger.Action{act("x", ledger.ChannelSMS, Now, i1.ID)}}})
	wantCode(t, err, ledger.ENotFound)
	if as, _ := db.ListActions(g.Ctx, store.ActionQuery{}); len(as) != 0 {
		t.Fatalf("other org sees %d actions", len(as))
	}

	c := eventCounts(t, db, f, d.ID)
	if c["case.opened"] != 1 || c["case.stage"] != 1 || c["action.planned"] != 5 || c["promise.broken"] != 1 || c["plan.completed"] != 1 {
		t.Fatalf("journal = %v", c)
	}
	evs, _ := db.Events(f.Ctx, store.EventQuery{DebtorID: d.ID, Limit: 1})
	pg, err := db.ListDebtors(f.Ctx, store.DebtorQuery{Search: "Client"}, Today)
	must(t, err)
	if len(pg.Rows) == 0 || pg.Rows[0].Debtor.ID != d.ID || pg.Rows[0].LastEvent != evs[0].Type || !pg.Rows[0].LastAction.Equal(evs[0].At) {
		t.Fatalf("debtor's last action = %+v, last event %+v", pg.Rows, evs[0])
	}
	if _, err := db.VerifyJournal(f.Ctx); err != nil {
		t.Fatalf("journal: %v", err)
	}
}

func testOutbox(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	notice := act("med", ledger.ChannelEmail, Now.Add(-2*time.Hour), i1.ID)
	notice.Stage = ledger.StageFormalNotice
	sms := act("sms", ledger.ChannelSMS, Now.Add(-time.Hour), i1.ID)
	sms.Stage = ledger.StageAmicable
	letter := act("letter", ledger.ChannelLetter, Now.Add(time.Hour), i1.ID)
	ask := act("ask", ledger.ChannelEmail, Now.Add(-3*time.Hour), i1.ID)
	ask.Approval = true
	call := act("call", ledger.ChannelCall, Now.Add(5*time.Hour), i1.ID)
	as := writePlan(t, db, f, store.PlanWrite{DebtorID: d.ID, Actions: []ledger.Action{notice, sms, letter, ask, call}})
	med, sid, lid, aid, cid := as[0].ID, as[1].ID, as[2].ID, as[3].ID, as[4].ID

	// Leases run on the store's clock: each step sets it.
	claim := func(now time.Time, worker string, chans ...ledger.Channel) (got []ledger.Action) {
		t.Helper()
		at(db, now, func() {
			var err error
			got, err = db.ClaimActions(f.Ctx, store.ClaimQuery{Now: now, Worker: worker, Lease: 10 * time.Minute, Limit: 10, Channels: chans})
			must(t, err)
		})
		return got
	}
	markSent := func(ctx context.Context, r store.SentRecord) (err error) {
		at(db, r.At, func() { err = db.MarkSent(ctx, r) })
		return err
	}
	_, err := db.ClaimActions(f.Ctx, store.ClaimQuery{Now: Now, Lease: time.Minute})
	wantCode(t, err, ledger.EInvalid)
	// Due, planned, unleased: the notice then the SMS; not the letter (later),
	// nor the action awaiting approval.
	got := claim(Now, "w1")
	if len(got) != 2 || got[0].ID != med || got[1].ID != sid || got[0].LeaseOwner != "w1" || got[0].Attempts != 1 ||
		!got[0].LeaseUntil.Equal(Now.Add(10*time.Minute)) || len(got[0].InvoiceIDs) != 1 || got[0].InvoiceIDs[0] != i1.ID {
		t.Fatalf("claimed = %+v", got)
	}
	if again := claim(Now.Add(time.Minute), "w2"); len(again) != 0 {
		t.Fatalf("claimed under a live lease: %+v", again)
	}
	if other, _ := db.ClaimActions(g.Ctx, store.ClaimQuery{Now: Now.Add(time.Hour), Worker: "g", Lease: time.Minute}); len(other) != 0 {
		t.Fatalf("another organization claims %+v", other)
	}
	// The lease runs out: w2 takes them over, by channel.
	got = claim(Now.Add(11*time.Minute), "w2", ledger.ChannelSMS)
	if len(got) != 1 || got[0].ID != sid || got[0].Attempts != 2 || got[0].LeaseOwner != "w2" {
		t.Fatalf("claimed after the lease = %+v", got)
	}
	got = claim(Now.Add(11*time.Minute), "w2")
	if len(got) != 1 || got[0].ID != med {
		t.Fatalf("claimed the rest = %+v", got)
	}

	// w1 lost the lease: it may not send.
	sent := store.SentRecord{ID: med, Worker: "w1", At: Now.Add(12 * time.Minute), Recipient: "client@test", MessageID: "<med.1@recouvre>",
		Content: store.ActionContent{Subject: "Mise en demeure", Body: "Madame, Monsieur", HTML: "<p>Madame</p>", Data: []byte(`{"total":"1000.00"}`)}}
	wantCode(t, markSent(f.Ctx, sent), ledger.EConflict)
	sent.Worker = "w2"
	wantCode(t, markSent(g.Ctx, sent), ledger.ENotFound)
	must(t, markSent(f.Ctx, sent))
	wantCode(t, markSent(f.Ctx, sent), ledger.EConflict)
	v := getAction(t, db, f, med)
	if v.Status != ledger.ActionSent || !v.SentAt.Equal(sent.At) || v.Recipient != "client@test" || v.MessageID != "<med.1@recouvre>" ||
		v.CaseStage != ledger.StageFormalNotice || v.DebtorRef != "C1" || v.DebtorName != "Client" || v.DebtorKind != ledger.KindBusiness {
		t.Fatalf("sent = %+v", v)
	}
	c, err := db.ActionContent(f.Ctx, med)
	must(t, err)
	if c.Subject != "Mise en demeure" || c.Body != "Madame, Monsieur" || c.HTML != "<p>Madame</p>" || string(c.Data) != `{"total":"1000.00"}` {
		t.Fatalf("content = %+v", c)
	}
	_, err = db.ActionContent(g.Ctx, med)
	wantCode(t, err, ledger.ENotFound)
	_, err = db.ActionContent(f.Ctx, sid)
	wantCode(t, err, ledger.ENotFound)
	must(t, db.ConfirmAction(f.Ctx, med, "250 OK"))
	if v := getAction(t, db, f, med); v.ConfirmedAt.IsZero() || v.ProviderRef != "250 OK" || v.LeaseOwner != "" || !v.LeaseUntil.IsZero() {
		t.Fatalf("confirmed = %+v", v)
	}
	wantCode(t, db.ConfirmAction(f.Ctx, sid, "x"), ledger.EConflict)
	wantCode(t, db.ConfirmAction(g.Ctx, med, "x"), ledger.ENotFound)

	// The SMS, at an earlier stage, goes out: the case stays at the
	// formal notice. It is never confirmed: once its lease ran out it
	// fails as unconfirmed and is not claimed again.
	must(t, markSent(f.Ctx, store.SentRecord{ID: sid, Worker: "w2", At: Now.Add(13 * time.Minute), Recipient: "+33600000000"}))
	if v := getAction(t, db, f, sid); v.CaseStage != ledger.StageFormalNotice {
		t.Fatalf("the case went back to %s", v.CaseStage)
	}
	if got := claim(Now.Add(20*time.Minute), "w3"); len(got) != 0 {
		t.Fatalf("claimed while the SMS lease holds: %+v", got)
	}
	if v := getAction(t, db, f, sid); v.Status != ledger.ActionSent {
		t.Fatalf("failed before its lease ran out: %+v", v)
	}
	if got := claim(Now.Add(22*time.Minute), "w3"); len(got) != 0 {
		t.Fatalf("claimed = %+v", got)
	}
	if v := getAction(t, db, f, sid); v.Status != ledger.ActionFailed || v.SkipReason != ledger.SkipUnconfirmed || v.SentAt.IsZero() {
		t.Fatalf("unconfirmed = %+v", v)
	}
	// A late acknowledgement proves it went.
	must(t, db.ConfirmAction(f.Ctx, sid, "sms-42"))
	if v := getAction(t, db, f, sid); v.Status != ledger.ActionSent || v.SkipReason != "" || v.ProviderRef != "sms-42" {
		t.Fatalf("confirmed late = %+v", v)
	}

	// Released: by its holder only; rescheduled, or failed — not sent.
	got = claim(Now.Add(2*time.Hour), "w4")
	if len(got) != 1 || got[0].ID != lid {
		t.Fatalf("claimed the letter = %+v", got)
	}
	wantCode(t, db.ReleaseAction(f.Ctx, store.Release{ID: lid, Worker: "w3", RetryAt: Now.Add(24 * time.Hour)}), ledger.EConflict)
	wantCode(t, db.ReleaseAction(g.Ctx, store.Release{ID: lid, Worker: "w4", RetryAt: Now.Add(24 * time.Hour)}), ledger.ENotFound)
	wantCode(t, db.ReleaseAction(f.Ctx, store.Release{ID: lid, Worker: "w4", Status: ledger.ActionSent}), ledger.EInvalid)
	must(t, markSent(f.Ctx, store.SentRecord{ID: lid, Worker: "w4", At: Now.Add(2 * time.Hour)}))
	must(t, db.ReleaseAction(f.Ctx, store.Release{ID: lid, Worker: "w4", RetryAt: Now.Add(24 * time.Hour), Error: "printer offline"}))
	v = getAction(t, db, f, lid)
	if v.Status != ledger.ActionPlanned || !v.ScheduledFor.Equal(Now.Add(24*time.Hour)) || !v.SentAt.IsZero() || v.LeaseOwner != "" ||
		v.Error != "printer offline" {
		t.Fatalf("rescheduled = %+v", v)
	}
	if got := claim(Now.Add(3*time.Hour), "w4"); len(got) != 0 {
		t.Fatalf("claimed before its new time: %+v", got)
	}
	got = claim(Now.Add(25*time.Hour), "w4", ledger.ChannelLetter)
	if len(got) != 1 || got[0].ID != lid || got[0].Attempts != 2 {
		t.Fatalf("claimed again = %+v", got)
	}
	must(t, markSent(f.Ctx, store.SentRecord{ID: lid, Worker: "w4", At: Now.Add(25 * time.Hour)}))
	must(t, db.ReleaseAction(f.Ctx, store.Release{ID: lid, Worker: "w4", Status: ledger.ActionFailed, Reason: "no_address", Error: "no postal address"}))
	if v := getAction(t, db, f, lid); v.Status != ledger.ActionFailed || v.SkipReason != "no_address" || !v.SentAt.IsZero() {
		t.Fatalf("failed = %+v", v)
	}

	// Decisions: only the actions awaiting approval change.
	n, err := db.DecideActions(f.Ctx, []int64{aid, med, lid}, true)
	must(t, err)
	if n != 1 {
		t.Fatalf("approved %d", n)
	}
	if v := getAction(t, db, f, aid); v.Status != ledger.ActionPlanned || v.DecidedBy != f.User.Email || v.DecidedAt.IsZero() {
		t.Fatalf("approved = %+v", v)
	}
	if n, _ := db.DecideActions(f.Ctx, []int64{aid}, false); n != 0 {
		t.Fatalf("rejected an approved action")
	}
	if n, _ := db.DecideActions(g.Ctx, []int64{aid}, true); n != 0 {
		t.Fatalf("another organization decided")
	}

	// Calls.
	wantCode(t, db.RecordCallOutcome(f.Ctx, cid, "maybe", ""), ledger.EInvalid)
	wantCode(t, db.RecordCallOutcome(f.Ctx, aid, ledger.CallPaid, ""), ledger.EInvalid)
	wantCode(t, db.RecordCallOutcome(g.Ctx, cid, ledger.CallPaid, ""), ledger.ENotFound)
	must(t, db.RecordCallOutcome(f.Ctx, cid, ledger.CallPromise, "paiera vendredi"))
	if v := getAction(t, db, f, cid); v.Status != ledger.ActionSent || v.Outcome != ledger.CallPromise || v.Note != "paiera vendredi" ||
		v.SentAt.IsZero() || v.ConfirmedAt.IsZero() {
		t.Fatalf("call = %+v", v)
	}
	// A call closed is closed: a second outcome is refused.
	wantCode(t, db.RecordCallOutcome(f.Ctx, cid, ledger.CallBack, "rappeler à 14 h"), ledger.EConflict)

	ev := eventCounts(t, db, f, d.ID)
	for typ, want := range map[string]int{"action.sent": 4, "action.confirmed": 2, "action.unconfirmed": 1, "action.rescheduled": 1,
		"action.failed": 1, "action.approved": 1, "call.outcome": 1, "case.stage": 1} {
		if ev[typ] != want {
			t.Errorf("%s: %d events, want %d (%v)", typ, ev[typ], want, ev)
		}
	}
	if _, err := db.VerifyJournal(f.Ctx); err != nil {
		t.Fatalf("journal: %v", err)
	}
}

func testListActions(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	e := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "P1", Name: "Particulier", Kind: ledger.KindConsumer}
	must(t, db.CreateDebtor(f.Ctx, e))
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-04-01", "2025-05-01", 100000)
	j1 := f.Invoice(t, db, e.ID, "G1", "2025-04-01", "2025-05-01", 1000)
	out, err := db.WritePlan(f.Ctx, []store.PlanWrite{
		{DebtorID: d.ID, Actions: []ledger.Action{act("a", ledger.ChannelEmail, Now.Add(-time.Hour), i1.ID, i2.ID),
			act("b", ledger.ChannelSMS, Now.Add(time.Hour), i2.ID), act("c", ledger.ChannelLetter, Now.Add(48*time.Hour), i1.ID)}},
		{DebtorID: e.ID, Actions: []ledger.Action{act("a", ledger.ChannelEmail, Now.Add(-2*time.Hour), j1.ID)}},
	})
	must(t, err)
	got, err := db.ClaimActions(f.Ctx, store.ClaimQuery{Now: Now, Worker: "w", Lease: time.Hour, Channels: []ledger.Channel{ledger.ChannelEmail}})
	must(t, err)
	if len(got) != 2 || got[0].ID != out[3].ID {
		t.Fatalf("claimed = %+v", got)
	}
	must(t, db.MarkSent(f.Ctx, store.SentRecord{ID: out[0].ID, Worker: "w", At: Now}))

	list := func(q store.ActionQuery) []int64 {
		t.Helper()
		vs, err := db.ListActions(f.Ctx, q)
		must(t, err)
		ids := make([]int64, len(vs))
		for i, v := range vs {
			ids[i] = v.ID
		}
		return ids
	}
	eq := func(name string, got []int64, want ...int64) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	all, err := db.ListActions(f.Ctx, store.ActionQuery{})
	must(t, err)
	if len(all) != 4 || all[0].ID != out[3].ID || all[0].DebtorKind != ledger.KindConsumer || all[0].DebtorRef != "P1" ||
		all[1].DebtorName != "Client" || all[1].CaseStage != ledger.StageAmicable || len(all[1].InvoiceIDs) != 2 || all[1].InvoiceIDs[0] != i1.ID ||
		len(all[3].InvoiceIDs) != 1 {
		t.Fatalf("all = %+v", all)
	}
	eq("debtor", list(store.ActionQuery{DebtorID: d.ID}), out[0].ID, out[1].ID, out[2].ID)
	eq("status", list(store.ActionQuery{Status: ledger.ActionSent}), out[0].ID)
	eq("statuses", list(store.ActionQuery{Statuses: []ledger.ActionStatus{ledger.ActionSent, ledger.ActionPlanned}, DebtorID: d.ID}),
		out[0].ID, out[1].ID, out[2].ID)
	eq("channel", list(store.ActionQuery{Channel: ledger.ChannelLetter}), out[2].ID)
	eq("case", list(store.ActionQuery{CaseID: out[3].CaseID}), out[3].ID)
	eq("owner", list(store.ActionQuery{OwnerID: 99}))
	eq("from", list(store.ActionQuery{From: Now.Add(-time.Hour)}), out[0].ID, out[1].ID, out[2].ID)
	eq("until", list(store.ActionQuery{Until: Now.Add(-time.Hour)}), out[3].ID)
	eq("from until", list(store.ActionQuery{From: Now, Until: Now.Add(48 * time.Hour)}), out[1].ID)
	eq("sent from", list(store.ActionQuery{SentFrom: Now}), out[0].ID)
	eq("sent from later", list(store.ActionQuery{SentFrom: Now.Add(time.Second)}))
	eq("page", list(store.ActionQuery{Offset: 1, Limit: 2}), out[0].ID, out[1].ID)
	eq("last page", list(store.ActionQuery{Offset: 3, Limit: 2}), out[2].ID)
	// The older list keeps working, with the new fields.
	as, err := db.Actions(f.Ctx, store.ActionQuery{DebtorID: d.ID})
	must(t, err)
	if len(as) != 3 || as[0].Status != ledger.ActionSent || as[0].ScenarioKey != "tpe" || as[0].LeaseOwner != "w" || len(as[0].InvoiceIDs) != 2 {
		t.Fatalf("actions = %+v", as)
	}
	if vs, _ := db.ListActions(g.Ctx, store.ActionQuery{}); len(vs) != 0 {
		t.Fatalf("other org lists %d actions", len(vs))
	}
	_, err = db.GetAction(g.Ctx, out[0].ID)
	wantCode(t, err, ledger.ENotFound)
}

func testConcurrentClaims(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C1", "Client")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	const n = 150
	acts := make([]ledger.Action, n)
	for i := range acts {
		acts[i] = act(fmt.Sprintf("s%03d", i), ledger.ChannelEmail, Now.Add(-time.Duration(i)*time.Second), i1.ID)
	}
	as := writePlan(t, db, f, store.PlanWrite{DebtorID: d.ID, Actions: acts})
	if len(as) != n || as[n-1].ID == 0 {
		t.Fatalf("planned %d", len(as))
	}
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(worker string) {
			defer wg.Done()
			for {
				got, err := db.ClaimActions(f.Ctx, store.ClaimQuery{Now: Now, Worker: worker, Lease: time.Hour, Limit: 7})
				if err != nil {
					errs <- err
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, a := range got {
					if prev, ok := seen[a.ID]; ok {
						mu.Unlock()
						errs <- fmt.Errorf("action %d claimed by %s and %s", a.ID, prev, worker)
						return
					}
					seen[a.ID] = worker
				}
				mu.Unlock()
			}
		}(fmt.Sprintf("w%d", w))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(seen) != n {
		t.Fatalf("claimed %d actions of %d", len(seen), n)
	}
}

package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// dunningIDs are what a tenant's dunning routes work on.
type dunningIDs struct {
	call, approval, email  ledger.Action
	dispute, promise, plan int64
	emailMessage           string
}

// seedDunning writes, for tenant x, a call task and an action awaiting
// approval, an open dispute, a pending promise and an active plan, a
// scenario and a template of its own.
func seedDunning(t *testing.T, b *bundle, x tenant, name string) dunningIDs {
	t.Helper()
	ctx := x.f.Ctx
	at := today.AddDays(1).Time(civil.Paris).Add(10 * 3600e9)
	as, err := b.st.WritePlan(ctx, []store.PlanWrite{{DebtorID: x.debtor.ID, Stage: ledger.StageAmicable, On: today, Actions: []ledger.Action{
		{StepKey: "j+18", Channel: ledger.ChannelCall, ScheduledFor: at, InvoiceIDs: []int64{x.invoice.ID}, ScenarioKey: "tpe",
			Template: "call", Stage: ledger.StageAmicable, AmountDue: eur(600)},
		{StepKey: "j+35", Channel: ledger.ChannelLetter, ScheduledFor: at, InvoiceIDs: []int64{x.invoice.ID}, ScenarioKey: "tpe",
			Template: "formal_notice", Stage: ledger.StageFormalNotice, AmountDue: eur(600), Approval: true, Registered: true},
		{StepKey: "j+3", Channel: ledger.ChannelEmail, ScheduledFor: at, InvoiceIDs: []int64{x.invoice.ID}, ScenarioKey: "tpe",
			Template: "reminder1", Stage: ledger.StageAmicable, AmountDue: eur(600)},
	}}})
	must(t, err)
	ids := dunningIDs{call: as[0], approval: as[1], email: as[2]}
	d := &ledger.Dispute{DebtorID: x.debtor.ID, InvoiceID: x.invoice.ID, Reason: "Prix contesté"}
	must(t, b.st.OpenDispute(ctx, d))
	p := &ledger.Promise{DebtorID: x.debtor.ID, Amount: eur(600), DueOn: today.AddDays(10)}
	must(t, b.st.RecordPromise(ctx, p))
	pl := &ledger.PaymentPlan{DebtorID: x.debtor.ID, GraceDays: 3, Instalments: []ledger.Instalment{{DueOn: today.AddDays(15), Amount: eur(600)}}}
	must(t, b.st.RecordPaymentPlan(ctx, pl))
	ids.dispute, ids.promise, ids.plan = d.ID, p.ID, pl.ID
	_, err = cycle.LoadConfig(ctx, b.st)
	must(t, err)
	must(t, b.st.SaveScenario(ctx, &ledger.Scenario{Key: "propre-" + name, Name: "Propre", Steps: []ledger.Step{
		{Key: "a", Name: "A", OffsetDays: 5, Channel: ledger.ChannelEmail, Template: "reminder1", Stage: ledger.StageAmicable}}}))
	must(t, b.st.SaveTemplate(ctx, &ledger.Template{Key: "final", Channel: ledger.ChannelLetter, Lang: "en", Name: "Own", Subject: "Last reminder", Body: "Please pay."}))
	ids.emailMessage = cycle.MessageID(ledger.Action{ID: ids.email.ID, OrgID: x.f.Org.ID, CaseID: ids.email.CaseID, StepKey: ids.email.StepKey}, "recouvre.test")
	return ids
}

// testDunningTenancy is the matrix of the dunning routes: with A's
// token, every id of B answers exactly as an id that does not exist,
// B's rows are left as they were, and no list shows them.
func testDunningTenancy(t *testing.T, b *bundle, a, o tenant) {
	const missing = 987654321
	A, B := seedDunning(t, b, a, "a"), seedDunning(t, b, o, "b")
	for _, tt := range []struct {
		method, route string
		own, other    any
		body          string
		ownStatus     int
	}{
		{http.MethodGet, "/api/v1/actions/%v", A.call.ID, B.call.ID, "", http.StatusOK},
		{http.MethodGet, "/api/v1/debtors/%v/disputes", a.debtor.ID, o.debtor.ID, "", http.StatusOK},
		{http.MethodGet, "/api/v1/debtors/%v/promises", a.debtor.ID, o.debtor.ID, "", http.StatusOK},
		{http.MethodGet, "/api/v1/debtors/%v/payment-plans", a.debtor.ID, o.debtor.ID, "", http.StatusOK},
		{http.MethodPost, "/api/v1/debtors/%v/disputes", a.debtor.ID, o.debtor.ID, fmt.Sprintf(`{"invoice_id":%d,"reason":"x"}`, a.invoice.ID), http.StatusCreated},
		{http.MethodPost, "/api/v1/debtors/%v/promises", a.debtor.ID, o.debtor.ID, `{"amount":"1.00","due_on":"2025-07-01"}`, http.StatusCreated},
		{http.MethodPost, "/api/v1/debtors/%v/payment-plans", a.debtor.ID, o.debtor.ID, `{"instalments":[{"due_on":"2025-07-01","amount":"1.00"}]}`, http.StatusCreated},
		{http.MethodPut, "/api/v1/debtors/%v/pause", a.debtor.ID, o.debtor.ID, `{"paused_until":"2025-07-01","reason":"x"}`, http.StatusOK},
		{http.MethodPut, "/api/v1/debtors/%v/risk-score", a.debtor.ID, o.debtor.ID, `{"score":50}`, http.StatusOK},
		{http.MethodPost, "/api/v1/disputes/%v/close", A.dispute, B.dispute, `{"status":"upheld"}`, http.StatusOK},
		{http.MethodPost, "/api/v1/promises/%v/cancel", A.promise, B.promise, "", http.StatusOK},
		{http.MethodPost, "/api/v1/payment-plans/%v/cancel", A.plan, B.plan, "", http.StatusOK},
		{http.MethodPost, "/api/v1/actions/%v/call-outcome", A.call.ID, B.call.ID, `{"outcome":"no_answer"}`, http.StatusOK},
		{http.MethodGet, "/api/v1/scenarios/%v", "propre-a", "propre-b", "", http.StatusOK},
		{http.MethodDelete, "/api/v1/scenarios/%v", "propre-a", "propre-b", "", http.StatusNoContent},
		{http.MethodDelete, "/api/v1/templates/final/letter/%v", "en", "en", "", http.StatusNoContent},
	} {
		t.Run(tt.method+" "+tt.route, func(t *testing.T) {
			send := func(id any) []byte {
				t.Helper()
				rec := b.send(tt.method, fmt.Sprintf(tt.route, id), a.tok, "application/json", tt.body)
				if id != tt.own {
					wantError(t, rec, http.StatusNotFound, ledger.ENotFound)
				} else if rec.Code != tt.ownStatus {
					t.Fatalf("A's own: %d %s", rec.Code, rec.Body)
				}
				return rec.Body.Bytes()
			}
			var foreign, absent []byte
			if tt.own != tt.other {
				foreign, absent = send(tt.other), send(missing)
				if !bytes.Equal(foreign, absent) {
					t.Errorf("another tenant's answers %s, a missing one %s", foreign, absent)
				}
			}
			send(tt.own)
			if tt.own == tt.other {
				// A's own delete went first: B's is still there.
				wantError(t, b.send(tt.method, fmt.Sprintf(tt.route, tt.other), a.tok, "", ""), http.StatusNotFound, ledger.ENotFound)
			}
		})
	}
	// A dispute on A's debtor naming B's invoice.
	rec := b.send(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/disputes", a.debtor.ID), a.tok, "application/json",
		fmt.Sprintf(`{"invoice_id":%d,"reason":"x"}`, o.invoice.ID))
	wantError(t, rec, http.StatusNotFound, ledger.ENotFound)
	// A preview for B's debtor, a bounce of B's email.
	rec = b.send(http.MethodPost, "/api/v1/templates/preview", a.tok, "application/json",
		fmt.Sprintf(`{"template":{"key":"reminder1","channel":"email"},"debtor_id":%d}`, o.debtor.ID))
	wantError(t, rec, http.StatusNotFound, ledger.ENotFound)
	foreign := b.send(http.MethodPost, "/api/v1/bounces", a.tok, "message/rfc822", dsnFor("client@b.test", B.emailMessage, "5.1.1"))
	wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
	forged := fmt.Sprintf("<action-%d.abcdef012345@recouvre.test>", missing)
	absent := b.send(http.MethodPost, "/api/v1/bounces", a.tok, "message/rfc822", dsnFor("client@b.test", forged, "5.1.1"))
	if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
		t.Errorf("B's bounce answers %s, an unknown one %s", foreign.Body, absent.Body)
	}
	own := b.send(http.MethodPost, "/api/v1/bounces", a.tok, "message/rfc822", dsnFor("client@a.test", A.emailMessage, "5.1.1"))
	if own.Code != http.StatusOK {
		t.Errorf("A's own bounce: %d %s", own.Code, own.Body)
	}
	if bs, _ := b.st.Bounces(o.f.Ctx, o.debtor.ID); len(bs) != 0 {
		t.Errorf("B's bounces %+v", bs)
	}
	// Deciding B's action changes nothing.
	rec = b.send(http.MethodPost, "/api/v1/actions/decisions", a.tok, "application/json", fmt.Sprintf(`{"ids":[%d],"approve":true}`, B.approval.ID))
	if rec.Code != http.StatusOK || rec.Body.String() != "{\"changed\":0}\n" {
		t.Errorf("deciding B's action: %d %s", rec.Code, rec.Body)
	}

	// B's rows are as they were.
	bctx := o.f.Ctx
	if v, err := b.st.GetAction(bctx, B.approval.ID); err != nil || v.Status != ledger.ActionAwaitingApproval {
		t.Errorf("B's action awaiting approval: %+v (%v)", v, err)
	}
	if v, err := b.st.GetAction(bctx, B.call.ID); err != nil || v.Status != ledger.ActionPlanned || v.Outcome != "" {
		t.Errorf("B's call: %+v (%v)", v, err)
	}
	if ds, _ := b.st.Disputes(bctx, o.debtor.ID); len(ds) != 1 || ds[0].Status != ledger.DisputeOpen {
		t.Errorf("B's disputes %+v", ds)
	}
	if ps, _ := b.st.Promises(bctx, o.debtor.ID); len(ps) != 1 || ps[0].Status != ledger.PromisePending {
		t.Errorf("B's promises %+v", ps)
	}
	if ps, _ := b.st.PaymentPlans(bctx, o.debtor.ID); len(ps) != 1 || ps[0].Status != ledger.PlanActive {
		t.Errorf("B's plans %+v", ps)
	}
	if p, _ := b.st.ContactPause(bctx, o.debtor.ID); p.DoNotContact || !p.PausedUntil.IsZero() {
		t.Errorf("B's pause %+v", p)
	}
	if ss, _ := b.st.Scenarios(bctx); len(ss) != 5 {
		t.Errorf("B's scenarios: %d", len(ss))
	}
	if ts, _ := b.st.Templates(bctx); len(ts) != 1 {
		t.Errorf("B's templates: %+v", ts)
	}

	// Lists show A's own rows only.
	for _, x := range b.actions(t, a.tok, "") {
		if x.DebtorID != a.debtor.ID {
			t.Errorf("A lists %+v", x)
		}
	}
	if got := b.actions(t, a.tok, fmt.Sprintf("&debtor_id=%d", o.debtor.ID)); len(got) != 0 {
		t.Errorf("A lists B's debtor's actions: %+v", got)
	}
	calls := decode[listBody[map[string]any]](t, b.get(t, "/api/v1/calls", a.tok, http.StatusOK))
	for _, c := range calls.Data {
		if int64(c["debtor_id"].(float64)) != a.debtor.ID {
			t.Errorf("A's call list shows %v", c)
		}
	}
	tp := decode[map[string]any](t, b.get(t, "/api/v1/plan/today", a.tok, http.StatusOK))
	for _, k := range []string{"actions", "upcoming", "held"} {
		for _, it := range tp[k].([]any) {
			if int64(it.(map[string]any)["debtor_id"].(float64)) != a.debtor.ID {
				t.Errorf("A's plan shows %v", it)
			}
		}
	}
	ss := decode[listBody[map[string]any]](t, b.get(t, "/api/v1/scenarios", a.tok, http.StatusOK))
	for _, s := range ss.Data {
		if s["key"] == "propre-b" {
			t.Errorf("A lists B's scenario")
		}
	}
}

package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// caseJSON is a case as a client reads it.
type caseJSON struct {
	ID          int64      `json:"id"`
	Stage       string     `json:"stage"`
	OwnerID     *int64     `json:"owner_id"`
	OpenedAt    time.Time  `json:"opened_at"`
	ClosedAt    *time.Time `json:"closed_at"`
	CloseReason string     `json:"close_reason"`
}

// debtorCaseJSON is the answer of GET /debtors/{id}/case as a client
// reads it.
type debtorCaseJSON struct {
	Cases []struct {
		caseJSON
	} `json:"cases"`
	Actions []struct {
		ID           int64     `json:"id"`
		CaseID       int64     `json:"case_id"`
		Step         string    `json:"step"`
		Channel      string    `json:"channel"`
		ScheduledFor time.Time `json:"scheduled_for"`
		Status       string    `json:"status"`
		SkipReason   string    `json:"skip_reason"`
		InvoiceIDs   []int64   `json:"invoice_ids"`
	} `json:"actions"`
}

// TestDebtorCase: a reminder planned for an invoice is cancelled when a
// payment posted through the API settles it, and the case closes; the
// payment's reversal puts both back.
func TestDebtorCase(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	d := f.Debtor(t, b.st, "C001", "Menuiserie Bernard")
	inv := f.Invoice(t, b.st, d.ID, "F-2025-011", "2025-02-01", "2025-03-01", 100_00)
	target := fmt.Sprintf("/api/v1/debtors/%d/case", d.ID)
	get := func() debtorCaseJSON {
		t.Helper()
		return decode[debtorCaseJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, target, tok, ""), http.StatusOK))
	}
	if got := get(); len(got.Cases) != 0 || len(got.Actions) != 0 {
		t.Fatalf("before anything: %+v", got)
	}
	cs, err := b.st.OpenCase(f.Ctx, d.ID)
	must(t, err)
	must(t, b.st.PlanAction(f.Ctx, &ledger.Action{CaseID: cs.ID, StepKey: "relance-1", Channel: ledger.ChannelEmail,
		ScheduledFor: now.Add(48 * time.Hour), InvoiceIDs: []int64{inv.ID}}))
	if got := get(); len(got.Actions) != 1 || got.Actions[0].Status != "planned" || got.Cases[0].Stage != "amicable" || got.Cases[0].ClosedAt != nil ||
		got.Cases[0].OwnerID != nil {
		t.Fatalf("planned: %+v", got)
	}
	rec := wantStatus(t, sendJSON(t, c, http.MethodPost, "/api/v1/payments", tok,
		fmt.Sprintf(`{"debtor_id":%d,"amount":"100.00","received_on":"2025-06-02","reference":"F-2025-011"}`, d.ID)), http.StatusCreated)
	p := decode[paymentDetailJSON](t, rec)
	got := get()
	if got.Actions[0].Status != "cancelled" || got.Actions[0].SkipReason != "paid" || got.Cases[0].Stage != "closed" ||
		got.Cases[0].ClosedAt == nil || got.Cases[0].CloseReason != "paid" || len(got.Actions[0].InvoiceIDs) != 1 {
		t.Fatalf("after the payment: %+v", got)
	}
	wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/reversal", p.ID), tok, `{"on":"2025-06-05","reason":"AM04"}`), http.StatusOK)
	if got := get(); got.Actions[0].Status != "planned" || got.Cases[0].Stage != "amicable" || got.Cases[0].ClosedAt != nil {
		t.Fatalf("after the reversal: %+v", got)
	}
	// Another organization's debtor is not found.
	g := storetest.NewFixture(t, b.st, "Other")
	wantStatus(t, sendJSON(t, c, http.MethodGet, target, b.token(t, g), ""), http.StatusNotFound)
}

// TestCaseOwner: PUT /debtors/{id}/case/owner gives the debtor's open
// case to a member, whose call list (GET /calls?owner_id=) then holds the
// case's call; a user who is not a member is refused (422), a debtor
// without an open case is not found, a viewer may not assign, and 0 or
// null leaves the case to nobody.
func TestCaseOwner(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Responsables")
	b.run(t, p.tok, `{"plan_only":true}`)
	agent := &ledger.User{Email: "zoe@responsables.test", Name: "Zoé Appels"}
	must(t, b.st.CreateUser(t.Context(), agent))
	must(t, b.st.AddMembership(t.Context(), ledger.Membership{OrgID: p.f.Org.ID, UserID: agent.ID, Role: "agent"}))
	target := fmt.Sprintf("/api/v1/debtors/%d/case/owner", p.martin.ID)
	calls := func(owner int64) []int64 {
		t.Helper()
		list := jsonOf[struct {
			Data []struct {
				DebtorID int64  `json:"debtor_id"`
				OwnerID  *int64 `json:"owner_id"`
			} `json:"data"`
		}](t, b.get(t, fmt.Sprintf("/api/v1/calls?owner_id=%d", owner), p.tok, http.StatusOK))
		var out []int64
		for _, c := range list.Data {
			if c.OwnerID == nil || *c.OwnerID != owner {
				t.Errorf("a call of owner %v on the list of %d", c.OwnerID, owner)
			}
			out = append(out, c.DebtorID)
		}
		return out
	}
	caseOf := func() caseJSON {
		t.Helper()
		got := decode[debtorCaseJSON](t, b.get(t, fmt.Sprintf("/api/v1/debtors/%d/case", p.martin.ID), p.tok, http.StatusOK))
		return got.Cases[0].caseJSON
	}
	if got := calls(agent.ID); len(got) != 0 {
		t.Fatalf("calls of a new agent: %v", got)
	}
	open := caseOf()

	got := decode[caseJSON](t, b.do(t, http.MethodPut, target, p.tok, fmt.Sprintf(`{"owner_id":%d}`, agent.ID), http.StatusOK))
	if got.ID != open.ID || got.OwnerID == nil || *got.OwnerID != agent.ID || got.Stage != open.Stage || got.ClosedAt != nil {
		t.Fatalf("assigned: %+v (open case %+v)", got, open)
	}
	if c := caseOf(); c.OwnerID == nil || *c.OwnerID != agent.ID {
		t.Fatalf("GET case after assigning: %+v", c)
	}
	if got := calls(agent.ID); len(got) != 1 || got[0] != p.martin.ID {
		t.Fatalf("agent's calls: %v, want Martin's (%d)", got, p.martin.ID)
	}
	if got := calls(p.f.User.ID); len(got) != 0 {
		t.Fatalf("the admin's calls: %v", got)
	}

	// Refusals change nothing.
	other := storetest.NewFixture(t, b.st, "Autre")
	b.refused(t, http.MethodPut, target, p.tok, fmt.Sprintf(`{"owner_id":%d}`, other.User.ID), "owner_id")
	b.refused(t, http.MethodPut, target, p.tok, `{"owner_id":987654}`, "owner_id")
	b.refused(t, http.MethodPut, target, p.tok, `{"owner_id":-1}`, "owner_id")
	b.refused(t, http.MethodPut, target, p.tok, `{"owner_id":"zoe"}`, "owner_id")
	b.refused(t, http.MethodPut, target, p.tok, `{}`, "owner_id")
	wantError(t, b.do(t, http.MethodPut, target, p.tok, `{"owner":1}`, http.StatusBadRequest), http.StatusBadRequest, ledger.EInvalid, "body")
	viewer := &ledger.User{Email: "lecture@responsables.test"}
	must(t, b.st.CreateUser(t.Context(), viewer))
	must(t, b.st.AddMembership(t.Context(), ledger.Membership{OrgID: p.f.Org.ID, UserID: viewer.ID, Role: "viewer"}))
	wantError(t, b.do(t, http.MethodPut, target, createToken(t, b.st, p.f.Org.ID, viewer.ID), `{"owner_id":0}`, http.StatusForbidden),
		http.StatusForbidden, ledger.EForbidden)
	wantError(t, b.do(t, http.MethodPut, target, b.token(t, other), `{"owner_id":0}`, http.StatusNotFound), http.StatusNotFound, ledger.ENotFound)
	if c := caseOf(); c.OwnerID == nil || *c.OwnerID != agent.ID {
		t.Fatalf("a refusal changed the owner: %+v", c)
	}

	// A debtor without an open case has no owner to take.
	none := p.f.Debtor(t, b.st, "C099", "Sans Dossier SARL")
	wantError(t, b.do(t, http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/case/owner", none.ID), p.tok, fmt.Sprintf(`{"owner_id":%d}`, agent.ID), http.StatusNotFound),
		http.StatusNotFound, ledger.ENotFound, "no open case")

	// 0 leaves the case to nobody, and so does null.
	got = decode[caseJSON](t, b.do(t, http.MethodPut, target, p.tok, `{"owner_id":0}`, http.StatusOK))
	if got.OwnerID != nil || caseOf().OwnerID != nil || len(calls(agent.ID)) != 0 {
		t.Fatalf("unassigned: %+v", got)
	}
	b.do(t, http.MethodPut, target, p.tok, fmt.Sprintf(`{"owner_id":%d}`, p.f.User.ID), http.StatusOK)
	if got := decode[caseJSON](t, b.do(t, http.MethodPut, target, p.tok, `{"owner_id":null}`, http.StatusOK)); got.OwnerID != nil {
		t.Fatalf("after null: %+v", got)
	}
}

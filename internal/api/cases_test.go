package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// debtorCaseJSON is the answer of GET /debtors/{id}/case as a client
// reads it.
type debtorCaseJSON struct {
	Cases []struct {
		ID          int64      `json:"id"`
		Stage       string     `json:"stage"`
		OpenedAt    time.Time  `json:"opened_at"`
		ClosedAt    *time.Time `json:"closed_at"`
		CloseReason string     `json:"close_reason"`
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
	if got := get(); len(got.Actions) != 1 || got.Actions[0].Status != "planned" || got.Cases[0].Stage != "amicable" || got.Cases[0].ClosedAt != nil {
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

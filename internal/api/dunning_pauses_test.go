package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
)

type disputeJSON struct {
	ID         int64      `json:"id"`
	DebtorID   int64      `json:"debtor_id"`
	InvoiceID  int64      `json:"invoice_id"`
	Reason     string     `json:"reason"`
	Amount     *moneyJSON `json:"amount"`
	OpenedOn   string     `json:"opened_on"`
	Status     string     `json:"status"`
	ResolvedOn *string    `json:"resolved_on"`
	Resolution string     `json:"resolution"`
	CreatedAt  time.Time  `json:"created_at"`
}

type planJSON struct {
	ID          int64 `json:"id"`
	DebtorID    int64 `json:"debtor_id"`
	Instalments []struct {
		DueOn  string    `json:"due_on"`
		Amount moneyJSON `json:"amount"`
	} `json:"instalments"`
	Total     moneyJSON `json:"total"`
	GraceDays int       `json:"grace_days"`
	Status    string    `json:"status"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
	ClosedOn  *string   `json:"closed_on"`
}

// heldFor is why a dry run holds the debtor back, "" when it does not.
func (b *bundle) heldFor(t *testing.T, token string, debtorID int64) string {
	t.Helper()
	for _, it := range b.run(t, token, `{"dry_run":true}`).Actions {
		if it.DebtorID == debtorID {
			return it.SkipReason
		}
	}
	return ""
}

// A dispute takes its invoice out of the reminders until it is closed.
func TestDisputes(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Litiges")
	inv := p.invoices["F-101"]
	list := fmt.Sprintf("/api/v1/debtors/%d/disputes", p.dupont.ID)

	if got := decode[listBody[disputeJSON]](t, b.get(t, list, p.tok, http.StatusOK)); len(got.Data) != 0 {
		t.Fatalf("disputes %+v", got.Data)
	}
	rec := b.do(t, http.MethodPost, list, p.tok, fmt.Sprintf(`{"invoice_id":%d,"reason":"Marchandise abîmée","amount":"200.00"}`, inv.ID), http.StatusCreated)
	d := decode[disputeJSON](t, rec)
	if d.ID == 0 || d.DebtorID != p.dupont.ID || d.InvoiceID != inv.ID || d.Amount == nil || d.Amount.Minor != 200_00 ||
		d.OpenedOn != "2025-06-16" || d.Status != "open" || d.ResolvedOn != nil || rec.Header().Get("Location") != list {
		t.Fatalf("opened %+v", d)
	}
	if reason := b.heldFor(t, p.tok, p.dupont.ID); reason != "dispute" {
		t.Errorf("disputed debtor held for %q", reason)
	}
	for body, field := range map[string]string{
		`{"reason":"x"}`:                         "invoice_id",
		fmt.Sprintf(`{"invoice_id":%d}`, inv.ID): "reason",
		fmt.Sprintf(`{"invoice_id":%d,"reason":"x","amount":"0"}`, inv.ID):             "amount",
		fmt.Sprintf(`{"invoice_id":%d,"reason":"x","opened_on":"2030-01-01"}`, inv.ID): "opened_on",
		fmt.Sprintf(`{"invoice_id":%d,"reason":"x"}`, p.invoices["F-102"].ID):          "invoice_id",
	} {
		b.refused(t, http.MethodPost, list, p.tok, body, field)
	}
	wantError(t, b.do(t, http.MethodPost, list, p.tok, `{"invoice_id":987654,"reason":"x"}`, http.StatusNotFound), http.StatusNotFound, ledger.ENotFound)

	closeURL := fmt.Sprintf("/api/v1/disputes/%d/close", d.ID)
	b.refused(t, http.MethodPost, closeURL, p.tok, `{"status":"open"}`, "status")
	b.refused(t, http.MethodPost, closeURL, p.tok, `{"status":"resolved","on":"2030-01-01"}`, "on")
	c := decode[disputeJSON](t, b.do(t, http.MethodPost, closeURL, p.tok, `{"status":"resolved","resolution":"Avoir refusé : photos non probantes"}`, http.StatusOK))
	if c.Status != "resolved" || deref(c.ResolvedOn) != "2025-06-16" || c.Resolution == "" {
		t.Errorf("closed %+v", c)
	}
	wantError(t, b.do(t, http.MethodPost, closeURL, p.tok, `{"status":"upheld"}`, http.StatusConflict), http.StatusConflict, ledger.EConflict)
	wantError(t, b.do(t, http.MethodPost, "/api/v1/disputes/987654/close", p.tok, `{"status":"upheld"}`, http.StatusNotFound), http.StatusNotFound, ledger.ENotFound)
	if reason := b.heldFor(t, p.tok, p.dupont.ID); reason == "dispute" {
		t.Errorf("still held after the dispute closed")
	}
	if got := decode[listBody[disputeJSON]](t, b.get(t, list, p.tok, http.StatusOK)); len(got.Data) != 1 || got.Data[0].Status != "resolved" {
		t.Errorf("disputes %+v", got.Data)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/debtors/987654/disputes", p.tok), http.StatusNotFound, ledger.ENotFound)
}

// A promise to pay holds the reminders; cancelled, they resume.
func TestPromises(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Promesses")
	list := fmt.Sprintf("/api/v1/debtors/%d/promises", p.leroy.ID)
	rec := b.do(t, http.MethodPost, list, p.tok, `{"amount":"2400.00","due_on":"2025-06-30","note":"Virement fin de mois"}`, http.StatusCreated)
	pr := decode[promiseJSON](t, rec)
	if pr.ID == 0 || pr.DebtorID != p.leroy.ID || pr.Amount != (moneyJSON{2400_00, "EUR"}) || pr.DueOn != "2025-06-30" || pr.Status != "pending" ||
		pr.Note != "Virement fin de mois" || pr.ClosedOn != nil {
		t.Fatalf("promise %+v", pr)
	}
	if reason := b.heldFor(t, p.tok, p.leroy.ID); reason != "promise" {
		t.Errorf("held for %q", reason)
	}
	for body, field := range map[string]string{
		`{"due_on":"2025-06-30"}`:                                 "amount",
		`{"amount":"zéro","due_on":"2025-06-30"}`:                 "amount",
		`{"amount":"-10","due_on":"2025-06-30"}`:                  "amount",
		`{"amount":"10"}`:                                         "due_on",
		`{"amount":"10","due_on":"2025-06-01"}`:                   "due_on",
		`{"amount":"10","due_on":"2025-06-30","currency":"XXX1"}`: "currency",
	} {
		b.refused(t, http.MethodPost, list, p.tok, body, field)
	}
	cancel := fmt.Sprintf("/api/v1/promises/%d/cancel", pr.ID)
	c := decode[promiseJSON](t, b.do(t, http.MethodPost, cancel, p.tok, "", http.StatusOK))
	if c.Status != "cancelled" || deref(c.ClosedOn) != "2025-06-16" {
		t.Errorf("cancelled %+v", c)
	}
	wantError(t, b.request(http.MethodPost, cancel, p.tok), http.StatusConflict, ledger.EConflict)
	wantError(t, b.request(http.MethodPost, "/api/v1/promises/987654/cancel", p.tok), http.StatusNotFound, ledger.ENotFound)
	if reason := b.heldFor(t, p.tok, p.leroy.ID); reason == "promise" {
		t.Errorf("still held after the promise was cancelled")
	}
	got := decode[listBody[promiseJSON]](t, b.get(t, list, p.tok, http.StatusOK))
	if len(got.Data) != 1 || got.Data[0].Status != "cancelled" {
		t.Errorf("promises %+v", got.Data)
	}
}

// A payment plan holds the reminders while it is kept.
func TestPaymentPlans(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Échéanciers")
	list := fmt.Sprintf("/api/v1/debtors/%d/payment-plans", p.leroy.ID)
	rec := b.do(t, http.MethodPost, list, p.tok, `{"instalments":[{"due_on":"2025-06-30","amount":"800.00"},{"due_on":"2025-07-31","amount":"800.00"},
		{"due_on":"2025-08-31","amount":"800.00"}],"grace_days":3,"note":"Accord téléphonique"}`, http.StatusCreated)
	pl := decode[planJSON](t, rec)
	if pl.ID == 0 || len(pl.Instalments) != 3 || pl.Total != (moneyJSON{2400_00, "EUR"}) || pl.GraceDays != 3 || pl.Status != "active" ||
		pl.Instalments[1].DueOn != "2025-07-31" || pl.Instalments[1].Amount.Minor != 800_00 {
		t.Fatalf("plan %+v", pl)
	}
	if reason := b.heldFor(t, p.tok, p.leroy.ID); reason != "plan" {
		t.Errorf("held for %q", reason)
	}
	for body, field := range map[string]string{
		`{"instalments":[]}`: "instalments",
		`{"instalments":[{"due_on":"30/06/2025","amount":"10"}]}`:                                       "instalments[0].due_on",
		`{"instalments":[{"due_on":"2025-06-30","amount":"0"}]}`:                                        "instalments[0].amount",
		`{"instalments":[{"due_on":"2025-06-30","amount":"10"},{"due_on":"2025-06-30","amount":"10"}]}`: "instalments[1].due_on",
		`{"instalments":[{"due_on":"2025-06-30","amount":"10"}],"grace_days":-1}`:                       "grace_days",
	} {
		b.refused(t, http.MethodPost, list, p.tok, body, field)
	}
	cancel := fmt.Sprintf("/api/v1/payment-plans/%d/cancel", pl.ID)
	c := decode[planJSON](t, b.do(t, http.MethodPost, cancel, p.tok, "", http.StatusOK))
	if c.Status != "cancelled" || deref(c.ClosedOn) != "2025-06-16" {
		t.Errorf("cancelled %+v", c)
	}
	wantError(t, b.request(http.MethodPost, cancel, p.tok), http.StatusConflict, ledger.EConflict)
	wantError(t, b.request(http.MethodPost, "/api/v1/payment-plans/987654/cancel", p.tok), http.StatusNotFound, ledger.ENotFound)
	if got := decode[listBody[planJSON]](t, b.get(t, list, p.tok, http.StatusOK)); len(got.Data) != 1 || got.Data[0].Status != "cancelled" {
		t.Errorf("plans %+v", got.Data)
	}
}

// A person holds a debtor back, or lifts the hold; a risk score is set
// or removed.
func TestPauseAndRiskScore(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Pauses")
	pause := fmt.Sprintf("/api/v1/debtors/%d/pause", p.dupont.ID)
	type pauseJSON struct {
		DebtorID     int64   `json:"debtor_id"`
		DoNotContact bool    `json:"do_not_contact"`
		PausedUntil  *string `json:"paused_until"`
		Reason       string  `json:"reason"`
	}
	got := decode[pauseJSON](t, b.do(t, http.MethodPut, pause, p.tok, `{"paused_until":"2025-07-01","reason":"Vacances du gérant"}`, http.StatusOK))
	if got.DebtorID != p.dupont.ID || got.DoNotContact || deref(got.PausedUntil) != "2025-07-01" || got.Reason != "Vacances du gérant" {
		t.Fatalf("paused %+v", got)
	}
	if reason := b.heldFor(t, p.tok, p.dupont.ID); reason != "paused" {
		t.Errorf("held for %q", reason)
	}
	got = decode[pauseJSON](t, b.do(t, http.MethodPut, pause, p.tok, `{"do_not_contact":true,"reason":"Demande du client"}`, http.StatusOK))
	if !got.DoNotContact || got.PausedUntil != nil {
		t.Errorf("do not contact %+v", got)
	}
	if reason := b.heldFor(t, p.tok, p.dupont.ID); reason != "do_not_contact" {
		t.Errorf("held for %q", reason)
	}
	got = decode[pauseJSON](t, b.do(t, http.MethodPut, pause, p.tok, `{"do_not_contact":false,"paused_until":null}`, http.StatusOK))
	if got.DoNotContact || got.PausedUntil != nil {
		t.Errorf("lifted %+v", got)
	}
	if reason := b.heldFor(t, p.tok, p.dupont.ID); reason == "paused" || reason == "do_not_contact" {
		t.Errorf("still held: %q", reason)
	}
	b.refused(t, http.MethodPut, pause, p.tok, `{"paused_until":"2025-06-01","reason":"x"}`, "paused_until")
	b.refused(t, http.MethodPut, pause, p.tok, `{"paused_until":"juillet","reason":"x"}`, "paused_until")
	b.refused(t, http.MethodPut, pause, p.tok, `{"do_not_contact":true}`, "reason")
	wantError(t, b.do(t, http.MethodPut, "/api/v1/debtors/987654/pause", p.tok, `{}`, http.StatusNotFound), http.StatusNotFound, ledger.ENotFound)

	risk := fmt.Sprintf("/api/v1/debtors/%d/risk-score", p.dupont.ID)
	type riskJSON struct {
		DebtorID int64 `json:"debtor_id"`
		Score    *int  `json:"score"`
	}
	r := decode[riskJSON](t, b.do(t, http.MethodPut, risk, p.tok, `{"score":72}`, http.StatusOK))
	if r.DebtorID != p.dupont.ID || r.Score == nil || *r.Score != 72 {
		t.Errorf("score %+v", r)
	}
	r = decode[riskJSON](t, b.do(t, http.MethodPut, risk, p.tok, `{"score":null}`, http.StatusOK))
	if r.Score != nil {
		t.Errorf("removed %+v", r)
	}
	for _, body := range []string{`{}`, `{"score":101}`, `{"score":-1}`, `{"score":"haut"}`, `{"score":4.5}`} {
		b.refused(t, http.MethodPut, risk, p.tok, body, "score")
	}
	wantError(t, b.do(t, http.MethodPut, "/api/v1/debtors/987654/risk-score", p.tok, `{"score":1}`, http.StatusNotFound), http.StatusNotFound, ledger.ENotFound)
}

package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// caseJSON is a debtor's case (dossier).
type caseJSON struct {
	ID          int64      `json:"id"`
	Stage       string     `json:"stage"`
	OpenedAt    time.Time  `json:"opened_at"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
	CloseReason string     `json:"close_reason,omitempty"`
}

// actionJSON is a reminder planned or carried out for a case.
type actionJSON struct {
	ID           int64     `json:"id"`
	CaseID       int64     `json:"case_id"`
	Step         string    `json:"step"`
	Channel      string    `json:"channel"`
	ScheduledFor time.Time `json:"scheduled_for"`
	Status       string    `json:"status"`
	SkipReason   string    `json:"skip_reason,omitempty"`
	InvoiceIDs   []int64   `json:"invoice_ids"`
}

// debtorCase is the answer of GET /debtors/{id}/case.
type debtorCase struct {
	Cases   []caseJSON   `json:"cases"`
	Actions []actionJSON `json:"actions"`
}

// getDebtorCase serves GET /api/v1/debtors/{id}/case: the debtor's cases,
// newest first, and its actions by schedule — those cancelled because
// their invoices got paid say so (skip_reason "paid").
func (a *API) getDebtorCase(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	if _, err := a.store.GetDebtor(ctx, id); err != nil {
		return fmt.Errorf("get debtor %d: %w", id, err)
	}
	cs, err := a.store.Cases(ctx, id)
	if err != nil {
		return fmt.Errorf("cases of debtor %d: %w", id, err)
	}
	as, err := a.store.Actions(ctx, store.ActionQuery{DebtorID: id, Limit: 1000})
	if err != nil {
		return fmt.Errorf("actions of debtor %d: %w", id, err)
	}
	out := debtorCase{Cases: make([]caseJSON, 0, len(cs)), Actions: make([]actionJSON, 0, len(as))}
	for _, c := range cs {
		out.Cases = append(out.Cases, toCase(c))
	}
	for _, x := range as {
		ids := x.InvoiceIDs
		if ids == nil {
			ids = []int64{}
		}
		out.Actions = append(out.Actions, actionJSON{ID: x.ID, CaseID: x.CaseID, Step: x.StepKey, Channel: string(x.Channel),
			ScheduledFor: x.ScheduledFor.UTC(), Status: string(x.Status), SkipReason: x.SkipReason, InvoiceIDs: ids})
	}
	return writeJSON(w, http.StatusOK, out)
}

func toCase(c ledger.Case) caseJSON {
	out := caseJSON{ID: c.ID, Stage: string(c.Stage), OpenedAt: c.OpenedAt.UTC(), CloseReason: c.CloseReason}
	if !c.Open() {
		t := c.ClosedAt.UTC()
		out.ClosedAt = &t
	}
	return out
}

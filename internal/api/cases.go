package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// caseJSON is a debtor's case (dossier).
type caseJSON struct {
	ID          int64      `json:"id"`
	Stage       string     `json:"stage"`
	OwnerID     *int64     `json:"owner_id"` // null when nobody owns it
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
	out := caseJSON{ID: c.ID, Stage: string(c.Stage), OwnerID: optID(c.OwnerID), OpenedAt: c.OpenedAt.UTC(), CloseReason: c.CloseReason}
	if !c.Open() {
		t := c.ClosedAt.UTC()
		out.ClosedAt = &t
	}
	return out
}

// caseOwnerIn is the body of PUT /api/v1/debtors/{id}/case/owner.
type caseOwnerIn struct {
	OwnerID json.RawMessage `json:"owner_id"`
}

// putCaseOwner serves PUT /api/v1/debtors/{id}/case/owner: the member of
// the organization who owns the debtor's open case, 0 or null for
// nobody; the case's call tasks then go on their list (GET
// /calls?owner_id=). A debtor without an open case is not found; a user
// who is not a member is refused (422).
func (a *API) putCaseOwner(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	var in caseOwnerIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	var owner int64
	switch raw := strings.TrimSpace(string(in.OwnerID)); raw {
	case "":
		return invalid("owner_id", "required: the user id of a member of the organization, or 0 for nobody")
	case "null":
	default:
		if err := json.Unmarshal(in.OwnerID, &owner); err != nil || owner < 0 {
			return invalid("owner_id", fmt.Sprintf("want the user id of a member of the organization, or 0 for nobody; got %s", raw))
		}
	}
	ctx := r.Context()
	cs, err := a.store.Cases(ctx, d.ID)
	if err != nil {
		return fmt.Errorf("cases of debtor %d: %w", d.ID, err)
	}
	var c *ledger.Case
	for i := range cs {
		if cs[i].Open() {
			c = &cs[i]
			break
		}
	}
	if c == nil {
		return ledger.Errorf(ledger.ENotFound, "debtor %d has no open case", d.ID)
	}
	if err := a.store.AssignCase(ctx, c.ID, owner); err != nil {
		var le *ledger.Error
		if errors.As(err, &le) && le.Code == ledger.EInvalid && le.Field == "owner" {
			return invalid("owner_id", le.Message)
		}
		return refuse(err)
	}
	c.OwnerID = owner
	return writeJSON(w, http.StatusOK, toCase(*c))
}

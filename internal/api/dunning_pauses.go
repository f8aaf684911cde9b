package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// What pauses the reminders of a debtor: disputes, promises to pay,
// payment plans, a hold set by a person; and its risk score.

// dispute is a debtor contesting an invoice; while it is open the invoice
// is left out of every reminder.
type dispute struct {
	ID         int64     `json:"id"`
	DebtorID   int64     `json:"debtor_id"`
	InvoiceID  int64     `json:"invoice_id"`
	Reason     string    `json:"reason"`
	Amount     *amount   `json:"amount"`
	OpenedOn   string    `json:"opened_on"`
	Status     string    `json:"status"`
	ResolvedOn *string   `json:"resolved_on"`
	Resolution string    `json:"resolution"`
	CreatedAt  time.Time `json:"created_at"`
}

func toDispute(d ledger.Dispute) dispute {
	return dispute{ID: d.ID, DebtorID: d.DebtorID, InvoiceID: d.InvoiceID, Reason: d.Reason, Amount: optAmount(d.Amount),
		OpenedOn: d.OpenedOn.String(), Status: string(d.Status), ResolvedOn: optDate(d.ResolvedOn), Resolution: d.Resolution,
		CreatedAt: d.CreatedAt.UTC()}
}

// promise is a debtor's word to pay an amount by a date.
type promise struct {
	ID        int64     `json:"id"`
	DebtorID  int64     `json:"debtor_id"`
	Amount    amount    `json:"amount"`
	DueOn     string    `json:"due_on"`
	Status    string    `json:"status"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
	ClosedOn  *string   `json:"closed_on"`
}

func toPromise(p ledger.Promise) promise {
	return promise{ID: p.ID, DebtorID: p.DebtorID, Amount: toAmount(p.Amount), DueOn: p.DueOn.String(), Status: string(p.Status),
		Note: p.Note, CreatedAt: p.CreatedAt.UTC(), ClosedOn: optDate(p.ClosedOn)}
}

// instalment is one due date of a payment plan.
type instalment struct {
	DueOn  string `json:"due_on"`
	Amount amount `json:"amount"`
}

// paymentPlan is instalments agreed with a debtor.
type paymentPlan struct {
	ID          int64        `json:"id"`
	DebtorID    int64        `json:"debtor_id"`
	Instalments []instalment `json:"instalments"`
	Total       amount       `json:"total"`
	GraceDays   int          `json:"grace_days"`
	Status      string       `json:"status"`
	Note        string       `json:"note"`
	CreatedAt   time.Time    `json:"created_at"`
	ClosedOn    *string      `json:"closed_on"`
}

func toPaymentPlan(p ledger.PaymentPlan) paymentPlan {
	out := paymentPlan{ID: p.ID, DebtorID: p.DebtorID, Instalments: make([]instalment, 0, len(p.Instalments)), Total: toAmount(p.Total()),
		GraceDays: p.GraceDays, Status: string(p.Status), Note: p.Note, CreatedAt: p.CreatedAt.UTC(), ClosedOn: optDate(p.ClosedOn)}
	for _, in := range p.Instalments {
		out.Instalments = append(out.Instalments, instalment{DueOn: in.DueOn.String(), Amount: toAmount(in.Amount)})
	}
	return out
}

// debtorOf reads the {id} of the path: a debtor of the organization.
func (a *API) debtorOf(r *http.Request) (*ledger.Debtor, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	d, err := a.store.GetDebtor(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("get debtor %d: %w", id, err)
	}
	return d, nil
}

// listDisputes serves GET /api/v1/debtors/{id}/disputes: all the
// debtor's disputes, open and closed, oldest first.
func (a *API) listDisputes(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	ds, err := a.store.Disputes(r.Context(), d.ID)
	if err != nil {
		return fmt.Errorf("disputes of debtor %d: %w", d.ID, err)
	}
	out := list[dispute]{Data: make([]dispute, 0, len(ds))}
	for _, x := range ds {
		out.Data = append(out.Data, toDispute(x))
	}
	return writeJSON(w, http.StatusOK, out)
}

// disputeIn is the body of POST /api/v1/debtors/{id}/disputes.
type disputeIn struct {
	InvoiceID int64  `json:"invoice_id"`
	Reason    string `json:"reason"`
	Amount    string `json:"amount"`
	OpenedOn  string `json:"opened_on"`
}

// openDispute serves POST /api/v1/debtors/{id}/disputes: the debtor
// contests one of its invoices (the contested part, or the whole).
func (a *API) openDispute(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	var in disputeIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	x := ledger.Dispute{DebtorID: d.ID, InvoiceID: in.InvoiceID, Reason: strings.TrimSpace(in.Reason)}
	switch {
	case in.InvoiceID <= 0:
		return invalid("invoice_id", "want the id of the invoice contested")
	case x.Reason == "":
		return invalid("reason", "a dispute needs a reason")
	}
	ctx := r.Context()
	inv, err := a.store.GetInvoice(ctx, in.InvoiceID)
	if err != nil {
		return fmt.Errorf("get invoice %d: %w", in.InvoiceID, err)
	}
	if inv.DebtorID != d.ID {
		return invalid("invoice_id", fmt.Sprintf("invoice %d is not the debtor's", in.InvoiceID))
	}
	if in.Amount != "" {
		if x.Amount, err = money.Parse(in.Amount, inv.Amount.Currency); err != nil {
			return invalid("amount", err.Error())
		}
		if x.Amount.Minor <= 0 {
			return invalid("amount", fmt.Sprintf("want a positive amount, or none for the whole invoice; got %q", in.Amount))
		}
	}
	today := a.today()
	if x.OpenedOn, err = optionalDate("opened_on", in.OpenedOn, today); err != nil {
		return err
	}
	if x.OpenedOn.After(today) {
		return invalid("opened_on", "the date is in the future")
	}
	if err := a.store.OpenDispute(ctx, &x); err != nil {
		return refuse(err)
	}
	w.Header().Set("Location", fmt.Sprintf("%s/debtors/%d/disputes", Prefix, d.ID))
	return writeJSON(w, http.StatusCreated, toDispute(x))
}

// optionalDate reads a date of a body, def when empty.
func optionalDate(field, s string, def civil.Date) (civil.Date, error) {
	if s == "" {
		return def, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return d, invalid(field, fmt.Sprintf("want YYYY-MM-DD, got %q", s))
	}
	return d, nil
}

// closeDisputeIn is the body of POST /api/v1/disputes/{id}/close.
type closeDisputeIn struct {
	Status     string `json:"status"`
	Resolution string `json:"resolution"`
	On         string `json:"on"`
}

// closeDispute serves POST /api/v1/disputes/{id}/close: resolved (the
// creditor was right, reminders resume) or upheld (the debtor was right:
// a credit note is expected).
func (a *API) closeDispute(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in closeDisputeIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	status := ledger.DisputeStatus(in.Status)
	if status != ledger.DisputeResolved && status != ledger.DisputeUpheld {
		return invalid("status", fmt.Sprintf("want resolved or upheld, got %q", in.Status))
	}
	today := a.today()
	on, err := optionalDate("on", in.On, today)
	if err != nil {
		return err
	}
	if on.After(today) {
		return invalid("on", "the date is in the future")
	}
	ctx := r.Context()
	// The store reads disputes by debtor: find the debtor among the
	// open ones before it closes.
	open, err := a.store.Disputes(ctx, 0)
	if err != nil {
		return fmt.Errorf("open disputes: %w", err)
	}
	var debtorID int64
	for _, x := range open {
		if x.ID == id {
			debtorID = x.DebtorID
		}
	}
	if err := a.store.CloseDispute(ctx, id, status, in.Resolution, on); err != nil {
		return refuse(err)
	}
	return a.writeOne(ctx, w, id, func(ctx context.Context) (any, error) {
		ds, err := a.store.Disputes(ctx, debtorID)
		for _, x := range ds {
			if x.ID == id {
				return toDispute(x), nil
			}
		}
		return nil, err
	})
}

// writeOne answers what find returns; a pause just closed that cannot be
// read back is an internal error.
func (a *API) writeOne(ctx context.Context, w http.ResponseWriter, id int64, find func(context.Context) (any, error)) error {
	v, err := find(ctx)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("%d closed but not found", id)
	}
	return writeJSON(w, http.StatusOK, v)
}

// listPromises serves GET /api/v1/debtors/{id}/promises, by due date.
func (a *API) listPromises(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	ps, err := a.store.Promises(r.Context(), d.ID)
	if err != nil {
		return fmt.Errorf("promises of debtor %d: %w", d.ID, err)
	}
	out := list[promise]{Data: make([]promise, 0, len(ps))}
	for _, p := range ps {
		out.Data = append(out.Data, toPromise(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// promiseIn is the body of POST /api/v1/debtors/{id}/promises.
type promiseIn struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
	DueOn    string `json:"due_on"`
	Note     string `json:"note"`
}

// recordPromise serves POST /api/v1/debtors/{id}/promises: the debtor's
// word to pay; the reminders wait for it, and resume if the date passes
// without the money.
func (a *API) recordPromise(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	var in promiseIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	cur, err := currencyOf("currency", in.Currency)
	if err != nil {
		return err
	}
	p := ledger.Promise{DebtorID: d.ID, Note: strings.TrimSpace(in.Note)}
	if in.Amount == "" {
		return invalid("amount", "a promise needs the amount promised")
	}
	if p.Amount, err = money.Parse(in.Amount, cur); err != nil {
		return invalid("amount", err.Error())
	}
	if p.Amount.Minor <= 0 {
		return invalid("amount", fmt.Sprintf("want a positive amount, got %q", in.Amount))
	}
	if p.DueOn, err = civil.Parse(in.DueOn); err != nil {
		return invalid("due_on", fmt.Sprintf("want the date promised, YYYY-MM-DD, got %q", in.DueOn))
	}
	if p.DueOn.Before(a.today()) {
		return invalid("due_on", "the date promised is past")
	}
	if err := a.store.RecordPromise(r.Context(), &p); err != nil {
		return refuse(err)
	}
	w.Header().Set("Location", fmt.Sprintf("%s/debtors/%d/promises", Prefix, d.ID))
	return writeJSON(w, http.StatusCreated, toPromise(p))
}

// cancelPromise serves POST /api/v1/promises/{id}/cancel: a pending
// promise withdrawn; the reminders resume.
func (a *API) cancelPromise(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	pending, err := a.store.Promises(ctx, 0)
	if err != nil {
		return fmt.Errorf("pending promises: %w", err)
	}
	var debtorID int64
	for _, p := range pending {
		if p.ID == id {
			debtorID = p.DebtorID
		}
	}
	if err := a.store.SetPromiseStatus(ctx, id, ledger.PromiseCancelled, a.today()); err != nil {
		return err
	}
	return a.writeOne(ctx, w, id, func(ctx context.Context) (any, error) {
		ps, err := a.store.Promises(ctx, debtorID)
		for _, p := range ps {
			if p.ID == id {
				return toPromise(p), nil
			}
		}
		return nil, err
	})
}

// listPaymentPlans serves GET /api/v1/debtors/{id}/payment-plans, oldest
// first.
func (a *API) listPaymentPlans(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	ps, err := a.store.PaymentPlans(r.Context(), d.ID)
	if err != nil {
		return fmt.Errorf("payment plans of debtor %d: %w", d.ID, err)
	}
	out := list[paymentPlan]{Data: make([]paymentPlan, 0, len(ps))}
	for _, p := range ps {
		out.Data = append(out.Data, toPaymentPlan(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// paymentPlanIn is the body of POST /api/v1/debtors/{id}/payment-plans.
type paymentPlanIn struct {
	Instalments []struct {
		DueOn  string `json:"due_on"`
		Amount string `json:"amount"`
	} `json:"instalments"`
	Currency  string `json:"currency"`
	GraceDays *int   `json:"grace_days"`
	Note      string `json:"note"`
}

// maxInstalments bounds a plan: ten years of monthly instalments.
const maxInstalments = 120

// recordPaymentPlan serves POST /api/v1/debtors/{id}/payment-plans: the
// instalments agreed; the reminders wait while they are paid on time.
func (a *API) recordPaymentPlan(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	var in paymentPlanIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	cur, err := currencyOf("currency", in.Currency)
	if err != nil {
		return err
	}
	p := ledger.PaymentPlan{DebtorID: d.ID, Note: strings.TrimSpace(in.Note), GraceDays: 5}
	if in.GraceDays != nil {
		p.GraceDays = *in.GraceDays
	}
	switch {
	case len(in.Instalments) == 0:
		return invalid("instalments", "a plan has one instalment at least")
	case len(in.Instalments) > maxInstalments:
		return invalid("instalments", fmt.Sprintf("at most %d instalments", maxInstalments))
	case p.GraceDays < 0 || p.GraceDays > 60:
		return invalid("grace_days", fmt.Sprintf("want from 0 to 60 days, got %d", p.GraceDays))
	}
	for i, x := range in.Instalments {
		field := fmt.Sprintf("instalments[%d]", i)
		var it ledger.Instalment
		if it.DueOn, err = civil.Parse(x.DueOn); err != nil {
			return invalid(field+".due_on", fmt.Sprintf("want YYYY-MM-DD, got %q", x.DueOn))
		}
		if i > 0 && !it.DueOn.After(p.Instalments[i-1].DueOn) {
			return invalid(field+".due_on", "each instalment falls after the one before")
		}
		if it.Amount, err = money.Parse(x.Amount, cur); err != nil {
			return invalid(field+".amount", err.Error())
		}
		if it.Amount.Minor <= 0 {
			return invalid(field+".amount", fmt.Sprintf("want a positive amount, got %q", x.Amount))
		}
		p.Instalments = append(p.Instalments, it)
	}
	if err := a.store.RecordPaymentPlan(r.Context(), &p); err != nil {
		return refuse(err)
	}
	w.Header().Set("Location", fmt.Sprintf("%s/debtors/%d/payment-plans", Prefix, d.ID))
	return writeJSON(w, http.StatusCreated, toPaymentPlan(p))
}

// cancelPaymentPlan serves POST /api/v1/payment-plans/{id}/cancel: an
// active plan withdrawn; the reminders resume.
func (a *API) cancelPaymentPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	active, err := a.store.PaymentPlans(ctx, 0)
	if err != nil {
		return fmt.Errorf("active payment plans: %w", err)
	}
	var debtorID int64
	for _, p := range active {
		if p.ID == id {
			debtorID = p.DebtorID
		}
	}
	if err := a.store.SetPlanStatus(ctx, id, ledger.PlanCancelled, a.today()); err != nil {
		return err
	}
	return a.writeOne(ctx, w, id, func(ctx context.Context) (any, error) {
		ps, err := a.store.PaymentPlans(ctx, debtorID)
		for _, p := range ps {
			if p.ID == id {
				return toPaymentPlan(p), nil
			}
		}
		return nil, err
	})
}

// contactPause is a hold on contacting a debtor.
type contactPause struct {
	DebtorID     int64   `json:"debtor_id"`
	DoNotContact bool    `json:"do_not_contact"`
	PausedUntil  *string `json:"paused_until"`
	Reason       string  `json:"reason"`
}

// pauseIn is the body of PUT /api/v1/debtors/{id}/pause.
type pauseIn struct {
	DoNotContact bool    `json:"do_not_contact"`
	PausedUntil  *string `json:"paused_until"`
	Reason       string  `json:"reason"`
}

// putPause serves PUT /api/v1/debtors/{id}/pause: do_not_contact stops
// every reminder until lifted, paused_until until that day included;
// both false and null lift the hold.
func (a *API) putPause(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	var in pauseIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	p := ledger.ContactPause{DoNotContact: in.DoNotContact, Reason: strings.TrimSpace(in.Reason)}
	if in.PausedUntil != nil && *in.PausedUntil != "" {
		if p.PausedUntil, err = civil.Parse(*in.PausedUntil); err != nil {
			return invalid("paused_until", fmt.Sprintf("want YYYY-MM-DD or null, got %q", *in.PausedUntil))
		}
		if p.PausedUntil.Before(a.today()) {
			return invalid("paused_until", "the date is past: null lifts the pause")
		}
	}
	if (p.DoNotContact || !p.PausedUntil.IsZero()) && p.Reason == "" {
		return invalid("reason", "say why the debtor is not to be contacted")
	}
	ctx := r.Context()
	if err := a.store.SetContactPause(ctx, d.ID, p); err != nil {
		return refuse(err)
	}
	got, err := a.store.ContactPause(ctx, d.ID)
	if err != nil {
		return fmt.Errorf("contact pause of debtor %d: %w", d.ID, err)
	}
	return writeJSON(w, http.StatusOK, contactPause{DebtorID: d.ID, DoNotContact: got.DoNotContact, PausedUntil: optDate(got.PausedUntil), Reason: got.Reason})
}

// riskScoreIn is the body of PUT /api/v1/debtors/{id}/risk-score.
type riskScoreIn struct {
	Score json.RawMessage `json:"score"`
}

// putRiskScore serves PUT /api/v1/debtors/{id}/risk-score: a score from
// 0 to 100 that segments may use, or null to remove it.
func (a *API) putRiskScore(w http.ResponseWriter, r *http.Request) error {
	d, err := a.debtorOf(r)
	if err != nil {
		return err
	}
	var in riskScoreIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	score := -1
	switch raw := strings.TrimSpace(string(in.Score)); raw {
	case "":
		return invalid("score", "required: an integer from 0 to 100, or null to remove the score")
	case "null":
	default:
		if err := json.Unmarshal(in.Score, &score); err != nil || score < 0 || score > 100 {
			return invalid("score", fmt.Sprintf("want an integer from 0 to 100, or null; got %s", raw))
		}
	}
	if err := a.store.SetRiskScore(r.Context(), d.ID, score); err != nil {
		return refuse(err)
	}
	out := struct {
		DebtorID int64 `json:"debtor_id"`
		Score    *int  `json:"score"`
	}{DebtorID: d.ID}
	if score >= 0 {
		out.Score = &score
	}
	return writeJSON(w, http.StatusOK, out)
}

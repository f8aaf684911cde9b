package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// planRows is how many instalment rows the payment plan form offers.
const planRows = 6

// maxInstalments bounds a plan spread by « répartir ».
const maxInstalments = 60

// dunningBox is the debtor page's « Relances » block: the holds on
// contacting the debtor, its risk score, disputes, promises, payment
// plans and the addresses that bounced, with the forms that record them.
type dunningBox struct {
	Pause    ledger.ContactPause
	Risk     int // -1 without a score
	Disputes []ledger.Dispute
	Promises []ledger.Promise
	Plans    []ledger.PaymentPlan
	Bounces  []dunning.Bounce
	Done     string // translated: what was just recorded
	Error    string // translated
	Form     string // the form the error is about
	In       dunningInput
	names    stepNames
}

// dunningInput is what the block's forms said, given back on an error.
type dunningInput struct {
	PauseUntil, PauseReason                   string
	Risk                                      string
	DisputeInvoice                            int64
	DisputeReason, DisputeAmount              string
	PromiseAmount, PromiseDue, PromiseNote    string
	Rows                                      []planRow
	PlanTotal, PlanCount, PlanFirst, PlanNote string
	PlanGrace                                 string
}

// planRow is one instalment row of the payment plan form.
type planRow struct{ Date, Amount string }

// Paused reports whether a dated pause is in force.
func (b *dunningBox) Paused(today civil.Date) bool {
	return !b.Pause.PausedUntil.IsZero() && !b.Pause.PausedUntil.Before(today)
}

// OpenDisputes counts the disputes still open.
func (b *dunningBox) OpenDisputes() int {
	n := 0
	for _, d := range b.Disputes {
		if d.Status == ledger.DisputeOpen {
			n++
		}
	}
	return n
}

// ActionStep names the step of an action of the debtor.
func (p *debtorPage) ActionStep(a ledger.Action) string {
	return p.Dunning.names.of(a.ScenarioKey, a.StepKey)
}

// InvoiceNumber is the number of an invoice of the page.
func (p *debtorPage) InvoiceNumber(id int64) string { return p.numbers[id] }

// DisputeStatus names where a dispute stands.
func (v *view) DisputeStatus(s any) string { return v.named("dunningui.dispute.", s) }

// PromiseStatus names where a promise stands.
func (v *view) PromiseStatus(s any) string { return v.named("dunningui.promise.", s) }

// PlanStatus names where a payment plan stands.
func (v *view) PlanStatus(s any) string { return v.named("dunningui.plan.", s) }

// debtorDunning fills the debtor page's « Relances » block.
func (ui *UI) debtorDunning(r *http.Request, v *view, data *debtorPage) error {
	ctx := r.Context()
	id := data.Debtor.ID
	b := &data.Dunning
	var err error
	if b.Pause, err = ui.store.ContactPause(ctx, id); err != nil {
		return fmt.Errorf("contact pause: %w", err)
	}
	if b.Disputes, err = ui.store.Disputes(ctx, id); err != nil {
		return fmt.Errorf("disputes: %w", err)
	}
	if b.Promises, err = ui.store.Promises(ctx, id); err != nil {
		return fmt.Errorf("promises: %w", err)
	}
	if b.Plans, err = ui.store.PaymentPlans(ctx, id); err != nil {
		return fmt.Errorf("payment plans: %w", err)
	}
	if b.Bounces, err = ui.store.Bounces(ctx, id); err != nil {
		return fmt.Errorf("bounces: %w", err)
	}
	// The risk score is read with the planner's facts (none for a debtor
	// with nothing open and no case).
	b.Risk = -1
	err = ui.store.PlanningFacts(ctx, store.FactsQuery{Now: ui.now(), DueBy: v.Today.AddDays(3650), DebtorID: id}, func(f *dunning.Facts) error {
		if f.Debtor.ID == id {
			b.Risk = f.RiskScore
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("risk score: %w", err)
	}
	scenarios, err := ui.store.Scenarios(ctx)
	if err != nil {
		return fmt.Errorf("scenarios: %w", err)
	}
	b.names = stepNames{}
	for _, s := range scenarios {
		for _, st := range s.Steps {
			b.names[s.Key+"\x00"+st.Key] = st.Name
		}
	}
	if b.Done == "" && b.Error == "" {
		if done := r.URL.Query().Get("dunning"); done != "" {
			b.Done = v.translated("dunningui.debtor.done."+done, "")
		}
	}
	if b.In.Risk == "" && b.Risk >= 0 && b.Form != "risk" {
		b.In.Risk = strconv.Itoa(b.Risk)
	}
	for len(b.In.Rows) < planRows {
		b.In.Rows = append(b.In.Rows, planRow{})
	}
	if b.In.PlanGrace == "" {
		b.In.PlanGrace = "5"
	}
	if b.In.PlanCount == "" {
		b.In.PlanCount = "3"
	}
	return nil
}

// dunningTarget checks the user may act on reminders and loads the
// debtor of the path: another organization's is not found.
func (ui *UI) dunningTarget(r *http.Request, v *view) (*ledger.Debtor, error) {
	if err := mayRun(v); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return ui.store.GetDebtor(r.Context(), id)
}

// subID reads the {sub} id of the path.
func subID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("sub"), 10, 64)
	if err != nil || id <= 0 {
		return 0, ledger.Errorf(ledger.ENotFound, "no such id %q", r.PathValue("sub"))
	}
	return id, nil
}

// afterDunning goes back to the debtor's page with what was done.
func afterDunning(w http.ResponseWriter, r *http.Request, d *ledger.Debtor, done string) error {
	http.Redirect(w, r, fmt.Sprintf("/debtors/%d?dunning=%s#dunning", d.ID, done), http.StatusSeeOther)
	return nil
}

// dunningFail shows the debtor's page again with why form was refused.
func (ui *UI) dunningFail(w http.ResponseWriter, r *http.Request, v *view, status int, form, msg string, in dunningInput) error {
	return ui.renderDebtor(w, r, v, status, &debtorPage{Dunning: dunningBox{Form: form, Error: msg, In: in}})
}

// dunningRefusal words a store's refusal of a dunning record, with the
// status to answer; ok is false for an internal error.
func dunningRefusal(v *view, err error) (int, string, bool) {
	var e *ledger.Error
	if !errors.As(err, &e) {
		return 0, "", false
	}
	switch e.Code {
	case ledger.EConflict:
		return http.StatusConflict, v.T("dunningui.debtor.err_closed"), true
	case ledger.EInvalid:
	default:
		return 0, "", false
	}
	field := e.Field
	if i := strings.LastIndex(field, "."); i >= 0 && strings.HasPrefix(field, "instalments[") {
		field = "instalment" + field[i:]
	}
	key := map[string]string{
		"amount":            "dunningui.debtor.err_amount",
		"due_on":            "dunningui.debtor.err_date",
		"invoice_id":        "dunningui.debtor.err_invoice",
		"instalments":       "dunningui.debtor.err_plan_empty",
		"instalment.amount": "dunningui.debtor.err_amount",
		"instalment.due_on": "dunningui.debtor.err_plan_dates",
		"grace_days":        "dunningui.debtor.err_grace",
		"risk_score":        "dunningui.debtor.err_risk",
		"on":                "dunningui.debtor.err_close_date",
		"status":            "error.invalid",
	}[field]
	if key == "" {
		key = "error.invalid"
	}
	return http.StatusBadRequest, v.T(key), true
}

// setDebtorPause serves POST /debtors/{id}/dunning/pause: op "pause"
// suspends the reminders until a date, "resume" lifts every hold, "dnc"
// marks the debtor not to be contacted, "undnc" lifts that mark.
func (ui *UI) setDebtorPause(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	ctx := r.Context()
	in := dunningInput{PauseUntil: strings.TrimSpace(r.PostFormValue("until")), PauseReason: strings.TrimSpace(r.PostFormValue("reason"))}
	cur, err := ui.store.ContactPause(ctx, d.ID)
	if err != nil {
		return err
	}
	var p ledger.ContactPause
	done := r.PostFormValue("op")
	switch done {
	case "pause":
		until, err := civil.Parse(in.PauseUntil)
		if err != nil || !until.After(v.Today) {
			return ui.dunningFail(w, r, v, http.StatusBadRequest, "pause", v.T("dunningui.debtor.err_pause_date"), in)
		}
		p = ledger.ContactPause{DoNotContact: cur.DoNotContact, PausedUntil: until, Reason: in.PauseReason}
	case "resume":
		p = ledger.ContactPause{Reason: in.PauseReason}
	case "dnc":
		p = ledger.ContactPause{DoNotContact: true, PausedUntil: cur.PausedUntil, Reason: in.PauseReason}
	case "undnc":
		p = ledger.ContactPause{PausedUntil: cur.PausedUntil, Reason: cur.Reason}
		if !cur.PausedUntil.After(v.Today) {
			p = ledger.ContactPause{Reason: in.PauseReason}
		}
	default:
		return ledger.Errorf(ledger.EInvalid, "unknown pause operation %q", done)
	}
	if err := ui.store.SetContactPause(ctx, d.ID, p); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return ui.dunningFail(w, r, v, status, "pause", msg, in)
		}
		return fmt.Errorf("set contact pause: %w", err)
	}
	return afterDunning(w, r, d, done)
}

// setDebtorRisk serves POST /debtors/{id}/dunning/risk: the risk score,
// 0 to 100; empty removes it.
func (ui *UI) setDebtorRisk(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	in := dunningInput{Risk: strings.TrimSpace(r.PostFormValue("risk"))}
	score := -1
	if in.Risk != "" {
		n, err := strconv.Atoi(in.Risk)
		if err != nil || n < 0 || n > 100 {
			return ui.dunningFail(w, r, v, http.StatusBadRequest, "risk", v.T("dunningui.debtor.err_risk"), in)
		}
		score = n
	}
	if err := ui.store.SetRiskScore(r.Context(), d.ID, score); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return ui.dunningFail(w, r, v, status, "risk", msg, in)
		}
		return fmt.Errorf("set risk score: %w", err)
	}
	return afterDunning(w, r, d, "risk")
}

// openDispute serves POST /debtors/{id}/disputes: the debtor contests an
// invoice, for a reason and, optionally, part of its amount.
func (ui *UI) openDispute(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	in := dunningInput{DisputeReason: strings.TrimSpace(r.PostFormValue("reason")), DisputeAmount: strings.TrimSpace(r.PostFormValue("amount"))}
	in.DisputeInvoice, _ = strconv.ParseInt(r.PostFormValue("invoice"), 10, 64)
	fail := func(status int, msg string) error { return ui.dunningFail(w, r, v, status, "dispute", msg, in) }
	if in.DisputeInvoice <= 0 {
		return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_invoice"))
	}
	if in.DisputeReason == "" {
		return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_reason"))
	}
	dis := ledger.Dispute{DebtorID: d.ID, InvoiceID: in.DisputeInvoice, Reason: in.DisputeReason, OpenedOn: v.Today}
	if in.DisputeAmount != "" {
		a, err := money.Parse(in.DisputeAmount, currencyOf(d))
		if err != nil {
			return fail(http.StatusBadRequest, v.amountError(err))
		}
		dis.Amount = a
	}
	if err := ui.store.OpenDispute(r.Context(), &dis); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return fail(status, msg)
		}
		return fmt.Errorf("open dispute: %w", err)
	}
	return afterDunning(w, r, d, "dispute_opened")
}

// closeDispute serves POST /debtors/{id}/disputes/{sub}/close: status
// "resolved" (the creditor was right: reminders resume) or "upheld" (the
// debtor was: a credit note is expected).
func (ui *UI) closeDispute(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	id, err := subID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	ds, err := ui.store.Disputes(ctx, d.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(ds, func(x ledger.Dispute) bool { return x.ID == id }) {
		return ledger.Errorf(ledger.ENotFound, "no dispute %d for debtor %d", id, d.ID)
	}
	st := ledger.DisputeStatus(r.PostFormValue("status"))
	if st != ledger.DisputeResolved && st != ledger.DisputeUpheld {
		return ui.dunningFail(w, r, v, http.StatusBadRequest, "dispute", v.T("error.invalid"), dunningInput{})
	}
	if err := ui.store.CloseDispute(ctx, id, st, strings.TrimSpace(r.PostFormValue("resolution")), v.Today); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return ui.dunningFail(w, r, v, status, "dispute", msg, dunningInput{})
		}
		return fmt.Errorf("close dispute: %w", err)
	}
	return afterDunning(w, r, d, "dispute_closed")
}

// recordPromise serves POST /debtors/{id}/promises: the debtor's word to
// pay an amount by a date; the scenario waits for it.
func (ui *UI) recordPromise(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	in := dunningInput{PromiseAmount: strings.TrimSpace(r.PostFormValue("amount")), PromiseDue: strings.TrimSpace(r.PostFormValue("due_on")),
		PromiseNote: strings.TrimSpace(r.PostFormValue("note"))}
	fail := func(status int, msg string) error { return ui.dunningFail(w, r, v, status, "promise", msg, in) }
	a, err := money.Parse(in.PromiseAmount, currencyOf(d))
	if err != nil {
		return fail(http.StatusBadRequest, v.amountError(err))
	}
	if a.Minor <= 0 {
		return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_amount"))
	}
	due, err := civil.Parse(in.PromiseDue)
	if err != nil || due.Before(v.Today) {
		return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_promise_date"))
	}
	p := ledger.Promise{DebtorID: d.ID, Amount: a, DueOn: due, Note: in.PromiseNote}
	if err := ui.store.RecordPromise(r.Context(), &p); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return fail(status, msg)
		}
		return fmt.Errorf("record promise: %w", err)
	}
	return afterDunning(w, r, d, "promise_recorded")
}

// cancelPromise serves POST /debtors/{id}/promises/{sub}/cancel.
func (ui *UI) cancelPromise(w http.ResponseWriter, r *http.Request, v *view) error {
	return ui.cancelSub(w, r, v, "promise", func(ctx context.Context, debtorID, id int64) (bool, error) {
		ps, err := ui.store.Promises(ctx, debtorID)
		return slices.ContainsFunc(ps, func(x ledger.Promise) bool { return x.ID == id }), err
	}, func(ctx context.Context, id int64) error {
		return ui.store.SetPromiseStatus(ctx, id, ledger.PromiseCancelled, v.Today)
	})
}

// cancelSub cancels a debtor's promise or payment plan (kind "promise" or
// "plan"): owns tells whether the record {sub} is the debtor's, set
// cancels it.
func (ui *UI) cancelSub(w http.ResponseWriter, r *http.Request, v *view, kind string,
	owns func(ctx context.Context, debtorID, id int64) (bool, error), set func(ctx context.Context, id int64) error) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	id, err := subID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	ok, err := owns(ctx, d.ID, id)
	if err != nil {
		return err
	}
	if !ok {
		return ledger.Errorf(ledger.ENotFound, "no %s %d for debtor %d", kind, id, d.ID)
	}
	if err := set(ctx, id); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return ui.dunningFail(w, r, v, status, kind, msg, dunningInput{})
		}
		return fmt.Errorf("cancel %s: %w", kind, err)
	}
	return afterDunning(w, r, d, kind+"_cancelled")
}

// recordPlan serves POST /debtors/{id}/plans: a payment plan, from the
// instalment rows, or (op "split") a total spread over N monthly
// instalments from a first date, in parts that differ by a cent at most.
func (ui *UI) recordPlan(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	in := dunningInput{PlanTotal: f("total"), PlanCount: f("count"), PlanFirst: f("first"), PlanNote: f("note"), PlanGrace: f("grace_days")}
	for i := 0; i < planRows; i++ {
		in.Rows = append(in.Rows, planRow{Date: f(fmt.Sprintf("date_%d", i)), Amount: f(fmt.Sprintf("amount_%d", i))})
	}
	fail := func(status int, msg string) error { return ui.dunningFail(w, r, v, status, "plan", msg, in) }
	cur := currencyOf(d)
	p := ledger.PaymentPlan{DebtorID: d.ID, Note: in.PlanNote}
	if in.PlanGrace != "" {
		g, err := strconv.Atoi(in.PlanGrace)
		if err != nil || g < 0 || g > 90 {
			return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_grace"))
		}
		p.GraceDays = g
	}
	if r.PostFormValue("op") == "split" {
		total, err := money.Parse(in.PlanTotal, cur)
		if err != nil {
			return fail(http.StatusBadRequest, v.amountError(err))
		}
		n, err := strconv.Atoi(in.PlanCount)
		if err != nil || n < 1 || n > maxInstalments {
			return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_count", maxInstalments))
		}
		first, err := civil.Parse(in.PlanFirst)
		if err != nil {
			return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_plan_dates"))
		}
		if total.Minor <= 0 || total.Minor < int64(n) {
			return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_amount"))
		}
		for i, a := range money.Split(total, n) {
			p.Instalments = append(p.Instalments, ledger.Instalment{DueOn: first.AddMonths(i), Amount: a})
		}
	} else {
		for _, row := range in.Rows {
			if row.Date == "" && row.Amount == "" {
				continue
			}
			on, err := civil.Parse(row.Date)
			if err != nil {
				return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_plan_dates"))
			}
			a, err := money.Parse(row.Amount, cur)
			if err != nil {
				return fail(http.StatusBadRequest, v.amountError(err))
			}
			p.Instalments = append(p.Instalments, ledger.Instalment{DueOn: on, Amount: a})
		}
		if len(p.Instalments) == 0 {
			return fail(http.StatusBadRequest, v.T("dunningui.debtor.err_plan_empty"))
		}
	}
	if err := ui.store.RecordPaymentPlan(r.Context(), &p); err != nil {
		if status, msg, ok := dunningRefusal(v, err); ok {
			return fail(status, msg)
		}
		return fmt.Errorf("record payment plan: %w", err)
	}
	return afterDunning(w, r, d, "plan_recorded")
}

// cancelPlan serves POST /debtors/{id}/plans/{sub}/cancel.
func (ui *UI) cancelPlan(w http.ResponseWriter, r *http.Request, v *view) error {
	return ui.cancelSub(w, r, v, "plan", func(ctx context.Context, debtorID, id int64) (bool, error) {
		ps, err := ui.store.PaymentPlans(ctx, debtorID)
		return slices.ContainsFunc(ps, func(x ledger.PaymentPlan) bool { return x.ID == id }), err
	}, func(ctx context.Context, id int64) error {
		return ui.store.SetPlanStatus(ctx, id, ledger.PlanCancelled, v.Today)
	})
}

// currencyOf is the currency amounts typed for a debtor are read in: its
// credit limit's, else the euro.
func currencyOf(d *ledger.Debtor) money.Currency {
	if d.CreditLimit.Currency != "" {
		return d.CreditLimit.Currency
	}
	return "EUR"
}

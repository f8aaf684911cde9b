package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// callsPage is the data of « Appels du jour ».
type callsPage struct {
	*view
	Tasks []cycle.CallTask
	Mine  bool
	Done  string // translated
	// Error is why the outcome of call ErrorTask was refused; Form is
	// what the user typed, given back.
	Error     string
	ErrorTask int64
	Form      callForm
	names     stepNames
}

// callForm is what the outcome forms of a call say.
type callForm struct {
	Outcome       string
	PromiseAmount string
	PromiseDue    string
	DisputeReason string
	CallBackAt    string
	Note          string
}

// Step names a task's step.
func (p *callsPage) Step(t cycle.CallTask) string { return p.names.of(t.ScenarioKey, t.StepKey) }

// HistoryStep names the step of an action of a task's history.
func (p *callsPage) HistoryStep(scenario, step string) string { return p.names.of(scenario, step) }

// FormOf is what the user typed for task id, empty for the others.
func (p *callsPage) FormOf(id int64) callForm {
	if id == p.ErrorTask {
		return p.Form
	}
	return callForm{}
}

// ErrorElsewhere reports whether the error is about a call no longer on
// the list (closed meanwhile): it is shown above the list.
func (p *callsPage) ErrorElsewhere() bool {
	if p.Error == "" {
		return false
	}
	for _, t := range p.Tasks {
		if t.ID == p.ErrorTask {
			return false
		}
	}
	return true
}

// Who is the filter's query value.
func (p *callsPage) Who() string {
	if p.Mine {
		return "mine"
	}
	return ""
}

// Outcomes lists the outcomes a call may have, in the order the page
// offers them.
func (p *callsPage) Outcomes() []ledger.CallOutcome {
	return []ledger.CallOutcome{ledger.CallPaid, ledger.CallPromise, ledger.CallDispute, ledger.CallNoAnswer, ledger.CallWrongNumber, ledger.CallBack}
}

// showCalls serves GET /dunning/calls: the call list, everybody's or
// (?who=mine) the user's own cases'.
func (ui *UI) showCalls(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &callsPage{Mine: r.URL.Query().Get("who") == "mine"}
	if o := ledger.CallOutcome(r.URL.Query().Get("done")); o.Valid() {
		data.Done = v.T("dunningui.calls.done", v.Outcome(o))
	}
	return ui.renderCalls(w, r, v, http.StatusOK, data)
}

func (ui *UI) renderCalls(w http.ResponseWriter, r *http.Request, v *view, status int, data *callsPage) error {
	v.Title, v.Nav = "dunningui.calls.title", "dunning"
	data.view = v
	ctx := r.Context()
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	data.names = newStepNames(cfg)
	owner := int64(0)
	if data.Mine {
		owner = v.User.UserID
	}
	if data.Tasks, err = ui.cycle.CallList(ctx, owner, ui.now()); err != nil {
		return fmt.Errorf("call list: %w", err)
	}
	ui.render(w, r, status, "dunning_calls", data)
	return nil
}

// recordCall serves POST /dunning/calls/{id}: the outcome of a call, and
// what follows from it (a promise, a dispute, the next call…).
func (ui *UI) recordCall(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayRun(v); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	// Another organization's call is not found, before anything is read
	// from the form.
	a, err := ui.store.GetAction(ctx, id)
	if err != nil {
		return err
	}
	f := callForm{
		Outcome:       r.PostFormValue("outcome"),
		PromiseAmount: strings.TrimSpace(r.PostFormValue("promise_amount")),
		PromiseDue:    strings.TrimSpace(r.PostFormValue("promise_due")),
		DisputeReason: strings.TrimSpace(r.PostFormValue("dispute_reason")),
		CallBackAt:    strings.TrimSpace(r.PostFormValue("call_back_at")),
		Note:          strings.TrimSpace(r.PostFormValue("note")),
	}
	data := &callsPage{Mine: r.PostFormValue("who") == "mine", ErrorTask: id, Form: f}
	fail := func(msg string) error {
		data.Error = msg
		return ui.renderCalls(w, r, v, http.StatusBadRequest, data)
	}
	if a.Outcome != "" {
		// The store would take a second outcome: a call is closed once.
		return fail(v.T("dunningui.calls.err_closed"))
	}
	res := cycle.CallResult{Outcome: ledger.CallOutcome(f.Outcome), Note: f.Note, DisputeReason: f.DisputeReason}
	switch res.Outcome {
	case ledger.CallPromise:
		a, err := money.Parse(f.PromiseAmount, "EUR")
		if err != nil {
			return fail(v.amountError(err))
		}
		due, err := civil.Parse(f.PromiseDue)
		if err != nil {
			return fail(v.T("dunningui.calls.err_promise_date"))
		}
		res.PromiseAmount, res.PromiseDue = a, due
	case ledger.CallBack:
		if f.CallBackAt != "" {
			at, err := time.ParseInLocation("2006-01-02T15:04", f.CallBackAt, civil.Paris)
			if err != nil {
				return fail(v.T("dunningui.calls.err_call_back"))
			}
			res.CallBackAt = at
		}
	}
	if err := ui.cycle.RecordCall(ctx, id, res, ui.now()); err != nil {
		var e *ledger.Error
		if errors.As(err, &e) && (e.Code == ledger.EInvalid || e.Code == ledger.EConflict) {
			return fail(callRefusal(v, e))
		}
		return fmt.Errorf("record call %d: %w", id, err)
	}
	q := url.Values{"done": {f.Outcome}}
	if data.Mine {
		q.Set("who", "mine")
	}
	http.Redirect(w, r, "/dunning/calls?"+q.Encode(), http.StatusSeeOther)
	return nil
}

// callRefusal words why a call's outcome was refused.
func callRefusal(v *view, e *ledger.Error) string {
	if e.Code == ledger.EConflict {
		return v.T("dunningui.calls.err_closed")
	}
	switch e.Field {
	case "outcome":
		return v.T("dunningui.calls.err_outcome")
	case "promise":
		return v.T("dunningui.calls.err_promise")
	case "promise_due", "due_on":
		return v.T("dunningui.calls.err_promise_past")
	case "amount":
		return v.T("dunningui.calls.err_promise")
	case "dispute_reason":
		return v.T("dunningui.calls.err_dispute")
	case "action":
		return v.T("dunningui.calls.err_not_call")
	}
	return v.T("error.invalid")
}

// Tel is a phone number as a tel: link's target: without its spaces,
// dots and dashes.
func (p *callsPage) Tel(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u00a0' || r == '-' {
			return -1
		}
		return r
	}, s)
}

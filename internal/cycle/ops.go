package cycle

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// TodayPlan is the day's plan as a person reads it: what goes out, what
// waits for approval, what went, and what the planner holds back and why.
type TodayPlan struct {
	Day     civil.Date
	Now     time.Time
	Actions []store.ActionView // scheduled today, or sent today
	// Upcoming is what a run now would add (a dry run): new actions, and
	// the debtors held back with the reason.
	Upcoming []Item
	Held     []Item
}

// Today reads the day's plan of the organization in ctx at now.
func (e *Engine) Today(ctx context.Context, now time.Time) (*TodayPlan, error) {
	orgID, ok := store.OrgFrom(ctx)
	if !ok {
		return nil, fmt.Errorf("today's plan: no organization")
	}
	day := civil.Today(now, civil.Paris)
	start, end := day.Time(civil.Paris), day.AddDays(1).Time(civil.Paris)
	tp := &TodayPlan{Day: day, Now: now}
	scheduled, err := e.Store.ListActions(ctx, store.ActionQuery{From: start, Until: end, Limit: 1000})
	if err != nil {
		return nil, fmt.Errorf("today's actions: %w", err)
	}
	sent, err := e.Store.ListActions(ctx, store.ActionQuery{SentFrom: start, Limit: 1000})
	if err != nil {
		return nil, fmt.Errorf("today's actions: %w", err)
	}
	seen := map[int64]bool{}
	for _, a := range append(scheduled, sent...) {
		if !seen[a.ID] {
			seen[a.ID] = true
			tp.Actions = append(tp.Actions, a)
		}
	}
	slices.SortStableFunc(tp.Actions, func(a, b store.ActionView) int { return a.ScheduledFor.Compare(b.ScheduledFor) })
	rep, err := e.Run(ctx, orgID, Options{AsOf: now, DryRun: true})
	if err != nil {
		return nil, err
	}
	for _, it := range rep.Actions {
		if it.Step == "" || it.Status == string(ledger.ActionSkipped) {
			tp.Held = append(tp.Held, it)
		} else {
			tp.Upcoming = append(tp.Upcoming, it)
		}
	}
	return tp, nil
}

// CallResult is what a person records after a call.
type CallResult struct {
	Outcome ledger.CallOutcome
	Note    string
	// Promise: the amount and the date promised.
	PromiseAmount money.Amount
	PromiseDue    civil.Date
	// Dispute: the reason, and the invoices contested (all the call's
	// invoices when empty).
	DisputeReason string
	InvoiceIDs    []int64
	// CallBack: when to call again (next allowed moment when zero).
	CallBackAt time.Time
}

// RecordCall closes a call task with its outcome and acts on it: a
// promise is recorded (the scenario waits for it), a dispute opened on
// the invoices (they leave the reminders), a wrong number marked (never
// called again), "has paid" pauses the debtor five days for the money to
// arrive, and no answer or call back plans the next call.
func (e *Engine) RecordCall(ctx context.Context, actionID int64, r CallResult, now time.Time) error {
	if !r.Outcome.Valid() {
		return ledger.FieldError("outcome", "unknown call outcome %q", r.Outcome)
	}
	a, err := e.Store.GetAction(ctx, actionID)
	if err != nil {
		return err
	}
	if a.Channel != ledger.ChannelCall {
		return ledger.FieldError("action", "action %d is not a call", actionID)
	}
	today := civil.Today(now, civil.Paris)
	switch r.Outcome {
	case ledger.CallPromise:
		if r.PromiseAmount.Minor <= 0 || r.PromiseDue.IsZero() {
			return ledger.FieldError("promise", "a promise needs an amount and a date")
		}
		if r.PromiseDue.Before(today) {
			return ledger.FieldError("promise_due", "the promised date is past")
		}
	case ledger.CallDispute:
		if strings.TrimSpace(r.DisputeReason) == "" {
			return ledger.FieldError("dispute_reason", "a dispute needs a reason")
		}
	}
	if err := e.Store.RecordCallOutcome(ctx, actionID, r.Outcome, r.Note); err != nil {
		return err
	}
	switch r.Outcome {
	case ledger.CallPromise:
		return e.Store.RecordPromise(ctx, &ledger.Promise{DebtorID: a.DebtorID, Amount: r.PromiseAmount, DueOn: r.PromiseDue, Note: r.Note})
	case ledger.CallDispute:
		ids := r.InvoiceIDs
		if len(ids) == 0 {
			ids = a.InvoiceIDs
		}
		for _, id := range ids {
			if err := e.Store.OpenDispute(ctx, &ledger.Dispute{DebtorID: a.DebtorID, InvoiceID: id, Reason: r.DisputeReason, OpenedOn: today}); err != nil {
				return err
			}
		}
		return nil
	case ledger.CallPaid:
		return e.Store.SetContactPause(ctx, a.DebtorID, ledger.ContactPause{PausedUntil: today.AddDays(5), Reason: "paiement annoncé au téléphone"})
	case ledger.CallWrongNumber:
		f, err := e.oneFacts(ctx, a.DebtorID, now)
		if err != nil || f == nil {
			return err
		}
		if c, ok := dunning.Recipient(f.Debtor, ledger.ChannelCall, f.Bounced); ok {
			return e.Store.RecordBounce(ctx, dunning.Bounce{DebtorID: a.DebtorID, Address: c.Phone, Kind: "phone", Reason: "wrong number", At: now})
		}
		return nil
	case ledger.CallNoAnswer, ledger.CallBack:
		return e.followUpCall(ctx, a, r, now)
	}
	return nil
}

// followUpCall plans the next call of a call task not reached: at the
// time given, else the next allowed moment after today. Its step key is
// the task's with the attempt ("call-18~2"), so the case keeps one
// action per attempt.
func (e *Engine) followUpCall(ctx context.Context, a *store.ActionView, r CallResult, now time.Time) error {
	s, err := e.Store.DunningSettings(ctx)
	if err != nil {
		return err
	}
	base, attempt := a.StepKey, 1
	if i := strings.LastIndex(base, "~"); i > 0 {
		fmt.Sscan(base[i+1:], &attempt)
		base = base[:i]
	}
	at := r.CallBackAt
	if at.IsZero() {
		day := civil.Today(now, civil.Paris).AddDays(1)
		at = time.Date(day.Year, time.Month(day.Month), day.Day, s.QuietStart, 0, 0, 0, civil.Paris)
	}
	at = dunning.CalendarOf(s).NextAllowed(at, civil.Paris)
	next := a.Action
	next.ID, next.StepKey, next.ScheduledFor, next.Status = 0, fmt.Sprintf("%s~%d", base, attempt+1), at, ledger.ActionPlanned
	next.SkipReason, next.SentAt, next.ConfirmedAt, next.Outcome, next.Note, next.Attempts = "", time.Time{}, time.Time{}, "", "", 0
	next.Approval = false
	_, err = e.Store.WritePlan(ctx, []store.PlanWrite{{DebtorID: a.DebtorID, CaseID: a.CaseID, Actions: []ledger.Action{next}, On: civil.Today(now, civil.Paris)}})
	return err
}

// oneFacts reads one debtor's planning facts at now; nil when the debtor
// has nothing open.
func (e *Engine) oneFacts(ctx context.Context, debtorID int64, now time.Time) (*dunning.Facts, error) {
	var out *dunning.Facts
	err := e.Store.PlanningFacts(ctx, store.FactsQuery{Now: now, DueBy: civil.Today(now, civil.Paris).AddDays(3650), DebtorID: debtorID},
		func(f *dunning.Facts) error {
			if f.Debtor.ID == debtorID {
				c := *f
				out = &c
			}
			return nil
		})
	return out, err
}

// CallTask is a call on a person's list, with what they need to hold it.
type CallTask struct {
	store.ActionView
	Invoices []dunning.OpenInvoice // the debtor's open invoices
	Due      money.Amount
	Oldest   civil.Date // due date of the oldest open invoice
	Phone    string
	Contact  string
	Script   string // the call template rendered for this debtor
	History  []store.ActionView
	Promises []ledger.Promise
}

// CallList is the morning call list of owner (every owner's for 0): the
// call tasks due by the end of the day, by amount at stake then age.
func (e *Engine) CallList(ctx context.Context, ownerID int64, now time.Time) ([]CallTask, error) {
	end := civil.Today(now, civil.Paris).AddDays(1).Time(civil.Paris)
	as, err := e.Store.ListActions(ctx, store.ActionQuery{Channel: ledger.ChannelCall, Statuses: []ledger.ActionStatus{ledger.ActionPlanned},
		OwnerID: ownerID, Until: end, Limit: 1000})
	if err != nil {
		return nil, fmt.Errorf("call list: %w", err)
	}
	cfg, err := LoadConfig(ctx, e.Store)
	if err != nil {
		return nil, err
	}
	out := make([]CallTask, 0, len(as))
	for _, a := range as {
		t := CallTask{ActionView: a}
		f, err := e.oneFacts(ctx, a.DebtorID, now)
		if err != nil {
			return nil, err
		}
		if f != nil {
			t.Invoices = f.Invoices
			t.Promises = f.Promises
			for _, inv := range f.Invoices {
				if t.Due.Currency == "" {
					t.Due, t.Oldest = money.New(0, inv.Outstanding.Currency), inv.DueDate
				}
				if inv.Outstanding.Currency == t.Due.Currency {
					t.Due.Minor += inv.Outstanding.Minor
				}
			}
			if c, ok := dunning.Recipient(f.Debtor, ledger.ChannelCall, f.Bounced); ok {
				t.Phone, t.Contact = c.Phone, c.Name
				if r, err := e.render(ctx, cfg, f, a.Action, c, now); err == nil {
					t.Script = r
				} else {
					e.log().Warn("call script", "action", a.ID, "err", err)
				}
			}
		}
		if t.History, err = e.Store.ListActions(ctx, store.ActionQuery{DebtorID: a.DebtorID, Statuses: []ledger.ActionStatus{ledger.ActionSent}, Limit: 20}); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b CallTask) int {
		if c := b.Due.Cmp(a.Due); c != 0 && a.Due.Currency == b.Due.Currency {
			return c
		}
		return a.Oldest.Compare(b.Oldest)
	})
	return out, nil
}

// Approve approves or rejects actions awaiting approval.
func (e *Engine) Approve(ctx context.Context, ids []int64, approve bool) (int, error) {
	return e.Store.DecideActions(ctx, ids, approve)
}

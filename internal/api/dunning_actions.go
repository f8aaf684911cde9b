package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// The list of the dunning actions' cursor: the offset of the next page
// in schedule order.
const listActions = "actions"

var actionStatuses = []string{
	string(ledger.ActionPlanned), string(ledger.ActionAwaitingApproval), string(ledger.ActionSent),
	string(ledger.ActionSkipped), string(ledger.ActionCancelled), string(ledger.ActionFailed),
}

var channelNames = []string{string(ledger.ChannelEmail), string(ledger.ChannelSMS), string(ledger.ChannelLetter), string(ledger.ChannelCall)}

// dunningAction is a reminder planned or carried out, with its debtor
// and what the planner decided; the skip reason is explained in both
// languages.
type dunningAction struct {
	ID           int64      `json:"id"`
	CaseID       int64      `json:"case_id"`
	CaseStage    string     `json:"case_stage"`
	OwnerID      *int64     `json:"owner_id"`
	DebtorID     int64      `json:"debtor_id"`
	DebtorRef    string     `json:"debtor_ref"`
	DebtorName   string     `json:"debtor_name"`
	DebtorKind   string     `json:"debtor_kind"`
	Scenario     string     `json:"scenario"`
	Step         string     `json:"step"`
	Template     string     `json:"template"`
	Stage        string     `json:"stage"`
	Channel      string     `json:"channel"`
	ScheduledFor time.Time  `json:"scheduled_for"`
	Status       string     `json:"status"`
	SkipReason   string     `json:"skip_reason"`
	SkipLabelFR  string     `json:"skip_label_fr"`
	SkipLabelEN  string     `json:"skip_label_en"`
	InvoiceIDs   []int64    `json:"invoice_ids"`
	AmountDue    *amount    `json:"amount_due"`
	Approval     bool       `json:"approval"`
	AttachLetter bool       `json:"attach_letter"`
	Registered   bool       `json:"registered"`
	DecidedBy    string     `json:"decided_by"`
	DecidedAt    *time.Time `json:"decided_at"`
	Attempts     int        `json:"attempts"`
	Recipient    string     `json:"recipient"`
	MessageID    string     `json:"message_id"`
	SentAt       *time.Time `json:"sent_at"`
	ConfirmedAt  *time.Time `json:"confirmed_at"`
	ProviderRef  string     `json:"provider_ref"`
	Error        string     `json:"error"`
	Outcome      string     `json:"outcome"`
	Note         string     `json:"note"`
	CreatedAt    *time.Time `json:"created_at"`
	UpdatedAt    *time.Time `json:"updated_at"`
}

// optTime is an instant that may be absent: null rather than zero.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func toDunningAction(v store.ActionView) dunningAction {
	x := v.Action
	ids := x.InvoiceIDs
	if ids == nil {
		ids = []int64{}
	}
	out := dunningAction{ID: x.ID, CaseID: x.CaseID, CaseStage: string(v.CaseStage), OwnerID: optID(v.OwnerID), DebtorID: x.DebtorID,
		DebtorRef: v.DebtorRef, DebtorName: v.DebtorName, DebtorKind: string(v.DebtorKind), Scenario: x.ScenarioKey, Step: x.StepKey,
		Template: x.Template, Stage: string(x.Stage), Channel: string(x.Channel), ScheduledFor: x.ScheduledFor.UTC(),
		Status: string(x.Status), SkipReason: x.SkipReason, InvoiceIDs: ids, AmountDue: optAmount(x.AmountDue),
		Approval: x.Approval, AttachLetter: x.AttachLetter, Registered: x.Registered, DecidedBy: x.DecidedBy,
		DecidedAt: optTime(x.DecidedAt), Attempts: x.Attempts, Recipient: x.Recipient, MessageID: x.MessageID,
		SentAt: optTime(x.SentAt), ConfirmedAt: optTime(x.ConfirmedAt), ProviderRef: x.ProviderRef, Error: x.Error,
		Outcome: string(x.Outcome), Note: x.Note, CreatedAt: optTime(x.CreatedAt), UpdatedAt: optTime(x.UpdatedAt)}
	if x.SkipReason != "" {
		out.SkipLabelFR, out.SkipLabelEN = dunning.ReasonLabel(x.SkipReason, "fr"), dunning.ReasonLabel(x.SkipReason, "en")
	}
	return out
}

// instantParam reads a bound of a time filter: an RFC 3339 instant, or a
// date standing for its midnight in Paris (endOfDay: the next midnight,
// so that until=DAY takes the whole day in).
func instantParam(q url.Values, name string, endOfDay bool) (time.Time, error) {
	s := q.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return time.Time{}, ledger.FieldError(name, "want YYYY-MM-DD or an RFC 3339 instant, got %q", s)
	}
	if endOfDay {
		d = d.AddDays(1)
	}
	return d.Time(civil.Paris), nil
}

// listDunningActions serves GET /api/v1/actions, by schedule: filters
// debtor_id, status (repeatable), channel, from and until (the schedule;
// until a date takes that whole day in); pages by cursor, or by offset.
func (a *API) listDunningActions(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	aq := store.ActionQuery{Limit: defaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return ledger.FieldError("limit", "want an integer from 1 to %d, got %q", maxLimit, s)
		}
		aq.Limit = n
	}
	if q.Has("cursor") && q.Has("offset") {
		return ledger.FieldError("offset", "give a cursor or an offset, not both")
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return ledger.FieldError("offset", "want an integer of 0 or more, got %q", s)
		}
		aq.Offset = n
	}
	if s := q.Get("cursor"); s != "" {
		after, err := decodeCursor(listActions, s)
		if err != nil {
			return err
		}
		aq.Offset = int(after)
	}
	if aq.DebtorID, err = optionalID(q, "debtor_id"); err != nil {
		return err
	}
	for _, s := range q["status"] {
		for _, st := range strings.Split(s, ",") {
			if !slices.Contains(actionStatuses, st) {
				return ledger.FieldError("status", "want one of %v, got %q", actionStatuses, st)
			}
			aq.Statuses = append(aq.Statuses, ledger.ActionStatus(st))
		}
	}
	ch, err := enumParam(q, "channel", channelNames)
	if err != nil {
		return err
	}
	aq.Channel = ledger.Channel(ch)
	if aq.From, err = instantParam(q, "from", false); err != nil {
		return err
	}
	if aq.Until, err = instantParam(q, "until", true); err != nil {
		return err
	}
	limit := aq.Limit
	aq.Limit++ // one more tells whether a next page exists
	vs, err := a.store.ListActions(r.Context(), aq)
	if err != nil {
		return fmt.Errorf("list actions: %w", err)
	}
	var next int64
	if len(vs) > limit {
		vs = vs[:limit]
		next = int64(aq.Offset + limit)
	}
	out := list[dunningAction]{Data: make([]dunningAction, 0, len(vs)), NextCursor: encodeCursor(listActions, next)}
	for _, v := range vs {
		out.Data = append(out.Data, toDunningAction(v))
	}
	return writeJSON(w, http.StatusOK, out)
}

// actionContent is what an action carried when it went out.
type actionContent struct {
	Subject string `json:"subject"`
	Text    string `json:"text"`
	HTML    string `json:"html"`
}

// dunningActionDetail is an action with what it carried, null until it
// went out.
type dunningActionDetail struct {
	dunningAction
	Content *actionContent `json:"content"`
}

// getDunningAction serves GET /api/v1/actions/{id}.
func (a *API) getDunningAction(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return a.writeDunningAction(w, r, id)
}

func (a *API) writeDunningAction(w http.ResponseWriter, r *http.Request, id int64) error {
	ctx := r.Context()
	v, err := a.store.GetAction(ctx, id)
	if err != nil {
		return fmt.Errorf("get action %d: %w", id, err)
	}
	out := dunningActionDetail{dunningAction: toDunningAction(*v)}
	c, err := a.store.ActionContent(ctx, id)
	switch {
	case ledger.IsNotFound(err):
	case err != nil:
		return fmt.Errorf("content of action %d: %w", id, err)
	default:
		out.Content = &actionContent{Subject: c.Subject, Text: c.Body, HTML: c.HTML}
	}
	return writeJSON(w, http.StatusOK, out)
}

// decisionsIn is the body of POST /api/v1/actions/decisions.
type decisionsIn struct {
	IDs     []int64 `json:"ids"`
	Approve *bool   `json:"approve"`
}

// maxDecisions bounds one decision.
const maxDecisions = 1000

// decideActions serves POST /api/v1/actions/decisions: the actions
// awaiting approval among ids are approved (planned, they go out at
// their time) or rejected (cancelled, "rejected"); others, and ids of
// other organizations, are left alone. It answers how many changed.
func (a *API) decideActions(w http.ResponseWriter, r *http.Request) error {
	var in decisionsIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	switch {
	case len(in.IDs) == 0:
		return invalid("ids", "want the ids of the actions to decide")
	case len(in.IDs) > maxDecisions:
		return invalid("ids", fmt.Sprintf("at most %d ids at once", maxDecisions))
	case in.Approve == nil:
		return invalid("approve", "required: true to approve, false to reject")
	}
	for i, id := range in.IDs {
		if id <= 0 {
			return invalid(fmt.Sprintf("ids[%d]", i), "want a positive integer id")
		}
	}
	n, err := a.cycle.Approve(r.Context(), in.IDs, *in.Approve)
	if err != nil {
		return fmt.Errorf("decide actions: %w", err)
	}
	return writeJSON(w, http.StatusOK, struct {
		Changed int `json:"changed"`
	}{n})
}

// openInvoice is an open invoice as a call sees it.
type openInvoice struct {
	ID          int64   `json:"id"`
	Number      string  `json:"number"`
	IssueDate   *string `json:"issue_date"`
	DueDate     *string `json:"due_date"`
	Amount      amount  `json:"amount"`
	Outstanding amount  `json:"outstanding"`
	Disputed    bool    `json:"disputed"`
}

// callTask is a call on the list, with what the caller needs.
type callTask struct {
	dunningAction
	Phone     string          `json:"phone"`
	Contact   string          `json:"contact"`
	Due       *amount         `json:"due"`
	OldestDue *string         `json:"oldest_due"`
	Invoices  []openInvoice   `json:"invoices"`
	Script    string          `json:"script"`
	History   []dunningAction `json:"history"`
	Promises  []promise       `json:"promises"`
}

// listCalls serves GET /api/v1/calls?owner_id=: the call tasks due by the
// end of the day, of one owner or everyone's, by amount at stake then
// age.
func (a *API) listCalls(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	owner, err := optionalID(q, "owner_id")
	if err != nil {
		return err
	}
	tasks, err := a.cycle.CallList(r.Context(), owner, a.now())
	if err != nil {
		return fmt.Errorf("call list: %w", err)
	}
	out := list[callTask]{Data: make([]callTask, 0, len(tasks))}
	for _, t := range tasks {
		c := callTask{dunningAction: toDunningAction(t.ActionView), Phone: t.Phone, Contact: t.Contact, Due: optAmount(t.Due),
			OldestDue: optDate(t.Oldest), Invoices: make([]openInvoice, 0, len(t.Invoices)), Script: t.Script,
			History: make([]dunningAction, 0, len(t.History)), Promises: make([]promise, 0, len(t.Promises))}
		for _, inv := range t.Invoices {
			c.Invoices = append(c.Invoices, openInvoice{ID: inv.ID, Number: inv.Number, IssueDate: optDate(inv.IssueDate),
				DueDate: optDate(inv.DueDate), Amount: toAmount(inv.Amount), Outstanding: toAmount(inv.Outstanding), Disputed: inv.Disputed})
		}
		for _, h := range t.History {
			c.History = append(c.History, toDunningAction(h))
		}
		for _, p := range t.Promises {
			c.Promises = append(c.Promises, toPromise(p))
		}
		out.Data = append(out.Data, c)
	}
	return writeJSON(w, http.StatusOK, out)
}

// callOutcomeIn is the body of POST /api/v1/actions/{id}/call-outcome.
type callOutcomeIn struct {
	Outcome       string  `json:"outcome"`
	Note          string  `json:"note"`
	PromiseAmount string  `json:"promise_amount"`
	Currency      string  `json:"currency"`
	PromiseDue    string  `json:"promise_due"`
	DisputeReason string  `json:"dispute_reason"`
	InvoiceIDs    []int64 `json:"invoice_ids"`
	CallBackAt    string  `json:"call_back_at"`
}

var callOutcomes = []string{
	string(ledger.CallPaid), string(ledger.CallPromise), string(ledger.CallDispute),
	string(ledger.CallNoAnswer), string(ledger.CallWrongNumber), string(ledger.CallBack),
}

// result checks the body and builds the call's result; cur is the
// currency of the call's amount.
func (in callOutcomeIn) result(cur money.Currency, today civil.Date, now time.Time) (cycle.CallResult, error) {
	res := cycle.CallResult{Outcome: ledger.CallOutcome(in.Outcome), Note: strings.TrimSpace(in.Note),
		DisputeReason: strings.TrimSpace(in.DisputeReason), InvoiceIDs: in.InvoiceIDs}
	if !res.Outcome.Valid() {
		return res, invalid("outcome", fmt.Sprintf("want one of %s, got %q", strings.Join(callOutcomes, ", "), in.Outcome))
	}
	if in.Currency != "" {
		c, err := currencyOf("currency", in.Currency)
		if err != nil {
			return res, err
		}
		cur = c
	}
	switch res.Outcome {
	case ledger.CallPromise:
		if in.PromiseAmount == "" {
			return res, invalid("promise_amount", "a promise needs the amount promised")
		}
		m, err := money.Parse(in.PromiseAmount, cur)
		if err != nil {
			return res, invalid("promise_amount", err.Error())
		}
		if m.Minor <= 0 {
			return res, invalid("promise_amount", fmt.Sprintf("want a positive amount, got %q", in.PromiseAmount))
		}
		res.PromiseAmount = m
		if res.PromiseDue, err = civil.Parse(in.PromiseDue); err != nil {
			return res, invalid("promise_due", fmt.Sprintf("want the date promised, YYYY-MM-DD, got %q", in.PromiseDue))
		}
		if res.PromiseDue.Before(today) {
			return res, invalid("promise_due", "the date promised is past")
		}
	case ledger.CallDispute:
		if res.DisputeReason == "" {
			return res, invalid("dispute_reason", "a dispute needs a reason")
		}
		for i, id := range in.InvoiceIDs {
			if id <= 0 {
				return res, invalid(fmt.Sprintf("invoice_ids[%d]", i), "want a positive integer id")
			}
		}
	case ledger.CallBack:
		if in.CallBackAt != "" {
			t, err := time.Parse(time.RFC3339, in.CallBackAt)
			if err != nil {
				return res, invalid("call_back_at", fmt.Sprintf("want an RFC 3339 instant, got %q", in.CallBackAt))
			}
			if t.Before(now) {
				return res, invalid("call_back_at", "the time to call back is past")
			}
			res.CallBackAt = t
		}
	}
	return res, nil
}

// recordCallOutcome serves POST /api/v1/actions/{id}/call-outcome: the
// call task closes with what the call gave, and recouvre acts on it — a
// promise recorded, a dispute opened, a wrong number marked, a pause of
// five days for a payment announced, the next call planned.
func (a *API) recordCallOutcome(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in callOutcomeIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	v, err := a.store.GetAction(ctx, id)
	if err != nil {
		return fmt.Errorf("get action %d: %w", id, err)
	}
	if v.Channel != ledger.ChannelCall {
		return ledger.Errorf(ledger.EConflict, "action %d is not a call but a %s", id, v.Channel)
	}
	now := a.now()
	cur := v.AmountDue.Currency
	if cur == "" {
		cur = "EUR"
	}
	res, err := in.result(cur, civil.Today(now, civil.Paris), now)
	if err != nil {
		return err
	}
	// The engine records the outcome before it opens the disputes: an
	// invoice it would refuse is refused here, before anything is written.
	if res.Outcome == ledger.CallDispute {
		for i, invID := range res.InvoiceIDs {
			inv, err := a.store.GetInvoice(ctx, invID)
			if err != nil {
				return fmt.Errorf("get invoice %d: %w", invID, err)
			}
			if inv.DebtorID != v.DebtorID || inv.Kind != ledger.DocInvoice {
				return invalid(fmt.Sprintf("invoice_ids[%d]", i), fmt.Sprintf("invoice %d is not one of the debtor's invoices", invID))
			}
		}
	}
	if err := a.cycle.RecordCall(ctx, id, res, now); err != nil {
		return refuse(err)
	}
	return a.writeDunningAction(w, r, id)
}

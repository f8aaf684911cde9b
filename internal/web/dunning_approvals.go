package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/message"
	"github.com/recouvre/recouvre/internal/store"
)

// approvalsPage is the data of « À approuver ».
type approvalsPage struct {
	*view
	Actions []store.ActionView
	Done    string // translated: what the last decision did
	Error   string // translated
	names   stepNames
}

// Step names an action's step.
func (p *approvalsPage) Step(a store.ActionView) string { return p.names.of(a.ScenarioKey, a.StepKey) }

// showApprovals serves GET /dunning/approvals.
func (ui *UI) showApprovals(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &approvalsPage{}
	q := r.URL.Query()
	n, _ := strconv.Atoi(q.Get("n"))
	switch q.Get("done") {
	case "approved":
		data.Done = v.Count("dunningui.approvals.done_approved", max(n, 0))
	case "rejected":
		data.Done = v.Count("dunningui.approvals.done_rejected", max(n, 0))
	}
	return ui.renderApprovals(w, r, v, http.StatusOK, data)
}

func (ui *UI) renderApprovals(w http.ResponseWriter, r *http.Request, v *view, status int, data *approvalsPage) error {
	v.Title, v.Nav = "dunningui.approvals.title", "dunning"
	data.view = v
	ctx := r.Context()
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	data.names = newStepNames(cfg)
	if data.Actions, err = ui.store.ListActions(ctx, store.ActionQuery{Statuses: []ledger.ActionStatus{ledger.ActionAwaitingApproval}, Limit: 1000}); err != nil {
		return fmt.Errorf("actions awaiting approval: %w", err)
	}
	ui.render(w, r, status, "dunning_approvals", data)
	return nil
}

// formIDs reads the ids of a form field, ignoring what is not an id.
func formIDs(r *http.Request, name string) []int64 {
	var out []int64
	for _, s := range r.PostForm[name] {
		if id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// decideApprovals serves POST /dunning/approvals: decision "approve" or
// "reject" applies to the ids checked, "approve_all" to every action
// the page showed (the ids in "shown"), so that « Approuver tout » works
// without a script and never approves what the user did not see.
func (ui *UI) decideApprovals(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayRun(v); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return ledger.Errorf(ledger.EInvalid, "read the form: %v", err)
	}
	decision := r.PostFormValue("decision")
	ids := formIDs(r, "ids")
	approve := true
	switch decision {
	case "approve":
	case "reject":
		approve = false
	case "approve_all":
		ids = formIDs(r, "shown")
	default:
		return ui.renderApprovals(w, r, v, http.StatusBadRequest, &approvalsPage{Error: v.T("dunningui.approvals.err_decision")})
	}
	if len(ids) == 0 {
		return ui.renderApprovals(w, r, v, http.StatusBadRequest, &approvalsPage{Error: v.T("dunningui.approvals.err_none")})
	}
	n, err := ui.cycle.Approve(r.Context(), ids, approve)
	if err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return ui.renderApprovals(w, r, v, status, &approvalsPage{Error: msg})
		}
		return fmt.Errorf("decide actions: %w", err)
	}
	done := "approved"
	if !approve {
		done = "rejected"
	}
	back := localPath(r.PostFormValue("back"), "/dunning/approvals")
	if !strings.HasPrefix(back, "/dunning/") {
		back = "/dunning/approvals"
	}
	sep := "?"
	if strings.Contains(back, "?") {
		sep = "&"
	}
	http.Redirect(w, r, fmt.Sprintf("%s%sdone=%s&n=%d", back, sep, done, n), http.StatusSeeOther)
	return nil
}

// actionPage is the data of an action's page.
type actionPage struct {
	*view
	Action   *store.ActionView
	StepName string
	Invoices []ledger.Invoice
	History  []timelineEntry
	// Content is what went out, for a sent action; Preview what would go
	// out now, for one still to send.
	Content     *store.ActionContent
	Preview     *message.Rendered
	PreviewNote string // translated: why there is no preview
	Done        string // translated
}

// inlineStyles: the page shows an email's HTML part, whose styles are
// inline, in a sandboxed frame (see render).
func (p *actionPage) inlineStyles() bool {
	return p.Content != nil && p.Content.HTML != "" || p.Preview != nil && p.Preview.HTML != ""
}

// Shown is the content sent, as a rendered message.
func (p *actionPage) Shown() *message.Rendered {
	if p.Content == nil {
		return nil
	}
	return &message.Rendered{Subject: p.Content.Subject, Text: p.Content.Body, HTML: p.Content.HTML}
}

// Awaiting reports whether the action waits for a decision.
func (p *actionPage) Awaiting() bool { return p.Action.Status == ledger.ActionAwaitingApproval }

// Notice reports whether the action is a formal notice, whose letter is
// the legal package's (its PDF can be previewed on the debtor's page).
func (p *actionPage) Notice() bool { return p.Action.Stage == ledger.StageFormalNotice }

// showAction serves GET /dunning/actions/{id}: the step, its status and
// history, and its words — as sent, or as they would go out now.
func (ui *UI) showAction(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	a, err := ui.store.GetAction(ctx, id)
	if err != nil {
		return err
	}
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	data := &actionPage{view: v, Action: a, StepName: newStepNames(cfg).of(a.ScenarioKey, a.StepKey)}
	v.Title, v.Nav, v.titleArgs = "dunningui.action.title", "dunning", []any{data.StepName, a.DebtorName}
	q := r.URL.Query()
	n, _ := strconv.Atoi(q.Get("n"))
	switch q.Get("done") {
	case "approved":
		data.Done = v.Count("dunningui.approvals.done_approved", max(n, 0))
	case "rejected":
		data.Done = v.Count("dunningui.approvals.done_rejected", max(n, 0))
	}
	inv, err := ui.store.ListInvoices(ctx, store.InvoiceQuery{DebtorID: a.DebtorID, Limit: -1, Today: v.Today})
	if err != nil {
		return err
	}
	for _, i := range inv.Invoices {
		for _, want := range a.InvoiceIDs {
			if i.ID == want {
				data.Invoices = append(data.Invoices, i)
			}
		}
	}
	events, err := ui.store.Events(ctx, store.EventQuery{DebtorID: a.DebtorID, Limit: 1000})
	if err != nil {
		return err
	}
	data.History = timeline(v, actionEvents(events, a.ID))
	if !a.SentAt.IsZero() || a.Status == ledger.ActionSent {
		c, err := ui.store.ActionContent(ctx, a.ID)
		switch {
		case ledger.IsNotFound(err):
			data.PreviewNote = v.T("dunningui.action.no_content")
		case err != nil:
			return err
		default:
			data.Content = c
		}
	} else {
		ui.previewAction(r, v, cfg, data)
	}
	ui.render(w, r, http.StatusOK, "dunning_action", data)
	return nil
}

// previewAction renders an action not sent yet with its template, for
// its debtor, as of now.
func (ui *UI) previewAction(r *http.Request, v *view, cfg *cycle.Config, data *actionPage) {
	a := data.Action
	if a.Template == "" {
		data.PreviewNote = v.T("dunningui.action.no_preview")
		return
	}
	d, err := ui.store.GetDebtor(r.Context(), a.DebtorID)
	if err != nil {
		data.PreviewNote = v.T("dunningui.action.no_preview")
		return
	}
	t, ok := message.Resolve(cfg.Templates, a.Template, a.Channel, d.Lang)
	if !ok {
		data.PreviewNote = v.T("dunningui.action.no_preview")
		return
	}
	rd, err := ui.cycle.Preview(r.Context(), a.DebtorID, t, a.Stage, ui.now())
	if err != nil {
		var ce *message.CheckError
		if errors.As(err, &ce) {
			data.PreviewNote = checkText(v, ce)
			return
		}
		ui.log.WarnContext(r.Context(), "preview action", "action", a.ID, "err", err)
		data.PreviewNote = v.T("dunningui.action.no_preview")
		return
	}
	data.Preview = &rd
}

// actionEvents keeps the events about action id.
func actionEvents(events []journal.Event, id int64) []journal.Event {
	var out []journal.Event
	want := strconv.FormatInt(id, 10)
	for _, e := range events {
		fields, err := payloadFields(e.Payload)
		if err != nil {
			continue
		}
		for _, f := range fields {
			if f.key == "action" && f.value == want {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// checkText is a template fault in the page's language.
func checkText(v *view, e *message.CheckError) string {
	if v.Lang == "en" {
		return e.EN
	}
	return e.FR
}

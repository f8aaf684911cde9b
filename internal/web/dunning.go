package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// registerDunning mounts the pages of the dunning engine (« Relances »):
// the day's plan, the approval queue, the call list, the scenarios, the
// segments, the templates and the settings of the cycle, and the forms of
// the debtor page's dunning block.
func (ui *UI) registerDunning(mux *http.ServeMux) {
	mux.Handle("GET /dunning", ui.page(ui.showDunningToday))
	mux.Handle("POST /dunning/run", ui.page(ui.runDunning))
	mux.Handle("GET /dunning/letters", ui.page(ui.showLetterBatch))
	mux.Handle("GET /dunning/approvals", ui.page(ui.showApprovals))
	mux.Handle("POST /dunning/approvals", ui.page(ui.decideApprovals))
	mux.Handle("GET /dunning/actions/{id}", ui.page(ui.showAction))
	mux.Handle("GET /dunning/calls", ui.page(ui.showCalls))
	mux.Handle("POST /dunning/calls/{id}", ui.page(ui.recordCall))
	mux.Handle("GET /dunning/scenarios", ui.page(ui.showScenarios))
	mux.Handle("POST /dunning/scenarios", ui.page(ui.copyScenario))
	mux.Handle("GET /dunning/scenarios/{key}", ui.page(ui.showScenario))
	mux.Handle("POST /dunning/scenarios/{key}", ui.page(ui.saveScenario))
	mux.Handle("POST /dunning/scenarios/{key}/delete", ui.page(ui.deleteScenario))
	mux.Handle("GET /dunning/segments", ui.page(ui.showSegments))
	mux.Handle("POST /dunning/segments", ui.page(ui.saveSegments))
	mux.Handle("GET /dunning/templates", ui.page(ui.showTemplates))
	mux.Handle("GET /dunning/templates/{key}/{channel}/{lang}", ui.page(ui.showTemplate))
	mux.Handle("POST /dunning/templates/{key}/{channel}/{lang}", ui.page(ui.saveTemplate))
	mux.Handle("POST /dunning/templates/{key}/{channel}/{lang}/preview", ui.page(ui.previewTemplate))
	mux.Handle("POST /dunning/templates/{key}/{channel}/{lang}/reset", ui.page(ui.resetTemplate))
	mux.Handle("GET /dunning/settings", ui.page(ui.showDunningSettings))
	mux.Handle("POST /dunning/settings", ui.page(ui.saveDunningSettings))
	mux.Handle("POST /debtors/{id}/dunning/pause", ui.page(ui.setDebtorPause))
	mux.Handle("POST /debtors/{id}/dunning/risk", ui.page(ui.setDebtorRisk))
	mux.Handle("POST /debtors/{id}/disputes", ui.page(ui.openDispute))
	mux.Handle("POST /debtors/{id}/disputes/{sub}/close", ui.page(ui.closeDispute))
	mux.Handle("POST /debtors/{id}/promises", ui.page(ui.recordPromise))
	mux.Handle("POST /debtors/{id}/promises/{sub}/cancel", ui.page(ui.cancelPromise))
	mux.Handle("POST /debtors/{id}/plans", ui.page(ui.recordPlan))
	mux.Handle("POST /debtors/{id}/plans/{sub}/cancel", ui.page(ui.cancelPlan))
	mux.Handle("POST /debtors/{id}/case/owner", ui.page(ui.assignCaseOwner))
}

// The permissions of the dunning pages: everybody reads; an agent runs
// the cycle, decides approvals and records calls, pauses, disputes,
// promises and plans; a manager edits scenarios, segments, templates and
// settings.
func canRunDunning(p *auth.Principal) bool { return p.Can(auth.PermWriteLedger) }
func canConfigure(p *auth.Principal) bool  { return p.Can(auth.PermManageSettings) }

func mayRun(v *view) error {
	if !canRunDunning(v.User) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not act on reminders", v.User.Role)
	}
	return nil
}

func mayConfigure(v *view) error {
	if !canConfigure(v.User) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not change the dunning configuration", v.User.Role)
	}
	return nil
}

// CanRun reports whether the user may act on reminders.
func (v *view) CanRun() bool { return v.User != nil && canRunDunning(v.User) }

// CanConfigure reports whether the user may edit the dunning
// configuration.
func (v *view) CanConfigure() bool { return v.User != nil && canConfigure(v.User) }

// Reason explains a skip reason or a hold: the planner's words
// (dunning.ReasonLabel), else the interface's for the dispatcher's own
// reasons, else the reason as it is.
func (v *view) Reason(reason string) string {
	if reason == "" {
		return ""
	}
	if l := dunning.ReasonLabel(reason, v.Lang); l != reason {
		return l
	}
	return v.translated("dunningui.reason."+reason, reason)
}

// ActionStatus names the status of an action.
func (v *view) ActionStatus(s any) string { return v.named("action.", s) }

// Channel names a channel.
func (v *view) Channel(c any) string { return v.named("channel.", c) }

// Stage names a case stage.
func (v *view) Stage(s any) string { return v.named("stage.", s) }

// Outcome names the outcome of a call.
func (v *view) Outcome(o any) string { return v.named("dunningui.outcome.", o) }

// named translates prefix+value, for a value of any string type (the
// templates pass ledger.Channel, cycle.Item's plain strings…); the value
// as it is when the catalogue lacks it.
func (v *view) named(prefix string, value any) string {
	s := fmt.Sprint(value)
	return v.translated(prefix+s, s)
}

// TemplateName names a template key.
func (v *view) TemplateName(key string) string { return v.translated("dunningui.tpl."+key, key) }

// Clock prints the time of day of an instant in Paris.
func (v *view) Clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(civil.Paris).Format("15:04")
}

// AmountOf prints an amount, a dash when it has no currency (none
// recorded).
func (v *view) AmountOf(a money.Amount) string {
	if a.Currency == "" {
		return "—"
	}
	return v.Money(a)
}

// stepNames names the steps of the organization's scenarios, to show
// an action by its step's name rather than its key.
type stepNames map[string]string

func newStepNames(cfg *cycle.Config) stepNames {
	out := stepNames{}
	for _, s := range cfg.Scenarios {
		for _, st := range s.Steps {
			out[s.Key+"\x00"+st.Key] = st.Name
		}
	}
	return out
}

// of is the name of step in scenario; a follow-up call ("call-18~2")
// takes its step's name; the key when the step is gone.
func (n stepNames) of(scenario, step string) string {
	if name, ok := n[scenario+"\x00"+step]; ok {
		return name
	}
	if base, _, ok := strings.Cut(step, "~"); ok {
		if name, ok := n[scenario+"\x00"+base]; ok {
			return name
		}
	}
	return step
}

// todayPage is the data of « Plan du jour ».
type todayPage struct {
	*view
	Plan     *cycle.TodayPlan
	Awaiting int
	Letters  string // the day of the print batch, "" when no letter went
	DryRun   *cycle.Report
	Ran      *runSummary
	Error    string
	names    stepNames
}

// runSummary is what the last run did, from the redirect's query.
type runSummary struct{ Planned, Sent, Awaiting, Skipped, Failed int }

// Step names an action's step.
func (p *todayPage) Step(a store.ActionView) string { return p.names.of(a.ScenarioKey, a.StepKey) }

// ItemStep names a report item's step.
func (p *todayPage) ItemStep(it cycle.Item) string {
	if it.StepName != "" {
		return it.StepName
	}
	if it.Step == "" {
		return ""
	}
	return p.names.of(it.Scenario, it.Step)
}

// ItemWhen is when a report item is scheduled.
func (p *todayPage) ItemWhen(it cycle.Item) time.Time {
	t, _ := time.Parse(time.RFC3339, it.ScheduledFor)
	return t
}

// ItemAmount is a report item's amount due. The report writes it as a
// plain decimal: it is read in euros, the currency of the cycle.
func (p *todayPage) ItemAmount(it cycle.Item) string {
	if it.AmountDue == "" {
		return ""
	}
	a, err := money.ParseDecimal(it.AmountDue, "EUR")
	if err != nil {
		return it.AmountDue
	}
	return p.Money(a)
}

// Counts counts the day's actions by status.
func (p *todayPage) Counts() map[string]int {
	out := map[string]int{}
	for _, a := range p.Plan.Actions {
		out[string(a.Status)]++
	}
	return out
}

// showDunningToday serves GET /dunning: the day's plan.
func (ui *UI) showDunningToday(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &todayPage{}
	q := r.URL.Query()
	if q.Get("ran") == "1" {
		n := func(k string) int { x, _ := strconv.Atoi(q.Get(k)); return max(x, 0) }
		data.Ran = &runSummary{Planned: n("planned"), Sent: n("sent"), Awaiting: n("awaiting"), Skipped: n("skipped"), Failed: n("failed")}
	}
	return ui.renderToday(w, r, v, http.StatusOK, data)
}

func (ui *UI) renderToday(w http.ResponseWriter, r *http.Request, v *view, status int, data *todayPage) error {
	v.Title, v.Nav = "dunningui.today.title", "dunning"
	data.view = v
	ctx := r.Context()
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	data.names = newStepNames(cfg)
	if data.Plan, err = ui.cycle.Today(ctx, ui.now()); err != nil {
		return fmt.Errorf("today's plan: %w", err)
	}
	awaiting, err := ui.store.ListActions(ctx, store.ActionQuery{Statuses: []ledger.ActionStatus{ledger.ActionAwaitingApproval}, Limit: 1000})
	if err != nil {
		return fmt.Errorf("actions awaiting approval: %w", err)
	}
	data.Awaiting = len(awaiting)
	start := data.Plan.Day.Time(civil.Paris)
	for _, a := range data.Plan.Actions {
		if a.Channel == ledger.ChannelLetter && a.Status == ledger.ActionSent && !a.SentAt.Before(start) {
			data.Letters = data.Plan.Day.String()
		}
	}
	ui.render(w, r, status, "dunning_today", data)
	return nil
}

// runDunning serves POST /dunning/run: mode "dry" simulates the cycle
// now and shows what it would do, writing nothing; otherwise the cycle
// runs now and the page says what it did.
func (ui *UI) runDunning(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayRun(v); err != nil {
		return err
	}
	dry := r.PostFormValue("mode") == "dry"
	rep, err := ui.cycle.Run(r.Context(), v.User.OrgID, cycle.Options{AsOf: ui.now(), DryRun: dry})
	if err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return ui.renderToday(w, r, v, status, &todayPage{Error: msg})
		}
		return fmt.Errorf("run the cycle: %w", err)
	}
	if dry {
		slices.SortStableFunc(rep.Actions, func(a, b cycle.Item) int {
			return cmp.Or(strings.Compare(a.ScheduledFor, b.ScheduledFor), cmp.Compare(a.DebtorID, b.DebtorID))
		})
		return ui.renderToday(w, r, v, http.StatusOK, &todayPage{DryRun: rep})
	}
	q := url.Values{"ran": {"1"}}
	for k, n := range map[string]int{"planned": rep.Planned, "sent": rep.Sent, "awaiting": rep.Awaiting, "skipped": rep.Skipped, "failed": rep.Failed} {
		q.Set(k, strconv.Itoa(n))
	}
	http.Redirect(w, r, "/dunning?"+q.Encode(), http.StatusSeeOther)
	return nil
}

// showLetterBatch serves GET /dunning/letters?day=YYYY-MM-DD: the
// letters sent that day, to print and post (a PDF, or a ZIP with the
// formal notices to send registered).
func (ui *UI) showLetterBatch(w http.ResponseWriter, r *http.Request, v *view) error {
	day, err := civil.Parse(r.URL.Query().Get("day"))
	if err != nil {
		return ledger.Errorf(ledger.ENotFound, "no print batch for %q", r.URL.Query().Get("day"))
	}
	name, data, err := ui.cycle.PrintBatch(r.Context(), day)
	if err != nil {
		return err
	}
	typ := "application/pdf"
	if strings.HasSuffix(name, ".zip") {
		typ = "application/zip"
	}
	sendFile(w, typ, name, data)
	return nil
}

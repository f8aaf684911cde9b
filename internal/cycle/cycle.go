// Package cycle is the daily dunning cycle of an organization: it reads
// the portfolio set-based, lets the planner (package dunning) decide for
// each debtor what goes out, when and why not, writes that plan into the
// outbox in one transaction, and dispatches what is due through the
// channels — email over SMTP, SMS through a provider, letters into the
// day's print batch, calls onto the call list — each action claimed with
// a lease so that a crash, a second process or a second run never sends
// a step twice.
package cycle

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// Engine runs the cycle for organizations of one store.
type Engine struct {
	Store    store.Store
	Log      *slog.Logger
	Channels Channels
	// Worker names this process in the leases it takes.
	Worker string
	// Lease is how long a claimed action is held (default 2 minutes).
	Lease time.Duration
	// Batch is how many actions a claim takes at once (default 20).
	Batch int
	// Workers send in parallel, each with its own SMTP connection
	// (default 4).
	Workers int
	// Now is the clock used when Options.AsOf is zero.
	Now func() time.Time
}

// Options are one run's.
type Options struct {
	// AsOf is the cycle's clock for planning, guardrails and dispatch;
	// zero means now.
	AsOf time.Time
	// DryRun computes the plan and writes nothing, sends nothing.
	DryRun bool
	// PlanOnly plans without dispatching (the dispatcher runs apart).
	PlanOnly bool
}

// Item is one action of a run's report, as `recouvre run --json` prints
// it.
type Item struct {
	ActionID     int64    `json:"action_id,omitempty"`
	DebtorID     int64    `json:"debtor_id"`
	DebtorRef    string   `json:"debtor_ref"`
	DebtorName   string   `json:"debtor_name,omitempty"`
	CaseID       string   `json:"case_id"`
	Scenario     string   `json:"scenario,omitempty"`
	Step         string   `json:"step"`
	StepName     string   `json:"step_name,omitempty"`
	Channel      string   `json:"channel"`
	ScheduledFor string   `json:"scheduled_for"`
	Invoices     []string `json:"invoices"`
	AmountDue    string   `json:"amount_due"`
	Status       string   `json:"status"`
	SkipReason   string   `json:"skip_reason,omitempty"`

	invoiceIDs []int64
	amount     money.Amount
	when       time.Time
}

// Report is what a run did.
type Report struct {
	OrgID   int64     `json:"org_id"`
	AsOf    time.Time `json:"as_of"`
	DryRun  bool      `json:"dry_run"`
	Actions []Item    `json:"actions"`
	// Counts by status.
	Planned  int `json:"planned"`
	Sent     int `json:"sent"`
	Awaiting int `json:"awaiting_approval"`
	Skipped  int `json:"skipped"`
	Failed   int `json:"failed"`
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Engine) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.Default()
}

func (e *Engine) worker() string {
	if e.Worker != "" {
		return e.Worker
	}
	h, _ := os.Hostname()
	return fmt.Sprintf("%s-%d", h, os.Getpid())
}

// AsOf turns what --as-of says into the cycle's clock: a date means that
// day at the organization's run hour in Paris, an RFC 3339 instant that
// instant, and empty now.
func AsOf(s string, runHour int, now time.Time) (time.Time, error) {
	if s == "" {
		return now, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of %q: a date YYYY-MM-DD or an RFC 3339 instant", s)
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, runHour, 0, 0, 0, civil.Paris), nil
}

// Config is an organization's dunning configuration, with the shipped
// scenarios and segments saved on first use so the user can edit them.
type Config struct {
	Settings  ledger.DunningSettings
	Scenarios []ledger.Scenario
	Segments  []ledger.Segment
	Templates []ledger.Template
	// Creditors are the organization's, read once for every message of a
	// cycle.
	Creditors []ledger.Creditor
}

// LoadConfig reads the organization's configuration, seeding the
// defaults the first time.
func LoadConfig(ctx context.Context, st store.Store) (*Config, error) {
	return loadConfig(ctx, st, true)
}

// loadConfig reads the configuration; without seed, the shipped
// scenarios and segments stand in for missing ones without being saved
// (a dry run writes nothing).
func loadConfig(ctx context.Context, st store.Store, seed bool) (*Config, error) {
	// Two processes starting on a new organization seed it at the same
	// time; the one that loses reads what the other wrote.
	for attempt := 1; ; attempt++ {
		c, err := readConfig(ctx, st, seed)
		if err == nil || attempt == 3 || ctx.Err() != nil {
			return c, err
		}
		time.Sleep(time.Duration(attempt) * 200 * time.Millisecond)
	}
}

// readConfig is one attempt of loadConfig.
func readConfig(ctx context.Context, st store.Store, seed bool) (*Config, error) {
	var c Config
	var err error
	if c.Settings, err = st.DunningSettings(ctx); err != nil {
		return nil, fmt.Errorf("dunning settings: %w", err)
	}
	if c.Scenarios, err = st.Scenarios(ctx); err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	if len(c.Scenarios) == 0 && !seed {
		c.Scenarios = dunning.DefaultScenarios()
	}
	if len(c.Scenarios) == 0 {
		for _, s := range dunning.DefaultScenarios() {
			if err := st.SaveScenario(ctx, &s); err != nil {
				return nil, fmt.Errorf("seed scenario %s: %w", s.Key, err)
			}
		}
		if c.Scenarios, err = st.Scenarios(ctx); err != nil {
			return nil, fmt.Errorf("scenarios: %w", err)
		}
	}
	if c.Segments, err = st.Segments(ctx); err != nil {
		return nil, fmt.Errorf("segments: %w", err)
	}
	if len(c.Segments) == 0 && !seed {
		c.Segments = dunning.DefaultSegments()
	}
	if len(c.Segments) == 0 {
		if err := st.SaveSegments(ctx, dunning.DefaultSegments()); err != nil {
			return nil, fmt.Errorf("seed segments: %w", err)
		}
		if c.Segments, err = st.Segments(ctx); err != nil {
			return nil, fmt.Errorf("segments: %w", err)
		}
	}
	if c.Templates, err = st.Templates(ctx); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if c.Creditors, err = st.ListCreditors(ctx); err != nil {
		return nil, fmt.Errorf("creditors: %w", err)
	}
	return &c, nil
}

// input is the planner's input for a clock.
func (c *Config) input(now time.Time) *dunning.Input {
	in := &dunning.Input{Now: now, Settings: c.Settings, Scenarios: map[string]ledger.Scenario{}, Segments: c.Segments}
	for _, s := range c.Scenarios {
		in.Scenarios[s.Key] = s
	}
	return in
}

// preDue is the longest pre-due reminder of the scenarios, in days.
func (c *Config) preDue() int {
	n := 0
	for _, s := range c.Scenarios {
		for _, st := range s.Steps {
			n = max(n, -st.OffsetDays)
		}
	}
	return n
}

// Run runs the cycle of one organization: plan, then dispatch what is
// due at the cycle's clock.
func (e *Engine) Run(ctx context.Context, orgID int64, opts Options) (*Report, error) {
	ctx = store.WithOrg(ctx, orgID)
	cfg, err := loadConfig(ctx, e.Store, !opts.DryRun)
	if err != nil {
		return nil, err
	}
	now := opts.AsOf
	if now.IsZero() {
		now = e.now()
	}
	rep := &Report{OrgID: orgID, AsOf: now, DryRun: opts.DryRun}
	items, err := e.plan(ctx, cfg, now, opts.DryRun)
	if err != nil {
		return nil, err
	}
	if !opts.DryRun && !opts.PlanOnly {
		sent, err := e.dispatch(ctx, cfg, now)
		if err != nil {
			return nil, err
		}
		items = merge(items, sent)
	}
	rep.Actions = items
	for _, it := range items {
		switch ledger.ActionStatus(it.Status) {
		case ledger.ActionPlanned:
			rep.Planned++
		case ledger.ActionSent:
			rep.Sent++
		case ledger.ActionAwaitingApproval:
			rep.Awaiting++
		case ledger.ActionFailed:
			rep.Failed++
		default:
			rep.Skipped++
		}
	}
	e.log().Info("dunning cycle", "org", orgID, "as_of", now.Format(time.RFC3339), "dry_run", opts.DryRun,
		"planned", rep.Planned, "sent", rep.Sent, "awaiting_approval", rep.Awaiting, "skipped", rep.Skipped, "failed", rep.Failed)
	return rep, nil
}

// merge updates the plan's items with what dispatch did, and adds the
// actions planned on an earlier day that went out now.
func merge(items, sent []Item) []Item {
	byID := map[int64]int{}
	for i, it := range items {
		if it.ActionID != 0 {
			byID[it.ActionID] = i
		}
	}
	for _, s := range sent {
		if i, ok := byID[s.ActionID]; ok {
			items[i].Status, items[i].SkipReason = s.Status, s.SkipReason
			continue
		}
		items = append(items, s)
	}
	return items
}

// plan reads the portfolio, decides, and writes the plan unless dryRun.
// A conflict (another process planned the same debtor at the same time)
// makes it read and decide again.
func (e *Engine) plan(ctx context.Context, cfg *Config, now time.Time, dryRun bool) ([]Item, error) {
	for attempt := 0; ; attempt++ {
		items, writes, err := e.decide(ctx, cfg, now, dryRun)
		if err != nil {
			return nil, err
		}
		if dryRun {
			return items, nil
		}
		actions, err := e.Store.WritePlan(ctx, writes)
		if ledger.ErrorCode(err) == ledger.EConflict && attempt < 3 {
			e.log().Warn("plan conflict, planning again", "err", err)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("write plan: %w", err)
		}
		return withIDs(items, writes, actions), nil
	}
}

// decide runs the planner over the portfolio; a dry run builds no
// writes.
func (e *Engine) decide(ctx context.Context, cfg *Config, now time.Time, dryRun bool) ([]Item, []store.PlanWrite, error) {
	in := cfg.input(now)
	today := civil.Today(now, civil.Paris)
	var items []Item
	var writes []store.PlanWrite
	err := e.Store.PlanningFacts(ctx, store.FactsQuery{Now: now, DueBy: today.AddDays(cfg.preDue())}, func(f *dunning.Facts) error {
		ds := dunning.Plan(in, f)
		var w store.PlanWrite
		w.DebtorID, w.On = f.Debtor.ID, today
		if f.Case != nil {
			w.CaseID = f.Case.ID
		}
		for _, d := range ds {
			if d.CaseStage != "" {
				w.Stage = d.CaseStage
			}
			for id, st := range d.Promises {
				if w.Promises == nil {
					w.Promises = map[int64]ledger.PromiseStatus{}
				}
				w.Promises[id] = st
			}
			for id, st := range d.Plans {
				if w.Plans == nil {
					w.Plans = map[int64]ledger.PlanStatus{}
				}
				w.Plans[id] = st
			}
			if !d.HasAction() && !held(d.SkipReason) {
				continue // nothing due today: not news
			}
			items = append(items, item(f, d))
			if dryRun || !d.HasAction() || d.Status == ledger.ActionSkipped {
				// A step held back is reported, not written: the next cycle
				// decides again, once its reason may be gone.
				continue
			}
			a := ledger.Action{CaseID: w.CaseID, DebtorID: f.Debtor.ID, StepKey: d.Step.Key,
				Channel: d.Channel, ScheduledFor: d.ScheduledFor, Status: d.Status, SkipReason: d.SkipReason, InvoiceIDs: d.InvoiceIDs,
				ScenarioKey: d.ScenarioKey, Template: d.Step.Template, Stage: d.Step.Stage, AmountDue: d.AmountDue,
				Approval: d.Step.Approval, AttachLetter: d.Step.AttachLetter, Registered: d.Step.Registered}
			if a.ScheduledFor.IsZero() {
				a.ScheduledFor = now
			}
			w.Actions = append(w.Actions, a)
		}
		if dryRun || (w.CaseID == 0 && len(w.Actions) == 0) {
			return nil // nothing to write, or no case to open for nothing
		}
		if len(w.Actions) > 0 || w.Stage != "" || len(w.Promises) > 0 || len(w.Plans) > 0 {
			if f.Case != nil && w.Stage == f.Case.Stage {
				w.Stage = ""
			}
			writes = append(writes, w)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("planning: %w", err)
	}
	return items, writes, nil
}

// held reports whether a decision without action is worth telling: a
// pause or a guardrail that holds the debtor back, not merely "nothing
// due yet".
func held(reason string) bool {
	switch reason {
	case "", dunning.ReasonPending, dunning.ReasonNotDue, dunning.ReasonNothingDue:
		return false
	}
	return true
}

// item is a decision as the report shows it.
func item(f *dunning.Facts, d dunning.Decision) Item {
	it := Item{DebtorID: f.Debtor.ID, DebtorRef: f.Debtor.Ref, DebtorName: f.Debtor.Name, Scenario: d.ScenarioKey,
		Step: d.Step.Key, StepName: d.Step.Name, Channel: string(d.Channel), Status: string(d.Status), SkipReason: d.SkipReason,
		invoiceIDs: d.InvoiceIDs, amount: d.AmountDue, when: d.ScheduledFor, Invoices: make([]string, 0, len(d.InvoiceIDs))}
	if it.Channel == "" {
		it.Channel = string(d.Step.Channel)
	}
	if f.Case != nil {
		it.CaseID = fmt.Sprint(f.Case.ID)
	}
	if !d.ScheduledFor.IsZero() {
		it.ScheduledFor = d.ScheduledFor.Format(time.RFC3339)
	}
	for _, id := range d.InvoiceIDs {
		for _, inv := range f.Invoices {
			if inv.ID == id {
				it.Invoices = append(it.Invoices, inv.Number)
			}
		}
	}
	if d.AmountDue.Currency != "" {
		it.AmountDue = money.Decimal(d.AmountDue)
	}
	return it
}

// withIDs fills the items with the ids WritePlan gave: the action, and
// the case it opened. An action that existed already (ID 0) is reported
// as it stands in the outbox.
func withIDs(items []Item, writes []store.PlanWrite, actions []ledger.Action) []Item {
	type key struct {
		debtor int64
		step   string
	}
	ids := map[key]ledger.Action{}
	for _, a := range actions {
		ids[key{a.DebtorID, a.StepKey}] = a
	}
	out := items[:0]
	for _, it := range items {
		if it.Step != "" && it.Status != string(ledger.ActionSkipped) {
			a, ok := ids[key{it.DebtorID, it.Step}]
			if !ok || a.ID == 0 {
				continue // planned already on an earlier run: not today's news
			}
			it.ActionID = a.ID
			it.CaseID = fmt.Sprint(a.CaseID)
		}
		out = append(out, it)
	}
	return slices.Clip(out)
}

package dunning

import (
	"slices"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// monday is the clock of most tests: Monday 16 March 2026, 8:00 in Paris.
var monday = at(2026, 3, 16, 8, 0)

// TestPlanRules runs one cycle on a business debtor (scenario tpe) in
// many situations: guardrails, pauses and their end, disputes,
// limitation, consolidation, step choice, step conditions.
func TestPlanRules(t *testing.T) {
	nine := at(2026, 3, 16, 9, 0)
	tests := []struct {
		name     string
		facts    func() *Facts
		now      time.Time // monday when zero
		status   ledger.ActionStatus
		reason   string
		step     string // "" for no step
		channel  ledger.Channel
		ids      []int64
		amount   money.Amount
		when     time.Time // checked when not zero
		stage    ledger.Stage
		leftOut  []Exclusion
		promises map[int64]ledger.PromiseStatus
		plans    map[int64]ledger.PlanStatus
		// earlier: the case has been through the scenario's steps before
		// step (sent on their day), so that step is the next one.
		earlier bool
	}{
		// Consolidation.
		{
			name: "three overdue invoices, one action listing the three",
			facts: func() *Facts {
				return factsOf(inv(1, "2026-03-05", 100), inv(2, "2026-03-08", 200), inv(3, "2026-03-12", 300), inv(4, "2026-03-25", 400))
			},
			// Clock 5 March: 11 days late → the second reminder (+10).
			status: ledger.ActionPlanned, step: "j+10", channel: ledger.ChannelEmail, ids: []int64{1, 2, 3}, amount: eur(600),
			when:    nine,
			earlier: true,
		},
		{
			name: "pre-due: the invoices falling due within 3 days",
			facts: func() *Facts {
				return factsOf(inv(1, "2026-03-18", 100), inv(2, "2026-03-19", 200), inv(3, "2026-03-30", 300))
			},
			status: ledger.ActionPlanned, step: "j-3", channel: ledger.ChannelEmail, ids: []int64{1, 2}, amount: eur(300),
			when: nine, stage: ledger.StagePreventive,
		},
		{
			name:   "pre-due: an invoice due today is not late yet",
			facts:  func() *Facts { return factsOf(inv(1, "2026-03-16", 100)) },
			status: ledger.ActionPlanned, step: "j-3", ids: []int64{1}, amount: eur(100), stage: ledger.StagePreventive,
		},
		{
			name:   "pre-due: too early",
			facts:  func() *Facts { return factsOf(inv(1, "2026-03-20", 100)) },
			status: ledger.ActionSkipped, reason: ReasonNotDue,
		},
		{
			name:   "overdue by one day: no step yet, but the case is amicable",
			facts:  func() *Facts { return factsOf(inv(1, "2026-03-15", 100)) },
			status: ledger.ActionSkipped, reason: ReasonNotDue, stage: ledger.StageAmicable,
		},
		{
			name:   "imported late: the case starts at the first reminder",
			facts:  func() *Facts { return factsOf(inv(1, "2026-02-25", 100)) }, // 19 days late, nothing sent yet
			status: ledger.ActionPlanned, step: "j+3", channel: ledger.ChannelEmail, ids: []int64{1}, amount: eur(100),
		},
		{
			name:   "the formal notice waits for approval",
			facts:  func() *Facts { return factsOf(inv(1, "2026-02-09", 100)) }, // 35 days
			status: ledger.ActionAwaitingApproval, step: "j+35", channel: ledger.ChannelLetter,
			earlier: true,
		},
		// Guardrails.
		{
			name: "zero balance",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100))
				f.Invoices[0].Outstanding = eur(0)
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonNothingDue,
		},
		{
			name:   "no invoice",
			facts:  func() *Facts { return factsOf() },
			status: ledger.ActionSkipped, reason: ReasonNothingDue,
		},
		{
			name:   "insolvency",
			facts:  func() *Facts { f := factsOf(inv(1, "2026-03-05", 100)); f.Insolvent = true; return f },
			status: ledger.ActionSkipped, reason: ReasonInsolvency, stage: ledger.StageAmicable,
		},
		{
			name:   "do not contact",
			facts:  func() *Facts { f := factsOf(inv(1, "2026-03-05", 100)); f.Pause.DoNotContact = true; return f },
			status: ledger.ActionSkipped, reason: ReasonDoNotContact,
		},
		{
			name: "paused until today",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100))
				f.Pause.PausedUntil = date("2026-03-16")
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonPaused,
		},
		{
			name: "paused until yesterday: resumes",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100))
				f.Pause.PausedUntil = date("2026-03-15")
				return f
			},
			status: ledger.ActionPlanned, step: "j+10",
			earlier: true,
		},
		{
			name: "limitation: a consumer invoice of two years ago",
			facts: func() *Facts {
				f := factsOf(inv(1, "2024-03-01", 100))
				f.Debtor.Kind = ledger.KindConsumer
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonLimitation, leftOut: []Exclusion{{1, ReasonLimitation}},
		},
		{
			name: "limitation: a part payment started a new period",
			facts: func() *Facts {
				f := factsOf(inv(1, "2024-03-01", 500))
				f.Debtor.Kind = ledger.KindConsumer
				f.Invoices[0].LastPaidOn = date("2025-01-10")
				return f
			},
			// Not barred (new period until 2027-01-10); 745 days late:
			// the hand-off (+45) of the particuliers scenario.
			status: ledger.ActionAwaitingApproval, step: "j+45", ids: []int64{1},
			earlier: true,
		},
		{
			name: "limitation: the barred invoice is left out of the others' action",
			facts: func() *Facts {
				f := factsOf(inv(1, "2020-03-01", 100), inv(2, "2026-03-05", 200))
				return f
			},
			status: ledger.ActionPlanned, step: "j+10", ids: []int64{2}, amount: eur(200), leftOut: []Exclusion{{1, ReasonLimitation}},
			earlier: true,
		},
		{
			name: "dispute, partial: the disputed invoice is left out",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100), inv(2, "2026-03-06", 200))
				f.Invoices[0].Disputed = true
				return f
			},
			// The clock is now the oldest undisputed invoice: 6 March, +10.
			status: ledger.ActionPlanned, step: "j+10", ids: []int64{2}, amount: eur(200), leftOut: []Exclusion{{1, ReasonDispute}},
			earlier: true,
		},
		{
			name: "dispute, total: the debtor waits, pre-due reminders too",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100), inv(2, "2026-03-06", 200), inv(3, "2026-03-18", 50))
				f.Invoices[0].Disputed = true
				f.Invoices[1].Disputed = true
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonDispute, stage: ledger.StageAmicable,
			leftOut: []Exclusion{{1, ReasonDispute}, {2, ReasonDispute}},
		},
		{
			name: "currency: an invoice in another currency is left out",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100), inv(2, "2026-03-06", 200))
				f.Invoices[1].Outstanding = money.New(20000, "USD")
				return f
			},
			status: ledger.ActionPlanned, step: "j+10", ids: []int64{1}, amount: eur(100), leftOut: []Exclusion{{2, ReasonCurrency}},
			earlier: true,
		},
		// Promises.
		{
			name: "promise pending",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 500))
				f.Paid = eur(1000)
				f.Promises = []ledger.Promise{{ID: 3, Amount: eur(500), DueOn: date("2026-03-20"), Status: ledger.PromisePending, PaidBase: eur(1000)}}
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonPromise,
		},
		{
			name: "promise due 3 days ago: still waiting",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 500))
				f.Paid = eur(1000)
				f.Promises = []ledger.Promise{{ID: 3, Amount: eur(500), DueOn: date("2026-03-13"), Status: ledger.PromisePending, PaidBase: eur(1000)}}
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonPromise,
		},
		{
			name: "promise broken: the scenario resumes the same day",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 500))
				f.Paid = eur(1200) // 200 paid of the 500 promised
				f.Promises = []ledger.Promise{{ID: 3, Amount: eur(500), DueOn: date("2026-03-12"), Status: ledger.PromisePending, PaidBase: eur(1000)}}
				return f
			},
			status: ledger.ActionPlanned, step: "j+10", when: nine, promises: map[int64]ledger.PromiseStatus{3: ledger.PromiseBroken},
			earlier: true,
		},
		{
			name: "promise kept: the pause ends, the rest is reminded",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 300))
				f.Paid = eur(1500)
				f.Promises = []ledger.Promise{{ID: 3, Amount: eur(500), DueOn: date("2026-03-20"), Status: ledger.PromisePending, PaidBase: eur(1000)}}
				return f
			},
			status: ledger.ActionPlanned, step: "j+10", promises: map[int64]ledger.PromiseStatus{3: ledger.PromiseKept},
			earlier: true,
		},
		{
			name: "promise kept, debtor paused: settled all the same",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 300))
				f.Paid = eur(1500)
				f.Pause.DoNotContact = true
				f.Promises = []ledger.Promise{{ID: 3, Amount: eur(500), DueOn: date("2026-03-20"), Status: ledger.PromisePending, PaidBase: eur(1000)}}
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonDoNotContact, promises: map[int64]ledger.PromiseStatus{3: ledger.PromiseKept},
		},
		// Payment plans: 300 on 1 March, 300 on 1 April, 400 on 1 May, 5 days' grace.
		{
			name:   "plan kept on time",
			facts:  func() *Facts { return withPlan(eur(1300), "2026-03-01", 5) },
			status: ledger.ActionSkipped, reason: ReasonPlan,
		},
		{
			name:   "plan broken: resumes",
			facts:  func() *Facts { return withPlan(eur(1200), "2026-03-01", 5) },
			status: ledger.ActionPlanned, step: "j+10", plans: map[int64]ledger.PlanStatus{9: ledger.PlanBroken},
			earlier: true,
		},
		{
			name:   "plan: the last day of grace",
			facts:  func() *Facts { return withPlan(eur(1000), "2026-03-11", 5) },
			status: ledger.ActionSkipped, reason: ReasonPlan,
		},
		{
			name:   "plan: the day after the grace",
			facts:  func() *Facts { return withPlan(eur(1000), "2026-03-10", 5) },
			status: ledger.ActionPlanned, step: "j+10", plans: map[int64]ledger.PlanStatus{9: ledger.PlanBroken},
			earlier: true,
		},
		{
			name:   "plan: no grace, due today is not late",
			facts:  func() *Facts { return withPlan(eur(1000), "2026-03-16", 0) },
			status: ledger.ActionSkipped, reason: ReasonPlan,
		},
		{
			name:   "plan completed",
			facts:  func() *Facts { return withPlan(eur(2000), "2026-03-01", 5) },
			status: ledger.ActionPlanned, step: "j+10", plans: map[int64]ledger.PlanStatus{9: ledger.PlanCompleted},
			earlier: true,
		},
		// Segments.
		{
			name:   "no segment",
			facts:  func() *Facts { f := factsOf(inv(1, "2026-03-05", 100)); f.Debtor.Kind = "alien"; return f },
			status: ledger.ActionSkipped, reason: ReasonNoSegment,
		},
		// Step conditions.
		{
			name: "minimum amount: the hand-off is passed over",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-01-20", 200)) // 55 days
				f.Case = openCase(ledger.StageFormalNotice, at(2026, 1, 17, 9, 0))
				f.Steps = []StepDone{sentStep(1, "j-3", at(2026, 1, 17, 9, 0)), sentStep(2, "j+3", at(2026, 1, 23, 9, 0)),
					sentStep(3, "j+10", at(2026, 1, 30, 9, 0)), sentStep(4, "j+18", at(2026, 2, 9, 9, 0)),
					sentStep(5, "j+25", at(2026, 2, 16, 9, 0)), sentStep(6, "j+35", at(2026, 2, 24, 9, 0))}
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonMinAmount, step: "j+50", ids: []int64{1}, amount: eur(200),
		},
		{
			name: "replied since the last action: the call is passed over",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-02-25", 100)) // 19 days: the call
				f.Case = openCase(ledger.StageAmicable, at(2026, 2, 26, 9, 0))
				f.Steps = []StepDone{sentStep(1, "j+10", at(2026, 3, 7, 10, 0))}
				f.LastReply = at(2026, 3, 10, 14, 0)
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonReplied, step: "j+18",
		},
		{
			name: "replied before the last action: the call goes",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-02-25", 100))
				f.Case = openCase(ledger.StageAmicable, at(2026, 2, 26, 9, 0))
				f.Steps = []StepDone{sentStep(1, "j+10", at(2026, 3, 7, 10, 0))}
				f.LastReply = at(2026, 3, 5, 14, 0)
				return f
			},
			status: ledger.ActionPlanned, step: "j+18", channel: ledger.ChannelCall,
		},
		{
			name: "replied since the last reminder: the call is skipped",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-02-25", 100))
				f.Case = openCase(ledger.StageAmicable, at(2026, 2, 26, 9, 0))
				f = through(input(monday), f, "j+18") // last sent: j+10, on 7 March
				f.LastReply = at(2026, 3, 9, 14, 0)
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonReplied, step: "j+18",
		},
		{
			name: "a reply does not stop a step that does not ask",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100))
				f.Case = openCase(ledger.StageAmicable, at(2026, 3, 8, 9, 0))
				f.LastReply = at(2026, 3, 10, 14, 0)
				return f
			},
			status: ledger.ActionPlanned, step: "j+10",
			earlier: true,
		},
		// Case stages.
		{
			name: "preventive case, now overdue: amicable",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-12", 100))
				f.Case = openCase(ledger.StagePreventive, at(2026, 3, 9, 9, 0))
				f.Steps = []StepDone{sentStep(1, "j-3", at(2026, 3, 9, 9, 0))}
				return f
			},
			status: ledger.ActionPlanned, step: "j+3", stage: ledger.StageAmicable,
		},
		{
			name: "amicable case, nothing overdue any more: preventive",
			facts: func() *Facts {
				f := factsOf(inv(2, "2026-03-30", 100))
				f.Case = openCase(ledger.StageAmicable, at(2026, 3, 1, 9, 0))
				f.Steps = []StepDone{sentStep(1, "j+3", at(2026, 3, 4, 9, 0))}
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonNotDue, stage: ledger.StagePreventive,
		},
		{
			name: "formal notice case stays",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-02-01", 100))
				f.Case = openCase(ledger.StageFormalNotice, at(2026, 1, 29, 9, 0))
				f.Steps = []StepDone{sentStep(1, "j+35", at(2026, 3, 8, 9, 0))}
				return f
			},
			status: ledger.ActionSkipped, reason: ReasonNotDue,
		},
		{
			name: "a closed case is no case",
			facts: func() *Facts {
				f := factsOf(inv(1, "2026-03-05", 100))
				f.Case = openCase(ledger.StageClosed, at(2026, 1, 1, 9, 0))
				f.Case.ClosedAt = at(2026, 2, 1, 9, 0)
				f.Steps = []StepDone{sentStep(1, "j+10", at(2026, 1, 20, 9, 0))}
				return f
			},
			// A new case starts the scenario again.
			status: ledger.ActionPlanned, step: "j+3", stage: ledger.StageAmicable,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.now
			if now.IsZero() {
				now = monday
			}
			f := tt.facts()
			if tt.earlier {
				f = through(input(now), f, tt.step)
			}
			d := plan1(input(now), f)
			if d.Status != tt.status || d.SkipReason != tt.reason || d.Step.Key != tt.step {
				t.Fatalf("got %s %q step %q, want %s %q step %q", d.Status, d.SkipReason, d.Step.Key, tt.status, tt.reason, tt.step)
			}
			if tt.channel != "" && d.Channel != tt.channel {
				t.Errorf("channel %s, want %s", d.Channel, tt.channel)
			}
			if tt.ids != nil && !slices.Equal(d.InvoiceIDs, tt.ids) {
				t.Errorf("invoices %v, want %v", d.InvoiceIDs, tt.ids)
			}
			if tt.amount.Currency != "" && d.AmountDue != tt.amount {
				t.Errorf("amount %s, want %s", d.AmountDue, tt.amount)
			}
			if !tt.when.IsZero() && !d.ScheduledFor.Equal(tt.when) {
				t.Errorf("scheduled %s, want %s", d.ScheduledFor, tt.when)
			}
			if tt.stage != "" && d.CaseStage != tt.stage {
				t.Errorf("case stage %q, want %q", d.CaseStage, tt.stage)
			}
			if tt.leftOut != nil && !slices.Equal(d.LeftOut, tt.leftOut) {
				t.Errorf("left out %v, want %v", d.LeftOut, tt.leftOut)
			}
			if !mapsEqual(d.Promises, tt.promises) {
				t.Errorf("promises %v, want %v", d.Promises, tt.promises)
			}
			if !mapsEqual(d.Plans, tt.plans) {
				t.Errorf("plans %v, want %v", d.Plans, tt.plans)
			}
			if d.HasAction() != (d.Step.Key != "") || d.DebtorID != 7 || d.DebtorRef != "C007" {
				t.Errorf("decision header %+v", d)
			}
			if d.HasAction() && d.Status != ledger.ActionSkipped && !CalendarOf(input(now).Settings).Allowed(d.ScheduledFor, civil.Paris) {
				t.Errorf("scheduled at a forbidden moment %s", d.ScheduledFor)
			}
		})
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// withPlan is a debtor with an overdue invoice and an active plan of
// 300 € due on first, 300 € a month later and 400 € two months later,
// agreed when 1000 € had been paid.
func withPlan(paid money.Amount, first string, grace int) *Facts {
	f := factsOf(inv(1, "2026-03-05", 1000))
	f.Paid = paid
	d := date(first)
	f.Plans = []ledger.PaymentPlan{{ID: 9, Status: ledger.PlanActive, PaidBase: eur(1000), GraceDays: grace, Instalments: []ledger.Instalment{
		{DueOn: d, Amount: eur(300)}, {DueOn: d.AddMonths(1), Amount: eur(300)}, {DueOn: d.AddMonths(2), Amount: eur(400)},
	}}}
	return f
}

func TestPlanScenarioChoice(t *testing.T) {
	big := func() *Facts { return factsOf(inv(1, "2026-03-05", 12_000)) }
	d := plan1(input(monday), big())
	if d.ScenarioKey != ScenarioGrandsComptes || d.Segment != "Grands comptes" {
		t.Errorf("a 12 000 € business: %q / %q", d.ScenarioKey, d.Segment)
	}
	// A case keeps its scenario when the debtor moves to another segment.
	f := big()
	f.Case = openCase(ledger.StageAmicable, at(2026, 3, 1, 9, 0))
	f.Steps = []StepDone{sentStep(1, "j+3", at(2026, 3, 8, 9, 0))}
	d = plan1(input(monday), f)
	if d.ScenarioKey != ScenarioTPE || d.Segment != "" || d.Step.Key != "j+10" {
		t.Errorf("sticky scenario: %q / %q / %q", d.ScenarioKey, d.Segment, d.Step.Key)
	}
	// ...unless that scenario was deleted.
	in := input(monday)
	delete(in.Scenarios, ScenarioTPE)
	if d := plan1(in, f); d.ScenarioKey != ScenarioGrandsComptes {
		t.Errorf("deleted scenario: %q", d.ScenarioKey)
	}
	// A segment naming a missing scenario.
	in = input(monday)
	in.Segments = []ledger.Segment{{Position: 1, Name: "Tous", ScenarioKey: "nope"}}
	if d := plan1(in, big()); d.SkipReason != ReasonNoScenario || d.Segment != "Tous" {
		t.Errorf("missing scenario: %+v", d)
	}
}

func TestPlanPending(t *testing.T) {
	for _, st := range []ledger.ActionStatus{ledger.ActionPlanned, ledger.ActionAwaitingApproval} {
		f := factsOf(inv(1, "2026-02-20", 100)) // 24 days: the call is due
		f.Case = openCase(ledger.StageAmicable, at(2026, 2, 23, 9, 0))
		f.Steps = []StepDone{
			sentStep(1, "j+3", at(2026, 2, 23, 9, 0)),
			{ActionID: 2, StepKey: "j+10", ScenarioKey: ScenarioTPE, Status: st, ScheduledFor: at(2026, 3, 17, 9, 0)},
		}
		d := plan1(input(monday), f)
		if d.Status != ledger.ActionSkipped || d.SkipReason != ReasonPending || d.HasAction() {
			t.Errorf("%s action pending: %s %q %q", st, d.Status, d.SkipReason, d.Step.Key)
		}
	}
}

// TestPlanDoneSteps: which earlier actions count as done, and the
// revival of those skipped or cancelled for a passing reason.
func TestPlanDoneSteps(t *testing.T) {
	tests := []struct {
		status ledger.ActionStatus
		reason string
		want   string // step planned, "" for none (not_due)
	}{
		{ledger.ActionSent, "", ""},
		{ledger.ActionFailed, "", ""},
		{ledger.ActionFailed, ReasonUnconfirmed, ""},
		{ledger.ActionCancelled, ReasonRejected, ""},
		{ledger.ActionCancelled, ReasonPaid, ""},
		{ledger.ActionSkipped, ReasonPaid, ""},
		{ledger.ActionSkipped, ReasonPromise, "j+10"},
		{ledger.ActionCancelled, ReasonInsolvency, "j+10"},
		{ledger.ActionSkipped, ReasonNoAddress, "j+10"},
		{ledger.ActionSkipped, ReasonMinAmount, "j+10"},
		{ledger.ActionSkipped, ReasonDispute, "j+10"},
		{ledger.ActionFailed, ReasonBounced, "j+10"},
	}
	for _, tt := range tests {
		f := factsOf(inv(1, "2026-03-05", 100)) // 11 days: j+10 due, j+18 not yet
		f.Case = openCase(ledger.StageAmicable, at(2026, 3, 8, 9, 0))
		f.Steps = []StepDone{
			sentStep(1, "j+3", at(2026, 3, 8, 9, 0)),
			{ActionID: 2, StepKey: "j+10", ScenarioKey: ScenarioTPE, Status: tt.status, SkipReason: tt.reason, ScheduledFor: at(2026, 3, 15, 9, 0)},
		}
		d := plan1(input(monday), f)
		if d.Step.Key != tt.want {
			t.Errorf("j+10 %s (%q): planned %q, want %q (%s)", tt.status, tt.reason, d.Step.Key, tt.want, d.SkipReason)
		}
		if tt.want == "" && d.SkipReason != ReasonNotDue {
			t.Errorf("j+10 %s (%q): reason %q, want not_due", tt.status, tt.reason, d.SkipReason)
		}
	}
}

func TestPlanPacing(t *testing.T) {
	// The first reminder went out late (14 March instead of 8 March): the
	// second keeps its 7 days' distance.
	f := factsOf(inv(1, "2026-03-05", 100))
	f.Case = openCase(ledger.StageAmicable, at(2026, 3, 5, 9, 0))
	f.Steps = []StepDone{sentStep(1, "j+3", at(2026, 3, 14, 10, 0))}
	d := plan1(input(monday), f)
	if want := at(2026, 3, 21, 10, 0); d.Step.Key != "j+10" || !d.ScheduledFor.Equal(want) {
		t.Errorf("paced: %q at %s, want j+10 at %s", d.Step.Key, d.ScheduledFor, want)
	}
	// Sent on time: no delay.
	f.Steps = []StepDone{sentStep(1, "j+3", at(2026, 3, 8, 10, 0))}
	if d := plan1(input(monday), f); !d.ScheduledFor.Equal(at(2026, 3, 16, 9, 0)) {
		t.Errorf("on time: %s", d.ScheduledFor)
	}
}

// TestPlanCalendar: the moment of an action, for the clock of the cycle
// and the debtor's place.
func TestPlanCalendar(t *testing.T) {
	gp, _ := time.LoadLocation("America/Guadeloupe")
	re, _ := time.LoadLocation("Indian/Reunion")
	where := func(pc string) func(f *Facts) {
		return func(f *Facts) { f.Debtor.Contacts[0].Address.PostalCode = pc }
	}
	tests := []struct {
		name   string
		now    time.Time
		due    string
		edit   func(f *Facts)
		alsace bool
		want   time.Time
	}{
		{"before quiet hours → 9:00", at(2026, 3, 16, 8, 0), "2026-03-05", nil, false, at(2026, 3, 16, 9, 0)},
		{"within quiet hours → now", at(2026, 3, 16, 10, 30), "2026-03-05", nil, false, at(2026, 3, 16, 10, 30)},
		{"after quiet hours → tomorrow", at(2026, 3, 16, 20, 0), "2026-03-05", nil, false, at(2026, 3, 17, 9, 0)},
		{"Sunday → Monday", at(2026, 3, 22, 8, 0), "2026-03-11", nil, false, at(2026, 3, 23, 9, 0)},
		{"14 July (Tuesday) → Wednesday", at(2026, 7, 14, 8, 0), "2026-07-01", nil, false, at(2026, 7, 15, 9, 0)},
		{"Easter Monday → Tuesday", at(2026, 4, 6, 8, 0), "2026-03-25", nil, false, at(2026, 4, 7, 9, 0)},
		{"Good Friday, debtor in Moselle → Saturday", at(2026, 4, 3, 8, 0), "2026-03-23", where("57000"), false, at(2026, 4, 4, 9, 0)},
		{"Good Friday, organization option → Saturday", at(2026, 4, 3, 8, 0), "2026-03-23", nil, true, at(2026, 4, 4, 9, 0)},
		{"Good Friday elsewhere", at(2026, 4, 3, 8, 0), "2026-03-23", nil, false, at(2026, 4, 3, 9, 0)},
		{"26 December (Friday), Bas-Rhin → Saturday", at(2025, 12, 26, 8, 0), "2025-12-15", where("67000"), false, at(2025, 12, 27, 9, 0)},
		{"26 December elsewhere", at(2025, 12, 26, 8, 0), "2025-12-15", nil, false, at(2025, 12, 26, 9, 0)},
		{"DST: Saturday night → Monday 9:00 CEST", at(2026, 3, 28, 20, 0), "2026-03-18", nil, false, time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)},
		{"Guadeloupe: 8:00 in Paris is 2:00 there", at(2026, 6, 2, 8, 0), "2026-05-22", where("97110"), false, time.Date(2026, 6, 2, 9, 0, 0, 0, gp)},
		{"Réunion: 8:00 in Paris is 10:00 there", at(2026, 6, 2, 8, 0), "2026-05-22", where("97400"), false, at(2026, 6, 2, 8, 0)},
		{"Réunion: 18:00 in Paris is 20:00 there", at(2026, 6, 2, 18, 0), "2026-05-22", where("97400"), false, time.Date(2026, 6, 3, 9, 0, 0, 0, re)},
	}
	for _, tt := range tests {
		f := factsOf(inv(1, tt.due, 100))
		if tt.edit != nil {
			tt.edit(f)
		}
		in := input(tt.now)
		in.Settings.AlsaceMoselle = tt.alsace
		d := plan1(in, f)
		if !d.HasAction() || d.Status == ledger.ActionSkipped {
			t.Errorf("%s: no action (%s)", tt.name, d.SkipReason)
			continue
		}
		if !d.ScheduledFor.Equal(tt.want) {
			t.Errorf("%s: scheduled %s, want %s", tt.name, d.ScheduledFor, tt.want)
		}
	}
}

func TestPlanWeeklyCap(t *testing.T) {
	now := at(2026, 3, 16, 10, 0) // allowed: the moment is now
	tests := []struct {
		name     string
		cap      int
		contacts []time.Time
		want     time.Time
	}{
		{"under the cap", 2, []time.Time{at(2026, 3, 13, 15, 0)}, now},
		{"cap reached: oldest + 7 days", 2, []time.Time{at(2026, 3, 10, 11, 0), at(2026, 3, 13, 15, 0)}, at(2026, 3, 17, 11, 0)},
		{"exactly 7 days before is outside", 2, []time.Time{at(2026, 3, 9, 10, 0), at(2026, 3, 13, 15, 0)}, now},
		{"one second inside", 2, []time.Time{at(2026, 3, 9, 10, 0).Add(time.Second), at(2026, 3, 13, 15, 0)}, at(2026, 3, 16, 10, 0).Add(time.Second)},
		{"three contacts: until two have left", 2, []time.Time{at(2026, 3, 10, 11, 0), at(2026, 3, 12, 12, 0), at(2026, 3, 13, 15, 0)}, at(2026, 3, 19, 12, 0)},
		{"moved onto a Sunday → Monday 9:00", 2, []time.Time{at(2026, 3, 15, 10, 0), at(2026, 3, 16, 8, 30)}, at(2026, 3, 23, 9, 0)},
		{"moved into the night → next morning", 2, []time.Time{at(2026, 3, 10, 20, 0), at(2026, 3, 12, 8, 0)}, at(2026, 3, 18, 9, 0)},
		{"cap 1", 1, []time.Time{at(2026, 3, 12, 12, 0)}, at(2026, 3, 19, 12, 0)},
		{"cap 0 is no cap", 0, []time.Time{at(2026, 3, 12, 12, 0), at(2026, 3, 13, 12, 0), at(2026, 3, 14, 12, 0)}, now},
	}
	for _, tt := range tests {
		f := factsOf(inv(1, "2026-03-05", 100))
		f.Contacts7 = tt.contacts
		in := input(now)
		in.Settings.WeeklyCap = tt.cap
		d := plan1(in, f)
		if d.Status != ledger.ActionPlanned || !d.ScheduledFor.Equal(tt.want) {
			t.Errorf("%s: %s at %s, want planned at %s", tt.name, d.Status, d.ScheduledFor, tt.want)
		}
	}
	// A call task is capped like a message.
	f := through(input(now), factsOf(inv(1, "2026-02-25", 100)), "j+18") // the call (+18)
	f.Contacts7 = []time.Time{at(2026, 3, 10, 11, 0), at(2026, 3, 13, 15, 0)}
	if d := plan1(input(now), f); d.Channel != ledger.ChannelCall || !d.ScheduledFor.Equal(at(2026, 3, 17, 11, 0)) {
		t.Errorf("call: %s at %s", d.Channel, d.ScheduledFor)
	}
	// Across the change to summer time the wall clock is kept.
	got := ApplyWeeklyCap(Calendar{QuietStart: 9, QuietEnd: 19}, civil.Paris, at(2026, 3, 30, 9, 0),
		[]time.Time{at(2026, 3, 27, 10, 0), at(2026, 3, 28, 10, 0)}, 2)
	if want := at(2026, 4, 3, 10, 0); !got.Equal(want) {
		t.Errorf("across DST: %s, want %s", got, want)
	}
}

func TestPlanFallbackChannels(t *testing.T) {
	noEmail := func(f *Facts) { f.Debtor.Contacts[0].Email = "" }
	noPhone := func(f *Facts) { f.Debtor.Contacts[0].Phone = "" }
	noAddress := func(f *Facts) { f.Debtor.Contacts[0].Address = ledger.Address{} }
	noConsent := func(f *Facts) { f.Debtor.Contacts[0].SMSConsent = false }
	consumer := func(f *Facts) { f.Debtor.Kind = ledger.KindConsumer }
	bounced := func(f *Facts) {
		f.Bounced = []Bounce{{DebtorID: 7, Address: "COMPTA@client.fr", Kind: BounceEmail}}
	}
	tests := []struct {
		name    string
		due     string // 2026-03-05: j+10 email; 2026-03-12: j+3 email; 2026-02-25: j+18 call; 2026-02-19: j+25 letter
		edits   []func(*Facts)
		channel ledger.Channel
		reason  string
	}{
		{"email", "2026-03-05", nil, ledger.ChannelEmail, ""},
		{"email → letter", "2026-03-05", []func(*Facts){noEmail}, ledger.ChannelLetter, ""},
		{"bounced email → letter", "2026-03-05", []func(*Facts){bounced}, ledger.ChannelLetter, ""},
		{"email, neither email nor address", "2026-03-05", []func(*Facts){noEmail, noAddress}, ledger.ChannelEmail, ReasonNoAddress},
		{"first reminder: no letter version", "2026-03-12", []func(*Facts){noEmail}, ledger.ChannelEmail, ReasonNoContact},
		{"call", "2026-02-25", nil, ledger.ChannelCall, ""},
		{"call without phone", "2026-02-25", []func(*Facts){noPhone}, ledger.ChannelCall, ReasonNoPhone},
		{"letter without address", "2026-02-19", []func(*Facts){noAddress}, ledger.ChannelLetter, ReasonNoAddress},
		{"consumer: sms", "2026-03-12", []func(*Facts){consumer}, ledger.ChannelSMS, ""},
		{"consumer: sms without consent → email", "2026-03-12", []func(*Facts){consumer, noConsent}, ledger.ChannelEmail, ""},
		{"consumer: sms without phone → email", "2026-03-12", []func(*Facts){consumer, noPhone}, ledger.ChannelEmail, ""},
		{"consumer: sms, no consent, no email", "2026-03-12", []func(*Facts){consumer, noConsent, noEmail}, ledger.ChannelSMS, ReasonNoContact},
	}
	for _, tt := range tests {
		f := factsOf(inv(1, tt.due, 500))
		if step := map[string]string{"2026-03-05": "j+10", "2026-02-25": "j+18", "2026-02-19": "j+25"}[tt.due]; step != "" {
			f = through(input(monday), f, step)
		}
		for _, e := range tt.edits {
			e(f)
		}
		d := plan1(input(monday), f)
		if !d.HasAction() || d.Channel != tt.channel || d.SkipReason != tt.reason {
			t.Errorf("%s: step %q via %s (%s %q), want %s %q", tt.name, d.Step.Key, d.Channel, d.Status, d.SkipReason, tt.channel, tt.reason)
		}
		if tt.reason == "" && d.Status == ledger.ActionSkipped {
			t.Errorf("%s: skipped", tt.name)
		}
	}
}

// TestEscalation runs the planner day by day on each shipped scenario,
// feeding back every planned action as approved and sent at its time,
// and checks the whole ladder: every step once, in order, at or after its
// day, paced, at allowed moments, under the weekly cap, each re-checked
// at dispatch; the case going preventive → amicable → formal notice →
// litigation.
func TestEscalation(t *testing.T) {
	tests := []struct {
		kind     ledger.DebtorKind
		amount   int64
		scenario string
		days     int
	}{
		{ledger.KindBusiness, 1_000, ScenarioTPE, 90},
		{ledger.KindBusiness, 12_000, ScenarioGrandsComptes, 130},
		{ledger.KindConsumer, 800, ScenarioParticuliers, 90},
		{ledger.KindPublic, 5_000, ScenarioPublic, 130},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			in := input(time.Time{})
			sc := in.Scenarios[tt.scenario]
			due := date("2026-03-02")
			f := &Facts{Debtor: debtorOf(tt.kind), RiskScore: -1, Invoices: []OpenInvoice{inv(1, due.String(), tt.amount)}, Paid: eur(0)}
			cal := CalendarOf(in.Settings)
			start := due.AddDays(-12)
			var sent []StepDone
			var stages []ledger.Stage
			stageTo := func(s ledger.Stage) {
				if len(stages) == 0 || stages[len(stages)-1] != s {
					stages = append(stages, s)
				}
			}
			var id int64
			for day := range tt.days {
				today := start.AddDays(day)
				in.Now = at(today.Year, today.Month, today.Day, 8, 0)
				f.Contacts7 = nil
				for _, s := range sent {
					f.Contacts7 = append(f.Contacts7, s.SentAt)
				}
				d := plan1(in, f)
				if d.CaseStage != "" {
					if f.Case == nil {
						f.Case = openCase(d.CaseStage, in.Now)
					}
					f.Case.Stage = d.CaseStage
					stageTo(d.CaseStage)
				}
				if d.HasAction() {
					if d.Status == ledger.ActionSkipped {
						t.Fatalf("%s: step %s skipped: %s", today, d.Step.Key, d.SkipReason)
					}
					if d.ScenarioKey != tt.scenario {
						t.Fatalf("scenario %s, want %s", d.ScenarioKey, tt.scenario)
					}
					if d.Status == ledger.ActionAwaitingApproval != d.Step.Approval {
						t.Errorf("%s: status %s, approval %v", d.Step.Key, d.Status, d.Step.Approval)
					}
					for _, s := range f.Steps {
						if s.StepKey == d.Step.Key {
							t.Fatalf("%s: step %s planned twice", today, d.Step.Key)
						}
					}
					id++
					// Approved at once.
					f.Steps = append(f.Steps, StepDone{ActionID: id, StepKey: d.Step.Key, ScenarioKey: d.ScenarioKey,
						Status: ledger.ActionPlanned, Channel: d.Channel, ScheduledFor: d.ScheduledFor})
				}
				// Dispatch what is due before tomorrow's cycle.
				next := today.AddDays(1)
				tomorrow := at(next.Year, next.Month, next.Day, 8, 0)
				for i := range f.Steps {
					s := &f.Steps[i]
					if s.Status != ledger.ActionPlanned || !s.ScheduledFor.Before(tomorrow) {
						continue
					}
					a := ledger.Action{StepKey: s.StepKey, Channel: s.Channel, InvoiceIDs: []int64{1}}
					if ok, reason, _ := Recheck(in, f, a, s.ScheduledFor); !ok {
						t.Fatalf("%s: recheck of %s at %s: %s", today, s.StepKey, s.ScheduledFor, reason)
					}
					s.Status, s.SentAt = ledger.ActionSent, s.ScheduledFor
					sent = append(sent, *s)
					st := sc.Steps[slices.IndexFunc(sc.Steps, func(x ledger.Step) bool { return x.Key == s.StepKey })]
					f.Case.Stage = st.Stage // MarkSent: the case reaches the step's stage
					stageTo(st.Stage)
				}
			}
			if len(sent) != len(sc.Steps) {
				var keys []string
				for _, s := range sent {
					keys = append(keys, s.StepKey)
				}
				t.Fatalf("sent %v, want every step of %s", keys, sc.Key)
			}
			for i, s := range sent {
				st := sc.Steps[i]
				if s.StepKey != st.Key {
					t.Fatalf("step %d sent %s, want %s", i, s.StepKey, st.Key)
				}
				if civil.Of(s.SentAt.In(civil.Paris)).Before(due.AddDays(st.OffsetDays)) {
					t.Errorf("%s sent %s, before its day", st.Key, s.SentAt)
				}
				if !cal.Allowed(s.SentAt, civil.Paris) {
					t.Errorf("%s sent at a forbidden moment %s", st.Key, s.SentAt)
				}
				if i > 0 {
					prev := sent[i-1]
					if min := prev.SentAt.AddDate(0, 0, st.OffsetDays-sc.Steps[i-1].OffsetDays); s.SentAt.Before(min) {
						t.Errorf("%s sent %s, less than %d days after %s", st.Key, s.SentAt, st.OffsetDays-sc.Steps[i-1].OffsetDays, prev.SentAt)
					}
				}
				n := 0
				for _, p := range sent[:i] {
					if p.SentAt.After(s.SentAt.AddDate(0, 0, -7)) {
						n++
					}
				}
				if n >= in.Settings.WeeklyCap {
					t.Errorf("%s sent %s with %d contacts in the week before", st.Key, s.SentAt, n)
				}
			}
			for _, s := range sent {
				t.Logf("%s %s %s", s.StepKey, s.Channel, s.SentAt.Format("Mon 2006-01-02 15:04"))
			}
			want := []ledger.Stage{ledger.StagePreventive, ledger.StageAmicable, ledger.StageFormalNotice, ledger.StageLitigation}
			if !slices.Equal(stages, want) {
				t.Errorf("stages %v, want %v", stages, want)
			}
		})
	}
}

// A call task due on a Saturday waits for Monday; an email does not.
func TestCallsOnWeekdays(t *testing.T) {
	sat := at(2026, 3, 14, 10, 0)
	f := through(input(sat), factsOf(inv(1, "2026-02-24", 100)), "j+18") // 18 days late on Saturday 14 March
	d := plan1(input(sat), f)
	if d.Channel != ledger.ChannelCall || !d.ScheduledFor.Equal(at(2026, 3, 16, 9, 0)) {
		t.Errorf("call on a Saturday: %s at %s, want Monday 9:00", d.Channel, d.ScheduledFor)
	}
	f = factsOf(inv(1, "2026-03-11", 100)) // 3 days late: the first reminder, an email
	if d := plan1(input(sat), f); d.Channel != ledger.ChannelEmail || !d.ScheduledFor.Equal(sat) {
		t.Errorf("email on a Saturday: %s at %s", d.Channel, d.ScheduledFor)
	}
}

// The hand-off to litigation is a task, not a call: a debtor without a
// phone still gets it.
func TestHandoffNeedsNoPhone(t *testing.T) {
	now := at(2026, 4, 20, 9, 0)
	f := through(input(now), factsOf(inv(1, "2026-01-05", 1000)), "j+50")
	f.Debtor.Contacts[0].Phone = ""
	d := plan1(input(now), f)
	if d.Step.Key != "j+50" || d.Status != ledger.ActionAwaitingApproval || d.Channel != ledger.ChannelCall {
		t.Errorf("hand-off without a phone: %s %s %q via %s", d.Step.Key, d.Status, d.SkipReason, d.Channel)
	}
}

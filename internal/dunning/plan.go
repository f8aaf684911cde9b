package dunning

import (
	"slices"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Input is what the planner knows of the organization for one cycle.
type Input struct {
	Now       time.Time // the cycle's clock
	Settings  ledger.DunningSettings
	Scenarios map[string]ledger.Scenario // by key
	Segments  []ledger.Segment
}

// Decision is what the planner decided for one debtor on one cycle.
//
// A Decision carries an action when Step.Key is not empty: Status is then
// planned, awaiting_approval, or skipped (a step-level reason: min_amount,
// replied, no_address, no_phone, no_contact) — a skipped step is recorded
// so that a person sees why it did not go, and since those reasons are not
// final it is planned again (revived) by a later cycle once the reason is
// gone. A Decision with no Step carries no action: Status is skipped and
// SkipReason says why nothing goes (a pause, pending, not_due…); it still
// carries the case stage, the settled promises and plans, and the
// invoices left out, which the caller records.
type Decision struct {
	DebtorID  int64
	DebtorRef string
	// CaseID is the open case; 0 when there is none. Then CaseStage is
	// the stage of the case to open (a decision with an action needs
	// one); CaseStage "" means no case is needed (nothing overdue and no
	// action).
	CaseID int64
	// CaseStage is the stage the case should have now — preventive while
	// nothing is overdue, amicable once something is — when it differs
	// from the case's; "" = unchanged. The planner never sets
	// formal_notice or litigation: a case reaches them when such a step
	// is sent.
	CaseStage   ledger.Stage
	ScenarioKey string
	// Segment is the name of the segment that picked the scenario; ""
	// when the case kept the scenario of its earlier actions.
	Segment string
	Step    ledger.Step // zero when no step
	// Channel is the one the action goes through: the step's, or a
	// fallback when the step's has no reachable recipient.
	Channel      ledger.Channel
	ScheduledFor time.Time
	InvoiceIDs   []int64
	AmountDue    money.Amount
	Status       ledger.ActionStatus // planned | awaiting_approval | skipped
	SkipReason   string
	// Promises and Plans settled today (kept, broken; completed, broken),
	// whether or not the debtor is paused.
	Promises map[int64]ledger.PromiseStatus
	Plans    map[int64]ledger.PlanStatus
	// LeftOut are the open invoices no reminder is about, and why
	// (limitation, dispute, currency).
	LeftOut []Exclusion
}

// HasAction reports whether the decision carries an action to record.
func (d Decision) HasAction() bool { return d.Step.Key != "" }

// Plan decides, for debtor f on the cycle of in.Now, which step goes out,
// when, through which channel, about which invoices — or why nothing
// does. It returns exactly one Decision (the slice leaves room for more
// later); the rules, in the order they apply:
//
//  1. Today is the civil date of Now in Europe/Paris.
//  2. Pending promises and active plans are settled (settlePromises,
//     settlePlans) and reported in Promises and Plans in every case.
//  3. Invoices: relevant ones are open (Outstanding > 0), not disputed and
//     not time-barred (Expired: legalfr.LimitationOf for the debtor's
//     kind from the due date, a part payment on LastPaidOn interrupting
//     it); the others are LeftOut with their reason. Nothing open at all
//     → ReasonNothingDue.
//  4. Pauses stop the whole debtor, with no step: insolvency,
//     do_not_contact, paused (PausedUntil ≥ today), promise, plan
//     (pauseReason).
//  5. Disputes: when something overdue is open and every such invoice is
//     disputed → ReasonDispute (no pre-due reminder either: a debtor
//     contesting is not reminded of anything); otherwise disputed invoices
//     are just left out. Nothing relevant left at all → ReasonLimitation
//     when an invoice was time-barred, else ReasonNothingDue.
//  6. Scenario: a case keeps the scenario of its latest action while that
//     scenario exists (a debtor crossing a segment bound mid-case must not
//     restart from the first step of another scenario); otherwise the
//     scenario of the first matching segment (Match on ProfileOf) —
//     ReasonNoSegment when none matches, ReasonNoScenario when the
//     segment names a scenario that does not exist.
//  7. Pending: when the case has an action planned or awaiting approval,
//     nothing new (ReasonPending, no step): one action at a time per case.
//  8. The step: the case clock is the due date of the oldest relevant
//     overdue invoice; the step is the FIRST step, in scenario order, with
//     an offset > 0, whose day (clock + offset) is on or before today and
//     which comes after the last step done on the case (doneIndex), so a
//     case climbs one step at a time (pacing below spaces them); a due
//     step that cannot go (rules 10 and 11) is passed for the next due
//     one, and when none can go the first one is reported skipped. When nothing
//     is overdue, only the pre-due steps (offset ≤ 0) apply, on the clock
//     of the earliest upcoming due date. No such step → ReasonNotDue.
//  9. Consolidation: the action is about ALL the relevant overdue
//     invoices (for a pre-due step: the relevant invoices falling due
//     within −offset days of today), and AmountDue is their outstanding
//     total (credit notes are not deducted: they are allocated by the
//     ledger, not by the planner).
//  10. Step conditions: MinAmount above AmountDue → skipped
//     ReasonMinAmount (a later step may still come); OnlyIfNoReply and
//     the debtor answered after the case's last sent action (or after the
//     case opened when none was sent) → skipped ReasonReplied.
//  11. Channel: ChannelFor (fallbacks email → letter, sms → email →
//     letter); nobody reachable → skipped with its reason.
//  12. Time (schedule): the step's day is max(clock + offset, today); the
//     moment is that day at QuietStart in the debtor's zone (TimeZone), or
//     Now when that is later; not before the last sent action + (offset −
//     its offset) days (pacing); then the calendar's NextAllowed; then the
//     weekly cap (ApplyWeeklyCap) — the action stays planned, later.
//  13. Status: awaiting_approval when the step asks for approval, else
//     planned.
//  14. Case stage (caseStage): amicable when something is overdue and the
//     case is preventive or new; preventive for a new case opened for a
//     pre-due step, and for an amicable case once nothing is overdue.
func Plan(in *Input, f *Facts) []Decision {
	today := civil.Today(in.Now, civil.Paris)
	d := Decision{DebtorID: f.Debtor.ID, DebtorRef: f.Debtor.Ref}
	var cs *ledger.Case
	var steps []StepDone
	if f.Case != nil && f.Case.Open() {
		cs, steps = f.Case, f.Steps
		d.CaseID = cs.ID
	}
	_, d.Promises = settlePromises(f, today)
	_, d.Plans = settlePlans(f, today)
	inv := classify(f, today)
	d.LeftOut = inv.leftOut
	d.CaseStage = caseStage(cs, inv, false)

	skip := func(reason string) []Decision {
		d.Status, d.SkipReason = ledger.ActionSkipped, reason
		return []Decision{d}
	}
	if !inv.open {
		return skip(ReasonNothingDue)
	}
	if r := pauseReason(f, today); r != "" {
		return skip(r)
	}
	if len(inv.overdue) == 0 {
		switch {
		case inv.overdueDisputed:
			return skip(ReasonDispute)
		case len(inv.upcoming) > 0:
		case inv.excluded(ReasonLimitation):
			return skip(ReasonLimitation)
		case inv.excluded(ReasonDispute):
			return skip(ReasonDispute)
		default:
			return skip(ReasonNothingDue)
		}
	}

	sc, segName, reason := scenarioFor(in, f, inv, steps, today)
	d.ScenarioKey, d.Segment = sc.Key, segName
	if reason != "" {
		return skip(reason)
	}
	// A call task does not hold the case: it stays on the call list until
	// someone records how the call went, while the scenario goes on.
	if slices.ContainsFunc(steps, func(s StepDone) bool {
		return (s.Status == ledger.ActionPlanned || s.Status == ledger.ActionAwaitingApproval) &&
			!(s.Channel == ledger.ChannelCall && s.Status == ledger.ActionPlanned)
	}) {
		return skip(ReasonPending)
	}

	preDue := len(inv.overdue) == 0
	var clock civil.Date
	if preDue {
		clock = inv.upcoming[0].DueDate
	} else {
		clock = inv.overdue[0].DueDate
	}
	// The step: the first step due after the last one done — a debt found
	// late (a first run on an old portfolio) starts at the first reminder
	// and climbs one step a cycle, paced, rather than jumping to the formal
	// notice. A due step that cannot go (below its minimum, the debtor
	// answered, nobody reachable by it) is passed for the next due one;
	// when none can go, the first one's reason is reported.
	var first *Decision
	pick := -1
	for i := doneIndex(sc, steps) + 1; i < len(sc.Steps) && pick < 0; i++ {
		st := sc.Steps[i]
		if preDue != (st.OffsetDays <= 0) || clock.AddDays(st.OffsetDays).After(today) {
			continue
		}
		about := inv.overdue
		if preDue {
			limit := today.AddDays(-st.OffsetDays)
			about = nil
			for _, iv := range inv.upcoming {
				if !iv.DueDate.After(limit) {
					about = append(about, iv)
				}
			}
		}
		c := d
		c.Step, c.Channel = st, st.Channel
		c.InvoiceIDs, c.AmountDue = ids(about), inv.total(about)
		c.ScheduledFor = in.Now
		c.CaseStage = caseStage(cs, inv, preDue)
		reason := ""
		switch {
		case !st.MinAmount.IsZero() && st.MinAmount.Cmp(c.AmountDue) > 0:
			reason = ReasonMinAmount
		case st.OnlyIfNoReply && replied(f, cs, steps):
			reason = ReasonReplied
		default:
			ch, _, r := ChannelFor(f.Debtor, st.Channel, st.Template, f.Bounced)
			reason, c.Channel = r, ch
		}
		if reason == "" {
			d, pick = c, i
			break
		}
		if first == nil {
			c.Status, c.SkipReason = ledger.ActionSkipped, reason
			first = &c
		}
	}
	if pick < 0 {
		if first != nil {
			return []Decision{*first}
		}
		return skip(ReasonNotDue)
	}
	st := sc.Steps[pick]

	day := clock.AddDays(st.OffsetDays)
	if day.Before(today) {
		day = today
	}
	var notBefore time.Time
	if at, off, ok := lastSent(sc, steps); ok && st.OffsetDays > off {
		notBefore = at.In(TimeZone(f.Debtor)).AddDate(0, 0, st.OffsetDays-off)
	}
	d.ScheduledFor = schedule(in, f, day, notBefore)
	if d.Channel == ledger.ChannelCall {
		d.ScheduledFor = weekday(in, f, d.ScheduledFor)
	}
	d.Status = ledger.ActionPlanned
	if st.Approval {
		d.Status = ledger.ActionAwaitingApproval
	}
	return []Decision{d}
}

// schedule is the moment an action for debtor f due on day goes out: day
// at QuietStart in the debtor's zone, or in.Now when later (the action is
// due today and it is past QuietStart), or notBefore when later (pacing);
// moved to the calendar's next allowed moment, then past the weekly cap.
func schedule(in *Input, f *Facts, day civil.Date, notBefore time.Time) time.Time {
	loc := TimeZone(f.Debtor)
	cal := CalendarOf(in.Settings).ForDebtor(f.Debtor)
	m := cal.at(day, loc)
	if m.Before(in.Now) {
		m = in.Now
	}
	if m.Before(notBefore) {
		m = notBefore
	}
	m = cal.NextAllowed(m, loc)
	return ApplyWeeklyCap(cal, loc, m, f.Contacts7, in.Settings.WeeklyCap)
}

// ApplyWeeklyCap moves moment m past the weekly cap: while the contacts
// in the 7 days before m — after m − 7 days, up to m included — are cap
// or more, m becomes the oldest of them + 7 days (when it leaves the
// window), then the next allowed moment. Days are calendar days in loc,
// so a week across a clock change keeps its wall-clock time. A cap of 0
// or less is no cap.
func ApplyWeeklyCap(cal Calendar, loc *time.Location, m time.Time, contacts []time.Time, limit int) time.Time {
	if limit <= 0 {
		return m
	}
	for range 100 {
		from := m.In(loc).AddDate(0, 0, -7)
		var oldest time.Time
		n := 0
		for _, c := range contacts {
			if c.After(from) && !c.After(m) {
				n++
				if oldest.IsZero() || c.Before(oldest) {
					oldest = c
				}
			}
		}
		if n < limit {
			return m
		}
		m = cal.NextAllowed(oldest.In(loc).AddDate(0, 0, 7), loc)
	}
	return m
}

// scenarioFor is the scenario of the debtor's case: the one of its
// latest action when it still exists, else the first matching segment's.
func scenarioFor(in *Input, f *Facts, inv invoiceSet, steps []StepDone, today civil.Date) (ledger.Scenario, string, string) {
	var latest *StepDone
	for i := range steps {
		if _, ok := in.Scenarios[steps[i].ScenarioKey]; ok && (latest == nil || steps[i].ActionID > latest.ActionID) {
			latest = &steps[i]
		}
	}
	if latest != nil {
		return in.Scenarios[latest.ScenarioKey], "", ""
	}
	seg, ok := Match(in.Segments, profileOf(f, inv, today))
	if !ok {
		return ledger.Scenario{}, "", ReasonNoSegment
	}
	sc, ok := in.Scenarios[seg.ScenarioKey]
	if !ok {
		return ledger.Scenario{Key: seg.ScenarioKey}, seg.Name, ReasonNoScenario
	}
	return sc, seg.Name, ""
}

// Done reports whether an action counts as done, so that the scenario
// moves past its step: any status does except skipped or cancelled for a
// reason that may go away (a pause, a dispute, a missing address, the
// minimum amount…) — those steps are planned again, which revives them.
// Skipped or cancelled because a person rejected it, because it may have
// gone unconfirmed, or because its invoices were paid, it is done. A
// failed action is done (it may have gone), except one that failed
// because the channel refused the recipient (ReasonBounced): it surely
// did not go, so the step is planned again, through another recipient or
// a fallback channel.
func Done(s StepDone) bool {
	switch s.Status {
	case ledger.ActionSkipped, ledger.ActionCancelled:
		switch s.SkipReason {
		case ReasonRejected, ReasonUnconfirmed, ReasonPaid:
			return true
		}
		return false
	case ledger.ActionFailed:
		return s.SkipReason != ReasonBounced
	}
	return true
}

// doneIndex is the index in sc of the last step (in scenario order) done
// on the case, -1 when none.
func doneIndex(sc ledger.Scenario, steps []StepDone) int {
	last := -1
	for i, st := range sc.Steps {
		if slices.ContainsFunc(steps, func(s StepDone) bool { return s.StepKey == st.Key && Done(s) }) {
			last = i
		}
	}
	return last
}

// lastSent is the time and offset of the case's latest sent action whose
// step is in sc.
func lastSent(sc ledger.Scenario, steps []StepDone) (time.Time, int, bool) {
	var at time.Time
	off, ok := 0, false
	for _, s := range steps {
		if s.SentAt.IsZero() || !s.SentAt.After(at) {
			continue
		}
		i := slices.IndexFunc(sc.Steps, func(st ledger.Step) bool { return st.Key == s.StepKey })
		if i < 0 {
			continue
		}
		at, off, ok = s.SentAt, sc.Steps[i].OffsetDays, true
	}
	return at, off, ok
}

// replied reports whether the debtor answered after the case's last sent
// action, or after the case opened when nothing was sent; never for a
// case not opened yet.
func replied(f *Facts, cs *ledger.Case, steps []StepDone) bool {
	if f.LastReply.IsZero() {
		return false
	}
	var ref time.Time
	for _, s := range steps {
		if s.SentAt.After(ref) {
			ref = s.SentAt
		}
	}
	if ref.IsZero() {
		if cs == nil {
			return false
		}
		ref = cs.OpenedAt
	}
	return f.LastReply.After(ref)
}

// caseStage is the stage the case should move to, "" when it stays: a
// case (new or preventive) becomes amicable once an open invoice that is
// not time-barred is overdue, disputed or not; a new case opens
// preventive for a pre-due step; an amicable case goes back to preventive
// when nothing is overdue any more but an invoice is still to fall due.
// Formal notice and litigation are never left by the planner.
func caseStage(cs *ledger.Case, inv invoiceSet, preDueStep bool) ledger.Stage {
	switch {
	case inv.overdueLive:
		if cs == nil || cs.Stage == "" || cs.Stage == ledger.StagePreventive {
			return ledger.StageAmicable
		}
	case cs == nil:
		if preDueStep {
			return ledger.StagePreventive
		}
	case cs.Stage == ledger.StageAmicable && len(inv.upcoming) > 0:
		return ledger.StagePreventive
	}
	return ""
}

// weekday moves a call task off a Saturday, to Monday's first allowed
// moment: the benchmark for calls (the telemarketing rule, C. conso
// D223-9) allows them Monday to Friday only.
func weekday(in *Input, f *Facts, m time.Time) time.Time {
	loc := TimeZone(f.Debtor)
	cal := CalendarOf(in.Settings).ForDebtor(f.Debtor)
	for range 10 {
		lt := m.In(loc)
		if lt.Weekday() != time.Saturday {
			return m
		}
		next := civil.Today(lt, loc).AddDays(2)
		m = cal.NextAllowed(cal.at(next, loc), loc)
	}
	return m
}

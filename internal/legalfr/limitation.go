package legalfr

import (
	"slices"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// LimitationEventKind is something that happened on a claim and that may
// or may not interrupt its limitation period (prescription extinctive).
// Every kind the interface lets a user record is accepted, including those
// that do not interrupt, so that the engine can say so instead of leaving
// the user to believe a registered letter saved the claim.
type LimitationEventKind string

// The events recouvre records. The first four interrupt the limitation
// period in civil and commercial law; the last two do not.
const (
	// LimitationPartialPayment: the debtor paid part of the debt, which
	// acknowledges it (C. civ. 2240).
	LimitationPartialPayment LimitationEventKind = "partial_payment"
	// LimitationPaymentPlan: the debtor signed a payment plan, a written
	// acknowledgment of the debt (C. civ. 2240).
	LimitationPaymentPlan LimitationEventKind = "payment_plan_signed"
	// LimitationCourtAction: a legal action was brought, summary
	// proceedings and an injonction de payer included (C. civ. 2241).
	LimitationCourtAction LimitationEventKind = "court_action"
	// LimitationEnforcement: an act of forced execution or a conservatory
	// measure under the CPCE (C. civ. 2244).
	LimitationEnforcement LimitationEventKind = "enforcement"
	// LimitationReminder: a reminder, by any channel. It never interrupts.
	LimitationReminder LimitationEventKind = "reminder"
	// LimitationFormalNotice: a mise en demeure, even by registered letter
	// with acknowledgment of receipt. It does not interrupt in civil and
	// commercial law (Cass. com. 18 May 2022 n° 20-23.204: the list of
	// 2240–2244 is limitative); it does against a public body (see
	// InterruptsFor).
	LimitationFormalNotice LimitationEventKind = "formal_notice"
)

// Valid reports whether k is one of the kinds above.
func (k LimitationEventKind) Valid() bool {
	switch k {
	case LimitationPartialPayment, LimitationPaymentPlan, LimitationCourtAction, LimitationEnforcement,
		LimitationReminder, LimitationFormalNotice:
		return true
	}
	return false
}

// Interrupts reports whether an event of kind k interrupts the limitation
// period under the Civil Code, which governs consumer and business
// debtors: an acknowledgment (2240), a legal action (2241), an act of
// forced execution or a conservatory measure (2244). A reminder or a
// formal notice does not, nor does an unknown kind.
func (k LimitationEventKind) Interrupts() bool {
	switch k {
	case LimitationPartialPayment, LimitationPaymentPlan, LimitationCourtAction, LimitationEnforcement:
		return true
	}
	return false
}

// InterruptsFor reports whether an event of kind k interrupts the
// limitation period of a claim on a debtor of the given kind.
//
// Against a public body the déchéance quadriennale applies (art. 2 of loi
// n° 68-1250 of 31 Dec 1968) and any written demand for payment addressed
// to the administration interrupts it, so a formal notice does. A
// reminder is not counted even there: it may have been a phone call, and
// leaving it out can only make the expiry earlier, never later. An act of
// forced execution cannot target public property, but what stands in for
// it (asking the prefect to order payment, "mandatement d'office") is a
// written demand, so it is counted.
func (k LimitationEventKind) InterruptsFor(debtor ledger.DebtorKind) bool {
	if debtor == ledger.KindPublic {
		return k.Interrupts() || k == LimitationFormalNotice
	}
	return k.Interrupts()
}

// LimitationEvent is an event on a claim, on the day it happened.
type LimitationEvent struct {
	On   civil.Date
	Kind LimitationEventKind
}

// IgnoredEvent is an event that did not change the limitation period, with
// the catalogue key saying why.
type IgnoredEvent struct {
	Event LimitationEvent
	// Reason is "legal.limitation.not_interrupting" (a reminder, a formal
	// notice in civil law, an unknown kind), "legal.limitation.before_start"
	// (before the period started: nothing was running to interrupt) or
	// "legal.limitation.after_expiry" (too late: the claim was already
	// barred, and a payment then is a voluntary payment of a natural
	// obligation, which does not revive the action).
	Reason string
}

// Limitation is the limitation period of one invoice, as its events left
// it.
type Limitation struct {
	// Years is the length of the period: 2 against a consumer, 5 against a
	// business, 4 (counted in calendar years) against a public body.
	Years int
	// Start is the first day of the period now running: the start given
	// to LimitationOf, or the day of the last interruption; against a
	// public body, 1 January of the following year.
	Start civil.Date
	// Expires is the last day the action can be brought; it is barred
	// from the day after.
	Expires civil.Date
	// InterruptedBy is the event that started the running period, nil when
	// none did.
	InterruptedBy *LimitationEvent
	// Article is the rule that sets the period; InterruptionArticle the
	// one by which InterruptedBy interrupted it, empty when nothing did.
	Article             string
	InterruptionArticle string
	// Ignored lists, in date order, the events that changed nothing.
	Ignored []IgnoredEvent
}

// LimitationOf computes the limitation period of an invoice owed by a
// debtor of the given kind.
//
// Periods. Against a consumer, 2 years (C. conso. L218-2). Against a
// business, 5 years (C. com. L110-4 between or with traders; C. civ. 2224,
// also 5 years, when the creditor is not a trader). Against a public body
// (the State, a local authority, a public establishment with a public
// accountant — what ledger.KindPublic stands for; a public company trading
// under private law is a business), the déchéance quadriennale of loi
// n° 68-1250 of 31 Dec 1968: 4 years from 1 January of the year after the
// one in which the right arose, so the claim is extinguished on 31
// December of the fourth year after the due date's. This rule, not
// L110-4, binds public bodies, and it always ends before five years from
// the due date would.
//
// Start. The law starts the period when the creditor knew or should have
// known the facts that let it act (C. civ. 2224; for a consumer the courts
// have used the completion of the service or the invoice date). For an
// invoice, recouvre takes its due date, the day payment became exigible:
// it is an approximation, and a caller who knows an earlier starting point
// passes it as due instead: for a consumer the completion of the work; for
// a public body the year the service was done, when the due date falls in
// the next year (the four years count from the year the right arose).
//
// End. A period of N years from day D ends at the end of the same calendar
// day N years later (the day of D itself is not counted, C. civ. 2228–2229):
// from 15 March 2025, five years end on 15 March 2030 and the action is
// barred from 16 March. From 29 February, the period ends on 28 February
// when the final year has no 29th: CPC 641 ends a month-counted deadline
// with no matching day on the month's last day, and of the two candidates
// it is the earlier, so an alert can never come a day too late. Expires is
// not moved off a weekend or a holiday either: CPC 642 is written for
// procedural deadlines, and relying on it for prescription is a risk the
// creditor should not take unknowingly.
//
// Events. Each interrupting event (InterruptsFor) on or after the start and
// on or before the day of expiry starts a new period of the same length
// from its date (C. civ. 2231; against a public body, from 1 January of
// the following year, art. 2 of loi n° 68-1250). A court action really
// keeps the period interrupted until the proceedings end (2242) and gives
// way to the ten years of an enforceable title (CPCE L111-4) after a
// judgment; counting the new period from the day of the action is earlier
// than either, so it is the safe approximation. An event after expiry
// revives nothing. Suspensions (2238, mediation and the like) are not
// modelled: they only push the end later. Events may come in any order.
//
// A zero due date gives a Limitation with zero dates, which never expires
// nor alerts. An unknown debtor kind gets the shortest period, 2 years,
// so that an alert is never late.
func LimitationOf(kind ledger.DebtorKind, due civil.Date, events []LimitationEvent) Limitation {
	l := Limitation{Years: 2, Article: "L218-2 C. conso."}
	period := func(from civil.Date) (start, expires civil.Date) {
		return from, addYears(from, l.Years)
	}
	interruption := ""
	switch kind {
	case ledger.KindBusiness:
		l.Years, l.Article = 5, "L110-4 C. com."
	case ledger.KindPublic:
		l.Years, l.Article = 4, "art. 1 loi n° 68-1250 du 31 déc. 1968"
		interruption = "art. 2 loi n° 68-1250 du 31 déc. 1968"
		period = func(from civil.Date) (start, expires civil.Date) {
			return civil.D(from.Year+1, time.January, 1), civil.D(from.Year+l.Years, time.December, 31)
		}
	}
	if due.IsZero() {
		return l
	}
	l.Start, l.Expires = period(due)

	evs := slices.Clone(events)
	slices.SortStableFunc(evs, func(a, b LimitationEvent) int { return a.On.Compare(b.On) })
	for _, e := range evs {
		reason := ""
		switch {
		case !e.Kind.InterruptsFor(kind):
			reason = "legal.limitation.not_interrupting"
		case e.On.Before(due):
			reason = "legal.limitation.before_start"
		case e.On.After(l.Expires):
			reason = "legal.limitation.after_expiry"
		}
		if reason != "" {
			l.Ignored = append(l.Ignored, IgnoredEvent{Event: e, Reason: reason})
			continue
		}
		// Events are in date order and on or after the start, so the new
		// period never ends before the one it replaces.
		l.Start, l.Expires = period(e.On)
		l.InterruptedBy = &e
		l.InterruptionArticle = interruption
		if interruption == "" {
			l.InterruptionArticle = civilInterruptionArticle(e.Kind)
		}
	}
	return l
}

// civilInterruptionArticle is the Civil Code article by which an event of
// kind k interrupts.
func civilInterruptionArticle(k LimitationEventKind) string {
	switch k {
	case LimitationCourtAction:
		return "2241 C. civ."
	case LimitationEnforcement:
		return "2244 C. civ."
	}
	return "2240 C. civ."
}

// addYears is d plus n years, on the same calendar day, or on 28 February
// when d is a 29 February and the final year is not a leap year.
func addYears(d civil.Date, n int) civil.Date {
	y := d.Year + n
	last := civil.D(y, d.Month+1, 0).Day // day 0 of the next month is this month's last day
	return civil.Date{Year: y, Month: d.Month, Day: min(d.Day, last)}
}

// Expired reports whether the action is barred on day today: today is
// after Expires.
func (l Limitation) Expired(today civil.Date) bool {
	return !l.Expires.IsZero() && today.After(l.Expires)
}

// Alert is the alert threshold reached on day today: 30 when Expires is
// 30 days away or less (the last day itself included), 90 when it is 90
// days away or less, 0 otherwise — and 0 once expired, when Expired speaks
// instead: an expired claim needs a different message, not a countdown.
func (l Limitation) Alert(today civil.Date) int {
	if l.Expires.IsZero() || l.Expired(today) {
		return 0
	}
	switch left := today.DaysUntil(l.Expires); {
	case left <= 30:
		return 30
	case left <= 90:
		return 90
	}
	return 0
}

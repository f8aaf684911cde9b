package dunning

import (
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// PromiseGraceDays is how late the promised money may come before the
// promise is broken: broken from the fourth day after DueOn.
const PromiseGraceDays = 3

// paidSince is what the debtor paid since base was recorded, in minor
// units.
func paidSince(f *Facts, base int64) int64 { return f.Paid.Minor - base }

// settlePromises looks at the pending promises on day today:
//   - kept once the debtor paid Amount since it was made (f.Paid −
//     PaidBase ≥ Amount): the pause ends;
//   - broken when not kept and today is after DueOn + PromiseGraceDays:
//     the pause ends and the scenario resumes that very day;
//   - in force otherwise: the debtor is paused (ReasonPromise).
//
// It returns whether one is in force, and the promises settled today.
func settlePromises(f *Facts, today civil.Date) (inForce bool, settled map[int64]ledger.PromiseStatus) {
	for _, p := range f.Promises {
		if p.Status != "" && p.Status != ledger.PromisePending {
			continue
		}
		st := ledger.PromisePending
		switch {
		case paidSince(f, p.PaidBase.Minor) >= p.Amount.Minor:
			st = ledger.PromiseKept
		case today.After(p.DueOn.AddDays(PromiseGraceDays)):
			st = ledger.PromiseBroken
		}
		if st == ledger.PromisePending {
			inForce = true
			continue
		}
		if settled == nil {
			settled = map[int64]ledger.PromiseStatus{}
		}
		settled[p.ID] = st
	}
	return inForce, settled
}

// settlePlans looks at the active payment plans on day today:
//   - completed once the debtor paid the plan's Total since it was agreed;
//   - broken when what was paid since is less than the instalments whose
//     grace has run out: an instalment due on D with GraceDays G must be
//     covered from day D+G+1 on (G days late are allowed, as for a
//     promise; with G = 0 an instalment due today is not late before
//     tomorrow) — the scenario then resumes that very day;
//   - in force otherwise: the debtor is paused (ReasonPlan).
func settlePlans(f *Facts, today civil.Date) (inForce bool, settled map[int64]ledger.PlanStatus) {
	for _, p := range f.Plans {
		if p.Status != "" && p.Status != ledger.PlanActive {
			continue
		}
		paid := paidSince(f, p.PaidBase.Minor)
		grace := max(p.GraceDays, 0)
		var due int64
		for _, in := range p.Instalments {
			if in.DueOn.AddDays(grace).Before(today) {
				due += in.Amount.Minor
			}
		}
		st := ledger.PlanActive
		switch {
		case paid >= p.Total().Minor:
			st = ledger.PlanCompleted
		case paid < due:
			st = ledger.PlanBroken
		}
		if st == ledger.PlanActive {
			inForce = true
			continue
		}
		if settled == nil {
			settled = map[int64]ledger.PlanStatus{}
		}
		settled[p.ID] = st
	}
	return inForce, settled
}

// pauseReason is why the debtor must not be contacted on day today, ""
// when nothing holds it, in this order: insolvency proceedings (collection
// must stop, the claim is declared), a do-not-contact mark, a pause up to
// and including PausedUntil, a pending promise, a kept payment plan.
func pauseReason(f *Facts, today civil.Date) string {
	promise, _ := settlePromises(f, today)
	plan, _ := settlePlans(f, today)
	switch {
	case f.Insolvent:
		return ReasonInsolvency
	case f.Pause.DoNotContact:
		return ReasonDoNotContact
	case !f.Pause.PausedUntil.IsZero() && !f.Pause.PausedUntil.Before(today):
		return ReasonPaused
	case promise:
		return ReasonPromise
	case plan:
		return ReasonPlan
	}
	return ""
}

package dunning

import (
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Profile is what segments look at in a debtor.
type Profile struct {
	Kind ledger.DebtorKind
	// Due is the outstanding total of the debtor's relevant invoices
	// (open, not disputed, not time-barred), overdue or not: the exposure,
	// so that a large account is one before its first invoice is late.
	Due money.Amount
	// OldestAgeDays is the number of days since the due date of the oldest
	// relevant overdue invoice; 0 when nothing is overdue.
	OldestAgeDays int
	Risk          int // 0–100; -1 without a score
	Tags          []string
}

// ProfileOf is the profile of a debtor on day today.
func ProfileOf(f *Facts, today civil.Date) Profile {
	return profileOf(f, classify(f, today), today)
}

// profileOf is the profile of a debtor whose invoices are sorted out
// already (Plan has them: not classified twice per debtor).
func profileOf(f *Facts, inv invoiceSet, today civil.Date) Profile {
	p := Profile{Kind: f.Debtor.Kind, Risk: f.RiskScore, Tags: f.Debtor.Tags}
	p.Due = inv.total(inv.overdue)
	if due, err := p.Due.Add(inv.total(inv.upcoming)); err == nil {
		p.Due = due
	}
	if len(inv.overdue) > 0 {
		p.OldestAgeDays = inv.overdue[0].DueDate.DaysUntil(today)
	}
	return p
}

// Match is the first segment, in Position order (the order given for
// equal positions), whose every bound holds for p; a zero bound is no
// bound:
//   - Kinds: p.Kind is one of them (any kind when empty);
//   - MinDue ≤ p.Due ≤ MaxDue;
//   - MinAgeDays ≤ p.OldestAgeDays ≤ MaxAgeDays;
//   - MinRisk ≤ p.Risk ≤ MaxRisk, and a debtor without a score (Risk < 0)
//     matches only a segment with neither risk bound;
//   - p carries every tag of the segment (compared without case).
func Match(segs []ledger.Segment, p Profile) (ledger.Segment, bool) {
	ordered := slices.Clone(segs)
	slices.SortStableFunc(ordered, func(a, b ledger.Segment) int { return a.Position - b.Position })
	for _, s := range ordered {
		if matches(s, p) {
			return s, true
		}
	}
	return ledger.Segment{}, false
}

func matches(s ledger.Segment, p Profile) bool {
	if len(s.Kinds) > 0 && !slices.Contains(s.Kinds, p.Kind) {
		return false
	}
	if !s.MinDue.IsZero() && p.Due.Cmp(s.MinDue) < 0 {
		return false
	}
	if !s.MaxDue.IsZero() && p.Due.Cmp(s.MaxDue) > 0 {
		return false
	}
	if s.MinAgeDays != 0 && p.OldestAgeDays < s.MinAgeDays {
		return false
	}
	if s.MaxAgeDays != 0 && p.OldestAgeDays > s.MaxAgeDays {
		return false
	}
	if s.MinRisk != 0 || s.MaxRisk != 0 {
		if p.Risk < 0 {
			return false
		}
		if s.MinRisk != 0 && p.Risk < s.MinRisk {
			return false
		}
		if s.MaxRisk != 0 && p.Risk > s.MaxRisk {
			return false
		}
	}
	for _, t := range s.Tags {
		if !slices.ContainsFunc(p.Tags, func(x string) bool {
			return strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(t))
		}) {
			return false
		}
	}
	return true
}

package reconcile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// Match proposes what a payment pays, best first, at most five
// proposals. A debit, a reversal, a zero amount or an amount beyond
// reason gets none.
func (m *Matcher) Match(p statement.Payment) []Proposal {
	if p.Entry != nil && (!p.Entry.Credit || p.Entry.Reversal) || p.Amount.Minor <= 0 || p.Amount.Minor > maxMinor {
		return nil
	}
	ev := m.gather(p)
	var out []Proposal
	fitted := m.fromRefs(ev, &out)
	m.fromDebtors(ev, fitted, &out)
	if len(out) == 0 && len(ev.names) == 0 && ev.ibanDebtor == 0 {
		m.fromAmount(ev, &out)
	}
	return best(out)
}

// best keeps, of the proposals that put the payment on the same
// documents, the one of highest confidence (the first of equals), orders
// them by confidence, and keeps the first five.
func best(ps []Proposal) []Proposal {
	var out []Proposal
	seen := map[string]int{}
	for _, p := range ps {
		k := proposalKey(p)
		j, dup := seen[k]
		if !dup {
			seen[k] = len(out)
			out = append(out, p)
			continue
		}
		if p.Confidence > out[j].Confidence {
			out[j] = p
		}
	}
	slices.SortStableFunc(out, func(a, b Proposal) int { return cmp.Compare(b.Confidence, a.Confidence) })
	if len(out) > maxProposals {
		out = out[:maxProposals]
	}
	return out
}

// proposalKey identifies what a proposal does with the payment.
func proposalKey(p Proposal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%d|%d", p.DebtorID, p.Unapplied.Minor, p.Fee.Minor)
	allocs := slices.Clone(p.Allocations)
	slices.SortFunc(allocs, func(x, y Allocation) int { return cmp.Compare(x.InvoiceID, y.InvoiceID) })
	for _, a := range allocs {
		fmt.Fprintf(&b, "|%d:%d", a.InvoiceID, a.Amount.Minor)
	}
	return b.String()
}

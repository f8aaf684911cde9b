package reconcile

import (
	"slices"
	"strconv"

	"github.com/recouvre/recouvre/internal/money"
)

// candidate is a proposal being built: a debtor, the documents the
// payment goes on (oldest first), its points and their reasons.
type candidate struct {
	debtor  int64
	docs    []int32
	pts     int
	reasons []Reason
	wideFee bool // read a gap up to Options.FeeTolerance as a fee, however large
}

// fromAmount proposes, when nothing says who paid, the invoices of the
// whole book whose open amount is the payment's, if there are few.
func (m *Matcher) fromAmount(ev *evidence, out *[]Proposal) {
	var same []int32
	for _, i := range m.byAmount[amountKey{ev.amount.Minor, ev.amount.Currency}] {
		if m.docs[i].Open.Minor == ev.amount.Minor {
			same = append(same, i)
		}
	}
	if len(same) == 0 || len(same) > maxAmountOnly {
		return
	}
	slices.SortFunc(same, m.older)
	pts := ptsAmountOnly
	if len(same) > 1 {
		pts = ptsAmountFew
	}
	for _, i := range same {
		m.propose(ev, candidate{debtor: m.docs[i].DebtorID, docs: []int32{i}, pts: pts,
			reasons: []Reason{reason(CodeAmountOnly)}}, out)
	}
}

// propose settles a candidate and adds it to the proposals, with the
// reasons of how the amount fits.
func (m *Matcher) propose(ev *evidence, c candidate, out *[]Proposal) {
	tol := m.tolerance(ev.amount)
	if c.wideFee {
		tol = m.wideTolerance(ev.amount)
	}
	s := m.settle(c.docs, ev.amount, tol)
	cur := ev.amount.Currency
	p := Proposal{
		DebtorID:    c.debtor,
		Allocations: s.allocs,
		Unapplied:   money.New(s.unapplied, cur),
		Fee:         money.New(s.fee, cur),
		Confidence:  clamp(c.pts),
		Reasons:     slices.Clip(c.reasons),
	}
	switch s.fit {
	case fitExact:
		if n := len(s.allocs); n == 1 {
			p.Reasons = append(p.Reasons, reason(CodeExact, m.docs[m.byID[s.allocs[0].InvoiceID]].Number))
		} else {
			p.Reasons = append(p.Reasons, reason(CodeSum, strconv.Itoa(n)))
		}
	case fitFee:
		p.Reasons = append(p.Reasons, reason(CodeFees))
	case fitOver:
		p.Reasons = append(p.Reasons, reason(CodeOverpayment))
	case fitPartial:
		p.Reasons = append(p.Reasons, reason(CodeAmountMismatch), reason(CodeOldestFirst))
	}
	for _, a := range s.allocs {
		if a.Amount.Minor < 0 {
			p.Reasons = append(p.Reasons, reason(CodeCreditNote, m.docs[m.byID[a.InvoiceID]].Number))
		}
	}
	*out = append(*out, p)
}

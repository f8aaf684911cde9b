package reconcile

import "slices"

// fromRefs builds the proposals of the documents the text cites, one per
// debtor they belong to. It returns the debtors whose cited documents the
// amount fits, exactly or less fees.
func (m *Matcher) fromRefs(ev *evidence, out *[]Proposal) map[int64]bool {
	fitted := map[int64]bool{}
	var order []int64
	byDebtor := map[int64][]refHit{}
	for _, r := range ev.refs {
		d := m.docs[r.doc].DebtorID
		if _, ok := byDebtor[d]; !ok {
			order = append(order, d)
		}
		byDebtor[d] = append(byDebtor[d], r)
	}
	for _, d := range order {
		hits := byDebtor[d]
		best := map[int32]refHit{}
		ambiguous := false
		for _, h := range hits {
			if b, ok := best[h.doc]; !ok || h.pts > b.pts {
				best[h.doc] = h
			}
			ambiguous = ambiguous || h.ambiguous
		}
		var open, paid []int32
		for i := range best {
			if m.docs[i].Open.Minor > 0 {
				open = append(open, i)
			} else {
				paid = append(paid, i)
			}
		}
		slices.SortFunc(open, m.older)
		slices.SortFunc(paid, m.older)
		cited := open
		if len(open) == 0 {
			cited = paid
		}
		refPts := 100
		var reasons []Reason
		for _, i := range cited {
			h := best[i]
			refPts = min(refPts, h.pts)
			reasons = append(reasons, reason(h.code, h.written, m.docs[i].Number))
			if h.ambiguous {
				reasons = append(reasons, reason(CodeNumberAmbiguous, h.written))
			}
		}
		who, whoReasons := m.refDebtorPoints(ev, d, ambiguous)
		reasons = append(reasons, whoReasons...)
		if len(open) == 0 {
			c := candidate{debtor: d, pts: refPts - ptsPaidOff + who, reasons: reasons}
			for _, i := range paid {
				c.reasons = append(c.reasons, reason(CodeAlreadyPaid, m.docs[i].Number))
			}
			m.propose(ev, c, out)
			continue
		}
		c := candidate{debtor: d, docs: open, pts: refPts + who, reasons: reasons}
		switch s := m.settle(open, ev.amount, m.tolerance(ev.amount)); s.fit {
		case fitExact:
			c.pts += ptsRefExact
			fitted[d] = true
		case fitFee:
			c.pts += ptsRefFee
			fitted[d] = true
		default:
			c.pts += ptsRefMismatch
			if len(ev.unknown) > 0 {
				// The amount does not fit, and the text cites a number
				// found nowhere: maybe what the rest pays.
				c.pts -= ptsUnknownNumber
				c.reasons = append(slices.Clip(c.reasons), reason(CodeNumberUnknown, ev.unknown[0]))
			}
			if len(open) > 1 {
				// Some of the cited documents may be what is paid.
				m.subsetOfRefs(ev, c, out)
			}
			if s.fit == fitPartial && s.net-ev.amount.Minor <= m.wideTolerance(ev.amount) {
				// A large fee or a partial payment: both readings, for
				// the user to choose.
				fee := c
				fee.reasons, fee.wideFee = slices.Clone(c.reasons), true
				m.propose(ev, fee, out)
			}
		}
		m.propose(ev, c, out)
	}
	return fitted
}

// subsetOfRefs proposes the cited documents whose sum is the amount,
// when the amount is not the sum of all of them.
func (m *Matcher) subsetOfRefs(ev *evidence, c candidate, out *[]Proposal) {
	tol := m.tolerance(ev.amount)
	sets := m.combinations(c.docs, ev.amount.Minor, ev.amount.Minor+tol, 1, len(c.docs)-1, 1)
	if len(sets) == 0 {
		return
	}
	sub := candidate{debtor: c.debtor, pts: c.pts + ptsRefSubset, reasons: slices.Clone(c.reasons)}
	for _, r := range sets[0] {
		sub.docs = append(sub.docs, c.docs[r])
	}
	sub.reasons = append(sub.reasons, reason(CodePartialRef))
	m.propose(ev, sub, out)
}

// refDebtorPoints are the points of who paid for a proposal citing a
// debtor's documents.
func (m *Matcher) refDebtorPoints(ev *evidence, d int64, ambiguous bool) (int, []Reason) {
	pts, rs := 0, []Reason(nil)
	agree := false
	if ev.ibanDebtor == d {
		pts, agree = pts+ptsRefIBAN, true
		rs = append(rs, reason(CodeIBAN, ev.iban))
	} else if ev.ibanDebtor != 0 {
		pts -= ptsIBANElsewhere
		rs = append(rs, reason(CodeIBANOther, ev.iban))
	}
	switch ev.names[d] {
	case nameExact:
		pts, agree = pts+ptsRefNameExact, true
		rs = append(rs, reason(CodeName, ev.payer, m.debtorName(d)))
	case nameWordsFit:
		pts, agree = pts+ptsRefNameFit, true
		rs = append(rs, reason(CodeName, ev.payer, m.debtorName(d)))
	case nameAmbiguous:
		pts += ptsRefNameAmbig
		rs = append(rs, reason(CodeNameAmbiguous, ev.payer))
	}
	if len(ev.names) > 0 && ev.names[d] == nameNone && ev.ibanDebtor != d {
		pts -= ptsNameElsewhere
		rs = append(rs, reason(CodeNameOther, ev.payer))
	}
	if ambiguous && !agree {
		pts -= ptsAmbiguousRef
	}
	return pts, rs
}

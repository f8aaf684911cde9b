package reconcile

import "slices"

// fromDebtors builds the proposals of the debtors the account, the name
// or a cited number designate, from the amount and their open documents.
// A debtor whose cited documents the amount already fits is skipped.
func (m *Matcher) fromDebtors(ev *evidence, fitted map[int64]bool, out *[]Proposal) {
	debtors := ev.knownDebtors()
	for _, r := range ev.refs {
		if d := m.docs[r.doc].DebtorID; !slices.Contains(debtors, d) {
			debtors = append(debtors, d)
		}
	}
	for _, d := range debtors {
		if fitted[d] {
			continue
		}
		base, reasons := m.debtorPoints(ev, d)
		if base <= 0 {
			continue
		}
		m.byAmountOf(ev, candidate{debtor: d, pts: base, reasons: reasons}, out)
	}
}

// debtorPoints are the points of who paid for a proposal found by the
// amount among a debtor's documents.
func (m *Matcher) debtorPoints(ev *evidence, d int64) (int, []Reason) {
	pts, rs := 0, []Reason(nil)
	if ev.ibanDebtor == d {
		pts = ptsIBAN
		rs = append(rs, reason(CodeIBAN, ev.iban))
	}
	name := 0
	switch ev.names[d] {
	case nameExact:
		name = ptsNameExact
		rs = append(rs, reason(CodeName, ev.payer, m.debtorName(d)))
	case nameWordsFit:
		name = ptsNameFit
		rs = append(rs, reason(CodeName, ev.payer, m.debtorName(d)))
	case nameAmbiguous:
		name = ptsNameAmbig
		rs = append(rs, reason(CodeNameAmbiguous, ev.payer))
	}
	switch {
	case pts > 0 && name > 0:
		pts += ptsBothAgree
	case name > 0:
		pts = name
	}
	if pts == 0 && slices.ContainsFunc(ev.refs, func(r refHit) bool { return m.docs[r.doc].DebtorID == d }) {
		pts = ptsRefDebtor
		rs = append(rs, reason(CodeNumberedDebtor))
	}
	if ev.ibanDebtor != 0 && ev.ibanDebtor != d {
		pts -= ptsIBANElsewhere
		rs = append(rs, reason(CodeIBANOther, ev.iban))
	}
	return pts, rs
}

// byAmountOf proposes a debtor's documents by the amount: the one
// invoice of that amount, else a combination of documents of that sum,
// else the same less fees; and, always, the oldest documents first (or
// all of them and credit for the rest).
func (m *Matcher) byAmountOf(ev *evidence, c candidate, out *[]Proposal) {
	docs := m.openDocs(c.debtor, ev.amount.Currency)
	if len(docs) == 0 {
		c.pts -= ptsNoOpenDocs
		c.reasons = append(c.reasons, reason(CodeNoOpenInvoice))
		m.propose(ev, c, out)
		return
	}
	found := m.exactSingles(ev, c, docs, out) ||
		m.combos(ev, c, docs, ev.amount.Minor, ev.amount.Minor, 2, m.maxComb, out)
	if tol := m.tolerance(ev.amount); !found && tol > 0 {
		found = m.combos(ev, c, docs, ev.amount.Minor+1, ev.amount.Minor+tol, 1, 1, out)
	}
	rest := c
	rest.docs = docs
	rest.reasons = slices.Clone(c.reasons)
	rest.pts += ptsOldestFirst
	if found {
		rest.pts = c.pts + ptsOldestAltern
	}
	m.propose(ev, rest, out)
}

// exactSingles proposes the invoices of a debtor whose open amount is
// the payment's.
func (m *Matcher) exactSingles(ev *evidence, c candidate, docs []int32, out *[]Proposal) bool {
	var same []int32
	for _, i := range docs {
		if d := &m.docs[i]; !d.creditNote() && d.Open.Minor == ev.amount.Minor {
			same = append(same, i)
		}
	}
	for k, i := range same {
		if k == 3 {
			break
		}
		p := c
		p.docs = []int32{i}
		p.reasons = slices.Clone(c.reasons)
		switch {
		case len(same) == 1:
			p.pts += ptsSingleUnique
		case k == 0:
			p.pts += ptsSingleOldest
			p.reasons = append(p.reasons, reason(CodeSeveralOfAmount))
		default:
			p.pts += ptsSingleOther
			p.reasons = append(p.reasons, reason(CodeSeveralOfAmount))
		}
		m.propose(ev, p, out)
	}
	return len(same) > 0
}

// combos proposes the sets of minK..maxK of a debtor's documents whose
// sum lies in [lo, hi]: a set of two or more is unique enough to be
// applied by itself only among few documents.
func (m *Matcher) combos(ev *evidence, c candidate, docs []int32, lo, hi int64, minK, maxK int, out *[]Proposal) bool {
	sets := m.combinations(docs, lo, hi, minK, maxK, maxCombSolutions)
	unique, oldest := ptsComboUnique, ptsComboOldest
	switch {
	case lo != hi:
		unique, oldest = ptsFeeUnique, ptsFeeOldest
	case len(docs) > maxFewDocs:
		unique = ptsComboAmongMany
	}
	for k, set := range sets {
		if k == 2 {
			break
		}
		p := c
		p.reasons = slices.Clone(c.reasons)
		p.docs = nil
		for _, r := range set {
			p.docs = append(p.docs, docs[r])
		}
		switch {
		case len(sets) == 1:
			p.pts += unique
		case k == 0:
			p.pts += oldest
			p.reasons = append(p.reasons, reason(CodeSeveralCombos))
		default:
			p.pts += ptsComboOther
			p.reasons = append(p.reasons, reason(CodeSeveralCombos))
		}
		m.propose(ev, p, out)
	}
	return len(sets) > 0
}

package reconcile

import (
	"slices"

	"github.com/recouvre/recouvre/internal/money"
)

// Auto returns the proposal to apply without review: the best one, when
// its confidence reaches the threshold, it leads the second by ten points
// at least, something ties the payment to a debtor or to a document (an
// amount alone never does), and it pays something.
func (m *Matcher) Auto(ps []Proposal) (Proposal, bool) {
	if len(ps) == 0 {
		return Proposal{}, false
	}
	top := 0
	for i, p := range ps {
		if p.Confidence > ps[top].Confidence {
			top = i
		}
	}
	b := ps[top]
	if b.Confidence < m.threshold || len(b.Allocations) == 0 {
		return Proposal{}, false
	}
	for i, p := range ps {
		if i != top && b.Confidence-p.Confidence < autoMargin {
			return Proposal{}, false
		}
	}
	if !slices.ContainsFunc(b.Reasons, func(r Reason) bool { return identifying[r.Code] }) {
		return Proposal{}, false
	}
	return b, true
}

// Apply lowers the open amounts of the documents a proposal pays (and of
// the credit notes it uses), so that the next payments of the file do
// not pay them again. An allocation larger than what is still open — a
// proposal made before another one was applied — lowers it to zero only;
// an unknown document or another currency is ignored.
func (m *Matcher) Apply(p Proposal) {
	for _, a := range p.Allocations {
		i, ok := m.byID[a.InvoiceID]
		if !ok {
			continue
		}
		d := &m.docs[i]
		if a.Amount.Currency != d.Open.Currency {
			continue
		}
		take := a.Amount.Minor
		if d.creditNote() {
			take = -take
		}
		if take <= 0 {
			continue
		}
		m.setOpen(i, d.Open.Minor-min(take, d.Open.Minor))
	}
}

// setOpen changes a document's open amount and its place in the amount
// index.
func (m *Matcher) setOpen(i int32, open int64) {
	d := &m.docs[i]
	if !d.creditNote() {
		old := amountKey{d.Open.Minor, d.Open.Currency}
		if s := m.byAmount[old]; len(s) > 0 {
			if j := slices.Index(s, i); j >= 0 {
				s = slices.Delete(s, j, j+1)
				if len(s) == 0 {
					delete(m.byAmount, old)
				} else {
					m.byAmount[old] = s
				}
			}
		}
		if open > 0 {
			k := amountKey{open, d.Open.Currency}
			m.byAmount[k] = append(m.byAmount[k], i)
		}
	}
	d.Open = money.New(open, d.Open.Currency)
}

// Learn records that an IBAN pays for a debtor, once a match is
// confirmed; a later payment from that account designates the debtor. A
// debtor id of zero or less forgets the IBAN.
func (m *Matcher) Learn(iban string, debtorID int64) {
	n := NormalizeIBAN(iban)
	if n == "" {
		return
	}
	if debtorID <= 0 {
		delete(m.ibans, n)
		return
	}
	m.ibans[n] = debtorID
}

// Open returns a document's open amount as the matcher now sees it.
func (m *Matcher) Open(invoiceID int64) (money.Amount, bool) {
	i, ok := m.byID[invoiceID]
	if !ok {
		return money.Amount{}, false
	}
	return m.docs[i].Open, true
}

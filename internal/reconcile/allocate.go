package reconcile

import "github.com/recouvre/recouvre/internal/money"

// maxMinor bounds the amounts the matcher handles (ten thousand billion
// euros), so that no sum overflows.
const maxMinor = 1_000_000_000_000_000

// fit says how a payment fits the documents it is put on.
type fit int

const (
	fitExact   fit = iota // the payment is their sum
	fitFee                // their sum less a fee within the tolerance
	fitOver               // more than their sum: the rest is credit
	fitPartial            // less than their sum: oldest first
	fitNone               // nothing to put it on: all credit
)

// settlement is a payment put on documents.
type settlement struct {
	allocs    []Allocation
	unapplied int64
	fee       int64
	fit       fit
	net       int64 // the sum of the documents, credit notes deducted
}

// tolerance is the fee a payer may have deducted from a payment: at
// most Options.FeeTolerance, and at most 5% of what it owed — beyond,
// the payment may as well be a partial one.
func (m *Matcher) tolerance(paid money.Amount) int64 {
	return min(m.wideTolerance(paid), paid.Minor/19)
}

// wideTolerance is Options.FeeTolerance in the payment's currency.
func (m *Matcher) wideTolerance(paid money.Amount) int64 {
	if m.feeTol.Currency != "" && m.feeTol.Currency != paid.Currency {
		return 0
	}
	return m.feeTol.Minor
}

// settle puts a payment on documents listed oldest first: the credit
// notes are used up, then the invoices paid in order, each at most its
// open amount; what is left is unapplied. Credit notes that would cover
// all the invoices are left aside.
func (m *Matcher) settle(docs []int32, amount money.Amount, tol int64) settlement {
	var inv, cn int64
	for _, i := range docs {
		if d := &m.docs[i]; d.creditNote() {
			cn += d.Open.Minor
		} else {
			inv += d.Open.Minor
		}
	}
	if inv == 0 {
		return settlement{unapplied: amount.Minor, fit: fitNone}
	}
	useCredit := cn < inv
	if !useCredit {
		cn = 0
	}
	net := inv - cn
	s := settlement{net: net}
	switch {
	case net == amount.Minor:
		s.fit = fitExact
	case net > amount.Minor && net-amount.Minor <= tol:
		s.fit, s.fee = fitFee, net-amount.Minor
	case amount.Minor > net:
		s.fit = fitOver
	default:
		s.fit = fitPartial
	}
	funds := amount.Minor + s.fee + cn
	for _, i := range docs {
		if d := &m.docs[i]; d.creditNote() && useCredit {
			s.allocs = append(s.allocs, Allocation{InvoiceID: d.ID, Amount: money.New(-d.Open.Minor, d.Open.Currency)})
		}
	}
	for _, i := range docs {
		d := &m.docs[i]
		if d.creditNote() || funds == 0 {
			continue
		}
		take := min(d.Open.Minor, funds)
		funds -= take
		s.allocs = append(s.allocs, Allocation{InvoiceID: d.ID, Amount: money.New(take, d.Open.Currency)})
	}
	s.unapplied = funds
	return s
}

package dunning

import (
	"slices"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// Exclusion is an open invoice left out of the debtor's reminders, and
// why: ReasonLimitation (time-barred), ReasonDispute (disputed) or
// ReasonCurrency (not in the currency of the rest).
type Exclusion struct {
	InvoiceID int64
	Reason    string
}

// invoiceSet is the debtor's open invoices sorted out for one day.
type invoiceSet struct {
	// open: some invoice still has something outstanding.
	open bool
	// overdue are the relevant invoices (open, not disputed, not
	// time-barred, in the currency) due before today, oldest due first;
	// upcoming those due today or later.
	overdue, upcoming []OpenInvoice
	// overdueLive: an open invoice that is not time-barred is overdue,
	// disputed or not: the case is amicable. overdueDisputed: one of
	// them is disputed.
	overdueLive, overdueDisputed bool
	leftOut                      []Exclusion
	currency                     money.Currency
}

// Expired reports whether the invoice is time-barred on day today: its
// limitation period (legalfr.LimitationOf for the debtor's kind, from its
// due date) has run out. A part payment (LastPaidOn) acknowledges the
// debt and starts a new period (C. civ. 2240).
func Expired(kind ledger.DebtorKind, iv OpenInvoice, today civil.Date) bool {
	var events []legalfr.LimitationEvent
	if !iv.LastPaidOn.IsZero() {
		events = append(events, legalfr.LimitationEvent{On: iv.LastPaidOn, Kind: legalfr.LimitationPartialPayment})
	}
	return legalfr.LimitationOf(kind, iv.DueDate, events).Expired(today)
}

// classify sorts the debtor's invoices for day today. An invoice is
// overdue once its due date is past (due today is not late yet). An
// invoice with no due date is taken as due on its issue date.
func classify(f *Facts, today civil.Date) invoiceSet {
	var s invoiceSet
	ivs := slices.Clone(f.Invoices)
	for i := range ivs {
		if ivs[i].DueDate.IsZero() {
			ivs[i].DueDate = ivs[i].IssueDate
		}
	}
	slices.SortStableFunc(ivs, func(a, b OpenInvoice) int { return a.DueDate.Compare(b.DueDate) })
	for _, iv := range ivs {
		if iv.Outstanding.Minor <= 0 {
			continue
		}
		s.open = true
		overdue := iv.DueDate.Before(today)
		if Expired(f.Debtor.Kind, iv, today) {
			s.leftOut = append(s.leftOut, Exclusion{iv.ID, ReasonLimitation})
			continue
		}
		if overdue {
			s.overdueLive = true
		}
		if iv.Disputed {
			s.leftOut = append(s.leftOut, Exclusion{iv.ID, ReasonDispute})
			s.overdueDisputed = s.overdueDisputed || overdue
			continue
		}
		// The oldest relevant invoice sets the currency; another one
		// cannot be summed with it (money is never converted here).
		if s.currency == "" {
			s.currency = iv.Outstanding.Currency
		} else if iv.Outstanding.Currency != s.currency {
			s.leftOut = append(s.leftOut, Exclusion{iv.ID, ReasonCurrency})
			continue
		}
		if overdue {
			s.overdue = append(s.overdue, iv)
		} else {
			s.upcoming = append(s.upcoming, iv)
		}
	}
	return s
}

// total is the outstanding sum of ivs, all in the set's currency.
func (s invoiceSet) total(ivs []OpenInvoice) money.Amount {
	t := money.New(0, s.currency)
	for _, iv := range ivs {
		if sum, err := t.Add(iv.Outstanding); err == nil {
			t = sum
		}
	}
	return t
}

// excluded reports whether an invoice was left out for reason.
func (s invoiceSet) excluded(reason string) bool {
	return slices.ContainsFunc(s.leftOut, func(e Exclusion) bool { return e.Reason == reason })
}

func ids(ivs []OpenInvoice) []int64 {
	out := make([]int64, len(ivs))
	for i, iv := range ivs {
		out[i] = iv.ID
	}
	return out
}

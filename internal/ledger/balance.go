package ledger

import (
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// Balance sums a debtor's position on a day, derived from its documents.
type Balance struct {
	Due        money.Amount // open invoices
	Overdue    money.Amount // open invoices past their due date
	Credit     money.Amount // unallocated payments and credit notes
	OldestDue  civil.Date   // due date of the oldest open overdue invoice
	OpenCount  int
	LateCount  int
	DaysLate   int
	LastAction civil.Date
}

// Net is what the debtor owes once its unallocated credits are deducted.
func (b Balance) Net() money.Amount {
	return money.Amount{Minor: b.Due.Minor - b.Credit.Minor, Currency: b.Due.Currency}
}

// ComputeBalance derives a Balance from a debtor's invoices and payments on
// day today. It is the reference the store's set-based summaries are tested
// against.
func ComputeBalance(cur money.Currency, invoices []Invoice, payments []Payment, today civil.Date) Balance {
	b := Balance{Due: money.New(0, cur), Overdue: money.New(0, cur), Credit: money.New(0, cur)}
	for _, inv := range invoices {
		open := inv.Open().Minor
		if inv.Kind == DocCreditNote {
			b.Credit.Minor += open
			continue
		}
		if open <= 0 {
			continue
		}
		b.Due.Minor += open
		b.OpenCount++
		if inv.DueDate.Before(today) {
			b.Overdue.Minor += open
			b.LateCount++
			if b.OldestDue.IsZero() || inv.DueDate.Before(b.OldestDue) {
				b.OldestDue = inv.DueDate
			}
		}
	}
	for _, p := range payments {
		b.Credit.Minor += p.Unallocated().Minor
	}
	if !b.OldestDue.IsZero() {
		b.DaysLate = b.OldestDue.DaysUntil(today)
	}
	return b
}

// AgingBucket names the overdue bucket of a number of days late.
func AgingBucket(daysLate int) string {
	switch {
	case daysLate <= 0:
		return "current"
	case daysLate <= 30:
		return "1-30"
	case daysLate <= 60:
		return "31-60"
	case daysLate <= 90:
		return "61-90"
	default:
		return "90+"
	}
}

// Buckets lists the overdue buckets in order, for filters.
var Buckets = []string{"current", "1-30", "31-60", "61-90", "90+"}

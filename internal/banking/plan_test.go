package banking

import (
	"slices"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

func TestPlan(t *testing.T) {
	doc := func(id int64, number, due string, amount, allocated int64) ledger.Invoice {
		return ledger.Invoice{ID: id, Kind: ledger.DocInvoice, Number: number, DueDate: civil.MustParse(due), IssueDate: civil.MustParse("2025-01-01"),
			Amount: money.EUR(amount), Allocated: money.EUR(allocated)}
	}
	docs := []ledger.Invoice{
		doc(3, "FA-2025-0030", "2025-03-31", 30000, 0),
		doc(1, "FA-2025-0010", "2025-01-31", 10000, 4000),
		doc(2, "FA-2025-0020", "2025-02-28", 20000, 0),
		doc(4, "FA-2025-0040", "2025-04-30", 40000, 40000), // paid
		{ID: 5, Kind: ledger.DocCreditNote, Number: "AV-1", Amount: money.EUR(5000)},
		doc(6, "FB-0030", "2025-05-31", 5000, 0),
	}
	tests := []struct {
		name   string
		amount int64
		ref    string
		want   []int64 // invoice ids, in order
		last   int64   // amount put on the last one
	}{
		{"oldest first", 16000, "", []int64{1, 2}, 10000},
		{"exact open amount", 6000, "virement", []int64{1}, 6000},
		{"named invoice first", 30000, "Règlement facture FA-2025-0030", []int64{3}, 30000},
		{"named then oldest", 35000, "fact FA-2025-0030", []int64{3, 1}, 5000},
		{"several named, in their order", 50000, "FA-2025-0020 et FA-2025-0030", []int64{2, 3}, 30000},
		{"typed without separators", 20000, "fa20250020", []int64{2}, 20000},
		{"ambiguous last digits ignored", 6000, "facture 30", []int64{1}, 6000},
		{"paid invoice named: oldest", 6000, "FA-2025-0040", []int64{1}, 6000},
		{"overpayment leaves credit", 200000, "", []int64{1, 2, 3, 6}, 5000},
		{"other currency", 1000, "", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := money.Currency("EUR")
			if tt.name == "other currency" {
				cur = "CHF"
			}
			got := Plan(money.New(tt.amount, cur), tt.ref, docs)
			var ids []int64
			for _, s := range got {
				ids = append(ids, s.InvoiceID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Fatalf("invoices = %v, want %v", ids, tt.want)
			}
			if len(got) > 0 && got[len(got)-1].Amount.Minor != tt.last {
				t.Fatalf("last amount = %d, want %d", got[len(got)-1].Amount.Minor, tt.last)
			}
			var sum int64
			for _, s := range got {
				sum += s.Amount.Minor
			}
			if sum > tt.amount {
				t.Fatalf("planned %d of %d", sum, tt.amount)
			}
		})
	}
}

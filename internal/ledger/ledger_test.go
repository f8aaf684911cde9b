package ledger

import (
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

func TestValidSIREN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"732829320", true},  // Luhn-valid
		{"732829321", false}, // wrong check digit
		{"356000000", true},  // La Poste
		{"12345678", false},
		{"12345678a", false},
	}
	for _, tt := range tests {
		if got := ValidSIREN(tt.in); got != tt.want {
			t.Errorf("ValidSIREN(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if d := SIRENCheckDigit("73282932"); d != '0' {
		t.Errorf("SIRENCheckDigit = %c, want 0", d)
	}
	if !ValidSIRET("73282932000074") || ValidSIRET("73282932000075") {
		t.Error("ValidSIRET is wrong on 732 829 320 00074")
	}
}

func eur(m int64) money.Amount { return money.New(m, "EUR") }

func TestInvoiceStatus(t *testing.T) {
	today := civil.MustParse("2025-06-15")
	due := civil.MustParse("2025-06-14")
	later := civil.MustParse("2025-06-15")
	tests := []struct {
		name string
		inv  Invoice
		want InvoiceStatus
	}{
		{"not due on due day", Invoice{Kind: DocInvoice, DueDate: later, Amount: eur(100), Allocated: eur(0)}, StatusNotDue},
		{"overdue day after", Invoice{Kind: DocInvoice, DueDate: due, Amount: eur(100), Allocated: eur(0)}, StatusOverdue},
		{"partial not due", Invoice{Kind: DocInvoice, DueDate: later, Amount: eur(100), Allocated: eur(40)}, StatusPartial},
		{"paid", Invoice{Kind: DocInvoice, DueDate: due, Amount: eur(100), Allocated: eur(100)}, StatusPaid},
		{"disputed beats overdue", Invoice{Kind: DocInvoice, DueDate: due, Amount: eur(100), Allocated: eur(0), Disputed: true}, StatusDisputed},
		{"credit note left", Invoice{Kind: DocCreditNote, Amount: eur(100), Allocated: eur(10)}, StatusCredit},
		{"credit note applied", Invoice{Kind: DocCreditNote, Amount: eur(100), Allocated: eur(100)}, StatusApplied},
	}
	for _, tt := range tests {
		if got := tt.inv.Status(today); got != tt.want {
			t.Errorf("%s: Status = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestAllocationValidate(t *testing.T) {
	inv := Invoice{Kind: DocInvoice, Amount: eur(10000), Allocated: eur(2500)}
	tests := []struct {
		name string
		a    Allocation
		src  money.Amount
		ok   bool
	}{
		{"fits", Allocation{PaymentID: 1, Amount: eur(7500)}, eur(8000), true},
		{"exceeds invoice", Allocation{PaymentID: 1, Amount: eur(7501)}, eur(9000), false},
		{"exceeds source", Allocation{PaymentID: 1, Amount: eur(100)}, eur(99), false},
		{"no source", Allocation{Amount: eur(100)}, eur(100), false},
		{"two sources", Allocation{PaymentID: 1, CreditNoteID: 2, Amount: eur(100)}, eur(100), false},
		{"zero", Allocation{PaymentID: 1, Amount: eur(0)}, eur(100), false},
		{"currency", Allocation{PaymentID: 1, Amount: money.New(100, "USD")}, money.New(100, "USD"), false},
	}
	for _, tt := range tests {
		err := tt.a.Validate(inv, tt.src)
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestComputeBalance(t *testing.T) {
	today := civil.MustParse("2025-06-15")
	invs := []Invoice{
		{Kind: DocInvoice, DueDate: civil.MustParse("2025-04-01"), Amount: eur(10000), Allocated: eur(4000)},
		{Kind: DocInvoice, DueDate: civil.MustParse("2025-05-01"), Amount: eur(5000), Allocated: eur(0)},
		{Kind: DocInvoice, DueDate: civil.MustParse("2025-07-01"), Amount: eur(2000), Allocated: eur(0)},
		{Kind: DocInvoice, DueDate: civil.MustParse("2025-01-01"), Amount: eur(999), Allocated: eur(999)},
		{Kind: DocCreditNote, Amount: eur(300), Allocated: eur(100)},
	}
	pays := []Payment{{Amount: eur(1000), Allocated: eur(400)}}
	b := ComputeBalance("EUR", invs, pays, today)
	if b.Due.Minor != 13000 || b.Overdue.Minor != 11000 || b.Credit.Minor != 800 {
		t.Fatalf("balance = %+v", b)
	}
	if b.Net().Minor != 12200 || b.OpenCount != 3 || b.LateCount != 2 || b.DaysLate != 75 {
		t.Fatalf("balance = %+v", b)
	}
	if AgingBucket(b.DaysLate) != "61-90" {
		t.Fatalf("bucket = %s", AgingBucket(b.DaysLate))
	}
}

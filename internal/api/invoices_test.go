package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// documents is a debtor with a document in every status, and a second
// debtor with one invoice. Today is 15 June 2025.
type documents struct {
	f      storetest.Fixture
	tok    string
	d1, d2 *ledger.Debtor
	ids    map[string]int64 // by number
	order  []string         // numbers in id order
}

func newDocuments(t *testing.T, b *bundle) documents {
	t.Helper()
	f := storetest.NewFixture(t, b.st, "Acme")
	x := documents{f: f, tok: b.token(t, f), ids: map[string]int64{}}
	x.d1 = f.Debtor(t, b.st, "C001", "Dupont SARL")
	x.d2 = f.Debtor(t, b.st, "C002", "Martin SAS")
	add := func(inv *ledger.Invoice) *ledger.Invoice {
		must(t, b.st.CreateInvoice(f.Ctx, inv))
		x.ids[inv.Number] = inv.ID
		x.order = append(x.order, inv.Number)
		return inv
	}
	inv := func(debtor *ledger.Debtor, number, due string) *ledger.Invoice {
		return add(&ledger.Invoice{DebtorID: debtor.ID, Number: number, IssueDate: date("2025-04-01"), DueDate: date(due), Amount: eur(1000)})
	}
	f1 := inv(x.d1, "F1", "2025-05-01") // paid
	f2 := inv(x.d1, "F2", "2025-05-01") // overdue, 200 settled by credit note AV2
	inv(x.d1, "F3", "2025-05-01")       // overdue
	inv(x.d1, "F4", "2025-05-01")       // overdue
	inv(x.d1, "F5", "2025-07-01")       // not due
	inv(x.d1, "F6", "2025-07-01")       // not due
	f7 := inv(x.d1, "F7", "2025-07-01") // partial
	add(&ledger.Invoice{DebtorID: x.d1.ID, Number: "F8", IssueDate: date("2025-04-15"), DueDate: date("2025-05-15"), Amount: eur(2500), Disputed: true})
	add(&ledger.Invoice{DebtorID: x.d1.ID, Kind: ledger.DocCreditNote, Number: "AV1", IssueDate: date("2025-05-20"), Amount: eur(300)})
	av2 := add(&ledger.Invoice{DebtorID: x.d1.ID, Kind: ledger.DocCreditNote, Number: "AV2", IssueDate: date("2025-05-20"), Amount: eur(200)})
	add(&ledger.Invoice{DebtorID: x.d2.ID, Number: "F9", IssueDate: date("2025-06-01"), DueDate: date("2025-06-30"), Amount: eur(4200),
		DocumentURL: "https://files.example/F9.pdf"})
	p := f.Payment(t, b.st, x.d1.ID, "2025-06-01", 1500, "VIR DUPONT")
	must(t, b.st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: f1.ID, PaymentID: p.ID, Amount: eur(1000)}))
	must(t, b.st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: f7.ID, PaymentID: p.ID, Amount: eur(500)}))
	must(t, b.st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: f2.ID, CreditNoteID: av2.ID, Amount: eur(200)}))
	return x
}

func (x documents) numbers(list []invoiceJSON) []string {
	var out []string
	for _, inv := range list {
		out = append(out, inv.Number)
	}
	return out
}

func TestInvoicesFilters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newDocuments(t, b)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", x.order},
		{"status=paid", []string{"F1"}},
		{"status=overdue", []string{"F2", "F3", "F4"}},
		{"status=disputed", []string{"F8"}},
		{"status=not_due", []string{"F5", "F6", "F9"}},
		{"status=partial", []string{"F7"}},
		{"status=credit", []string{"AV1"}},
		{"status=applied", []string{"AV2"}},
		{"overdue=true", []string{"F2", "F3", "F4", "F8"}},
		{"overdue=false", x.order},
		{"kind=credit_note", []string{"AV1", "AV2"}},
		{"kind=invoice", []string{"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"}},
		{fmt.Sprintf("debtor_id=%d", x.d2.ID), []string{"F9"}},
		{fmt.Sprintf("debtor_id=%d&status=overdue", x.d2.ID), nil},
		{fmt.Sprintf("debtor_id=%d&overdue=1&limit=2", x.d1.ID), []string{"F2", "F3"}},
		{"debtor_id=999999", nil},
	} {
		page := decode[listBody[invoiceJSON]](t, b.get(t, "/api/v1/invoices?"+tt.query, x.tok, http.StatusOK))
		if got := x.numbers(page.Data); !slices.Equal(got, tt.want) {
			t.Errorf("?%s: got %v, want %v", tt.query, got, tt.want)
		}
		for _, inv := range page.Data {
			if st, ok := cutPrefix(tt.query, "status="); ok && inv.Status != st {
				t.Errorf("?%s returned %s in status %s", tt.query, inv.Number, inv.Status)
			}
		}
	}
}

func TestInvoicesPagination(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newDocuments(t, b)
	items, pages := walk(t, b, "/api/v1/invoices?limit=3", x.tok, 3, invoiceID)
	if pages != 4 || !slices.Equal(x.numbers(items), x.order) || !ascending(ids(items, invoiceID)) {
		t.Errorf("walked %v in %d pages, want %v in 4", x.numbers(items), pages, x.order)
	}
	items, pages = walk(t, b, "/api/v1/invoices?kind=invoice&limit=4", x.tok, 4, invoiceID)
	if pages != 3 || len(items) != 9 {
		t.Errorf("filtered walk: %d invoices in %d pages", len(items), pages)
	}
}

func TestGetInvoice(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newDocuments(t, b)
	get := func(number string) invoiceJSON {
		t.Helper()
		return decode[invoiceJSON](t, b.get(t, fmt.Sprintf("/api/v1/invoices/%d", x.ids[number]), x.tok, http.StatusOK))
	}
	f2 := get("F2")
	switch {
	case f2.ID != x.ids["F2"], f2.DebtorID != x.d1.ID, f2.CreditorID != x.f.Creditor.ID, f2.Kind != "invoice",
		f2.IssueDate != "2025-04-01", deref(f2.DueDate) != "2025-05-01",
		f2.Amount != (moneyJSON{1000, "EUR"}), f2.Allocated != (moneyJSON{200, "EUR"}), f2.OpenAmount != (moneyJSON{800, "EUR"}),
		f2.Status != "overdue", f2.DaysLate != 45, f2.Disputed, f2.DocumentURL != "", !f2.CreatedAt.Equal(now):
		t.Errorf("F2 = %+v", f2)
	}
	for _, tt := range []struct {
		number, status string
		open           int64
		daysLate       int
	}{
		{"F1", "paid", 0, 0}, // paid: late by nothing any more
		{"F5", "not_due", 1000, 0},
		{"F7", "partial", 500, 0},
		{"F8", "disputed", 2500, 31},
		{"AV1", "credit", 300, 0},
		{"AV2", "applied", 0, 0},
	} {
		got := get(tt.number)
		if got.Status != tt.status || got.OpenAmount.Minor != tt.open || got.DaysLate != tt.daysLate {
			t.Errorf("%s: status %s open %d days late %d, want %s %d %d", tt.number, got.Status, got.OpenAmount.Minor, got.DaysLate, tt.status, tt.open, tt.daysLate)
		}
	}
	if av1 := get("AV1"); av1.Kind != "credit_note" || av1.DueDate != nil {
		t.Errorf("AV1 = %+v", av1)
	}
	if f8 := get("F8"); !f8.Disputed {
		t.Errorf("F8 = %+v", f8)
	}
	if f9 := get("F9"); f9.DocumentURL != "https://files.example/F9.pdf" || f9.DebtorID != x.d2.ID {
		t.Errorf("F9 = %+v", f9)
	}
	rec := b.get(t, fmt.Sprintf("/api/v1/invoices/%d", x.ids["AV1"]), x.tok, http.StatusOK)
	if !contains(rec.Body.String(), `"due_date":null`) {
		t.Errorf("credit note without due date: %s", rec.Body)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/invoices/999999", x.tok), http.StatusNotFound, "not_found", "invoice")
}

func TestInvoicesInvalidParams(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	for _, tt := range []struct{ target, param string }{
		{"/api/v1/invoices?status=lost", "status"},
		{"/api/v1/invoices?status=OVERDUE", "status"},
		{"/api/v1/invoices?kind=avoir", "kind"},
		{"/api/v1/invoices?overdue=yes", "overdue"},
		{"/api/v1/invoices?debtor_id=abc", "debtor_id"},
		{"/api/v1/invoices?debtor_id=0", "debtor_id"},
		{"/api/v1/invoices?limit=1000", "limit"},
		{"/api/v1/invoices?cursor=" + cursorOf("payments", 3), "cursor"},
		{"/api/v1/invoices/F1", "id"},
		{"/api/v1/invoices/1.5", "id"},
	} {
		t.Run(tt.target, func(t *testing.T) {
			wantError(t, b.request(http.MethodGet, tt.target, tok), http.StatusBadRequest, "invalid", tt.param)
		})
	}
}

package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/export"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestExport(t *testing.T) {
	st := storetest.Open(t)
	f := storetest.NewFixture(t, st, "Alpha")
	other := storetest.NewFixture(t, st, "Omega")
	d := f.Debtor(t, st, "C001", "Acme; SARL \"la belle\"")
	inv := f.Invoice(t, st, d.ID, "F1", "2025-05-01", "2025-05-31", 4000_50)
	f.Invoice(t, st, d.ID, "F2", "2025-06-01", "2025-07-01", 1000_00)
	p := f.Payment(t, st, d.ID, "2025-06-01", 1400_00, "VIR")
	must(t, st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: money.EUR(1000_00)}))
	// 600 more pages' worth of debtors, to cross page boundaries.
	for i := range 1100 {
		f.Debtor(t, st, fmt.Sprintf("P%04d", i), fmt.Sprintf("Client %d", i))
	}
	other.Debtor(t, st, "C001", "Not ours")

	var buf bytes.Buffer
	n, err := export.Debtors(f.Ctx, st, &buf, export.JSON, storetest.Today)
	must(t, err)
	var out struct {
		Items []export.Debtor `json:"items"`
	}
	must(t, json.Unmarshal(buf.Bytes(), &out))
	if n != 1101 || len(out.Items) != 1101 {
		t.Fatalf("%d debtors written, %d decoded, want 1101", n, len(out.Items))
	}
	// Open: 3 000,50 + 1 000,00; unallocated credit 400,00: 3 600,50 due.
	got := out.Items[0]
	if got.Ref != "C001" || got.BalanceDue != "3600.50" || got.Overdue != "3000.50" || got.Credit != "400.00" || got.Currency != "EUR" || got.Kind != "business" {
		t.Errorf("first debtor %+v", got)
	}
	for _, it := range out.Items {
		if it.Name == "Not ours" {
			t.Fatal("another organization's debtor exported")
		}
	}

	buf.Reset()
	n, err = export.Invoices(f.Ctx, st, &buf, export.CSV, storetest.Today)
	must(t, err)
	rows, err := csv.NewReader(&buf).ReadAll()
	must(t, err)
	if n != 2 || len(rows) != 3 || rows[0][0] != "number" {
		t.Fatalf("invoices CSV: %d written, rows %v", n, rows)
	}
	want := []string{"F1", "invoice", "C001", "2025-05-01", "2025-05-31", "4000.50", "3000.50", "EUR", "overdue"}
	if fmt.Sprint(rows[1]) != fmt.Sprint(want) {
		t.Errorf("F1 row %v, want %v", rows[1], want)
	}

	buf.Reset()
	_, err = export.Debtors(f.Ctx, st, &buf, export.CSV, storetest.Today)
	must(t, err)
	rows, err = csv.NewReader(&buf).ReadAll()
	must(t, err)
	if len(rows) != 1102 || rows[1][1] != "Acme; SARL \"la belle\"" {
		t.Errorf("debtors CSV: %d rows, first %v", len(rows), rows[1])
	}
	if _, err := export.Debtors(f.Ctx, st, &buf, "xml", storetest.Today); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("xml: %v", err)
	}
}

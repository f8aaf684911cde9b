package importer_test

import (
	"os"
	"testing"

	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/samples"
	"github.com/recouvre/recouvre/internal/store"
)

// importSample imports one file of ../shared/samples, read in place.
func (b bundle) importSample(t *testing.T, rel string, opts importer.Options) *importer.Report {
	t.Helper()
	f, err := os.Open(samples.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts.FileName, opts.Today = rel, today
	rep, err := importer.Run(b.f.Ctx, b.st, f, opts)
	if err != nil {
		t.Fatalf("import %s: %v", rel, err)
	}
	return rep
}

// totals sums the organization's open invoices and unallocated credit.
func (b bundle) totals(t *testing.T) (due, credit money.Amount) {
	t.Helper()
	due, credit = money.EUR(0), money.EUR(0)
	page, err := b.st.ListDebtors(b.f.Ctx, store.DebtorQuery{Limit: 500}, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Rows {
		due = due.MustAdd(r.Balance.Due)
		credit = credit.MustAdd(r.Balance.Credit)
	}
	return due, credit
}

// TestFECSample imports a real FEC: the open items of the customer
// accounts become invoices due 30 days after their date, the unused part
// of unlettered payments credit on account. The figures were read off the
// file by hand (unlettered and unbalanced lettered 411 lines).
func TestFECSample(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rep := b.importSample(t, "fec/neolegal_0000000001FEC20220831_utf8bom_tab.txt", importer.Options{})
	if rep.Format != "fec" || rep.Encoding != "UTF-8 (BOM)" || rep.Lines != 5423 || rep.ErrorCount != 0 || rep.Created != 42 {
		t.Fatalf("report %+v", rep)
	}
	due, credit := b.totals(t)
	if due != money.EUR(11985833) || credit != money.EUR(6734109) {
		t.Errorf("balances: due %v, credit %v; want 119858.33 and 67341.09", due, credit)
	}
	for _, inv := range b.invoices(t) {
		if inv.Kind == ledger.DocInvoice && inv.DueDate != inv.IssueDate.AddDays(30) {
			t.Errorf("invoice %s due %v, issued %v: want the default 30 days", inv.Number, inv.DueDate, inv.IssueDate)
		}
	}
	b.check(t)
	again := b.importSample(t, "fec/neolegal_0000000001FEC20220831_utf8bom_tab.txt", importer.Options{})
	if again.Created != 0 || again.Unchanged != 42 || again.Updated != 0 {
		t.Errorf("re-import of the FEC: %+v", again)
	}
}

// TestFECEncodings: the same ledger in UTF-8 and ISO-8859-15 imports the
// same, the second file changing nothing.
func TestFECEncodings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	utf := b.importSample(t, "fec/neolegal_000000000FEC20231231_utf8_tab_22cols.txt", importer.Options{})
	iso := b.importSample(t, "fec/DERIVED_iso8859-15_of_neolegal_000000000FEC20231231.txt", importer.Options{})
	if utf.Created != 153 || iso.Created != 0 || iso.Unchanged != 153 || iso.Encoding != "ISO-8859-15" || iso.DebtorsCreated != 0 {
		t.Errorf("UTF-8 %+v\nISO-8859-15 %+v", utf, iso)
	}
	due, credit := b.totals(t)
	if due != money.EUR(18777084) || credit != money.EUR(15999914) {
		t.Errorf("balances: due %v, credit %v; want 187770.84 and 159999.14", due, credit)
	}
}

// TestFacturXSample imports a Factur-X PDF: the invoice of its XML, the
// PDF kept with it.
func TestFacturXSample(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rep := b.importSample(t, "facturx/akretion_facturx_en16931.pdf", importer.Options{})
	if rep.Format != "facturx" || rep.Created != 1 || rep.ErrorCount != 0 {
		t.Fatalf("report %+v", rep)
	}
	inv, ok := b.invoices(t)["F20260023"]
	if !ok || inv.Amount != money.EUR(10490) || inv.DueDate.String() != "2026-03-02" {
		t.Fatalf("invoice %+v", inv)
	}
	f, err := b.st.InvoiceFile(b.f.Ctx, inv.ID)
	if err != nil || f.ContentType != "application/pdf" || len(f.Data) != 302582 {
		t.Fatalf("kept document: %v, %+v", err, f)
	}
	// The same invoice as CII XML is already there: unchanged.
	cii := b.importSample(t, "cii/akretion_facturx_en16931.xml", importer.Options{})
	if cii.Format != "cii" || cii.Unchanged != 1 || cii.Created != 0 {
		t.Errorf("CII twin: %+v", cii)
	}
	// A UBL credit note creates a credit note.
	ubl := b.importSample(t, "ubl/en16931_ubl_creditnote_381.xml", importer.Options{})
	if ubl.Format != "ubl" || ubl.Created != 1 {
		t.Errorf("UBL credit note: %+v", ubl)
	}
	b.check(t)
}

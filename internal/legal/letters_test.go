package legal_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/courtfile"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/pdftext"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// pdfText reads a PDF back, spaces normalised.
func pdfText(t *testing.T, pdf []byte) string { return pdftext.Read(t, pdf) }

// acme is a business debtor with one invoice of 10 000,00 € due 31 March
// 2025 and 4 000,00 € paid on 15 May, at an address.
func acme(t *testing.T) (*sqldb.DB, storetest.Fixture, *ledger.Debtor, *ledger.Invoice) {
	st := storetest.Open(t)
	f := storetest.NewFixture(t, st, "Alpha")
	d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C001", Name: "Acme SARL", Kind: ledger.KindBusiness, SIREN: "552100554",
		Contacts: []ledger.Contact{{Name: "Compta", Email: "compta@acme.test", Primary: true,
			Address: ledger.Address{Line1: "3 rue des Lilas", PostalCode: "69003", City: "Lyon", Country: "FR"}}}}
	must(t, st.CreateDebtor(f.Ctx, d))
	inv := f.Invoice(t, st, d.ID, "F2025-001", "2025-03-01", "2025-03-31", 10000_00)
	p := f.Payment(t, st, d.ID, "2025-05-15", 4000_00, "VIR ACME")
	must(t, st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: money.EUR(4000_00)}))
	return st, f, d, inv
}

func TestIssueNotice(t *testing.T) {
	st, f, d, inv := acme(t)
	ctx := f.Ctx
	n, err := legal.IssueNotice(ctx, st, d.ID, civil.MustParse("2025-06-30"), "fr")
	must(t, err)
	// The legalfr case « B2B partial payment, interest first »: principal
	// 6 162,12 €, interest 102,12 € still due, indemnity 40,00 €.
	if n.Reference != "MED-2025-C001-1" || n.Deadline != civil.MustParse("2025-07-08") || n.Total.Minor != 6162_12+102_12+40_00 ||
		len(n.InvoiceIDs) != 1 || n.InvoiceIDs[0] != inv.ID {
		t.Fatalf("notice %+v", n)
	}
	text := pdfText(t, n.PDF)
	for _, want := range []string{"MISE EN DEMEURE", "Acme SARL", "F2025-001", "6 162,12 €", "162,12 €", "102,12 €", "40,00 €", "6 304,24 €", "08/07/2025", "MED-2025-C001-1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q", want)
		}
	}
	kept, err := st.FormalNoticePDF(ctx, n.ID)
	must(t, err)
	if !bytes.Equal(kept.PDF, n.PDF) {
		t.Error("the letter kept differs from the letter sent")
	}
	// A second notice gets the next reference.
	n2, err := legal.IssueNotice(ctx, st, d.ID, civil.MustParse("2025-07-15"), "fr")
	must(t, err)
	if n2.Reference != "MED-2025-C001-2" {
		t.Errorf("second reference %q", n2.Reference)
	}
	// Nothing to claim, or proceedings: refused.
	other := f.Debtor(t, st, "C002", "Sans dette")
	if _, err := legal.IssueNotice(ctx, st, other.ID, civil.MustParse("2025-06-30"), "fr"); ledger.ErrorCode(err) != ledger.EConflict {
		t.Errorf("nothing to claim: %v", err)
	}
	must(t, st.RecordInsolvency(ctx, &ledger.Insolvency{DebtorID: d.ID, Kind: ledger.InsolvencyRecovery, JudgmentDate: civil.MustParse("2025-08-01")}))
	if _, err := legal.IssueNotice(ctx, st, d.ID, civil.MustParse("2025-08-15"), "fr"); ledger.ErrorCode(err) != ledger.EConflict {
		t.Errorf("in proceedings: %v", err)
	}
}

func TestStatementOfAccountAsOf(t *testing.T) {
	st, f, d, _ := acme(t)
	// On 30 April the payment had not arrived: 10 000,00 € due.
	text := pdfText(t, mustPDF(t)(legal.StatementOfAccount(f.Ctx, st, d.ID, civil.MustParse("2025-04-30"), "fr")))
	if !strings.Contains(text, "10 000,00 €") || strings.Contains(text, "VIR ACME") {
		t.Errorf("as of 30 April:\n%s", text)
	}
	text = pdfText(t, mustPDF(t)(legal.StatementOfAccount(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"), "fr")))
	if !strings.Contains(text, "6 000,00 €") || !strings.Contains(text, "VIR ACME") {
		t.Errorf("as of 30 June:\n%s", text)
	}
}

func TestDeclaration(t *testing.T) {
	st, f, d, _ := acme(t)
	if _, err := legal.Declaration(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"), "fr"); ledger.ErrorCode(err) != ledger.EConflict {
		t.Fatalf("without proceedings: %v", err)
	}
	must(t, st.RecordInsolvency(f.Ctx, &ledger.Insolvency{DebtorID: d.ID, Kind: ledger.InsolvencyLiquidation, JudgmentDate: civil.MustParse("2025-05-15"),
		Court: "Tribunal de commerce de Lyon", Mandataire: "Maître Durand", PublicationDate: civil.MustParse("2025-05-25"),
		MandataireAddr: ledger.Address{Line1: "1 quai Perrache", PostalCode: "69002", City: "Lyon"}}))
	text := pdfText(t, mustPDF(t)(legal.Declaration(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"), "fr")))
	// Interest to the judgment of 15 May: 162,12 €, paid first by the 4 000,00 €.
	for _, want := range []string{"Maître Durand", "Tribunal de commerce de Lyon", "15/05/2025", "F2025-001", "6 162,12 €", "L622-28", "25/07/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("the declaration lacks %q", want)
		}
	}
}

func TestCourtFile(t *testing.T) {
	st, f, d, _ := acme(t)
	_, err := legal.IssueNotice(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"), "fr")
	must(t, err)
	b, err := legal.CourtFile(f.Ctx, st, d.ID, civil.MustParse("2025-07-20"), courtfile.InjonctionDePayer)
	must(t, err)
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	names := map[string]int{}
	for _, e := range z.File {
		names[e.Name] = int(e.UncompressedSize64)
	}
	for _, want := range []string{"index.html", "index.txt", "request.html", "request.txt", "case.json"} {
		if _, ok := names[want]; !ok {
			t.Errorf("the ZIP lacks %s: %v", want, names)
		}
	}
	var notice, statement bool
	for name, size := range names {
		notice = notice || (strings.Contains(name, "mise-en-demeure") && size > 1000)
		statement = statement || (strings.Contains(name, "releve-de-compte") && size > 1000)
	}
	if !notice || !statement {
		t.Errorf("exhibits: notice %v, statement %v in %v", notice, statement, names)
	}
}

func mustPDF(t *testing.T) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		must(t, err)
		return b
	}
}

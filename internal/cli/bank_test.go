package cli_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// bankReport is the documented output of `import bank --json`.
type bankReport struct {
	ImportID          int64  `json:"import_id"`
	Format            string `json:"format"`
	Entries           int    `json:"entries"`
	PaymentsCreated   int    `json:"payments_created"`
	DuplicatesSkipped int    `json:"duplicates_skipped"`
	AutoMatched       int    `json:"auto_matched"`
	ToReview          int    `json:"to_review"`
	DebitsIgnored     int    `json:"debits_ignored"`
	DryRun            bool   `json:"dry_run"`
	Issues            []struct {
		Line      int    `json:"line"`
		Column    string `json:"column"`
		Value     string `json:"value"`
		Message   string `json:"message"`
		MessageEN string `json:"message_en"`
	} `json:"issues"`
}

func decodeBankReport(t *testing.T, r result) bankReport {
	t.Helper()
	var rep bankReport
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("import bank --json printed %q: %v", r.stdout, err)
	}
	if dec.More() {
		t.Fatalf("import bank --json printed more than one object: %q", r.stdout)
	}
	return rep
}

// ofxLine is a transaction of a generated OFX statement.
type ofxLine struct {
	date, amount, name, memo string
}

// ofxFile writes an OFX 1.x statement of lines: a signed amount, credit
// when positive.
func ofxFile(lines []ofxLine) string {
	var b strings.Builder
	b.WriteString("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\n" +
		"OLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><TRNUID>7<STATUS><CODE>0<SEVERITY>INFO</STATUS>\n" +
		"<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>10107<BRANCHID>00175<ACCTID>00040123456<ACCTTYPE>CHECKING</BANKACCTFROM>\n" +
		"<BANKTRANLIST><DTSTART>20260101<DTEND>20260131\n")
	for i, l := range lines {
		kind := "CREDIT"
		if strings.HasPrefix(l.amount, "-") {
			kind = "DEBIT"
		}
		fmt.Fprintf(&b, "<STMTTRN><TRNTYPE>%s<DTPOSTED>%s<TRNAMT>%s<FITID>CLI-%03d<NAME>%s<MEMO>%s</STMTTRN>\n",
			kind, l.date, l.amount, i+1, l.name, l.memo)
	}
	b.WriteString("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n")
	return b.String()
}

// bankOrg creates an organization with two debtors and their invoices,
// and returns its id as the --org value, with a store on the database.
func bankOrg(t *testing.T, db string) (string, *storetest.Fixture, store.Store) {
	t.Helper()
	st := openStore(t, db)
	f := storetest.NewFixture(t, st, "Alpha")
	roux := f.Debtor(t, st, "C010", "Transports Roux SAS")
	vidal := f.Debtor(t, st, "C020", "Cabinet Vidal")
	f.Invoice(t, st, roux.ID, "FR-26-0042", "2025-12-01", "2025-12-31", 1_250_40)
	f.Invoice(t, st, vidal.ID, "FR-26-0057", "2025-12-05", "2026-01-04", 318_00)
	return fmt.Sprint(f.Org.ID), &f, st
}

// januaryLines: a transfer quoting its invoice, an amount alone, a debit.
var januaryLines = []ofxLine{
	{"20260112", "1250.40", "TRANSPORTS ROUX", "VIR FACTURE FR-26-0042"},
	{"20260114", "318.00", "M OU MME LAMBERT", "VIREMENT"},
	{"20260115", "-64.90", "ABONNEMENT TELEPHONE", "PRLV"},
}

func TestImportBank(t *testing.T) {
	db := newDB(t)
	org, f, st := bankOrg(t, db)
	file := writeFile(t, "janvier.ofx", ofxFile(januaryLines))

	// A dry run counts and writes nothing.
	dry := decodeBankReport(t, mustRun(t, db, "", "import", "bank", file, "--org", org, "--dry-run", "--json"))
	if !dry.DryRun || dry.ImportID != 0 || dry.Entries != 3 || dry.PaymentsCreated != 1 || dry.ToReview != 1 || dry.DebitsIgnored != 1 {
		t.Fatalf("dry run %+v", dry)
	}
	if pays, err := st.ListPayments(f.Ctx, store.PaymentQuery{Limit: -1}); err != nil || len(pays.Payments) != 0 {
		t.Fatalf("the dry run wrote payments: %+v (%v)", pays.Payments, err)
	}
	if imps, err := st.BankImports(f.Ctx, store.ImportQuery{Limit: 10}); err != nil || len(imps) != 0 {
		t.Fatalf("the dry run wrote an import: %+v (%v)", imps, err)
	}

	rep := decodeBankReport(t, mustRun(t, db, "", "import", "bank", "--org", org, file, "--json"))
	if rep.ImportID == 0 || rep.Format != "ofx" || rep.Entries != 3 || rep.PaymentsCreated != 1 || rep.AutoMatched != 1 ||
		rep.ToReview != 1 || rep.DebitsIgnored != 1 || rep.DuplicatesSkipped != 0 || rep.DryRun {
		t.Fatalf("import %+v", rep)
	}
	// The same file again: every credit is known, nothing is created.
	again := decodeBankReport(t, mustRun(t, db, "", "import", "bank", file, "--org", org, "--json"))
	if again.DuplicatesSkipped != 2 || again.PaymentsCreated != 0 || again.ToReview != 0 || again.AutoMatched != 0 {
		t.Fatalf("the same file again %+v", again)
	}
	if pays, err := st.ListPayments(f.Ctx, store.PaymentQuery{Limit: -1}); err != nil || len(pays.Payments) != 1 {
		t.Fatalf("payments after two imports: %+v (%v)", pays.Payments, err)
	}
	// The text report, in both languages.
	if r := mustRun(t, db, "", "import", "bank", file, "--org", org, "--lang", "en"); !strings.Contains(r.stdout, "2 duplicates skipped") ||
		!strings.Contains(r.stdout, "Format: ofx") || !strings.Contains(r.stdout, "Statement imported") {
		t.Errorf("English report:\n%s", r.stdout)
	}
	if r := mustRun(t, db, "", "import", "bank", file, "--org", org, "--dry-run"); !strings.Contains(r.stdout, "2 doublons ignorés") ||
		!strings.Contains(r.stdout, "Simulation") {
		t.Errorf("French report:\n%s", r.stdout)
	}

	// The review queue: Lambert's transfer, whose amount is Vidal's
	// invoice.
	var q struct {
		Lines []struct {
			ID       int64  `json:"id"`
			Date     string `json:"date"`
			Amount   string `json:"amount"`
			Currency string `json:"currency"`
			Payer    string `json:"payer"`
			Best     *struct {
				DebtorRef  string `json:"debtor_ref"`
				Confidence int    `json:"confidence"`
				Invoices   []struct {
					Number string `json:"number"`
					Amount string `json:"amount"`
				} `json:"invoices"`
				Reasons []string `json:"reasons"`
			} `json:"best"`
		} `json:"lines"`
	}
	r := mustRun(t, db, "", "bank", "review", "--org", org, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &q); err != nil {
		t.Fatalf("bank review --json printed %q: %v", r.stdout, err)
	}
	if len(q.Lines) != 1 {
		t.Fatalf("review queue %+v", q.Lines)
	}
	l := q.Lines[0]
	if l.Date != "2026-01-14" || l.Amount != "318.00" || l.Currency != "EUR" || l.Payer != "M OU MME LAMBERT" || l.Best == nil ||
		l.Best.DebtorRef != "C020" || len(l.Best.Invoices) != 1 || l.Best.Invoices[0].Number != "FR-26-0057" || len(l.Best.Reasons) == 0 {
		t.Fatalf("line to review %+v", l)
	}
	text := mustRun(t, db, "", "bank", "review", "--org", org, "--lang", "en").stdout
	for _, want := range []string{"1 line to review", fmt.Sprint(l.ID), "2026-01-14", "318.00 EUR", "M OU MME LAMBERT", "C020 Cabinet Vidal: FR-26-0057 318.00",
		fmt.Sprintf("%d%%", l.Best.Confidence)} {
		if !strings.Contains(text, want) {
			t.Errorf("review table lacks %q:\n%s", want, text)
		}
	}
}

// TestBankUndo: a statement import is undone from the command line; the
// payments go and the file can be imported again; a second undo fails.
func TestBankUndo(t *testing.T) {
	db := newDB(t)
	org, f, st := bankOrg(t, db)
	file := writeFile(t, "janvier.ofx", ofxFile(januaryLines))
	rep := decodeBankReport(t, mustRun(t, db, "", "import", "bank", file, "--org", org, "--json"))
	out := mustRun(t, db, "", "bank", "undo", "--org", org, "--import", fmt.Sprint(rep.ImportID)).stdout
	if !strings.Contains(out, "undone") || !strings.Contains(out, "1 payment(s)") {
		t.Fatalf("undo printed %q", out)
	}
	if pays, err := st.ListPayments(f.Ctx, store.PaymentQuery{Limit: -1}); err != nil || len(pays.Payments) != 0 {
		t.Fatalf("payments after the undo: %+v (%v)", pays.Payments, err)
	}
	if r := run(t, db, "", "bank", "undo", "--org", org, "--import", fmt.Sprint(rep.ImportID)); r.code == 0 || !strings.Contains(r.stderr, "already undone") {
		t.Fatalf("a second undo: %+v", r)
	}
	again := decodeBankReport(t, mustRun(t, db, "", "import", "bank", file, "--org", org, "--json"))
	if again.PaymentsCreated != 1 || again.DuplicatesSkipped != 0 {
		t.Fatalf("imported again: %+v", again)
	}
	if r := run(t, db, "", "bank", "undo", "--org", org); r.code == 0 || !strings.Contains(r.stderr, "--import") {
		t.Fatalf("undo without --import: %+v", r)
	}
}

func TestImportBankErrors(t *testing.T) {
	db := newDB(t)
	org, f, st := bankOrg(t, db)

	// An amount that is no number: refused whole, the line named.
	lines := append([]ofxLine{}, januaryLines...)
	lines[1].amount = "318,OO"
	bad := writeFile(t, "casse.ofx", ofxFile(lines))
	r := run(t, db, "", "import", "bank", bad, "--org", org, "--json")
	rep := decodeBankReport(t, r)
	if r.code != 1 || rep.ImportID != 0 || len(rep.Issues) == 0 {
		t.Fatalf("unreadable statement: %v", r)
	}
	want := 0
	for i, l := range strings.Split(ofxFile(lines), "\n") {
		if strings.Contains(l, "318,OO") {
			want = i + 1
		}
	}
	if is := rep.Issues[0]; is.Line != want || is.Message == "" || is.MessageEN == "" {
		t.Errorf("issue %+v, want line %d", is, want)
	}
	r = run(t, db, "", "import", "bank", bad, "--org", org, "--lang", "en")
	if r.code != 1 || !strings.Contains(r.stdout, fmt.Sprintf("line %d", want)) || !strings.Contains(r.stdout, "nothing was written") {
		t.Errorf("text report: %v", r)
	}
	// A truncated camt.053, and a file that is no statement.
	camt := writeFile(t, "coupe.xml", `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt><GrpHdr><MsgId>X</MsgId></GrpHdr>
<Stmt><Id>S</Id><Ntry><Amt Ccy="EUR">12.00</Amt>`)
	notes := writeFile(t, "notes.txt", "Rappeler M. Roux lundi\n")
	for _, file := range []string{camt, notes} {
		r := run(t, db, "", "import", "bank", file, "--org", org, "--json")
		if rep := decodeBankReport(t, r); r.code != 1 || len(rep.Issues) == 0 || rep.Issues[0].MessageEN == "" {
			t.Errorf("%s: %v", file, r)
		}
	}
	if imps, err := st.BankImports(f.Ctx, store.ImportQuery{Limit: 10}); err != nil || len(imps) != 0 {
		t.Errorf("a refused statement was written: %+v (%v)", imps, err)
	}
	if r := mustRun(t, db, "", "bank", "review", "--org", org); !strings.Contains(r.stdout, "Aucune ligne") {
		t.Errorf("empty review queue: %v", r)
	}

	for _, args := range [][]string{
		{"import", "bank", "--org", org},
		{"import", "bank", bad},
		{"import", "bank", bad, "--org", org, "--mapping", "absente"},
		{"import", "bank", bad, bad, "--org", org},
		{"bank"},
		{"bank", "review"},
		{"bank", "nothing", "--org", org},
	} {
		if r := run(t, db, "", args...); r.code != 2 {
			t.Errorf("recouvre %s: %v, want a usage error", strings.Join(args, " "), r)
		}
	}
	if r := run(t, db, "", "import", "bank", "/nonexistent/releve.xml", "--org", org); r.code != 1 {
		t.Errorf("missing file: %v", r)
	}
	for _, args := range [][]string{{"import", "--help"}, {"import", "bank", "--help"}, {"bank", "--help"}, {"bank", "review", "--help"}} {
		if r := run(t, db, "", args...); r.code != 0 || !strings.Contains(r.stderr, "import bank") && !strings.Contains(r.stderr, "bank review") {
			t.Errorf("recouvre %s: %v", strings.Join(args, " "), r)
		}
	}
	if r := run(t, db, "", "--help"); !strings.Contains(r.stderr, "  bank ") {
		t.Errorf("usage does not list bank:\n%s", r.stderr)
	}
}

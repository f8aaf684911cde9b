package api_test

import (
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// The statements of these tests are written here from the lines they
// hold: no file of any bank is used.

// bankEntry is one booking of a generated statement.
type bankEntry struct {
	date     string // YYYY-MM-DD
	amount   string // "120.00"
	debit    bool
	reversal bool
	payer    string
	iban     string
	text     string
	ref      string // the end-to-end id; "" for none
}

// ibanFR makes a valid French IBAN of a 23-character BBAN.
func ibanFR(bban string) string {
	var digits strings.Builder
	for _, c := range bban + "FR00" {
		if c >= 'A' && c <= 'Z' {
			fmt.Fprintf(&digits, "%d", c-'A'+10)
		} else {
			digits.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("FR%02d%s", check, bban)
}

// ourIBAN is the organization's account in the statements.
var ourIBAN = ibanFR("30004000010001234567842")

// camt053 writes an ISO 20022 camt.053.001.02 statement of the entries,
// one element per line.
func camt053(entries []bankEntry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt>
<GrpHdr><MsgId>RCV-GEN-0615</MsgId><CreDtTm>2025-06-15T06:30:00</CreDtTm></GrpHdr>
<Stmt>
<Id>RCV-GEN-STMT-0615</Id>
<CreDtTm>2025-06-15T06:30:00</CreDtTm>
<Acct><Id><IBAN>` + ourIBAN + `</IBAN></Id><Ccy>EUR</Ccy></Acct>
`)
	for i, e := range entries {
		dir, party, acct := "CRDT", "Dbtr", "DbtrAcct"
		if e.debit {
			dir, party, acct = "DBIT", "Cdtr", "CdtrAcct"
		}
		fmt.Fprintf(&b, "<Ntry>\n<NtryRef>GEN%04d</NtryRef>\n<Amt Ccy=\"EUR\">%s</Amt>\n<CdtDbtInd>%s</CdtDbtInd>\n", i+1, e.amount, dir)
		if e.reversal {
			b.WriteString("<RvslInd>true</RvslInd>\n")
		}
		fmt.Fprintf(&b, "<Sts>BOOK</Sts>\n<BookgDt><Dt>%s</Dt></BookgDt>\n<ValDt><Dt>%s</Dt></ValDt>\n", e.date, e.date)
		b.WriteString("<NtryDtls>\n<TxDtls>\n")
		if e.ref != "" {
			fmt.Fprintf(&b, "<Refs><EndToEndId>%s</EndToEndId></Refs>\n", e.ref)
		}
		fmt.Fprintf(&b, "<RltdPties><%s><Nm>%s</Nm></%s>", party, e.payer, party)
		if e.iban != "" {
			fmt.Fprintf(&b, "<%s><Id><IBAN>%s</IBAN></Id></%s>", acct, e.iban, acct)
		}
		b.WriteString("</RltdPties>\n")
		if e.text != "" {
			fmt.Fprintf(&b, "<RmtInf><Ustrd>%s</Ustrd></RmtInf>\n", e.text)
		}
		b.WriteString("</TxDtls>\n</NtryDtls>\n</Ntry>\n")
	}
	b.WriteString("</Stmt>\n</BkToCstmrStmt>\n</Document>\n")
	return b.String()
}

// ofxStatement writes an OFX 1.x (SGML) statement of the entries.
func ofxStatement(entries []bankEntry) string {
	var b strings.Builder
	b.WriteString("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n" +
		"COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n" +
		"<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250615063000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>\r\n" +
		"<BANKMSGSRSV1><STMTTRNRS><TRNUID>20250615<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n" +
		"<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30004<BRANCHID>00001<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n" +
		"<BANKTRANLIST><DTSTART>20250601<DTEND>20250615\r\n")
	for i, e := range entries {
		kind, sign := "CREDIT", ""
		if e.debit {
			kind, sign = "DEBIT", "-"
		}
		fmt.Fprintf(&b, "<STMTTRN><TRNTYPE>%s<DTPOSTED>%s<TRNAMT>%s%s<FITID>GENOFX%04d<NAME>%s", kind,
			strings.ReplaceAll(e.date, "-", ""), sign, e.amount, i+1, e.payer)
		if e.text != "" {
			fmt.Fprintf(&b, "<MEMO>%s", e.text)
		}
		b.WriteString("</STMTTRN>\r\n")
	}
	b.WriteString("</BANKTRANLIST><LEDGERBAL><BALAMT>1000.00<DTASOF>20250615</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n")
	return b.String()
}

// The shapes of the bank routes, as a client would declare them.

type bankIssueJSON struct {
	Line      int    `json:"line"`
	Column    string `json:"column"`
	Value     string `json:"value"`
	Key       string `json:"key"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

type bankReportJSON struct {
	ImportID          int64           `json:"import_id"`
	FileName          string          `json:"file_name"`
	Format            string          `json:"format"`
	Encoding          string          `json:"encoding"`
	Entries           int             `json:"entries"`
	PaymentsCreated   int             `json:"payments_created"`
	DuplicatesSkipped int             `json:"duplicates_skipped"`
	AutoMatched       int             `json:"auto_matched"`
	ToReview          int             `json:"to_review"`
	Reversals         int             `json:"reversals"`
	DebitsIgnored     int             `json:"debits_ignored"`
	Pending           int             `json:"pending"`
	DryRun            bool            `json:"dry_run"`
	Issues            []bankIssueJSON `json:"issues"`
}

type bankImportJSON struct {
	ID                int64           `json:"id"`
	FileName          string          `json:"file_name"`
	SHA256            string          `json:"sha256"`
	Size              int64           `json:"size"`
	Format            string          `json:"format"`
	Encoding          string          `json:"encoding"`
	Mapping           string          `json:"mapping"`
	Actor             string          `json:"actor"`
	CreatedAt         time.Time       `json:"created_at"`
	Entries           int             `json:"entries"`
	Payments          int             `json:"payments"`
	PaymentsCreated   int             `json:"payments_created"`
	DuplicatesSkipped int             `json:"duplicates_skipped"`
	AutoMatched       int             `json:"auto_matched"`
	ToReview          int             `json:"to_review"`
	Reversals         int             `json:"reversals"`
	DebitsIgnored     int             `json:"debits_ignored"`
	Pending           int             `json:"pending"`
	Issues            []bankIssueJSON `json:"issues"`
	Status            string          `json:"status"`
	UndoneAt          *time.Time      `json:"undone_at"`
	UndoneBy          string          `json:"undone_by"`
	Undoable          *bool           `json:"undoable"`
	UndoBlocker       string          `json:"undo_blocker"`
}

type bankLineJSON struct {
	ID               int64      `json:"id"`
	ImportID         int64      `json:"import_id"`
	Account          string     `json:"account"`
	BookingDate      string     `json:"booking_date"`
	ValueDate        *string    `json:"value_date"`
	Amount           moneyJSON  `json:"amount"`
	Reversal         bool       `json:"reversal"`
	ReturnReason     string     `json:"return_reason"`
	Counterparty     string     `json:"counterparty"`
	CounterpartyIBAN string     `json:"counterparty_iban"`
	Remittance       string     `json:"remittance"`
	BankRef          string     `json:"bank_ref"`
	FileLine         int        `json:"file_line"`
	Status           string     `json:"status"`
	PaymentID        *int64     `json:"payment_id"`
	DebtorID         *int64     `json:"debtor_id"`
	Confidence       int        `json:"confidence"`
	Note             string     `json:"note"`
	ResolvedAt       *time.Time `json:"resolved_at"`
	ResolvedBy       string     `json:"resolved_by"`
}

type bankLineDetailJSON struct {
	bankLineJSON
	Proposals []struct {
		Index       int    `json:"index"`
		DebtorID    int64  `json:"debtor_id"`
		DebtorRef   string `json:"debtor_ref"`
		DebtorName  string `json:"debtor_name"`
		Allocations []struct {
			InvoiceID  int64     `json:"invoice_id"`
			Number     string    `json:"number"`
			CreditNote bool      `json:"credit_note"`
			Amount     moneyJSON `json:"amount"`
		} `json:"allocations"`
		Unapplied  moneyJSON `json:"unapplied"`
		Fee        moneyJSON `json:"fee"`
		Confidence int       `json:"confidence"`
		Reasons    []struct {
			Code      string   `json:"code"`
			Args      []string `json:"args"`
			MessageFR string   `json:"message_fr"`
			MessageEN string   `json:"message_en"`
		} `json:"reasons"`
	} `json:"proposals"`
}

func bankLineID(l bankLineJSON) int64 { return l.ID }

// sendJSON sends a JSON body (or none when body is "") through c.
func sendJSON(t *testing.T, c *client, method, target, tok, body string) *httptest.ResponseRecorder {
	t.Helper()
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	return c.do(t, method, target, tok, ct, strings.NewReader(body))
}

// wantStatus fails the test unless rec has status.
func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, status int) *httptest.ResponseRecorder {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	return rec
}

// upload posts a statement as the multipart field "file".
func upload(t *testing.T, c *client, tok, query, name, data string) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := multipartBody(t, "file", name, []byte(data))
	return c.do(t, http.MethodPost, "/api/v1/bank-statements"+query, tok, ct, body)
}

// bankBook is an organization with debtors and open invoices that the
// generated statements pay.
type bankBook struct {
	f        storetest.Fixture
	tok      string
	lefevre  *ledger.Debtor // pays by transfer, quoting its invoices
	moreau   *ledger.Debtor
	petit    *ledger.Debtor
	invoices map[string]*ledger.Invoice
}

func newBankBook(t *testing.T, b *bundle, name string) *bankBook {
	t.Helper()
	f := storetest.NewFixture(t, b.st, name)
	bk := &bankBook{f: f, tok: b.token(t, f), invoices: map[string]*ledger.Invoice{}}
	bk.lefevre = f.Debtor(t, b.st, "C100", "Boulangerie Lefèvre SARL")
	bk.moreau = f.Debtor(t, b.st, "C200", "Garage Moreau et Fils")
	bk.petit = f.Debtor(t, b.st, "C300", "Pharmacie Petit")
	for _, inv := range []struct {
		d           *ledger.Debtor
		number, due string
		minor       int64
	}{
		{bk.lefevre, "FA-2025-0101", "2025-04-30", 120_00},
		{bk.lefevre, "FA-2025-0102", "2025-05-31", 83_17},
		{bk.moreau, "FA-2025-0201", "2025-05-15", 450_00},
		{bk.petit, "FA-2025-0301", "2025-05-20", 100_00},
	} {
		bk.invoices[inv.number] = f.Invoice(t, b.st, inv.d.ID, inv.number, "2025-04-01", inv.due, inv.minor)
	}
	return bk
}

// juneEntries is the statement of June: two sure payments, three lines
// for review (an amount only, an unknown payer, a refund), a reversal of
// nothing known, and a debit.
var juneEntries = []bankEntry{
	{date: "2025-06-02", amount: "120.00", payer: "BOULANGERIE LEFEVRE SARL", iban: ibanFR("10278000010002345678101"),
		text: "REGLEMENT FACTURE FA-2025-0101", ref: "E2E-LEF-0101"},
	{date: "2025-06-03", amount: "450.00", payer: "GARAGE MOREAU ET FILS", iban: ibanFR("17515000010003456789202"),
		text: "FA-2025-0201", ref: "E2E-MOR-0201"},
	{date: "2025-06-04", amount: "83.17", payer: "M JEAN MARTIN", iban: ibanFR("20041000010004567890303"), text: "VIREMENT"},
	{date: "2025-06-05", amount: "37.50", payer: "SCI DES TILLEULS", iban: ibanFR("30003000010005678901404"), text: "ACOMPTE"},
	{date: "2025-06-06", amount: "15.00", payer: "ASSURANCES DU CENTRE", text: "REMBOURSEMENT TROP PERCU"},
	{date: "2025-06-07", amount: "55.00", debit: true, reversal: true, payer: "INCONNU", iban: ibanFR("30066000010006789012505"),
		text: "RETOUR PRLV", ref: "E2E-UNKNOWN-RET"},
	{date: "2025-06-08", amount: "230.00", debit: true, payer: "FOURNISSEUR BUREAU", text: "FACTURE FOURNITURES"},
}

// TestBankStatements: a statement is imported, its sure lines recorded
// and lettered, the others queued; the same file again creates nothing;
// a dry run writes nothing; an unreadable file is refused with its
// issues; the review queue is worked through.
func TestBankStatements(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	bk := newBankBook(t, b, "Acme")
	tok := bk.tok
	june := camt053(juneEntries)

	rec := wantStatus(t, upload(t, c, tok, "", `C:\Banque\relevé juin.xml`, june), http.StatusCreated)
	rep := decode[bankReportJSON](t, rec)
	if rep.ImportID == 0 || rep.FileName != "relevé juin.xml" || rep.Format != "camt053" || rep.Entries != 7 ||
		rep.PaymentsCreated != 2 || rep.AutoMatched != 2 || rep.ToReview != 4 || rep.DebitsIgnored != 1 ||
		rep.DuplicatesSkipped != 0 || rep.Reversals != 0 || rep.DryRun || len(rep.Issues) != 0 {
		t.Fatalf("report %s", rec.Body)
	}
	if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/bank-statements/%d", rep.ImportID) {
		t.Errorf("Location %q", loc)
	}
	inv := stored(t, b, bk.f)
	if inv["FA-2025-0101"].Open().Minor != 0 || inv["FA-2025-0201"].Open().Minor != 0 || inv["FA-2025-0102"].Open().Minor != 83_17 {
		t.Fatalf("after the import: %+v", inv)
	}
	payments := func() []paymentDetailJSON {
		items, _ := walk(t, b, "/api/v1/payments", tok, 50, func(p paymentDetailJSON) int64 { return p.ID })
		return items
	}
	paid := payments()
	if len(paid) != 2 {
		t.Fatalf("payments %+v", paid)
	}
	// An automatic payment says who paid and from which line.
	got := decode[paymentDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", paid[0].ID), tok, ""), http.StatusOK))
	if got.PayerName != "BOULANGERIE LEFEVRE SARL" || got.PayerIBAN != juneEntries[0].iban || got.BankLineID == 0 ||
		len(got.Allocations) != 1 || got.Allocations[0].InvoiceNumber != "FA-2025-0101" || got.Amount != (moneyJSON{120_00, "EUR"}) {
		t.Errorf("automatic payment %+v", got)
	}

	// The history.
	hist := decode[listBody[bankImportJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/bank-statements", tok, ""), http.StatusOK))
	if len(hist.Data) != 1 || hist.Data[0].ID != rep.ImportID || hist.Data[0].ToReview != 4 || hist.Data[0].Actor != bk.f.User.Email ||
		hist.Data[0].Size != int64(len(june)) || len(hist.Data[0].SHA256) != 64 || hist.Data[0].Payments != 5 {
		t.Fatalf("history %+v", hist)
	}
	one := decode[bankImportJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/bank-statements/%d", rep.ImportID), tok, ""), http.StatusOK))
	if one.ID != rep.ImportID || one.FileName != "relevé juin.xml" || one.Issues == nil {
		t.Errorf("import %+v", one)
	}

	// The same statement again, as a raw body: every line is known.
	rec = wantStatus(t, c.do(t, http.MethodPost, "/api/v1/bank-statements?file_name=juin-bis.xml", tok, "application/xml", strings.NewReader(june)), http.StatusCreated)
	again := decode[bankReportJSON](t, rec)
	if again.DuplicatesSkipped != 6 || again.PaymentsCreated != 0 || again.AutoMatched != 0 || again.ToReview != 0 ||
		again.FileName != "juin-bis.xml" || again.Entries != 7 {
		t.Fatalf("the same statement again: %s", rec.Body)
	}
	if n := len(payments()); n != 2 {
		t.Fatalf("the same statement again created payments: %d", n)
	}
	queue := func() []bankLineJSON {
		items, _ := walk(t, b, "/api/v1/bank-lines?status=review&limit=2", tok, 2, bankLineID)
		return items
	}
	if q := queue(); len(q) != 4 {
		t.Fatalf("review queue %+v", q)
	}

	// A dry run of an OFX statement that pays FA-2025-0102: counted,
	// nothing written.
	july := ofxStatement([]bankEntry{
		{date: "2025-06-12", amount: "83.17", payer: "BOULANGERIE LEFEVRE", text: "FACTURE FA-2025-0102"},
		{date: "2025-06-13", amount: "12.00", debit: true, payer: "FRAIS BANCAIRES"},
	})
	rec = wantStatus(t, upload(t, c, tok, "?dry_run=true", "juillet.ofx", july), http.StatusOK)
	dry := decode[bankReportJSON](t, rec)
	if !dry.DryRun || dry.ImportID != 0 || dry.Format != "ofx" || dry.Entries != 2 || dry.AutoMatched != 1 || dry.DebitsIgnored != 1 {
		t.Fatalf("dry run %s", rec.Body)
	}
	if n := len(payments()); n != 2 || stored(t, b, bk.f)["FA-2025-0102"].Open().Minor != 83_17 {
		t.Fatalf("the dry run wrote: %d payments", n)
	}
	hist = decode[listBody[bankImportJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/bank-statements?limit=1", tok, ""), http.StatusOK))
	if len(hist.Data) != 1 || hist.NextCursor == nil {
		t.Fatalf("history page %+v", hist)
	}
	older := decode[listBody[bankImportJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/bank-statements?limit=1&cursor="+*hist.NextCursor, tok, ""), http.StatusOK))
	if len(older.Data) != 1 || older.Data[0].ID != rep.ImportID || older.NextCursor != nil {
		t.Fatalf("older page %+v", older)
	}

	// The OFX for real.
	rec = wantStatus(t, c.do(t, http.MethodPost, "/api/v1/bank-statements?filename=juillet.ofx", tok, "application/x-ofx", strings.NewReader(july)), http.StatusCreated)
	if r := decode[bankReportJSON](t, rec); r.PaymentsCreated != 1 || r.FileName != "juillet.ofx" {
		t.Fatalf("OFX import %s", rec.Body)
	}
	if stored(t, b, bk.f)["FA-2025-0102"].Open().Minor != 0 {
		t.Fatal("the OFX payment did not settle FA-2025-0102")
	}

	testReviewQueue(t, b, c, bk)
}

// testReviewQueue works through the lines of juneEntries left for review.
func testReviewQueue(t *testing.T, b *bundle, c *client, bk *bankBook) {
	tok := bk.tok
	lines, _ := walk(t, b, "/api/v1/bank-lines?status=review", tok, 50, bankLineID)
	byAmount := map[int64]bankLineJSON{}
	for _, l := range lines {
		byAmount[l.Amount.Minor] = l
	}
	amountOnly, unknown, refund, ret := byAmount[83_17], byAmount[37_50], byAmount[15_00], byAmount[55_00]
	if amountOnly.ID == 0 || unknown.ID == 0 || refund.ID == 0 || ret.ID == 0 || !ret.Reversal || amountOnly.Counterparty != "M JEAN MARTIN" ||
		amountOnly.BookingDate != "2025-06-04" || amountOnly.Status != "review" || amountOnly.PaymentID != nil {
		t.Fatalf("review queue %+v", lines)
	}
	line := func(id int64) bankLineDetailJSON {
		return decode[bankLineDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/bank-lines/%d", id), tok, ""), http.StatusOK))
	}

	// The amount alone points to FA-2025-0102, now paid by the OFX: the
	// proposal is still shown with its reasons in both languages.
	d := line(amountOnly.ID)
	if len(d.Proposals) == 0 || d.Proposals[0].DebtorID != bk.lefevre.ID || d.Proposals[0].Index != 0 || len(d.Proposals[0].Reasons) == 0 {
		t.Fatalf("proposals of %d: %+v", amountOnly.ID, d.Proposals)
	}
	for _, r := range d.Proposals[0].Reasons {
		if r.Code == "" || r.MessageFR == "" || r.MessageEN == "" || r.MessageFR == r.MessageEN || strings.HasPrefix(r.MessageEN, "reconcile.") {
			t.Errorf("reason %+v", r)
		}
	}
	// Accepting it: the invoice is settled already, so the money stays as
	// credit on Lefèvre's account.
	wantError(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/accept", amountOnly.ID), tok, `{"proposal":7}`),
		http.StatusBadRequest, ledger.EInvalid, "proposal")
	d = decode[bankLineDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/accept", amountOnly.ID), tok, `{"proposal":0}`), http.StatusOK))
	if d.Status != "resolved" || d.PaymentID == nil || d.DebtorID == nil || *d.DebtorID != bk.lefevre.ID || d.ResolvedBy != bk.f.User.Email || d.ResolvedAt == nil {
		t.Fatalf("accepted %+v", d.bankLineJSON)
	}
	p := decode[paymentDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", *d.PaymentID), tok, ""), http.StatusOK))
	if p.DebtorID != bk.lefevre.ID || p.Amount.Minor != 83_17 || p.BankLineID != amountOnly.ID {
		t.Errorf("accepted payment %+v", p)
	}
	// A line resolved is no longer under review.
	wantError(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/accept", amountOnly.ID), tok, `{"proposal":0}`),
		http.StatusConflict, ledger.EConflict)

	// The unknown payer is Pharmacie Petit, paying part of FA-2025-0301.
	body := fmt.Sprintf(`{"debtor_id":%d,"allocations":[{"invoice_id":%d,"amount":"37.50"}]}`, bk.petit.ID, bk.invoices["FA-2025-0301"].ID)
	d = decode[bankLineDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/assign", unknown.ID), tok, body), http.StatusOK))
	if d.Status != "resolved" || d.DebtorID == nil || *d.DebtorID != bk.petit.ID || d.PaymentID == nil {
		t.Fatalf("assigned %+v", d.bankLineJSON)
	}
	if open := stored(t, b, bk.f)["FA-2025-0301"].Open().Minor; open != 62_50 {
		t.Errorf("FA-2025-0301 open %d after the assignment", open)
	}

	// The refund is no customer's payment.
	d = decode[bankLineDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/ignore", refund.ID), tok, `{"note":"remboursement d'assurance"}`), http.StatusOK))
	if d.Status != "ignored" || d.Note != "remboursement d'assurance" || d.PaymentID != nil {
		t.Fatalf("ignored %+v", d.bankLineJSON)
	}

	// The returned direct debit returns a cheque of Moreau's recorded by
	// hand.
	chq := decode[paymentDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPost, "/api/v1/payments", tok,
		fmt.Sprintf(`{"debtor_id":%d,"amount":"55.00","received_on":"2025-06-01","method":"direct_debit","reference":"PRLV","allocations":[]}`, bk.moreau.ID)), http.StatusCreated))
	d = decode[bankLineDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/reversal", ret.ID), tok, fmt.Sprintf(`{"payment_id":%d}`, chq.ID)), http.StatusOK))
	if d.Status != "reversed" || d.PaymentID == nil || *d.PaymentID != chq.ID {
		t.Fatalf("reversal %+v", d.bankLineJSON)
	}
	chq = decode[paymentDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", chq.ID), tok, ""), http.StatusOK))
	if chq.ReversedOn == nil {
		t.Errorf("the returned payment stands: %+v", chq)
	}
	if rest, _ := walk(t, b, "/api/v1/bank-lines?status=review", tok, 50, bankLineID); len(rest) != 0 {
		t.Errorf("review queue not empty: %+v", rest)
	}
	all, _ := walk(t, b, "/api/v1/bank-lines?limit=3", tok, 3, bankLineID)
	if len(all) != 7 || !ascending(ids(all, bankLineID)) {
		t.Errorf("all lines %v", ids(all, bankLineID))
	}
}

// TestBankUnreadable: a statement the parsers cannot read is refused
// whole (422), its issues naming the line and the reason.
func TestBankUnreadable(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	bk := newBankBook(t, b, "Acme")
	bad := camt053([]bankEntry{
		{date: "2025-06-02", amount: "120.00", payer: "BOULANGERIE LEFEVRE SARL", text: "FA-2025-0101"},
		{date: "2025-06-03", amount: "4S0.00", payer: "GARAGE MOREAU ET FILS", text: "FA-2025-0201"},
	})
	badLine := 0
	for i, l := range strings.Split(bad, "\n") {
		if strings.Contains(l, "4S0.00") {
			badLine = i + 1
		}
	}
	rec := wantStatus(t, upload(t, c, bk.tok, "", "casse.xml", bad), http.StatusUnprocessableEntity)
	rep := decode[bankReportJSON](t, rec)
	if rep.ImportID != 0 || len(rep.Issues) == 0 {
		t.Fatalf("refused import %s", rec.Body)
	}
	is := rep.Issues[0]
	if is.Line != badLine || is.Value != "4S0.00" || is.Message == "" || is.MessageEN == "" || is.Key == "" {
		t.Errorf("issue %+v, want line %d", is, badLine)
	}
	// A statement cut short.
	cut := bad[:strings.Index(bad, "4S0.00")]
	rec = wantStatus(t, upload(t, c, bk.tok, "", "coupe.xml", cut), http.StatusUnprocessableEntity)
	if rep := decode[bankReportJSON](t, rec); len(rep.Issues) == 0 || rep.Issues[0].Line == 0 || rep.Issues[0].MessageEN == "" || rep.ImportID != 0 {
		t.Errorf("cut short: %s", rec.Body)
	}
	// Something that is no statement at all.
	rec = wantStatus(t, c.do(t, http.MethodPost, "/api/v1/bank-statements?file_name=notes.txt", bk.tok, "text/plain", strings.NewReader("Liste de courses : pain, lait\n")), http.StatusUnprocessableEntity)
	if rep := decode[bankReportJSON](t, rec); len(rep.Issues) != 1 || rep.Issues[0].Line != 0 || rep.Issues[0].MessageEN == "" {
		t.Errorf("not a statement: %s", rec.Body)
	}
	// Nothing was written, not even a line.
	if lines := decode[listBody[bankLineJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/bank-lines", bk.tok, ""), http.StatusOK)); len(lines.Data) != 0 {
		t.Errorf("lines written: %+v", lines.Data)
	}
	if n, _ := b.st.BankImports(bk.f.Ctx, store.ImportQuery{Limit: 10}); len(n) != 0 {
		t.Errorf("history %+v", n)
	}
	// Requests the route refuses before reading the file.
	for _, tt := range []struct {
		query, contentType, body string
		status                   int
		code                     string
	}{
		{"?mapping=absent", "text/csv", "Date;Montant\n", http.StatusBadRequest, ledger.EInvalid},
		{"?dry_run=maybe", "text/csv", "Date;Montant\n", http.StatusBadRequest, ledger.EInvalid},
		{"", "application/json", "{}", http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"", "text/plain", "", http.StatusBadRequest, ledger.EInvalid},
	} {
		wantError(t, c.do(t, http.MethodPost, "/api/v1/bank-statements"+tt.query, bk.tok, tt.contentType, strings.NewReader(tt.body)), tt.status, tt.code)
	}
}

// TestBankSettingsAndMappings: the matching settings and the saved bank
// column mappings, and the roles they need.
func TestBankSettingsAndMappings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	viewer := viewerToken(t, b, f)

	type settingsJSON struct {
		AutoThreshold int        `json:"auto_threshold"`
		FeeTolerance  moneyJSON  `json:"fee_tolerance"`
		UpdatedAt     *time.Time `json:"updated_at"`
	}
	s := decode[settingsJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/settings/bank", viewer, ""), http.StatusOK))
	if s.AutoThreshold != 90 || s.FeeTolerance != (moneyJSON{0, "EUR"}) || s.UpdatedAt != nil {
		t.Fatalf("default settings %+v", s)
	}
	s = decode[settingsJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPut, "/api/v1/settings/bank", tok, `{"auto_threshold":80,"fee_tolerance":"1,50"}`), http.StatusOK))
	if s.AutoThreshold != 80 || s.FeeTolerance != (moneyJSON{150, "EUR"}) || s.UpdatedAt == nil {
		t.Fatalf("saved settings %+v", s)
	}
	for _, body := range []string{`{"auto_threshold":40,"fee_tolerance":"0"}`, `{"auto_threshold":90}`, `{"auto_threshold":90,"fee_tolerance":"-1"}`, `{"x":1}`} {
		wantError(t, sendJSON(t, c, http.MethodPut, "/api/v1/settings/bank", tok, body), http.StatusBadRequest, ledger.EInvalid)
	}
	wantError(t, sendJSON(t, c, http.MethodPut, "/api/v1/settings/bank", viewer, `{"auto_threshold":95,"fee_tolerance":"0"}`), http.StatusForbidden, ledger.EForbidden)

	mapping := `{"columns":{"booking_date":"Date opération","label":"Libellé","debit":"Débit","credit":"Crédit"},"date_format":"JJ/MM/AAAA"}`
	rec := wantStatus(t, sendJSON(t, c, http.MethodPut, "/api/v1/bank-mappings/banque%20locale", tok, mapping), http.StatusCreated)
	if loc := rec.Header().Get("Location"); loc != "/api/v1/bank-mappings/banque%20locale" {
		t.Errorf("Location %q", loc)
	}
	wantStatus(t, sendJSON(t, c, http.MethodPut, "/api/v1/bank-mappings/banque%20locale", tok, mapping), http.StatusOK)
	type mappingJSON struct {
		Name    string `json:"name"`
		Mapping struct {
			Columns    map[string]string `json:"columns"`
			DateFormat string            `json:"date_format"`
			Currency   string            `json:"currency"`
		} `json:"mapping"`
		UpdatedAt time.Time `json:"updated_at"`
	}
	ms := decode[listBody[mappingJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/bank-mappings", viewer, ""), http.StatusOK))
	if len(ms.Data) != 1 || ms.Data[0].Name != "banque locale" || ms.Data[0].Mapping.Columns["credit"] != "Crédit" || ms.Data[0].Mapping.DateFormat != "JJ/MM/AAAA" {
		t.Fatalf("mappings %+v", ms)
	}
	for _, body := range []string{
		`{"columns":{"label":"Libellé","amount":"Montant"}}`,
		`{"columns":{"booking_date":"Date"}}`,
		`{"columns":{"booking_date":"Date","amount":"Montant","colour":"Couleur"}}`,
		`{"columns":{"booking_date":"Date","amount":" "}}`,
		`{"columns":{"booking_date":"Date","amount":"Montant"},"date_format":"le jour d'abord"}`,
		`{"columns":{"booking_date":"Date","amount":"Montant"},"currency":"euros"}`,
		`{"columns":{"booking_date":"Date","amount":"Montant"},"sheet":"1"}`,
	} {
		wantError(t, sendJSON(t, c, http.MethodPut, "/api/v1/bank-mappings/x", tok, body), http.StatusBadRequest, ledger.EInvalid)
	}
	wantError(t, sendJSON(t, c, http.MethodPut, "/api/v1/bank-mappings/x", viewer, mapping), http.StatusForbidden, ledger.EForbidden)

	// A CSV export read through the mapping.
	csv := "Date opération;Libellé;Débit;Crédit\n05/06/2025;VIR SEPA DUPONT;;25,00\n06/06/2025;CB PAPETERIE;12,00;\n"
	rec = wantStatus(t, c.do(t, http.MethodPost, "/api/v1/bank-statements?mapping=banque%20locale&file_name=export.csv", tok, "text/csv", strings.NewReader(csv)), http.StatusCreated)
	if r := decode[bankReportJSON](t, rec); r.Format != "csv" || r.Entries != 2 || r.ToReview != 1 || r.DebitsIgnored != 1 {
		t.Fatalf("CSV through the mapping: %s", rec.Body)
	}
	hist := decode[listBody[bankImportJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, "/api/v1/bank-statements", viewer, ""), http.StatusOK))
	if len(hist.Data) != 1 || hist.Data[0].Mapping != "banque locale" {
		t.Errorf("history %+v", hist.Data)
	}

	wantStatus(t, sendJSON(t, c, http.MethodDelete, "/api/v1/bank-mappings/banque%20locale", tok, ""), http.StatusNoContent)
	wantError(t, sendJSON(t, c, http.MethodDelete, "/api/v1/bank-mappings/banque%20locale", tok, ""), http.StatusNotFound, ledger.ENotFound)
	// A viewer imports nothing.
	wantError(t, c.do(t, http.MethodPost, "/api/v1/bank-statements", viewer, "text/csv", strings.NewReader(csv)), http.StatusForbidden, ledger.EForbidden)
}

// TestBankRoutesMatchOpenAPI sends every bank and lettrage route the
// request that succeeds, through the document's validator, so that each
// documented success is a real one.
func TestBankRoutesMatchOpenAPI(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	covered := map[string]bool{}
	for _, rq := range bankRequests(t, b) {
		rec := c.do(t, rq.method, rq.target, rq.token, rq.contentType, strings.NewReader(rq.body))
		route, _, err := c.router.FindRoute(httptest.NewRequest(rq.method, rq.target, nil))
		if err != nil {
			continue // reported by c.do
		}
		covered[fmt.Sprintf("%s /api/v1%s %d", rq.method, route.Path, rec.Code)] = true
	}
	for _, want := range bankAnswers {
		if !covered[want] {
			t.Errorf("no request validates %s", want)
		}
	}
}

// bankAnswers are the answers of the bank and lettrage routes that
// bankRequests must reach: every success, and the refused statement.
var bankAnswers = []string{
	"POST /api/v1/payments 201", "GET /api/v1/payments/{id} 200", "POST /api/v1/payments/{id}/reversal 200",
	"GET /api/v1/allocations 200", "POST /api/v1/allocations 201", "DELETE /api/v1/allocations/{id} 204",
	"POST /api/v1/bank-statements 201", "POST /api/v1/bank-statements 200", "POST /api/v1/bank-statements 422",
	"GET /api/v1/bank-statements 200", "GET /api/v1/bank-statements/{id} 200",
	"GET /api/v1/bank-lines 200", "GET /api/v1/bank-lines/{id} 200",
	"POST /api/v1/bank-lines/{id}/accept 200", "POST /api/v1/bank-lines/{id}/assign 200",
	"POST /api/v1/bank-lines/{id}/ignore 200", "POST /api/v1/bank-lines/{id}/reversal 200",
	"GET /api/v1/settings/bank 200", "PUT /api/v1/settings/bank 200",
	"GET /api/v1/bank-mappings 200", "PUT /api/v1/bank-mappings/{name} 201", "PUT /api/v1/bank-mappings/{name} 200",
	"DELETE /api/v1/bank-mappings/{name} 204",
}

// docRequest is a request of bankRequests.
type docRequest struct {
	method, target, token, contentType, body string
}

// bankRequests prepares, in an organization of its own, what the bank
// and lettrage routes work on, and returns requests that reach each of
// their success answers and their errors, in the order to send them.
// TestResponsesMatchOpenAPI may send them too.
func bankRequests(t *testing.T, b *bundle) []docRequest {
	t.Helper()
	bk := newBankBook(t, b, "Bank routes")
	svc := banking.New(b.st, func() time.Time { return now })
	rep, err := svc.Import(bk.f.Ctx, []byte(camt053(juneEntries)), banking.ImportOptions{FileName: "juin.xml"})
	must(t, err)
	lines, err := b.st.BankLines(bk.f.Ctx, store.BankLineQuery{Status: store.LineReview, Limit: -1})
	must(t, err)
	review := map[int64]int64{} // by amount
	for _, l := range lines {
		review[l.Amount.Minor] = l.ID
	}
	pay := bk.f.Payment(t, b.st, bk.petit.ID, "2025-06-01", 20_00, "CHQ 881")
	ret := bk.f.Payment(t, b.st, bk.moreau.ID, "2025-06-01", 55_00, "PRLV")
	manual := &ledger.Allocation{InvoiceID: bk.invoices["FA-2025-0301"].ID, PaymentID: pay.ID, Amount: eur(5_00)}
	must(t, b.st.Allocate(bk.f.Ctx, manual))

	stranger, err := svc.Import(bk.f.Ctx, []byte(camt053(juneEntries[4:5])), banking.ImportOptions{FileName: "assurance.xml"})
	must(t, err)
	tok := bk.tok
	get := func(target string) docRequest { return docRequest{http.MethodGet, target, tok, "", ""} }
	js := func(method, target, body string) docRequest {
		return docRequest{method, target, tok, "application/json", body}
	}
	return []docRequest{
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-statements/%d/undo", stranger.ImportID), ""),
		js(http.MethodPost, "/api/v1/bank-statements/999999/undo", ""),
		js(http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"100.00","currency":"EUR","received_on":"2025-06-10","method":"cheque","reference":"FA-2025-0102"}`, bk.lefevre.ID)),
		js(http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"cent","received_on":"2025-06-10"}`, bk.lefevre.ID)),
		js(http.MethodPost, "/api/v1/payments", `{"debtor_id":999999,"amount":"1.00","received_on":"2025-06-10"}`),
		get(fmt.Sprintf("/api/v1/payments/%d", pay.ID)), get("/api/v1/payments/999999"), get("/api/v1/payments/x"),
		get(fmt.Sprintf("/api/v1/allocations?payment_id=%d", pay.ID)), get("/api/v1/allocations"),
		js(http.MethodPost, "/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"10.00"}`, bk.invoices["FA-2025-0301"].ID, pay.ID)),
		js(http.MethodPost, "/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"900.00"}`, bk.invoices["FA-2025-0301"].ID, pay.ID)),
		js(http.MethodPost, "/api/v1/allocations", `{"invoice_id":999999,"payment_id":1,"amount":"1.00"}`),
		js(http.MethodDelete, fmt.Sprintf("/api/v1/allocations/%d?reason=erreur", manual.ID), ""),
		js(http.MethodDelete, "/api/v1/allocations/999999", ""),
		js(http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/reversal", pay.ID), `{"on":"2025-06-12","reason":"chèque impayé"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/reversal", pay.ID), `{}`),
		js(http.MethodPost, "/api/v1/payments/999999/reversal", `{}`),
		{http.MethodPost, "/api/v1/bank-statements?file_name=juin.xml", tok, "application/xml", camt053(juneEntries)},
		{http.MethodPost, "/api/v1/bank-statements?dry_run=true", tok, "application/x-ofx", ofxStatement(juneEntries[:2])},
		{http.MethodPost, "/api/v1/bank-statements", tok, "text/plain", "pas un relevé\n"},
		{http.MethodPost, "/api/v1/bank-statements", tok, "application/json", "{}"},
		{http.MethodPost, "/api/v1/bank-statements", "", "application/xml", "<x/>"},
		get("/api/v1/bank-statements"), get("/api/v1/bank-statements?cursor=bad"),
		get(fmt.Sprintf("/api/v1/bank-statements/%d", rep.ImportID)), get("/api/v1/bank-statements/999999"),
		get("/api/v1/bank-lines?status=review&limit=2"), get("/api/v1/bank-lines?status=lost"),
		get(fmt.Sprintf("/api/v1/bank-lines?import_id=%d", rep.ImportID)),
		get(fmt.Sprintf("/api/v1/bank-lines/%d", review[83_17])), get("/api/v1/bank-lines/999999"),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/accept", review[83_17]), `{"proposal":0}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/accept", review[83_17]), `{"proposal":0}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/assign", review[37_50]),
			fmt.Sprintf(`{"debtor_id":%d,"allocations":[{"invoice_id":%d,"amount":"30.00"}]}`, bk.petit.ID, bk.invoices["FA-2025-0301"].ID)),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/ignore", review[15_00]), `{"note":"remboursement"}`),
		js(http.MethodPost, "/api/v1/bank-lines/999999/ignore", `{}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/reversal", review[55_00]), fmt.Sprintf(`{"payment_id":%d}`, ret.ID)),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-lines/%d/reversal", review[55_00]), `{"payment_id":0}`),
		get("/api/v1/settings/bank"),
		js(http.MethodPut, "/api/v1/settings/bank", `{"auto_threshold":85,"fee_tolerance":"0.50"}`),
		js(http.MethodPut, "/api/v1/settings/bank", `{"auto_threshold":101,"fee_tolerance":"0.50"}`),
		js(http.MethodPut, "/api/v1/bank-mappings/csv", `{"columns":{"booking_date":"Date","amount":"Montant","label":"Libellé"},"currency":"EUR"}`),
		js(http.MethodPut, "/api/v1/bank-mappings/csv", `{"columns":{"booking_date":"Date","amount":"Montant"}}`),
		js(http.MethodPut, "/api/v1/bank-mappings/csv", `{"columns":{}}`),
		get("/api/v1/bank-mappings"),
		js(http.MethodDelete, "/api/v1/bank-mappings/csv", ""),
		js(http.MethodDelete, "/api/v1/bank-mappings/csv", ""),
		get(fmt.Sprintf("/api/v1/debtors/%d/case", bk.petit.ID)), get("/api/v1/debtors/999999/case"),
		js(http.MethodPost, fmt.Sprintf("/api/v1/bank-statements/%d/undo", rep.ImportID), ""),
	}
}

// TestBankUndo: a statement import is undone through the API — its
// payments go, the invoices are due again, the statement can be
// imported anew —, a second undo is a conflict, and an import whose
// debtors had other events since says why it stays.
func TestBankUndo(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	bk := newBankBook(t, b, "Acme")
	send := func() bankReportJSON {
		t.Helper()
		rec := wantStatus(t, upload(t, c, bk.tok, "", "juin.xml", camt053(juneEntries[:2])), http.StatusCreated)
		return decode[bankReportJSON](t, rec)
	}
	rep := send()
	imp := decode[bankImportJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/bank-statements/%d", rep.ImportID), bk.tok, ""), http.StatusOK))
	if imp.PaymentsCreated != 2 || imp.Status != "applied" {
		t.Fatalf("import = %+v", imp)
	}
	got := decode[bankImportJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/bank-statements/%d", imp.ID), bk.tok, ""), http.StatusOK))
	if got.Undoable == nil || !*got.Undoable {
		t.Fatalf("undoable = %+v", got)
	}
	other := storetest.NewFixture(t, b.st, "Other")
	wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-statements/%d/undo", imp.ID), b.token(t, other), ""), http.StatusNotFound)
	undone := decode[bankImportJSON](t, wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-statements/%d/undo", imp.ID), bk.tok, ""), http.StatusOK))
	if undone.Status != "undone" || undone.UndoneAt == nil || undone.Undoable == nil || *undone.Undoable || undone.UndoBlocker != store.BankUndoUndone {
		t.Fatalf("undone = %+v", undone)
	}
	inv, err := b.st.GetInvoice(bk.f.Ctx, bk.invoices["FA-2025-0101"].ID)
	must(t, err)
	if inv.Allocated.Minor != 0 {
		t.Fatalf("FA-2025-0101 still settled by %v", inv.Allocated)
	}
	wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-statements/%d/undo", imp.ID), bk.tok, ""), http.StatusConflict)

	again := send()
	if again.PaymentsCreated != 2 || again.DuplicatesSkipped != 0 {
		t.Fatalf("imported again = %+v", again)
	}
	bk.f.Payment(t, b.st, bk.lefevre.ID, "2025-06-10", 1_00, "espèces")
	rec := wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/bank-statements/%d/undo", again.ImportID), bk.tok, ""), http.StatusConflict)
	if !strings.Contains(rec.Body.String(), store.BankUndoChanged) {
		t.Fatalf("refusal = %s", rec.Body.String())
	}
}

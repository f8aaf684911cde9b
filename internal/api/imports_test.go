package api_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// importHeader is the header row of the aged balances the tests import,
// as a French accounting package writes it.
const importHeader = "N° facture;Client;Code client;Date facture;Échéance;Montant TTC;Reste dû\n"

// balance1 is a firm's first export of its open invoices: F-002 was paid
// in part before the import, AV-004 is a credit note.
const balance1 = importHeader +
	"F-001;Boulangerie Martin SARL;C001;05/04/2025;05/05/2025;1 200,00;1 200,00\n" +
	"F-002;Boulangerie Martin SARL;C001;10/04/2025;10/05/2025;300,50;100,50\n" +
	"F-003;Jean Dupont;C002;15/04/2025;15/05/2025;80,00;80,00\n" +
	"AV-004;Jean Dupont;C002;20/04/2025;;-20,00;-20,00\n"

// balance2 is the next full aged balance: F-001 is gone (paid outside
// recouvre), F-005 is new.
const balance2 = importHeader +
	"F-002;Boulangerie Martin SARL;C001;10/04/2025;10/05/2025;300,50;100,50\n" +
	"F-003;Jean Dupont;C002;15/04/2025;15/05/2025;80,00;80,00\n" +
	"AV-004;Jean Dupont;C002;20/04/2025;;-20,00;-20,00\n" +
	"F-005;Jean Dupont;C002;02/06/2025;02/07/2025;45,00;45,00\n"

// badBalance has an impossible due date on line 2 and an amount in words
// on line 3; line 4 is valid.
const badBalance = importHeader +
	"F-010;Garage Leroy;C003;01/05/2025;31/02/2025;500,00;500,00\n" +
	"F-011;Garage Leroy;C003;02/05/2025;01/06/2025;cinq cents;500,00\n" +
	"F-012;Garage Leroy;C003;03/05/2025;02/06/2025;75,00;75,00\n"

// The shapes of the import routes, as a client would declare them.

type (
	importReportJSON = importer.ReportJSON
	importErrorJSON  = importer.ErrorJSON
	importBatchJSON  = importer.BatchJSON
)

type importDetailJSON struct {
	importBatchJSON
	MappingName string            `json:"mapping_name"`
	SkipInvalid bool              `json:"skip_invalid"`
	Size        int64             `json:"size"`
	UndoneBy    string            `json:"undone_by"`
	Undoable    bool              `json:"undoable"`
	UndoBlocker string            `json:"undo_blocker"`
	Errors      []importErrorJSON `json:"errors"`
}

type mappingBodyJSON struct {
	Columns  map[string]string `json:"columns"`
	Currency string            `json:"currency"`
}

type importMappingJSON struct {
	Name      string          `json:"name"`
	Mapping   mappingBodyJSON `json:"mapping"`
	UpdatedAt time.Time       `json:"updated_at"`
}

func batchID(b importBatchJSON) int64 { return b.ID }

// client serves requests through a mux and checks every response against
// the OpenAPI document, as TestResponsesMatchOpenAPI does.
type client struct {
	mux    http.Handler
	router routers.Router
}

func newClient(t *testing.T, mux http.Handler) *client {
	t.Helper()
	registerDecoders()
	router, err := gorillamux.NewRouter(loadDoc(t))
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return &client{mux: mux, router: router}
}

// send serves req and validates its response.
func (c *client) send(t *testing.T, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	c.mux.ServeHTTP(rec, req)
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: no route in the document: %v", req.Method, req.URL, err)
		return rec
	}
	validateResponse(t, req, rec, route, params)
	return rec
}

// do builds and sends a request; contentType may be "".
func (c *client) do(t *testing.T, method, target, tok, contentType string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return c.send(t, req)
}

// raw posts a file as the whole body.
func (c *client) raw(t *testing.T, tok, query, contentType, data string) *httptest.ResponseRecorder {
	t.Helper()
	return c.do(t, http.MethodPost, "/api/v1/imports"+query, tok, contentType, strings.NewReader(data))
}

// csv posts a CSV as the whole body.
func (c *client) csv(t *testing.T, tok, query, data string) *httptest.ResponseRecorder {
	t.Helper()
	return c.raw(t, tok, query, "text/csv; charset=utf-8", data)
}

// form posts a file as the field "file" of a multipart form.
func (c *client) form(t *testing.T, tok, query, fileName string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	body, contentType := multipartBody(t, "file", fileName, data)
	return c.do(t, http.MethodPost, "/api/v1/imports"+query, tok, contentType, body)
}

// multipartBody writes a form with one file field.
func multipartBody(t *testing.T, field, fileName string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, fileName)
	must(t, err)
	_, err = fw.Write(data)
	must(t, err)
	must(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

// report checks an import's status and reads its report.
func report(t *testing.T, rec *httptest.ResponseRecorder, status int) importReportJSON {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	return decode[importReportJSON](t, rec)
}

// counts checks a report's numbers.
func counts(t *testing.T, r importReportJSON, created, updated, unchanged, settled int) {
	t.Helper()
	if r.Created != created || r.Updated != updated || r.Unchanged != unchanged || r.Settled != settled {
		t.Fatalf("created %d updated %d unchanged %d settled %d, want %d %d %d %d; errors %+v",
			r.Created, r.Updated, r.Unchanged, r.Settled, created, updated, unchanged, settled, r.Errors)
	}
}

// stored returns the organization's documents by number, from the store.
func stored(t *testing.T, b *bundle, f storetest.Fixture) map[string]ledger.Invoice {
	t.Helper()
	page, err := b.st.ListInvoices(f.Ctx, store.InvoiceQuery{Limit: 500, Today: today})
	must(t, err)
	out := map[string]ledger.Invoice{}
	for _, inv := range page.Invoices {
		out[inv.Number] = inv
	}
	return out
}

// history returns the organization's imports, newest first, from the store.
func history(t *testing.T, b *bundle, f storetest.Fixture) []store.ImportBatch {
	t.Helper()
	hist, err := b.st.ImportBatches(f.Ctx, store.ImportQuery{Limit: 500})
	must(t, err)
	return hist
}

// viewerToken adds a user with the viewer role to f's organization and
// returns an API token of theirs.
func viewerToken(t *testing.T, b *bundle, f storetest.Fixture) string {
	t.Helper()
	u := ledger.User{Email: fmt.Sprintf("viewer-%d@recouvre.test", f.Org.ID), Name: "Viewer"}
	must(t, b.st.CreateUser(t.Context(), &u))
	must(t, b.st.AddMembership(t.Context(), ledger.Membership{OrgID: f.Org.ID, UserID: u.ID, Role: "viewer"}))
	return createToken(t, b.st, f.Org.ID, u.ID)
}

// ciiInvoice writes a CII invoice (EN 16931) for buyer.
func ciiInvoice(number, buyer, siren, total string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"` +
		` xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"` +
		` xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocument><ram:ID>` + number + `</ram:ID><ram:TypeCode>380</ram:TypeCode>` +
		`<ram:IssueDateTime><udt:DateTimeString format="102">20250502</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
<ram:ApplicableHeaderTradeAgreement><ram:BuyerTradeParty><ram:Name>` + buyer + `</ram:Name>` +
		`<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">` + siren + `</ram:ID></ram:SpecifiedLegalOrganization>` +
		`</ram:BuyerTradeParty></ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeDelivery/>
<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>` +
		`<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20250601</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>` +
		`<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:GrandTotalAmount>` + total + `</ram:GrandTotalAmount>` +
		`<ram:DuePayableAmount>` + total + `</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>` +
		`</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`
}

// facturX writes a small Factur-X PDF: an empty page tree and the CII
// invoice attached as factur-x.xml.
func facturX(number, buyer, siren, total string) []byte {
	xml := ciiInvoice(number, buyer, siren, total)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> /AF [4 0 R] >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Names [(factur-x.xml) 4 0 R] >>",
		"<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /AFRelationship /Data /EF << /F 5 0 R >> >>",
		fmt.Sprintf("<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length %d >>\nstream\n%s\nendstream", len(xml), xml),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// TestImportUploads: a CSV sent as a multipart form and as a raw body,
// the report's numbers, the re-import that changes nothing, the dry run
// that writes nothing.
func TestImportUploads(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)

	rec := c.form(t, tok, "", `C:\Exports\relevé juin.csv`, []byte(balance1))
	r := report(t, rec, http.StatusCreated)
	counts(t, r, 4, 0, 0, 0)
	if !r.Written || r.DryRun || r.BatchID == 0 || r.Format != "csv" || r.Encoding != "UTF-8" || r.Lines != 5 ||
		r.DebtorsCreated != 2 || r.ErrorCount != 0 || r.Errors == nil || len(r.Errors) != 0 || r.SnapshotSkipped {
		t.Fatalf("report %s", rec.Body)
	}
	if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/imports/%d", r.BatchID) {
		t.Errorf("Location %q", loc)
	}
	// The invoices are there, with what was paid before the import.
	invs := stored(t, b, f)
	if len(invs) != 4 || invs["F-002"].Amount != eur(30050) || invs["F-002"].Open() != eur(10050) ||
		invs["AV-004"].Kind != ledger.DocCreditNote || invs["F-001"].DueDate != date("2025-05-05") {
		t.Fatalf("invoices %+v", invs)
	}
	inv := decode[invoiceJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/invoices/%d", invs["F-002"].ID), tok, "", nil))
	if inv.OpenAmount.Minor != 10050 || inv.Allocated.Minor != 20000 || inv.Status != "overdue" {
		t.Errorf("F-002 through the API: %+v", inv)
	}
	// The history keeps the file's base name.
	first := decode[importDetailJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/imports/%d", r.BatchID), tok, "", nil))
	if first.FileName != "relevé juin.csv" || first.Status != store.BatchApplied || first.Created != 4 || first.Actor != f.User.Email ||
		first.Size != int64(len(balance1)) || len(first.SHA256) != 64 || !first.Undoable || first.UndoBlocker != "" || first.UndoneAt != nil {
		t.Errorf("history %+v", first)
	}

	// The same file again, as a raw body: nothing changes, and it says so.
	rec = c.csv(t, tok, "?file_name=balance.csv", balance1)
	r = report(t, rec, http.StatusCreated)
	counts(t, r, 0, 0, 4, 0)
	if !r.Written || r.DebtorsCreated != 0 || len(stored(t, b, f)) != 4 {
		t.Fatalf("re-import %s", rec.Body)
	}
	again := decode[importDetailJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/imports/%d", r.BatchID), tok, "", nil))
	if again.FileName != "balance.csv" || again.SHA256 != first.SHA256 {
		t.Errorf("re-import in the history: %+v", again)
	}

	// A dry run of the next balance says what it would do and writes
	// nothing, not even in the history.
	before := len(history(t, b, f))
	rec = c.csv(t, tok, "?dry_run=true&snapshot=true", balance2)
	r = report(t, rec, http.StatusOK)
	counts(t, r, 1, 0, 3, 1)
	if r.Written || !r.DryRun || r.BatchID != 0 || strings.Contains(rec.Body.String(), "batch_id") {
		t.Fatalf("dry run %s", rec.Body)
	}
	invs = stored(t, b, f)
	if _, ok := invs["F-005"]; ok || len(invs) != 4 || invs["F-001"].Open() != eur(120000) || len(history(t, b, f)) != before {
		t.Fatalf("the dry run wrote: %+v", invs)
	}

	// The media type does not decide the format: a CSV sent as
	// application/octet-stream is read as a CSV.
	r = report(t, c.raw(t, tok, "?format=auto", "application/octet-stream", balance1), http.StatusCreated)
	if r.Format != "csv" || r.Unchanged != 4 {
		t.Errorf("octet-stream: %+v", r)
	}
}

// TestImportStreamed sends a large CSV as a chunked multipart body that
// is written while the API reads it.
func TestImportStreamed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	const n = 3000
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", "big.csv")
		if err == nil {
			_, err = io.WriteString(fw, importHeader)
		}
		for i := 0; i < n && err == nil; i++ {
			_, err = fmt.Fprintf(fw, "G-%05d;Client %d;K%04d;02/05/2025;01/06/2025;%d,00;%d,00\n", i, i%50, i%50, 10+i, 10+i)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/imports", pr)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if req.ContentLength != -1 {
		t.Fatalf("ContentLength %d, want a body of unknown length", req.ContentLength)
	}
	r := report(t, c.send(t, req), http.StatusCreated)
	counts(t, r, n, 0, 0, 0)
	if r.DebtorsCreated != 50 || r.Lines != n+1 || r.ErrorCount != 0 {
		t.Errorf("report %+v", r)
	}
	if d, err := b.st.GetImportBatch(f.Ctx, r.BatchID); err != nil || d.Created != n || d.FileName != "big.csv" {
		t.Errorf("history %+v (%v)", d, err)
	}
}

// TestImportErrors: a file with errors is refused whole, with a report
// (422) that says where and why; skip_invalid imports the valid lines.
func TestImportErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)

	rec := c.csv(t, tok, "?file_name=leroy.csv", badBalance)
	r := report(t, rec, http.StatusUnprocessableEntity)
	// created counts what the file would have created, as the CLI's
	// report does; written says nothing was.
	if r.Written || r.DryRun || r.ErrorCount != 2 || len(r.Errors) != 2 || r.BatchID == 0 || r.Created != 1 || r.Lines != 4 {
		t.Fatalf("refused import %s", rec.Body)
	}
	e1, e2 := r.Errors[0], r.Errors[1]
	if e1.Line != 2 || e1.Column != "Échéance" || e1.Value != "31/02/2025" || !strings.Contains(e1.Message, "31/02/2025") {
		t.Errorf("first error %+v", e1)
	}
	if e2.Line != 3 || e2.Column != "Montant TTC" || e2.Value != "cinq cents" || e2.Message == "" {
		t.Errorf("second error %+v", e2)
	}
	if len(stored(t, b, f)) != 0 {
		t.Fatal("a refused import wrote invoices")
	}
	// The messages are in English by default, in French when asked,
	// like the CLI's --lang.
	fr := report(t, c.csv(t, tok, "?lang=fr", badBalance), http.StatusUnprocessableEntity)
	if fr.Errors[0].Message == e1.Message || !strings.Contains(fr.Errors[0].Message, "31/02/2025") || fr.Errors[1].Value != "cinq cents" {
		t.Errorf("French %+v, English %+v", fr.Errors, r.Errors)
	}
	// The refused import is in the history with its errors.
	d := decode[importDetailJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/imports/%d?lang=fr", r.BatchID), tok, "", nil))
	if d.Status != store.BatchRefused || d.ErrorCount != 2 || len(d.Errors) != 2 || d.Errors[0] != fr.Errors[0] || d.Undoable ||
		d.UndoBlocker == "" || d.FileName != "leroy.csv" {
		t.Errorf("refused import in the history: %+v", d)
	}
	// It cannot be undone: it wrote nothing.
	wantError(t, c.do(t, http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", r.BatchID), tok, "", nil),
		http.StatusConflict, ledger.EConflict, "wrote nothing")

	// A dry run with errors is still a dry run: 200, with the errors.
	dry := report(t, c.csv(t, tok, "?dry_run=1", badBalance), http.StatusOK)
	if dry.Written || dry.ErrorCount != 2 || dry.Created != 1 {
		t.Errorf("dry run with errors: %+v", dry)
	}

	// skip_invalid: the valid line goes in, the others are reported.
	rec = c.csv(t, tok, "?skip_invalid=true", badBalance)
	r = report(t, rec, http.StatusCreated)
	counts(t, r, 1, 0, 0, 0)
	if !r.Written || r.ErrorCount != 2 || len(r.Errors) != 2 {
		t.Fatalf("skip invalid %s", rec.Body)
	}
	if invs := stored(t, b, f); len(invs) != 1 || invs["F-012"].Amount != eur(7500) {
		t.Errorf("skip invalid wrote %+v", invs)
	}

	// A file that cannot be read at all: one error for the whole file.
	r = report(t, c.csv(t, tok, "", "rien;du;tout\n1;2;3\n"), http.StatusUnprocessableEntity)
	if r.ErrorCount != 1 || r.Written || r.Errors[0].Message == "" {
		t.Errorf("unreadable file: %+v", r)
	}
	// A forced format the file is not.
	r = report(t, c.csv(t, tok, "?format=ubl", balance1), http.StatusUnprocessableEntity)
	if r.Format != "ubl" || r.ErrorCount == 0 || r.Written {
		t.Errorf("forced format: %+v", r)
	}
}

// TestImportSnapshotAndUndo: a snapshot settles the invoices absent from
// the file; the history lists the imports; an import is undone once.
func TestImportSnapshotAndUndo(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)

	first := report(t, c.csv(t, tok, "?file_name=semaine-1.csv", balance1), http.StatusCreated)
	// Without snapshot, an absent invoice stays open.
	plain := report(t, c.csv(t, tok, "?file_name=semaine-2.csv", balance2), http.StatusCreated)
	counts(t, plain, 1, 0, 3, 0)
	if stored(t, b, f)["F-001"].Open() != eur(120000) {
		t.Fatal("F-001 settled without snapshot")
	}
	snap := report(t, c.csv(t, tok, "?file_name=semaine-2.csv&snapshot=true", balance2), http.StatusCreated)
	counts(t, snap, 0, 0, 4, 1)
	f1 := stored(t, b, f)["F-001"]
	if f1.Open().Minor != 0 {
		t.Fatalf("F-001 still open after the snapshot: %v", f1.Open())
	}
	inv := decode[invoiceJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/invoices/%d", f1.ID), tok, "", nil))
	if inv.Status != "paid" || inv.OpenAmount.Minor != 0 {
		t.Errorf("F-001 through the API: %+v", inv)
	}
	// A snapshot with errors settles nothing and says so.
	skipped := report(t, c.csv(t, tok, "?snapshot=true&skip_invalid=true", balance2+"F-006;Jean Dupont;C002;31/02/2025;;10,00;10,00\n"), http.StatusCreated)
	if !skipped.SnapshotSkipped || skipped.Settled != 0 || skipped.ErrorCount != 1 {
		t.Errorf("snapshot with errors: %+v", skipped)
	}

	// The history, newest first, page by page.
	items, pages := walkBack(t, c, "/api/v1/imports?limit=2", tok, 2)
	got := ids(items, batchID)
	if len(got) != 4 || pages != 2 || got[0] != skipped.BatchID || got[1] != snap.BatchID || got[3] != first.BatchID {
		t.Fatalf("history %v in %d pages", got, pages)
	}
	if items[1].Snapshot != true || items[1].Settled != 1 || items[1].FileName != "semaine-2.csv" || items[1].Status != store.BatchApplied {
		t.Errorf("snapshot in the history: %+v", items[1])
	}
	// A cursor of another list is refused.
	wantError(t, c.do(t, http.MethodGet, "/api/v1/imports?cursor="+cursorOf("debtors", snap.BatchID), tok, "", nil),
		http.StatusBadRequest, ledger.EInvalid, "cursor")

	// Undo the snapshot: F-001 is open again. The import after it
	// touched none of its invoices.
	d := decode[importDetailJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/imports/%d", snap.BatchID), tok, "", nil))
	if !d.Undoable {
		t.Fatalf("snapshot not undoable: %+v", d)
	}
	rec := c.do(t, http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", snap.BatchID), tok, "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("undo: %d %s", rec.Code, rec.Body)
	}
	d = decode[importDetailJSON](t, rec)
	if d.Status != store.BatchUndone || d.UndoneAt == nil || !d.UndoneAt.Equal(now) || d.UndoneBy != f.User.Email || d.Undoable ||
		!strings.Contains(d.UndoBlocker, "already undone") {
		t.Errorf("undone %+v", d)
	}
	if open := stored(t, b, f)["F-001"].Open(); open != eur(120000) {
		t.Errorf("F-001 after the undo: open %v", open)
	}
	// A second undo is a conflict, with the reason.
	wantError(t, c.do(t, http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", snap.BatchID), tok, "", nil),
		http.StatusConflict, ledger.EConflict, "cannot be undone", "already undone")
	// What the first import wrote has had other events since (F-001
	// settled, then put back): it cannot be undone.
	wantError(t, c.do(t, http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", first.BatchID), tok, "", nil),
		http.StatusConflict, ledger.EConflict, "cannot be undone", "since")
	if len(stored(t, b, f)) != 5 {
		t.Errorf("a refused undo changed the invoices: %d", len(stored(t, b, f)))
	}
	// The undone import is listed as such.
	items, _ = walkBack(t, c, "/api/v1/imports", tok, 50)
	if items[1].ID != snap.BatchID || items[1].Status != store.BatchUndone || items[1].UndoneAt == nil {
		t.Errorf("undone import in the history: %+v", items[1])
	}
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports/987654/undo", tok, "", nil), http.StatusNotFound, ledger.ENotFound)
	wantError(t, c.do(t, http.MethodGet, "/api/v1/imports/0", tok, "", nil), http.StatusBadRequest, ledger.EInvalid, "id:")
	wantError(t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/imports/%d?lang=de", first.BatchID), tok, "", nil),
		http.StatusBadRequest, ledger.EInvalid, "lang:")
}

// walkBack follows next_cursor through the import history, which goes
// from the newest to the oldest.
func walkBack(t *testing.T, c *client, first, tok string, limit int) (items []importBatchJSON, pages int) {
	t.Helper()
	target := first
	for {
		rec := c.do(t, http.MethodGet, target, tok, "", nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
		}
		page := decode[listBody[importBatchJSON]](t, rec)
		pages++
		if len(page.Data) > limit || len(page.Data) == 0 && pages > 1 {
			t.Fatalf("page %d has %d items, limit %d", pages, len(page.Data), limit)
		}
		items = append(items, page.Data...)
		if page.NextCursor == nil {
			break
		}
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
		sep := "?"
		if strings.Contains(first, "?") {
			sep = "&"
		}
		target = first + sep + "cursor=" + *page.NextCursor
	}
	got := ids(items, batchID)
	for i := 1; i < len(got); i++ {
		if got[i] >= got[i-1] {
			t.Fatalf("history not newest first: %v", got)
		}
	}
	return items, pages
}

// TestImportMappings: a mapping is saved, listed, replaced, used by an
// import whose headers no detection would recognise, and deleted.
func TestImportMappings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	odd := "Doc;Qui;Clef;Quand;Butoir;Combien;Encore\n" +
		"M-001;Boulangerie Martin SARL;C001;05/04/2025;05/05/2025;1 200,00;1 200,00\n" +
		"M-002;Jean Dupont;C002;15/04/2025;15/05/2025;80,00;30,00\n"
	put := func(name, body string) *httptest.ResponseRecorder {
		return c.do(t, http.MethodPut, "/api/v1/import-mappings/"+name, tok, "application/json", strings.NewReader(body))
	}

	// Without a mapping, the headers say nothing: refused.
	r := report(t, c.csv(t, tok, "", odd), http.StatusUnprocessableEntity)
	if r.ErrorCount != 1 || r.Written {
		t.Fatalf("odd headers without a mapping: %+v", r)
	}

	empty := decode[listBody[importMappingJSON]](t, c.do(t, http.MethodGet, "/api/v1/import-mappings", tok, "", nil))
	if len(empty.Data) != 0 || empty.NextCursor != nil {
		t.Fatalf("mappings %+v", empty)
	}
	// A first version without the remaining amount: created.
	rec := put("Export%20Sage", `{"columns":{"number":"Doc","debtor_name":"Qui","issue_date":"Quand","amount":"Combien"}}`)
	if rec.Code != http.StatusCreated || rec.Header().Get("Location") != "/api/v1/import-mappings/Export%20Sage" {
		t.Fatalf("create: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	m := decode[importMappingJSON](t, rec)
	if m.Name != "Export Sage" || len(m.Mapping.Columns) != 4 || !m.UpdatedAt.Equal(now) {
		t.Errorf("created %+v", m)
	}
	// Replaced whole by the complete one: 200.
	full := `{"columns":{"number":"Doc","debtor_name":"Qui","debtor_ref":"Clef","issue_date":"Quand","due_date":"Butoir",` +
		`"amount":"Combien","open":"Encore"},"currency":"EUR"}`
	rec = put("Export%20Sage", full)
	if rec.Code != http.StatusOK || rec.Header().Get("Location") != "" {
		t.Fatalf("replace: %d %s", rec.Code, rec.Body)
	}
	if m = decode[importMappingJSON](t, rec); len(m.Mapping.Columns) != 7 || m.Mapping.Columns["open"] != "Encore" || m.Mapping.Currency != "EUR" {
		t.Errorf("replaced %+v", m)
	}
	if rec := put("autre", `{"columns":{"number":"N","debtor_ref":"C","debit":"D"}}`); rec.Code != http.StatusCreated {
		t.Fatalf("second mapping: %d %s", rec.Code, rec.Body)
	}
	list := decode[listBody[importMappingJSON]](t, c.do(t, http.MethodGet, "/api/v1/import-mappings", tok, "", nil))
	if len(list.Data) != 2 || list.Data[0].Name != "Export Sage" || list.Data[1].Name != "autre" || list.NextCursor != nil {
		t.Fatalf("mappings %+v", list)
	}

	// The import reads the odd headers through the mapping.
	rec = c.form(t, tok, "?mapping=Export+Sage", "grand-livre.csv", []byte(odd))
	r = report(t, rec, http.StatusCreated)
	mapped := r.BatchID
	counts(t, r, 2, 0, 0, 0)
	invs := stored(t, b, f)
	if invs["M-002"].Open() != eur(3000) || invs["M-001"].DueDate != date("2025-05-05") {
		t.Errorf("imported through the mapping: %+v", invs)
	}
	if d := decode[importDetailJSON](t, c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/imports/%d", r.BatchID), tok, "", nil)); d.MappingName != "Export Sage" {
		t.Errorf("mapping name in the history: %q", d.MappingName)
	}
	// A mapping that does not fit the file: the import is refused with
	// the missing column.
	r = report(t, c.csv(t, tok, "?mapping=autre", odd), http.StatusUnprocessableEntity)
	if r.ErrorCount != 1 || r.Written || r.Errors[0].Message == "" {
		t.Errorf("unfit mapping: %+v", r)
	}

	// Mappings the importer could never apply are refused.
	for _, tt := range []struct{ name, body, words string }{
		{"x", `{"columns":{"number":"N","debtor_ref":"C","amount":"A","colour":"K"}}`, `unknown field "colour"`},
		{"x", `{"columns":{"debtor_ref":"C","amount":"A"}}`, "number"},
		{"x", `{"columns":{"number":"N","debtor_ref":"C"}}`, "amount"},
		{"x", `{"columns":{"number":"N","amount":"A"}}`, "debtor"},
		{"x", `{"columns":{"number":"N","debtor_ref":"C","amount":" "}}`, "columns.amount:"},
		{"x", `{"columns":{"number":"N","debtor_ref":"C","amount":"A"},"currency":"euro"}`, "currency:"},
		{"x", `{"columns":{"number":"N","debtor_ref":"C","amount":"A"},"delimiter":";"}`, "body:"},
		{"x", `[]`, "body:"},
		{"x", ``, "body:"},
		{"%20x", `{"columns":{"number":"N","debtor_ref":"C","amount":"A"}}`, "name:"},
		{strings.Repeat("n", 101), `{"columns":{"number":"N","debtor_ref":"C","amount":"A"}}`, "name:"},
		{"tab%09", `{"columns":{"number":"N","debtor_ref":"C","amount":"A"}}`, "name:"},
	} {
		wantError(t, put(tt.name, tt.body), http.StatusBadRequest, ledger.EInvalid, tt.words)
	}
	if n := len(decode[listBody[importMappingJSON]](t, c.do(t, http.MethodGet, "/api/v1/import-mappings", tok, "", nil)).Data); n != 2 {
		t.Errorf("%d mappings after the refused ones", n)
	}

	// Deleted once; then it is gone, for the list and for imports.
	rec = c.do(t, http.MethodDelete, "/api/v1/import-mappings/Export%20Sage", tok, "", nil)
	if rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	wantError(t, c.do(t, http.MethodDelete, "/api/v1/import-mappings/Export%20Sage", tok, "", nil), http.StatusNotFound, ledger.ENotFound)
	wantError(t, c.csv(t, tok, "?mapping=Export+Sage", odd), http.StatusBadRequest, ledger.EInvalid, "mapping:", "Export Sage")
	list = decode[listBody[importMappingJSON]](t, c.do(t, http.MethodGet, "/api/v1/import-mappings", tok, "", nil))
	if len(list.Data) != 1 || list.Data[0].Name != "autre" {
		t.Errorf("after the delete: %+v", list)
	}
	// The history keeps the name of the mapping an import used.
	if d, err := b.st.GetImportBatch(f.Ctx, mapped); err != nil || d.MappingName != "Export Sage" {
		t.Errorf("history %+v (%v)", d, err)
	}
}

// TestInvoiceDocument: the Factur-X PDF an invoice came as is served as
// it was received; an invoice without one is not found.
func TestInvoiceDocument(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	pdf := facturX("FX-2025-001", "Boulangerie Martin SARL", "552100554", "1440.00")

	rec := c.raw(t, tok, "?file_name=FX-2025-001.pdf", "application/pdf", string(pdf))
	r := report(t, rec, http.StatusCreated)
	counts(t, r, 1, 0, 0, 0)
	if r.Format != "facturx" || r.DebtorsCreated != 1 {
		t.Fatalf("Factur-X import %s", rec.Body)
	}
	fx := stored(t, b, f)["FX-2025-001"]
	if fx.Amount != eur(144000) || fx.DueDate != date("2025-06-01") {
		t.Fatalf("invoice %+v", fx)
	}
	rec = c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/invoices/%d/document", fx.ID), tok, "", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.Equal(rec.Body.Bytes(), pdf) {
		t.Fatalf("document: %d %v (%d bytes)", rec.Code, rec.Header(), rec.Body.Len())
	}
	if rec.Header().Get("Content-Length") != strconv.Itoa(len(pdf)) || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", rec.Header())
	}
	// The file name: importer.Options.FileName does not reach the
	// e-invoice parser yet, which then names the PDF facture.pdf.
	disp, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
	if err != nil || disp != "attachment" || !strings.HasSuffix(params["filename"], ".pdf") {
		t.Errorf("Content-Disposition %q", rec.Header().Get("Content-Disposition"))
	}

	// Sent as a form, the PDF is detected from its content.
	r = report(t, c.form(t, tok, "", "facture 2.pdf", facturX("FX-2025-002", "Boulangerie Martin SARL", "552100554", "60.00")), http.StatusCreated)
	if r.Format != "facturx" || r.Created != 1 || r.DebtorsCreated != 0 {
		t.Errorf("second Factur-X: %+v", r)
	}

	// An invoice imported from a CSV has no document; neither has one
	// that does not exist.
	report(t, c.csv(t, tok, "", balance1), http.StatusCreated)
	plain := stored(t, b, f)["F-001"]
	absent := c.do(t, http.MethodGet, "/api/v1/invoices/987654/document", tok, "", nil)
	wantError(t, absent, http.StatusNotFound, ledger.ENotFound)
	none := c.do(t, http.MethodGet, fmt.Sprintf("/api/v1/invoices/%d/document", plain.ID), tok, "", nil)
	wantError(t, none, http.StatusNotFound, ledger.ENotFound)
	if !bytes.Equal(none.Body.Bytes(), absent.Body.Bytes()) {
		t.Errorf("no document %s, no invoice %s", none.Body, absent.Body)
	}
	wantError(t, c.do(t, http.MethodGet, "/api/v1/invoices/x/document", tok, "", nil), http.StatusBadRequest, ledger.EInvalid, "id:")

	// Once the import is undone, the document goes with its invoice.
	c2 := c.do(t, http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", r.BatchID), tok, "", nil)
	if c2.Code != http.StatusOK {
		t.Fatalf("undo: %d %s", c2.Code, c2.Body)
	}
	second := stored(t, b, f)
	if _, ok := second["FX-2025-002"]; ok {
		t.Error("FX-2025-002 survived its undo")
	}
}

// TestImportPermissions: a viewer reads the history and the mappings but
// cannot import, undo, or change a mapping.
func TestImportPermissions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	viewer := viewerToken(t, b, f)
	done := report(t, c.csv(t, tok, "", balance1), http.StatusCreated)
	if rec := c.do(t, http.MethodPut, "/api/v1/import-mappings/m", tok, "application/json",
		strings.NewReader(`{"columns":{"number":"N","debtor_ref":"C","amount":"A"}}`)); rec.Code != http.StatusCreated {
		t.Fatalf("mapping: %d %s", rec.Code, rec.Body)
	}

	for _, tt := range []struct{ method, target, contentType, body string }{
		{http.MethodPost, "/api/v1/imports", "text/csv", balance2},
		{http.MethodPost, "/api/v1/imports?dry_run=true", "text/csv", balance2},
		{http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", done.BatchID), "", ""},
		{http.MethodPut, "/api/v1/import-mappings/m", "application/json", `{"columns":{"number":"X","debtor_ref":"C","amount":"A"}}`},
		{http.MethodDelete, "/api/v1/import-mappings/m", "", ""},
	} {
		rec := c.do(t, tt.method, tt.target, viewer, tt.contentType, strings.NewReader(tt.body))
		wantError(t, rec, http.StatusForbidden, ledger.EForbidden, "viewer", "write_ledger")
	}
	if n := len(history(t, b, f)); n != 1 {
		t.Errorf("a viewer's import reached the history: %d imports", n)
	}
	if d, _ := b.st.GetImportBatch(f.Ctx, done.BatchID); d.Status != store.BatchApplied {
		t.Errorf("a viewer undid an import: %s", d.Status)
	}
	ms, _ := b.st.ImportMappings(f.Ctx)
	if len(ms) != 1 || !strings.Contains(string(ms[0].Mapping), `"N"`) {
		t.Errorf("a viewer changed a mapping: %+v", ms)
	}
	for _, target := range []string{"/api/v1/imports", fmt.Sprintf("/api/v1/imports/%d", done.BatchID), "/api/v1/import-mappings"} {
		if rec := c.do(t, http.MethodGet, target, viewer, "", nil); rec.Code != http.StatusOK {
			t.Errorf("viewer GET %s: %d %s", target, rec.Code, rec.Body)
		}
	}
	// Without a token, nothing.
	wantError(t, c.csv(t, "", "", balance1), http.StatusUnauthorized, ledger.EUnauthorized)
}

// TestImportRequestErrors: what is wrong with the request itself is
// refused before anything is read or written.
func TestImportRequestErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	other := storetest.NewFixture(t, b.st, "Other")

	for _, tt := range []struct{ query, words string }{
		{"?format=pdf", "format:"},
		{"?encoding=UTF-16", "encoding:"},
		{"?snapshot=yes", "snapshot:"},
		{"?skip_invalid=maybe", "skip_invalid:"},
		{"?dry_run=", ""}, // empty is false: accepted
		{"?lang=de", "lang:"},
		{"?creditor_id=abc", "creditor_id:"},
		{"?creditor_id=987654", "creditor_id:"},
		{fmt.Sprintf("?creditor_id=%d", other.Creditor.ID), "creditor_id:"},
		{"?mapping=nowhere", "mapping:"},
		{"?mapping=", "mapping:"},
		{"?format=%zz", "query:"},
	} {
		rec := c.csv(t, tok, tt.query, balance1)
		if tt.words == "" {
			report(t, rec, http.StatusCreated)
			continue
		}
		wantError(t, rec, http.StatusBadRequest, ledger.EInvalid, tt.words)
	}
	// The organization's own creditor is accepted.
	r := report(t, c.csv(t, tok, fmt.Sprintf("?creditor_id=%d", f.Creditor.ID), balance1), http.StatusCreated)
	if r.Unchanged != 4 {
		t.Errorf("own creditor: %+v", r)
	}

	// Media types.
	wantError(t, c.raw(t, tok, "", "application/json", `{"invoices":[]}`), http.StatusUnsupportedMediaType, "unsupported_media_type", "application/json")
	wantError(t, c.raw(t, tok, "", "", balance1), http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type")
	wantError(t, c.raw(t, tok, "", "text/csv; charset", balance1), http.StatusBadRequest, ledger.EInvalid, "Content-Type:")
	req := httptest.NewRequest(http.MethodPost, "/api/v1/imports", strings.NewReader(balance1))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Content-Encoding", "gzip")
	wantError(t, c.send(t, req), http.StatusUnsupportedMediaType, "unsupported_media_type", "gzip")

	// Forms: the file must be the field file, and alone before it.
	body, ct := multipartBody(t, "document", "a.csv", []byte(balance1))
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports", tok, ct, body), http.StatusBadRequest, ledger.EInvalid, "unexpected form field", "document")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	must(t, mw.WriteField("format", "csv"))
	must(t, mw.Close())
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports", tok, mw.FormDataContentType(), &buf), http.StatusBadRequest, ledger.EInvalid, "format")
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	must(t, mw.Close())
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports", tok, mw.FormDataContentType(), &buf), http.StatusBadRequest, ledger.EInvalid, "file:")
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports", tok, "multipart/form-data", strings.NewReader(balance1)),
		http.StatusBadRequest, ledger.EInvalid, "boundary")
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports", tok, "multipart/form-data; boundary=xyz", strings.NewReader(balance1)),
		http.StatusBadRequest, ledger.EInvalid, "multipart")
	// A form that ends inside the file, before its closing boundary.
	body, ct = multipartBody(t, "file", "cut.csv", []byte(balance1))
	cut := bytes.NewReader(body.Bytes()[:body.Len()-80])
	wantError(t, c.do(t, http.MethodPost, "/api/v1/imports", tok, ct, cut), http.StatusBadRequest, ledger.EInvalid, "closing boundary")

	if n := len(history(t, b, f)); n != 2 {
		t.Errorf("%d imports in the history, want the two accepted", n)
	}
}

// TestImportSizeLimit: a body beyond the limit is refused with 413, be its
// length announced or not, and nothing is written.
func TestImportSizeLimit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	mux := http.NewServeMux()
	a := api.New(api.Options{Store: b.st, Now: func() time.Time { return now }, Logger: slog.New(slog.NewTextHandler(b.logs, nil))})
	const limit = 2048
	a.SetMaxUpload(limit)
	a.Register(mux)
	c := newClient(t, mux)
	big := balance1
	for i := 0; len(big) <= limit; i++ {
		big += fmt.Sprintf("B-%04d;Client Lointain;C900;01/05/2025;01/06/2025;10,00;10,00\n", i)
	}

	// Announced by Content-Length: refused before reading.
	wantError(t, c.csv(t, tok, "", big), http.StatusRequestEntityTooLarge, "too_large", "2048 bytes")
	// Of unknown length, raw and as a form: refused when the limit is met.
	req := httptest.NewRequest(http.MethodPost, "/api/v1/imports?snapshot=true&skip_invalid=true", io.MultiReader(strings.NewReader(big)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/csv")
	if req.ContentLength != -1 {
		t.Fatalf("ContentLength %d", req.ContentLength)
	}
	wantError(t, c.send(t, req), http.StatusRequestEntityTooLarge, "too_large")
	body, ct := multipartBody(t, "file", "big.csv", []byte(big))
	req = httptest.NewRequest(http.MethodPost, "/api/v1/imports?skip_invalid=true", io.MultiReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", ct)
	wantError(t, c.send(t, req), http.StatusRequestEntityTooLarge, "too_large")
	// A PDF: the e-invoice parser reads the whole file at once.
	pdf := append(facturX("FX-1", "Boulangerie Martin SARL", "552100554", "10.00"), bytes.Repeat([]byte("%"), limit)...)
	req = httptest.NewRequest(http.MethodPost, "/api/v1/imports", io.MultiReader(bytes.NewReader(pdf)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/pdf")
	wantError(t, c.send(t, req), http.StatusRequestEntityTooLarge, "too_large")

	if n, h := len(stored(t, b, f)), len(history(t, b, f)); n != 0 || h != 0 {
		t.Errorf("a refused upload left %d invoices, %d imports", n, h)
	}
	// Within the limit, the same API imports.
	report(t, c.csv(t, tok, "", balance1), http.StatusCreated)
}

// TestImportTenancy: what the tenancy matrix does not cover — lists, the
// creditor and mapping parameters, the writes — stays within the token's
// organization.
func TestImportTenancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	fa := storetest.NewFixture(t, b.st, "A")
	fb := storetest.NewFixture(t, b.st, "B")
	ta, tb := b.token(t, fa), b.token(t, fb)
	ra := report(t, c.csv(t, ta, "", balance1), http.StatusCreated)
	rb := report(t, c.csv(t, tb, "", balance1), http.StatusCreated)
	// The same numbers are new to B.
	counts(t, rb, 4, 0, 0, 0)
	for _, tt := range []struct {
		tok  string
		mine int64
	}{{ta, ra.BatchID}, {tb, rb.BatchID}} {
		items, _ := walkBack(t, c, "/api/v1/imports", tt.tok, 50)
		if len(items) != 1 || items[0].ID != tt.mine {
			t.Errorf("history %+v, want only %d", items, tt.mine)
		}
	}
	// A cannot undo B's import, nor import for B's creditor.
	foreign := c.do(t, http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", rb.BatchID), ta, "", nil)
	absent := c.do(t, http.MethodPost, "/api/v1/imports/987654321/undo", ta, "", nil)
	wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
	if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
		t.Errorf("B's import %s, none %s", foreign.Body, absent.Body)
	}
	if d, _ := b.st.GetImportBatch(fb.Ctx, rb.BatchID); d.Status != store.BatchApplied {
		t.Errorf("A undid B's import: %s", d.Status)
	}
	wantError(t, c.csv(t, ta, fmt.Sprintf("?creditor_id=%d", fb.Creditor.ID), balance2), http.StatusBadRequest, ledger.EInvalid, "creditor_id:")
	if _, ok := stored(t, b, fb)["F-005"]; ok {
		t.Error("A imported into B's creditor")
	}
	// Mappings: B's is invisible to A, for listing, deleting and importing;
	// A's of the same name is A's own.
	body := `{"columns":{"number":"N° facture","debtor_ref":"Code client","amount":"Montant TTC"}}`
	if rec := c.do(t, http.MethodPut, "/api/v1/import-mappings/b-only", tb, "application/json", strings.NewReader(body)); rec.Code != http.StatusCreated {
		t.Fatalf("B's mapping: %d %s", rec.Code, rec.Body)
	}
	if n := len(decode[listBody[importMappingJSON]](t, c.do(t, http.MethodGet, "/api/v1/import-mappings", ta, "", nil)).Data); n != 0 {
		t.Errorf("A lists %d mappings", n)
	}
	foreign = c.do(t, http.MethodDelete, "/api/v1/import-mappings/b-only", ta, "", nil)
	absent = c.do(t, http.MethodDelete, "/api/v1/import-mappings/nobody", ta, "", nil)
	wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
	if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
		t.Errorf("B's mapping %s, none %s", foreign.Body, absent.Body)
	}
	wantError(t, c.csv(t, ta, "?mapping=b-only", balance1), http.StatusBadRequest, ledger.EInvalid, "mapping:")
	if rec := c.do(t, http.MethodPut, "/api/v1/import-mappings/b-only", ta, "application/json", strings.NewReader(body)); rec.Code != http.StatusCreated {
		t.Errorf("A's mapping of the same name: %d %s", rec.Code, rec.Body)
	}
	if ms, _ := b.st.ImportMappings(fb.Ctx); len(ms) != 1 || !ms[0].UpdatedAt.Equal(now) {
		t.Errorf("B's mappings %+v", ms)
	}
}

// TestImportReportMatchesCLI: the report and the history items the CLI
// prints and the API answers (one set of types, in package importer) have
// exactly the fields of their schemas in the OpenAPI document.
func TestImportReportMatchesCLI(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	for _, tt := range []struct {
		typ    reflect.Type
		schema string
	}{
		{reflect.TypeFor[importer.ReportJSON](), "ImportReport"},
		{reflect.TypeFor[importer.ErrorJSON](), "ImportError"},
		{reflect.TypeFor[importer.BatchJSON](), "ImportBatch"},
	} {
		var fields, documented []string
		for f := range tt.typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fields = append(fields, name)
		}
		for name := range doc.Components.Schemas[tt.schema].Value.Properties {
			documented = append(documented, name)
		}
		slices.Sort(fields)
		slices.Sort(documented)
		if !slices.Equal(fields, documented) {
			t.Errorf("%s has %v, the API's %s %v", tt.typ, fields, tt.schema, documented)
		}
	}
}

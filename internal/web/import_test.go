package web_test

import (
	"bytes"
	"fmt"
	"html"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
	"github.com/recouvre/recouvre/internal/web"
)

// importCSV is a firm's export of its open invoices, as accounting
// software writes it: French headers, semicolons, French amounts.
const importCSV = "N° facture;Client;Code client;Date facture;Échéance;Montant TTC;Reste dû\r\n" +
	"F-101;Boulangerie Martin SARL;C101;05/05/2025;04/06/2025;1 200,00;1 200,00\r\n" +
	"F-102;Jean Dupont;C102;10/05/2025;09/06/2025;300,50;100,50\r\n" +
	"F-103;Garage du Port;C103;15/05/2025;14/07/2025;80,00;80,00\r\n"

// importOrg is an organization with an admin who imports.
type importOrg struct {
	storetest.Fixture
	email string
}

func newImporter(t *testing.T, b *bundle, name string) *importOrg {
	t.Helper()
	f := storetest.NewFixture(t, b.st, name)
	x := &importOrg{Fixture: f, email: "import@" + strings.ToLower(name) + ".test"}
	addUser(t, b.st, f.Org.ID, x.email, "admin")
	return x
}

// upload posts a file to /imports as a browser's multipart form does.
func (c *browser) upload(name string, data []byte, fields url.Values) page {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			must(c.t, mw.WriteField(k, v))
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	must(c.t, err)
	_, err = fw.Write(data)
	must(c.t, err)
	must(c.t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, c.b.srv.URL+"/imports", &body)
	must(c.t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var (
	tagRe    = regexp.MustCompile(`<input\s[^>]*>`)
	attrRe   = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
	selectRe = regexp.MustCompile(`(?s)<select\s([^>]*)>(.*?)</select>`)
	optionRe = regexp.MustCompile(`<option value="([^"]*)"( selected)?>`)
)

func attrs(tag string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(tag, -1) {
		out[m[1]] = html.UnescapeString(m[2])
	}
	return out
}

// form reads the fields the preview form would send as the page shows
// it: hidden inputs, ticked boxes, text fields, each select's choice.
func (p page) form(t *testing.T) url.Values {
	t.Helper()
	start := strings.Index(p.body, `id="preview-form"`)
	if start < 0 {
		t.Fatalf("no preview form in the page:\n%s", p.body)
	}
	body := p.body[start:]
	body = body[:strings.Index(body, "</form>")]
	v := url.Values{}
	for _, tag := range tagRe.FindAllString(body, -1) {
		a := attrs(strings.TrimSuffix(strings.TrimPrefix(tag, "<input"), ">"))
		switch a["type"] {
		case "hidden", "text":
			v.Add(a["name"], a["value"])
		case "checkbox":
			if _, on := a["checked"]; on {
				v.Add(a["name"], a["value"])
			}
		}
	}
	for _, m := range selectRe.FindAllStringSubmatch(body, -1) {
		name := attrs(m[1])["name"]
		opts := optionRe.FindAllStringSubmatch(m[2], -1)
		if len(opts) == 0 {
			continue
		}
		choice := opts[0][1]
		for _, o := range opts {
			if o[2] != "" {
				choice = o[1]
			}
		}
		v.Set(name, html.UnescapeString(choice))
	}
	return v
}

// selected is the value chosen in the select named name.
func (p page) selected(t *testing.T, name string) string {
	t.Helper()
	f := p.form(t)
	if _, ok := f[name]; !ok {
		t.Fatalf("no select %q in the preview form", name)
	}
	return f.Get(name)
}

// figure is the text of the element marked data-figure=name.
func (p page) figure(t *testing.T, name string) string {
	t.Helper()
	m := regexp.MustCompile(`data-figure="` + name + `">([^<]*)<`).FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no figure %q in the page:\n%s", name, p.body)
	}
	return html.UnescapeString(m[1])
}

// wantFigures checks the data-figure values of a page.
func (p page) wantFigures(t *testing.T, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got := p.figure(t, k); got != w {
			t.Errorf("%s: figure %s = %q, want %q", p.Request.URL.Path, k, got, w)
		}
	}
}

// column finds the index of the column headed name in the preview form.
func column(t *testing.T, f url.Values, name string) string {
	t.Helper()
	for i := range 50 {
		if f.Get(fmt.Sprintf("h%d", i)) == name {
			return fmt.Sprint(i)
		}
	}
	t.Fatalf("no column %q in %v", name, f)
	return ""
}

// debtorRow finds the index of the new debtor keyed key in the form.
func debtorRow(t *testing.T, f url.Values, key string) string {
	t.Helper()
	for i := range 50 {
		if f.Get(fmt.Sprintf("dk%d", i)) == key {
			return fmt.Sprint(i)
		}
	}
	t.Fatalf("no new debtor %q in %v", key, f)
	return ""
}

// batchID reads the import id a confirmation redirects to.
func batchID(t *testing.T, p page) int64 {
	t.Helper()
	var id int64
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: status %d, want 303\n%s", p.StatusCode, p.body)
	}
	if _, err := fmt.Sscanf(p.Header.Get("Location"), "/imports/%d?done=1", &id); err != nil {
		t.Fatalf("confirm redirects to %q", p.Header.Get("Location"))
	}
	return id
}

// invoicesByNumber lists the organization's documents by number.
func invoicesByNumber(t *testing.T, b *bundle, f storetest.Fixture) map[string]ledger.Invoice {
	t.Helper()
	page, err := b.st.ListInvoices(f.Ctx, store.InvoiceQuery{Limit: -1, Today: today})
	must(t, err)
	out := map[string]ledger.Invoice{}
	for _, inv := range page.Invoices {
		out[inv.Number] = inv
	}
	return out
}

func debtorByRef(t *testing.T, b *bundle, f storetest.Fixture, ref string) ledger.Debtor {
	t.Helper()
	page, err := b.st.ListDebtors(f.Ctx, store.DebtorQuery{Search: ref, Limit: 10}, today)
	must(t, err)
	for _, r := range page.Rows {
		if r.Debtor.Ref == ref {
			return r.Debtor
		}
	}
	t.Fatalf("no debtor %s", ref)
	return ledger.Debtor{}
}

// TestImportCSV walks the whole import of a CSV export: the preview with
// what was detected, the mapping pre-selected and changed, a named
// mapping saved and offered again, a guessed kind corrected, the
// confirmation, the batch in the history, and the ledger to the cent.
func TestImportCSV(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)

	up := c.get("/imports").want(t, http.StatusOK, "Importer des factures", `enctype="multipart/form-data"`,
		`accept=".csv,.txt,.xlsx,.pdf,.xml"`, "Instantané (la balance complète)", "Ignorer les lignes invalides",
		`aria-describedby="snapshot-hint"`, "Aucun import pour l’instant.", `href="/imports" aria-current="page"`)
	up.without(t, `name="creditor"`, `name="mapping_name"`) // one creditor, no saved mapping yet

	p := c.upload("balance clients.csv", []byte(importCSV), url.Values{"format": {"auto"}})
	p.want(t, http.StatusOK, "Aperçu de l’import", "balance clients.csv", "point-virgule",
		"Boulangerie Martin SARL", "Garage du Port", "F-102", "300,50", `badge-guessed">deviné</span>`)
	p.wantFigures(t, map[string]string{"format": "CSV", "encoding": "UTF-8", "lines": "4",
		"created": "3", "updated": "0", "unchanged": "0", "settled": "0", "errors": "0", "debtors": "3"})
	f := p.form(t)
	for header, field := range map[string]string{"N° facture": "number", "Client": "debtor_name", "Code client": "debtor_ref",
		"Date facture": "issue_date", "Échéance": "due_date", "Montant TTC": "amount", "Reste dû": "open"} {
		if got := f.Get("c" + column(t, f, header)); got != field {
			t.Errorf("column %q: %q pre-selected, want %q", header, got, field)
		}
	}
	if strings.Contains(p.body, `id="confirm" disabled`) {
		t.Error("the confirm button is disabled for a valid file")
	}
	if got := invoicesByNumber(t, b, a.Fixture); len(got) != 0 {
		t.Fatalf("the preview wrote %d invoices", len(got))
	}

	// No column for the number: the importer refuses the file, and the
	// preview still shows every column so that the user can fix it.
	num := column(t, f, "N° facture")
	f.Set("c"+num, "")
	p = c.post("/imports/preview", f).want(t, http.StatusOK, "Aucune colonne ne donne le numéro de facture", `id="confirm" disabled`)
	if got := p.selected(t, "c"+num); got != "" {
		t.Errorf("after unmapping, the number column shows %q", got)
	}
	if got := p.selected(t, "c"+column(t, p.form(t), "Montant TTC")); got != "amount" {
		t.Errorf("after unmapping another column, the amount column shows %q", got)
	}
	p.wantFigures(t, map[string]string{"created": "0", "errors": "1"})

	// Back to the number, and « Reste dû » ignored: the preview follows.
	f = p.form(t)
	f.Set("c"+num, "number")
	f.Set("c"+column(t, f, "Reste dû"), "")
	p = c.post("/imports/preview", f).want(t, http.StatusOK)
	p.wantFigures(t, map[string]string{"created": "3", "errors": "0"})
	if got := p.selected(t, "c"+column(t, p.form(t), "Reste dû")); got != "" {
		t.Errorf("« Reste dû » shows %q after it was ignored", got)
	}
	f = p.form(t)
	f.Set("c"+column(t, f, "Reste dû"), "open")

	// Save the mapping under a name: the next upload offers it.
	f.Set("save_as", "Export Sage")
	p = c.post("/imports/mappings", f).want(t, http.StatusOK, "Modèle «\u00a0Export Sage\u00a0» enregistré")
	p.wantFigures(t, map[string]string{"mapping": "Export Sage", "created": "3"})
	ms, err := b.st.ImportMappings(a.Ctx)
	must(t, err)
	if len(ms) != 1 || ms[0].Name != "Export Sage" || !strings.Contains(string(ms[0].Mapping), `"open":"Reste dû"`) {
		t.Fatalf("saved mappings %+v", ms)
	}
	c.get("/imports").want(t, http.StatusOK, `<option value="Export Sage">Export Sage</option>`)
	f = p.form(t)
	f.Set("save_as", "")
	c.post("/imports/mappings", f).want(t, http.StatusBadRequest, "Donnez un nom au modèle")

	// Garage du Port is guessed a consumer: it is a business.
	row := debtorRow(t, f, "ref:C103")
	if f.Get("dv"+row) != "consumer" {
		t.Fatalf("C103 guessed %q", f.Get("dv"+row))
	}
	f.Set("dv"+row, "business")
	p = c.post("/imports/preview", f).want(t, http.StatusOK, `badge-source">choisi</span>`)
	f = p.form(t)
	if f.Get("dv"+debtorRow(t, f, "ref:C103")) != "business" {
		t.Errorf("the corrected kind did not stay: %v", f)
	}

	// Confirm: the invoices are in the ledger, to the cent.
	id := batchID(t, c.post("/imports/confirm", f))
	done := c.get(fmt.Sprintf("/imports/%d?done=1", id)).want(t, http.StatusOK, "Import enregistré\u00a0: 3 créées", "Appliqué",
		"balance clients.csv", "Export Sage", "Annuler cet import")
	done.wantFigures(t, map[string]string{"created": "3", "lines": "4", "errors": "0", "encoding": "UTF-8"})
	invs := invoicesByNumber(t, b, a.Fixture)
	for number, want := range map[string][2]int64{"F-101": {1_200_00, 1_200_00}, "F-102": {300_50, 100_50}, "F-103": {80_00, 80_00}} {
		inv, ok := invs[number]
		if !ok || inv.Amount != money.EUR(want[0]) || inv.Open() != money.EUR(want[1]) || inv.ImportBatchID != id {
			t.Errorf("%s: %+v (open %v), want %d open %d from batch %d", number, inv, inv.Open(), want[0], want[1], id)
		}
	}
	if d := debtorByRef(t, b, a.Fixture, "C103"); d.Kind != ledger.KindBusiness || d.Name != "Garage du Port" {
		t.Errorf("C103: %+v", d)
	}
	if d := debtorByRef(t, b, a.Fixture, "C102"); d.Kind != ledger.KindConsumer {
		t.Errorf("C102: %+v", d)
	}
	batch, err := b.st.GetImportBatch(a.Ctx, id)
	must(t, err)
	if batch.Status != store.BatchApplied || batch.MappingName != "Export Sage" || batch.Created != 3 {
		t.Errorf("batch %+v", batch)
	}

	// The history lists it; the upload is gone.
	hist := c.get("/imports").want(t, http.StatusOK, fmt.Sprintf(`href="/imports/%d"`, id), "balance clients.csv",
		`<span class="badge badge-applied">Appliqué</span>`, "import@alpha.test")
	hist.without(t, "Aucun import pour l’instant.")
	c.post("/imports/confirm", f).want(t, http.StatusNotFound, "n’est plus disponible")

	// The invoice says where it came from; the timeline labels the
	// importer's events and links the batch.
	inv := c.get(fmt.Sprintf("/invoices/%d", invs["F-102"].ID)).want(t, http.StatusOK,
		fmt.Sprintf(`<a href="/imports/%d" id="import-batch">importée par le lot n° %d</a>`, id, id),
		"Réglé avant l’import", fmt.Sprintf(`<a href="/imports/%d">lot n° %d</a>`, id, id), "ligne")
	inv.without(t, "Facture d’origine (PDF)", "/document")

	// The same file again changes nothing, and says so.
	again := c.upload("balance clients.csv", []byte(importCSV), url.Values{"mapping_name": {"Export Sage"}})
	again.want(t, http.StatusOK, "Ce fichier a déjà été importé le", fmt.Sprintf(`href="/imports/%d">lot n° %d`, id, id),
		"Cet import ne changerait rien")
	again.wantFigures(t, map[string]string{"created": "0", "unchanged": "3", "mapping": "Export Sage"})

	// A newer export: F-101 goes up, F-103 is paid outside recouvre.
	newer := strings.Replace(importCSV, "1 200,00;1 200,00", "1 500,00;1 500,00", 1)
	newer = strings.Replace(newer, "80,00;80,00", "80,00;0,00", 1)
	p = c.upload("balance clients 2.csv", []byte(newer), url.Values{"mapping_name": {"Export Sage"}})
	p.want(t, http.StatusOK, "Modifications des factures connues", "F-101", "1\u202f200,00", "1\u202f500,00", "Reste dû (réglé hors recouvre)")
	p.wantFigures(t, map[string]string{"created": "0", "updated": "2", "unchanged": "1"})
	id2 := batchID(t, c.post("/imports/confirm", p.form(t)))
	c.get(fmt.Sprintf("/invoices/%d", invs["F-101"].ID)).want(t, http.StatusOK, "Facture mise à jour par un import",
		"montant avant", "1\u202f200,00\u00a0€", fmt.Sprintf(`<a href="/imports/%d">lot n° %d</a>`, id2, id2))
	c.get(fmt.Sprintf("/invoices/%d", invs["F-103"].ID)).want(t, http.StatusOK, "Réglé hors recouvre")
	if got := invoicesByNumber(t, b, a.Fixture)["F-101"].Amount; got != money.EUR(1_500_00) {
		t.Errorf("F-101 after the second import: %v", got)
	}
}

// TestImportWindows1252: a file saved by Excel on Windows is read in its
// own character set, and its headers still map.
func TestImportWindows1252(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(importCSV))
	must(t, err)
	if bytes.Contains(data, []byte("É")) {
		t.Fatal("the test file is still UTF-8")
	}
	p := c.upload("export.csv", data, nil).want(t, http.StatusOK, "Échéance", "N° facture", "Reste dû")
	p.wantFigures(t, map[string]string{"format": "CSV", "encoding": "Windows-1252", "delimiter": "point-virgule", "created": "3", "errors": "0"})
	f := p.form(t)
	if got := f.Get("c" + column(t, f, "Échéance")); got != "due_date" {
		t.Errorf("« Échéance » pre-selected %q", got)
	}
	id := batchID(t, c.post("/imports/confirm", f))
	c.get(fmt.Sprintf("/imports/%d", id)).want(t, http.StatusOK, "Windows-1252")
	if inv := invoicesByNumber(t, b, a.Fixture)["F-101"]; inv.Amount != money.EUR(1_200_00) || inv.DueDate.String() != "2025-06-04" {
		t.Errorf("F-101 from the Windows-1252 file: %+v", inv)
	}
}

// TestImportInvalidLine: a bad date names its line, its column and its
// value; the import cannot be confirmed and writes nothing, unless the
// user chooses to skip the invalid lines.
func TestImportInvalidLine(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	bad := strings.Replace(importCSV, "10/05/2025", "10/13/2025", 1) // line 3: F-102
	p := c.upload("erreurs.csv", []byte(bad), nil).want(t, http.StatusOK, "ligne 3", "<td>Date facture</td>",
		`<td class="mono">10/13/2025</td>`, "Date impossible", `id="confirm" disabled`, "confirmer n’enregistrerait rien")
	p.wantFigures(t, map[string]string{"errors": "1", "created": "2"})

	// Forcing the confirmation anyway: refused, nothing written.
	f := p.form(t)
	refused := c.post("/imports/confirm", f).want(t, http.StatusUnprocessableEntity, "Import refusé", "ligne 3")
	if n := len(invoicesByNumber(t, b, a.Fixture)); n != 0 {
		t.Fatalf("a refused import wrote %d invoices", n)
	}
	page, err := b.st.ListDebtors(a.Ctx, store.DebtorQuery{Limit: 10}, today)
	must(t, err)
	if page.Total != 0 {
		t.Fatalf("a refused import created %d debtors", page.Total)
	}
	hist := c.get("/imports").want(t, http.StatusOK, `<span class="badge badge-refused">Refusé</span>`)
	var refusedID int64
	if m := regexp.MustCompile(`<tr data-batch="(\d+)">`).FindStringSubmatch(hist.body); m != nil {
		fmt.Sscan(m[1], &refusedID)
	}
	c.get(fmt.Sprintf("/imports/%d", refusedID)).want(t, http.StatusOK, "Refusé", "ligne 3", "10/13/2025",
		"Cet import ne peut plus être annulé\u00a0: il n’a rien enregistré.").without(t, "Annuler cet import")

	// Skip the invalid lines: the two others go in.
	f = refused.form(t)
	f.Set("skip_invalid", "1")
	p = c.post("/imports/preview", f).want(t, http.StatusOK, "ces lignes seront ignorées")
	if strings.Contains(p.body, `id="confirm" disabled`) {
		t.Fatal("skipping the invalid lines still disables the confirmation")
	}
	batchID(t, c.post("/imports/confirm", p.form(t)))
	invs := invoicesByNumber(t, b, a.Fixture)
	if _, ok := invs["F-102"]; ok || len(invs) != 2 {
		t.Errorf("with the invalid line skipped: %v", invs)
	}
}

// TestImportInEnglish: the reasons of the errors follow the interface.
func TestImportInEnglish(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	c.post("/lang", url.Values{"lang": {"en"}, "back": {"/imports"}})
	bad := strings.Replace(importCSV, "300,50", "trois cents", 1)
	p := c.upload("errors.csv", []byte(bad), nil).want(t, http.StatusOK, "Import preview", "line 3", "trois cents", "Recalculate the preview")
	p.without(t, "Montant illisible")
	p.wantFigures(t, map[string]string{"delimiter": "semicolon"})
}

// TestImportUndo: an import is undone while nothing touched it; then it
// cannot be undone twice, nor once something has changed its invoices.
func TestImportUndo(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	id := batchID(t, c.post("/imports/confirm", c.upload("balance.csv", []byte(importCSV), nil).form(t)))
	if n := len(invoicesByNumber(t, b, a.Fixture)); n != 3 {
		t.Fatalf("%d invoices imported", n)
	}
	res := c.post(fmt.Sprintf("/imports/%d/undo", id), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/imports/%d?undone=1", id) {
		t.Fatalf("undo: %d → %q\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
	}
	c.get(fmt.Sprintf("/imports/%d?undone=1", id)).want(t, http.StatusOK, "Import annulé\u00a0:", "Annulé le",
		"il a déjà été annulé.").without(t, `id="undo-button"`)
	if n := len(invoicesByNumber(t, b, a.Fixture)); n != 0 {
		t.Fatalf("after undo, %d invoices remain", n)
	}
	c.get("/imports").want(t, http.StatusOK, `<span class="badge badge-undone">Annulé</span>`)
	c.post(fmt.Sprintf("/imports/%d/undo", id), nil).want(t, http.StatusConflict, "L’import n’a pas été annulé.", "il a déjà été annulé.")

	// Once a payment is allocated to one of its invoices, it stays.
	id = batchID(t, c.post("/imports/confirm", c.upload("balance.csv", []byte(importCSV), nil).form(t)))
	f101 := invoicesByNumber(t, b, a.Fixture)["F-101"]
	pay := a.Payment(t, b.st, f101.DebtorID, "2025-06-10", 200_00, "VIR MARTIN")
	must(t, b.st.Allocate(a.Ctx, &ledger.Allocation{InvoiceID: f101.ID, PaymentID: pay.ID, Amount: money.EUR(200_00)}))
	c.get(fmt.Sprintf("/imports/%d", id)).want(t, http.StatusOK, "Cet import ne peut plus être annulé").without(t, `id="undo-button"`)
	c.post(fmt.Sprintf("/imports/%d/undo", id), nil).want(t, http.StatusConflict, "L’import n’a pas été annulé.")
	if n := len(invoicesByNumber(t, b, a.Fixture)); n != 3 {
		t.Fatalf("a refused undo left %d invoices", n)
	}
}

// TestImportTenancy: another organization's import, upload and invoice
// document answer exactly as ids that do not exist.
func TestImportTenancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	o := newImporter(t, b, "Omega")
	ca := b.browser(t)
	ca.login(a.email)
	aForm := ca.upload("alpha.csv", []byte(importCSV), nil).want(t, http.StatusOK).form(t)
	pending := ca.upload("en attente.csv", []byte(importCSV), nil).want(t, http.StatusOK).form(t)
	ciiData := []byte(ciiInvoice("FX-9", "Librairie Océane SAS"))
	fx := ca.upload("facture.pdf", factureXPDF(ciiData), nil).want(t, http.StatusOK)
	batchID(t, ca.post("/imports/confirm", fx.form(t)))
	id := batchID(t, ca.post("/imports/confirm", aForm))
	inv := invoicesByNumber(t, b, a.Fixture)["FX-9"]
	ca.get(fmt.Sprintf("/invoices/%d/document", inv.ID)).want(t, http.StatusOK)

	co := b.browser(t)
	co.login(o.email)
	const missing = 987654321
	for _, route := range []string{"/imports/%d", "/invoices/%d/document"} {
		own := id
		if strings.HasPrefix(route, "/invoices") {
			own = inv.ID
		}
		foreign := co.get(fmt.Sprintf(route, own)).want(t, http.StatusNotFound, "Cette page n’existe pas.")
		absent := co.get(fmt.Sprintf(route, missing)).want(t, http.StatusNotFound)
		foreign.without(t, "Alpha", a.email, "alpha.csv")
		if strings.ReplaceAll(foreign.body, fmt.Sprintf(route, own), "PATH") != strings.ReplaceAll(absent.body, fmt.Sprintf(route, missing), "PATH") {
			t.Errorf("%s: another tenant's id and a missing id give different pages", route)
		}
	}
	co.post(fmt.Sprintf("/imports/%d/undo", id), nil).want(t, http.StatusNotFound)
	co.get("/imports").want(t, http.StatusOK, "Aucun import pour l’instant.").without(t, "alpha.csv", fmt.Sprintf(`href="/imports/%d"`, id))
	// Alpha's upload token is no use to Omega.
	stolen := url.Values{}
	for k, v := range pending {
		stolen[k] = v
	}
	stolen.Set("creditor", "")
	co.post("/imports/preview", stolen).want(t, http.StatusNotFound, "n’est plus disponible").without(t, "Boulangerie")
	co.post("/imports/confirm", stolen).want(t, http.StatusNotFound)
	stolen.Set("save_as", "Volé")
	co.post("/imports/mappings", stolen).want(t, http.StatusNotFound)
	if n := len(invoicesByNumber(t, b, o.Fixture)); n != 0 {
		t.Errorf("Omega has %d invoices", n)
	}
	if ms, err := b.st.ImportMappings(o.Ctx); err != nil || len(ms) != 0 {
		t.Errorf("Omega's mappings: %v (%v)", ms, err)
	}
	// And it is still Alpha's.
	ca.post("/imports/preview", pending).want(t, http.StatusOK, "Aperçu de l’import", "en attente.csv")
}

// TestImportViewer: a viewer reads the history and the batches, and may
// neither import nor undo.
func TestImportViewer(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	preview := c.upload("balance.csv", []byte(importCSV), nil)
	id := batchID(t, c.post("/imports/confirm", preview.form(t)))
	v := addUser(t, b.st, a.Org.ID, "lecture@alpha.test", "viewer")
	cv := b.browser(t)
	cv.login(v.Email)
	cv.get("/imports").want(t, http.StatusOK, "balance.csv", "Votre rôle permet de consulter l’historique").without(t, `action="/imports"`, `type="file"`)
	cv.get(fmt.Sprintf("/imports/%d", id)).want(t, http.StatusOK, "Appliqué").without(t, `id="undo-button"`)
	cv.upload("balance.csv", []byte(importCSV), nil).want(t, http.StatusForbidden)
	f := preview.form(t)
	for _, path := range []string{"/imports/preview", "/imports/confirm", "/imports/mappings", fmt.Sprintf("/imports/%d/undo", id)} {
		cv.post(path, f).want(t, http.StatusForbidden)
	}
	if batch, err := b.st.GetImportBatch(a.Ctx, id); err != nil || batch.Status != store.BatchApplied {
		t.Errorf("after the viewer's attempts: %+v, %v", batch, err)
	}
}

// TestImportCreditors: an organization with several creditors chooses
// whose receivables the file holds.
func TestImportCreditors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Agence")
	second := &ledger.Creditor{Name: "Mandant Bernard", SIREN: "552100554"}
	must(t, b.st.CreateCreditor(a.Ctx, second))
	c := b.browser(t)
	c.login(a.email)
	c.get("/imports").want(t, http.StatusOK, `<select id="creditor" name="creditor"`, "Mandant Bernard")
	p := c.upload("bernard.csv", []byte(importCSV), url.Values{"creditor": {fmt.Sprint(second.ID)}}).want(t, http.StatusOK, "Mandant Bernard")
	id := batchID(t, c.post("/imports/confirm", p.form(t)))
	batch, err := b.st.GetImportBatch(a.Ctx, id)
	must(t, err)
	if batch.CreditorID != second.ID {
		t.Errorf("imported for creditor %d, want %d", batch.CreditorID, second.ID)
	}
	if d := debtorByRef(t, b, a.Fixture, "C101"); d.CreditorID != second.ID {
		t.Errorf("C101 belongs to creditor %d", d.CreditorID)
	}
	c.get("/imports").want(t, http.StatusOK, "<td>Mandant Bernard</td>")
}

// ciiInvoice writes a small UN/CEFACT CII invoice.
func ciiInvoice(number, buyer string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocument>
  <ram:ID>` + number + `</ram:ID>
  <ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20250502</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:BuyerTradeParty><ram:Name>` + buyer + `</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">552100554</ram:ID></ram:SpecifiedLegalOrganization>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20250601</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:GrandTotalAmount>2400.00</ram:GrandTotalAmount>
    <ram:DuePayableAmount>2400.00</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`
}

// factureXPDF writes the smallest PDF that carries an invoice the
// Factur-X way: a catalogue naming an embedded file factur-x.xml.
func factureXPDF(xml []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> /AF [4 0 R] >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Names [(factur-x.xml) 4 0 R] >>",
		"<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /AFRelationship /Data /EF << /F 5 0 R /UF 5 0 R >> >>",
		fmt.Sprintf("<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length %d >>\nstream\n%s\nendstream", len(xml), xml),
	}
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

// TestImportEInvoices: a CII file and a Factur-X PDF; the PDF is kept
// with its invoice and served as a download.
func TestImportEInvoices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)

	cii := c.upload("facture.xml", []byte(ciiInvoice("CII-1", "Menuiserie Roux SARL")), url.Values{"format": {"cii"}})
	cii.wantFigures(t, map[string]string{"format": "CII (XML)", "created": "1", "errors": "0"})
	cii.without(t, `id="preview-table"`, `name="has_mapping"`)
	id := batchID(t, c.post("/imports/confirm", cii.form(t)))
	inv := invoicesByNumber(t, b, a.Fixture)["CII-1"]
	if inv.Amount != money.EUR(2_400_00) || inv.ImportBatchID != id {
		t.Fatalf("CII-1: %+v", inv)
	}
	c.get(fmt.Sprintf("/invoices/%d", inv.ID)).want(t, http.StatusOK, fmt.Sprintf("importée par le lot n° %d", id)).
		without(t, "Facture d’origine (PDF)")
	c.get(fmt.Sprintf("/invoices/%d/document", inv.ID)).want(t, http.StatusNotFound)

	// A CII file forced to be read as Factur-X says what it is.
	c.upload("facture.xml", []byte(ciiInvoice("CII-2", "Menuiserie Roux SARL")), url.Values{"format": {"facturx"}}).
		want(t, http.StatusOK, "au format CII (XML), pas au format Factur-X (PDF)", `id="confirm" disabled`)

	pdf := factureXPDF([]byte(ciiInvoice("FX-1", "Librairie Océane SAS")))
	fx := c.upload("FX-1.pdf", pdf, nil)
	fx.wantFigures(t, map[string]string{"format": "Factur-X (PDF)", "created": "1", "errors": "0"})
	batchID(t, c.post("/imports/confirm", fx.form(t)))
	fx1 := invoicesByNumber(t, b, a.Fixture)["FX-1"]
	c.get(fmt.Sprintf("/invoices/%d", fx1.ID)).want(t, http.StatusOK,
		fmt.Sprintf(`<a href="/invoices/%d/document" id="original-document" download>Facture d’origine (PDF)</a>`, fx1.ID))
	doc := c.get(fmt.Sprintf("/invoices/%d/document", fx1.ID)).want(t, http.StatusOK)
	if doc.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(doc.Header.Get("Content-Disposition"), "attachment;") ||
		doc.body != string(pdf) {
		t.Errorf("document: %q, %q, %d bytes (want %d)", doc.Header.Get("Content-Type"), doc.Header.Get("Content-Disposition"), len(doc.body), len(pdf))
	}
}

// TestImportUploadRefused: no file, an empty file, a file above the
// limit each get a clear message on the upload page.
func TestImportUploadRefused(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	st.Now = func() time.Time { return now }
	ui, err := web.New(web.Options{Store: st, Now: func() time.Time { return now }, Logger: slog.New(slog.DiscardHandler)})
	must(t, err)
	web.SetMaxImportSize(ui, 1000)
	mux := http.NewServeMux()
	ui.Register(mux)
	b := &bundle{st: st, srv: httptest.NewServer(http.NewCrossOriginProtection().Handler(mux))}
	t.Cleanup(b.srv.Close)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	c.upload("big.csv", bytes.Repeat([]byte("F-1;X;1,00\n"), 200), nil).want(t, http.StatusRequestEntityTooLarge, "Le fichier dépasse 1\u00a0Mo")
	// Beyond what the form may carry: the request body is cut short.
	c.upload("big.csv", bytes.Repeat([]byte("F-1;X;1,00\n"), 120_000), nil).want(t, http.StatusRequestEntityTooLarge, "Le fichier dépasse 1\u00a0Mo")
	c.upload("vide.csv", nil, nil).want(t, http.StatusBadRequest, "Le fichier est vide.")
	c.post("/imports", url.Values{"format": {"csv"}}).want(t, http.StatusBadRequest, "Choisissez un fichier à importer.")
	c.upload("a.csv", []byte(importCSV[:200]), url.Values{"mapping_name": {"Inconnu"}}).want(t, http.StatusBadRequest, "Aucun modèle de colonnes ne porte ce nom.")
	c.upload("a.csv", []byte(importCSV[:200]), url.Values{"format": {"docx"}}).want(t, http.StatusBadRequest, "Les options choisies ne sont pas valides.")
	if batches, err := st.ImportBatches(a.Ctx, store.ImportQuery{}); err != nil || len(batches) != 0 {
		t.Errorf("refused uploads left batches %v (%v)", batches, err)
	}
}

// TestImportTimelineLabels: the events the importer journals read as
// sentences in both languages, with their fields formatted.
func TestImportTimelineLabels(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	d := a.Debtor(t, b.st, "C1", "Client Un SARL")
	inv := a.Invoice(t, b.st, d.ID, "F-1", "2025-05-01", "2025-05-31", 100_00)
	events := []journal.Event{
		{Type: "invoice.updated", DebtorID: d.ID, InvoiceID: inv.ID, Payload: []byte(`{"amount":"150.00","amount_before":"100.00","batch":7,"due_date":"2025-06-30","due_date_before":"2025-05-31","issue_date":"2025-05-01","issue_date_before":"2025-04-30","number":"F-1"}`)},
		{Type: "invoice.paid_before_import", DebtorID: d.ID, InvoiceID: inv.ID, Payload: []byte(`{"amount":"20.00","batch":7,"currency":"EUR","number":"F-1"}`)},
		{Type: "invoice.paid_outside", DebtorID: d.ID, InvoiceID: inv.ID, Payload: []byte(`{"amount":"30.00","batch":8,"currency":"EUR","reference":"Réglé hors recouvre — F-1"}`)},
		{Type: "invoice.settled_outside", DebtorID: d.ID, InvoiceID: inv.ID, Payload: []byte(`{"amount":"50.00","batch":9,"currency":"EUR"}`)},
		{Type: "invoice.import_undone", DebtorID: d.ID, InvoiceID: inv.ID, Payload: []byte(`{"batch":9}`)},
	}
	must(t, b.st.Bulk(a.Ctx, func(w store.BulkWriter) error {
		for i := range events {
			if err := w.AddEvent(&events[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	c := b.browser(t)
	c.login(a.email)
	c.get(fmt.Sprintf("/invoices/%d", inv.ID)).want(t, http.StatusOK,
		"Facture mise à jour par un import", "montant avant", "100,00\u00a0€", "150,00\u00a0€", "échéance avant", "31/05/2025", "30/06/2025",
		"date de facture avant", "30/04/2025", `<a href="/imports/7">lot n° 7</a>`,
		"Réglé avant l’import", "Réglé hors recouvre", "Soldée hors recouvre (absente de l’export)", "Import annulé\u00a0: facture rétablie")
	c.post("/lang", url.Values{"lang": {"en"}})
	c.get(fmt.Sprintf("/invoices/%d", inv.ID)).want(t, http.StatusOK,
		"Invoice updated by an import", "amount before", "€100.00", "Paid before the import", "Paid outside recouvre",
		"Settled outside recouvre", "Import undone: invoice restored", `<a href="/imports/7">batch no. 7</a>`)
}

// TestImportTwinColumns: a second column of the same name cannot be
// mapped (a mapping names columns by their header), and says so.
func TestImportTwinColumns(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	twins := "N° facture;Client;Date facture;Montant TTC;Montant TTC\nF-1;Jean Dupont;02/06/2025;10,00;12,00\n"
	p := c.upload("doublon.csv", []byte(twins), nil).want(t, http.StatusOK, "même nom qu’une colonne précédente")
	f := p.form(t)
	if f.Get("c3") != "amount" {
		t.Errorf("the first « Montant TTC » shows %q", f.Get("c3"))
	}
	if _, ok := f["c4"]; ok {
		t.Error("the second « Montant TTC » has a select")
	}
	// One field for two columns: the first is read, and the page says so.
	twice := url.Values{}
	for k, v := range f {
		twice[k] = v
	}
	twice.Set("c2", "amount")
	c.post("/imports/preview", twice).want(t, http.StatusOK,
		"Un même champ est choisi pour plusieurs colonnes\u00a0: «\u00a0Montant TTC\u00a0»", "Montant illisible")
	id := batchID(t, c.post("/imports/confirm", f))
	if inv := invoicesByNumber(t, b, a.Fixture)["F-1"]; inv.Amount != money.EUR(10_00) || inv.ImportBatchID != id {
		t.Errorf("F-1: %+v", inv)
	}
}

// TestImportNoIssueDate: a line without an invoice date is refused
// cleanly, whatever part of the import catches it, and writes nothing.
func TestImportNoIssueDate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	noDate := strings.Replace(importCSV, "10/05/2025", "", 1)
	p := c.upload("sans date.csv", []byte(noDate), nil)
	if p.StatusCode >= 500 || !strings.Contains(p.body, "role=\"alert\"") && !strings.Contains(p.body, "ligne 3") {
		t.Fatalf("a line without a date: status %d\n%s", p.StatusCode, p.body)
	}
	if p.StatusCode == http.StatusOK {
		c.post("/imports/confirm", p.form(t))
	}
	if n := len(invoicesByNumber(t, b, a.Fixture)); n != 0 {
		t.Errorf("%d invoices written", n)
	}
}

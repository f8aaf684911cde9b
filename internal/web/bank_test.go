package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// bankOrg is the test tenant with a third customer whose invoices the
// statements pay: Garage Lambert.
type bankOrg struct {
	*tenant
	lambert          *ledger.Debtor
	l101, l102, l103 *ledger.Invoice
	account          string
}

func newBankOrg(t *testing.T, b *bundle, name string) *bankOrg {
	t.Helper()
	x := &bankOrg{tenant: newTenant(t, b, name), account: testIBAN("30004000030000012345678")}
	x.lambert = x.Debtor(t, b.st, "C003", "Garage Lambert")
	x.l101 = x.Invoice(t, b.st, x.lambert.ID, "FA-2025-0101", "2025-04-10", "2025-05-10", 450_00)
	x.l102 = x.Invoice(t, b.st, x.lambert.ID, "FA-2025-0102", "2025-04-20", "2025-05-20", 300_00)
	x.l103 = x.Invoice(t, b.st, x.lambert.ID, "FA-2025-0103", "2025-05-30", "2025-06-30", 800_00)
	return x
}

// statement pays Acmé's late invoice and Dupont's by their numbers (sure
// matches), and brings three lines to review: an amount alone, a partial
// payment, a payment that is no customer's; and one outgoing amount.
func (x *bankOrg) statement() []byte {
	return camt053(x.account,
		stmtEntry{Amount: "1134.56", Date: "2025-06-10", Payer: "ACME BATIMENT SARL", IBAN: testIBAN("10096000501234567890123"), Text: "REGLEMENT FACTURE F2025-001"},
		stmtEntry{Amount: "89.90", Date: "2025-06-11", Payer: "MME JEANNE DUPONT", IBAN: testIBAN("20041000010987654321012"), Text: "F2025-010"},
		stmtEntry{Amount: "450.00", Date: "2025-06-11", Payer: "HOLDING KERVAREC", IBAN: testIBAN("13807000200000987654321"), Text: "VIREMENT"},
		stmtEntry{Amount: "600.00", Date: "2025-06-12", Payer: "G. L. SERVICES", IBAN: testIBAN("14505000010001112223334"), Text: "ACOMPTE"},
		stmtEntry{Amount: "275.00", Date: "2025-06-12", Payer: "SCI DES TILLEULS", IBAN: testIBAN("17515900000800001234567"), Text: "LOYER JUIN"},
		stmtEntry{Amount: "120.00", Debit: true, Date: "2025-06-13", Payer: "FOURNITURES OUEST", Text: "PRLV FOURNISSEUR"},
	)
}

// importFigures reads the counts of a statement's page.
func importFigures(t *testing.T, p page) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, k := range []string{"entries", "created", "duplicates", "auto", "review", "reversals", "debits"} {
		out[k] = p.figure(t, k)
	}
	return out
}

func wantCounts(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s = %q, want %q", what, k, got[k], w)
		}
	}
}

// TestBankStatementImport uploads a camt.053 statement: the sure lines
// are lettered, the others wait in the queue; the history counts them;
// the same statement again only counts duplicates.
func TestBankStatementImport(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)

	c.get("/bank").want(t, http.StatusOK, "Importer un relevé bancaire", `href="/bank" aria-current="page"`,
		`enctype="multipart/form-data"`, `name="dry_run"`, `<option value="">Détecter</option>`, "Aucun relevé importé pour l’instant.")

	loc := c.uploadTo("/bank/imports", "releve-juin.xml", x.statement(), nil).redirected(t)
	var id int64
	if _, err := fmt.Sscanf(loc, "/bank/imports/%d?done=1", &id); err != nil {
		t.Fatalf("the import redirects to %q", loc)
	}
	p := c.get(loc).want(t, http.StatusOK, "Relevé n°", "releve-juin.xml", "camt.053", "HOLDING KERVAREC", "SCI DES TILLEULS",
		"REGLEMENT FACTURE F2025-001", eurFR(1134_56), "lettrée automatiquement", "à vérifier", `href="/bank/review"`)
	wantCounts(t, "import page", importFigures(t, p), map[string]string{"entries": "6", "created": "2", "duplicates": "0",
		"auto": "2", "review": "3", "reversals": "0", "debits": "1"})
	if got := openOf(t, b, x.Fixture, x.late.ID); got.Minor != 0 {
		t.Errorf("F2025-001 still owes %v after the statement", got)
	}

	// The history and the link to the queue.
	h := c.get("/bank").want(t, http.StatusOK, "releve-juin.xml", `id="review-link"`, "3 lignes à vérifier")
	row := regexp.MustCompile(fmt.Sprintf(`(?s)<tr data-import="%d">.*?</tr>`, id)).FindString(h.body)
	for col, want := range map[string]string{"entries": "6", "created": "2", "duplicates": "0", "auto": "2", "review": "3", "reversals": "0"} {
		if !strings.Contains(row, fmt.Sprintf(`data-col="%s">%s<`, col, want)) {
			t.Errorf("history: column %s is not %s in %s", col, want, row)
		}
	}

	// The same file again: nothing new.
	loc = c.uploadTo("/bank/imports", "releve-juin.xml", x.statement(), nil).redirected(t)
	wantCounts(t, "second import", importFigures(t, c.get(loc).want(t, http.StatusOK)), map[string]string{
		"entries": "6", "created": "0", "duplicates": "5", "auto": "0", "review": "0"})
	if n, err := b.st.CountBankLines(x.Ctx, store.LineReview); err != nil || n != 3 {
		t.Errorf("%d lines under review after the second import (%v), want 3", n, err)
	}
}

// TestBankDryRun shows what a statement would do and writes nothing.
func TestBankDryRun(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	p := c.uploadTo("/bank/imports", "releve.xml", x.statement(), url.Values{"dry_run": {"1"}})
	p.want(t, http.StatusOK, "Simulation de «\u00a0releve.xml\u00a0»", "Rien n’a été enregistré.")
	wantCounts(t, "dry run", importFigures(t, p), map[string]string{"entries": "6", "created": "2", "review": "3"})
	imps, err := b.st.BankImports(x.Ctx, store.ImportQuery{Limit: 10})
	must(t, err)
	if len(imps) != 0 || openOf(t, b, x.Fixture, x.late.ID).Minor != 1134_56 {
		t.Errorf("the dry run wrote %d imports, F2025-001 owes %v", len(imps), openOf(t, b, x.Fixture, x.late.ID))
	}
}

// TestBankUnreadable: a statement with a line that cannot be read is
// refused whole, with the line, the column, the value and the reason in
// French, and nothing is written.
func TestBankUnreadable(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	csv := "Date opération;Libellé;Tiers;Montant\r\n" +
		"10/06/2025;VIR F2025-001;ACME BATIMENT;1 134,56\r\n" +
		"11/06/2025;VIR F2025-010;DUPONT;quatre-vingt-neuf\r\n"
	p := c.uploadTo("/bank/imports", "export banque.csv", []byte(csv), nil)
	p.want(t, http.StatusUnprocessableEntity, "Le relevé «\u00a0export banque.csv\u00a0» ne peut pas être lu", "rien n’a été enregistré",
		`id="error-table"`, "quatre-vingt-neuf", "Montant illisible")
	if !regexp.MustCompile(`ligne\s*(n°\s*)?3`).MatchString(html.UnescapeString(p.body)) {
		t.Errorf("the issue does not name line 3:\n%s", p.body)
	}
	imps, err := b.st.BankImports(x.Ctx, store.ImportQuery{Limit: 10})
	must(t, err)
	n, err2 := b.st.CountBankLines(x.Ctx, "")
	must(t, err2)
	if len(imps) != 0 || n != 0 || openOf(t, b, x.Fixture, x.late.ID).Minor != 1134_56 {
		t.Errorf("a refused statement wrote %d imports and %d lines", len(imps), n)
	}

	// A mapping no one saved, an empty file, no file at all.
	c.uploadTo("/bank/imports", "export banque.csv", []byte(csv), url.Values{"mapping": {"Inconnu"}}).
		want(t, http.StatusBadRequest, "Aucun modèle de colonnes ne porte ce nom.")
	c.uploadTo("/bank/imports", "vide.csv", nil, nil).want(t, http.StatusBadRequest)
	c.post("/bank/imports", url.Values{}).want(t, http.StatusBadRequest)
}

// TestBankReview resolves the queue: a proposal accepted, a line split
// by hand over another debtor's invoices, a line ignored.
func TestBankReview(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	c.uploadTo("/bank/imports", "releve.xml", x.statement(), nil).redirected(t)

	q := c.get("/bank/review").want(t, http.StatusOK, "Lignes à vérifier", "HOLDING KERVAREC", "G. L. SERVICES", "SCI DES TILLEULS",
		eurFR(450_00), "LOYER JUIN", "Accepter", "Choisir d’autres factures / répartir", "Ignorer", "FA-2025-0101", "confiance")
	q.without(t, "ACME BATIMENT SARL", "FOURNITURES OUEST")
	if !regexp.MustCompile(`confiance \d+\x{202f}%`).MatchString(q.body) {
		t.Errorf("no confidence as a percentage in the queue")
	}
	if !strings.Contains(q.body, "Seul le montant désigne cette facture") {
		t.Errorf("the reasons of the amount-only proposal are not shown")
	}

	// Accept: FA-2025-0101 is paid.
	kervarec := reviewLineOf(t, b, x.Fixture, "HOLDING KERVAREC")
	loc := c.post(fmt.Sprintf("/bank/lines/%d/accept", kervarec.ID), url.Values{"index": {"0"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Paiement de "+eurFR(450_00)+" enregistré.", "Lettré\u00a0: "+eurFR(450_00)+" sur FA-2025-0101.")
	if got := openOf(t, b, x.Fixture, x.l101.ID); got.Minor != 0 {
		t.Errorf("FA-2025-0101 owes %v after the accepted proposal", got)
	}
	// Accepting again: the line is no longer under review.
	c.post(fmt.Sprintf("/bank/lines/%d/accept", kervarec.ID), url.Values{"index": {"0"}}).
		want(t, http.StatusConflict, "Cette action n’est plus possible")

	// Split: search the debtor, take the plan's amounts, change them.
	gl := reviewLineOf(t, b, x.Fixture, "G. L. SERVICES")
	c.get(fmt.Sprintf("/bank/lines/%d?q=lambert", gl.ID)).want(t, http.StatusOK, "Garage Lambert",
		fmt.Sprintf(`?debtor=%d`, x.lambert.ID))
	d := c.get(fmt.Sprintf("/bank/lines/%d?debtor=%d", gl.ID, x.lambert.ID)).want(t, http.StatusOK,
		"Factures ouvertes de Garage Lambert", "FA-2025-0102", "FA-2025-0103")
	d.without(t, `data-invoice="`+fmt.Sprint(x.l101.ID)+`"`) // paid
	if a, b := inputValue(t, d, "amt0"), inputValue(t, d, "amt1"); a != "300,00" || b != "300,00" {
		t.Errorf("the plan offers %q and %q, want 300,00 on each, oldest first", a, b)
	}
	// Over the line's amount: refused, the amounts typed kept.
	over := url.Values{"debtor": {fmt.Sprint(x.lambert.ID)}, "inv0": {fmt.Sprint(x.l102.ID)}, "amt0": {"300,00"},
		"inv1": {fmt.Sprint(x.l103.ID)}, "amt1": {"400"}}
	r := c.post(fmt.Sprintf("/bank/lines/%d/assign", gl.ID), over).want(t, http.StatusBadRequest, "dépasse le montant de la ligne")
	if got := inputValue(t, r, "amt1"); got != "400" {
		t.Errorf("after a refusal, the amount typed shows %q", got)
	}
	over.Set("amt1", "200,00")
	loc = c.post(fmt.Sprintf("/bank/lines/%d/assign", gl.ID), over).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Paiement de "+eurFR(600_00)+" enregistré.", eurFR(100_00)+" reste en crédit.")
	if a, b := openOf(t, b, x.Fixture, x.l102.ID), openOf(t, b, x.Fixture, x.l103.ID); a.Minor != 0 || b.Minor != 600_00 {
		t.Errorf("after the split, FA-2025-0102 owes %v and FA-2025-0103 %v; want 0 and 600", a, b)
	}
	var credit int64
	for _, p := range paymentsOf(t, b, x.Fixture, x.lambert.ID) {
		credit += p.Unallocated().Minor
	}
	if credit != 100_00 {
		t.Errorf("Garage Lambert's credit is %d, want 100,00", credit)
	}

	// Ignore, with a note.
	sci := reviewLineOf(t, b, x.Fixture, "SCI DES TILLEULS")
	loc = c.post(fmt.Sprintf("/bank/lines/%d/ignore", sci.ID), url.Values{"note": {"loyer encaissé, pas un client"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Ligne ignorée", "Aucune ligne à vérifier")
	l, err := b.st.GetBankLine(x.Ctx, sci.ID)
	must(t, err)
	if l.Status != store.LineIgnored || l.Note != "loyer encaissé, pas un client" {
		t.Errorf("the ignored line is %s with note %q", l.Status, l.Note)
	}
	c.get(fmt.Sprintf("/bank/lines/%d", sci.ID)).want(t, http.StatusOK, "ignorée", "loyer encaissé, pas un client").
		without(t, `action="/bank/lines/`+fmt.Sprint(sci.ID)+`/ignore"`)
	c.get("/bank").without(t, `id="review-link"`)
}

// TestBankReversal: a returned payment the import could not place waits
// in the queue with the payments it may return; choosing one reverses it
// and reopens what it settled.
func TestBankReversal(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	st := camt053(x.account, stmtEntry{Amount: "700.00", Debit: true, Reversal: true, Date: "2025-06-12",
		Payer: "ACME BATIMENT SARL", Text: "RETOUR CHEQUE IMPAYE", Return: "AM04", Ref: "RET-0612"})
	c.uploadTo("/bank/imports", "rejets.xml", st, nil).redirected(t)
	lines, err := b.st.BankLines(x.Ctx, store.BankLineQuery{Status: store.LineReview, Limit: -1})
	must(t, err)
	if len(lines) != 1 || !lines[0].Reversal || lines[0].ReturnReason != "AM04" {
		t.Fatalf("under review: %+v, want the return alone", lines)
	}
	line := lines[0]
	q := c.get("/bank/review").want(t, http.StatusOK, "rejet", "AM04", "Contre-passer ce paiement",
		fmt.Sprintf(`href="/payments/%d"`, x.payment.ID))
	q.without(t, fmt.Sprintf(`action="/bank/lines/%d/accept"`, line.ID))
	loc := c.post(fmt.Sprintf("/bank/lines/%d/reversal", line.ID), url.Values{"payment": {fmt.Sprint(x.payment.ID)}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Rejet appliqué")
	p, err := b.st.GetPayment(x.Ctx, x.payment.ID)
	must(t, err)
	if !p.Reversed() || openOf(t, b, x.Fixture, x.paid.ID).Minor != 500_00 {
		t.Errorf("after the return: payment reversed %v, F2025-002 owes %v", p.Reversed(), openOf(t, b, x.Fixture, x.paid.ID))
	}
	c.get(fmt.Sprintf("/payments/%d", x.payment.ID)).want(t, http.StatusOK, "contre-passé")
}

// TestBankTenancy: another organization's statements, lines, payments and
// allocations are not found, to read or to act on, and nothing changes.
func TestBankTenancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	y := newBankOrg(t, b, "Beta")
	a := b.browser(t)
	a.login(x.email)
	loc := a.uploadTo("/bank/imports", "releve.xml", x.statement(), nil).redirected(t)
	var imp int64
	fmt.Sscanf(loc, "/bank/imports/%d", &imp)
	line := reviewLineOf(t, b, x.Fixture, "HOLDING KERVAREC")
	allocs, err := b.st.ListAllocations(x.Ctx, store.AllocationQuery{PaymentID: x.payment.ID})
	must(t, err)

	c := b.browser(t)
	c.login(y.email)
	for _, path := range []string{fmt.Sprintf("/bank/imports/%d", imp), fmt.Sprintf("/bank/lines/%d", line.ID),
		fmt.Sprintf("/payments/%d", x.payment.ID)} {
		c.get(path).want(t, http.StatusNotFound, "Cette page n’existe pas.")
	}
	for path, form := range map[string]url.Values{
		fmt.Sprintf("/bank/lines/%d/accept", line.ID):       {"index": {"0"}},
		fmt.Sprintf("/bank/lines/%d/ignore", line.ID):       {"note": {"x"}},
		fmt.Sprintf("/bank/lines/%d/assign", line.ID):       {"debtor": {fmt.Sprint(y.lambert.ID)}},
		fmt.Sprintf("/bank/lines/%d/reversal", line.ID):     {"payment": {fmt.Sprint(y.payment.ID)}},
		fmt.Sprintf("/payments/%d/reverse", x.payment.ID):   {"on": {"2025-06-15"}},
		fmt.Sprintf("/payments/%d/allocate", x.payment.ID):  {"invoice": {fmt.Sprint(y.future.ID)}},
		fmt.Sprintf("/allocations/%d/delete", allocs[0].ID): {"back": {"/debtors"}},
		fmt.Sprintf("/debtors/%d/payments", x.acme.ID):      {"received_on": {"2025-06-15"}, "amount": {"10"}, "method": {"transfer"}},
	} {
		c.post(path, form).want(t, http.StatusNotFound)
	}
	// Beta's own payment on Alpha's invoice: not Beta's debtor's invoice.
	c.post(fmt.Sprintf("/payments/%d/allocate", y.payment.ID), url.Values{"invoice": {fmt.Sprint(x.future.ID)}}).
		want(t, http.StatusBadRequest, "n’est pas une facture ouverte de ce débiteur")

	l, err := b.st.GetBankLine(x.Ctx, line.ID)
	must(t, err)
	p, err := b.st.GetPayment(x.Ctx, x.payment.ID)
	must(t, err)
	if l.Status != store.LineReview || p.Reversed() || p.Allocated.Minor != 500_00 || openOf(t, b, x.Fixture, x.future.ID).Minor != 2000_00 {
		t.Errorf("another organization changed Alpha: line %s, payment reversed %v, allocated %v", l.Status, p.Reversed(), p.Allocated)
	}
	c.get("/bank/review").want(t, http.StatusOK, "Aucune ligne à vérifier").without(t, "HOLDING KERVAREC")
}

// TestBankViewer: a viewer reads the pages and may not act.
func TestBankViewer(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	a := b.browser(t)
	a.login(x.email)
	a.uploadTo("/bank/imports", "releve.xml", x.statement(), nil).redirected(t)
	addUser(t, b.st, x.Org.ID, "lecture@alpha.test", "viewer")
	c := b.browser(t)
	c.login("lecture@alpha.test")
	c.get("/bank").want(t, http.StatusOK, `id="read-only"`).without(t, `action="/bank/imports"`)
	c.get("/bank/review").want(t, http.StatusOK, "HOLDING KERVAREC").without(t, "Accepter")
	line := reviewLineOf(t, b, x.Fixture, "HOLDING KERVAREC")
	c.post(fmt.Sprintf("/bank/lines/%d/accept", line.ID), url.Values{"index": {"0"}}).want(t, http.StatusForbidden)
	c.uploadTo("/bank/imports", "releve.xml", x.statement(), nil).want(t, http.StatusForbidden)
	c.post(fmt.Sprintf("/debtors/%d/payments", x.acme.ID), url.Values{"amount": {"10"}}).want(t, http.StatusForbidden)
	c.get(fmt.Sprintf("/debtors/%d", x.acme.ID)).want(t, http.StatusOK).without(t, "Enregistrer un paiement", "Délettrer")
}

// TestBankSettings saves the matching settings, refuses a threshold out
// of range, and deletes a saved bank mapping.
func TestBankSettings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	must(t, b.st.SaveBankMapping(x.Ctx, store.ImportMapping{Name: "Banque du Port", Mapping: []byte(`{}`)}))
	c := b.browser(t)
	c.login(x.email)
	c.get("/settings").want(t, http.StatusOK, "Rapprochement bancaire", `name="auto_threshold"`, `value="90"`, "Banque du Port")
	c.get("/bank").want(t, http.StatusOK, `<option value="Banque du Port">Banque du Port</option>`)
	c.post("/settings/bank", url.Values{"auto_threshold": {"40"}, "fee_tolerance": {"2,50"}}).
		want(t, http.StatusBadRequest, "Le seuil de lettrage automatique est un nombre entier de 50 à 100.", `value="40"`)
	c.post("/settings/bank", url.Values{"auto_threshold": {"95"}, "fee_tolerance": {"deux"}}).want(t, http.StatusBadRequest, "Montant illisible")
	loc := c.post("/settings/bank", url.Values{"auto_threshold": {"95"}, "fee_tolerance": {"2,50"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, `id="bank-saved"`, `value="95"`, `value="2,50"`)
	s, err := b.st.BankSettings(x.Ctx)
	must(t, err)
	if s.AutoThreshold != 95 || s.FeeTolerance != money.EUR(2_50) {
		t.Errorf("saved %+v", s)
	}
	loc = c.post("/settings/bank/mappings/delete", url.Values{"name": {"Banque du Port"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Le modèle «\u00a0Banque du Port\u00a0» a été supprimé.", "Aucun modèle enregistré.")

	addUser(t, b.st, x.Org.ID, "agent@alpha.test", "agent")
	a := b.browser(t)
	a.login("agent@alpha.test")
	a.post("/settings/bank", url.Values{"auto_threshold": {"60"}}).want(t, http.StatusForbidden)
}

// TestBankEnglish: the pages in English, and a refused file's reason too.
func TestBankEnglish(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	c.post("/lang", url.Values{"lang": {"en"}, "back": {"/bank"}})
	c.get("/bank").want(t, http.StatusOK, "Import a bank statement", "Dry run")
	csv := "Date opération;Libellé;Montant\r\n10/06/2025;VIR;abc\r\n"
	c.uploadTo("/bank/imports", "x.csv", []byte(csv), nil).want(t, http.StatusUnprocessableEntity, "cannot be read", "abc")
}

var inputRe = regexp.MustCompile(`<input [^>]*>`)

// inputValue is the value of the input named name in the page.
func inputValue(t *testing.T, p page, name string) string {
	t.Helper()
	for _, tag := range inputRe.FindAllString(p.body, -1) {
		a := attrs(strings.TrimSuffix(strings.TrimPrefix(tag, "<input"), ">"))
		if a["name"] == name {
			return a["value"]
		}
	}
	t.Fatalf("no input %q in the page:\n%s", name, p.body)
	return ""
}

// TestBankCrossSite: the actions refuse a form posted from another site.
func TestBankCrossSite(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	c.uploadTo("/bank/imports", "releve.xml", x.statement(), nil).redirected(t)
	line := reviewLineOf(t, b, x.Fixture, "HOLDING KERVAREC")
	before := len(paymentsOf(t, b, x.Fixture, x.acme.ID))
	for path, form := range map[string]url.Values{
		fmt.Sprintf("/bank/lines/%d/accept", line.ID):     {"index": {"0"}},
		fmt.Sprintf("/bank/lines/%d/ignore", line.ID):     {},
		fmt.Sprintf("/payments/%d/reverse", x.payment.ID): {"on": {"2025-06-15"}},
		fmt.Sprintf("/debtors/%d/payments", x.acme.ID):    {"received_on": {"2025-06-15"}, "amount": {"10"}, "method": {"cash"}},
		"/settings/bank": {"auto_threshold": {"60"}},
	} {
		c.post(path, form, "Sec-Fetch-Site", "cross-site").want(t, http.StatusForbidden)
	}
	l, err := b.st.GetBankLine(x.Ctx, line.ID)
	must(t, err)
	p, err := b.st.GetPayment(x.Ctx, x.payment.ID)
	must(t, err)
	if l.Status != store.LineReview || p.Reversed() || len(paymentsOf(t, b, x.Fixture, x.acme.ID)) != before {
		t.Errorf("a cross-site form changed the ledger: line %s, payment reversed %v", l.Status, p.Reversed())
	}
}

// TestBankUndo: a statement imported by mistake is undone from its page
// (the invoices it settled are due again, importing it again works), and
// one whose debtors had other events since says why it cannot be.
func TestBankUndo(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	loc := c.uploadTo("/bank/imports", "releve-juin.xml", x.statement(), nil).redirected(t)
	page := strings.TrimSuffix(loc, "?done=1")
	c.get(page).want(t, http.StatusOK, "Annuler cet import", `id="undo-button"`)

	c.post(page+"/undo", nil).redirected(t)
	c.get(page+"?undone=1").want(t, http.StatusOK, "Import annulé", "Annulé le", "il a déjà été annulé.").without(t, `id="undo-button"`)
	if got := openOf(t, b, x.Fixture, x.late.ID); got.Minor != 1134_56 {
		t.Fatalf("F2025-001 owes %v after the undo", got)
	}
	if n, _ := b.st.CountBankLines(x.Ctx, ""); n != 0 {
		t.Fatalf("%d lines after the undo", n)
	}
	c.post(page+"/undo", nil).want(t, http.StatusConflict, "Cet import ne peut plus être annulé.")
	c.get("/bank").want(t, http.StatusOK, "data-undone", ">annulé<")

	// Imported again, then a payment by hand for one of its debtors.
	loc = c.uploadTo("/bank/imports", "releve-juin.xml", x.statement(), nil).redirected(t)
	page = strings.TrimSuffix(loc, "?done=1")
	c.post(fmt.Sprintf("/debtors/%d/payments", x.dupont.ID), url.Values{"received_on": {"2025-06-15"}, "amount": {"1"}, "method": {"cash"}}).redirected(t)
	c.get(page).want(t, http.StatusOK, "un débiteur qu’il a réglé a connu d’autres événements depuis.").without(t, `id="undo-button"`)
	c.post(page+"/undo", nil).want(t, http.StatusConflict)
	if got := openOf(t, b, x.Fixture, x.late.ID); got.Minor != 0 {
		t.Fatalf("a refused undo changed F2025-001: %v", got)
	}
}

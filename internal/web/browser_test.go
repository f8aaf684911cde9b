package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/recouvre/recouvre/internal/demo"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// chromium finds a Chromium or Chrome binary. Without one the browser
// tests skip, unless RECOUVRE_REQUIRE_BROWSER=1 (CI), where they fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("RECOUVRE_REQUIRE_BROWSER") == "1" {
		t.Fatal("no Chromium found on PATH, and RECOUVRE_REQUIRE_BROWSER=1: install Debian's chromium")
	}
	t.Skip("no Chromium found on PATH (apt-get install chromium); set RECOUVRE_REQUIRE_BROWSER=1 to make this a failure")
	return ""
}

// newTab starts a headless Chromium of the test's own and returns a tab.
func newTab(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "fr-FR"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

// screenshot saves the page as a PNG under $RECOUVRE_ARTIFACTS/screenshots
// (CI keeps them), else under the system's temp folder; quality 100
// gives a PNG.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("RECOUVRE_ARTIFACTS")
	if dir == "" {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "screenshots", storetest.Kind())
	must(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name+".png")
	must(t, os.WriteFile(path, png, 0o644))
	t.Logf("screenshot: %s", path)
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return strings.TrimSpace(s)
}

func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// follow clicks what css selects and waits for the page it opens.
func follow(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("click %s: %v", css, err)
	}
	if res.Status != 200 {
		t.Fatalf("click %s: status %d at %s", css, res.Status, res.URL)
	}
}

// demoTenant loads a demo portfolio, as `recouvre demo` does, with a user
// who has the test password.
func demoTenant(t *testing.T, b *bundle) (storetest.Fixture, string) {
	t.Helper()
	f := storetest.NewFixture(t, b.st, "Menuiserie Lefèvre & Fils")
	email := "camille@lefevre.test"
	addUser(t, b.st, f.Org.ID, email, "admin")
	err := b.st.Bulk(f.Ctx, func(w store.BulkWriter) error {
		_, err := demo.Generate(w, demo.Options{Debtors: 60, Invoices: 600, Seed: 7, Today: today, CreditorID: f.Creditor.ID, Currency: "EUR"})
		return err
	})
	must(t, err)
	return f, email
}

// TestBrowserTour logs in through the form, reads the portfolio, opens a
// debtor and checks every figure shown against the ledger, opens an
// invoice, switches to English and logs out — in headless Chromium, with
// a screenshot of each page.
func TestBrowserTour(t *testing.T) {
	ctx := newTab(t)
	b := setup(t)
	f, email := demoTenant(t, b)

	// Log in: the portfolio asks for it first.
	do(t, ctx, "open the portfolio", chromedp.Navigate(b.srv.URL+"/debtors"), chromedp.WaitVisible(chromedp.CSS("#email")))
	if got := text(t, ctx, "h1"); got != "Connexion" {
		t.Errorf("login heading %q", got)
	}
	screenshot(t, ctx, "login")
	do(t, ctx, "fill the login form",
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	follow(t, ctx, "form.stack button[type=submit]")
	do(t, ctx, "portfolio", chromedp.WaitVisible(chromedp.CSS("table#portfolio")))
	if got := text(t, ctx, "h1"); got != "Portefeuille" {
		t.Errorf("after login, heading %q", got)
	}
	if got := text(t, ctx, "#count"); got != "Débiteurs 1 à 50 sur 60" {
		t.Errorf("count %q", got)
	}
	screenshot(t, ctx, "portfolio")

	// The first row owes the most overdue: check it against the ledger.
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#portfolio tbody tr td.name a"), "href"))
	must(t, err)
	var id int64
	if _, err := fmt.Sscanf(href.Value, "/debtors/%d", &id); err != nil {
		t.Fatalf("first row links to %q", href.Value)
	}
	bal, err := b.st.DebtorBalance(f.Ctx, id, today)
	must(t, err)
	if got := text(t, ctx, "#portfolio tbody tr td:nth-child(5)"); got != money.FormatFR(bal.Overdue) {
		t.Errorf("portfolio overdue %q, ledger %q", got, money.FormatFR(bal.Overdue))
	}

	// Search narrows the portfolio (the filters work without script too).
	d, err := b.st.GetDebtor(f.Ctx, id)
	must(t, err)
	do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS("#q"), d.Ref))
	follow(t, ctx, ".filters button[type=submit]")
	if rows, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("#portfolio tbody tr"))); err != nil || len(rows) != 1 {
		t.Fatalf("search for %s: %d rows (%v)", d.Ref, len(rows), err)
	}

	// The debtor's page shows the ledger's figures, to the cent.
	follow(t, ctx, "#portfolio tbody tr td.name a")
	do(t, ctx, "debtor page", chromedp.WaitVisible(chromedp.CSS("#balance")))
	if got := text(t, ctx, "h1"); !strings.HasPrefix(got, d.Name) {
		t.Errorf("debtor heading %q, want %q", got, d.Name)
	}
	for fig, want := range map[string]string{
		"due": money.FormatFR(bal.Due), "overdue": money.FormatFR(bal.Overdue), "credit": money.FormatFR(bal.Credit),
	} {
		if got := text(t, ctx, fmt.Sprintf(`[data-figure="%s"]`, fig)); got != want {
			t.Errorf("figure %s: page %q, ledger %q", fig, got, want)
		}
	}
	invs, err := b.st.ListInvoices(f.Ctx, store.InvoiceQuery{DebtorID: id, Limit: -1, Today: today})
	must(t, err)
	rows, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("#invoices tbody tr")))
	must(t, err)
	if len(rows) != len(invs.Invoices) {
		t.Errorf("invoices table has %d rows, the ledger %d documents", len(rows), len(invs.Invoices))
	}
	var open int64
	for _, inv := range invs.Invoices {
		if inv.Kind == ledger.DocInvoice {
			open += inv.Open().Minor
		}
	}
	if open != bal.Due.Minor {
		t.Errorf("the open invoices add up to %d, the balance says %d", open, bal.Due.Minor)
	}
	if n, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("#timeline li"))); err != nil || len(n) == 0 {
		t.Errorf("empty timeline (%v)", err)
	}
	screenshot(t, ctx, "debtor")

	// An invoice: its amounts are the ledger's.
	follow(t, ctx, "#invoices tbody tr td a")
	do(t, ctx, "invoice page", chromedp.WaitVisible(chromedp.CSS("#amounts")))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must(t, err)
	var invID int64
	if _, err := fmt.Sscanf(loc[strings.LastIndex(loc, "/invoices/"):], "/invoices/%d", &invID); err != nil {
		t.Fatalf("invoice URL %q", loc)
	}
	inv, err := b.st.GetInvoice(f.Ctx, invID)
	must(t, err)
	for fig, want := range map[string]string{"amount": money.FormatFR(inv.Amount), "allocated": money.FormatFR(inv.Allocated), "open": money.FormatFR(inv.Open())} {
		if got := text(t, ctx, fmt.Sprintf(`[data-figure="%s"]`, fig)); got != want {
			t.Errorf("invoice %s: page %q, ledger %q", fig, got, want)
		}
	}
	screenshot(t, ctx, "invoice")

	// English, then back to the portfolio in English.
	follow(t, ctx, `header form.lang button[value="en"]`)
	lang, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	must(t, err)
	if lang.Value != "en" {
		t.Errorf("after switching, html lang=%q", lang.Value)
	}
	follow(t, ctx, `nav.main-nav a[href="/debtors"]`)
	if got := text(t, ctx, "h1"); got != "Portfolio" {
		t.Errorf("English heading %q", got)
	}
	screenshot(t, ctx, "portfolio-en")

	// Log out: back to the login page, and the portfolio asks again.
	follow(t, ctx, `header form[action="/logout"] button`)
	do(t, ctx, "login page", chromedp.WaitVisible(chromedp.CSS("#email")))
	do(t, ctx, "portfolio after logout", chromedp.Navigate(b.srv.URL+"/debtors"), chromedp.WaitVisible(chromedp.CSS("#email")))
}

// TestBrowserKeyboard: "/" focuses the search, j walks the rows, Enter
// opens the row's debtor.
func TestBrowserKeyboard(t *testing.T) {
	ctx := newTab(t)
	b := setup(t)
	_, email := demoTenant(t, b)
	do(t, ctx, "log in", chromedp.Navigate(b.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	follow(t, ctx, "form.stack button[type=submit]")
	do(t, ctx, "portfolio", chromedp.WaitVisible(chromedp.CSS("table#portfolio")))
	do(t, ctx, "press /", chromedp.KeyEvent("/"))
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	must(t, err)
	if focused != "q" {
		t.Errorf("after '/', focus is on %q", focused)
	}
	do(t, ctx, "leave the search", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`, chromedp.EvalIgnoreExceptions))
	do(t, ctx, "press j j", chromedp.KeyEvent("jj"))
	idx, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.prototype.indexOf.call(document.querySelectorAll("#portfolio tbody tr"), document.activeElement)`))
	must(t, err)
	if idx != 1 {
		t.Errorf("after j j, row %d has the focus", idx)
	}
	want, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.querySelector("a").getAttribute("href")`))
	must(t, err)
	if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatalf("Enter: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must(t, err)
	if !strings.HasSuffix(loc, want) {
		t.Errorf("Enter opened %q, want %q", loc, want)
	}
}

// TestBrowserCalculator fills the « calculateur de pénalités » as a user
// would and reads the statement back.
func TestBrowserCalculator(t *testing.T) {
	ctx := newTab(t)
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	do(t, ctx, "log in", chromedp.Navigate(b.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), a.email),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	follow(t, ctx, "form.stack button[type=submit]")
	follow(t, ctx, `nav.main-nav a[href="/legal/calculator"]`)
	if got := text(t, ctx, "h1"); got != "Calculateur de pénalités" {
		t.Fatalf("heading %q", got)
	}
	// Date inputs take their value in ISO form whatever the locale shows.
	do(t, ctx, "fill the claim",
		chromedp.Click(chromedp.CSS(`input[name="kind"][value="business"]`)),
		chromedp.SendKeys(chromedp.CSS("#principal"), "10 000,00"),
		chromedp.SetValue(chromedp.CSS("#due"), "2025-03-31"),
		chromedp.SetValue(chromedp.CSS("#until"), "2025-09-30"),
		chromedp.SetValue(chromedp.CSS("#payment_on_0"), "2025-05-15"),
		chromedp.SendKeys(chromedp.CSS("#payment_amount_0"), "4 000"))
	follow(t, ctx, ".calc-form button[type=submit]")
	do(t, ctx, "statement", chromedp.WaitVisible(chromedp.CSS("#statement")))
	// 162,12 € of interest to 15 May, paid first; 6 162,12 € of principal
	// at 13,15 % to 30 June (102,12 €), then at 12,15 % for 92 days:
	// 616 212 × 1215 × 92 / 3 650 000 = 18 871,28 → 188,71 €.
	for fig, want := range map[string]string{
		"principal": "6\u202f162,12\u00a0€", "interest": "290,83\u00a0€", "indemnity": "40,00\u00a0€", "total": "6\u202f492,95\u00a0€",
	} {
		if got := text(t, ctx, fmt.Sprintf(`[data-figure="%s"]`, fig)); got != want {
			t.Errorf("%s: %q, want %q", fig, got, want)
		}
	}
	rows, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("#periods tbody tr")))
	must(t, err)
	if len(rows) != 3 {
		t.Errorf("%d periods, want 3", len(rows))
	}
	screenshot(t, ctx, "calculator")
}

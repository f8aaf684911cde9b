package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// TestBrowserImport imports a CSV export as a user would, in headless
// Chromium: upload, check the preview, ignore a column, recalculate,
// correct a guessed customer type, confirm, and find the customers in the
// portfolio with the balances the file gives.
func TestBrowserImport(t *testing.T) {
	ctx := newTab(t)
	b := setup(t)
	a := newImporter(t, b, "Alpha")
	file := filepath.Join(t.TempDir(), "balance clients.csv")
	must(t, os.WriteFile(file, []byte(importCSV), 0o600))

	do(t, ctx, "log in", chromedp.Navigate(b.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), a.email),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	follow(t, ctx, "form.stack button[type=submit]")
	follow(t, ctx, `nav.main-nav a[href="/imports"]`)
	if got := text(t, ctx, "h1"); got != "Importer des factures" {
		t.Fatalf("heading %q", got)
	}

	// Upload: the preview shows what was detected and the first rows.
	do(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	submit(t, ctx, "#upload", "#preview-table")
	for fig, want := range map[string]string{"format": "CSV", "encoding": "UTF-8", "delimiter": "point-virgule", "created": "3", "debtors": "3", "errors": "0"} {
		if got := text(t, ctx, fmt.Sprintf(`[data-figure="%s"]`, fig)); got != want {
			t.Errorf("preview %s: %q, want %q", fig, got, want)
		}
	}
	rows, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("#preview-table tbody tr")))
	must(t, err)
	if len(rows) != 3 {
		t.Errorf("the preview shows %d rows, want 3", len(rows))
	}
	if got := text(t, ctx, "#preview-table tbody tr:nth-child(2) td:nth-child(2)"); got != "Jean Dupont" {
		t.Errorf("second row, second cell: %q", got)
	}
	screenshot(t, ctx, "import-preview")

	// « Reste dû » is read as such; ignore it and recalculate.
	col := columnOf(t, ctx, "Reste dû")
	if got := value(t, ctx, "#c"+col); got != "open" {
		t.Fatalf("« Reste dû » pre-selected %q", got)
	}
	// Changing a select recalculates the preview by itself (app.js).
	navigate(t, ctx, "ignore « Reste dû »", chromedp.SetValue(chromedp.CSS("#c"+col), ""), "#preview-table")
	if got := value(t, ctx, "#c"+col); got != "" {
		t.Errorf("after recalculating, « Reste dû » shows %q", got)
	}
	if got := text(t, ctx, "#preview-table thead th:nth-child(7) label"); got != "Reste dû" {
		t.Errorf("seventh column %q", got)
	}

	// Garage du Port is guessed a consumer: correct it.
	kind := `tr[data-key="ref:C103"] select`
	if got := value(t, ctx, kind); got != "consumer" {
		t.Fatalf("Garage du Port guessed %q", got)
	}
	if got := text(t, ctx, `tr[data-key="ref:C103"] .badge`); got != "deviné" {
		t.Errorf("badge %q, want « deviné »", got)
	}
	do(t, ctx, "correct the kind", chromedp.SetValue(chromedp.CSS(kind), "business"))
	submit(t, ctx, "#recalc", "#preview-table")
	if got, badge := value(t, ctx, kind), text(t, ctx, `tr[data-key="ref:C103"] .badge`); got != "business" || badge != "choisi" {
		t.Errorf("after recalculating, Garage du Port is %q (%q)", got, badge)
	}

	// Confirm: the batch's page shows the counts.
	follow(t, ctx, "#confirm")
	do(t, ctx, "batch page", chromedp.WaitVisible(chromedp.CSS("#done")))
	for fig, want := range map[string]string{"created": "3", "lines": "4", "errors": "0", "format": "CSV"} {
		if got := text(t, ctx, fmt.Sprintf(`[data-figure="%s"]`, fig)); got != want {
			t.Errorf("batch %s: %q, want %q", fig, got, want)
		}
	}
	if got := text(t, ctx, "#status"); got != "Appliqué" {
		t.Errorf("status %q", got)
	}
	screenshot(t, ctx, "import-done")

	// The history lists it.
	follow(t, ctx, `nav.main-nav a[href="/imports"]`)
	if got := text(t, ctx, "#imports tbody tr td.file"); got != "balance clients.csv" {
		t.Errorf("history: first file %q", got)
	}
	screenshot(t, ctx, "import-history")

	// The portfolio: the customers with their balances, F-102 whole as
	// « Reste dû » was ignored, and Garage du Port a business.
	follow(t, ctx, `nav.main-nav a[href="/debtors"]`)
	do(t, ctx, "portfolio", chromedp.WaitVisible(chromedp.CSS("table#portfolio")))
	for ref, want := range map[string]struct {
		kind ledger.DebtorKind
		due  int64
	}{"C101": {ledger.KindBusiness, 1_200_00}, "C102": {ledger.KindConsumer, 300_50}, "C103": {ledger.KindBusiness, 80_00}} {
		d := debtorByRef(t, b, a.Fixture, ref)
		bal, err := b.st.DebtorBalance(a.Ctx, d.ID, today)
		must(t, err)
		if d.Kind != want.kind || bal.Due != money.EUR(want.due) {
			t.Errorf("%s in the ledger: kind %s, due %v; want %s, %d", ref, d.Kind, bal.Due, want.kind, want.due)
		}
		row := fmt.Sprintf(`#portfolio a[href="/debtors/%d"]`, d.ID)
		cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(
			`Array.from(document.querySelector(%q).closest("tr").cells).map(function (c) { return c.textContent.trim(); })`, row)))
		if err != nil {
			t.Fatalf("row of %s: %v", ref, err)
		}
		if len(cells) < 4 || cells[1] != ref || cells[3] != money.FormatFR(bal.Due) || !strings.EqualFold(cells[2], kindFR[d.Kind]) {
			t.Errorf("%s in the portfolio: %q; want kind %s, due %s", ref, cells, kindFR[d.Kind], money.FormatFR(bal.Due))
		}
	}
}

var kindFR = map[ledger.DebtorKind]string{ledger.KindBusiness: "Entreprise", ledger.KindConsumer: "Particulier", ledger.KindPublic: "Organisme public"}

// submit clicks the button css selects and waits for the page the form
// answers with, until wait is visible on it.
func submit(t *testing.T, ctx context.Context, css, wait string) {
	t.Helper()
	navigate(t, ctx, "submit "+css, chromedp.Click(chromedp.CSS(css)), wait)
}

// navigate runs action, which leads to another page, and waits until wait
// is visible on it. A POST answered 200 is not always reported to
// chromedp.RunResponse (follow), hence the marker: the old page's body
// carries it, the new one does not.
func navigate(t *testing.T, ctx context.Context, what string, action chromedp.Action[chromedp.Void], wait string) {
	t.Helper()
	do(t, ctx, what,
		chromedp.Evaluate[chromedp.Void](`document.body.setAttribute("data-stale", "1")`),
		action)
	const fresh = `document.readyState === "complete" && !!document.body && !document.body.hasAttribute("data-stale")`
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		// Between the two pages the evaluation may fail: try again.
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fresh)); err == nil && ok {
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("%s: no new page after 30 s", what)
		}
	}
	do(t, ctx, "wait for "+wait, chromedp.WaitVisible(chromedp.CSS(wait)))
}

// columnOf is the index of the preview's column headed name.
func columnOf(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	idx, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(
		`Array.from(document.querySelectorAll("#preview-table thead th")).findIndex(function (th) { var l = th.querySelector("label"); return l && l.textContent.trim() === %q; })`, name)))
	if err != nil || idx < 0 {
		t.Fatalf("no column %q in the preview (%v)", name, err)
	}
	return fmt.Sprint(idx)
}

// value is the current value of a form control.
func value(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).value`, css)))
	if err != nil {
		t.Fatalf("value of %s: %v", css, err)
	}
	return v
}

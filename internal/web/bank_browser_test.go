package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserBank imports a bank statement as a user would, in headless
// Chromium: upload it on the bank page, open the review queue, accept
// the proposal for a payment the matcher could not place alone, open the
// payment and find its invoice paid.
func TestBrowserBank(t *testing.T) {
	ctx := newTab(t)
	b := setup(t)
	x := newBankOrg(t, b, "Alpha")
	file := filepath.Join(t.TempDir(), "releve-juin.xml")
	must(t, os.WriteFile(file, x.statement(), 0o600))

	do(t, ctx, "log in", chromedp.Navigate(b.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), x.email),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	follow(t, ctx, "form.stack button[type=submit]")
	follow(t, ctx, `nav.main-nav a[href="/bank"]`)
	if got := text(t, ctx, "h1"); !strings.HasPrefix(got, "Banque") {
		t.Fatalf("heading %q", got)
	}

	// Upload: the statement's page counts what it did.
	do(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	submit(t, ctx, "#upload", "#done")
	for fig, want := range map[string]string{"entries": "6", "created": "2", "auto": "2", "review": "3", "debits": "1"} {
		if got := text(t, ctx, fmt.Sprintf(`[data-figure="%s"]`, fig)); got != want {
			t.Errorf("statement %s: %q, want %q", fig, got, want)
		}
	}
	screenshot(t, ctx, "bank-import")

	// The bank page links to the queue.
	follow(t, ctx, `nav.main-nav a[href="/bank"]`)
	if got := text(t, ctx, "#review-link"); got != "3 lignes à vérifier" {
		t.Errorf("review link %q", got)
	}
	follow(t, ctx, "#review-link")
	line := reviewLineOf(t, b, x.Fixture, "HOLDING KERVAREC")
	card := fmt.Sprintf("#line-%d", line.ID)
	if got := text(t, ctx, card+" .proposal .debtor"); got != "Garage Lambert" {
		t.Errorf("the proposal names %q", got)
	}
	if got := text(t, ctx, card+" .proposal-allocs"); !strings.Contains(got, "FA-2025-0101") || !strings.Contains(got, eurFR(450_00)) {
		t.Errorf("the proposal pays %q", got)
	}
	screenshot(t, ctx, "bank-review")

	// Accept: back to the queue, which says what was paid.
	submit(t, ctx, fmt.Sprintf("#accept-%d-0", line.ID), "#notice")
	if got := text(t, ctx, "#notice"); !strings.Contains(got, "FA-2025-0101") {
		t.Errorf("notice %q", got)
	}
	if got := text(t, ctx, "#review-count"); got != "2" {
		t.Errorf("%s lines left to review, want 2", got)
	}

	// The payment, then its invoice: paid.
	follow(t, ctx, "#notice-payment")
	do(t, ctx, "payment page", chromedp.WaitVisible(chromedp.CSS("#allocations")))
	if got := text(t, ctx, `[data-figure="state"]`); got != "entièrement lettré" {
		t.Errorf("payment state %q", got)
	}
	if got := text(t, ctx, `[data-figure="amount"]`); got != eurFR(450_00) {
		t.Errorf("payment amount %q", got)
	}
	screenshot(t, ctx, "bank-payment")
	follow(t, ctx, fmt.Sprintf(`#allocations a[href="/invoices/%d"]`, x.l101.ID))
	if got := text(t, ctx, "h1 .badge"); got != "Payé" {
		t.Errorf("invoice status %q, want Payé", got)
	}
	if got := text(t, ctx, `[data-figure="open"]`); got != eurFR(0) {
		t.Errorf("invoice open %q", got)
	}
	if got := openOf(t, b, x.Fixture, x.l101.ID); got.Minor != 0 {
		t.Errorf("the ledger says FA-2025-0101 owes %v", got)
	}

	// Another line, split by hand: the plan is offered oldest first.
	gl := reviewLineOf(t, b, x.Fixture, "G. L. SERVICES")
	do(t, ctx, "split page", chromedp.Navigate(fmt.Sprintf("%s/bank/lines/%d?q=lambert", b.srv.URL, gl.ID)),
		chromedp.WaitVisible(chromedp.CSS("#found")))
	follow(t, ctx, "#found a")
	if got := value(t, ctx, "#amt0"); got != "300,00" {
		t.Errorf("the split offers %q on the oldest open invoice", got)
	}
	screenshot(t, ctx, "bank-split")
}

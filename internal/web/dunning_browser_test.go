package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/recouvre/recouvre/internal/ledger"
)

// TestBrowserDunning walks the reminders' screens as a credit manager
// would, in headless Chromium: the scenario editor (a step moved by a
// day, saved), a template previewed on real debtors (with the button,
// then live as the words are typed), and the approval queue, where the
// formal notice the cycle planned is approved and becomes « planifiée ».
func TestBrowserDunning(t *testing.T) {
	ctx := newTab(t)
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	// The cycle as it would have run through April and on 5 May: Acmé's
	// late invoice climbed to the formal notice, which waits for approval.
	planNotices(t, b, x)
	notice := noticeOf(t, b, x, x.acme)

	do(t, ctx, "log in", chromedp.Navigate(b.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), x.email),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	follow(t, ctx, "form.stack button[type=submit]")
	follow(t, ctx, `nav.main-nav a[href="/dunning"]`)
	if got := text(t, ctx, "h1"); !strings.HasPrefix(got, "Plan du jour") {
		t.Fatalf("heading %q", got)
	}
	if got := text(t, ctx, `[data-figure="awaiting"]`); got != "1" {
		t.Errorf("%s awaiting approval, want 1", got)
	}
	screenshot(t, ctx, "dunning-today")

	// The scenario editor: the first reminder moves from 3 to 4 days.
	follow(t, ctx, `nav.tabs a[href="/dunning/scenarios"]`)
	follow(t, ctx, `#scenarios a[href="/dunning/scenarios/tpe"]`)
	row, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`Array.from(document.querySelectorAll("input.step-key")).find(function (i) { return i.value === "j+3"; }).id.replace("key_", "")`))
	must(t, err)
	if got := value(t, ctx, "#offset_"+row); got != "3" {
		t.Fatalf("the first reminder's offset reads %q", got)
	}
	do(t, ctx, "change the offset", chromedp.SetValue(chromedp.CSS("#offset_"+row), "4"))
	screenshot(t, ctx, "dunning-scenario")
	submit(t, ctx, "#save-scenario", "#notice")
	if got := text(t, ctx, "#notice"); got != "Scénario enregistré." {
		t.Errorf("after saving: %q", got)
	}
	if got := value(t, ctx, "#offset_"+row); got != "4" {
		t.Errorf("the editor shows %q after saving", got)
	}
	if s := scenarioOf(t, b, x, "tpe"); s.Steps[1].Key != "j+3" || s.Steps[1].OffsetDays != 4 {
		t.Errorf("saved: %+v", s.Steps[1])
	}

	// A template, previewed on the debtor owing the most: Acmé.
	follow(t, ctx, `nav.tabs a[href="/dunning/templates"]`)
	follow(t, ctx, `#templates a[href="/dunning/templates/reminder1/email/fr"]`)
	if got := text(t, ctx, "#h-preview"); !strings.Contains(got, x.acme.Name) {
		t.Errorf("preview heading %q", got)
	}
	preview := text(t, ctx, `#preview [data-preview="text"]`)
	if !strings.Contains(preview, "F2025-001") || !strings.Contains(preview, eurFR(1_134_56)) {
		t.Errorf("the preview on Acmé:\n%s", preview)
	}
	// « Aperçu » on another debtor, chosen in the list.
	do(t, ctx, "choose Jeanne Dupont", chromedp.SetValue(chromedp.CSS("#debtor"), fmt.Sprint(x.dupont.ID)))
	submit(t, ctx, "#preview-template", `#preview [data-preview="text"]`)
	// Her letter greets no one by name: the preview's heading names her.
	if got := text(t, ctx, "#h-preview"); !strings.Contains(got, x.dupont.Name) {
		t.Errorf("preview heading %q", got)
	}
	preview = text(t, ctx, `#preview [data-preview="text"]`)
	if !strings.Contains(preview, "F2025-010") || !strings.Contains(preview, eurFR(89_90)) {
		t.Errorf("the preview on Jeanne Dupont:\n%s", preview)
	}
	// Typing changes the preview, with the page's script.
	do(t, ctx, "type in the body", chromedp.Evaluate[chromedp.Void](`(function () {
		var b = document.getElementById("body");
		b.value = b.value + "\nRéférence client {{.Debtor.Ref}}.";
		b.dispatchEvent(new Event("input", { bubbles: true }));
	})()`))
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#preview [data-preview="text"]`))); err == nil && strings.Contains(s, "Référence client "+x.dupont.Ref) {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("the live preview did not follow the words typed")
		}
	}
	screenshot(t, ctx, "dunning-template")
	if ts, err := b.st.Templates(x.Ctx); err != nil || len(ts) != 0 {
		t.Errorf("previewing saved a template: %+v (%v)", ts, err)
	}

	// « À approuver »: the formal notice, approved.
	follow(t, ctx, `nav.tabs a[href="/dunning/approvals"]`)
	row2 := fmt.Sprintf(`#approvals tr[data-action="%d"]`, notice.ID)
	if got := text(t, ctx, row2); !strings.Contains(got, x.acme.Name) || !strings.Contains(got, "Mise en demeure") {
		t.Errorf("the queue's row: %q", got)
	}
	screenshot(t, ctx, "dunning-approvals")
	do(t, ctx, "select the notice", chromedp.Click(chromedp.CSS(fmt.Sprintf("#pick-%d", notice.ID))))
	submit(t, ctx, "#approve-selected", "#notice")
	if got := text(t, ctx, "#notice"); !strings.Contains(got, "1 relance approuvée") {
		t.Errorf("after approving: %q", got)
	}
	if a := actionOf(t, b, x, notice.ID); a.Status != ledger.ActionPlanned {
		t.Errorf("the notice is %s", a.Status)
	}
	do(t, ctx, "the notice's page", chromedp.Navigate(fmt.Sprintf("%s/dunning/actions/%d", b.srv.URL, notice.ID)),
		chromedp.WaitVisible(chromedp.CSS("#action-status")))
	if got := text(t, ctx, "#action-status"); got != "planifiée" {
		t.Errorf("the notice's status reads %q, want planifiée", got)
	}
	screenshot(t, ctx, "dunning-action")
}

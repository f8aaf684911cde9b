package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// TestDunningToday: the day's plan, a dry run that writes nothing, and
// a run that plans and says what it did.
func TestDunningToday(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	p := c.get("/dunning").want(t, http.StatusOK, "Plan du jour", "Lancer le cycle maintenant", "Simulation", "Relances du jour",
		`href="/dunning/approvals"`, `aria-current="page">Relances</a>`)
	p.without(t, "dunningui.")

	count := func() int {
		as, err := b.st.ListActions(x.Ctx, store.ActionQuery{Limit: 1000})
		must(t, err)
		return len(as)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d actions before any run", n)
	}
	// The dry run shows what a run would do, and writes nothing.
	c.post("/dunning/run", url.Values{"mode": {"dry"}}).want(t, http.StatusOK, "Simulation du cycle",
		"Simulation\u00a0: rien n’a été enregistré ni envoyé.", x.acme.Name, "Première relance")
	if n := count(); n != 0 {
		t.Fatalf("the dry run wrote %d actions", n)
	}
	// A real run plans, and the page says so.
	loc := c.post("/dunning/run", url.Values{"mode": {"run"}}).redirected(t)
	if !strings.HasPrefix(loc, "/dunning?") || !strings.Contains(loc, "ran=1") {
		t.Fatalf("after the run: %s", loc)
	}
	c.get(loc).want(t, http.StatusOK, "Cycle lancé\u00a0: 1 relance planifiée")
	if n := count(); n == 0 {
		t.Fatal("the run planned nothing")
	}
	// Acmé's first reminder goes on Monday (today is a Sunday): nothing
	// new for a run now, and the reminder is on the debtor's page.
	as, err := b.st.ListActions(x.Ctx, store.ActionQuery{DebtorID: x.acme.ID, Limit: 10})
	must(t, err)
	if len(as) != 1 || as[0].StepKey != "j+3" || as[0].Status != ledger.ActionPlanned {
		t.Fatalf("Acmé's actions: %+v", as)
	}
	if got := civil.Today(as[0].ScheduledFor, civil.Paris); got != civil.MustParse("2025-06-16") {
		t.Errorf("the first reminder goes on %s", got)
	}
	c.get("/dunning").want(t, http.StatusOK, "Rien de nouveau à planifier.")
	c.get(fmt.Sprintf("/debtors/%d", x.acme.ID)).want(t, http.StatusOK, fmt.Sprintf(`href="/dunning/actions/%d"`, as[0].ID), "Première relance")

	// In English.
	c.post("/lang", url.Values{"lang": {"en"}, "back": {"/dunning"}})
	c.get("/dunning").want(t, http.StatusOK, "Today&#39;s plan", "Run the cycle now", "Dry run").without(t, "dunningui.")
}

// TestDunningCrossSite: the dunning forms refuse a post from another
// site, and nothing changes.
func TestDunningCrossSite(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	for path, form := range map[string]url.Values{
		"/dunning/run":       {"mode": {"run"}},
		"/dunning/approvals": {"decision": {"approve_all"}, "shown": {"1"}},
		"/dunning/settings":  {"run_hour": {"3"}, "quiet_start": {"9"}, "quiet_end": {"19"}, "weekly_cap": {"2"}},
		fmt.Sprintf("/debtors/%d/promises", x.acme.ID): {"amount": {"10"}, "due_on": {"2025-07-01"}},
	} {
		c.post(path, form, "Sec-Fetch-Site", "cross-site").want(t, http.StatusForbidden)
	}
	as, err := b.st.ListActions(x.Ctx, store.ActionQuery{Limit: 10})
	must(t, err)
	ps, err := b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	s, err := b.st.DunningSettings(x.Ctx)
	must(t, err)
	if len(as) != 0 || len(ps) != 0 || s.RunHour == 3 {
		t.Errorf("a cross-site form changed something: %d actions, %d promises, run hour %d", len(as), len(ps), s.RunHour)
	}
}

// TestDunningViewer: a viewer reads the pages and may change nothing.
func TestDunningViewer(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	addUser(t, b.st, x.Org.ID, "lecture@alpha.test", "viewer")
	c := b.browser(t)
	c.login("lecture@alpha.test")
	c.get("/dunning").want(t, http.StatusOK).without(t, "Lancer le cycle maintenant")
	c.post("/dunning/run", url.Values{"mode": {"run"}}).want(t, http.StatusForbidden)
	c.post("/dunning/approvals", url.Values{"decision": {"approve"}, "ids": {"1"}}).want(t, http.StatusForbidden)
	c.post("/dunning/scenarios/tpe", url.Values{"name": {"X"}}).want(t, http.StatusForbidden)
	c.post("/dunning/settings", url.Values{"run_hour": {"8"}}).want(t, http.StatusForbidden)
	c.post(fmt.Sprintf("/debtors/%d/promises", x.acme.ID), url.Values{"amount": {"10"}, "due_on": {"2025-07-01"}}).want(t, http.StatusForbidden)
	as, err := b.st.ListActions(x.Ctx, store.ActionQuery{Limit: 10})
	must(t, err)
	if len(as) != 0 {
		t.Errorf("a viewer ran the cycle: %+v", as)
	}
}

// TestDunningApprovals: the queue lists the formal notices, approves or
// rejects a selection, and refuses an empty one.
func TestDunningApprovals(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	batisud := lateDebtor(t, b, x, "C003", "Bâti Sud SAS", "2025-03-31", 2_400_00)
	maconnerie := lateDebtor(t, b, x, "C004", "Maçonnerie Rhône", "2025-03-31", 980_00)
	planNotices(t, b, x)
	acme, bati, macon := noticeOf(t, b, x, x.acme), noticeOf(t, b, x, batisud), noticeOf(t, b, x, maconnerie)
	c := b.browser(t)
	c.login(x.email)
	p := c.get("/dunning/approvals").want(t, http.StatusOK, "À approuver", x.acme.Name, batisud.Name, maconnerie.Name, "Mise en demeure",
		"Approuver la sélection", "Rejeter la sélection", "Approuver tout", fmt.Sprintf(`href="/dunning/actions/%d"`, acme.ID))
	if n := p.count(`name="ids"`); n != 3 {
		t.Errorf("%d checkboxes, want 3", n)
	}

	// Nothing selected: refused, nothing changes.
	c.post("/dunning/approvals", url.Values{"decision": {"approve"}}).want(t, http.StatusBadRequest, "Sélectionnez au moins une relance.")
	if len(awaiting(t, b, x)) != 3 {
		t.Fatal("an empty selection changed the queue")
	}

	// Approve one, reject another.
	loc := c.post("/dunning/approvals", url.Values{"decision": {"approve"}, "ids": {fmt.Sprint(acme.ID)}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "1 relance approuvée\u00a0: elle est planifiée.")
	if a := actionOf(t, b, x, acme.ID); a.Status != ledger.ActionPlanned || a.DecidedBy == "" {
		t.Errorf("approved: %s decided by %q", a.Status, a.DecidedBy)
	}
	c.post("/dunning/approvals", url.Values{"decision": {"reject"}, "ids": {fmt.Sprint(bati.ID)}}).redirected(t)
	if a := actionOf(t, b, x, bati.ID); a.Status != ledger.ActionCancelled || a.SkipReason != "rejected" {
		t.Errorf("rejected: %s %q", a.Status, a.SkipReason)
	}
	// « Approuver tout » takes what the page showed, no checkbox needed.
	p = c.get("/dunning/approvals").want(t, http.StatusOK, maconnerie.Name)
	p.without(t, fmt.Sprintf(`value="%d"`, acme.ID))
	f := formOf(t, p, "approvals-form")
	f.Del("ids")
	f.Set("decision", "approve_all")
	c.post("/dunning/approvals", f).redirected(t)
	if a := actionOf(t, b, x, macon.ID); a.Status != ledger.ActionPlanned {
		t.Errorf("approve all: %s", a.Status)
	}
	c.get("/dunning/approvals").want(t, http.StatusOK, "Aucune relance n’attend d’approbation.")

	// Another organization's action cannot be decided from here.
	y := newTenant(t, b, "Beta")
	planNotices(t, b, y)
	other := noticeOf(t, b, y, y.acme)
	c.post("/dunning/approvals", url.Values{"decision": {"approve"}, "ids": {fmt.Sprint(other.ID)}}).redirected(t)
	if a := actionOf(t, b, y, other.ID); a.Status != ledger.ActionAwaitingApproval {
		t.Errorf("another organization's action became %s", a.Status)
	}
}

// TestDunningActionPage: an action's page shows its step and status, a
// preview of a letter not sent yet and the words of one sent; another
// organization's action is not found, as a missing one.
func TestDunningActionPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	planNotices(t, b, x)
	notice := noticeOf(t, b, x, x.acme)
	c := b.browser(t)
	c.login(x.email)
	c.get(fmt.Sprintf("/dunning/actions/%d", notice.ID)).want(t, http.StatusOK, "Mise en demeure", "à valider", "Aperçu",
		"F2025-001", "Approuver", "Rejeter", "Voir la mise en demeure (PDF)", "Relance planifiée")
	// The last letter went out on 25 April: its words as sent.
	as, err := b.st.ListActions(x.Ctx, store.ActionQuery{DebtorID: x.acme.ID, Statuses: []ledger.ActionStatus{ledger.ActionSent}, Limit: 10})
	must(t, err)
	var letter store.ActionView
	for _, a := range as {
		if a.Channel == ledger.ChannelLetter {
			letter = a
		}
	}
	if letter.ID == 0 {
		t.Fatalf("no letter sent among %+v", as)
	}
	p := c.get(fmt.Sprintf("/dunning/actions/%d", letter.ID)).want(t, http.StatusOK, "Contenu envoyé", "Dernière relance avant mise en demeure", "Relance envoyée")
	p.without(t, "Aperçu indisponible")
	// The approval from the action's page comes back to it.
	loc := c.post("/dunning/approvals", url.Values{"decision": {"approve"}, "ids": {fmt.Sprint(notice.ID)},
		"back": {fmt.Sprintf("/dunning/actions/%d", notice.ID)}}).redirected(t)
	if !strings.HasPrefix(loc, fmt.Sprintf("/dunning/actions/%d?", notice.ID)) {
		t.Errorf("back to %s", loc)
	}
	c.get(loc).want(t, http.StatusOK, "planifiée", "Relance approuvée")

	// Tenancy: another organization's action is the same 404 as none.
	y := newTenant(t, b, "Beta")
	missing := fmt.Sprintf("/dunning/actions/%d", notice.ID+1000)
	d := c.get(missing).want(t, http.StatusNotFound, "Cette page n’existe pas.")
	planNotices(t, b, y)
	other := noticeOf(t, b, y, y.acme)
	foreign := fmt.Sprintf("/dunning/actions/%d", other.ID)
	o := c.get(foreign).want(t, http.StatusNotFound)
	if strings.ReplaceAll(o.body, foreign, "") != strings.ReplaceAll(d.body, missing, "") {
		t.Error("another organization's action answers differently from a missing one")
	}
}

// TestDunningLetters: the day's print batch, once letters went out.
func TestDunningLetters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	planNotices(t, b, x)
	c := b.browser(t)
	c.login(x.email)
	p := c.get("/dunning/letters?day=2025-04-25").want(t, http.StatusOK)
	if p.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(p.body, "%PDF") {
		t.Errorf("print batch: %s, %.20q", p.Header.Get("Content-Type"), p.body)
	}
	if text := pdfText(t, p.body); !strings.Contains(text, x.acme.Name) {
		t.Errorf("the batch does not address %s:\n%s", x.acme.Name, text)
	}
	c.get("/dunning/letters?day=2025-04-24").want(t, http.StatusNotFound)
	c.get("/dunning/letters?day=hier").want(t, http.StatusNotFound)
}

// TestDunningCalls: the call list with its task, a promise recorded in
// one click, and a refusal that records nothing.
func TestDunningCalls(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	call := planCall(t, b, x)
	c := b.browser(t)
	c.login(x.email)
	p := c.get("/dunning/calls").want(t, http.StatusOK, "Appels du jour", x.acme.Name, `href="tel:&#43;33472000000"`, "F2025-001",
		eurFR(1_134_56), "Trame d’appel", "Promesse de paiement", "Mauvais numéro", "Rappeler")
	p.without(t, "Pas de trame pour cet appel.")
	c.get("/dunning/calls?who=mine").want(t, http.StatusOK, "Aucun appel à passer aujourd’hui.")

	// A promise in the past: refused, nothing recorded.
	path := fmt.Sprintf("/dunning/calls/%d", call.ID)
	c.post(path, url.Values{"outcome": {"promise"}, "promise_amount": {"500,00"}, "promise_due": {"2025-06-01"}}).
		want(t, http.StatusBadRequest, "La date promise est déjà passée.")
	c.post(path, url.Values{"outcome": {"promise"}, "promise_amount": {"abc"}, "promise_due": {"2025-06-30"}}).want(t, http.StatusBadRequest)
	ps, err := b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ps) != 0 {
		t.Fatalf("a refused outcome recorded %+v", ps)
	}
	if a := actionOf(t, b, x, call.ID); a.Status != ledger.ActionPlanned || a.Outcome != "" {
		t.Fatalf("a refused outcome closed the call: %s %s", a.Status, a.Outcome)
	}

	// « Promesse »: the promise is recorded, the call closed.
	loc := c.post(path, url.Values{"outcome": {"promise"}, "promise_amount": {"500,00"}, "promise_due": {"2025-06-30"}, "note": {"virement fin de mois"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Appel enregistré\u00a0: Promesse de paiement.")
	ps, err = b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ps) != 1 || ps[0].Amount != money.EUR(500_00) || ps[0].DueOn != civil.MustParse("2025-06-30") || ps[0].Status != ledger.PromisePending {
		t.Fatalf("promises: %+v", ps)
	}
	if a := actionOf(t, b, x, call.ID); a.Outcome != ledger.CallPromise {
		t.Errorf("call outcome %q", a.Outcome)
	}
	// Once closed, the call takes no second outcome.
	c.post(path, url.Values{"outcome": {"no_answer"}}).want(t, http.StatusBadRequest, "Cet appel est déjà clos.")

	// Another organization's call is not found.
	y := newTenant(t, b, "Beta")
	other := planCall(t, b, y)
	c.post(fmt.Sprintf("/dunning/calls/%d", other.ID), url.Values{"outcome": {"paid"}}).want(t, http.StatusNotFound)
	if a := actionOf(t, b, y, other.ID); a.Outcome != "" {
		t.Errorf("another organization's call got %q", a.Outcome)
	}
}

// TestDunningCallDispute: « Litige » opens a dispute on the call's
// invoices; without a reason it is refused.
func TestDunningCallDispute(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	call := planCall(t, b, x)
	c := b.browser(t)
	c.login(x.email)
	path := fmt.Sprintf("/dunning/calls/%d", call.ID)
	c.post(path, url.Values{"outcome": {"dispute"}}).want(t, http.StatusBadRequest, "Une contestation demande un motif.")
	c.post(path, url.Values{"outcome": {"dispute"}, "dispute_reason": {"Travaux non terminés"}}).redirected(t)
	ds, err := b.st.Disputes(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ds) != 1 || ds[0].InvoiceID != x.late.ID || ds[0].Reason != "Travaux non terminés" {
		t.Fatalf("disputes: %+v", ds)
	}
}

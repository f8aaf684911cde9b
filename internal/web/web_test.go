package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/web"
)

func TestLoginRequired(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTenant(t, b, "Alpha")
	c := b.browser(t)
	for _, path := range []string{"/", "/debtors", "/debtors/1", "/invoices/1", "/debtors?q=acme"} {
		p := c.get(path)
		if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/login?next=") {
			t.Errorf("GET %s without a session: %d → %q", path, p.StatusCode, p.Header.Get("Location"))
		}
	}
	// A forged or unknown cookie is no session either.
	u, _ := url.Parse(b.srv.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: auth.SessionPrefix + "forged"}})
	if p := c.get("/debtors"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("a forged session cookie gives %d", p.StatusCode)
	}
}

func TestLoginLogout(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)

	c.get("/login").want(t, http.StatusOK, `lang="fr"`, "Adresse e-mail", "Mot de passe")
	bad := c.post("/login", url.Values{"email": {a.email}, "password": {"wrong"}})
	bad.want(t, http.StatusUnauthorized, "Adresse e-mail ou mot de passe incorrect.", `value="`+a.email+`"`)
	unknown := c.post("/login", url.Values{"email": {"nobody@alpha.test"}, "password": {password}})
	unknown.want(t, http.StatusUnauthorized, "Adresse e-mail ou mot de passe incorrect.")

	p := c.post("/login", url.Values{"email": {a.email}, "password": {password}, "next": {"/debtors/" + fmt.Sprint(a.acme.ID)}})
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != fmt.Sprintf("/debtors/%d", a.acme.ID) {
		t.Fatalf("login: %d → %q", p.StatusCode, p.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range p.Cookies() {
		if ck.Name == web.SessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", session)
	}
	c.get("/debtors").want(t, http.StatusOK, "Acmé Bâtiment SARL", "Jeanne Dupont", "Se déconnecter")

	c.post("/logout", nil)
	if p := c.get("/debtors"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout: %d", p.StatusCode)
	}
	// The old cookie is dead on the server too, not only in the browser.
	replay := b.browser(t)
	u, _ := url.Parse(b.srv.URL)
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: session.Value}})
	if p := replay.get("/debtors"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("the session cookie still works after logout: %d", p.StatusCode)
	}
}

func TestLoginNeverRedirectsAway(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	for _, next := range []string{"https://evil.test/", "//evil.test/x", "/\\evil.test", "javascript:alert(1)"} {
		c := b.browser(t)
		p := c.post("/login", url.Values{"email": {a.email}, "password": {password}, "next": {next}})
		if loc := p.Header.Get("Location"); loc != "/debtors" {
			t.Errorf("next=%q redirects to %q", next, loc)
		}
	}
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	for i := 0; i < auth.ThrottleFree; i++ {
		c.post("/login", url.Values{"email": {a.email}, "password": {"wrong"}}).want(t, http.StatusUnauthorized)
	}
	// Even the right password is refused until the delay has passed.
	p := c.post("/login", url.Values{"email": {a.email}, "password": {password}})
	p.want(t, http.StatusTooManyRequests, "Trop de tentatives")
	if p.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After header")
	}
	// Another e-mail is not held back.
	other := addUser(t, b.st, a.Org.ID, "autre@alpha.test", "viewer")
	c.login(other.Email)
}

func TestCrossSiteFormsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	for _, path := range []string{"/login", "/logout", "/lang"} {
		p := c.post(path, url.Values{"email": {a.email}, "password": {password}, "lang": {"en"}}, "Sec-Fetch-Site", "cross-site")
		if p.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, p.StatusCode)
		}
		p = c.post(path, url.Values{"email": {a.email}}, "Origin", "https://evil.test")
		if p.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s from another origin: %d, want 403", path, p.StatusCode)
		}
	}
	c.login(a.email)
	p := c.post("/logout", nil, "Sec-Fetch-Site", "same-origin")
	if p.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin logout: %d", p.StatusCode)
	}
}

// TestTenantIsolationPages: every page that takes an id answers another
// organization's id exactly as an id that does not exist.
func TestTenantIsolationPages(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	o := newTenant(t, b, "Omega")
	c := b.browser(t)
	c.login(a.email)
	const missing = 987654321
	for _, tt := range []struct {
		route      string
		own, other int64
	}{
		{"/debtors/%d", a.acme.ID, o.acme.ID},
		{"/debtors/%d", a.dupont.ID, o.dupont.ID},
		{"/invoices/%d", a.late.ID, o.late.ID},
		{"/invoices/%d", a.credit.ID, o.credit.ID},
	} {
		c.get(fmt.Sprintf(tt.route, tt.own)).want(t, http.StatusOK)
		foreign := c.get(fmt.Sprintf(tt.route, tt.other)).want(t, http.StatusNotFound, "Cette page n’existe pas.")
		absent := c.get(fmt.Sprintf(tt.route, missing)).want(t, http.StatusNotFound)
		foreign.without(t, "Omega", o.email)
		if strings.ReplaceAll(foreign.body, fmt.Sprintf(tt.route, tt.other), "PATH") != strings.ReplaceAll(absent.body, fmt.Sprintf(tt.route, missing), "PATH") {
			t.Errorf("%s: another tenant's id and a missing id give different pages:\n%s\n---\n%s", tt.route, foreign.body, absent.body)
		}
	}
	// The portfolio, its search and its filters never show the other's rows.
	for _, q := range []string{"", "?q=Omega", "?q=C001", "?q=552100554", "?tag=BTP", "?kind=consumer"} {
		p := c.get("/debtors"+q).want(t, http.StatusOK)
		for _, id := range []int64{o.acme.ID, o.dupont.ID} {
			if strings.Contains(p.body, fmt.Sprintf(`href="/debtors/%d"`, id)) {
				t.Errorf("/debtors%s links to the other tenant's debtor %d", q, id)
			}
		}
	}
}

func TestViewerRoleReads(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	v := addUser(t, b.st, a.Org.ID, "lecture@alpha.test", "viewer")
	c := b.browser(t)
	c.login(v.Email)
	c.get("/debtors").want(t, http.StatusOK, "lecture seule")
}

// rowOrder returns the debtor links of a portfolio page in order.
func rowOrder(body string) []string {
	return regexp.MustCompile(`<td class="name"><a href="/debtors/\d+">([^<]+)</a>`).FindAllString(body, -1)
}

func TestPortfolioFiltersAndSort(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)

	all := c.get("/debtors").want(t, http.StatusOK, "Débiteurs 1 à 2 sur 2")
	// The default order is by amount overdue, largest first: Acmé owes
	// 1 134,56 € overdue, Dupont 89,90 €.
	if rows := rowOrder(all.body); len(rows) != 2 || !strings.Contains(rows[0], "Acmé") {
		t.Errorf("default order: %v", rows)
	}
	for _, tt := range []struct {
		query string
		want  []string
		not   []string
	}{
		{"?q=acme", []string{"Acmé Bâtiment SARL"}, []string{"Jeanne Dupont"}}, // accent-blind
		{"?q=C002", []string{"Jeanne Dupont"}, []string{"Acmé Bâtiment SARL"}},
		{"?q=552100", []string{"Acmé Bâtiment SARL"}, []string{"Jeanne Dupont"}},
		{"?kind=consumer", []string{"Jeanne Dupont"}, []string{"Acmé Bâtiment SARL"}},
		{"?kind=public", []string{"Aucun débiteur ne correspond"}, []string{"Jeanne Dupont", "Acmé Bâtiment SARL"}},
		{"?tag=BTP", []string{"Acmé Bâtiment SARL"}, []string{"Jeanne Dupont"}},
		{"?bucket=61-90", []string{"Acmé Bâtiment SARL"}, []string{"Jeanne Dupont"}}, // due 31/03: 76 days late
		{"?bucket=1-30", []string{"Jeanne Dupont"}, []string{"Acmé Bâtiment SARL"}},  // due 31/05: 15 days late
	} {
		p := c.get("/debtors"+tt.query).want(t, http.StatusOK, tt.want...)
		p.without(t, tt.not...)
	}
	byName := rowOrder(c.get("/debtors?sort=name&dir=asc").body)
	if len(byName) != 2 || !strings.Contains(byName[0], "Acmé") {
		t.Errorf("by name: %v", byName)
	}
	byNameDesc := c.get("/debtors?sort=name&dir=desc")
	byNameDesc.want(t, http.StatusOK, `aria-sort="descending"`)
	if rows := rowOrder(byNameDesc.body); len(rows) != 2 || !strings.Contains(rows[0], "Dupont") {
		t.Errorf("by name, descending: %v", rows)
	}
	// Unknown values are ignored, not fatal.
	c.get("/debtors?sort=drop+table&kind=martian&bucket=x&page=-3").want(t, http.StatusOK, "Débiteurs 1 à 2 sur 2")
}

func TestPortfolioPagination(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	for i := range 120 {
		d := &ledger.Debtor{CreditorID: a.Creditor.ID, Ref: fmt.Sprintf("P%03d", i), Name: fmt.Sprintf("Client %03d", i), Kind: ledger.KindConsumer}
		must(t, b.st.CreateDebtor(a.Ctx, d))
	}
	c := b.browser(t)
	c.login(a.email)
	p1 := c.get("/debtors?sort=ref&dir=asc").want(t, http.StatusOK, "Débiteurs 1 à 50 sur 122", "Page 1 sur 3", `rel="next"`)
	p1.without(t, `rel="prev"`)
	p3 := c.get("/debtors?sort=ref&dir=asc&page=3").want(t, http.StatusOK, "Débiteurs 101 à 122 sur 122", "Page 3 sur 3", `rel="prev"`)
	p3.without(t, `rel="next"`)
	if n := len(rowOrder(p3.body)); n != 22 {
		t.Errorf("page 3 shows %d rows", n)
	}
	// Page links keep the filters and the order.
	if !strings.Contains(p1.body, `href="?dir=asc&amp;page=2&amp;sort=ref"`) {
		t.Errorf("page 2 link lost the order:\n%s", p1.body)
	}
}

func TestDebtorPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	p := c.get(fmt.Sprintf("/debtors/%d", a.acme.ID))
	// Open: 1 134,56 (late, after the credit note) + 2 000,00 (not due);
	// the payment of 700,00 has 200,00 unapplied.
	p.want(t, http.StatusOK,
		"Acmé Bâtiment SARL", "552100554", "FR21552100554", "compta@acme.test", "69003 Lyon",
		`data-figure="due">3`+"\u202f"+`134,56`+"\u00a0€<",
		`data-figure="overdue">1`+"\u202f"+`134,56`+"\u00a0€<",
		`data-figure="days_late">76`+"\u00a0"+`jours<`,
		`data-figure="credit">200,00`+"\u00a0€<",
		"F2025-001", "F2025-002", "F2025-003", "AV2025-001", "VIR ACME 0505",
		`<span class="badge badge-overdue">En retard</span>`,
		`<span class="badge badge-paid">Payé</span>`,
		`<span class="badge badge-not_due">À échoir</span>`,
		`<span class="badge badge-applied">Imputé</span>`,
		"Règlement reçu", "Lettrage", "Débiteur créé", "Facture enregistrée",
		"5"+"\u202f"+"000,00"+"\u00a0€",
	)
	p.without(t, "F2025-010") // Dupont's invoice
	// Penalties on the open invoices: F2025-001, 1 234,56 € due 31/03 at
	// 13,15 %: 32 days to the credit note of 02/05 (14,23 €), then 44 days
	// on 1 134,56 €, the credit note lowering the principal (17,99 €), plus
	// the 40,00 € indemnity.
	p.want(t, http.StatusOK, `data-figure="penalties">72,22`+"\u00a0€<", "intérêts 32,22\u00a0€, indemnités 40,00\u00a0€",
		"31/03/2030") // prescription: 5 years from the due date
	// The figures are the ledger's.
	bal, err := b.st.DebtorBalance(a.Ctx, a.acme.ID, today)
	must(t, err)
	if !strings.Contains(p.body, `data-figure="due">`+money.FormatFR(bal.Due)+"<") {
		t.Errorf("due figure differs from the ledger's %s", money.FormatFR(bal.Due))
	}
}

func TestInvoicePage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	c.get(fmt.Sprintf("/invoices/%d", a.late.ID)).want(t, http.StatusOK,
		"Facture F2025-001", "En retard", "31/03/2025",
		`data-figure="amount">1`+"\u202f"+`234,56`+"\u00a0€<",
		`data-figure="allocated">100,00`+"\u00a0€<",
		`data-figure="open">1`+"\u202f"+`134,56`+"\u00a0€<",
		"en retard de 76\u00a0jours", "AV2025-001", "Facture enregistrée", "Lettrage")
	c.get(fmt.Sprintf("/invoices/%d", a.late.ID)).want(t, http.StatusOK,
		"Pénalités au 15/06/2025", "<td>01/04/2025</td><td>02/05/2025</td><td class=\"num\">32</td>", "14,23\u00a0€",
		"<td>03/05/2025</td><td>15/06/2025</td><td class=\"num\">44</td>", "1\u202f134,56\u00a0€", "17,99\u00a0€",
		`data-figure="claim"><strong>1`+"\u202f"+`206,78`+"\u00a0€<", "L110-4 C. com.", "31/03/2030")
	// Paid 5 days late: the interest ran to the payment, the indemnity is owed.
	c.get(fmt.Sprintf("/invoices/%d", a.paid.ID)).want(t, http.StatusOK, "Payé", "VIR ACME 0505", "reçu le 05/05/2025",
		`data-figure="indemnity">40,00`)
	c.get(fmt.Sprintf("/invoices/%d", a.credit.ID)).want(t, http.StatusOK, "Avoir AV2025-001", "Imputé sur", "F2025-001")
	c.get("/invoices/abc").want(t, http.StatusNotFound)
	c.get("/nowhere").want(t, http.StatusNotFound, "Cette page n’existe pas.")
}

func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	// On the login page, the choice lives in a cookie.
	p := c.post("/lang", url.Values{"lang": {"en"}, "back": {"/login"}})
	if p.Header.Get("Location") != "/login" {
		t.Errorf("back to %q", p.Header.Get("Location"))
	}
	c.get("/login").want(t, http.StatusOK, `lang="en"`, "E-mail address", "Password")
	c.login(a.email)
	// The user's own language (French) wins once logged in…
	c.get("/debtors").want(t, http.StatusOK, `lang="fr"`, "Portefeuille")
	// …until the user chooses; then it is kept on the user.
	c.post("/lang", url.Values{"lang": {"en"}, "back": {"/debtors?q=acme"}})
	en := c.get(fmt.Sprintf("/debtors/%d", a.acme.ID)).want(t, http.StatusOK, `lang="en"`, "Overdue", "€1,134.56", "76 days", "Payment received")
	en.without(t, "En retard")
	u, err := b.st.UserByEmail(t.Context(), a.email)
	must(t, err)
	if u.Lang != "en" {
		t.Errorf("the user's language is %q", u.Lang)
	}
	c.post("/lang", url.Values{"lang": {"klingon"}})
	c.get("/debtors").want(t, http.StatusOK, `lang="fr"`)
}

func TestSecurityHeadersAndAssets(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.browser(t)
	p := c.get("/login").want(t, http.StatusOK)
	for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
		if got := p.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	if csp := p.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	assets := regexp.MustCompile(`(?:href|src)="(/static/[0-9a-f]+/[a-z.]+)"`).FindAllStringSubmatch(p.body, -1)
	if len(assets) < 3 {
		t.Fatalf("assets linked: %v", assets)
	}
	for _, m := range assets {
		a := c.get(m[1]).want(t, http.StatusOK)
		if !strings.Contains(a.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Cache-Control %q", m[1], a.Header.Get("Cache-Control"))
		}
		stale := regexp.MustCompile(`/static/[0-9a-f]+/`).ReplaceAllString(m[1], "/static/000000000000/")
		c.get(stale).want(t, http.StatusNotFound)
	}
	// Nothing is fetched from elsewhere.
	if regexp.MustCompile(`(?:href|src)="(?:https?:)?//`).MatchString(p.body) {
		t.Error("the page loads something from another site")
	}
}

// TestTemplatesUseKnownKeys: every catalogue key the templates name
// exists in both languages.
func TestTemplatesUseKnownKeys(t *testing.T) {
	t.Parallel()
	for _, key := range web.TemplateKeys() {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, key) {
				t.Errorf("template key %q missing from %s.json", key, lang)
			}
		}
	}
}

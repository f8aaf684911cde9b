package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/legal"
)

func TestCalculatorPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)

	c.get("/legal/calculator").want(t, http.StatusOK, "Calculateur de pénalités", "Saisissez la créance", `aria-current="page">Calculateur`)
	// The hand-computed case of package legalfr, typed the French way.
	p := c.get("/legal/calculator?kind=business&principal=10+000%2C00&due=2025-03-31&until=2025-09-30")
	p.want(t, http.StatusOK,
		`data-figure="principal">10`+"\u202f"+`000,00`+"\u00a0€<",
		`data-figure="interest">634,10`+"\u00a0€<",
		`data-figure="indemnity">40,00`+"\u00a0€<",
		`data-figure="total">10`+"\u202f"+`674,10`+"\u00a0€<",
		"<td>01/04/2025</td><td>30/06/2025</td><td class=\"num\">91</td>",
		"13,15\u00a0%", "12,15\u00a0%", "327,85\u00a0€", "306,25\u00a0€",
		"L441-10 II C. com.", `value="10 000,00"`)
	// A consumer without a notice: nothing, and why.
	c.get("/legal/calculator?kind=consumer&principal=1200&due=2025-01-31&until=2025-08-09").want(t, http.StatusOK,
		`data-figure="interest">0,00`, "Aucune mise en demeure", "Aucun intérêt ne court")
	// A payment, and a contract rate under the floor.
	c.get("/legal/calculator?kind=business&principal=10000&due=2025-03-31&until=2025-06-30&payment_on=2025-05-15&payment_amount=4000&contract_rate=5").
		want(t, http.StatusOK, "Intérêts déjà réglés", "Le taux contractuel de 5,00\u00a0% est inférieur au plancher de 11,13\u00a0%")
	// Errors in plain French, the form kept.
	for query, msg := range map[string]string{
		"?kind=business&principal=abc&due=2025-03-31":                                    "Le montant TTC est invalide",
		"?kind=business&principal=100":                                                   "L’échéance est requise.",
		"?kind=business&principal=100&due=2025-03-31&until=2025-01-01":                   "La date de fin est invalide",
		"?kind=business&principal=100&due=2025-03-31&payment_on=2025-04-01":              "Un règlement est incomplet",
		"?kind=consumer&principal=100&due=2026-10-01&notice=2026-11-01&until=2027-02-01": "Aucun taux n’est connu pour 2027-S1",
		"?kind=business&principal=100&due=2025-03-31&contract_rate=150&until=2025-04-30": "Le taux contractuel doit être",
		"?kind=martian&principal=100&due=2025-03-31":                                     "Choisissez le type de débiteur.",
	} {
		c.get("/legal/calculator"+query).want(t, http.StatusOK, msg, `role="alert"`)
	}
	// English.
	c.post("/lang", map[string][]string{"lang": {"en"}})
	c.get("/legal/calculator?kind=b2b&principal=10000&due=2025-03-31&until=2025-09-30").want(t, http.StatusOK,
		"Late-payment calculator", `data-figure="total">€10,674.10<`, "13.15%")
}

func TestRatesPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	p := c.get("/legal/rates").want(t, http.StatusOK, "Taux de l’intérêt légal", "1er semestre 2025", "7,21\u00a0%", "3,71\u00a0%",
		"13,15\u00a0%", "11,13\u00a0%", "2d semestre 2026", "à vérifier", "recouvre rates import")
	// The tests' today is 15 June 2025: every begun semester has its rate.
	p.without(t, `id="missing-rates"`)
	p.want(t, http.StatusOK, "Jours fériés 2025", "21/04/2025", "Lundi de Pâques")
	c.get("/legal/rates?year=2026&region=alsace-moselle").want(t, http.StatusOK, "Jours fériés 2026", "03/04/2026", "26/12/2026")
}

// TestMissingRateWarning: once a semester has begun without a legal rate,
// the calculator and the rates page say so; an import ends the warning.
func TestMissingRateWarning(t *testing.T) {
	t.Parallel()
	b := setupAt(t, time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC))
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	c.get("/legal/calculator").want(t, http.StatusOK, `id="missing-rates"`, "1er semestre 2027")
	c.get("/legal/rates").want(t, http.StatusOK, `id="missing-rates"`, "1er semestre 2027")
	// The legal rate alone is not enough: the ECB's decision of December
	// 2026 is not in the shipped table.
	_, err := legal.ImportRates(t.Context(), b.st, "taux.tsv", []byte("legal\t2027-S1\t6.50\t2.60\tconfirmed\tJO\n"))
	must(t, err)
	c.get("/legal/calculator").want(t, http.StatusOK, `id="missing-rates"`)
	_, err = legal.ImportRates(t.Context(), b.st, "bce.tsv", []byte("ecb-through\t2027-02-03\tréunion du 17 décembre 2026 : inchangé\n"))
	must(t, err)
	c.get("/legal/calculator").without(t, `id="missing-rates"`)
}

func TestSettingsPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(a.email)
	c.get("/settings").want(t, http.StatusOK, "Intérêts et courriers", `name="notice_days" type="text" inputmode="numeric" value="8"`,
		`name="default_term_days" type="text" inputmode="numeric" value="30"`)
	p := c.post("/settings/legal", url.Values{"contract_rate": {"12,5"}, "notice_days": {"15"}, "principal_first": {"1"}, "place": {"Lyon"},
		"default_term_days": {"45"}})
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/settings?saved=1" {
		t.Fatalf("save: %d %s", p.StatusCode, p.body)
	}
	c.get("/settings?saved=1").want(t, http.StatusOK, "Paramètres enregistrés.", `value="12,50"`, `value="15"`, `value="Lyon"`)
	s, err := b.st.LegalSettings(a.Ctx)
	must(t, err)
	if !s.HasContractRate || s.ContractRateBP != 1250 || !s.PrincipalFirst || s.NoticeDays != 15 || s.DefaultTermDays != 45 {
		t.Fatalf("saved %+v", s)
	}
	// The debtor page computes with them: 12,50 % from the contract.
	c.get(fmt.Sprintf("/invoices/%d", a.late.ID)).want(t, http.StatusOK, "12,50\u00a0%")
	// Bad input: a clear message, nothing saved.
	c.post("/settings/legal", url.Values{"contract_rate": {"abc"}, "notice_days": {"15"}}).want(t, http.StatusBadRequest, "Le taux contractuel doit être")
	c.post("/settings/legal", url.Values{"notice_days": {"0"}}).want(t, http.StatusBadRequest, "entre 1 et 90")
	c.post("/settings/legal", url.Values{"notice_days": {"8"}, "default_term_days": {"200"}}).want(t, http.StatusBadRequest, "entre 1 et 120")
	// A viewer reads, but may not write.
	viewer := addUser(t, b.st, a.Org.ID, "lecture@alpha.test", "viewer")
	vc := b.browser(t)
	vc.login(viewer.Email)
	vc.get("/settings").want(t, http.StatusOK, "Votre rôle permet de consulter")
	vc.post("/settings/legal", url.Values{"notice_days": {"30"}}).want(t, http.StatusForbidden)
	if s, _ := b.st.LegalSettings(a.Ctx); s.NoticeDays != 15 {
		t.Errorf("a viewer changed the settings: %+v", s)
	}
}

// TestInsolvency: reporting collective proceedings on the debtor page
// stops the interest at the judgment and says so.
func TestInsolvency(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	o := newTenant(t, b, "Omega")
	c := b.browser(t)
	c.login(a.email)
	path := fmt.Sprintf("/debtors/%d", a.acme.ID)
	c.get(path).want(t, http.StatusOK, "Signaler une procédure collective", `action="/debtors/`+fmt.Sprint(a.acme.ID)+`/insolvency"`)
	p := c.post(path+"/insolvency", url.Values{"kind": {"redressement"}, "judgment_date": {"2025-04-15"}, "court": {"Tribunal de commerce de Lyon"},
		"mandataire": {"Me Durand"}, "mandataire_city": {"Lyon"}, "publication_date": {"2025-04-25"}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d %s", p.StatusCode, p.body)
	}
	c.get(path).want(t, http.StatusOK, "Redressement judiciaire", "jugement du 15/04/2025", "Tribunal de commerce de Lyon", "Me Durand")
	// Interest stops on 15 April: 15 days at 13,15 % on 1 234,56 € = 6,67 €.
	c.get(fmt.Sprintf("/invoices/%d", a.late.ID)).want(t, http.StatusOK, "les intérêts sont arrêtés au jour du jugement",
		"<td>01/04/2025</td><td>15/04/2025</td><td class=\"num\">15</td>", "6,67\u00a0€")
	// Bad dates: a clear 400; another tenant's debtor: 404, nothing written.
	c.post(path+"/insolvency", url.Values{"kind": {"redressement"}, "judgment_date": {"15/04/2025"}}).want(t, http.StatusBadRequest)
	c.post(fmt.Sprintf("/debtors/%d/insolvency", o.acme.ID), url.Values{"kind": {"liquidation"}, "judgment_date": {"2025-04-15"}}).want(t, http.StatusNotFound)
	if _, err := b.st.Insolvency(o.Ctx, o.acme.ID); err == nil {
		t.Error("proceedings recorded on another tenant's debtor")
	}
	// A viewer may not record.
	viewer := addUser(t, b.st, a.Org.ID, "lecture@alpha.test", "viewer")
	vc := b.browser(t)
	vc.login(viewer.Email)
	vc.post(fmt.Sprintf("/debtors/%d/insolvency", a.dupont.ID), url.Values{"kind": {"liquidation"}, "judgment_date": {"2025-04-15"}}).want(t, http.StatusForbidden)
}

// TestLimitationAlerts: a consumer's invoice due 30 June 2023 is barred
// on 30 June 2025; on 15 June 2025 the debtor page warns.
func TestLimitationAlerts(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	a.Invoice(t, b.st, a.dupont.ID, "F2023-001", "2023-06-01", "2023-06-30", 300_00)
	a.Invoice(t, b.st, a.dupont.ID, "F2023-000", "2023-01-01", "2023-01-31", 100_00)
	c := b.browser(t)
	c.login(a.email)
	c.get(fmt.Sprintf("/debtors/%d", a.dupont.ID)).want(t, http.StatusOK, `id="limitation-alert"`,
		"1 facture ouverte est prescrite", "1 facture sera prescrite dans moins de 30 jours.", "prescrite</span>")
}

// TestTimelinePages: a debtor with more events than a page shows them 200
// at a time, newest first, with a link to the older ones.
func TestTimelinePages(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	for i := range 210 {
		a.Invoice(t, b.st, a.dupont.ID, fmt.Sprintf("T%03d", i), "2025-05-01", "2025-07-31", 100)
	}
	c := b.browser(t)
	c.login(a.email)
	first := c.get(fmt.Sprintf("/debtors/%d", a.dupont.ID)).want(t, http.StatusOK, "Événements plus anciens", "T209")
	// 212 events: the debtor, its first invoice and the 210 above.
	if n := strings.Count(first.body, `<li class="ev `); n != 200 {
		t.Errorf("first page: %d events", n)
	}
	link := regexp.MustCompile(`href="(/debtors/\d+\?before=\d+#timeline)"`).FindStringSubmatch(first.body)
	if link == nil {
		t.Fatal("no link to the older events")
	}
	older := c.get(strings.ReplaceAll(link[1], "#timeline", "")).want(t, http.StatusOK, "Débiteur créé")
	older.without(t, "Événements plus anciens")
	if n := strings.Count(older.body, `<li class="ev `); n != 12 {
		t.Errorf("older page: %d events", n)
	}
}

package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// TestDebtorDunningPause: pause until a date, resume, do not contact;
// a pause in the past is refused and changes nothing.
func TestDebtorDunningPause(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	page := fmt.Sprintf("/debtors/%d", x.acme.ID)
	c.get(page).want(t, http.StatusOK, `id="dunning"`, "Relances actives", "Suspendre", "Ne plus contacter", "Score de risque", "pas de score")
	path := page + "/dunning/pause"
	pause := func() ledger.ContactPause {
		p, err := b.st.ContactPause(x.Ctx, x.acme.ID)
		must(t, err)
		return p
	}

	c.post(path, url.Values{"op": {"pause"}, "until": {"2025-06-01"}, "reason": {"congés"}}).
		want(t, http.StatusBadRequest, "La date de fin de suspension doit être à venir.", `data-form="pause"`)
	if p := pause(); p != (ledger.ContactPause{}) {
		t.Fatalf("a refused pause was recorded: %+v", p)
	}
	loc := c.post(path, url.Values{"op": {"pause"}, "until": {"2025-07-15"}, "reason": {"Fermeture estivale"}}).redirected(t)
	if loc != page+"?dunning=pause#dunning" {
		t.Errorf("back to %s", loc)
	}
	c.get(loc).want(t, http.StatusOK, "Relances suspendues.", "Relances suspendues jusqu’au 15/07/2025", "Fermeture estivale")
	if p := pause(); p.PausedUntil != civil.MustParse("2025-07-15") || p.Reason != "Fermeture estivale" || p.DoNotContact {
		t.Fatalf("pause: %+v", p)
	}
	c.post(path, url.Values{"op": {"dnc"}, "reason": {"Demande du client"}}).redirected(t)
	if p := pause(); !p.DoNotContact || p.PausedUntil.IsZero() {
		t.Fatalf("do not contact: %+v", p)
	}
	c.get(page).want(t, http.StatusOK, "Ne pas contacter", "Lever «\u00a0ne pas contacter\u00a0»")
	c.post(path, url.Values{"op": {"resume"}}).redirected(t)
	if p := pause(); p.DoNotContact || !p.PausedUntil.IsZero() {
		t.Fatalf("after resume: %+v", p)
	}

	// The risk score.
	risk := page + "/dunning/risk"
	c.post(risk, url.Values{"risk": {"150"}}).want(t, http.StatusBadRequest, "Le score de risque va de 0 à 100.")
	c.post(risk, url.Values{"risk": {"72"}}).redirected(t)
	c.get(page).want(t, http.StatusOK, "<strong>72</strong> / 100")

	// The timeline names the new events.
	c.get(page).want(t, http.StatusOK, "Relances suspendues", "Débiteur marqué «\u00a0ne pas contacter\u00a0»", "Relances reprises")
}

// TestDebtorDisputes: a dispute opened on an invoice and closed; one
// without a reason refused.
func TestDebtorDisputes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	page := fmt.Sprintf("/debtors/%d", x.acme.ID)
	c.get(page).want(t, http.StatusOK, "Ouvrir un litige", "Aucun litige.")
	c.post(page+"/disputes", url.Values{"invoice": {fmt.Sprint(x.late.ID)}, "reason": {""}}).want(t, http.StatusBadRequest, "Indiquez le motif.")
	c.post(page+"/disputes", url.Values{"invoice": {fmt.Sprint(x.late.ID)}, "reason": {"Malfaçons"}, "amount": {"1 2,3,4"}}).want(t, http.StatusBadRequest)
	// Another debtor's invoice is refused.
	other := x.Invoice(t, b.st, x.dupont.ID, "F2025-011", "2025-05-01", "2025-05-31", 50_00)
	c.post(page+"/disputes", url.Values{"invoice": {fmt.Sprint(other.ID)}, "reason": {"x"}}).want(t, http.StatusBadRequest, "Choisissez une facture ouverte du débiteur.")
	ds, err := b.st.Disputes(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ds) != 0 {
		t.Fatalf("a refused dispute was recorded: %+v", ds)
	}
	c.post(page+"/disputes", url.Values{"invoice": {fmt.Sprint(x.late.ID)}, "reason": {"Malfaçons"}, "amount": {"300,00"}}).redirected(t)
	ds, err = b.st.Disputes(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ds) != 1 || ds[0].Status != ledger.DisputeOpen || ds[0].Amount != money.EUR(300_00) || ds[0].Reason != "Malfaçons" {
		t.Fatalf("disputes: %+v", ds)
	}
	c.get(page+"?dunning=dispute_opened").want(t, http.StatusOK, "Litige ouvert\u00a0: la facture n’est plus relancée.", "Malfaçons", "Résolu en notre faveur")
	close := fmt.Sprintf("%s/disputes/%d/close", page, ds[0].ID)
	c.post(close, url.Values{"status": {"resolved"}, "resolution": {"Travaux repris"}}).redirected(t)
	ds, err = b.st.Disputes(x.Ctx, x.acme.ID)
	must(t, err)
	if ds[0].Status != ledger.DisputeResolved || ds[0].Resolution != "Travaux repris" {
		t.Fatalf("closed: %+v", ds[0])
	}
	c.post(close, url.Values{"status": {"upheld"}}).want(t, http.StatusConflict, "C’est déjà clos.")
	// Through another debtor's page: not found.
	c.post(fmt.Sprintf("/debtors/%d/disputes/%d/close", x.dupont.ID, ds[0].ID), url.Values{"status": {"upheld"}}).want(t, http.StatusNotFound)
	c.get(page).want(t, http.StatusOK, "Litige ouvert", "Litige clos")
}

// TestDebtorPromisesAndPlans: a promise recorded and cancelled; a plan
// spread over monthly instalments, one typed row by row, and one
// refused.
func TestDebtorPromisesAndPlans(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	page := fmt.Sprintf("/debtors/%d", x.acme.ID)

	c.post(page+"/promises", url.Values{"amount": {"0"}, "due_on": {"2025-06-30"}}).want(t, http.StatusBadRequest, "Le montant doit être positif.")
	c.post(page+"/promises", url.Values{"amount": {"400"}, "due_on": {"2025-06-01"}}).want(t, http.StatusBadRequest, "La date promise est passée ou illisible.")
	ps, err := b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ps) != 0 {
		t.Fatalf("a refused promise was recorded: %+v", ps)
	}
	c.post(page+"/promises", url.Values{"amount": {"400,00"}, "due_on": {"2025-06-30"}, "note": {"au téléphone"}}).redirected(t)
	ps, err = b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	if len(ps) != 1 || ps[0].Amount != money.EUR(400_00) || ps[0].Status != ledger.PromisePending {
		t.Fatalf("promises: %+v", ps)
	}
	c.get(page).want(t, http.StatusOK, "400,00\u00a0€ au plus tard le 30/06/2025", "en cours", "Promesse de paiement enregistrée")
	c.post(fmt.Sprintf("%s/promises/%d/cancel", page, ps[0].ID), nil).redirected(t)
	ps, err = b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	if ps[0].Status != ledger.PromiseCancelled {
		t.Fatalf("cancelled: %+v", ps[0])
	}

	// « Répartir »: 1 000,00 € over 3 months, the cents to the first.
	c.post(page+"/plans", url.Values{"op": {"split"}, "total": {"1 000,00"}, "count": {"3"}, "first": {"2025-07-05"}, "grace_days": {"5"}}).redirected(t)
	plans, err := b.st.PaymentPlans(x.Ctx, x.acme.ID)
	must(t, err)
	if len(plans) != 1 {
		t.Fatalf("plans: %+v", plans)
	}
	var got []string
	for _, in := range plans[0].Instalments {
		got = append(got, fmt.Sprintf("%s %s", in.DueOn, money.Decimal(in.Amount)))
	}
	if want := "[2025-07-05 333.34 2025-08-05 333.33 2025-09-05 333.33]"; fmt.Sprint(got) != want {
		t.Errorf("instalments %v, want %s", got, want)
	}
	if plans[0].Total() != money.EUR(1000_00) || plans[0].GraceDays != 5 {
		t.Errorf("plan: %+v", plans[0])
	}
	c.post(fmt.Sprintf("%s/plans/%d/cancel", page, plans[0].ID), nil).redirected(t)

	// Row by row; dates out of order are refused.
	c.post(page+"/plans", url.Values{"op": {"rows"}, "date_0": {"2025-08-01"}, "amount_0": {"100"}, "date_1": {"2025-07-01"}, "amount_1": {"100"}}).
		want(t, http.StatusBadRequest, "Chaque échéance a une date, et les dates se suivent.")
	c.post(page+"/plans", url.Values{"op": {"rows"}}).want(t, http.StatusBadRequest, "Un échéancier a au moins une échéance.")
	c.post(page+"/plans", url.Values{"op": {"rows"}, "date_0": {"2025-07-01"}, "amount_0": {"600,00"}, "date_1": {"2025-08-01"}, "amount_1": {"534,56"}, "grace_days": {"0"}}).redirected(t)
	plans, err = b.st.PaymentPlans(x.Ctx, x.acme.ID)
	must(t, err)
	if len(plans) != 2 {
		t.Fatalf("plans: %+v", plans)
	}
	c.get(page).want(t, http.StatusOK, "2 échéances, 1\u202f134,56\u00a0€ au total", "Échéancier enregistré", "Échéancier annulé")
}

// TestDebtorDunningTenancy: the forms of another organization's debtor
// are not found, and change nothing.
func TestDebtorDunningTenancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	y := newTenant(t, b, "Beta")
	must(t, b.st.RecordPromise(x.Ctx, &ledger.Promise{DebtorID: x.acme.ID, Amount: money.EUR(100_00), DueOn: civil.MustParse("2025-07-01")}))
	ps, err := b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	c := b.browser(t)
	c.login(y.email)
	for path, form := range map[string]url.Values{
		fmt.Sprintf("/debtors/%d/dunning/pause", x.acme.ID):                {"op": {"dnc"}},
		fmt.Sprintf("/debtors/%d/dunning/risk", x.acme.ID):                 {"risk": {"10"}},
		fmt.Sprintf("/debtors/%d/disputes", x.acme.ID):                     {"invoice": {fmt.Sprint(x.late.ID)}, "reason": {"x"}},
		fmt.Sprintf("/debtors/%d/promises", x.acme.ID):                     {"amount": {"10"}, "due_on": {"2025-07-01"}},
		fmt.Sprintf("/debtors/%d/promises/%d/cancel", x.acme.ID, ps[0].ID): nil,
		fmt.Sprintf("/debtors/%d/promises/%d/cancel", y.acme.ID, ps[0].ID): nil,
		fmt.Sprintf("/debtors/%d/plans", x.acme.ID):                        {"op": {"split"}, "total": {"100"}, "count": {"2"}, "first": {"2025-07-01"}},
	} {
		c.post(path, form).want(t, http.StatusNotFound)
	}
	p, err := b.st.ContactPause(x.Ctx, x.acme.ID)
	must(t, err)
	ps, err = b.st.Promises(x.Ctx, x.acme.ID)
	must(t, err)
	if p.DoNotContact || ps[0].Status != ledger.PromisePending {
		t.Errorf("another organization changed Alpha's debtor: %+v %+v", p, ps)
	}
}

package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// stepIndex is the row of the editor holding step key.
func stepIndex(t *testing.T, f url.Values, key string) int {
	t.Helper()
	for i := 0; ; i++ {
		k, ok := f[fmt.Sprintf("key_%d", i)]
		if !ok {
			t.Fatalf("no step %q in the editor: %v", key, f)
		}
		if k[0] == key {
			return i
		}
	}
}

// TestDunningScenarioEditor: the steps as a table, an offset changed and
// saved, a step added and one removed; a fault shown next to its step in
// French, with nothing saved.
func TestDunningScenarioEditor(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	c.get("/dunning/scenarios").want(t, http.StatusOK, "TPE et PME", "Grands comptes", "Particuliers", "Organismes publics",
		`href="/dunning/scenarios/tpe"`, "Nouveau scénario")
	p := c.get("/dunning/scenarios/tpe").want(t, http.StatusOK, "TPE et PME", "Première relance", "Mise en demeure", "Transmission au contentieux",
		`name="offset_0"`, "Enregistrer le scénario")
	before := scenarioOf(t, b, x, "tpe")
	form := formOf(t, p, "scenario-form")
	if got, want := form.Get("rows"), fmt.Sprint(len(before.Steps)+2); got != want {
		t.Fatalf("%s rows, want %s (the steps and two blank rows)", got, want)
	}
	// The template select offers only what the step's channel has.
	i := stepIndex(t, form, "j+35")
	if form.Get(fmt.Sprintf("channel_%d", i)) != "letter" || form.Get(fmt.Sprintf("template_%d", i)) != "formal_notice" ||
		form.Get(fmt.Sprintf("approval_%d", i)) != "1" || form.Get(fmt.Sprintf("registered_%d", i)) != "1" {
		t.Fatalf("the formal notice row: %v", form)
	}
	if sel := p.body[strings.Index(p.body, fmt.Sprintf(`id="template_%d"`, i)):]; strings.Contains(sel[:strings.Index(sel, "</select>")], `value="predue"`) {
		t.Error("a letter step offers the pre-due template, which has no letter")
	}

	// A fault: the formal notice by email. Shown next to the step, in
	// French; nothing saved.
	bad := cloneValues(form)
	bad.Set(fmt.Sprintf("channel_%d", i), "email")
	p = c.post("/dunning/scenarios/tpe", bad).want(t, http.StatusBadRequest, "Étape j&#43;35\u00a0: une mise en demeure part uniquement par courrier.")
	if !strings.Contains(p.body, `id="err-`+fmt.Sprint(i)+`"`) {
		t.Errorf("the error is not next to row %d", i)
	}
	if got := scenarioOf(t, b, x, "tpe"); !reflect.DeepEqual(got.Steps, before.Steps) {
		t.Fatal("a refused scenario was saved")
	}
	// Another fault: two steps on the same day.
	bad = cloneValues(form)
	bad.Set(fmt.Sprintf("offset_%d", stepIndex(t, form, "j+10")), "3")
	c.post("/dunning/scenarios/tpe", bad).want(t, http.StatusBadRequest, "les décalages doivent croître")
	bad = cloneValues(form)
	bad.Set(fmt.Sprintf("offset_%d", stepIndex(t, form, "j+10")), "dix")
	c.post("/dunning/scenarios/tpe", bad).want(t, http.StatusBadRequest, "le décalage est un nombre entier de jours.")
	bad = cloneValues(form)
	bad.Set(fmt.Sprintf("approval_%d", i), "")
	c.post("/dunning/scenarios/tpe", bad).want(t, http.StatusBadRequest, "doit être approuvée par une personne")

	// The first reminder at 4 days, a new SMS step at 7 days, the call
	// removed: saved, in the order of the offsets.
	good := cloneValues(form)
	good.Set(fmt.Sprintf("offset_%d", stepIndex(t, form, "j+3")), "4")
	good.Set(fmt.Sprintf("min_amount_%d", stepIndex(t, form, "j+3")), "15,50")
	good.Set(fmt.Sprintf("delete_%d", stepIndex(t, form, "j+18")), "1")
	blank := len(before.Steps)
	good.Set(fmt.Sprintf("key_%d", blank), "sms-7")
	good.Set(fmt.Sprintf("name_%d", blank), "SMS de rappel")
	good.Set(fmt.Sprintf("offset_%d", blank), "7")
	good.Set(fmt.Sprintf("channel_%d", blank), "sms")
	good.Set(fmt.Sprintf("template_%d", blank), "reminder1")
	good.Set(fmt.Sprintf("stage_%d", blank), "amicable")
	loc := c.post("/dunning/scenarios/tpe", good).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Scénario enregistré.", "SMS de rappel")
	got := scenarioOf(t, b, x, "tpe")
	var keys []string
	for _, s := range got.Steps {
		keys = append(keys, fmt.Sprintf("%s@%d", s.Key, s.OffsetDays))
	}
	if want := "j-3@-3 j+3@4 sms-7@7 j+10@10 j+25@25 j+35@35 j+50@50"; strings.Join(keys, " ") != want {
		t.Errorf("steps saved: %s, want %s", strings.Join(keys, " "), want)
	}
	if got.Steps[1].MinAmount != money.EUR(15_50) {
		t.Errorf("min amount %v", got.Steps[1].MinAmount)
	}
	if err := dunning.Validate(got); err != nil {
		t.Errorf("the scenario saved does not validate: %v", err)
	}
}

// cloneValues copies a form.
func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// TestDunningScenarioCopy: « Nouveau scénario » copies one under a new
// key; a key already taken or malformed is refused. Another organization
// does not see it.
func TestDunningScenarioCopy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	c.get("/dunning/scenarios").want(t, http.StatusOK)
	c.post("/dunning/scenarios", url.Values{"from": {"tpe"}, "key": {"VIP !"}, "name": {"VIP"}}).
		want(t, http.StatusBadRequest, "La clé du scénario est faite de lettres minuscules")
	c.post("/dunning/scenarios", url.Values{"from": {"tpe"}, "key": {"public"}, "name": {"VIP"}}).
		want(t, http.StatusBadRequest, "La clé «\u00a0public\u00a0» est déjà prise.")
	loc := c.post("/dunning/scenarios", url.Values{"from": {"tpe"}, "key": {"vip"}, "name": {"Clients VIP"}}).redirected(t)
	if loc != "/dunning/scenarios/vip?created=1" {
		t.Fatalf("after the copy: %s", loc)
	}
	c.get(loc).want(t, http.StatusOK, "Clients VIP", "Scénario créé")
	if vip, tpe := scenarioOf(t, b, x, "vip"), scenarioOf(t, b, x, "tpe"); !reflect.DeepEqual(vip.Steps, tpe.Steps) {
		t.Errorf("the copy's steps differ: %+v", vip.Steps)
	}

	// Another organization: not found, as a scenario that does not exist.
	y := newTenant(t, b, "Beta")
	d := b.browser(t)
	d.login(y.email)
	d.get("/dunning/scenarios/vip").want(t, http.StatusNotFound, "Cette page n’existe pas.")
	d.get("/dunning/scenarios/nope").want(t, http.StatusNotFound, "Cette page n’existe pas.")
	d.post("/dunning/scenarios/vip", url.Values{"name": {"X"}, "rows": {"0"}}).want(t, http.StatusNotFound)
	d.post("/dunning/scenarios/vip/delete", nil).want(t, http.StatusNotFound)
	scenarioOf(t, b, x, "vip")

	// A scenario a segment picks is kept; another is deleted.
	c.post("/dunning/scenarios/tpe/delete", nil).want(t, http.StatusConflict, "Ce scénario est choisi par un segment")
	loc = c.post("/dunning/scenarios/vip/delete", nil).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Scénario «\u00a0vip\u00a0» supprimé.")
}

// TestDunningSegments: the ordered list, a segment moved up, one added,
// one deleted; a bad bound refused with nothing saved.
func TestDunningSegments(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	p := c.get("/dunning/segments").want(t, http.StatusOK, "Organismes publics", "Particuliers", "Grands comptes", "Entreprises",
		"Enregistrer les segments")
	names := func() string {
		segs, err := b.st.Segments(x.Ctx)
		must(t, err)
		var out []string
		for _, s := range segs {
			out = append(out, s.Name)
		}
		return strings.Join(out, ", ")
	}
	if got := names(); got != "Organismes publics, Particuliers, Grands comptes, Entreprises" {
		t.Fatalf("segments: %s", got)
	}
	form := formOf(t, p, "segments-form")
	if form.Get("min_due_2") != "10000,00" || form.Get("kind_2") != "business" || form.Get("scenario_2") != "grands-comptes" {
		t.Fatalf("the large accounts row: %v", form)
	}

	// A risk bound above 100: refused, shown on its row, nothing saved.
	bad := cloneValues(form)
	bad.Set("max_risk_1", "150")
	bad.Set("op", "save")
	c.post("/dunning/segments", bad).want(t, http.StatusBadRequest, "Les bornes du risque vont de 0 à 100")
	bad = cloneValues(form)
	bad.Set("min_due_3", "12,345")
	bad.Set("op", "save")
	c.post("/dunning/segments", bad).want(t, http.StatusBadRequest)
	if got := names(); got != "Organismes publics, Particuliers, Grands comptes, Entreprises" {
		t.Fatalf("a refused list was saved: %s", got)
	}

	// Move « Grands comptes » up, saved at once.
	up := cloneValues(form)
	up.Set("op", "up:2")
	loc := c.post("/dunning/segments", up).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Segments enregistrés.")
	if got := names(); got != "Organismes publics, Grands comptes, Particuliers, Entreprises" {
		t.Errorf("after moving up: %s", got)
	}

	// Add a segment in the blank row, tagged, with a risk bound.
	p = c.get("/dunning/segments")
	form = formOf(t, p, "segments-form")
	add := cloneValues(form)
	add.Set("name_4", "Risque élevé")
	add.Set("position_4", "0")
	add["kind_4"] = []string{"business", "consumer"}
	add.Set("min_risk_4", "70")
	add.Set("tags_4", "BTP, export")
	add.Set("scenario_4", "particuliers")
	add.Set("op", "save")
	c.post("/dunning/segments", add).redirected(t)
	segs, err := b.st.Segments(x.Ctx)
	must(t, err)
	if len(segs) != 5 || segs[0].Name != "Risque élevé" || segs[0].MinRisk != 70 || strings.Join(segs[0].Tags, "|") != "BTP|export" ||
		len(segs[0].Kinds) != 2 || segs[0].ScenarioKey != "particuliers" {
		t.Fatalf("after adding: %+v", segs)
	}

	// Delete it.
	p = c.get("/dunning/segments")
	del := formOf(t, p, "segments-form")
	del.Set("op", "delete:0")
	c.post("/dunning/segments", del).redirected(t)
	if got := names(); got != "Organismes publics, Grands comptes, Particuliers, Entreprises" {
		t.Errorf("after deleting: %s", got)
	}
}

// TestDunningTemplates: the list with the custom ones marked, a preview
// on a real debtor, an unknown variable refused with its line and
// column, a template saved then reset to the shipped one.
func TestDunningTemplates(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	c.get("/dunning/templates").want(t, http.StatusOK, "Premier rappel", "/dunning/templates/reminder1/email/fr",
		"/dunning/templates/formal_notice/letter/en", "modèle fourni").without(t, "badge-custom")
	path := "/dunning/templates/reminder1/email/fr"
	p := c.get(path).want(t, http.StatusOK, "Premier rappel", "Aperçu", x.acme.Name, "F2025-001", eurFR(1_134_56), "srcdoc=")
	if csp := p.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self' 'unsafe-inline'") || strings.Contains(csp, "script-src") {
		t.Errorf("the editor's policy: %q", csp)
	}
	form := formOf(t, p, "template-form")
	if form.Get("debtor") != fmt.Sprint(x.acme.ID) || !strings.Contains(form.Get("body"), "{{") {
		t.Fatalf("the editor's form: %v", form)
	}

	// An unknown variable: where it is, in French; nothing saved.
	bad := cloneValues(form)
	bad.Set("body", "Bonjour,\nvous devez {{money .Grand}} depuis {{.Depuis}}.")
	bad.Set("op", "save")
	c.post(path, bad).want(t, http.StatusBadRequest, "Texte, ligne 2, colonne 38\u00a0: variable inconnue «\u00a0.Depuis\u00a0»")
	ts, err := b.st.Templates(x.Ctx)
	must(t, err)
	if len(ts) != 0 {
		t.Fatalf("a refused template was saved: %+v", ts)
	}
	// « Aperçu » shows the words typed on the debtor chosen, saving nothing.
	pv := cloneValues(form)
	pv.Set("body", "Cher client {{.Debtor.Name}}, merci de régler {{money .Grand}}.")
	pv.Set("debtor", fmt.Sprint(x.dupont.ID))
	pv.Set("op", "preview")
	c.post(path, pv).want(t, http.StatusOK, "Cher client Jeanne Dupont, merci de régler", eurFR(89_90))
	// The fragment for the live preview.
	c.post(path+"/preview", pv).want(t, http.StatusOK, "Cher client Jeanne Dupont").without(t, "<html")

	// Saved: marked custom in the list.
	good := cloneValues(form)
	good.Set("subject", "Rappel — {{.From}}")
	good.Set("body", "Bonjour {{.Debtor.Name}},\n\n{{invoiceTable}}\n\nMerci.")
	good.Set("op", "save")
	loc := c.post(path, good).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Modèle enregistré.", "personnalisé", "Revenir au modèle fourni")
	ts, err = b.st.Templates(x.Ctx)
	must(t, err)
	if len(ts) != 1 || ts[0].Key != "reminder1" || ts[0].Channel != ledger.ChannelEmail || ts[0].Lang != "fr" || !strings.HasPrefix(ts[0].Body, "Bonjour") {
		t.Fatalf("templates: %+v", ts)
	}
	c.get("/dunning/templates").want(t, http.StatusOK, "badge-custom")

	// Reset: the shipped template again.
	loc = c.post(path+"/reset", url.Values{"debtor": {fmt.Sprint(x.acme.ID)}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Le modèle fourni s’applique de nouveau.").without(t, "Revenir au modèle fourni")
	ts, err = b.st.Templates(x.Ctx)
	must(t, err)
	if len(ts) != 0 {
		t.Fatalf("after reset: %+v", ts)
	}

	// An SMS: the counter.
	c.get("/dunning/templates/reminder1/sms/fr").want(t, http.StatusOK, "caractères", "SMS, encodage GSM-7").without(t, `id="subject"`)
	// No such template.
	c.get("/dunning/templates/formal_notice/sms/fr").want(t, http.StatusNotFound)
	c.get("/dunning/templates/reminder1/email/de").want(t, http.StatusNotFound)
}

// TestDunningSettings: the settings saved, the secrets never shown back
// and kept when their field is left blank; a bad value refused.
func TestDunningSettings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	p := c.get("/dunning/settings").want(t, http.StatusOK, "Paramètres des relances", "Heure du cycle", "Alsace-Moselle")
	form := formOf(t, p, "dunning-settings")
	form.Set("run_hour", "7")
	form.Set("quiet_start", "8")
	form.Set("quiet_end", "20")
	form.Set("weekly_cap", "3")
	form.Set("alsace_moselle", "1")
	form.Del("auto_run")
	form.Set("from_name", "Service recouvrement")
	form.Set("from_email", "relances@alpha.test")
	form.Set("smtp_url", "smtp://relances:s3cr3t-pass@mail.alpha.test:587")
	form.Set("sms_key", "xkeysib-0123456789abcdef")
	form.Set("sms_sender", "ALPHA")
	form.Set("portal_url", "https://payer.alpha.test")
	c.post("/dunning/settings", form).redirected(t)
	s, err := b.st.DunningSettings(x.Ctx)
	must(t, err)
	if s.RunHour != 7 || s.QuietStart != 8 || s.QuietEnd != 20 || s.WeeklyCap != 3 || !s.AlsaceMoselle || s.AutoRun ||
		s.SMTPURL != "smtp://relances:s3cr3t-pass@mail.alpha.test:587" || s.SMSKey != "xkeysib-0123456789abcdef" || s.PortalURL != "https://payer.alpha.test" {
		t.Fatalf("saved: %+v", s)
	}

	// The page masks the secrets.
	p = c.get("/dunning/settings?saved=1").want(t, http.StatusOK, "Paramètres enregistrés.", "smtp://relances:••••••@mail.alpha.test:587", "••••••cdef")
	p.without(t, "s3cr3t-pass", "xkeysib-0123456789abcdef")
	form = formOf(t, p, "dunning-settings")
	if form.Get("smtp_url") != "" || form.Get("sms_key") != "" {
		t.Fatalf("a secret in a field: %v", form)
	}

	// Left blank, the secrets are kept.
	form.Set("from_name", "Recouvrement Alpha")
	c.post("/dunning/settings", form).redirected(t)
	s, err = b.st.DunningSettings(x.Ctx)
	must(t, err)
	if s.FromName != "Recouvrement Alpha" || s.SMTPURL != "smtp://relances:s3cr3t-pass@mail.alpha.test:587" || s.SMSKey != "xkeysib-0123456789abcdef" {
		t.Fatalf("after saving with blank secrets: %+v", s)
	}

	// Refusals: nothing saved, the secrets not echoed.
	for field, value := range map[string]string{"quiet_start": "20", "from_email": "pas une adresse", "portal_url": "ftp://x", "smtp_url": "http://mail", "weekly_cap": "0"} {
		bad := cloneValues(form)
		bad.Set(field, value)
		p := c.post("/dunning/settings", bad).want(t, http.StatusBadRequest)
		p.without(t, "s3cr3t-pass")
		if !strings.Contains(p.body, `data-field="`+field+`"`) {
			t.Errorf("%s=%q: the error is not about the field:\n%s", field, value, p.body)
		}
	}
	c.post("/dunning/settings", func() url.Values { v := cloneValues(form); v.Set("quiet_end", "7"); return v }()).
		want(t, http.StatusBadRequest, "La plage d’envoi commence avant de finir")
	s2, err := b.st.DunningSettings(x.Ctx)
	must(t, err)
	if s2 != s {
		t.Errorf("a refused form changed the settings: %+v", s2)
	}

	// Removing the SMTP server.
	clear := cloneValues(form)
	clear.Set("smtp_clear", "1")
	c.post("/dunning/settings", clear).redirected(t)
	s, err = b.st.DunningSettings(x.Ctx)
	must(t, err)
	if s.SMTPURL != "" || s.SMSKey == "" {
		t.Errorf("after removing the SMTP server: %+v", s)
	}
}

package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/message"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// roleToken creates a user of role in the fixture's organization and an
// API token for it.
func roleToken(t *testing.T, b *bundle, f storetest.Fixture, role string) string {
	t.Helper()
	u := &ledger.User{Email: fmt.Sprintf("%s-%d@recouvre.test", role, f.Org.ID), Name: role}
	must(t, b.st.CreateUser(t.Context(), u))
	must(t, b.st.AddMembership(t.Context(), ledger.Membership{OrgID: f.Org.ID, UserID: u.ID, Role: role}))
	return createToken(t, b.st, f.Org.ID, u.ID)
}

type dunningSettingsJSON struct {
	AutoRun       bool       `json:"auto_run"`
	RunHour       int        `json:"run_hour"`
	QuietStart    int        `json:"quiet_start"`
	QuietEnd      int        `json:"quiet_end"`
	WeeklyCap     int        `json:"weekly_cap"`
	AlsaceMoselle bool       `json:"alsace_moselle"`
	SMTPURL       string     `json:"smtp_url"`
	SMTPURLSet    bool       `json:"smtp_url_set"`
	FromEmail     string     `json:"from_email"`
	FromName      string     `json:"from_name"`
	ReplyTo       string     `json:"reply_to"`
	SMSProvider   string     `json:"sms_provider"`
	SMSKeySet     bool       `json:"sms_key_set"`
	SMSSender     string     `json:"sms_sender"`
	PortalURL     string     `json:"portal_url"`
	Channels      []string   `json:"channels"`
	UpdatedAt     *time.Time `json:"updated_at"`
}

// The settings keep their secrets: written, never read back in clear;
// an empty value keeps them.
func TestDunningSettings(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	f := storetest.NewFixture(t, b.st, "Réglages")
	tok := b.token(t, f)
	const target = "/api/v1/dunning/settings"

	s := decode[dunningSettingsJSON](t, b.get(t, target, tok, http.StatusOK))
	if !s.AutoRun || s.RunHour != 9 || s.QuietStart != 9 || s.QuietEnd != 19 || s.WeeklyCap != 2 || s.SMTPURLSet || s.SMTPURL != "" ||
		s.SMSKeySet || s.SMSProvider != "brevo" || s.UpdatedAt != nil || len(s.Channels) != 1 || s.Channels[0] != "letter" {
		t.Fatalf("defaults %+v", s)
	}
	rec := b.do(t, http.MethodPut, target, tok, `{"smtp_url":"smtp://relances:s3cr%C3%A9t@mail.example.fr:587?from=relances%40acme.test",
		"sms_key":"xkeysib-0123456789","sms_sender":"ACME","from_email":"relances@acme.test","from_name":"ACME Recouvrement",
		"reply_to":"compta@acme.test","run_hour":8,"quiet_start":8,"quiet_end":20,"weekly_cap":3,"alsace_moselle":true,
		"auto_run":false,"portal_url":"https://paiement.acme.test"}`, http.StatusOK)
	if body := rec.Body.String(); strings.Contains(body, "s3cr") || strings.Contains(body, "xkeysib") {
		t.Fatalf("a secret is shown: %s", body)
	}
	s = decode[dunningSettingsJSON](t, rec)
	if s.SMTPURL != "smtp://relances:xxxxx@mail.example.fr:587?from=relances%40acme.test" || !s.SMTPURLSet || !s.SMSKeySet ||
		s.RunHour != 8 || s.QuietStart != 8 || s.QuietEnd != 20 || s.WeeklyCap != 3 || !s.AlsaceMoselle || s.AutoRun ||
		s.FromEmail != "relances@acme.test" || s.SMSSender != "ACME" || s.PortalURL != "https://paiement.acme.test" || s.UpdatedAt == nil {
		t.Fatalf("saved %+v", s)
	}
	stored := func() ledger.DunningSettings {
		got, err := b.st.DunningSettings(f.Ctx)
		must(t, err)
		return got
	}
	const smtp = "smtp://relances:s3cr%C3%A9t@mail.example.fr:587?from=relances%40acme.test"
	// Left out, empty, or the redacted URL sent back: the secrets stay.
	for _, body := range []string{`{"run_hour":7}`, `{"smtp_url":"","sms_key":""}`, `{"smtp_url":"` + s.SMTPURL + `"}`} {
		b.do(t, http.MethodPut, target, tok, body, http.StatusOK)
		if got := stored(); got.SMTPURL != smtp || got.SMSKey != "xkeysib-0123456789" || got.FromName != "ACME Recouvrement" {
			t.Fatalf("after %s: %+v", body, got)
		}
	}
	if got := stored(); got.RunHour != 7 {
		t.Errorf("run hour %d", got.RunHour)
	}
	s = decode[dunningSettingsJSON](t, b.do(t, http.MethodPut, target, tok, `{"remove_smtp_url":true,"remove_sms_key":true}`, http.StatusOK))
	if s.SMTPURLSet || s.SMTPURL != "" || s.SMSKeySet || stored().SMTPURL != "" || stored().SMSKey != "" {
		t.Errorf("removed: %+v", s)
	}

	for body, field := range map[string]string{
		`{"run_hour":24}`:                                "run_hour",
		`{"quiet_start":20,"quiet_end":19}`:              "quiet_end",
		`{"quiet_end":25}`:                               "quiet_end",
		`{"weekly_cap":0}`:                               "weekly_cap",
		`{"from_email":"pas une adresse"}`:               "from_email",
		`{"reply_to":"Compta <c@acme.test>"}`:            "reply_to",
		`{"smtp_url":"http://u:motdepasse@h"}`:           "smtp_url",
		`{"sms_sender":"A"}`:                             "sms_sender",
		`{"sms_provider":"pigeon"}`:                      "sms_provider",
		`{"portal_url":"ftp://acme.test"}`:               "portal_url",
		`{"smtp_url":"smtp://h","remove_smtp_url":true}`: "smtp_url",
	} {
		e := b.refused(t, http.MethodPut, target, tok, body, field)
		if strings.Contains(e.Error.Message, "motdepasse") {
			t.Errorf("the refusal repeats the password: %s", e.Error.Message)
		}
	}
	wantError(t, b.do(t, http.MethodPut, target, tok, `{"run_hour":"huit"}`, http.StatusBadRequest), http.StatusBadRequest, ledger.EInvalid, "body")
	if got := stored(); got.RunHour != 7 {
		t.Errorf("a refusal changed the settings: %+v", got)
	}

	// Roles: all read; only the settings role writes.
	viewer, agent, manager := roleToken(t, b, f, "viewer"), roleToken(t, b, f, "agent"), roleToken(t, b, f, "manager")
	b.get(t, target, viewer, http.StatusOK)
	wantError(t, b.do(t, http.MethodPut, target, agent, `{"run_hour":6}`, http.StatusForbidden), http.StatusForbidden, ledger.EForbidden)
	b.do(t, http.MethodPut, target, manager, `{"run_hour":6}`, http.StatusOK)
	wantError(t, b.do(t, http.MethodPost, "/api/v1/runs", viewer, `{"dry_run":true}`, http.StatusForbidden), http.StatusForbidden, ledger.EForbidden)
	b.do(t, http.MethodPost, "/api/v1/runs", agent, `{"dry_run":true}`, http.StatusOK)
	wantError(t, b.do(t, http.MethodPut, "/api/v1/scenarios/x", agent, `{}`, http.StatusForbidden), http.StatusForbidden, ledger.EForbidden)
	wantError(t, b.do(t, http.MethodPost, "/api/v1/actions/decisions", viewer, `{"ids":[1],"approve":true}`, http.StatusForbidden),
		http.StatusForbidden, ledger.EForbidden)
}

type stepJSON struct {
	Key           string     `json:"key"`
	Name          string     `json:"name"`
	OffsetDays    int        `json:"offset_days"`
	Channel       string     `json:"channel"`
	Template      string     `json:"template"`
	Stage         string     `json:"stage"`
	MinAmount     *moneyJSON `json:"min_amount"`
	OnlyIfNoReply bool       `json:"only_if_no_reply"`
	Approval      bool       `json:"approval"`
	AttachLetter  bool       `json:"attach_letter"`
	Registered    bool       `json:"registered"`
}

type scenarioJSON struct {
	Key       string     `json:"key"`
	Name      string     `json:"name"`
	Steps     []stepJSON `json:"steps"`
	Segments  []string   `json:"segments"`
	UpdatedAt *time.Time `json:"updated_at"`
}

type segmentJSON struct {
	Position   int        `json:"position"`
	Name       string     `json:"name"`
	Kinds      []string   `json:"kinds"`
	MinDue     *moneyJSON `json:"min_due"`
	MaxDue     *moneyJSON `json:"max_due"`
	MinAgeDays int        `json:"min_age_days"`
	MaxAgeDays int        `json:"max_age_days"`
	MinRisk    int        `json:"min_risk"`
	MaxRisk    int        `json:"max_risk"`
	Tags       []string   `json:"tags"`
	Scenario   string     `json:"scenario"`
}

// gentle is a scenario as a client writes it.
const gentle = `{"name":"Relance douce","steps":[
	{"key":"j+5","name":"Premier rappel","offset_days":5,"channel":"email","template":"reminder1","stage":"amicable"},
	{"key":"j+20","name":"Appel","offset_days":20,"channel":"call","template":"call","stage":"amicable","only_if_no_reply":true,"min_amount":"150.00"},
	{"key":"j+40","name":"Mise en demeure","offset_days":40,"channel":"letter","template":"formal_notice","stage":"formal_notice","approval":true,"registered":true}]}`

// Scenarios are listed with the shipped ones, created, replaced and
// deleted by key; what dunning.Validate refuses is refused with its field.
func TestScenarios(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	f := storetest.NewFixture(t, b.st, "Scénarios")
	tok := b.token(t, f)

	all := decode[listBody[scenarioJSON]](t, b.get(t, "/api/v1/scenarios", tok, http.StatusOK))
	var keys []string
	for _, s := range all.Data {
		keys = append(keys, s.Key)
	}
	if strings.Join(keys, ",") != "grands-comptes,particuliers,public,tpe" || all.NextCursor != nil {
		t.Fatalf("shipped scenarios %v", keys)
	}
	tpe := decode[scenarioJSON](t, b.get(t, "/api/v1/scenarios/tpe", tok, http.StatusOK))
	last := tpe.Steps[len(tpe.Steps)-1]
	if len(tpe.Segments) != 1 || tpe.Segments[0] != "Entreprises" || last.MinAmount == nil || last.MinAmount.Minor != 300_00 ||
		!last.Approval || tpe.Steps[0].MinAmount != nil || tpe.Steps[0].OffsetDays != -3 || tpe.Steps[0].Stage != "preventive" {
		t.Errorf("tpe %+v", tpe)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/scenarios/nope", tok), http.StatusNotFound, ledger.ENotFound)

	rec := b.do(t, http.MethodPut, "/api/v1/scenarios/relance-douce", tok, gentle, http.StatusCreated)
	if loc := rec.Header().Get("Location"); loc != "/api/v1/scenarios/relance-douce" {
		t.Errorf("Location %q", loc)
	}
	s := decode[scenarioJSON](t, rec)
	if s.Key != "relance-douce" || len(s.Steps) != 3 || s.Steps[1].MinAmount == nil || s.Steps[1].MinAmount.Minor != 150_00 ||
		!s.Steps[1].OnlyIfNoReply || !s.Steps[2].Registered || len(s.Segments) != 0 || s.UpdatedAt == nil {
		t.Errorf("created %+v", s)
	}
	s = decode[scenarioJSON](t, b.do(t, http.MethodPut, "/api/v1/scenarios/relance-douce", tok,
		strings.Replace(gentle, "Relance douce", "Relance très douce", 1), http.StatusOK))
	if s.Name != "Relance très douce" {
		t.Errorf("replaced %+v", s)
	}
	if all := decode[listBody[scenarioJSON]](t, b.get(t, "/api/v1/scenarios", tok, http.StatusOK)); len(all.Data) != 5 {
		t.Errorf("%d scenarios", len(all.Data))
	}

	step := func(fields string) string {
		return `{"name":"X","steps":[{"key":"a","name":"A","offset_days":5,"channel":"email","template":"reminder1","stage":"amicable"` + fields + `}]}`
	}
	for body, field := range map[string]string{
		`{"steps":[{"key":"a","name":"A","offset_days":5,"channel":"email","template":"reminder1","stage":"amicable"}]}`: "name",
		`{"name":"X","steps":[]}`:                       "steps",
		step(`,"template":"formal_notice"`):             "steps[0].channel",
		step(`,"template":"reminder7"`):                 "steps[0].template",
		step(`,"channel":"fax"`):                        "steps[0].channel",
		step(`,"stage":"preventive"`):                   "steps[0].stage",
		step(`,"min_amount":"cent euros"`):              "steps[0].min_amount",
		step(`,"registered":true`):                      "steps[0].registered",
		step(`,"offset_days":9999`):                     "steps[0].offset_days",
		`{"name":"X","steps":[{"key":"a","name":"A"}]}`: "steps[0].offset_days",
		`{"name":"X","currency":"euros","steps":[]}`:    "currency",
		`{"name":"X","steps":[{"key":"a","name":"A","offset_days":5,"channel":"email","template":"reminder1","stage":"amicable"},
			{"key":"b","name":"B","offset_days":5,"channel":"email","template":"reminder2","stage":"amicable"}]}`: "steps[1].offset_days",
		`{"name":"X","steps":[{"key":"a","name":"A","offset_days":30,"channel":"letter","template":"formal_notice","stage":"formal_notice"}]}`: "steps[0].approval",
	} {
		b.refused(t, http.MethodPut, "/api/v1/scenarios/essai", tok, body, field)
	}
	b.refused(t, http.MethodPut, "/api/v1/scenarios/Mauvaise%20Cl%C3%A9", tok, gentle, "key")
	wantError(t, b.request(http.MethodGet, "/api/v1/scenarios/essai", tok), http.StatusNotFound, ledger.ENotFound)

	wantError(t, b.request(http.MethodDelete, "/api/v1/scenarios/tpe", tok), http.StatusConflict, ledger.EConflict, "segment")
	if rec := b.request(http.MethodDelete, "/api/v1/scenarios/relance-douce", tok); rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	wantError(t, b.request(http.MethodDelete, "/api/v1/scenarios/relance-douce", tok), http.StatusNotFound, ledger.ENotFound)
}

// The segments are read and replaced as one ordered list.
func TestSegments(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	f := storetest.NewFixture(t, b.st, "Segments")
	tok := b.token(t, f)

	segs := decode[listBody[segmentJSON]](t, b.get(t, "/api/v1/segments", tok, http.StatusOK))
	if len(segs.Data) != 4 || segs.Data[0].Position != 1 || segs.Data[0].Scenario != "public" || segs.Data[2].MinDue == nil ||
		segs.Data[2].MinDue.Minor != 10_000_00 || segs.Data[3].MinDue != nil {
		t.Fatalf("shipped segments %+v", segs.Data)
	}
	b.do(t, http.MethodPut, "/api/v1/scenarios/relance-douce", tok, gentle, http.StatusCreated)
	segs = decode[listBody[segmentJSON]](t, b.do(t, http.MethodPut, "/api/v1/segments", tok, `{"segments":[
		{"name":"Clients fidèles","kinds":["business"],"max_due":"500.00","tags":["fidèle"],"min_age_days":0,"max_age_days":60,"max_risk":40,"scenario":"relance-douce"},
		{"name":"Entreprises","kinds":["business","public"],"scenario":"tpe"}]}`, http.StatusOK))
	if len(segs.Data) != 2 || segs.Data[0].Position != 1 || segs.Data[1].Position != 2 || segs.Data[0].MaxDue == nil ||
		segs.Data[0].MaxDue.Minor != 500_00 || segs.Data[0].MinDue != nil || segs.Data[0].Tags[0] != "fidèle" || segs.Data[0].MaxRisk != 40 ||
		len(segs.Data[1].Kinds) != 2 || len(segs.Data[1].Tags) != 0 {
		t.Fatalf("saved %+v", segs.Data)
	}
	if got := decode[listBody[segmentJSON]](t, b.get(t, "/api/v1/segments", tok, http.StatusOK)); len(got.Data) != 2 {
		t.Errorf("read back %+v", got.Data)
	}
	if s := decode[scenarioJSON](t, b.get(t, "/api/v1/scenarios/relance-douce", tok, http.StatusOK)); len(s.Segments) != 1 {
		t.Errorf("the scenario does not know its segment: %+v", s)
	}
	wantError(t, b.request(http.MethodDelete, "/api/v1/scenarios/relance-douce", tok), http.StatusConflict, ledger.EConflict)

	for body, field := range map[string]string{
		`{"segments":[]}`: "segments",
		`{"segments":[{"name":"A","scenario":"inconnu"}]}`:                                 "segments[0].scenario",
		`{"segments":[{"name":"A","scenario":"tpe"},{"name":"B"}]}`:                        "segments[1].scenario",
		`{"segments":[{"scenario":"tpe"}]}`:                                                "segments[0].name",
		`{"segments":[{"name":"A","kinds":["alien"],"scenario":"tpe"}]}`:                   "segments[0].kinds",
		`{"segments":[{"name":"A","min_due":"900","max_due":"100","scenario":"tpe"}]}`:     "segments[0].max_due",
		`{"segments":[{"name":"A","min_due":"-1","scenario":"tpe"}]}`:                      "segments[0].min_due",
		`{"segments":[{"name":"A","min_risk":101,"scenario":"tpe"}]}`:                      "segments[0].min_risk",
		`{"segments":[{"name":"A","min_age_days":30,"max_age_days":10,"scenario":"tpe"}]}`: "segments[0].max_age_days",
	} {
		b.refused(t, http.MethodPut, "/api/v1/segments", tok, body, field)
	}
	if got := decode[listBody[segmentJSON]](t, b.get(t, "/api/v1/segments", tok, http.StatusOK)); len(got.Data) != 2 {
		t.Errorf("a refusal changed the segments: %+v", got.Data)
	}
}

type templateJSON struct {
	Key       string     `json:"key"`
	Channel   string     `json:"channel"`
	Lang      string     `json:"lang"`
	Name      string     `json:"name"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	Custom    bool       `json:"custom"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// The templates are the shipped ones, each overridden by the
// organization's own; one is saved only when it renders.
func TestTemplates(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	f := storetest.NewFixture(t, b.st, "Modèles")
	tok := b.token(t, f)
	const slot = "/api/v1/templates/reminder1/email/fr"

	all := decode[listBody[templateJSON]](t, b.get(t, "/api/v1/templates", tok, http.StatusOK))
	if len(all.Data) != len(message.Defaults()) {
		t.Fatalf("%d templates, %d shipped", len(all.Data), len(message.Defaults()))
	}
	shipped := decode[templateJSON](t, b.get(t, slot, tok, http.StatusOK))
	if shipped.Custom || shipped.UpdatedAt != nil || shipped.Subject == "" || shipped.Name == "" {
		t.Fatalf("shipped %+v", shipped)
	}
	own := `{"name":"Premier rappel maison","subject":"Rappel — {{money .Grand}} — {{.From}}",
		"body":"Bonjour {{.Debtor.Name}},\n\nSauf erreur de notre part, {{plural .Count \"la facture\" \"les factures\"}} ci-dessous reste{{if gt .Count 1}}nt{{end}} due{{if gt .Count 1}}s{{end}} :\n\n{{invoiceTable}}\n\nCordialement,\n{{.From}}"}`
	rec := b.do(t, http.MethodPut, slot, tok, own, http.StatusCreated)
	mine := decode[templateJSON](t, rec)
	if !mine.Custom || mine.Name != "Premier rappel maison" || mine.UpdatedAt == nil || rec.Header().Get("Location") != slot {
		t.Fatalf("saved %+v", mine)
	}
	b.do(t, http.MethodPut, slot, tok, own, http.StatusOK)
	all = decode[listBody[templateJSON]](t, b.get(t, "/api/v1/templates", tok, http.StatusOK))
	custom := 0
	for _, x := range all.Data {
		if x.Custom {
			custom++
			if x.Key != "reminder1" || x.Channel != "email" || x.Lang != "fr" {
				t.Errorf("custom %+v", x)
			}
		}
	}
	if custom != 1 || len(all.Data) != len(message.Defaults()) {
		t.Errorf("%d custom of %d", custom, len(all.Data))
	}
	// A name left out is the shipped one's.
	if got := decode[templateJSON](t, b.do(t, http.MethodPut, "/api/v1/templates/reminder1/sms/en", tok,
		`{"body":"{{.From}}: {{money .Grand}} is overdue. Thank you."}`, http.StatusCreated)); got.Name == "" {
		t.Errorf("no name: %+v", got)
	}

	// An unknown variable is refused with its line and column.
	e := b.refused(t, http.MethodPut, slot, tok, `{"subject":"Rappel","body":"Bonjour,\nVous nous devez {{.Montant}} depuis longtemps."}`, "body")
	if e.Error.Line != 2 || e.Error.Column != 19 || !strings.Contains(e.Error.Message, "body: line 2, column 19") || !strings.Contains(e.Error.Message, "Montant") {
		t.Errorf("unknown variable: %+v", e.Error)
	}
	e = b.refused(t, http.MethodPut, slot, tok, `{"subject":"Rappel {{.From","body":"Bonjour"}`, "subject")
	if e.Error.Line != 1 || e.Error.Column == 0 {
		t.Errorf("syntax error: %+v", e.Error)
	}
	for target, field := range map[string]string{
		"/api/v1/templates/reminder9/email/fr": "key",
		"/api/v1/templates/reminder1/fax/fr":   "channel",
		"/api/v1/templates/reminder1/email/de": "lang",
	} {
		b.refused(t, http.MethodPut, target, tok, own, field)
	}
	b.refused(t, http.MethodPut, "/api/v1/templates/reminder1/sms/fr", tok, `{"subject":"Objet","body":"Bonjour"}`, "subject")
	b.refused(t, http.MethodPut, slot, tok, `{"body":"Bonjour"}`, "subject")
	b.refused(t, http.MethodPut, slot, tok, `{"subject":"Rappel","body":"  "}`, "body")

	if rec := b.request(http.MethodDelete, slot, tok); rec.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	if again := decode[templateJSON](t, b.get(t, slot, tok, http.StatusOK)); again.Custom || again.Body != shipped.Body {
		t.Errorf("after the delete: %+v", again)
	}
	wantError(t, b.request(http.MethodDelete, slot, tok), http.StatusNotFound, ledger.ENotFound)
	wantError(t, b.request(http.MethodGet, "/api/v1/templates/reminder1/fax/fr", tok), http.StatusNotFound, ledger.ENotFound)
}

type previewJSON struct {
	Subject string `json:"subject"`
	Text    string `json:"text"`
	HTML    string `json:"html"`
	SMS     *struct {
		Encoding string `json:"encoding"`
		Chars    int    `json:"chars"`
		Segments int    `json:"segments"`
		NonGSM   string `json:"non_gsm"`
	} `json:"sms"`
}

// A template is previewed for sample data or for a real debtor.
func TestTemplatePreview(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Aperçu")
	const target = "/api/v1/templates/preview"

	sms := decode[previewJSON](t, b.do(t, http.MethodPost, target, p.tok,
		`{"template":{"channel":"sms","lang":"fr","body":"{{.From}} : {{money .Grand}} restent dus. Merci de régler au plus vite."}}`, http.StatusOK))
	if sms.SMS == nil || sms.SMS.Segments != 1 || sms.SMS.Encoding != "GSM-7" || sms.SMS.Chars == 0 || sms.HTML != "" || sms.Text == "" {
		t.Errorf("sms %+v", sms)
	}
	real := decode[previewJSON](t, b.do(t, http.MethodPost, target, p.tok,
		fmt.Sprintf(`{"template":{"key":"reminder1","channel":"email","lang":"fr"},"debtor_id":%d}`, p.dupont.ID), http.StatusOK))
	if !strings.Contains(real.Text, "F-101") || !strings.Contains(real.Text, "Dupont") || real.Subject == "" || !strings.Contains(real.HTML, "F-101") || real.SMS != nil {
		t.Errorf("for Dupont: %+v", real)
	}
	pre := decode[previewJSON](t, b.do(t, http.MethodPost, target, p.tok,
		fmt.Sprintf(`{"template":{"key":"predue","channel":"email","lang":"en","subject":"Soon due: {{money .Grand}}","body":"Dear {{.Debtor.Name}},\n{{invoiceTable}}"},"debtor_id":%d,"stage":"preventive"}`, p.leroy.ID), http.StatusOK))
	if pre.Subject == "" || !strings.Contains(pre.Text, "Leroy") {
		t.Errorf("preventive: %+v", pre)
	}

	e := b.refused(t, http.MethodPost, target, p.tok, `{"template":{"channel":"email","subject":"Rappel","body":"Bonjour\n\n{{.Debiteur.Nom}}"}}`, "template.body")
	if e.Error.Line != 3 || e.Error.Column == 0 {
		t.Errorf("unknown variable: %+v", e.Error)
	}
	b.refused(t, http.MethodPost, target, p.tok, `{"template":{"channel":"email","subject":"x","body":"y"},"stage":"bogus"}`, "stage")
	b.refused(t, http.MethodPost, target, p.tok, `{"template":{"channel":"fax","body":"y"}}`, "template.channel")
	b.refused(t, http.MethodPost, target, p.tok, `{"template":{"key":"nope","channel":"email"}}`, "template.key")
	wantError(t, b.do(t, http.MethodPost, target, p.tok, `{"template":{"key":"reminder1","channel":"email"},"debtor_id":987654}`, http.StatusNotFound),
		http.StatusNotFound, ledger.ENotFound)
}

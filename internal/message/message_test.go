package message

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// variants are the data every shipped template must render: each kind of
// debtor, soft and not, with and without a portal, written by the
// creditor, by an agency in its first letter, and by an agency later.
func variants(lang string) []Data {
	var out []Data
	for _, k := range []ledger.DebtorKind{ledger.KindBusiness, ledger.KindConsumer, ledger.KindPublic} {
		for _, soft := range []bool{false, true} {
			for _, portal := range []bool{true, false} {
				for _, agency := range []string{"", "first", "later"} {
					d := Sample(lang, k)
					d.Soft = soft
					if !portal {
						d.PortalURL = ""
					}
					if k == ledger.KindConsumer {
						d.ShowPenalties = false // no legal interest before a formal notice
					}
					if agency != "" {
						d = withAgency(d, agency == "first")
					}
					out = append(out, d)
				}
			}
		}
	}
	return out
}

func label(d Data) string {
	s := string(d.Debtor.Kind)
	if d.Soft {
		s += "/soft"
	}
	if d.PortalURL != "" {
		s += "/portal"
	}
	if d.Agency.Name != "" {
		s += "/agency"
		if d.Agency.FirstLetterRef == "" {
			s += "-first"
		}
	}
	return s
}

func render(t *testing.T, key string, ch ledger.Channel, d Data) Rendered {
	t.Helper()
	tpl, ok := Resolve(nil, key, ch, d.Lang)
	if !ok {
		t.Fatalf("no shipped template %s/%s/%s", key, ch, d.Lang)
	}
	r, err := Render(tpl, d)
	if err != nil {
		t.Fatalf("%s/%s/%s: %v", key, ch, d.Lang, err)
	}
	return r
}

// TestShippedCatalogue pins the keys and channels the scenarios rely on,
// in both languages, and that each template passes Check.
func TestShippedCatalogue(t *testing.T) {
	want := []string{
		"call/call", "final/email", "final/letter", "formal_notice/email", "formal_notice/letter",
		"handoff/call", "predue/email", "predue/sms", "reminder1/email", "reminder1/sms",
		"reminder2/email", "reminder2/letter", "reminder2/sms",
	}
	got := map[string][]string{}
	for _, tpl := range Defaults() {
		got[tpl.Lang] = append(got[tpl.Lang], tpl.Key+"/"+string(tpl.Channel))
		if tpl.Name == "" || tpl.Body == "" {
			t.Errorf("%s/%s/%s: no name or body", tpl.Key, tpl.Channel, tpl.Lang)
		}
		if (tpl.Channel == ledger.ChannelEmail || tpl.Channel == ledger.ChannelLetter) && tpl.Subject == "" {
			t.Errorf("%s/%s/%s: an email or letter needs a subject (object line)", tpl.Key, tpl.Channel, tpl.Lang)
		}
		if tpl.Channel == ledger.ChannelSMS && tpl.Subject != "" {
			t.Errorf("%s/sms/%s: an SMS has no subject", tpl.Key, tpl.Lang)
		}
		if strings.Contains(tpl.Subject+tpl.Body, "[[") {
			t.Errorf("%s/%s/%s: a snippet was not put in", tpl.Key, tpl.Channel, tpl.Lang)
		}
		if err := Check(tpl); err != nil {
			t.Errorf("%s/%s/%s: %v", tpl.Key, tpl.Channel, tpl.Lang, err)
		}
	}
	for _, lang := range []string{"fr", "en"} {
		sort.Strings(got[lang])
		if strings.Join(got[lang], " ") != strings.Join(want, " ") {
			t.Errorf("%s templates:\n got %v\nwant %v", lang, got[lang], want)
		}
	}
	// Defaults returns a copy.
	Defaults()[0].Body = "changed"
	if Defaults()[0].Body == "changed" {
		t.Error("Defaults shares its slice")
	}
}

// TestShippedTemplatesRender renders every shipped template for every
// variant and checks what every message must have.
func TestShippedTemplatesRender(t *testing.T) {
	for _, tpl := range Defaults() {
		for _, d := range variants(tpl.Lang) {
			where := fmt.Sprintf("%s/%s/%s/%s", tpl.Key, tpl.Channel, tpl.Lang, label(d))
			r, err := Render(tpl, d)
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if r.Text == "" {
				t.Fatalf("%s: empty", where)
			}
			if strings.Contains(r.Text, "<no value>") || strings.Contains(r.Text, "%!") {
				t.Errorf("%s: a value is missing: %s", where, r.Text)
			}
			if strings.Contains(r.Text, "\n\n\n") {
				t.Errorf("%s: runs of blank lines", where)
			}
			if tpl.Lang == "fr" && tpl.Channel != ledger.ChannelSMS {
				for _, f := range frenchFaults(r.Subject + "\n" + r.Text) {
					t.Errorf("%s: %s", where, f)
				}
			}
			if tpl.Lang == "en" && strings.ContainsRune(r.Text, '\u202f') {
				t.Errorf("%s: French narrow space in English", where)
			}
			full := r.Subject + "\n" + r.Text
			for _, number := range []string{"F2026-0118", "F2026-0173"} {
				if tpl.Channel != ledger.ChannelSMS && !strings.Contains(full, number) {
					t.Errorf("%s: invoice %s missing", where, number)
				}
			}
			if tpl.Channel == ledger.ChannelEmail {
				checkEmail(t, where, d, r)
			}
			if d.IsAgency() && tpl.Channel != ledger.ChannelSMS && !strings.Contains(full, d.Agency.Name) {
				t.Errorf("%s: the agency must say who it is", where)
			}
			if d.IsAgency() && d.Agency.FirstLetterRef == "" && (tpl.Channel == ledger.ChannelEmail || tpl.Channel == ledger.ChannelLetter) &&
				tpl.Key != KeyPreDue && !strings.Contains(pdfNorm(full), "Toute stipulation contraire est réputée non écrite") {
				t.Errorf("%s: an agency's first letter quotes L111-8 CPCE (R124-4)", where)
			}
			if d.Agency.FirstLetterRef != "" && tpl.Channel != ledger.ChannelSMS && tpl.Channel != ledger.ChannelCall &&
				!strings.Contains(full, d.Agency.FirstLetterRef) {
				t.Errorf("%s: later letters recall the first letter's reference (R124-4)", where)
			}
		}
	}
}

// pdfNorm turns no-break spaces into spaces, for searching a phrase.
func pdfNorm(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ", "’", "'").Replace(s)
}

// checkEmail: the invoices as a table with totals, how to pay, the link
// when there is one, and a well-formed, self-contained HTML part.
func checkEmail(t *testing.T, where string, d Data, r Rendered) {
	t.Helper()
	c := d.complete()
	if r.Subject == "" || strings.Contains(r.Subject, "\n") {
		t.Errorf("%s: subject %q", where, r.Subject)
	}
	if !strings.Contains(r.Text, textTable(c)) {
		t.Errorf("%s: the text part lacks the invoices table", where)
	}
	if !strings.Contains(r.HTML, "<table") || !strings.Contains(r.HTML, "F2026-0118</td>") {
		t.Errorf("%s: the HTML part lacks the invoices table", where)
	}
	total := formatMoney(c.Lang, c.Total, "EUR")
	if !strings.Contains(r.Text, total) || !strings.Contains(r.HTML, html.EscapeString(total)) {
		t.Errorf("%s: total %q missing", where, total)
	}
	if !strings.Contains(r.Text, groupIBAN(c.PayIBAN())) || !strings.Contains(r.Text, c.PaymentRef) {
		t.Errorf("%s: payment instructions missing", where)
	}
	if d.PortalURL != "" {
		if !strings.Contains(r.Text, d.PortalURL) || !strings.Contains(r.HTML, `<a href="`+d.PortalURL+`"`) {
			t.Errorf("%s: the portal link is missing or not clickable", where)
		}
	} else if strings.Contains(r.Text, "https://pay.") {
		t.Errorf("%s: a portal link without a portal", where)
	}
	for _, bad := range []string{"<script", "<style", "<link", "src=", "url("} {
		if strings.Contains(r.HTML, bad) {
			t.Errorf("%s: HTML must not have %q (no external resources)", where, bad)
		}
	}
	if !strings.HasPrefix(r.HTML, "<!DOCTYPE html>") || !strings.HasSuffix(r.HTML, "</html>\n") {
		t.Errorf("%s: HTML layout", where)
	}
	if d.Lang == "fr" {
		for _, f := range frenchFaults(htmlText(r.HTML)) {
			t.Errorf("%s (HTML): %s", where, f)
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// htmlText is the text a reader sees in an HTML part.
func htmlText(h string) string {
	if i := strings.Index(h, "<body"); i >= 0 {
		h = h[i:]
	}
	return html.UnescapeString(tagRE.ReplaceAllString(h, " "))
}

var (
	urlOrMail = regexp.MustCompile(`https?://[^\s\x{a0}\x{202f}]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	frRules   = []struct {
		re  *regexp.Regexp
		why string
	}{
		{regexp.MustCompile(`[^\x{a0}]:`), "« : » needs a no-break space before it"},
		{regexp.MustCompile(`[^\x{202f}][;!?]`), "« ; ! ? » need a narrow no-break space before them"},
		{regexp.MustCompile(`«[^\x{a0}]`), "« needs a no-break space after it"},
		{regexp.MustCompile(`[^\x{a0}]»`), "» needs a no-break space before it"},
		{regexp.MustCompile(`\pL'\pL`), "typewriter apostrophe"},
		{regexp.MustCompile(`"`), "typewriter quotes"},
		{regexp.MustCompile(`\d[ \x{202f}]?€|\d €`), "amount without a no-break space before €"},
		{regexp.MustCompile(`\d \d{3}\b`), "thousands separated by an ordinary space"},
		{regexp.MustCompile(`n° |N° `), "« n° » followed by an ordinary space"},
	}
)

// frenchFaults lists the breaches of French typography in s, web and
// e-mail addresses aside.
func frenchFaults(s string) []string {
	s = urlOrMail.ReplaceAllString(s, "ADDRESS")
	var out []string
	for _, r := range frRules {
		for _, m := range r.re.FindAllStringIndex(s, 3) {
			from, to := max(0, m[0]-25), min(len(s), m[1]+25)
			out = append(out, fmt.Sprintf("%s: %q", r.why, s[from:to]))
		}
	}
	return out
}

func TestFrenchFaultsChecker(t *testing.T) {
	for _, bad := range []string{"Objet : x", "Objet: x", "Quoi ?", "Quoi\u00a0?", "« x »", "l'échéance", `"x"`, "12,50 €", "1 250,00\u00a0€", "n° 12"} {
		if len(frenchFaults(bad)) == 0 {
			t.Errorf("%q should be a fault", bad)
		}
	}
	good := "Objet\u00a0: x. Quoi\u202f? «\u00a0x\u00a0» l’échéance 1\u202f250,00\u00a0€ n°\u00a012, voir https://x.fr/a?b=1 ou a@b.fr"
	if f := frenchFaults(good); len(f) > 0 {
		t.Errorf("%q: %v", good, f)
	}
}

// A consumer owes no €40 indemnity (L441-10 C. com. is for professionals):
// no consumer message mentions it, even when the caller sets it.
func TestConsumerNeverGetsTheIndemnity(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		for _, pen := range []bool{false, true} {
			d := Sample(lang, ledger.KindConsumer)
			d.ShowPenalties = pen
			d.Indemnity = money.EUR(80_00) // a caller's mistake
			for _, tpl := range Defaults() {
				if tpl.Lang != lang {
					continue
				}
				r, err := Render(tpl, d)
				if err != nil {
					t.Fatal(err)
				}
				all := pdfNorm(r.Subject + " " + r.Text + " " + htmlText(r.HTML))
				for _, bad := range []string{"40 €", "40,00 €", "€40", "80,00 €", "€80", "ndemnit", "ndemnity"} {
					if strings.Contains(all, bad) {
						t.Errorf("%s/%s/%s penalties=%v: consumer message contains %q", tpl.Key, tpl.Channel, lang, pen, bad)
					}
				}
				if !pen && (strings.Contains(all, "taux légal") && tpl.Key != KeyFinal && tpl.Key != KeyFormalNotice) {
					t.Errorf("%s/%s/%s: legal interest before the formal notice", tpl.Key, tpl.Channel, lang)
				}
			}
		}
	}
	c := Sample("fr", ledger.KindConsumer)
	c.Indemnity = money.EUR(80_00)
	if got := c.complete(); got.Indemnity.Minor != 0 || got.HasIndemnity() || got.Grand.Minor != 3868_50+18_37 {
		t.Errorf("complete() = indemnity %v, grand %v", got.Indemnity, got.Grand)
	}
}

// A business is told the €40 per late invoice and the penalties when the
// organization shows them, and nothing of the kind otherwise.
func TestBusinessPenaltiesAndIndemnity(t *testing.T) {
	for _, key := range []string{KeyReminder1, KeyReminder2, KeyFinal} {
		for _, lang := range []string{"fr", "en"} {
			d := Sample(lang, ledger.KindBusiness)
			r := render(t, key, ledger.ChannelEmail, d)
			text := pdfNorm(r.Text)
			want := []string{"L441-10", "D441-5", "40 €", "80,00 €", "62,59 €", "4 011,09 €", "taux BCE + 10 points"}
			if lang == "en" {
				want = []string{"L441-10", "D441-5", "€40", "€80.00", "€62.59", "€4,011.09", "ECB rate + 10 points"}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s/%s: lacks %q", key, lang, w)
				}
			}
			d.ShowPenalties = false
			r = render(t, key, ledger.ChannelEmail, d)
			text = pdfNorm(r.Text)
			for _, bad := range []string{"L441-10", "40 €", "€40", "80,00", "€80", "62,59", "€62"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s/%s without penalties: has %q", key, lang, bad)
				}
			}
			if !strings.Contains(text, pick(lang == "en", "€3,868.50", "3 868,50 €")) {
				t.Errorf("%s/%s without penalties: the principal is missing", key, lang)
			}
		}
	}
}

func TestToneByKindStageAndSoftness(t *testing.T) {
	pub := render(t, KeyReminder1, ledger.ChannelEmail, Sample("fr", ledger.KindPublic))
	for _, w := range []string{"délai global de paiement", "intérêts moratoires", "L2192-13", "CPP-2026-000118", "mandatement"} {
		if !strings.Contains(pub.Text, w) {
			t.Errorf("public body: lacks %q", w)
		}
	}
	soft := Sample("fr", ledger.KindBusiness)
	soft.Soft = true
	if r := render(t, KeyReminder1, ledger.ChannelEmail, soft); !strings.Contains(r.Text, "Nous nous permettons") {
		t.Errorf("soft tone: %s", r.Text)
	}
	if r := render(t, KeyPreDue, ledger.ChannelEmail, Sample("fr", ledger.KindBusiness)); !strings.Contains(r.Text, "Petit rappel amical") {
		t.Errorf("pre-due: %s", r.Text)
	}
	r := render(t, KeyFinal, ledger.ChannelEmail, Sample("fr", ledger.KindBusiness))
	if !strings.Contains(r.Subject, "Dernière relance avant mise en demeure") || !strings.Contains(r.Text, "23\u00a0juin 2026") {
		t.Errorf("final: %s\n%s", r.Subject, r.Text)
	}
	cons := Sample("fr", ledger.KindConsumer)
	cons.ShowPenalties = false
	r = render(t, KeyReminder2, ledger.ChannelEmail, cons)
	for _, w := range []string{"Si vous contestez", "médiateur de la consommation", "recouvrement@ateliers-martin.fr", "04 72 00 00 01", "échéancier"} {
		if !strings.Contains(r.Text, w) {
			t.Errorf("consumer: lacks %q", w)
		}
	}
	en := render(t, KeyReminder2, ledger.ChannelEmail, Sample("en", ledger.KindBusiness))
	if !strings.Contains(en.Text, "Despite our previous reminder") || !strings.Contains(en.Text, "Dear Marie Lefèvre,") {
		t.Errorf("English: %s", en.Text)
	}
}

// Nothing an amicable message may not say: no criminal sanctions, no
// court action announced as decided, nothing dressed as a court act.
func TestNoForbiddenThreats(t *testing.T) {
	forbidden := regexp.MustCompile(`(?i)\bpénal(e|es)?\b|prison|huissier|saisie|poursuites judiciaires|tribunal|jugement|criminal|\\bcourt\\b|seizure|bailiff`)
	for _, tpl := range Defaults() {
		if tpl.Key == KeyHandoff || tpl.Key == KeyCall {
			continue // internal texts for the user, not sent to the debtor
		}
		for _, d := range variants(tpl.Lang) {
			r, err := Render(tpl, d)
			if err != nil {
				t.Fatal(err)
			}
			// L111-8 CPCE speaks of the enforcement judge: the law's text.
			text := strings.ReplaceAll(r.Subject+" "+r.Text, d.L111_8(), "")
			text = strings.ReplaceAll(text, d.L111_8EN(), "")
			if m := forbidden.FindString(text); m != "" {
				t.Errorf("%s/%s/%s/%s: %q", tpl.Key, tpl.Channel, tpl.Lang, label(d), m)
			}
		}
	}
}

func TestHTMLEscapesData(t *testing.T) {
	d := Sample("fr", ledger.KindBusiness)
	d.Debtor.ContactName = `<script>alert("x")</script>`
	d.Creditor.Name = "Tom & Jerry <SARL>"
	d.PortalURL = "https://pay.example/p?a=1&b=<2>"
	r := render(t, KeyReminder1, ledger.ChannelEmail, d)
	if strings.Contains(r.HTML, "<script") || strings.Contains(r.HTML, "<SARL>") {
		t.Fatalf("unescaped HTML: %s", r.HTML)
	}
	for _, w := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "Tom &amp; Jerry &lt;SARL&gt;", `href="https://pay.example/p?a=1&amp;b="`} {
		if !strings.Contains(r.HTML, w) {
			t.Errorf("HTML lacks %q", w)
		}
	}
	if !strings.Contains(r.Text, `<script>alert("x")</script>`) {
		t.Error("the text part carries the name as it is")
	}
}

func TestLinkify(t *testing.T) {
	got := linkify("Voir https://x.fr/a?b=1&c=2. Écrire à a.b@c.fr, merci")
	want := `Voir <a href="https://x.fr/a?b=1&amp;c=2" style="` + styleA + `">https://x.fr/a?b=1&amp;c=2</a>. Écrire à <a href="mailto:a.b@c.fr" style="` + styleA + `">a.b@c.fr</a>, merci`
	if got != want {
		t.Errorf("linkify:\n got %s\nwant %s", got, want)
	}
}

func TestResolve(t *testing.T) {
	own := ledger.Template{OrgID: 7, Key: KeyReminder1, Channel: ledger.ChannelEmail, Lang: "fr", Body: "own"}
	org := []ledger.Template{own}
	if tpl, ok := Resolve(org, KeyReminder1, ledger.ChannelEmail, "fr"); !ok || tpl.Body != "own" {
		t.Errorf("the organization's override should win: %v %q", ok, tpl.Body)
	}
	if tpl, ok := Resolve(org, KeyReminder1, ledger.ChannelEmail, "en-GB"); !ok || tpl.Lang != "en" || tpl.OrgID != 0 {
		t.Errorf("English asks for the shipped English: %v %+v", ok, tpl)
	}
	if tpl, ok := Resolve(org, KeyReminder1, ledger.ChannelEmail, "de"); !ok || tpl.Body != "own" {
		t.Errorf("an unknown language falls back to French, the override first: %v %q", ok, tpl.Body)
	}
	frOnly := []ledger.Template{{Key: "custom", Channel: ledger.ChannelSMS, Lang: "fr", Body: "fr"}}
	if tpl, ok := Resolve(frOnly, "custom", ledger.ChannelSMS, "en"); !ok || tpl.Body != "fr" {
		t.Errorf("a key with no English falls back to French: %v %q", ok, tpl.Body)
	}
	if _, ok := Resolve(org, KeyReminder1, ledger.ChannelSMS+"x", "fr"); ok {
		t.Error("no template for an unknown channel")
	}
	if _, ok := Resolve(nil, KeyFinal, ledger.ChannelSMS, "fr"); ok {
		t.Error("final has no SMS")
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		lang string
		d    civil.Date
		want string
	}{
		{"fr", civil.D(2026, 6, 15), "15\u00a0juin 2026"},
		{"fr", civil.D(2026, 8, 1), "1er\u00a0août 2026"},
		{"en", civil.D(2026, 6, 15), "15 June 2026"},
		{"fr", civil.Date{}, ""},
	} {
		if got := longDate(tc.lang, tc.d); got != tc.want {
			t.Errorf("longDate(%s, %v) = %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"}, {"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}} {
		if got := plural(tc.lang, tc.n, "one", "other"); got != tc.want {
			t.Errorf("plural(%s, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	if got := groupIBAN("fr76 3000 6000 0112 3456 7890 189"); got != "FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189" {
		t.Errorf("groupIBAN = %q", got)
	}
	d := Data{Invoices: []Line{{Number: "A"}, {Number: "B"}, {Number: "C"}}}
	if got := d.InvoiceNumbers(); got != "A, B et C" {
		t.Errorf("InvoiceNumbers = %q", got)
	}
	d.Lang = "en"
	if got := d.InvoiceNumbers(); got != "A, B and C" {
		t.Errorf("InvoiceNumbers(en) = %q", got)
	}
}

// Render derives what the caller left out: the kind flags, the lines'
// lateness, the totals, and a grand total that always matches its parts.
func TestCompleteDerivesTotals(t *testing.T) {
	d := Data{Today: civil.D(2026, 6, 15), Debtor: Debtor{Kind: ledger.KindBusiness}, ShowPenalties: true,
		Grand: money.EUR(1), // replaced
		Invoices: []Line{
			{Number: "A", DueDate: civil.D(2026, 6, 5), Outstanding: money.EUR(100_00), Interest: money.EUR(1_00), Indemnity: money.EUR(40_00)},
			{Number: "B", DueDate: civil.D(2026, 7, 5), Outstanding: money.EUR(50_00)},
		}}
	c := d.complete()
	if !c.Debtor.Business || c.Debtor.Consumer || c.Lang != "fr" {
		t.Errorf("flags %+v lang %q", c.Debtor, c.Lang)
	}
	if c.Invoices[0].DaysLate != 10 || c.Invoices[1].DaysLate != 0 || c.LateCount() != 1 {
		t.Errorf("lateness %d %d", c.Invoices[0].DaysLate, c.Invoices[1].DaysLate)
	}
	if c.Total != money.EUR(150_00) || c.Interest != money.EUR(1_00) || c.Indemnity != money.EUR(40_00) || c.Grand != money.EUR(191_00) {
		t.Errorf("totals %v %v %v %v", c.Total, c.Interest, c.Indemnity, c.Grand)
	}
	if c.NextDue() != civil.D(2026, 7, 5) || c.OldestDue() != civil.D(2026, 6, 5) || c.MaxDaysLate() != 10 {
		t.Errorf("dates %v %v", c.NextDue(), c.OldestDue())
	}
	if d.Invoices[0].DaysLate != 0 {
		t.Error("complete changed the caller's lines")
	}
	unknown := Data{Debtor: Debtor{Name: "X"}, Indemnity: money.EUR(40_00), ShowPenalties: true}.complete()
	if !unknown.Debtor.Consumer || unknown.HasIndemnity() {
		t.Errorf("an unknown kind is treated as a consumer: %+v", unknown.Debtor)
	}
}

func TestRenderCleansAndSpaces(t *testing.T) {
	tpl := ledger.Template{Channel: ledger.ChannelEmail, Lang: "fr", Subject: "Objet : {{.Debtor.Name}}\n",
		Body: "Bonjour ,\r\n\r\n\r\n{{if .Soft}}doux{{end}}\n\n\nl'échéance : « {{money .Total}} » ?   \n"}
	r, err := Render(tpl, Sample("fr", ledger.KindBusiness))
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Objet\u00a0: Dupont & Fils SAS" {
		t.Errorf("subject %q", r.Subject)
	}
	want := "Bonjour ,\n\nl’échéance\u00a0: «\u00a03\u202f868,50\u00a0€\u00a0»\u202f?"
	if r.Text != want {
		t.Errorf("text %q, want %q", r.Text, want)
	}
}

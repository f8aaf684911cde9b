package message

import (
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
)

func TestSMSInfo(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	e := func(n int) string { return strings.Repeat("ê", n) }
	for _, tc := range []struct {
		name     string
		text     string
		enc      string
		chars    int
		segments int
	}{
		{"empty", "", EncodingGSM, 0, 0},
		{"short", "Bonjour", EncodingGSM, 7, 1},
		{"é is GSM", "Réglé à Noël ? Non : à Pâques", EncodingUCS2, 29, 1}, // â and ë are not
		{"é è à ù are GSM", "échéance réglée à l'été, où ?", EncodingGSM, 29, 1},
		{"ê is not GSM", "fête", EncodingUCS2, 4, 1},
		{"160 septets", a(160), EncodingGSM, 160, 1},
		{"161 septets", a(161), EncodingGSM, 161, 2},
		{"306 septets", a(306), EncodingGSM, 306, 2},
		{"307 septets", a(307), EncodingGSM, 307, 3},
		{"€ counts two", "Total 12,50 €", EncodingGSM, 14, 1},
		{"80 × €", strings.Repeat("€", 80), EncodingGSM, 160, 1},
		{"81 × €", strings.Repeat("€", 81), EncodingGSM, 162, 2},
		{"extension chars", "[x]{y}|~^\\", EncodingGSM, 18, 1},
		// 306 septets fit two segments only if nothing straddles: here a
		// € falls on the boundary and cannot be split.
		{"escape pair on the boundary", a(152) + "€" + a(152), EncodingGSM, 306, 3},
		{"70 UCS-2", e(70), EncodingUCS2, 70, 1},
		{"71 UCS-2", e(71), EncodingUCS2, 71, 2},
		{"134 UCS-2", e(134), EncodingUCS2, 134, 2},
		{"135 UCS-2", e(135), EncodingUCS2, 135, 3},
		{"long UCS-2 text", strings.Repeat("Votre échéance arrive bientôt. ", 10), EncodingUCS2, 310, 5},
		{"emoji counts two", "Merci 🙂", EncodingUCS2, 8, 1},
		{"surrogate pair on the boundary", e(66) + "🙂" + e(66), EncodingUCS2, 134, 3},
		{"typographic apostrophe", "l’échéance", EncodingUCS2, 10, 1},
		{"no-break space", "12,50\u00a0€", EncodingUCS2, 7, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			enc, chars, segs := SMSInfo(tc.text)
			if enc != tc.enc || chars != tc.chars || segs != tc.segments {
				t.Errorf("SMSInfo = %s %d %d, want %s %d %d", enc, chars, segs, tc.enc, tc.chars, tc.segments)
			}
		})
	}
}

func TestStatsNamesTheCharactersOutsideGSM(t *testing.T) {
	s := Stats("Fête : « ok » ’ê")
	if s.Encoding != EncodingUCS2 || s.NonGSM != "ê«»’" {
		t.Errorf("Stats = %+v", s)
	}
}

// Every shipped SMS stays in the GSM alphabet and within two segments,
// and says the amount and how to pay or call, for every kind of debtor,
// with and without a portal, written by the creditor or an agency.
func TestShippedSMS(t *testing.T) {
	for _, tpl := range Defaults() {
		if tpl.Channel != ledger.ChannelSMS {
			continue
		}
		for _, d := range variants(tpl.Lang) {
			r, err := Render(tpl, d)
			if err != nil {
				t.Fatalf("%s %s: %v", tpl.Key, tpl.Lang, err)
			}
			st := Stats(r.Text)
			where := tpl.Key + "/" + tpl.Lang + "/" + label(d)
			if st.Encoding != EncodingGSM {
				t.Errorf("%s: %s because of %q: %s", where, st.Encoding, st.NonGSM, r.Text)
			}
			if st.Segments > 2 {
				t.Errorf("%s: %d segments (%d septets): %s", where, st.Segments, st.Chars, r.Text)
			}
			if r.Subject != "" || r.HTML != "" {
				t.Errorf("%s: an SMS has no subject and no HTML", where)
			}
			total := d.complete().Total
			if !strings.Contains(r.Text, gsmFriendly(formatMoney(d.complete().Lang, total, "EUR"))) {
				t.Errorf("%s: the amount is missing: %s", where, r.Text)
			}
			if d.PortalURL != "" && !strings.Contains(r.Text, d.PortalURL) {
				t.Errorf("%s: the link is missing: %s", where, r.Text)
			}
			if d.PortalURL == "" && !strings.Contains(r.Text, d.ReplyPhone()) {
				t.Errorf("%s: without a link, the phone must be there: %s", where, r.Text)
			}
			if strings.Contains(strings.ToLower(r.Text), "indemn") {
				t.Errorf("%s: an SMS claims no indemnity: %s", where, r.Text)
			}
		}
	}
}

func TestSMSDatesAreShortAndSpacesPlain(t *testing.T) {
	d := Sample("fr", ledger.KindBusiness)
	d.Invoices = d.Invoices[:1]
	d.Invoices[0].DueDate = d.Today.AddDays(60) // in August: « août » has a û
	tpl, _ := Resolve(nil, KeyPreDue, ledger.ChannelSMS, "fr")
	r, err := Render(tpl, d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "14/08/2026") || strings.ContainsAny(r.Text, "\u00a0\u202fû") {
		t.Errorf("SMS %q", r.Text)
	}
	if !strings.Contains(r.Text, "1 250,00 €") {
		t.Errorf("the amount should read « 1 250,00 € » with plain spaces: %q", r.Text)
	}
}

func TestPreview(t *testing.T) {
	tpl, _ := Resolve(nil, KeyReminder1, ledger.ChannelSMS, "fr")
	r, st, err := Preview(tpl, Data{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Text == "" || st.Encoding != EncodingGSM || st.Segments < 1 || st.Chars == 0 {
		t.Errorf("Preview = %q %+v", r.Text, st)
	}
	email, _ := Resolve(nil, KeyReminder1, ledger.ChannelEmail, "en")
	r, st, err = Preview(email, Sample("en", ledger.KindPublic))
	if err != nil || r.HTML == "" || st != (SMSStats{}) {
		t.Errorf("Preview(email) = %v, HTML %d bytes, stats %+v", err, len(r.HTML), st)
	}
	bad := ledger.Template{Channel: ledger.ChannelSMS, Lang: "fr", Body: "{{.Totl}}"}
	if _, _, err := Preview(bad, Data{}); err == nil {
		t.Error("Preview of a faulty template should fail")
	} else if _, ok := asCheckError(err); !ok {
		t.Errorf("Preview error %T, want *CheckError", err)
	}
}

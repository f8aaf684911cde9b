package i18n

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	fr, en := Keys("fr"), Keys("en")
	if len(fr) < 50 {
		t.Fatalf("French catalogue has %d keys", len(fr))
	}
	for _, k := range fr {
		if !Has("en", k) {
			t.Errorf("%q is in fr.json, not in en.json", k)
		}
	}
	for _, k := range en {
		if !Has("fr", k) {
			t.Errorf("%q is in en.json, not in fr.json", k)
		}
	}
}

// TestCataloguesHaveTheSameVerbs: a translation must take the same
// arguments as the original.
func TestCataloguesHaveTheSameVerbs(t *testing.T) {
	verbs := regexp.MustCompile(`%[a-z]`)
	for _, k := range Keys("fr") {
		f, e := strings.Join(verbs.FindAllString(T("fr", k), -1), ""), strings.Join(verbs.FindAllString(T("en", k), -1), "")
		if f != e {
			t.Errorf("%s: French verbs %q, English %q", k, f, e)
		}
	}
}

// TestFrenchTypography: a no-break space before « : », a narrow one
// before ; ! ?, French quotes and apostrophes.
func TestFrenchTypography(t *testing.T) {
	for _, k := range Keys("fr") {
		msg := T("fr", k)
		for i, r := range msg {
			prev := rune(0)
			if i > 0 {
				prev = []rune(msg[:i])[len([]rune(msg[:i]))-1]
			}
			switch r {
			case ':':
				if i > 0 && prev != '\u00a0' {
					t.Errorf("%s: %q: want a no-break space before ':'", k, msg)
				}
			case ';', '!', '?':
				if prev != '\u202f' {
					t.Errorf("%s: %q: want a narrow no-break space before %q", k, msg, r)
				}
			case '"':
				t.Errorf("%s: %q: use « guillemets »", k, msg)
			case '\'':
				t.Errorf("%s: %q: use the typographic apostrophe ’", k, msg)
			}
		}
	}
}

func TestT(t *testing.T) {
	for _, tt := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"fr", "nav.portfolio", nil, "Portefeuille"},
		{"en", "nav.portfolio", nil, "Portfolio"},
		{"en-GB", "nav.portfolio", nil, "Portfolio"},
		{"de", "nav.portfolio", nil, "Portefeuille"},
		{"", "nav.portfolio", nil, "Portefeuille"},
		{"fr", "pager.page", []any{"2", "7"}, "Page 2 sur 7"},
		{"en", "no.such.key", nil, "no.such.key"},
	} {
		if got := T(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	d := civil.MustParse("2025-01-31")
	at := time.Date(2025, 7, 14, 12, 5, 0, 0, time.UTC) // 14:05 in Paris (summer time)
	for _, tt := range []struct{ got, want string }{
		{Money("fr", money.EUR(123456)), "1\u202f234,56\u00a0€"},
		{Money("en", money.EUR(123456)), "€1,234.56"},
		{Money("fr", money.EUR(-5)), "-0,05\u00a0€"},
		{Int("fr", 1234567), "1\u202f234\u202f567"},
		{Int("en", 1234567), "1,234,567"},
		{Int("en", -1234), "-1,234"},
		{Int("fr", 12), "12"},
		{Date("fr", d), "31/01/2025"},
		{Date("en", d), "31 Jan 2025"},
		{Date("fr", civil.Date{}), ""},
		{DateTime("fr", at), "14/07/2025 à 14:05"},
		{DateTime("en", at), "14 Jul 2025, 14:05"},
		{Days("fr", 1), "1\u00a0jour"},
		{Days("fr", 0), "0\u00a0jour"},
		{Days("fr", 1200), "1\u202f200\u00a0jours"},
		{Days("en", 1), "1 day"},
		{Days("en", 0), "0 days"},
		{Count("fr", "debtor.open_count", 0), "0 facture ouverte"},
		{Count("fr", "debtor.open_count", 2), "2 factures ouvertes"},
		{Count("en", "debtor.open_count", 1), "1 open invoice"},
		{Count("en", "debtor.open_count", 1000), "1,000 open invoices"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

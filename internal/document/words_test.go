package document

import (
	"regexp"
	"strings"
	"testing"
)

// TestCataloguesMatch keeps the French and English wording in step: the
// same keys, no empty text, and the same fmt verbs in the same order, so
// that a letter never prints "%!s(MISSING)".
func TestCataloguesMatch(t *testing.T) {
	verbs := regexp.MustCompile(`%[a-z]`)
	for key, fr := range wordsFR {
		en, ok := wordsEN[key]
		if !ok {
			t.Errorf("%s: missing in English", key)
			continue
		}
		if fr == "" || en == "" {
			t.Errorf("%s: empty wording", key)
		}
		if f, e := verbs.FindAllString(fr, -1), verbs.FindAllString(en, -1); strings.Join(f, "") != strings.Join(e, "") {
			t.Errorf("%s: verbs %v in French, %v in English", key, f, e)
		}
	}
	for key := range wordsEN {
		if _, ok := wordsFR[key]; !ok {
			t.Errorf("%s: missing in French", key)
		}
	}
}

// TestFrenchSpacing checks that every French text, once through tr, has a
// no-break space before : ; ! ? and inside guillemets, and never an
// ordinary one.
func TestFrenchSpacing(t *testing.T) {
	bad := regexp.MustCompile(`[^\x{a0}\x{202f}][:;!?»]|«[^\x{a0}]`)
	for key := range wordsFR {
		out := tr("fr", key, "X", "Y", 1, 2)
		out = strings.ReplaceAll(out, "%!", "") // extra or missing args do not matter here
		if m := bad.FindString(out); m != "" {
			t.Errorf("%s: %q lacks a no-break space before its punctuation: %q", key, m, out)
		}
	}
	for in, want := range map[string]string{
		"Objet : « test » ; fin ! ok ?": "Objet\u00a0: «\u00a0test\u00a0»\u202f; fin\u202f! ok\u202f?",
		"facture n° 12, art. 1344-1":    "facture n°\u00a012, art.\u00a01344-1",
		"https://pay.example/x?a=1":     "https://pay.example/x?a=1",
	} {
		if got := frenchSpacing(in); got != want {
			t.Errorf("frenchSpacing(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEnglishKeepsPlainSpaces: English typography has no space before
// punctuation, and tr must not add one.
func TestEnglishKeepsPlainSpaces(t *testing.T) {
	for key := range wordsEN {
		if out := tr("en", key, "X", "Y", 1, 2); strings.ContainsAny(out, "\u202f") {
			t.Errorf("%s: narrow no-break space in English: %q", key, out)
		}
	}
}

func TestUnknownLanguageFallsBackToFrench(t *testing.T) {
	if got, want := tr("de", "notice.title"), "MISE EN DEMEURE"; got != want {
		t.Errorf("tr(de) = %q, want %q", got, want)
	}
	if got := tr("fr", "no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key prints %q, want the key itself", got)
	}
}

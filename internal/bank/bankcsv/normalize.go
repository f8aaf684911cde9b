package bankcsv

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalize folds a header or a word for comparison: lower case, accents
// removed, every run of other characters than letters and digits one
// space, and a trailing currency word ("Débit euros", "Montant (EUR)")
// dropped.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	out := b.String()
	for _, suffix := range []string{" en euros", " en euro", " en eur", " euros", " euro", " eur"} {
		if strings.HasSuffix(out, suffix) && len(out) > len(suffix) {
			return out[:len(out)-len(suffix)]
		}
	}
	return out
}

// words splits a normalized text into its words.
func words(s string) []string { return strings.Fields(normalize(s)) }

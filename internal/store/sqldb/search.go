package sqldb

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// searchKey folds a debtor's searchable text to lower case without accents,
// so that "Société Générale" is found by "societe gen" on both databases.
func searchKey(parts ...string) string {
	return fold(strings.Join(parts, " "))
}

func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'œ', 'Œ':
			b.WriteString("oe")
			continue
		case 'æ', 'Æ':
			b.WriteString("ae")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

package document

import (
	"fmt"
	"strings"
)

// catalogues holds the wording of the letters by language. It is kept
// here rather than in internal/i18n because a letter's wording is legal
// text: it changes with the layout that prints it and the tests that read
// it back, not with the interface's labels.
var catalogues = map[string]map[string]string{
	"fr": wordsFR,
	"en": wordsEN,
}

// tr returns the wording of key in lang (French for anything else),
// filled with args. A missing key prints as itself, visible on the page
// and caught by the catalogue test. French text gets French spacing.
func tr(lang, key string, args ...any) string {
	m, ok := catalogues[lang]
	if !ok {
		lang, m = "fr", wordsFR
	}
	s, ok := m[key]
	if !ok {
		s = key
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	if lang == "fr" {
		s = frenchSpacing(s)
	}
	return s
}

const (
	nbsp  = "\u00a0" // no-break space
	nnbsp = "\u202f" // narrow no-break space
)

// frenchSpacer applies the rules of the Imprimerie nationale: a no-break
// space before the colon and inside « guillemets », a narrow one before
// ; ! ?, and no break after "n°" or "art.". The catalogue is written with
// ordinary spaces, which read and diff better than invisible characters.
var frenchSpacer = strings.NewReplacer(
	" :", nbsp+":",
	" ;", nnbsp+";",
	" !", nnbsp+"!",
	" ?", nnbsp+"?",
	"« ", "«"+nbsp,
	" »", nbsp+"»",
	"n° ", "n°"+nbsp,
	"N° ", "N°"+nbsp,
	"art. ", "art."+nbsp,
)

func frenchSpacing(s string) string { return frenchSpacer.Replace(s) }

// hasKey reports whether lang's catalogue has key, for optional variants.
func hasKey(lang, key string) bool {
	_, ok := catalogues[lang][key]
	return ok
}

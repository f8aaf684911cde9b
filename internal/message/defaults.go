package message

import (
	"fmt"
	"regexp"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
)

// The keys of the shipped templates, which the shipped scenarios name.
const (
	KeyPreDue       = "predue"        // courteous reminder a few days before the due date
	KeyReminder1    = "reminder1"     // first reminder after the due date
	KeyReminder2    = "reminder2"     // firm reminder
	KeyFinal        = "final"         // last reminder before the formal notice
	KeyFormalNotice = "formal_notice" // cover of the formal notice (the notice itself is a document)
	KeyCall         = "call"          // phone script
	KeyHandoff      = "handoff"       // task for the litigation hand-off
)

// shipped is a template of the catalogue before its snippets are put in.
type shipped struct {
	key     string
	ch      ledger.Channel
	name    string
	subject string
	body    string
}

// catalogue is one language's shipped templates and the snippets they
// share ([[name]] in a template stands for snippet name).
type catalogue struct {
	lang      string
	snippets  map[string]string
	templates []shipped
}

var snippetRE = regexp.MustCompile(`\[\[([a-z0-9_]+)\]\]`)

// expand puts the snippets into src; an unknown snippet is a bug of the
// catalogue, caught when the package loads.
func (c catalogue) expand(src string) string {
	return snippetRE.ReplaceAllStringFunc(src, func(m string) string {
		name := m[2 : len(m)-2]
		s, ok := c.snippets[name]
		if !ok {
			panic(fmt.Sprintf("message: %s catalogue: unknown snippet %q", c.lang, name))
		}
		return c.expand(s)
	})
}

var defaults = func() []ledger.Template {
	var out []ledger.Template
	for _, c := range []catalogue{catalogueFR, catalogueEN} {
		for _, s := range c.templates {
			out = append(out, ledger.Template{
				Key: s.key, Channel: s.ch, Lang: c.lang, Name: s.name,
				Subject: c.expand(s.subject), Body: c.expand(s.body),
			})
		}
	}
	return out
}()

// Defaults returns the shipped templates, French and English, for every
// key and channel the shipped scenarios use. Each call returns a new
// slice that the caller may change.
func Defaults() []ledger.Template {
	return append([]ledger.Template(nil), defaults...)
}

// Resolve picks the template for a key, channel and language: the
// organization's own in lang, else the shipped one in lang, else the
// same in French, the default language. org holds the organization's
// templates (overrides); ok is false when nothing matches.
func Resolve(org []ledger.Template, key string, ch ledger.Channel, lang string) (ledger.Template, bool) {
	lang = normLang(lang)
	langs := []string{lang}
	if lang != i18n.Default {
		langs = append(langs, i18n.Default)
	}
	for _, l := range langs {
		for _, set := range [][]ledger.Template{org, defaults} {
			for _, t := range set {
				if t.Key == key && t.Channel == ch && normLang(t.Lang) == l {
					return t, true
				}
			}
		}
	}
	return ledger.Template{}, false
}

func normLang(s string) string { return i18n.Normalize(s) }

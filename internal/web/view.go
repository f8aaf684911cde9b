package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// view is what every page's template receives, embedded in the page's
// own data: the language, who is logged in, and the formatting helpers
// templates call as methods ({{.T "key"}}, {{.Money x}}).
type view struct {
	Lang      string
	User      *auth.Principal // nil on the login page
	Title     string          // catalogue key of the page title
	Nav       string          // the navigation entry to highlight
	Today     civil.Date
	Path      string // the request's path and query, to come back to
	Older     string // the link to the timeline's older events, "" when none
	assetURL  func(string) string
	titleArgs []any
}

// T translates a catalogue key.
func (v *view) T(key string, args ...any) string { return i18n.T(v.Lang, key, args...) }

// PageTitle is the translated title of the page.
func (v *view) PageTitle() string { return v.T(v.Title, v.titleArgs...) }

// Money prints an amount in the interface's language.
func (v *view) Money(a money.Amount) string { return i18n.Money(v.Lang, a) }

// Date prints a civil date.
func (v *view) Date(d civil.Date) string { return i18n.Date(v.Lang, d) }

// DateTime prints an instant in Paris time.
func (v *view) DateTime(t time.Time) string { return i18n.DateTime(v.Lang, t) }

// Int prints a whole number with thousands separators.
func (v *view) Int(n int) string { return i18n.Int(v.Lang, n) }

// Count prints n with the plural form of key ("3 factures ouvertes").
func (v *view) Count(key string, n int) string { return i18n.Count(v.Lang, key, n) }

// Days prints a number of days.
func (v *view) Days(n int) string { return i18n.Days(v.Lang, n) }

// Asset is the fingerprinted URL of a static file.
func (v *view) Asset(name string) string { return v.assetURL(name) }

// Kind names a debtor kind.
func (v *view) Kind(k ledger.DebtorKind) string { return v.T("kind." + string(k)) }

// Status names an invoice status.
func (v *view) Status(s ledger.InvoiceStatus) string { return v.T("status." + string(s)) }

// Event names a journal event type.
func (v *view) Event(typ string) string { return v.translated("event."+typ, typ) }

// translated is key's message, or fallback when the catalogue lacks it
// (a value that came from data rather than from the code).
func (v *view) translated(key, fallback string) string {
	if i18n.Has(v.Lang, key) {
		return v.T(key)
	}
	return fallback
}

// Warn words a legal warning: the rates in it written the page's way.
func (v *view) Warn(w legalfr.Warning) string {
	args := w.Args
	if w.Key == "legal.warn.below_floor" && len(args) == 3 {
		args = []any{rateArg(v, args[0]), rateArg(v, args[1]), args[2]}
	}
	return v.T(w.Key, args...)
}

// LangName names a language in itself ("Français", "English").
func (v *view) LangName(lang string) string { return i18n.T(lang, "lang.self") }

// Langs lists the interface languages.
func (v *view) Langs() []string { return i18n.Langs }

//go:embed templates
var templateFS embed.FS

// parsePages parses each page template with the layout, once.
func parsePages(a *assets) (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"list": func(s ...string) []string { return s },
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		"join": strings.Join,
		// pair hands a partial template the page's view and one value.
		"pair": func(v any, x any) map[string]any { return map[string]any{"V": v, "X": x} },
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// queryWith returns the query string of values with the given pairs set
// (an empty value removes the key), for sort and page links.
func queryWith(values url.Values, kv ...string) string {
	q := url.Values{}
	for k, vs := range values {
		q[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	if s := q.Encode(); s != "" {
		return "?" + s
	}
	return "?"
}

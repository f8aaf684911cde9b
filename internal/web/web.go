// Package web is recouvre's server-rendered interface: the login, the
// portfolio, the debtor and invoice pages. Templates and assets are
// embedded; pages work without JavaScript, and a small script of our own
// adds keyboard comfort. Sessions live in the store behind an HTTP-only,
// SameSite cookie; the server wraps every route in the standard library's
// cross-origin protection against request forgery.
package web

import (
	"bytes"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/store"
)

// Options is what the interface needs.
type Options struct {
	Store         store.Store
	Now           func() time.Time // time.Now when nil
	Logger        *slog.Logger     // slog.Default() when nil
	SecureCookies bool             // mark cookies Secure (served behind HTTPS)
	// Throttle slows repeated failed logins; a fresh one when nil.
	Throttle *auth.Throttle
	// Cycle is the dunning engine (plan, approvals, calls, previews);
	// one over Store without channels when nil.
	Cycle *cycle.Engine
}

// UI serves the pages. Build it with New and mount it with Register.
type UI struct {
	store    store.Store
	now      func() time.Time
	log      *slog.Logger
	secure   bool
	throttle *auth.Throttle
	pages    map[string]*template.Template
	assets   *assets
	// banking imports statements and keeps the lettrage.
	banking *banking.Service
	// maxImport bounds a file uploaded for import.
	maxImport int64
	// cycle is the dunning engine.
	cycle *cycle.Engine
}

// New parses the templates and fingerprints the assets once.
func New(o Options) (*UI, error) {
	if o.Store == nil {
		return nil, fmt.Errorf("web: Options.Store is nil")
	}
	ui := &UI{store: o.Store, now: o.Now, log: o.Logger, secure: o.SecureCookies, throttle: o.Throttle, maxImport: maxImportSize}
	if ui.now == nil {
		ui.now = time.Now
	}
	if ui.log == nil {
		ui.log = slog.Default()
	}
	if ui.throttle == nil {
		ui.throttle = auth.NewThrottle(ui.now, 0)
	}
	ui.banking = banking.New(o.Store, ui.now)
	if ui.cycle = o.Cycle; ui.cycle == nil {
		ui.cycle = &cycle.Engine{Store: o.Store, Log: ui.log, Now: ui.now}
	}
	var err error
	if ui.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if ui.pages, err = parsePages(ui.assets); err != nil {
		return nil, err
	}
	return ui, nil
}

// Register mounts the pages on mux.
func (ui *UI) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/{hash}/{name}", http.HandlerFunc(ui.assets.serve))
	mux.HandleFunc("GET /login", ui.showLoginPage)
	mux.HandleFunc("POST /login", ui.login)
	mux.HandleFunc("POST /logout", ui.logout)
	mux.HandleFunc("POST /lang", ui.switchLang)
	mux.Handle("GET /{$}", ui.page(func(w http.ResponseWriter, r *http.Request, v *view) error {
		http.Redirect(w, r, "/debtors", http.StatusSeeOther)
		return nil
	}))
	mux.Handle("GET /debtors", ui.page(ui.showPortfolioPage))
	mux.Handle("GET /debtors/{id}", ui.page(ui.showDebtorPage))
	mux.Handle("POST /debtors/{id}/insolvency", ui.page(ui.recordInsolvency))
	mux.Handle("POST /debtors/{id}/payments", ui.page(ui.recordPayment))
	mux.Handle("GET /debtors/{id}/formal-notice.pdf", ui.page(ui.previewNotice))
	mux.Handle("POST /debtors/{id}/formal-notice", ui.page(ui.issueNotice))
	mux.Handle("GET /debtors/{id}/statement.pdf", ui.page(ui.showStatement))
	mux.Handle("GET /debtors/{id}/declaration.pdf", ui.page(ui.showDeclaration))
	mux.Handle("GET /debtors/{id}/court-file.zip", ui.page(ui.showCourtFile))
	mux.Handle("GET /formal-notices/{file}", ui.page(ui.showNotice))
	mux.Handle("POST /invoices/{id}/recovery-costs", ui.page(ui.addRecoveryCost))
	mux.Handle("GET /recovery-costs/{id}/proof", ui.page(ui.showCostProof))
	mux.Handle("GET /invoices/{id}", ui.page(ui.showInvoicePage))
	mux.Handle("GET /invoices/{id}/document", ui.page(ui.showInvoiceDocument))
	mux.Handle("GET /imports", ui.page(ui.showImportsPage))
	mux.Handle("POST /imports", ui.page(ui.uploadImport))
	mux.Handle("POST /imports/preview", ui.page(ui.recalculateImport))
	mux.Handle("POST /imports/mappings", ui.page(ui.saveImportMapping))
	mux.Handle("POST /imports/mappings/delete", ui.page(ui.deleteImportMapping))
	mux.Handle("POST /imports/confirm", ui.page(ui.confirmImport))
	mux.Handle("GET /imports/{id}", ui.page(ui.showImportBatch))
	mux.Handle("POST /imports/{id}/undo", ui.page(ui.undoImport))
	mux.Handle("GET /exports/{file}", ui.page(ui.showExport))
	ui.registerBank(mux)
	ui.registerDunning(mux)
	mux.Handle("GET /legal/calculator", ui.page(ui.showCalculatorPage))
	mux.Handle("GET /legal/rates", ui.page(ui.showRatesPage))
	mux.Handle("GET /settings", ui.page(ui.showSettingsPage))
	mux.Handle("POST /settings/legal", ui.page(ui.saveLegalSettings))
	mux.Handle("POST /settings/bank", ui.page(ui.saveBankSettings))
	mux.Handle("POST /settings/bank/mappings/delete", ui.page(ui.deleteBankMapping))
	mux.Handle("/", http.HandlerFunc(ui.notFound))
}

// today is the civil date in Paris, the day balances are computed for.
func (ui *UI) today() civil.Date { return civil.Today(ui.now(), civil.Paris) }

// render executes page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page.
func (ui *UI) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	t, ok := ui.pages[page]
	if !ok {
		ui.log.Error("unknown page template", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		ui.log.ErrorContext(r.Context(), "render page", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	securityHeaders(h)
	if p, ok := data.(interface{ inlineStyles() bool }); ok && p.inlineStyles() {
		// A page that shows an email's HTML part in a sandboxed srcdoc
		// frame: the frame inherits the page's policy, and the email's
		// styles are inline.
		h.Set("Content-Security-Policy", cspInlineStyles)
	}
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// cspInlineStyles is the policy of a page showing an email's HTML part:
// the default one, with inline styles allowed (no script, still).
const cspInlineStyles = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// securityHeaders forbids framing, inline scripts and styles from
// elsewhere, and content sniffing.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/export"
	"github.com/recouvre/recouvre/internal/ledger"
)

// showExport serves GET /exports/{file}: debtors.csv, debtors.json,
// invoices.csv or invoices.json, streamed from the store.
func (ui *UI) showExport(w http.ResponseWriter, r *http.Request, v *view) error {
	what, ext, _ := strings.Cut(r.PathValue("file"), ".")
	write := map[string]func(w http.ResponseWriter, f export.Format) (int, error){
		"debtors": func(w http.ResponseWriter, f export.Format) (int, error) {
			return export.Debtors(r.Context(), ui.store, w, f, v.Today)
		},
		"invoices": func(w http.ResponseWriter, f export.Format) (int, error) {
			return export.Invoices(r.Context(), ui.store, w, f, v.Today)
		},
	}[what]
	types := map[string]string{"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
	if write == nil || types[ext] == "" {
		return ledger.Errorf(ledger.ENotFound, "no export %q", r.PathValue("file"))
	}
	h := w.Header()
	h.Set("Content-Type", types[ext])
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fmt.Sprintf("%s-%s.%s", what, v.Today, ext)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	// Streamed: a failure half-way can only be logged.
	if _, err := write(w, export.Format(ext)); err != nil {
		ui.log.ErrorContext(r.Context(), "export", "file", r.PathValue("file"), "err", err)
	}
	return nil
}

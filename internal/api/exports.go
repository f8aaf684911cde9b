package api

import (
	"context"
	"io"
	"net/http"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/export"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// exporter writes every item of one kind.
type exporter func(ctx context.Context, st store.Store, w io.Writer, f export.Format, today civil.Date) (int, error)

// exportDebtors serves GET /api/v1/exports/debtors?format=json|csv.
func (a *API) exportDebtors(w http.ResponseWriter, r *http.Request) error {
	return a.exportAll(w, r, export.Debtors)
}

// exportInvoices serves GET /api/v1/exports/invoices?format=json|csv.
func (a *API) exportInvoices(w http.ResponseWriter, r *http.Request) error {
	return a.exportAll(w, r, export.Invoices)
}

// exportAll streams every item of the organization: no paging, the body is
// written as the store is read. A failure half-way can only be logged.
func (a *API) exportAll(w http.ResponseWriter, r *http.Request, write exporter) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	f := export.Format(q.Get("format"))
	contentType := map[export.Format]string{"": "application/json; charset=utf-8", export.JSON: "application/json; charset=utf-8",
		export.CSV: "text/csv; charset=utf-8"}[f]
	if contentType == "" {
		return ledger.FieldError("format", "want json or csv, got %q", f)
	}
	if f == "" {
		f = export.JSON
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if _, err := write(r.Context(), a.store, w, f, a.today()); err != nil {
		a.log.ErrorContext(r.Context(), "api: export failed", "path", r.URL.Path, "err", err)
	}
	return nil
}

package web

import (
	"net/http"

	"github.com/recouvre/recouvre/internal/ledger"
)

// errorPage is the data of an error page.
type errorPage struct {
	*view
	Status  int
	Message string // translated
}

// fail renders err as a page: 404 for what does not exist (or belongs to
// another organization: the same page, so that nothing leaks), 403, 400,
// and 500 with the cause in the log only.
func (ui *UI) fail(w http.ResponseWriter, r *http.Request, v *view, err error) {
	status, key := http.StatusInternalServerError, "error.internal"
	switch ledger.ErrorCode(err) {
	case ledger.ENotFound:
		status, key = http.StatusNotFound, "error.not_found"
	case ledger.EForbidden:
		status, key = http.StatusForbidden, "error.forbidden"
	case ledger.EInvalid:
		status, key = http.StatusBadRequest, "error.invalid"
	case ledger.EConflict:
		status, key = http.StatusConflict, "error.conflict"
	default:
		ui.log.ErrorContext(r.Context(), "page failed", "path", r.URL.Path, "err", err)
	}
	v.Title = "error.title"
	ui.render(w, r, status, "error", &errorPage{view: v, Status: status, Message: v.T(key)})
}

// notFound answers any path no page claims.
func (ui *UI) notFound(w http.ResponseWriter, r *http.Request) {
	p, _ := ui.principal(r)
	ui.fail(w, r, ui.newView(r, p), ledger.Errorf(ledger.ENotFound, "no page at %s", r.URL.Path))
}

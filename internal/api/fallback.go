package api

import (
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// codeMethodNotAllowed is the error code of a known path asked with a
// method it does not serve. The ledger has no such code: it is HTTP's.
const codeMethodNotAllowed = "method_not_allowed"

// fallback answers the requests no route matched: 405 with an Allow header
// when the path exists under another method, 404 otherwise.
func (a *API) fallback(known *http.ServeMux, allow map[string][]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := known.Handler(r); pattern != "" {
			w.Header().Set("Allow", strings.Join(allow[pattern], ", "))
			writeError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed,
				"method "+r.Method+" is not allowed on "+r.URL.Path)
			return
		}
		a.fail(w, r, ledger.Errorf(ledger.ENotFound, "no API route for %s", r.URL.Path))
	}
}

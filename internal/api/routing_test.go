package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func TestUnknownPathsAndMethods(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	for _, tok := range []string{"", tok} { // the answer does not depend on the token
		for _, target := range []string{"/api/v1", "/api/v1/", "/api/v1/creditors", "/api/v1/debtors/", "/api/v1/debtors/1/invoices", "/api/v1/payments/1/refunds"} {
			wantError(t, b.request(http.MethodGet, target, tok), http.StatusNotFound, ledger.ENotFound)
		}
		for _, tt := range []struct{ method, target string }{
			{http.MethodPost, "/api/v1/debtors"},
			{http.MethodPut, "/api/v1/debtors/1"},
			{http.MethodPatch, "/api/v1/invoices/1"},
			{http.MethodDelete, "/api/v1/invoices/1"},
			{http.MethodOptions, "/api/v1/invoices"},
			{http.MethodPost, "/api/v1/openapi.json"},
		} {
			rec := b.request(tt.method, tt.target, tok)
			wantError(t, rec, http.StatusMethodNotAllowed, "method_not_allowed", tt.method)
			if allow := rec.Header().Get("Allow"); allow != "GET, HEAD" {
				t.Errorf("%s %s: Allow %q", tt.method, tt.target, allow)
			}
		}
	}
}

// The API shares its mux with the web interface: it must mount beside a
// catch-all "GET /" without a pattern conflict, and keep answering its
// own tree in JSON.
func TestRegisterBesideTheWebInterface(t *testing.T) {
	t.Parallel()
	b := setup(t)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>")) })
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, _ *http.Request) {})
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Register panicked beside GET /: %v", r)
			}
		}()
		register(mux, b.st, b.logs)
	}()
	b.mux = mux
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Body.String() != "<html>" {
		t.Errorf("GET / went to %q", rec.Body)
	}
	wantError(t, b.request(http.MethodPost, "/api/v1/debtors", ""), http.StatusMethodNotAllowed, "method_not_allowed")
	wantError(t, b.request(http.MethodGet, "/api/v1/nothing", ""), http.StatusNotFound, ledger.ENotFound)
	wantError(t, b.request(http.MethodGet, "/api/v1/debtors", ""), http.StatusUnauthorized, ledger.EUnauthorized)
}

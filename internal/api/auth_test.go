package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	other := storetest.NewFixture(t, b.st, "Other")
	// A token naming an organization its user does not belong to (or no
	// longer belongs to) opens nothing.
	stray := createToken(t, b.st, other.Org.ID, f.User.ID)
	unknown, _ := auth.NewToken(auth.APITokenPrefix)
	session, _ := auth.NewToken(auth.SessionPrefix)

	for _, tt := range []struct {
		name, header string
		invalid      bool // credentials were presented
	}{
		{"no header", "", false},
		{"basic", "Basic dXNlcjpwYXNz", true},
		{"scheme only", "Bearer", true},
		{"empty token", "Bearer ", true},
		{"no prefix", "Bearer " + strings.TrimPrefix(tok, auth.APITokenPrefix), true},
		{"session token", "Bearer " + session, true},
		{"two tokens", "Bearer " + tok + " " + tok, true},
		{"oversized", "Bearer " + auth.APITokenPrefix + strings.Repeat("a", 300), true},
		{"unknown token", "Bearer " + unknown, true},
		{"truncated token", "Bearer " + tok[:len(tok)-1], true},
		{"token of a non-member", "Bearer " + stray, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, target := range []string{"/api/v1/debtors", "/api/v1/debtors/1", "/api/v1/invoices", "/api/v1/invoices/1", "/api/v1/payments"} {
				req := httptest.NewRequest(http.MethodGet, target, nil)
				if tt.header != "" {
					req.Header.Set("Authorization", tt.header)
				}
				rec := httptest.NewRecorder()
				b.mux.ServeHTTP(rec, req)
				wantError(t, rec, http.StatusUnauthorized, ledger.EUnauthorized)
				want := `Bearer realm="recouvre"`
				if tt.invalid {
					want += `, error="invalid_token"`
				}
				if got := rec.Header().Get("WWW-Authenticate"); got != want {
					t.Errorf("%s: WWW-Authenticate %q, want %q", target, got, want)
				}
			}
		})
	}

	t.Run("valid", func(t *testing.T) {
		for _, scheme := range []string{"Bearer", "bearer", "BEARER"} {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/debtors", nil)
			req.Header.Set("Authorization", scheme+" "+tok)
			rec := httptest.NewRecorder()
			b.mux.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || rec.Header().Get("WWW-Authenticate") != "" {
				t.Errorf("%s: status %d, body %s", scheme, rec.Code, rec.Body)
			}
			if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q", cc)
			}
		}
	})

	t.Run("the document is public", func(t *testing.T) {
		b.get(t, "/api/v1/openapi.json", "", http.StatusOK)
	})
}

// Unexpected failures answer a generic message and are logged with their
// cause; nothing of the cause reaches the client.
func TestInternalErrorsAreMasked(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	logs := &syncBuffer{}
	mux := mount(failingStore{b.st}, logs)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/debtors?q=Martin", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	mux.ServeHTTP(rec, req)
	e := wantError(t, rec, http.StatusInternalServerError, ledger.EInternal)
	if e.Error.Message != "Internal error." || strings.Contains(rec.Body.String(), "disk") {
		t.Errorf("body %s", rec.Body)
	}
	out := logs.String()
	if !strings.Contains(out, "disk on fire") || !strings.Contains(out, "/api/v1/debtors") {
		t.Errorf("log %q lacks the cause or the path", out)
	}
	if strings.Contains(out, "Martin") || strings.Contains(out, tok) {
		t.Errorf("log %q leaks the query or the token", out)
	}
}

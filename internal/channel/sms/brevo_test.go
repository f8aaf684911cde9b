package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBrevo speaks Brevo's transactional SMS API: it checks the api-key,
// the headers and the JSON fields, and answers as the documentation says.
type fakeBrevo struct {
	*httptest.Server
	key string

	mu       sync.Mutex
	received []map[string]any
	// next, when set, answers the next request instead.
	next func(w http.ResponseWriter)
}

func startFakeBrevo(t *testing.T, key string) *fakeBrevo {
	f := &fakeBrevo{key: key}
	f.Server = httptest.NewServer(http.HandlerFunc(f.handle))
	t.Cleanup(f.Close)
	return f
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeBrevo) handle(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v3/transactionalSMS/sms" {
		writeJSON(w, http.StatusNotFound, map[string]string{"code": "not_found", "message": "Invalid route"})
		return
	}
	if r.Header.Get("api-key") != f.key {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"code": "unauthorized", "message": "Key not found"})
		return
	}
	if r.Header.Get("accept") != "application/json" || !strings.HasPrefix(r.Header.Get("content-type"), "application/json") {
		writeJSON(w, http.StatusNotAcceptable, map[string]string{"code": "not_acceptable", "message": "bad headers"})
		return
	}
	f.mu.Lock()
	next := f.next
	f.next = nil
	f.mu.Unlock()
	if next != nil {
		next(w)
		return
	}
	var body map[string]any
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"code": "bad_request", "message": "Malformed JSON"})
		return
	}
	allowed := map[string]bool{"sender": true, "recipient": true, "content": true, "type": true, "tag": true,
		"webUrl": true, "unicodeEnabled": true, "organisationPrefix": true}
	for k := range body {
		if !allowed[k] {
			writeJSON(w, http.StatusBadRequest, map[string]string{"code": "invalid_parameter", "message": "unknown field " + k})
			return
		}
	}
	for _, k := range []string{"sender", "recipient", "content"} {
		if s, _ := body[k].(string); s == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"code": "missing_parameter", "message": k + " is missing"})
			return
		}
	}
	if rcpt := body["recipient"].(string); strings.HasPrefix(rcpt, "+") || strings.HasPrefix(rcpt, "3399") {
		writeJSON(w, http.StatusBadRequest, map[string]string{"code": "invalid_parameter", "message": "Invalid phone number"})
		return
	}
	if typ, _ := body["type"].(string); typ != "transactional" && typ != "marketing" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"code": "invalid_parameter", "message": "type is invalid"})
		return
	}
	f.mu.Lock()
	f.received = append(f.received, body)
	n := len(f.received)
	f.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{
		"reference": "ab1cde2fgh3i4jklmno" + string(rune('0'+n)), "messageId": 1511882900176220,
		"smsCount": 1, "usedCredits": 0.7, "remainingCredits": 82.85,
	})
}

func (f *fakeBrevo) answerNext(fn func(w http.ResponseWriter)) {
	f.mu.Lock()
	f.next = fn
	f.mu.Unlock()
}

func testSMS() SMS {
	return SMS{To: "06 12 34 56 78", Sender: "Acme", Text: "Acme : votre facture FA-42 est échue. Merci de la régler.", Tag: "relance-1"}
}

func TestBrevoSend(t *testing.T) {
	f := startFakeBrevo(t, "xkeysib-secret")
	var logged bytes.Buffer
	b := &Brevo{APIKey: "xkeysib-secret", BaseURL: f.URL, Logger: slog.New(slog.NewTextHandler(&logged, nil))}
	ref, err := b.Send(context.Background(), testSMS())
	if err != nil {
		t.Fatal(err)
	}
	if ref != "ab1cde2fgh3i4jklmno1" {
		t.Errorf("ref = %q", ref)
	}
	got := f.received[0]
	want := map[string]any{"sender": "Acme", "recipient": "33612345678", "content": testSMS().Text, "type": "transactional", "tag": "relance-1"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if _, ok := got["unicodeEnabled"]; ok {
		t.Error("unicodeEnabled set for a GSM text")
	}
	if strings.Contains(logged.String(), "xkeysib") {
		t.Error("API key logged")
	}
	// UCS-2 text: unicodeEnabled; overseas number.
	m := testSMS()
	m.Text, m.To, m.Tag = "Votre échéance est dépassée : merci de régler sous 8 jours. Ça presse, c’est sûr.", "0692 12 34 56", ""
	if _, err := b.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got = f.received[1]
	if got["unicodeEnabled"] != true || got["recipient"] != "262692123456" {
		t.Errorf("second request = %v", got)
	}
	if _, ok := got["tag"]; ok {
		t.Error("empty tag sent")
	}
	// A foreign number in E.164 goes as it is.
	m.To = "+44 20 7946 0958"
	if _, err := b.Send(context.Background(), m); err != nil || f.received[2]["recipient"] != "442079460958" {
		t.Errorf("foreign number: %v, %v", err, f.received[2]["recipient"])
	}
}

func TestBrevoErrors(t *testing.T) {
	f := startFakeBrevo(t, "right-key")
	b := &Brevo{APIKey: "right-key", BaseURL: f.URL}
	ctx := context.Background()

	// 400 invalid: permanent, with Brevo's code and message.
	m := testSMS()
	m.To = "+33 9 99 99 99 99" // the fake refuses 3399…
	_, err := b.Send(ctx, m)
	var e *Error
	if !errors.As(err, &e) || !IsPermanent(err) || e.Status != 400 || e.Code != "invalid_parameter" || e.Message != "Invalid phone number" {
		t.Errorf("400: %#v", err)
	}
	if !strings.Contains(err.Error(), "HTTP 400 invalid_parameter: Invalid phone number") {
		t.Errorf("400 message: %v", err)
	}

	// 401: permanent; the key is not in the error.
	bad := &Brevo{APIKey: "wrong-key", BaseURL: f.URL}
	_, err = bad.Send(ctx, testSMS())
	if !IsPermanent(err) || !strings.Contains(err.Error(), "401 unauthorized: Key not found") || strings.Contains(err.Error(), "wrong-key") {
		t.Errorf("401: %v", err)
	}

	// 429: temporary, with Retry-After.
	f.answerNext(func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "12")
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"code": "too_many_requests", "message": "Rate limit exceeded"})
	})
	_, err = b.Send(ctx, testSMS())
	if !errors.As(err, &e) || IsPermanent(err) || e.Status != 429 || e.RetryAfter != 12*time.Second {
		t.Errorf("429: %#v", err)
	}

	// 500 with a body that is not JSON: temporary, text kept.
	f.answerNext(func(w http.ResponseWriter) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html>502 Bad Gateway</html>")
	})
	_, err = b.Send(ctx, testSMS())
	if IsPermanent(err) || !strings.Contains(err.Error(), "502 Bad Gateway") {
		t.Errorf("502: %v", err)
	}

	// 402 not enough credits: permanent.
	f.answerNext(func(w http.ResponseWriter) {
		writeJSON(w, http.StatusPaymentRequired, map[string]string{"code": "not_enough_credits", "message": "Not enough credits"})
	})
	if _, err = b.Send(ctx, testSMS()); !IsPermanent(err) {
		t.Errorf("402: %v", err)
	}

	// Network error: temporary.
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, err = (&Brevo{APIKey: "k", BaseURL: down.URL}).Send(ctx, testSMS())
	if err == nil || IsPermanent(err) {
		t.Errorf("network: %v", err)
	}

	// A cancelled context: temporary, wraps the cause.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err = b.Send(cctx, testSMS()); !errors.Is(err, context.Canceled) || IsPermanent(err) {
		t.Errorf("cancelled: %v", err)
	}

	// Answered with the newer endpoint's shape: messageId only.
	f.answerNext(func(w http.ResponseWriter) {
		writeJSON(w, http.StatusCreated, map[string]any{"messageId": 1511882900176220})
	})
	if ref, err := b.Send(ctx, testSMS()); err != nil || ref != "1511882900176220" {
		t.Errorf("messageId only: %q, %v", ref, err)
	}
}

func TestBrevoRefusesBeforeSending(t *testing.T) {
	f := startFakeBrevo(t, "k")
	b := &Brevo{APIKey: "k", BaseURL: f.URL}
	for name, mutate := range map[string]func(*SMS){
		"short sender":     func(m *SMS) { m.Sender = "AB" },
		"long sender":      func(m *SMS) { m.Sender = "AcmeRecouvrement" },
		"sender with dash": func(m *SMS) { m.Sender = "Acme-SA" },
		"numeric sender":   func(m *SMS) { m.Sender = "0612345678" },
		"accented sender":  func(m *SMS) { m.Sender = "Société" },
		"bad number":       func(m *SMS) { m.To = "06 12" },
		"bad overseas":     func(m *SMS) { m.To = "+262 6 12 34 56 78" },
		"empty text":       func(m *SMS) { m.Text = "  " },
	} {
		m := testSMS()
		mutate(&m)
		if _, err := b.Send(context.Background(), m); !IsPermanent(err) {
			t.Errorf("%s: err = %v, want permanent", name, err)
		}
	}
	if _, err := (&Brevo{BaseURL: f.URL}).Send(context.Background(), testSMS()); !IsPermanent(err) || !strings.Contains(err.Error(), "API key") {
		t.Errorf("no key: %v", err)
	}
	if len(f.received) != 0 {
		t.Errorf("%d request(s) reached the provider", len(f.received))
	}
}

func TestValidSender(t *testing.T) {
	for _, ok := range []string{"Acme", "ACME2025", "Cabinet123", "abc"} {
		if err := ValidSender(ok); err != nil {
			t.Errorf("ValidSender(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ab", "Acme Conseil", "AcmeConseil1", "12345", "Acme!"} {
		if err := ValidSender(bad); err == nil {
			t.Errorf("ValidSender(%q) accepted", bad)
		}
	}
}

// The interface is satisfied.
var _ Provider = (*Brevo)(nil)

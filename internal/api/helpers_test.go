package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/logtest"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// now is the clock of every test: 15 June 2025, 10:00 in Paris.
var (
	now   = storetest.Now
	today = storetest.Today
)

// bundle is a fresh database with the API mounted on a mux, and what the
// logger received.
type bundle struct {
	st   *sqldb.DB
	mux  *http.ServeMux
	logs *syncBuffer
}

// setup opens a fresh database (SQLite or PostgreSQL per RECOUVRE_TEST_DB)
// and mounts the API on a new mux.
func setup(t *testing.T) *bundle {
	t.Helper()
	st := storetest.Open(t)
	st.Now = func() time.Time { return now }
	b := &bundle{st: st, logs: &syncBuffer{}}
	b.mux = mount(st, b.logs)
	return b
}

// mount builds a mux serving the API over st.
func mount(st store.Store, logs *syncBuffer) *http.ServeMux {
	mux := http.NewServeMux()
	register(mux, st, logs)
	return mux
}

// register mounts the API over st on mux, as the server does.
func register(mux *http.ServeMux, st store.Store, logs *syncBuffer) {
	log := slog.New(slog.NewTextHandler(logs, nil))
	api.New(api.Options{Store: st, Now: func() time.Time { return now }, Logger: log}).Register(mux)
}

// token creates an API token for the fixture's admin in its organization.
func (b *bundle) token(t *testing.T, f storetest.Fixture) string {
	t.Helper()
	return createToken(t, b.st, f.Org.ID, f.User.ID)
}

func createToken(t *testing.T, st store.Store, orgID, userID int64) string {
	t.Helper()
	plain, hash := auth.NewToken(auth.APITokenPrefix)
	tok := &store.APIToken{OrgID: orgID, UserID: userID, Name: "test", TokenHash: hash}
	if err := st.CreateAPIToken(store.WithOrg(t.Context(), orgID), tok); err != nil {
		t.Fatalf("create API token: %v", err)
	}
	return plain
}

// request serves one request; token may be "".
func (b *bundle) request(method, target, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	b.mux.ServeHTTP(rec, req)
	return rec
}

// get serves a GET and checks its status and content type.
func (b *bundle) get(t *testing.T, target, token string, wantStatus int) *httptest.ResponseRecorder {
	t.Helper()
	rec := b.request(http.MethodGet, target, token)
	if rec.Code != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body %s", target, rec.Code, wantStatus, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("GET %s: Content-Type %q", target, ct)
	}
	return rec
}

// decode reads a JSON body strictly: a field the test type does not know
// is an error, so the tests notice an unexpected field.
func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, rec.Body, err)
	}
	return v
}

// wantError checks an error response: status, code, and that the message
// mentions each of words.
func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string, words ...string) errorBody {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	e := decode[errorBody](t, rec)
	if e.Error.Code != code {
		t.Fatalf("code %q, want %q; body %s", e.Error.Code, code, rec.Body)
	}
	for _, w := range words {
		if !strings.Contains(e.Error.Message, w) {
			t.Fatalf("message %q does not mention %q", e.Error.Message, w)
		}
	}
	return e
}

// The response shapes, as a client would declare them.

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

type listBody[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

type moneyJSON struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

func (m moneyJSON) amount() money.Amount { return money.New(m.Minor, money.Currency(m.Currency)) }

type balanceJSON struct {
	AsOf      string    `json:"as_of"`
	Due       moneyJSON `json:"due"`
	Overdue   moneyJSON `json:"overdue"`
	Credit    moneyJSON `json:"credit"`
	Net       moneyJSON `json:"net"`
	OpenCount int       `json:"open_count"`
	LateCount int       `json:"late_count"`
	DaysLate  int       `json:"days_late"`
	OldestDue *string   `json:"oldest_due"`
	Bucket    *string   `json:"bucket"`
}

type debtorJSON struct {
	ID          int64       `json:"id"`
	CreditorID  int64       `json:"creditor_id"`
	Ref         string      `json:"ref"`
	Name        string      `json:"name"`
	Kind        string      `json:"kind"`
	SIREN       string      `json:"siren"`
	SIRET       string      `json:"siret"`
	VATNumber   string      `json:"vat_number"`
	Lang        string      `json:"lang"`
	CreditLimit moneyJSON   `json:"credit_limit"`
	CreatedAt   time.Time   `json:"created_at"`
	Balance     balanceJSON `json:"balance"`
}

type debtorDetailJSON struct {
	debtorJSON
	Tags     []string      `json:"tags"`
	Contacts []contactJSON `json:"contacts"`
}

type contactJSON struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Role    string `json:"role"`
	Email   string `json:"email"`
	Phone   string `json:"phone"`
	Address struct {
		Line1      string `json:"line1"`
		Line2      string `json:"line2"`
		PostalCode string `json:"postal_code"`
		City       string `json:"city"`
		Country    string `json:"country"`
	} `json:"address"`
	PreferredChannel string `json:"preferred_channel"`
	SMSConsent       bool   `json:"sms_consent"`
	Primary          bool   `json:"primary"`
}

type invoiceJSON struct {
	ID          int64     `json:"id"`
	DebtorID    int64     `json:"debtor_id"`
	CreditorID  int64     `json:"creditor_id"`
	Kind        string    `json:"kind"`
	Number      string    `json:"number"`
	IssueDate   string    `json:"issue_date"`
	DueDate     *string   `json:"due_date"`
	Amount      moneyJSON `json:"amount"`
	Allocated   moneyJSON `json:"allocated"`
	OpenAmount  moneyJSON `json:"open_amount"`
	Status      string    `json:"status"`
	DaysLate    int       `json:"days_late"`
	DocumentURL string    `json:"document_url"`
	Disputed    bool      `json:"disputed"`
	CreatedAt   time.Time `json:"created_at"`
}

type paymentJSON struct {
	ID          int64     `json:"id"`
	DebtorID    int64     `json:"debtor_id"`
	CreditorID  int64     `json:"creditor_id"`
	ReceivedOn  string    `json:"received_on"`
	Amount      moneyJSON `json:"amount"`
	Allocated   moneyJSON `json:"allocated"`
	Unallocated moneyJSON `json:"unallocated"`
	Method      string    `json:"method"`
	Reference   string    `json:"reference"`
	CreatedAt   time.Time `json:"created_at"`
}

// walk follows next_cursor from first to the end of a list, checking that
// no page is larger than limit and no id comes twice, and returns the
// items in order with the number of pages.
func walk[T any](t *testing.T, b *bundle, first, token string, limit int, id func(T) int64) (items []T, pages int) {
	t.Helper()
	seen := map[int64]bool{}
	target := first
	for {
		page := decode[listBody[T]](t, b.get(t, target, token, http.StatusOK))
		pages++
		if len(page.Data) > limit {
			t.Fatalf("page %d has %d items, limit %d", pages, len(page.Data), limit)
		}
		for _, it := range page.Data {
			if seen[id(it)] {
				t.Fatalf("id %d listed twice", id(it))
			}
			seen[id(it)] = true
			items = append(items, it)
		}
		if page.NextCursor == nil {
			return items, pages
		}
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
		sep := "?"
		if strings.Contains(first, "?") {
			sep = "&"
		}
		target = first + sep + "cursor=" + *page.NextCursor
	}
}

// ids extracts ids in order.
func ids[T any](items []T, id func(T) int64) []int64 {
	out := make([]int64, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func debtorID(d debtorJSON) int64   { return d.ID }
func invoiceID(i invoiceJSON) int64 { return i.ID }
func paymentID(p paymentJSON) int64 { return p.ID }

// ascending reports whether ids ascend strictly.
func ascending(ids []int64) bool {
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return false
		}
	}
	return true
}

// checkBalance compares the API's balance with the ledger's.
func checkBalance(t *testing.T, got balanceJSON, want ledger.Balance) {
	t.Helper()
	switch {
	case got.AsOf != today.String(),
		got.Due.amount() != want.Due, got.Overdue.amount() != want.Overdue,
		got.Credit.amount() != want.Credit, got.Net.amount() != want.Net(),
		got.OpenCount != want.OpenCount, got.LateCount != want.LateCount, got.DaysLate != want.DaysLate,
		deref(got.OldestDue) != want.OldestDue.String():
		t.Fatalf("balance %+v, ledger %+v", got, want)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// cursorOf forges a cursor the way the package documents them.
func cursorOf(list string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(list + ":" + strconv.FormatInt(id, 10)))
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func cutPrefix(s, prefix string) (string, bool) { return strings.CutPrefix(s, prefix) }

func eur(minor int64) money.Amount { return money.EUR(minor) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// date parses a test date.
func date(s string) civil.Date { return civil.MustParse(s) }

// syncBuffer collects log output from concurrent handlers.
type syncBuffer = logtest.Buffer

// failingStore is a store whose portfolio is unreadable.
type failingStore struct{ store.Store }

func (failingStore) ListDebtors(context.Context, store.DebtorQuery, civil.Date) (store.DebtorPage, error) {
	return store.DebtorPage{}, errors.New("disk on fire at /var/lib/recouvre")
}

package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/logtest"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/server"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// The clock of every test: 15 June 2025, 10:00 in Paris.
var (
	now   = storetest.Now
	today = storetest.Today
)

const password = "correct horse battery staple"

// bundle is a fresh database behind the whole HTTP handler, as served.
type bundle struct {
	st   *sqldb.DB
	srv  *httptest.Server
	logs *syncBuffer
}

func setup(t *testing.T) *bundle { return setupAt(t, now) }

// setupAt is setup with the clock stopped at now.
func setupAt(t *testing.T, now time.Time) *bundle {
	t.Helper()
	st := storetest.Open(t)
	st.Now = func() time.Time { return now }
	b := &bundle{st: st, logs: &syncBuffer{}}
	h, err := server.Handler(server.Config{Store: st, Now: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(b.logs, nil))})
	if err != nil {
		t.Fatalf("handler: %v", err)
	}
	b.srv = httptest.NewServer(h)
	t.Cleanup(b.srv.Close)
	return b
}

// tenant is an organization with a user who has a password, and a small
// ledger: two debtors, invoices in every status, a credit note, payments
// and allocations.
type tenant struct {
	storetest.Fixture
	email              string
	acme, dupont       *ledger.Debtor
	late, paid, future *ledger.Invoice
	credit             *ledger.Invoice
	payment            *ledger.Payment
}

func newTenant(t *testing.T, b *bundle, name string) *tenant {
	t.Helper()
	f := storetest.NewFixture(t, b.st, name)
	x := &tenant{Fixture: f, email: "gestion@" + strings.ToLower(name) + ".test"}
	addUser(t, b.st, f.Org.ID, x.email, "admin")
	ctx := f.Ctx
	x.acme = &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C001", Name: "Acmé Bâtiment SARL", Kind: ledger.KindBusiness,
		SIREN: "552100554", VATNumber: "FR21552100554", Lang: "fr", Tags: []string{"BTP"}, CreditLimit: money.EUR(5_000_00),
		Contacts: []ledger.Contact{{Name: "Service comptable", Email: "compta@acme.test", Phone: "+33 4 72 00 00 00",
			Address: ledger.Address{Line1: "3 rue des Lilas", PostalCode: "69003", City: "Lyon", Country: "FR"}, Primary: true}}}
	must(t, b.st.CreateDebtor(ctx, x.acme))
	x.dupont = &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C002", Name: "Jeanne Dupont", Kind: ledger.KindConsumer, Lang: "fr"}
	must(t, b.st.CreateDebtor(ctx, x.dupont))
	x.late = f.Invoice(t, b.st, x.acme.ID, "F2025-001", "2025-03-01", "2025-03-31", 1_234_56)
	x.paid = f.Invoice(t, b.st, x.acme.ID, "F2025-002", "2025-04-01", "2025-04-30", 500_00)
	x.future = f.Invoice(t, b.st, x.acme.ID, "F2025-003", "2025-06-01", "2025-07-15", 2_000_00)
	x.credit = &ledger.Invoice{DebtorID: x.acme.ID, Kind: ledger.DocCreditNote, Number: "AV2025-001",
		IssueDate: civil.MustParse("2025-05-02"), DueDate: civil.MustParse("2025-05-02"), Amount: money.EUR(100_00)}
	must(t, b.st.CreateInvoice(ctx, x.credit))
	x.payment = f.Payment(t, b.st, x.acme.ID, "2025-05-05", 700_00, "VIR ACME 0505")
	must(t, b.st.Allocate(ctx, &ledger.Allocation{InvoiceID: x.paid.ID, PaymentID: x.payment.ID, Amount: money.EUR(500_00)}))
	must(t, b.st.Allocate(ctx, &ledger.Allocation{InvoiceID: x.late.ID, CreditNoteID: x.credit.ID, Amount: money.EUR(100_00)}))
	f.Invoice(t, b.st, x.dupont.ID, "F2025-010", "2025-05-01", "2025-05-31", 89_90)
	return x
}

// addUser creates a user with the test password and a role in org.
func addUser(t *testing.T, st store.Store, orgID int64, email, role string) *ledger.User {
	t.Helper()
	hash, err := auth.HashPassword(password, auth.TestParams)
	must(t, err)
	u := &ledger.User{Email: email, Name: "Camille Martin", PasswordHash: hash, Lang: "fr"}
	must(t, st.CreateUser(t.Context(), u))
	must(t, st.AddMembership(t.Context(), ledger.Membership{OrgID: orgID, UserID: u.ID, Role: role}))
	return u
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// browser is an HTTP client with a cookie jar that does not follow
// redirects, so that tests see them.
type browser struct {
	t    *testing.T
	b    *bundle
	http *http.Client
}

func (b *bundle) browser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	must(t, err)
	return &browser{t: t, b: b, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is a response with its body read.
type page struct {
	*http.Response
	body string
}

func (c *browser) do(req *http.Request) page {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	must(c.t, err)
	return page{res, string(body)}
}

func (c *browser) get(path string) page {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.b.srv.URL+path, nil)
	must(c.t, err)
	return c.do(req)
}

func (c *browser) post(path string, form url.Values, headers ...string) page {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.b.srv.URL+path, strings.NewReader(form.Encode()))
	must(c.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

func (c *browser) login(email string) page {
	c.t.Helper()
	p := c.post("/login", url.Values{"email": {email}, "password": {password}})
	if p.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: status %d\n%s", email, p.StatusCode, p.body)
	}
	return p
}

// want checks the status of a page and that it contains each of words.
func (p page) want(t *testing.T, status int, words ...string) page {
	t.Helper()
	if p.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", p.Request.Method, p.Request.URL.Path, p.StatusCode, status, p.body)
	}
	for _, w := range words {
		if !strings.Contains(p.body, w) {
			t.Errorf("%s: the page does not contain %q", p.Request.URL, w)
		}
	}
	return p
}

// without checks the page contains none of words.
func (p page) without(t *testing.T, words ...string) {
	t.Helper()
	for _, w := range words {
		if strings.Contains(p.body, w) {
			t.Errorf("%s: the page contains %q", p.Request.URL, w)
		}
	}
}

// syncBuffer collects log output from concurrent handlers.
type syncBuffer = logtest.Buffer

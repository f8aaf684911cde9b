package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// monday is the clock of the dunning tests: Monday 16 June 2025, 10:00
// in Paris, a working day within the quiet hours, so that what the
// cycle plans for today goes out now.
var monday = time.Date(2025, 6, 16, 10, 0, 0, 0, civil.Paris)

// fakeMailer accepts every email and keeps it.
type fakeMailer struct {
	mu   sync.Mutex
	sent []email.Message
}

func (m *fakeMailer) Send(_ context.Context, msg email.Message, commit func() error) error {
	if err := commit(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

func (m *fakeMailer) Close() error { return nil }

func (m *fakeMailer) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sent)
}

// dunningSetup is setup on Monday's clock, with the API's engine sending
// emails through mailer when it is not nil (without, emails wait in the
// outbox; letters always go into the print batch).
func dunningSetup(t *testing.T, mailer *fakeMailer) *bundle {
	t.Helper()
	st := storetest.Open(t)
	st.Now = func() time.Time { return monday }
	b := &bundle{st: st, logs: &syncBuffer{}, mux: http.NewServeMux()}
	log := slog.New(slog.NewTextHandler(b.logs, nil))
	clock := func() time.Time { return monday }
	eng := &cycle.Engine{Store: st, Log: log, Now: clock, Worker: "test", Channels: cycle.Channels{Host: "recouvre.test"}}
	if mailer != nil {
		eng.Channels.Mailer = func(ledger.DunningSettings) (cycle.Mailer, error) { return mailer, nil }
	}
	api.New(api.Options{Store: st, Now: clock, Logger: log, Cycle: eng}).Register(b.mux)
	return b
}

// dunningBook is an organization with debtors at several points of the
// shipped "tpe" scenario as of Monday 16 June 2025, and two that a
// scenario of their own sends the formal notice.
type dunningBook struct {
	f   storetest.Fixture
	tok string
	// dupont owes an invoice due 4 days ago: the first reminder email.
	dupont *ledger.Debtor
	// martin owes one 20 days late and has only a phone: the call.
	martin *ledger.Debtor
	// leroy owes one 29 days late and has only an address: a letter.
	leroy *ledger.Debtor
	// bernard and petit owe one 39 and 38 days late and are tagged
	// mise-en-demeure: the formal notice, awaiting approval.
	bernard, petit *ledger.Debtor
	invoices       map[string]*ledger.Invoice
}

var lyon = ledger.Address{Line1: "12 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"}

func newDunningBook(t *testing.T, b *bundle, name string) dunningBook {
	t.Helper()
	f := storetest.NewFixture(t, b.st, name)
	p := dunningBook{f: f, tok: b.token(t, f), invoices: map[string]*ledger.Invoice{}}
	debtor := func(ref, dname string, c ledger.Contact, tags ...string) *ledger.Debtor {
		c.Primary = true
		d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: ref, Name: dname, Kind: ledger.KindBusiness, Lang: "fr",
			Contacts: []ledger.Contact{c}, Tags: tags}
		must(t, b.st.CreateDebtor(f.Ctx, d))
		return d
	}
	p.dupont = debtor("C001", "Dupont SARL", ledger.Contact{Name: "Anne Dupont", Email: "compta@dupont.test", Phone: "0478000001", Address: lyon})
	p.martin = debtor("C002", "Martin SA", ledger.Contact{Name: "Paul Martin", Phone: "0478000002"})
	p.leroy = debtor("C003", "Leroy SAS", ledger.Contact{Name: "Luc Leroy", Address: lyon})
	p.bernard = debtor("C004", "Bernard et Fils", ledger.Contact{Name: "Marc Bernard", Address: lyon}, "mise-en-demeure")
	p.petit = debtor("C005", "Petit SARL", ledger.Contact{Name: "Julie Petit", Address: lyon}, "mise-en-demeure")
	for _, x := range []struct {
		d        *ledger.Debtor
		number   string
		due      string
		minor    int64
		issuedOn string
	}{
		{p.dupont, "F-101", "2025-06-12", 1200_00, "2025-05-13"},
		{p.martin, "F-102", "2025-05-27", 850_00, "2025-04-27"},
		{p.leroy, "F-103", "2025-05-18", 2400_00, "2025-04-18"},
		{p.bernard, "F-104", "2025-05-08", 3100_00, "2025-04-08"},
		{p.petit, "F-105", "2025-05-09", 640_00, "2025-04-09"},
	} {
		p.invoices[x.number] = f.Invoice(t, b.st, x.d.ID, x.number, x.issuedOn, x.due, x.minor)
	}
	// The debtors tagged mise-en-demeure get the formal notice at once.
	_, err := cycle.LoadConfig(f.Ctx, b.st)
	must(t, err)
	must(t, b.st.SaveScenario(f.Ctx, &ledger.Scenario{Key: "mise-en-demeure", Name: "Mise en demeure directe", Steps: []ledger.Step{
		{Key: "med", Name: "Mise en demeure", OffsetDays: 8, Channel: ledger.ChannelLetter, Template: "formal_notice",
			Stage: ledger.StageFormalNotice, Approval: true, Registered: true}}}))
	segs := append([]ledger.Segment{{Name: "Mise en demeure directe", Tags: []string{"mise-en-demeure"}, ScenarioKey: "mise-en-demeure"}},
		dunning.DefaultSegments()...)
	must(t, b.st.SaveSegments(f.Ctx, segs))
	return p
}

// send serves a request with a body; token and contentType may be "".
func (b *bundle) send(method, target, token, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	b.mux.ServeHTTP(rec, req)
	return rec
}

// do serves a JSON request and checks its status.
func (b *bundle) do(t *testing.T, method, target, token, body string, want int) *httptest.ResponseRecorder {
	t.Helper()
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	rec := b.send(method, target, token, ct, body)
	if rec.Code != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, target, rec.Code, want, rec.Body)
	}
	return rec
}

// refusalJSON is the body of a 422 of the dunning routes.
type refusalJSON struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
	} `json:"error"`
}

// refused sends a request that must be refused (422) for field.
func (b *bundle) refused(t *testing.T, method, target, token, body, field string) refusalJSON {
	t.Helper()
	rec := b.do(t, method, target, token, body, http.StatusUnprocessableEntity)
	e := decode[refusalJSON](t, rec)
	if e.Error.Code != ledger.EInvalid || e.Error.Field != field || !strings.HasPrefix(e.Error.Message, field) {
		t.Fatalf("%s %s: refused %+v, want field %q", method, target, e.Error, field)
	}
	return e
}

// jsonOf decodes a body loosely, for the tests that read a few fields.
func jsonOf[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

// The shapes of the dunning answers the tests read.

type runJSON struct {
	OrgID    int64      `json:"org_id"`
	AsOf     time.Time  `json:"as_of"`
	DryRun   bool       `json:"dry_run"`
	Actions  []itemJSON `json:"actions"`
	Planned  int        `json:"planned"`
	Sent     int        `json:"sent"`
	Awaiting int        `json:"awaiting_approval"`
	Skipped  int        `json:"skipped"`
	Failed   int        `json:"failed"`
}

type itemJSON struct {
	ActionID     int64    `json:"action_id"`
	DebtorID     int64    `json:"debtor_id"`
	DebtorRef    string   `json:"debtor_ref"`
	DebtorName   string   `json:"debtor_name"`
	CaseID       string   `json:"case_id"`
	Scenario     string   `json:"scenario"`
	Step         string   `json:"step"`
	StepName     string   `json:"step_name"`
	Channel      string   `json:"channel"`
	ScheduledFor string   `json:"scheduled_for"`
	Invoices     []string `json:"invoices"`
	AmountDue    string   `json:"amount_due"`
	Status       string   `json:"status"`
	SkipReason   string   `json:"skip_reason"`
}

type dunningActionJSON struct {
	ID           int64      `json:"id"`
	CaseID       int64      `json:"case_id"`
	CaseStage    string     `json:"case_stage"`
	OwnerID      *int64     `json:"owner_id"`
	DebtorID     int64      `json:"debtor_id"`
	DebtorRef    string     `json:"debtor_ref"`
	DebtorName   string     `json:"debtor_name"`
	DebtorKind   string     `json:"debtor_kind"`
	Scenario     string     `json:"scenario"`
	Step         string     `json:"step"`
	Template     string     `json:"template"`
	Stage        string     `json:"stage"`
	Channel      string     `json:"channel"`
	ScheduledFor time.Time  `json:"scheduled_for"`
	Status       string     `json:"status"`
	SkipReason   string     `json:"skip_reason"`
	SkipLabelFR  string     `json:"skip_label_fr"`
	SkipLabelEN  string     `json:"skip_label_en"`
	InvoiceIDs   []int64    `json:"invoice_ids"`
	AmountDue    *moneyJSON `json:"amount_due"`
	Approval     bool       `json:"approval"`
	AttachLetter bool       `json:"attach_letter"`
	Registered   bool       `json:"registered"`
	DecidedBy    string     `json:"decided_by"`
	DecidedAt    *time.Time `json:"decided_at"`
	Attempts     int        `json:"attempts"`
	Recipient    string     `json:"recipient"`
	MessageID    string     `json:"message_id"`
	SentAt       *time.Time `json:"sent_at"`
	ConfirmedAt  *time.Time `json:"confirmed_at"`
	ProviderRef  string     `json:"provider_ref"`
	Error        string     `json:"error"`
	Outcome      string     `json:"outcome"`
	Note         string     `json:"note"`
	CreatedAt    *time.Time `json:"created_at"`
	UpdatedAt    *time.Time `json:"updated_at"`
}

type actionDetailJSON struct {
	dunningActionJSON
	Content *struct {
		Subject string `json:"subject"`
		Text    string `json:"text"`
		HTML    string `json:"html"`
	} `json:"content"`
}

type promiseJSON struct {
	ID        int64     `json:"id"`
	DebtorID  int64     `json:"debtor_id"`
	Amount    moneyJSON `json:"amount"`
	DueOn     string    `json:"due_on"`
	Status    string    `json:"status"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
	ClosedOn  *string   `json:"closed_on"`
}

// run posts a run and decodes its report.
func (b *bundle) run(t *testing.T, token, body string) runJSON {
	t.Helper()
	return decode[runJSON](t, b.do(t, http.MethodPost, "/api/v1/runs", token, body, http.StatusOK))
}

// actions lists the organization's actions, all pages of 500.
func (b *bundle) actions(t *testing.T, token, filter string) []dunningActionJSON {
	t.Helper()
	items, _ := walk(t, b, "/api/v1/actions?limit=500"+filter, token, 500, func(a dunningActionJSON) int64 { return a.ID })
	return items
}

// byStep indexes actions by debtor id.
func byDebtor(as []dunningActionJSON) map[int64]dunningActionJSON {
	out := map[int64]dunningActionJSON{}
	for _, a := range as {
		out[a.DebtorID] = a
	}
	return out
}

// dsnFor writes the bounce a mail server sends back for the message of
// messageID to rcpt: an RFC 3464 multipart/report.
func dsnFor(rcpt, messageID, status string) string {
	return fmt.Sprintf("From: MAILER-DAEMON@mx.dupont.test\r\nTo: relances@recouvre.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"+
		"--B\r\nContent-Type: text/plain\r\n\r\nThe mail system could not deliver your message.\r\n"+
		"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.dupont.test\r\n\r\n"+
		"Final-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: %s\r\nDiagnostic-Code: smtp; 550 %s <%s>: Recipient address rejected: User unknown\r\n"+
		"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: relances@recouvre.test\r\nTo: %s\r\nSubject: Rappel\r\nMessage-ID: %s\r\n"+
		"--B--\r\n", rcpt, status, status, rcpt, rcpt, messageID)
}

package cycle_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/channel/sms"
	"github.com/recouvre/recouvre/internal/channel/smtptest"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/pdftext"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// day is the tests' Monday, 2 March 2026, 9:00 in Paris.
var day = time.Date(2026, 3, 2, 9, 0, 0, 0, civil.Paris)

type fixture struct {
	t      *testing.T
	st     *sqldb.DB
	ctx    context.Context
	org    int64
	cred   *ledger.Creditor
	smtp   *smtptest.Server
	eng    *cycle.Engine
	nextID int
}

// newFixture is an organization with a creditor, an SMTP test server and
// an engine sending to it.
func newFixture(t *testing.T, opts smtptest.Options) *fixture {
	t.Helper()
	st := storetest.Open(t)
	st.Now = func() time.Time { return time.Now() }
	ctx := store.WithActor(context.Background(), store.Actor{Name: "test"})
	o := &ledger.Organization{Name: "Atelier Durand", Kind: ledger.OrgCreditor}
	if err := st.CreateOrganization(ctx, o); err != nil {
		t.Fatal(err)
	}
	ctx = store.WithOrg(ctx, o.ID)
	cred := &ledger.Creditor{Name: "Atelier Durand SARL", SIREN: "732829320", IBAN: "FR7630006000011234567890189",
		Address: ledger.Address{Line1: "3 rue des Tanneurs", PostalCode: "67000", City: "Strasbourg", Country: "FR"}}
	if err := st.CreateCreditor(ctx, cred); err != nil {
		t.Fatal(err)
	}
	srv := smtptest.Start(t, opts)
	url := srv.URL("", "")
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	url += sep + "from=relances%40atelier-durand.example"
	f := &fixture{t: t, st: st, ctx: ctx, org: o.ID, cred: cred, smtp: srv}
	f.eng = &cycle.Engine{Store: st, Lease: time.Minute, Workers: 2,
		Channels: cycle.Channels{Mailer: func(ledger.DunningSettings) (cycle.Mailer, error) {
			cfg, err := email.ParseURL(url)
			if err != nil {
				return nil, err
			}
			return email.NewSender(cfg)
		}}}
	return f
}

// debtor adds a debtor with one contact and invoices due on the dates
// given, of 1,000.00 € each.
func (f *fixture) debtor(kind ledger.DebtorKind, c ledger.Contact, dues ...string) *ledger.Debtor {
	f.t.Helper()
	f.nextID++
	c.Primary = true
	d := &ledger.Debtor{CreditorID: f.cred.ID, Ref: "C" + string(rune('A'+f.nextID)), Name: "Client " + string(rune('A'+f.nextID)),
		Kind: kind, Lang: "fr", Contacts: []ledger.Contact{c}}
	if err := f.st.CreateDebtor(f.ctx, d); err != nil {
		f.t.Fatal(err)
	}
	for i, due := range dues {
		dd := civil.MustParse(due)
		inv := &ledger.Invoice{CreditorID: f.cred.ID, DebtorID: d.ID, Kind: ledger.DocInvoice, Number: d.Ref + "-F" + string(rune('1'+i)),
			IssueDate: dd.AddDays(-30), DueDate: dd, Amount: money.EUR(100000)}
		if err := f.st.CreateInvoice(f.ctx, inv); err != nil {
			f.t.Fatal(err)
		}
	}
	return d
}

func (f *fixture) run(at time.Time, opts cycle.Options) *cycle.Report {
	f.t.Helper()
	opts.AsOf = at
	rep, err := f.eng.Run(f.ctx, f.org, opts)
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func (f *fixture) actions(debtorID int64) []store.ActionView {
	f.t.Helper()
	as, err := f.st.ListActions(f.ctx, store.ActionQuery{DebtorID: debtorID, Limit: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	return as
}

var (
	withEmail   = ledger.Contact{Name: "Compta", Email: "compta@client.example", Address: paris}
	addressOnly = ledger.Contact{Name: "Mme Martin", Address: paris}
	paris       = ledger.Address{Line1: "12 rue de la Roquette", PostalCode: "75011", City: "Paris", Country: "FR"}
)

// A letter goes out when the debtor has no email: it is in the day's
// print batch, which a PDF reader finds the address and the amount in.
func TestLetterInPrintBatch(t *testing.T) {
	f := newFixture(t, smtptest.Options{})
	d := f.debtor(ledger.KindBusiness, addressOnly, "2026-02-01", "2026-02-15")
	// Through the first reminders (emails without an address: passed
	// over), the second reminder goes by letter.
	rep := f.run(day, cycle.Options{})
	var sent *cycle.Item
	for i, it := range rep.Actions {
		if it.DebtorID == d.ID {
			sent = &rep.Actions[i]
		}
	}
	if sent == nil || sent.Channel != "letter" || sent.Status != "sent" {
		t.Fatalf("want a letter sent, got %+v", rep.Actions)
	}
	name, pdf, err := f.eng.PrintBatch(f.ctx, civil.Today(day, civil.Paris))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".pdf") {
		t.Errorf("batch name %q", name)
	}
	text := pdftext.Read(t, pdf)
	for _, want := range []string{"12 rue de la Roquette", "75011", "2 000,00", d.Ref + "-F1", d.Ref + "-F2", "Atelier Durand"} {
		if !strings.Contains(text, want) {
			t.Errorf("print batch lacks %q:\n%s", want, text)
		}
	}
	if f.smtp.Count() != 0 {
		t.Errorf("%d emails to a debtor without an email address", f.smtp.Count())
	}
	if _, _, err := f.eng.PrintBatch(f.ctx, civil.Today(day, civil.Paris).AddDays(1)); ledger.ErrorCode(err) != ledger.ENotFound {
		t.Errorf("a day without letters: %v", err)
	}
}

// A formal notice waits for approval; approved, it goes out as the legal
// package's letter, registered, and is recorded as the debtor's notice.
func TestFormalNoticeApproved(t *testing.T) {
	f := newFixture(t, smtptest.Options{})
	d := f.debtor(ledger.KindBusiness, withEmail, "2026-01-05")
	// Walk the case up its scenario, a cycle per step's day.
	var notice *store.ActionView
	for at := day; at.Before(day.AddDate(0, 3, 0)) && notice == nil; at = at.AddDate(0, 0, 1) {
		f.run(at, cycle.Options{})
		for _, a := range f.actions(d.ID) {
			if a.Status == ledger.ActionAwaitingApproval {
				a := a
				notice = &a
			}
		}
		if notice != nil {
			// Not sent while awaiting approval, even when run again.
			f.run(at.Add(time.Hour), cycle.Options{})
			if a, _ := f.st.GetAction(f.ctx, notice.ID); a.Status != ledger.ActionAwaitingApproval {
				t.Fatalf("an action awaiting approval went: %s", a.Status)
			}
			n, err := f.eng.Approve(f.ctx, []int64{notice.ID}, true)
			if err != nil || n != 1 {
				t.Fatalf("approve: %d %v", n, err)
			}
			// It goes at the next moment the guardrails allow (the weekly
			// cap may hold it some days).
			for next := at.Add(2 * time.Hour); next.Before(at.AddDate(0, 0, 10)); next = next.AddDate(0, 0, 1) {
				f.run(next, cycle.Options{})
				if a, _ := f.st.GetAction(f.ctx, notice.ID); a.Status != ledger.ActionPlanned {
					break
				}
			}
		}
	}
	if notice == nil {
		t.Fatal("no step ever awaited approval")
	}
	a, err := f.st.GetAction(f.ctx, notice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != ledger.ActionSent || a.Channel != ledger.ChannelLetter || !a.Registered {
		t.Fatalf("the approved notice: %s (%s: %s) by %s, registered %v", a.Status, a.SkipReason, a.Error, a.Channel, a.Registered)
	}
	if a.ProviderRef == "" || !strings.HasPrefix(a.ProviderRef, "LRAR-") {
		t.Errorf("registered post reference %q", a.ProviderRef)
	}
	if a.CaseStage != ledger.StageFormalNotice {
		t.Errorf("case stage %s after the notice", a.CaseStage)
	}
	notices, err := f.st.FormalNotices(f.ctx, d.ID)
	if err != nil || len(notices) != 1 {
		t.Fatalf("formal notices recorded: %d %v", len(notices), err)
	}
	name, data, err := f.eng.PrintBatch(f.ctx, civil.Today(a.SentAt, civil.Paris))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".zip") {
		t.Fatalf("a batch with a notice is a ZIP, got %q", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "LRAR-") {
			continue
		}
		rc, _ := zf.Open()
		pdf, _ := io.ReadAll(rc)
		rc.Close()
		text := pdftext.Read(t, pdf)
		if strings.Contains(text, "1 000,00") && strings.Contains(text, "12 rue de la Roquette") && strings.Contains(strings.ToLower(text), "mise en demeure") {
			found = true
		}
	}
	if !found {
		t.Errorf("no formal notice with the amount and the address in %q", name)
	}
}

// Rejected, a step is never sent; the case moves on to the next one.
func TestRejectedStep(t *testing.T) {
	f := newFixture(t, smtptest.Options{})
	d := f.debtor(ledger.KindBusiness, withEmail, "2026-01-05")
	var rejected, next int64
	for at := day; at.Before(day.AddDate(0, 4, 0)) && next == 0; at = at.AddDate(0, 0, 1) {
		f.run(at, cycle.Options{})
		for _, a := range f.actions(d.ID) {
			switch {
			case a.Status == ledger.ActionAwaitingApproval && rejected == 0:
				rejected = a.ID
				if n, err := f.eng.Approve(f.ctx, []int64{a.ID}, false); err != nil || n != 1 {
					t.Fatalf("reject: %d %v", n, err)
				}
			case rejected != 0 && a.ID > rejected:
				next = a.ID
			}
		}
	}
	if next == 0 {
		t.Errorf("after the rejection no later step was planned: %+v", f.actions(d.ID))
	}
	a, err := f.st.GetAction(f.ctx, rejected)
	if err != nil || rejected == 0 {
		t.Fatalf("rejected action: %v", err)
	}
	if a.Status != ledger.ActionCancelled || a.SkipReason != "rejected" || !a.SentAt.IsZero() {
		t.Errorf("rejected action: %s %q sent %v", a.Status, a.SkipReason, a.SentAt)
	}
}

// Paid between planning and sending: nothing goes (the balance is
// checked again at dispatch).
func TestPaidBeforeDispatch(t *testing.T) {
	f := newFixture(t, smtptest.Options{})
	d := f.debtor(ledger.KindBusiness, withEmail, "2026-02-20")
	f.run(day.Add(-2*time.Hour), cycle.Options{PlanOnly: true}) // 7:00: planned for 9:00
	as := f.actions(d.ID)
	if len(as) != 1 || as[0].Status != ledger.ActionPlanned {
		t.Fatalf("planned: %+v", as)
	}
	invs, err := f.st.ListInvoices(f.ctx, store.InvoiceQuery{DebtorID: d.ID})
	if err != nil {
		t.Fatal(err)
	}
	pay := &store.PaymentEntry{Payment: ledger.Payment{CreditorID: f.cred.ID, DebtorID: d.ID, ReceivedOn: civil.Today(day, civil.Paris),
		Amount: money.EUR(100000), Method: ledger.MethodTransfer}, Allocations: []ledger.Allocation{{InvoiceID: invs.Invoices[0].ID, Amount: money.EUR(100000)}}}
	if err := f.st.RecordPayment(f.ctx, pay); err != nil {
		t.Fatal(err)
	}
	f.run(day, cycle.Options{})
	if f.smtp.Count() != 0 {
		t.Fatalf("%d emails to a debtor who paid", f.smtp.Count())
	}
	if a, _ := f.st.GetAction(f.ctx, as[0].ID); a.Status != ledger.ActionCancelled || a.SkipReason != ledger.SkipPaid {
		t.Errorf("the reminder of a paid invoice: %s %q", a.Status, a.SkipReason)
	}
}

// A promise recorded after the plan holds the reminder at dispatch; once
// broken, the scenario resumes.
func TestPromiseHoldsThenResumes(t *testing.T) {
	f := newFixture(t, smtptest.Options{})
	d := f.debtor(ledger.KindBusiness, withEmail, "2026-02-20")
	f.run(day.Add(-2*time.Hour), cycle.Options{PlanOnly: true})
	if err := f.st.RecordPromise(f.ctx, &ledger.Promise{DebtorID: d.ID, Amount: money.EUR(100000), DueOn: civil.MustParse("2026-03-06")}); err != nil {
		t.Fatal(err)
	}
	rep := f.run(day, cycle.Options{})
	if f.smtp.Count() != 0 {
		t.Fatalf("a reminder went while a promise is pending: %+v", rep.Actions)
	}
	// The promised day plus the grace passes without money: broken, the
	// reminder goes.
	f.run(time.Date(2026, 3, 10, 9, 0, 0, 0, civil.Paris), cycle.Options{})
	if f.smtp.Count() != 1 {
		t.Fatalf("after the broken promise: %d emails", f.smtp.Count())
	}
	ps, _ := f.st.Promises(f.ctx, d.ID)
	if len(ps) != 1 || ps[0].Status != ledger.PromiseBroken {
		t.Errorf("promise: %+v", ps)
	}
}

// A recipient the server refuses is recorded as a bounce against the
// contact, and the next cycle writes instead.
func TestBounceFallsBackToLetter(t *testing.T) {
	f := newFixture(t, smtptest.Options{RejectRecipients: map[string]string{"compta@client.example": "550 5.1.1 no such user"}})
	d := f.debtor(ledger.KindBusiness, withEmail, "2026-02-10")
	f.run(day, cycle.Options{})
	bs, err := f.st.Bounces(f.ctx, d.ID)
	if err != nil || len(bs) != 1 || bs[0].Address != "compta@client.example" {
		t.Fatalf("bounces: %+v %v", bs, err)
	}
	as := f.actions(d.ID)
	if len(as) != 1 || as[0].Status != ledger.ActionFailed {
		t.Fatalf("bounced action: %+v", as)
	}
	// The next cycles: the email step cannot go; the letter of the next
	// step does.
	for at := day.AddDate(0, 0, 1); at.Before(day.AddDate(0, 0, 20)); at = at.AddDate(0, 0, 1) {
		f.run(at, cycle.Options{})
	}
	letters := 0
	for _, a := range f.actions(d.ID) {
		if a.Channel == ledger.ChannelEmail && a.Status == ledger.ActionSent {
			t.Errorf("an email went to a bounced address: %s", a.StepKey)
		}
		if a.Channel == ledger.ChannelLetter && a.Status == ledger.ActionSent {
			letters++
		}
	}
	if letters == 0 {
		t.Errorf("no letter after the bounce: %+v", f.actions(d.ID))
	}
}

// SMS go through the provider's HTTP API, to a local server that speaks
// it.
func TestSMSThroughProvider(t *testing.T) {
	var mu sync.Mutex
	var got []map[string]any
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("api-key") != "k-test" || r.URL.Path != sms.BrevoPath {
			http.Error(w, `{"code":"unauthorized","message":"bad key"}`, http.StatusUnauthorized)
			return
		}
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		got = append(got, body)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"reference":"ref-1","messageId":42,"smsCount":1,"usedCredits":1,"remainingCredits":99}`))
	}))
	t.Cleanup(api.Close)
	f := newFixture(t, smtptest.Options{})
	f.eng.Channels.SMS = func(s ledger.DunningSettings) (sms.Provider, error) {
		return &sms.Brevo{APIKey: s.SMSKey, BaseURL: api.URL}, nil
	}
	s, err := f.st.DunningSettings(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.SMSKey, s.SMSSender = "k-test", "Durand"
	if err := f.st.SaveDunningSettings(f.ctx, s); err != nil {
		t.Fatal(err)
	}
	mobile := ledger.Contact{Name: "M. Petit", Phone: "06 12 34 56 78", SMSConsent: true, Email: "petit@courriel.example", Address: paris}
	d := f.debtor(ledger.KindConsumer, mobile, "2026-02-24") // 6 days late: the consumers' SMS (+3)
	f.run(day, cycle.Options{})
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Fatalf("provider received %d SMS; actions %+v", len(got), f.actions(d.ID))
	}
	if got[0]["recipient"] != "33612345678" && got[0]["recipient"] != "+33612345678" {
		t.Errorf("recipient %v", got[0]["recipient"])
	}
	if c, _ := got[0]["content"].(string); !strings.Contains(c, "1000,00") && !strings.Contains(c, "1 000,00") {
		t.Errorf("SMS without the amount: %q", c)
	}
	as := f.actions(d.ID)
	if len(as) != 1 || as[0].Status != ledger.ActionSent || as[0].ProviderRef == "" {
		t.Errorf("SMS action: %+v", as)
	}
}

// A dry run decides and reports, and writes nothing.
func TestDryRunWritesNothing(t *testing.T) {
	f := newFixture(t, smtptest.Options{})
	f.debtor(ledger.KindBusiness, withEmail, "2026-02-20")
	f.debtor(ledger.KindBusiness, withEmail, "2026-03-04")
	before, err := f.st.Events(f.ctx, store.EventQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	rep := f.run(day, cycle.Options{DryRun: true})
	if len(rep.Actions) != 2 {
		t.Fatalf("dry run: %+v", rep.Actions)
	}
	if as := f.actions(0); len(as) != 0 {
		t.Errorf("the dry run wrote %d actions", len(as))
	}
	if cs, _ := f.st.ListActions(f.ctx, store.ActionQuery{}); len(cs) != 0 {
		t.Errorf("dry run wrote actions")
	}
	if f.smtp.Count() != 0 {
		t.Errorf("the dry run sent %d emails", f.smtp.Count())
	}
	// Not even the shipped scenarios: they are saved on the first real
	// use.
	if scs, err := f.st.Scenarios(f.ctx); err != nil || len(scs) != 0 {
		t.Errorf("the dry run saved %d scenarios (%v)", len(scs), err)
	}
	if evs, err := f.st.Events(f.ctx, store.EventQuery{Limit: 100}); err != nil || len(evs) != len(before) {
		t.Errorf("the dry run journaled %d events (%v)", len(evs)-len(before), err)
	}
}

// A step whose email bounced is planned again through the next channel
// that can carry it: the same step, by letter.
func TestBouncedStepRevivedByLetter(t *testing.T) {
	f := newFixture(t, smtptest.Options{RejectRecipients: map[string]string{"compta@client.example": "550 5.1.1 no such user"}})
	sc := ledger.Scenario{Key: "tpe", Name: "Une relance", Steps: []ledger.Step{{Key: "j+10", Name: "Relance", OffsetDays: 10,
		Channel: ledger.ChannelEmail, Template: "reminder2", Stage: ledger.StageAmicable}}}
	if err := f.st.SaveScenario(f.ctx, &sc); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SaveSegments(f.ctx, []ledger.Segment{{Name: "Tous", ScenarioKey: "tpe"}}); err != nil {
		t.Fatal(err)
	}
	d := f.debtor(ledger.KindBusiness, withEmail, "2026-02-10")
	f.run(day, cycle.Options{})
	as := f.actions(d.ID)
	if len(as) != 1 || as[0].Status != ledger.ActionFailed || as[0].SkipReason != "bounced" {
		t.Fatalf("bounced: %+v", as)
	}
	f.run(day.AddDate(0, 0, 1), cycle.Options{})
	as = f.actions(d.ID)
	if len(as) != 1 || as[0].ID == 0 || as[0].Channel != ledger.ChannelLetter || as[0].Status != ledger.ActionSent {
		t.Fatalf("the bounced step by letter: %+v", as)
	}
}

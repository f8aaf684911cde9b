package web_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// engine is a dunning engine over the bundle's store, as the server
// builds one (no channel but letters).
func (b *bundle) engine() *cycle.Engine {
	return &cycle.Engine{Store: b.st, Now: func() time.Time { return now }, Worker: "test"}
}

// okMailer accepts every email: the engine's SMTP server in tests.
type okMailer struct{}

func (okMailer) Send(_ context.Context, _ email.Message, commit func() error) error { return commit() }
func (okMailer) Close() error                                                       { return nil }

// climbDays are the days Acmé's late invoice (due 31 March 2025) meets
// each step of the « TPE et PME » scenario: two emails, a call, the last
// letter, then the formal notice (35 days after the due date).
var climbDays = []string{"2025-04-03", "2025-04-10", "2025-04-18", "2025-04-25", "2025-05-05"}

// planNotices runs the cycle as it would have run on each of climbDays
// (a debt climbs one step a cycle), sending what is due through an SMTP
// server that accepts everything, and on the last day plans without
// sending: the formal notices then wait for approval.
func planNotices(t *testing.T, b *bundle, x *tenant) {
	t.Helper()
	e := b.engine()
	e.Channels.Mailer = func(ledger.DunningSettings) (cycle.Mailer, error) { return okMailer{}, nil }
	for i, d := range climbDays {
		day := civil.MustParse(d)
		at := time.Date(day.Year, time.Month(day.Month), day.Day, 10, 0, 0, 0, civil.Paris)
		if _, err := e.Run(t.Context(), x.Org.ID, cycle.Options{AsOf: at, PlanOnly: i == len(climbDays)-1}); err != nil {
			t.Fatalf("run the cycle on %s: %v", d, err)
		}
	}
}

// awaiting lists the organization's actions awaiting approval.
func awaiting(t *testing.T, b *bundle, x *tenant) []store.ActionView {
	t.Helper()
	as, err := b.st.ListActions(x.Ctx, store.ActionQuery{Statuses: []ledger.ActionStatus{ledger.ActionAwaitingApproval}, Limit: 1000})
	must(t, err)
	return as
}

// noticeOf is the formal notice awaiting approval for debtor d.
func noticeOf(t *testing.T, b *bundle, x *tenant, d *ledger.Debtor) store.ActionView {
	t.Helper()
	for _, a := range awaiting(t, b, x) {
		if a.DebtorID == d.ID && a.Stage == ledger.StageFormalNotice {
			return a
		}
	}
	t.Fatalf("no formal notice awaiting approval for %s among %+v", d.Name, awaiting(t, b, x))
	return store.ActionView{}
}

// actionOf reads an action back.
func actionOf(t *testing.T, b *bundle, x *tenant, id int64) *store.ActionView {
	t.Helper()
	a, err := b.st.GetAction(x.Ctx, id)
	must(t, err)
	return a
}

// lateDebtor adds a business debtor with one invoice late since due,
// with a postal address (a letter can reach it).
func lateDebtor(t *testing.T, b *bundle, x *tenant, ref, name, due string, minor int64) *ledger.Debtor {
	t.Helper()
	d := &ledger.Debtor{CreditorID: x.Creditor.ID, Ref: ref, Name: name, Kind: ledger.KindBusiness, Lang: "fr",
		Contacts: []ledger.Contact{{Name: "Comptabilité", Email: strings.ToLower(ref) + "@client.test", Phone: "04 78 11 22 33",
			Address: ledger.Address{Line1: "8 quai Perrache", PostalCode: "69002", City: "Lyon", Country: "FR"}, Primary: true}}}
	must(t, b.st.CreateDebtor(x.Ctx, d))
	issue := civil.MustParse(due).AddDays(-30).String()
	x.Invoice(t, b.st, d.ID, "F-"+ref, issue, due, minor)
	return d
}

// planCall puts a call task for Acmé on today's list.
func planCall(t *testing.T, b *bundle, x *tenant) ledger.Action {
	t.Helper()
	a := ledger.Action{DebtorID: x.acme.ID, StepKey: "j+18", Channel: ledger.ChannelCall, ScheduledFor: now, Status: ledger.ActionPlanned,
		InvoiceIDs: []int64{x.late.ID}, ScenarioKey: "tpe", Template: "call", Stage: ledger.StageAmicable, AmountDue: money.EUR(1_134_56)}
	out, err := b.st.WritePlan(x.Ctx, []store.PlanWrite{{DebtorID: x.acme.ID, Stage: ledger.StageAmicable, Actions: []ledger.Action{a}, On: today}})
	must(t, err)
	if len(out) != 1 || out[0].ID == 0 {
		t.Fatalf("plan a call: %+v", out)
	}
	return out[0]
}

var (
	textareaRe = regexp.MustCompile(`(?s)<textarea\s([^>]*)>(.*?)</textarea>`)
)

// formOf reads the fields the form of that id would send as the page
// shows it: hidden and text inputs, ticked boxes, textareas, each
// select's choice. Submit buttons are left out.
func formOf(t *testing.T, p page, id string) url.Values {
	t.Helper()
	start := strings.Index(p.body, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no form %q in the page:\n%s", id, p.body)
	}
	body := p.body[start:]
	body = body[:strings.Index(body, "</form>")]
	v := url.Values{}
	for _, tag := range tagRe.FindAllString(body, -1) {
		a := attrs(strings.TrimSuffix(strings.TrimPrefix(tag, "<input"), ">"))
		switch a["type"] {
		case "hidden", "text", "date", "email", "url", "password", "datetime-local":
			v.Add(a["name"], a["value"])
		case "checkbox":
			if _, on := a["checked"]; on {
				v.Add(a["name"], a["value"])
			}
		}
	}
	for _, m := range textareaRe.FindAllStringSubmatch(body, -1) {
		v.Set(attrs(m[1])["name"], html.UnescapeString(strings.TrimPrefix(m[2], "\n")))
	}
	for _, m := range selectRe.FindAllStringSubmatch(body, -1) {
		name := attrs(m[1])["name"]
		opts := optionRe.FindAllStringSubmatch(m[2], -1)
		if len(opts) == 0 {
			continue
		}
		choice := opts[0][1]
		for _, o := range opts {
			if o[2] != "" {
				choice = o[1]
			}
		}
		v.Set(name, html.UnescapeString(choice))
	}
	return v
}

// count is how many times s occurs in the page.
func (p page) count(s string) int { return strings.Count(p.body, s) }

// scenario reads a scenario of the organization.
func scenarioOf(t *testing.T, b *bundle, x *tenant, key string) ledger.Scenario {
	t.Helper()
	ss, err := b.st.Scenarios(x.Ctx)
	must(t, err)
	for _, s := range ss {
		if s.Key == key {
			return s
		}
	}
	t.Fatalf("no scenario %q", key)
	return ledger.Scenario{}
}

package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
)

// A dry run reports what the cycle would do and writes nothing; a real
// run plans it, and dispatches what the organization has channels for:
// letters into the print batch, emails when it has an SMTP server.
func TestRuns(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Relances")

	dry := b.run(t, p.tok, `{"dry_run":true}`)
	if !dry.DryRun || dry.OrgID != p.f.Org.ID || !dry.AsOf.Equal(monday) {
		t.Fatalf("dry run %+v", dry)
	}
	steps := map[string]itemJSON{}
	for _, it := range dry.Actions {
		if it.ActionID != 0 {
			t.Errorf("a dry run gave an action id: %+v", it)
		}
		steps[it.DebtorRef] = it
	}
	for ref, want := range map[string]string{"C001": "email planned", "C002": "call planned", "C003": "letter planned",
		"C004": "letter awaiting_approval", "C005": "letter awaiting_approval"} {
		it := steps[ref]
		if got := it.Channel + " " + it.Status; got != want {
			t.Errorf("%s: %q, want %q (%+v)", ref, got, want, it)
		}
	}
	if it := steps["C004"]; it.Scenario != "mise-en-demeure" || it.Step != "med" || it.AmountDue != "3100.00" || len(it.Invoices) != 1 || it.Invoices[0] != "F-104" {
		t.Errorf("formal notice item %+v", it)
	}
	if as := b.actions(t, p.tok, ""); len(as) != 0 {
		t.Fatalf("a dry run wrote %d actions", len(as))
	}
	if cs, _ := b.st.Cases(p.f.Ctx, p.dupont.ID); len(cs) != 0 {
		t.Fatalf("a dry run opened cases: %+v", cs)
	}

	rep := b.run(t, p.tok, `{}`)
	if rep.DryRun || rep.Planned != 2 || rep.Awaiting != 2 || rep.Sent != 1 || rep.Failed != 0 {
		t.Fatalf("run %+v", rep)
	}
	as := b.actions(t, p.tok, "")
	if len(as) != 5 {
		t.Fatalf("%d actions after the run: %+v", len(as), as)
	}
	got := byDebtor(as)
	for id, want := range map[int64]string{p.dupont.ID: "planned", p.martin.ID: "planned", p.leroy.ID: "sent",
		p.bernard.ID: "awaiting_approval", p.petit.ID: "awaiting_approval"} {
		if got[id].Status != want {
			t.Errorf("debtor %d: %+v, want %s", id, got[id], want)
		}
	}
	letter := got[p.leroy.ID]
	if letter.SentAt == nil || letter.Stage != "amicable" || letter.Channel != "letter" || letter.Scenario != "tpe" ||
		letter.AmountDue == nil || letter.AmountDue.Minor != 2400_00 || letter.CaseStage != "amicable" {
		t.Errorf("letter %+v", letter)
	}
	// A second run the same day plans no step twice: at most the step
	// after the letter sent, paced, later.
	b.run(t, p.tok, `{"plan_only":true}`)
	seen := map[string]bool{}
	for _, a := range b.actions(t, p.tok, "") {
		key := fmt.Sprint(a.DebtorID, a.Step)
		if seen[key] {
			t.Errorf("planned twice: %+v", a)
		}
		seen[key] = true
		if a.DebtorID != p.leroy.ID && got[a.DebtorID].ID != a.ID {
			t.Errorf("a second run planned %+v", a)
		}
	}

	// as_of: a date is the run hour of that day in Paris; an instant is
	// itself.
	d := b.run(t, p.tok, `{"as_of":"2025-06-20","dry_run":true}`)
	if want := time.Date(2025, 6, 20, 9, 0, 0, 0, time.UTC).Add(-2 * time.Hour); !d.AsOf.Equal(want) {
		t.Errorf("as_of date: %v, want %v", d.AsOf, want)
	}
	d = b.run(t, p.tok, `{"as_of":"2025-06-20T14:30:00Z","dry_run":true}`)
	if !d.AsOf.Equal(time.Date(2025, 6, 20, 14, 30, 0, 0, time.UTC)) {
		t.Errorf("as_of instant: %v", d.AsOf)
	}
	b.refused(t, http.MethodPost, "/api/v1/runs", p.tok, `{"as_of":"demain"}`, "as_of")
	wantError(t, b.do(t, http.MethodPost, "/api/v1/runs", p.tok, `{"dryrun":true}`, http.StatusBadRequest), http.StatusBadRequest, ledger.EInvalid, "body")
}

// The print batch of a day holds the letters sent that day.
func TestLetters(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Courrier")
	wantError(t, b.request(http.MethodGet, "/api/v1/dunning/letters", p.tok), http.StatusNotFound, ledger.ENotFound)
	b.run(t, p.tok, "")
	rec := b.request(http.MethodGet, "/api/v1/dunning/letters?day=2025-06-16", p.tok)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF") {
		t.Fatalf("letters: %d %s %.40q", rec.Code, rec.Header(), rec.Body)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "courriers-2025-06-16.pdf") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if rec := b.request(http.MethodGet, "/api/v1/dunning/letters", p.tok); rec.Code != http.StatusOK {
		t.Errorf("today's letters: %d", rec.Code)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/dunning/letters?day=2025-06-17", p.tok), http.StatusNotFound, ledger.ENotFound)
	wantError(t, b.request(http.MethodGet, "/api/v1/dunning/letters?day=16/06/2025", p.tok), http.StatusBadRequest, ledger.EInvalid, "day")
}

// Actions awaiting approval are approved or rejected in bulk; the others
// named are left alone, and the answer says how many changed.
func TestDecisions(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Approbations")
	b.run(t, p.tok, `{"plan_only":true}`)
	got := byDebtor(b.actions(t, p.tok, "&status=awaiting_approval"))
	if len(got) != 2 {
		t.Fatalf("awaiting approval: %+v", got)
	}
	planned := byDebtor(b.actions(t, p.tok, "&status=planned"))
	bernard, petit, dupont := got[p.bernard.ID].ID, got[p.petit.ID].ID, planned[p.dupont.ID].ID

	body := fmt.Sprintf(`{"ids":[%d,%d,987654],"approve":true}`, bernard, dupont)
	if n := jsonOf[map[string]int](t, b.do(t, http.MethodPost, "/api/v1/actions/decisions", p.tok, body, http.StatusOK)); n["changed"] != 1 {
		t.Errorf("approve: %v", n)
	}
	body = fmt.Sprintf(`{"ids":[%d,%d],"approve":false}`, petit, bernard)
	if n := jsonOf[map[string]int](t, b.do(t, http.MethodPost, "/api/v1/actions/decisions", p.tok, body, http.StatusOK)); n["changed"] != 1 {
		t.Errorf("reject: %v", n)
	}
	a := decode[actionDetailJSON](t, b.get(t, fmt.Sprintf("/api/v1/actions/%d", bernard), p.tok, http.StatusOK))
	if a.Status != "planned" || a.DecidedBy == "" || a.DecidedAt == nil || a.Content != nil {
		t.Errorf("approved: %+v", a)
	}
	r := decode[actionDetailJSON](t, b.get(t, fmt.Sprintf("/api/v1/actions/%d", petit), p.tok, http.StatusOK))
	if r.Status != "cancelled" || r.SkipReason != "rejected" || r.SkipLabelEN == "" || r.SkipLabelFR == "" {
		t.Errorf("rejected: %+v", r)
	}
	if d := decode[actionDetailJSON](t, b.get(t, fmt.Sprintf("/api/v1/actions/%d", dupont), p.tok, http.StatusOK)); d.Status != "planned" || d.DecidedAt != nil {
		t.Errorf("not awaiting approval, yet decided: %+v", d)
	}

	b.refused(t, http.MethodPost, "/api/v1/actions/decisions", p.tok, `{"ids":[],"approve":true}`, "ids")
	b.refused(t, http.MethodPost, "/api/v1/actions/decisions", p.tok, fmt.Sprintf(`{"ids":[%d]}`, petit), "approve")
	b.refused(t, http.MethodPost, "/api/v1/actions/decisions", p.tok, `{"ids":[1,-2],"approve":true}`, "ids[1]")
}

// The list of actions filters by debtor, status, channel and schedule,
// and pages by cursor or offset.
func TestActionList(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Liste")
	b.run(t, p.tok, `{"plan_only":true}`)
	all := b.actions(t, p.tok, "")
	if len(all) != 5 {
		t.Fatalf("%d actions", len(all))
	}
	paged, pages := walk(t, b, "/api/v1/actions?limit=2", p.tok, 2, func(a dunningActionJSON) int64 { return a.ID })
	if len(paged) != 5 || pages != 3 {
		t.Errorf("by cursor: %d actions in %d pages", len(paged), pages)
	}
	off := decode[listBody[dunningActionJSON]](t, b.get(t, "/api/v1/actions?limit=2&offset=4", p.tok, http.StatusOK))
	if len(off.Data) != 1 || off.Data[0].ID != all[4].ID || off.NextCursor != nil {
		t.Errorf("offset 4: %+v", off)
	}
	for filter, want := range map[string]int{
		fmt.Sprintf("&debtor_id=%d", p.dupont.ID):               1,
		"&status=planned&status=awaiting_approval":              5,
		"&status=planned,awaiting_approval":                     5,
		"&status=sent":                                          0,
		"&channel=letter":                                       3,
		"&channel=call":                                         1,
		"&from=2025-06-16&until=2025-06-16":                     5,
		"&until=2025-06-15":                                     0,
		"&from=2025-06-16T10:00:00%2B02:00":                     5,
		"&from=2025-06-17":                                      0,
		fmt.Sprintf("&debtor_id=%d", 987654):                    0,
		"&channel=letter&status=awaiting_approval":              2,
		fmt.Sprintf("&debtor_id=%d&channel=email", p.martin.ID): 0,
	} {
		if got := b.actions(t, p.tok, filter); len(got) != want {
			t.Errorf("%s: %d actions, want %d", filter, len(got), want)
		}
	}
	for _, bad := range []string{"status=lost", "channel=pigeon", "from=hier", "limit=0", "offset=-1", "cursor=x", "cursor=YQ&offset=2", "debtor_id=x"} {
		wantError(t, b.request(http.MethodGet, "/api/v1/actions?"+bad, p.tok), http.StatusBadRequest, ledger.EInvalid)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/actions/987654", p.tok), http.StatusNotFound, ledger.ENotFound)
}

// The day's plan shows what is scheduled today and what a run would add.
func TestTodayPlan(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Jour")
	type planJSON struct {
		Day      string              `json:"day"`
		Now      time.Time           `json:"now"`
		Actions  []dunningActionJSON `json:"actions"`
		Upcoming []itemJSON          `json:"upcoming"`
		Held     []itemJSON          `json:"held"`
	}
	before := decode[planJSON](t, b.get(t, "/api/v1/plan/today", p.tok, http.StatusOK))
	if before.Day != "2025-06-16" || len(before.Actions) != 0 || len(before.Upcoming) != 5 {
		t.Fatalf("before the run: %+v", before)
	}
	b.run(t, p.tok, `{"plan_only":true}`)
	after := decode[planJSON](t, b.get(t, "/api/v1/plan/today", p.tok, http.StatusOK))
	if len(after.Actions) != 5 || len(after.Upcoming) != 0 {
		t.Fatalf("after the run: %+v", after)
	}
}

// The call list holds the day's call tasks with what the caller needs;
// the outcome of a call closes the task and acts on it.
func TestCalls(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Appels")
	b.run(t, p.tok, `{"plan_only":true}`)
	type callJSON struct {
		dunningActionJSON
		Phone     string     `json:"phone"`
		Contact   string     `json:"contact"`
		Due       *moneyJSON `json:"due"`
		OldestDue *string    `json:"oldest_due"`
		Invoices  []struct {
			ID          int64     `json:"id"`
			Number      string    `json:"number"`
			IssueDate   *string   `json:"issue_date"`
			DueDate     *string   `json:"due_date"`
			Amount      moneyJSON `json:"amount"`
			Outstanding moneyJSON `json:"outstanding"`
			Disputed    bool      `json:"disputed"`
		} `json:"invoices"`
		Script   string              `json:"script"`
		History  []dunningActionJSON `json:"history"`
		Promises []promiseJSON       `json:"promises"`
	}
	calls := decode[listBody[callJSON]](t, b.get(t, "/api/v1/calls", p.tok, http.StatusOK))
	if len(calls.Data) != 1 {
		t.Fatalf("calls %+v", calls)
	}
	c := calls.Data[0]
	if c.DebtorID != p.martin.ID || c.Phone != "0478000002" || c.Contact != "Paul Martin" || c.Due == nil || c.Due.Minor != 850_00 ||
		deref(c.OldestDue) != "2025-05-27" || len(c.Invoices) != 1 || c.Invoices[0].Number != "F-102" || !strings.Contains(c.Script, "Martin") {
		t.Errorf("call %+v", c)
	}
	if other := decode[listBody[callJSON]](t, b.get(t, "/api/v1/calls?owner_id=987654", p.tok, http.StatusOK)); len(other.Data) != 0 {
		t.Errorf("another owner's calls: %+v", other.Data)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/calls?owner_id=moi", p.tok), http.StatusBadRequest, ledger.EInvalid, "owner_id")

	target := fmt.Sprintf("/api/v1/actions/%d/call-outcome", c.ID)
	for body, field := range map[string]string{
		`{"outcome":"maybe"}`:                                                        "outcome",
		`{"outcome":"promise","promise_due":"2025-06-30"}`:                           "promise_amount",
		`{"outcome":"promise","promise_amount":"-5","promise_due":"2025-06-30"}`:     "promise_amount",
		`{"outcome":"promise","promise_amount":"850.00","promise_due":"2025-06-01"}`: "promise_due",
		`{"outcome":"promise","promise_amount":"850.00"}`:                            "promise_due",
		`{"outcome":"dispute"}`:                                                      "dispute_reason",
		`{"outcome":"call_back","call_back_at":"demain"}`:                            "call_back_at",
		`{"outcome":"paid","currency":"euro"}`:                                       "currency",
	} {
		b.refused(t, http.MethodPost, target, p.tok, body, field)
	}
	email := byDebtor(b.actions(t, p.tok, "&channel=email"))[p.dupont.ID]
	wantError(t, b.do(t, http.MethodPost, fmt.Sprintf("/api/v1/actions/%d/call-outcome", email.ID), p.tok, `{"outcome":"paid"}`, http.StatusConflict),
		http.StatusConflict, ledger.EConflict, "not a call")
	wantError(t, b.do(t, http.MethodPost, "/api/v1/actions/987654/call-outcome", p.tok, `{"outcome":"paid"}`, http.StatusNotFound),
		http.StatusNotFound, ledger.ENotFound)

	// A promise made on the phone is recorded: the scenario waits for it.
	done := decode[actionDetailJSON](t, b.do(t, http.MethodPost, target, p.tok,
		`{"outcome":"promise","promise_amount":"850.00","promise_due":"2025-06-30","note":"Paiera fin juin"}`, http.StatusOK))
	if done.Status != "sent" || done.Outcome != "promise" || done.Note != "Paiera fin juin" {
		t.Errorf("call after its outcome: %+v", done)
	}
	ps := decode[listBody[promiseJSON]](t, b.get(t, fmt.Sprintf("/api/v1/debtors/%d/promises", p.martin.ID), p.tok, http.StatusOK))
	if len(ps.Data) != 1 || ps.Data[0].Amount.Minor != 850_00 || ps.Data[0].DueOn != "2025-06-30" || ps.Data[0].Status != "pending" {
		t.Fatalf("promises after the call: %+v", ps.Data)
	}
	if calls := decode[listBody[callJSON]](t, b.get(t, "/api/v1/calls", p.tok, http.StatusOK)); len(calls.Data) != 0 {
		t.Errorf("the call is still on the list: %+v", calls.Data)
	}
	dry := b.run(t, p.tok, `{"dry_run":true}`)
	for _, it := range dry.Actions {
		if it.DebtorID == p.martin.ID && it.SkipReason != "promise" {
			t.Errorf("Martin is reminded despite the promise: %+v", it)
		}
	}
}

// A call not answered plans the next attempt.
func TestCallNoAnswer(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Rappels")
	b.run(t, p.tok, `{"plan_only":true}`)
	call := byDebtor(b.actions(t, p.tok, "&channel=call"))[p.martin.ID]
	b.do(t, http.MethodPost, fmt.Sprintf("/api/v1/actions/%d/call-outcome", call.ID), p.tok, `{"outcome":"no_answer"}`, http.StatusOK)
	var next []dunningActionJSON
	for _, a := range b.actions(t, p.tok, "&channel=call") {
		if a.Status == "planned" {
			next = append(next, a)
		}
	}
	if len(next) != 1 || next[0].Step != call.Step+"~2" || !next[0].ScheduledFor.After(monday) {
		t.Errorf("next call %+v", next)
	}
}

// An email that went out keeps what it said; its bounce, posted back,
// marks the debtor's address as bounced.
func TestSentContentAndBounces(t *testing.T) {
	t.Parallel()
	mailer := &fakeMailer{}
	b := dunningSetup(t, mailer)
	p := newDunningBook(t, b, "Rebonds")
	rep := b.run(t, p.tok, "")
	if rep.Sent != 2 || mailer.count() != 1 {
		t.Fatalf("run %+v; %d emails", rep, mailer.count())
	}
	sent := byDebtor(b.actions(t, p.tok, "&status=sent&channel=email"))[p.dupont.ID]
	a := decode[actionDetailJSON](t, b.get(t, fmt.Sprintf("/api/v1/actions/%d", sent.ID), p.tok, http.StatusOK))
	if a.Content == nil || a.Content.Subject == "" || !strings.Contains(a.Content.Text, "F-101") || !strings.Contains(a.Content.HTML, "<") ||
		a.Recipient != "compta@dupont.test" || !strings.HasPrefix(a.MessageID, fmt.Sprintf("<action-%d.", a.ID)) || a.SentAt == nil {
		t.Fatalf("sent email %+v", a)
	}
	if a.Content.Subject != mailer.sent[0].Subject {
		t.Errorf("content subject %q, sent %q", a.Content.Subject, mailer.sent[0].Subject)
	}

	type bounceJSON struct {
		ActionID   int64  `json:"action_id"`
		DebtorID   int64  `json:"debtor_id"`
		Address    string `json:"address"`
		Status     string `json:"status"`
		Diagnostic string `json:"diagnostic"`
		Permanent  bool   `json:"permanent"`
		Recorded   bool   `json:"recorded"`
	}
	post := func(ct, body string, want int) *bounceJSON {
		t.Helper()
		rec := b.send(http.MethodPost, "/api/v1/bounces", p.tok, ct, body)
		if rec.Code != want {
			t.Fatalf("bounce: %d %s, want %d", rec.Code, rec.Body, want)
		}
		if want != http.StatusOK {
			return nil
		}
		out := decode[bounceJSON](t, rec)
		return &out
	}
	// A delay is no bounce.
	delayed := post("message/rfc822", strings.Replace(dsnFor("compta@dupont.test", a.MessageID, "4.4.1"), "Action: failed", "Action: delayed", 1), http.StatusOK)
	if delayed.Recorded || delayed.Permanent || delayed.DebtorID != p.dupont.ID {
		t.Errorf("delayed %+v", delayed)
	}
	if bs, _ := b.st.Bounces(p.f.Ctx, p.dupont.ID); len(bs) != 0 {
		t.Fatalf("a delay was recorded: %+v", bs)
	}
	got := post("message/rfc822", dsnFor("compta@dupont.test", a.MessageID, "5.1.1"), http.StatusOK)
	if *got != (bounceJSON{ActionID: a.ID, DebtorID: p.dupont.ID, Address: "compta@dupont.test", Status: "5.1.1",
		Diagnostic: got.Diagnostic, Permanent: true, Recorded: true}) || !strings.Contains(got.Diagnostic, "User unknown") {
		t.Errorf("bounce %+v", got)
	}
	bs, err := b.st.Bounces(p.f.Ctx, p.dupont.ID)
	must(t, err)
	if len(bs) != 1 || bs[0].Address != "compta@dupont.test" || bs[0].Kind != "email" || !strings.Contains(bs[0].Reason, "5.1.1") {
		t.Fatalf("bounces %+v", bs)
	}
	// The report alone, its header in Content-Type.
	whole := dsnFor("compta@dupont.test", a.MessageID, "5.1.1")
	_, report, _ := strings.Cut(whole, "\r\n\r\n")
	if got := post(`multipart/report; report-type=delivery-status; boundary="B"`, report, http.StatusOK); !got.Recorded {
		t.Errorf("multipart/report: %+v", got)
	}

	// Unknown messages: another id, a forged hash, a Message-ID of
	// someone else, none at all.
	forged := strings.Replace(a.MessageID, ".", ".0", 1)
	for _, id := range []string{fmt.Sprintf("<action-%d.abcdef012345@recouvre.test>", 987654), forged, "<CAF=x@mail.gmail.com>"} {
		rec := b.send(http.MethodPost, "/api/v1/bounces", p.tok, "message/rfc822", dsnFor("compta@dupont.test", id, "5.1.1"))
		wantError(t, rec, http.StatusNotFound, ledger.ENotFound)
	}
	noID := strings.Replace(whole, "Message-ID: "+a.MessageID+"\r\n", "", 1)
	wantError(t, b.send(http.MethodPost, "/api/v1/bounces", p.tok, "message/rfc822", noID), http.StatusNotFound, ledger.ENotFound)
	// What is not a bounce.
	rec := b.send(http.MethodPost, "/api/v1/bounces", p.tok, "message/rfc822",
		"From: a@b.fr\r\nTo: c@d.fr\r\nSubject: Bonjour\r\n\r\nMerci pour votre paiement.\r\n")
	e := decode[refusalJSON](t, rec)
	if rec.Code != http.StatusUnprocessableEntity || e.Error.Field != "body" || !strings.Contains(e.Error.Message, "no message/delivery-status part") {
		t.Errorf("not a bounce: %+v", e)
	}
	wantError(t, b.send(http.MethodPost, "/api/v1/bounces", p.tok, "text/plain", whole), http.StatusUnsupportedMediaType, "unsupported_media_type")
	wantError(t, b.send(http.MethodPost, "/api/v1/bounces", p.tok, "", whole), http.StatusUnsupportedMediaType, "unsupported_media_type")
}

// A dispute raised on the phone opens a dispute on the call's invoices;
// an invoice that is not the debtor's is refused before anything is
// written.
func TestCallDispute(t *testing.T) {
	t.Parallel()
	b := dunningSetup(t, nil)
	p := newDunningBook(t, b, "Litige au téléphone")
	b.run(t, p.tok, `{"plan_only":true}`)
	call := byDebtor(b.actions(t, p.tok, "&channel=call"))[p.martin.ID]
	target := fmt.Sprintf("/api/v1/actions/%d/call-outcome", call.ID)
	b.refused(t, http.MethodPost, target, p.tok,
		fmt.Sprintf(`{"outcome":"dispute","dispute_reason":"Jamais livré","invoice_ids":[%d]}`, p.invoices["F-101"].ID), "invoice_ids[0]")
	if a := decode[actionDetailJSON](t, b.get(t, "/api/v1/actions/"+fmt.Sprint(call.ID), p.tok, http.StatusOK)); a.Status != "planned" || a.Outcome != "" {
		t.Fatalf("a refused outcome was written: %+v", a)
	}
	done := decode[actionDetailJSON](t, b.do(t, http.MethodPost, target, p.tok, `{"outcome":"dispute","dispute_reason":"Jamais livré"}`, http.StatusOK))
	if done.Outcome != "dispute" {
		t.Errorf("call %+v", done)
	}
	ds := decode[listBody[disputeJSON]](t, b.get(t, fmt.Sprintf("/api/v1/debtors/%d/disputes", p.martin.ID), p.tok, http.StatusOK))
	if len(ds.Data) != 1 || ds.Data[0].InvoiceID != p.invoices["F-102"].ID || ds.Data[0].Reason != "Jamais livré" || ds.Data[0].Status != "open" {
		t.Errorf("disputes %+v", ds.Data)
	}
}

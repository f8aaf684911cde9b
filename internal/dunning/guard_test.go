package dunning

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/ledger"
)

func TestRecheck(t *testing.T) {
	now := at(2026, 3, 16, 10, 0) // a Monday, within quiet hours
	action := ledger.Action{ID: 1, StepKey: "j+10", Channel: ledger.ChannelEmail, InvoiceIDs: []int64{1, 2}}
	base := func() *Facts { return factsOf(inv(1, "2026-03-05", 100), inv(2, "2026-03-06", 200)) }
	tests := []struct {
		name   string
		facts  func() *Facts
		action func(a *ledger.Action)
		now    time.Time
		reason string
		retry  time.Time
	}{
		{name: "ok", facts: base},
		{name: "one invoice paid, the other still due", facts: func() *Facts { f := base(); f.Invoices = f.Invoices[1:]; return f }},
		{name: "all paid: gone from the open invoices", facts: func() *Facts { return factsOf(inv(3, "2026-03-07", 50)) }, reason: ReasonPaid},
		{name: "zero balance", facts: func() *Facts {
			f := base()
			f.Invoices[0].Outstanding = eur(0)
			f.Invoices[1].Outstanding = eur(0)
			return f
		}, reason: ReasonPaid},
		{name: "no invoice at all", facts: base, action: func(a *ledger.Action) { a.InvoiceIDs = nil }, reason: ReasonPaid},
		{name: "one disputed, the other due", facts: func() *Facts { f := base(); f.Invoices[0].Disputed = true; return f }},
		{name: "all disputed", facts: func() *Facts {
			f := base()
			f.Invoices[0].Disputed = true
			f.Invoices[1].Disputed = true
			return f
		}, reason: ReasonDispute},
		{name: "disputed and paid", facts: func() *Facts { f := base(); f.Invoices[0].Disputed = true; f.Invoices = f.Invoices[:1]; return f }, reason: ReasonDispute},
		{name: "insolvency", facts: func() *Facts { f := base(); f.Insolvent = true; return f }, reason: ReasonInsolvency},
		{name: "do not contact", facts: func() *Facts { f := base(); f.Pause.DoNotContact = true; return f }, reason: ReasonDoNotContact},
		{name: "paused until today", facts: func() *Facts { f := base(); f.Pause.PausedUntil = date("2026-03-16"); return f }, reason: ReasonPaused},
		{name: "paused until yesterday", facts: func() *Facts { f := base(); f.Pause.PausedUntil = date("2026-03-15"); return f }},
		{name: "promise pending", facts: func() *Facts {
			f := base()
			f.Promises = []ledger.Promise{{ID: 1, Amount: eur(300), DueOn: date("2026-03-20"), Status: ledger.PromisePending, PaidBase: eur(0)}}
			return f
		}, reason: ReasonPromise},
		{name: "promise broken", facts: func() *Facts {
			f := base()
			f.Promises = []ledger.Promise{{ID: 1, Amount: eur(300), DueOn: date("2026-03-10"), Status: ledger.PromisePending, PaidBase: eur(0)}}
			return f
		}},
		{name: "plan in force", facts: func() *Facts {
			f := withPlan(eur(1300), "2026-03-01", 5)
			f.Invoices = base().Invoices
			return f
		}, reason: ReasonPlan},
		{name: "before quiet hours", facts: base, now: at(2026, 3, 16, 8, 0), reason: ReasonQuietHours, retry: at(2026, 3, 16, 9, 0)},
		{name: "at quiet end", facts: base, now: at(2026, 3, 16, 19, 0), reason: ReasonQuietHours, retry: at(2026, 3, 17, 9, 0)},
		{name: "Sunday", facts: base, now: at(2026, 3, 22, 10, 0), reason: ReasonQuietHours, retry: at(2026, 3, 23, 9, 0)},
		{name: "14 July", facts: base, now: at(2026, 7, 14, 10, 0), reason: ReasonQuietHours, retry: at(2026, 7, 15, 9, 0)},
		{name: "Easter Monday", facts: base, now: at(2026, 4, 6, 10, 0), reason: ReasonQuietHours, retry: at(2026, 4, 7, 9, 0)},
		{name: "Good Friday in Moselle", facts: func() *Facts {
			f := base()
			f.Debtor.Contacts[0].Address.PostalCode = "57000"
			return f
		}, now: at(2026, 4, 3, 10, 0), reason: ReasonQuietHours, retry: at(2026, 4, 4, 9, 0)},
		{name: "weekly cap reached", facts: func() *Facts {
			f := base()
			f.Contacts7 = []time.Time{at(2026, 3, 10, 11, 0), at(2026, 3, 13, 15, 0)}
			return f
		}, reason: ReasonWeeklyCap, retry: at(2026, 3, 17, 11, 0)},
		{name: "weekly cap: the oldest exactly 7 days ago is out", facts: func() *Facts {
			f := base()
			f.Contacts7 = []time.Time{at(2026, 3, 9, 10, 0), at(2026, 3, 13, 15, 0)}
			return f
		}},
		{name: "weekly cap: one second inside", facts: func() *Facts {
			f := base()
			f.Contacts7 = []time.Time{at(2026, 3, 9, 10, 0).Add(time.Second), at(2026, 3, 13, 15, 0)}
			return f
		}, reason: ReasonWeeklyCap, retry: at(2026, 3, 16, 10, 0).Add(time.Second)},
		{name: "email bounced since planning", facts: func() *Facts {
			f := base()
			f.Bounced = []Bounce{{Address: "compta@client.fr", Kind: BounceEmail}}
			return f
		}, reason: ReasonNoContact},
		{name: "bounced, another contact has an email", facts: func() *Facts {
			f := base()
			f.Bounced = []Bounce{{Address: "compta@client.fr", Kind: BounceEmail}}
			f.Debtor.Contacts = append(f.Debtor.Contacts, ledger.Contact{ID: 2, Email: "dg@client.fr"})
			return f
		}},
		{name: "sms: consent withdrawn", facts: func() *Facts { f := base(); f.Debtor.Contacts[0].SMSConsent = false; return f },
			action: func(a *ledger.Action) { a.Channel = ledger.ChannelSMS }, reason: ReasonNoContact},
	}
	for _, tt := range tests {
		a := action
		a.InvoiceIDs = append([]int64(nil), action.InvoiceIDs...)
		if tt.action != nil {
			tt.action(&a)
		}
		n := tt.now
		if n.IsZero() {
			n = now
		}
		ok, reason, retry := Recheck(input(n), tt.facts(), a, n)
		if ok != (tt.reason == "") || reason != tt.reason || !retry.Equal(tt.retry) {
			t.Errorf("%s: Recheck = %v %q %s, want %q %s", tt.name, ok, reason, retry, tt.reason, tt.retry)
		}
	}
}

func TestReasonConstants(t *testing.T) {
	if ReasonPaid != ledger.SkipPaid || ReasonUnconfirmed != ledger.SkipUnconfirmed {
		t.Error("reasons must equal the ledger's skip reasons")
	}
	seen := map[string]bool{}
	for _, r := range Reasons() {
		if seen[r] {
			t.Errorf("reason %q listed twice", r)
		}
		seen[r] = true
		fr, en := ReasonLabel(r, "fr"), ReasonLabel(r, "en")
		if fr == r || en == r || fr == en {
			t.Errorf("%s: labels %q / %q", r, fr, en)
		}
		if ReasonLabel(r, "") != fr || ReasonLabel(r, "fr-FR") != fr || ReasonLabel(r, "de") != en {
			t.Errorf("%s: language fallback", r)
		}
		if !utf8.ValidString(fr) {
			t.Errorf("%s: invalid UTF-8", r)
		}
		// French typography: no ordinary space before : ; ! ? », none
		// missing after «, narrow no-break space before ; ! ?.
		for _, bad := range []string{" :", " ;", " !", " ?", " »", "« ", "\u00a0;", "\u00a0!", "\u00a0?", "'"} {
			if strings.Contains(fr, bad) {
				t.Errorf("%s: French label %q contains %q", r, fr, bad)
			}
		}
		for i, c := range fr {
			switch c {
			case ':':
				if !strings.HasSuffix(fr[:i], "\u00a0") {
					t.Errorf("%s: no no-break space before ':' in %q", r, fr)
				}
			case ';', '!', '?':
				if !strings.HasSuffix(fr[:i], "\u202f") {
					t.Errorf("%s: no narrow no-break space before %q in %q", r, c, fr)
				}
			}
		}
	}
	for _, r := range []string{ReasonPaid, ReasonDispute, ReasonQuietHours, ReasonWeeklyCap, ReasonNoContact,
		ReasonInsolvency, ReasonDoNotContact, ReasonPaused, ReasonPromise, ReasonPlan, ReasonLimitation,
		ReasonNoSegment, ReasonPending, ReasonMinAmount, ReasonReplied, ReasonNoAddress, ReasonNoPhone, ReasonBounced} {
		if !seen[r] {
			t.Errorf("reason %q not in Reasons()", r)
		}
	}
	if ReasonLabel("whatever", "fr") != "whatever" {
		t.Error("an unknown reason is returned as it is")
	}
	if got := ReasonLabel(ReasonDoNotContact, "fr"); got != "Débiteur marqué «\u00a0ne pas contacter\u00a0»." {
		t.Errorf("do_not_contact: %q", got)
	}
}

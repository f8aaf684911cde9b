package dunning

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// at is a wall-clock time in Paris.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, civil.Paris)
}

func date(s string) civil.Date { return civil.MustParse(s) }

func eur(euros int64) money.Amount { return money.EUR(euros * 100) }

// contact is a reachable primary contact: email, a mobile with SMS
// consent, a postal address in Paris.
func contact() ledger.Contact {
	return ledger.Contact{ID: 1, Name: "Compta", Email: "compta@client.fr", Phone: "06 12 34 56 78", SMSConsent: true, Primary: true,
		Address: ledger.Address{Line1: "12 rue de la Roquette", PostalCode: "75011", City: "Paris", Country: "FR"}}
}

func debtorOf(kind ledger.DebtorKind, contacts ...ledger.Contact) ledger.Debtor {
	if contacts == nil {
		contacts = []ledger.Contact{contact()}
	}
	return ledger.Debtor{ID: 7, Ref: "C007", Name: "Client", Kind: kind, Contacts: contacts}
}

func inv(id int64, due string, euros int64) OpenInvoice {
	d := date(due)
	return OpenInvoice{ID: id, Number: "F" + d.String(), IssueDate: d.AddDays(-30), DueDate: d, Amount: eur(euros), Outstanding: eur(euros)}
}

// factsOf is a business debtor, reachable, with no score, and the
// invoices given.
func factsOf(ivs ...OpenInvoice) *Facts {
	return &Facts{Debtor: debtorOf(ledger.KindBusiness), RiskScore: -1, Invoices: ivs, Paid: eur(0)}
}

// input is the shipped configuration at now.
func input(now time.Time) *Input {
	in := &Input{Now: now, Settings: ledger.DefaultDunningSettings(1), Scenarios: map[string]ledger.Scenario{}, Segments: DefaultSegments()}
	for _, s := range DefaultScenarios() {
		in.Scenarios[s.Key] = s
	}
	return in
}

// openCase is an open case at stage s, opened at t.
func openCase(s ledger.Stage, t time.Time) *ledger.Case {
	return &ledger.Case{ID: 40, DebtorID: 7, Stage: s, OpenedAt: t}
}

func plan1(in *Input, f *Facts) Decision {
	ds := Plan(in, f)
	if len(ds) != 1 {
		panic("Plan must return one decision")
	}
	return ds[0]
}

// sent is a sent action of the case.
func sentStep(id int64, key string, t time.Time) StepDone {
	return StepDone{ActionID: id, StepKey: key, ScenarioKey: ScenarioTPE, Status: ledger.ActionSent, ScheduledFor: t, SentAt: t}
}

// through returns f with an open case that has been through the steps of
// its scenario before step: each sent on its day at 9:00 (clock + offset,
// the clock being the oldest overdue invoice's due date), none later than
// the cycle's clock.
func through(in *Input, f *Facts, step string) *Facts {
	today := civil.Today(in.Now, civil.Paris)
	seg, _ := Match(in.Segments, ProfileOf(f, today))
	sc := in.Scenarios[seg.ScenarioKey]
	var clock civil.Date
	for _, iv := range f.Invoices {
		if iv.DueDate.Before(today) && (clock.IsZero() || iv.DueDate.Before(clock)) {
			clock = iv.DueDate
		}
	}
	if f.Case == nil || !f.Case.Open() {
		f.Case = openCase(ledger.StageAmicable, clock.Time(civil.Paris))
	}
	for i, st := range sc.Steps {
		if st.Key == step {
			break
		}
		if st.OffsetDays <= 0 {
			continue
		}
		d := clock.AddDays(st.OffsetDays)
		sent := time.Date(d.Year, d.Month, d.Day, 9, 0, 0, 0, civil.Paris)
		if sent.After(in.Now) {
			sent = in.Now.Add(-time.Hour)
		}
		f.Steps = append(f.Steps, StepDone{ActionID: int64(100 + i), StepKey: st.Key, Status: ledger.ActionSent, Channel: st.Channel,
			ScheduledFor: sent, SentAt: sent, ScenarioKey: sc.Key})
	}
	return f
}

package dunning

import (
	"fmt"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// The keys of the shipped scenarios.
const (
	ScenarioTPE           = "tpe"
	ScenarioGrandsComptes = "grands-comptes"
	ScenarioParticuliers  = "particuliers"
	ScenarioPublic        = "public"
)

// stepKey is "j-3", "j+10": the day counted from the due date, which
// never changes once used (it is part of the action's unique key).
func stepKey(offset int) string {
	if offset < 0 {
		return fmt.Sprintf("j%d", offset)
	}
	return fmt.Sprintf("j+%d", offset)
}

func step(offset int, ch ledger.Channel, template string, stage ledger.Stage, name string) ledger.Step {
	return ledger.Step{Key: stepKey(offset), Name: name, OffsetDays: offset, Channel: ch, Template: template, Stage: stage}
}

// predue, email, sms, call, letter, notice and handoff build the steps of
// the shipped scenarios.
func predue(offset int) ledger.Step {
	return step(offset, ledger.ChannelEmail, TemplatePreDue, ledger.StagePreventive, "Rappel avant échéance")
}

func email(offset int, template, name string) ledger.Step {
	return step(offset, ledger.ChannelEmail, template, ledger.StageAmicable, name)
}

func sms(offset int, template, name string) ledger.Step {
	return step(offset, ledger.ChannelSMS, template, ledger.StageAmicable, name)
}

// call is a call task, passed over when the debtor answered since the
// last reminder: nobody needs chasing by phone who just wrote back.
func call(offset int, name string) ledger.Step {
	s := step(offset, ledger.ChannelCall, TemplateCall, ledger.StageAmicable, name)
	s.OnlyIfNoReply = true
	return s
}

func final(offset int) ledger.Step {
	return step(offset, ledger.ChannelLetter, TemplateFinal, ledger.StageAmicable, "Dernière relance avant mise en demeure")
}

// notice is the formal notice: registered letter, signed off by a person.
func notice(offset int) ledger.Step {
	s := step(offset, ledger.ChannelLetter, TemplateFormalNotice, ledger.StageFormalNotice, "Mise en demeure")
	s.Registered, s.Approval = true, true
	return s
}

// handoff is the hand-off to litigation (injonction de payer, agency,
// commissaire de justice): a task a person approves, and not below an
// amount under which the procedure costs more than it brings.
func handoff(offset int, min money.Amount) ledger.Step {
	s := step(offset, ledger.ChannelCall, TemplateHandoff, ledger.StageLitigation, "Transmission au contentieux")
	s.Approval, s.MinAmount = true, min
	return s
}

// DefaultScenarios are the four scenarios an organization starts with,
// written the way a French credit manager would sign them. Tone and legal
// mentions (the €40 indemnity, consumer wording, interest de plein droit
// of public bodies) are the templates' business; here are the rhythm and
// the channels.
//
//   - tpe — small and mid-sized firms: a pre-due email 3 days before, two
//     emails, a call, a final letter, the formal notice at +35 and the
//     hand-off at +50 (not below 300 €).
//   - grands-comptes — large accounts, whose payments get stuck in an
//     accounts-payable process more often than in bad will: softer and
//     slower, more calls to the supplier-accounting team, the second email
//     with its letter attached; formal notice at +60, hand-off at +90.
//   - particuliers — consumers: SMS (with consent only, else email) and
//     fewer, quicker steps; no formal notice before 30 days; hand-off at
//     +45 (not below 150 €).
//   - public — public bodies: they pay through the accounting officer
//     after a service-done certification, and interest runs as of right,
//     so the rhythm is longer with calls to the accounting office; formal
//     notice at +75 (it interrupts the déchéance quadriennale), hand-off
//     at +105.
func DefaultScenarios() []ledger.Scenario {
	return []ledger.Scenario{
		{
			Key:  ScenarioTPE,
			Name: "TPE et PME",
			Steps: []ledger.Step{
				predue(-3),
				email(3, TemplateReminder1, "Première relance"),
				email(10, TemplateReminder2, "Deuxième relance"),
				call(18, "Appel de relance"),
				final(25),
				notice(35),
				handoff(50, money.EUR(300_00)),
			},
		},
		{
			Key:  ScenarioGrandsComptes,
			Name: "Grands comptes",
			Steps: []ledger.Step{
				predue(-7),
				email(5, TemplateReminder1, "Première relance"),
				call(12, "Appel au service comptabilité fournisseurs"),
				func() ledger.Step {
					s := email(20, TemplateReminder2, "Deuxième relance avec relevé")
					s.AttachLetter = true
					return s
				}(),
				call(30, "Appel de suivi à la comptabilité fournisseurs"),
				final(45),
				notice(60),
				handoff(90, money.EUR(1000_00)),
			},
		},
		{
			Key:  ScenarioParticuliers,
			Name: "Particuliers",
			Steps: []ledger.Step{
				predue(-3),
				sms(3, TemplateReminder1, "Rappel par SMS"),
				email(8, TemplateReminder2, "Deuxième relance"),
				call(15, "Appel de relance"),
				final(22),
				notice(30),
				handoff(45, money.EUR(150_00)),
			},
		},
		{
			Key:  ScenarioPublic,
			Name: "Organismes publics",
			Steps: []ledger.Step{
				predue(-5),
				email(5, TemplateReminder1, "Première relance au service ordonnateur"),
				call(15, "Appel au comptable public"),
				func() ledger.Step {
					s := email(30, TemplateReminder2, "Deuxième relance avec relevé")
					s.AttachLetter = true
					return s
				}(),
				call(45, "Relance téléphonique du comptable public"),
				final(60),
				notice(75),
				handoff(105, money.EUR(300_00)),
			},
		},
	}
}

// DefaultSegments are the segments an organization starts with, tried in
// this order: public bodies, consumers, large accounts (businesses owing
// 10 000 € or more), then every other business.
func DefaultSegments() []ledger.Segment {
	return []ledger.Segment{
		{Position: 1, Name: "Organismes publics", Kinds: []ledger.DebtorKind{ledger.KindPublic}, ScenarioKey: ScenarioPublic},
		{Position: 2, Name: "Particuliers", Kinds: []ledger.DebtorKind{ledger.KindConsumer}, ScenarioKey: ScenarioParticuliers},
		{Position: 3, Name: "Grands comptes", Kinds: []ledger.DebtorKind{ledger.KindBusiness}, MinDue: money.EUR(10_000_00), ScenarioKey: ScenarioGrandsComptes},
		{Position: 4, Name: "Entreprises", Kinds: []ledger.DebtorKind{ledger.KindBusiness}, ScenarioKey: ScenarioTPE},
	}
}

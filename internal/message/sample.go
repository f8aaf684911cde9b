package message

import (
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Sample is a full Data for the template editor's preview and for Check:
// a creditor in Lyon, two late invoices, a debtor of the given kind,
// every optional field set (a portal link, a payment reference, a
// history, a deadline). Its amounts avoid the figure 40, so that a test
// can tell the €40 indemnity from them.
func Sample(lang string, kind ledger.DebtorKind) Data {
	en := normLang(lang) == "en"
	d := Data{
		Lang:  normLang(lang),
		Today: civil.D(2026, 6, 15),
		Creditor: Creditor{
			Name: "Ateliers Martin SARL", SIREN: "732829320",
			Address: ledger.Address{Line1: "12 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"},
			IBAN:    "FR7630006000011234567890189", BIC: "AGRIFRPP",
			Email: "compta@ateliers-martin.fr", Phone: "04 72 00 00 00",
		},
		Sender: Sender{Name: "Julie Bernard", Role: "Responsable du recouvrement",
			Email: "recouvrement@ateliers-martin.fr", Phone: "04 72 00 00 01"},
		Invoices: []Line{
			{Number: "F2026-0118", IssueDate: civil.D(2026, 3, 2), DueDate: civil.D(2026, 4, 1),
				Amount: money.EUR(1250_00), Outstanding: money.EUR(1250_00), DaysLate: 75,
				Interest: money.EUR(31_21), Indemnity: money.EUR(40_00)},
			{Number: "F2026-0173", IssueDate: civil.D(2026, 4, 10), DueDate: civil.D(2026, 5, 10),
				Amount: money.EUR(3618_50), Outstanding: money.EUR(2618_50), DaysLate: 36,
				Interest: money.EUR(31_38), Indemnity: money.EUR(40_00)},
		},
		ShowPenalties: true,
		Stage:         ledger.StageAmicable,
		Step:          "Relance",
		PortalURL:     "https://pay.ateliers-martin.fr/p/7Kq2xZ",
		PaymentRef:    "C0042-2026",
		PayBy:         civil.D(2026, 6, 23),
		Registered:    true,
		Attached:      true,
		NoticeDate:    civil.D(2026, 6, 1),
		History: []Contacted{
			{On: civil.D(2026, 4, 8), Channel: ledger.ChannelEmail, Step: "Premier rappel"},
			{On: civil.D(2026, 5, 6), Channel: ledger.ChannelSMS, Step: "Relance ferme"},
		},
	}
	if en {
		d.Sender.Role = "Credit manager"
		d.Step = "Reminder"
		d.History[0].Step, d.History[1].Step = "First reminder", "Firm reminder"
	}
	switch kind {
	case ledger.KindConsumer:
		d.Debtor = Debtor{Name: "Mme Claire Durand", Ref: "C0042", Kind: kind,
			Email: "claire.durand@example.org", Phone: "06 12 34 56 78"}
		d.Creditor.Mediator = "Médiateur de la consommation (exemple), https://mediateur.example"
		d.InterestRateText = pick(en, "statutory interest rate", "taux de l’intérêt légal")
		for i := range d.Invoices {
			d.Invoices[i].Interest = money.EUR(int64(9_17 + 3*i))
		}
	case ledger.KindPublic:
		d.Debtor = Debtor{Name: "Commune de Villeurbanne", Ref: "C0042", Kind: kind,
			ContactName: "Service financier", Email: "finances@mairie.example", Phone: "04 78 00 00 00"}
		d.InterestRateText = pick(en, "ECB rate + 8 points", "taux BCE + 8 points")
		d.Invoices[0].ChorusRef = "CPP-2026-000118"
		d.Invoices[1].ChorusRef = "CPP-2026-000173"
	default:
		d.Debtor = Debtor{Name: "Dupont & Fils SAS", Ref: "C0042", Kind: ledger.KindBusiness,
			ContactName: "Marie Lefèvre", Email: "compta@dupont-fils.example", Phone: "01 45 00 00 00", SIREN: "552100554"}
		d.InterestRateText = pick(en, "ECB rate + 10 points", "taux BCE + 10 points")
	}
	return d
}

// withAgency is d written by a collection agency for its creditor; first
// tells the agency's first letter from a later one.
func withAgency(d Data, first bool) Data {
	d.Agency = Agency{Name: "Recouvra Conseil SAS", SIREN: "443061841",
		Address: ledger.Address{Line1: "3 quai Saint-Antoine", PostalCode: "69002", City: "Lyon"},
		Email:   "dossiers@recouvra.example", Phone: "04 78 00 00 10",
		IBAN: "FR7610107001011234567890129", BIC: "BREDFRPP"}
	if !first {
		d.Agency.FirstLetterRef, d.Agency.FirstLetterDate = "RC-2026-0815", civil.D(2026, 5, 20)
	}
	return d
}

// emptySample is Data with nothing optional: no names, no invoice, no
// link, no account, no history. A template must still run on it.
func emptySample(lang string, kind ledger.DebtorKind) Data {
	return Data{Lang: normLang(lang), Today: civil.D(2026, 6, 15), Debtor: Debtor{Kind: kind}}
}

func pick(en bool, english, french string) string {
	if en {
		return english
	}
	return french
}

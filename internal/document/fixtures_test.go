package document

import (
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

func day(s string) civil.Date { return civil.MustParse(s) }

var (
	creditor = Party{
		Name: "Ateliers Martin SARL", SIREN: "732829320", VATNumber: "FR44732829320",
		Address: ledger.Address{Line1: "12 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"},
		Email:   "compta@ateliers-martin.fr", Phone: "04 72 00 00 00",
	}
	businessDebtor = Party{
		Name: "Dupont & Fils SAS", SIREN: "552100554",
		Address: ledger.Address{Line1: "4 avenue Foch", Line2: "Bâtiment B", PostalCode: "75016", City: "Paris"},
	}
	consumerDebtor = Party{
		Name:    "Mme Claire Durand",
		Address: ledger.Address{Line1: "7 impasse des Lilas", PostalCode: "33000", City: "Bordeaux"},
	}
	publicDebtor = Party{
		Name:    "Commune de Villeurbanne",
		Address: ledger.Address{Line1: "Place Lazare-Goujon", PostalCode: "69100", City: "Villeurbanne"},
	}
	agency = Party{
		Name: "Recouvra Conseil SAS", SIREN: "443061841",
		Address: ledger.Address{Line1: "3 quai Saint-Antoine", PostalCode: "69002", City: "Lyon"},
		Email:   "dossiers@recouvra.example", Phone: "04 78 00 00 00",
	}
)

// invoiceSpec is an invoice of the fixtures, before the engine computes it.
type invoiceSpec struct {
	number     string
	issue, due string
	amount     int64
	payments   []legalfr.Payment
}

// The fixtures' invoices: one unpaid across a change of semester, one
// paid in part after its due date (the payment goes to interest first).
// No amount contains "40,00", so that the consumer test can look for it.
var invoiceSpecs = []invoiceSpec{
	{number: "F2025-0042", issue: "2025-02-28", due: "2025-03-31", amount: 12345_67},
	{number: "F2025-0107", issue: "2025-05-15", due: "2025-06-14", amount: 3618_50,
		payments: []legalfr.Payment{{On: day("2025-08-01"), Amount: money.EUR(1000_00)}}},
}

const (
	letterDate = "2025-10-15"
	// consumerEarlierNotice is a first notice sent to the consumer: the
	// legal rate runs from the day after it (art. 1344-1 C. civ.).
	consumerEarlierNotice = "2025-07-01"
)

// noticeLines computes each invoice with the interest engine up to the
// letter's date, so that the letter prints the engine's own figures.
func noticeLines(t *testing.T, kind ledger.DebtorKind) []NoticeLine {
	t.Helper()
	var lines []NoticeLine
	for _, s := range invoiceSpecs {
		c := legalfr.Claim{Kind: kind, Principal: money.EUR(s.amount), Due: day(s.due), Until: day(letterDate), Payments: s.payments}
		if kind == ledger.KindConsumer {
			c.Notice = day(consumerEarlierNotice)
		}
		st, err := legalfr.Compute(legalfr.Default(), c, legalfr.Settings{})
		if err != nil {
			t.Fatalf("%s: %v", s.number, err)
		}
		paid := money.EUR(0)
		for _, p := range s.payments {
			paid = paid.MustAdd(p.Amount)
		}
		lines = append(lines, NoticeLine{Number: s.number, IssueDate: day(s.issue), DueDate: day(s.due),
			Amount: money.EUR(s.amount), Paid: paid, Remaining: st.Principal, Interest: st})
	}
	return lines
}

func debtorFor(kind ledger.DebtorKind) Party {
	switch kind {
	case ledger.KindConsumer:
		return consumerDebtor
	case ledger.KindPublic:
		return publicDebtor
	}
	return businessDebtor
}

func formalNotice(t *testing.T, lang string, kind ledger.DebtorKind, withAgency bool) FormalNotice {
	n := FormalNotice{
		Lang: lang, Date: day(letterDate), Place: "Lyon", Reference: "MED-2025-0193",
		Creditor: creditor, Debtor: debtorFor(kind), DebtorKind: kind,
		Lines: noticeLines(t, kind),
		IBAN:  "FR7630006000011234567890189", BIC: "AGRIFRPPXXX", PaymentReference: "MED-2025-0193",
		PaymentURL: "https://pay.ateliers-martin.fr/MED-2025-0193",
		Signatory:  "Julie Martin", SignatoryRole: "Gérante",
	}
	if withAgency {
		a := agency
		n.Agency = &a
		n.Signatory, n.SignatoryRole = "Paul Bernard", "Chargé de recouvrement"
	}
	return n
}

// accountStatement is a customer's account with every kind of line: a
// paid invoice, one paid in part and overdue, a disputed one, one not yet
// due, a credit note applied in part, and a payment not fully allocated.
func accountStatement(lang string) AccountStatement {
	inv := func(kind ledger.DocKind, number, issue, due string, amount, allocated int64, disputed bool) ledger.Invoice {
		return ledger.Invoice{Kind: kind, Number: number, IssueDate: day(issue), DueDate: day(due),
			Amount: money.EUR(amount), Allocated: money.EUR(allocated), Disputed: disputed}
	}
	return AccountStatement{
		Lang: lang, AsOf: day("2025-10-15"), Reference: "C0042",
		Creditor: creditor, Debtor: businessDebtor,
		Documents: []ledger.Invoice{
			inv(ledger.DocInvoice, "F2025-0107", "2025-05-15", "2025-06-14", 3618_50, 1000_00, false),
			inv(ledger.DocInvoice, "F2025-0042", "2025-02-28", "2025-03-31", 12345_67, 0, false),
			inv(ledger.DocInvoice, "F2025-0011", "2025-01-10", "2025-02-09", 980_00, 980_00, false),
			inv(ledger.DocInvoice, "F2025-0150", "2025-07-01", "2025-07-31", 2210_30, 0, true),
			inv(ledger.DocInvoice, "F2025-0201", "2025-10-01", "2025-10-31", 5125_90, 0, false),
			inv(ledger.DocCreditNote, "AV2025-0003", "2025-09-12", "2025-09-12", 315_25, 120_00, false),
		},
		Payments: []ledger.Payment{
			{ReceivedOn: day("2025-08-01"), Amount: money.EUR(1000_00), Allocated: money.EUR(1000_00), Method: ledger.MethodTransfer, Reference: "VIR DUPONT 0801"},
			{ReceivedOn: day("2025-02-07"), Amount: money.EUR(980_00), Allocated: money.EUR(860_00), Method: ledger.MethodCheque, Reference: "CHQ 1234567"},
			{ReceivedOn: day("2025-10-10"), Amount: money.EUR(250_00), Method: ledger.MethodCard, Reference: "CB 20251010"},
		},
	}
}

const judgmentDate = "2025-09-10"

// declaration declares the fixtures' two invoices, their interest stopped
// the day before the judgment, and a third invoice not yet due.
func declaration(t *testing.T, lang string, p Proceedings, abroad bool) ClaimDeclaration {
	t.Helper()
	var claims []DeclaredClaim
	for _, s := range invoiceSpecs {
		c := legalfr.Claim{Kind: ledger.KindBusiness, Principal: money.EUR(s.amount), Due: day(s.due),
			Until: day(judgmentDate).AddDays(-1), Payments: s.payments}
		st, err := legalfr.Compute(legalfr.Default(), c, legalfr.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		claims = append(claims, DeclaredClaim{Number: s.number, IssueDate: day(s.issue), DueDate: day(s.due),
			Remaining: st.Principal, Interest: st.Interest, Indemnity: st.Indemnity})
	}
	claims = append(claims, DeclaredClaim{Number: "F2025-0188", IssueDate: day("2025-08-29"), DueDate: day("2025-09-28"),
		Remaining: money.EUR(7263_18)})
	return ClaimDeclaration{
		Lang: lang, Date: day("2025-10-02"), Place: "Lyon", Reference: "DC-2025-007",
		Creditor: creditor, Debtor: businessDebtor,
		Mandataire: Party{Name: "SELARL MJ Conseil, Maître Anne Leroy",
			Address: ledger.Address{Line1: "20 boulevard Haussmann", PostalCode: "75009", City: "Paris"}},
		Court: "Tribunal des activités économiques de Paris", JudgmentDate: day(judgmentDate), Proceedings: p,
		CaseNumber: "2025J01234", Publication: day("2025-09-19"), Abroad: abroad,
		Claims: claims, Signatory: "Julie Martin", SignatoryRole: "Gérante",
	}
}

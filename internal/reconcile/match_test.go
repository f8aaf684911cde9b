package reconcile

import (
	"slices"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

const (
	ibanLeroy  = "FR76 3000 6000 0112 3456 7890 189"
	ibanMartin = "FR14 2004 1010 0505 0001 3M02 606"
)

func inv(id, debtor int64, number string, cents int64, due string) Invoice {
	d := civil.MustParse(due)
	return Invoice{ID: id, DebtorID: debtor, Number: number, Kind: ledger.DocInvoice, Open: money.EUR(cents),
		IssueDate: d.AddDays(-30), DueDate: d}
}

func creditNote(id, debtor int64, number string, cents int64, due string) Invoice {
	c := inv(id, debtor, number, cents, due)
	c.Kind = ledger.DocCreditNote
	return c
}

func alloc(id, cents int64) Allocation { return Allocation{InvoiceID: id, Amount: money.EUR(cents)} }

// testBook is a small book: a bakery (three invoices), two consumers
// named Dupont with an invoice of the same amount, a carrier whose IBAN
// is known (three invoices and a credit note).
func testBook() Book {
	return Book{
		Debtors: []Debtor{
			{ID: 1, Name: "Boulangerie Martin SARL"},
			{ID: 2, Name: "Jean Dupont"},
			{ID: 3, Name: "Creditor Company Oy"},
			{ID: 4, Name: "Marie Dupont"},
			{ID: 5, Name: "SAS Transports Leroy"},
		},
		Invoices: []Invoice{
			inv(1, 1, "F2024-0012", 120000, "2024-02-01"),
			inv(2, 1, "F2024-0013", 35050, "2024-03-01"),
			inv(3, 1, "F2024-0020", 8990, "2024-04-01"),
			inv(10, 1, "F2024-0014", 99999, "2024-05-01"),
			inv(4, 2, "2024/00045", 25000, "2024-02-15"),
			inv(5, 4, "2024/00046", 25000, "2024-02-16"),
			inv(6, 5, "INV-7781", 432109, "2024-01-10"),
			inv(7, 5, "INV-7782", 10000, "2024-02-10"),
			inv(8, 5, "INV-7783", 20000, "2024-03-10"),
			creditNote(9, 5, "AV-0003", 5000, "2024-03-20"),
		},
		IBANs: map[string]int64{NormalizeIBAN(ibanLeroy): 5},
	}
}

// payment is a credit of cents with a remittance text, a payer and its
// account.
func payment(text, payer, iban string, cents int64) statement.Payment {
	e := &statement.Entry{Amount: money.EUR(cents), Credit: true, Status: "booked"}
	tx := statement.Transaction{Counterparty: payer, CounterpartyIBAN: iban}
	if text != "" {
		tx.Unstructured = []string{text}
	}
	e.Transactions = []statement.Transaction{tx}
	return statement.Payment{Entry: e, Transaction: tx, Amount: e.Amount}
}

// check matches a payment and checks the best proposal.
type check struct {
	name       string
	p          statement.Payment
	opts       Options
	debtor     int64
	allocs     []Allocation
	unapplied  int64
	fee        int64
	confidence int      // 0: not checked
	codes      []string // reasons the best proposal must hold
	auto       bool
}

func (c check) run(t *testing.T) {
	t.Helper()
	m := NewMatcher(testBook(), c.opts)
	ps := m.Match(c.p)
	if len(ps) == 0 {
		t.Fatalf("%s: no proposal", c.name)
	}
	b := ps[0]
	if b.DebtorID != c.debtor || !slices.Equal(b.Allocations, c.allocs) || b.Unapplied.Minor != c.unapplied || b.Fee.Minor != c.fee {
		t.Errorf("%s: best %+v, want debtor %d %v unapplied %d fee %d", c.name, b, c.debtor, c.allocs, c.unapplied, c.fee)
	}
	if c.confidence != 0 && b.Confidence != c.confidence {
		t.Errorf("%s: confidence %d, want %d (%s)", c.name, b.Confidence, c.confidence, codes(b))
	}
	for _, code := range c.codes {
		if !b.Has(code) {
			t.Errorf("%s: reasons %s, want %s", c.name, codes(b), code)
		}
	}
	if _, auto := m.Auto(ps); auto != c.auto {
		t.Errorf("%s: auto %v, want %v (%d%%, %s; %d proposals)", c.name, auto, c.auto, b.Confidence, codes(b), len(ps))
	}
	checkInvariants(t, m, c.p, ps)
}

// checkInvariants: every proposal balances, and no allocation exceeds
// its document's open amount.
func checkInvariants(t *testing.T, m *Matcher, p statement.Payment, ps []Proposal) {
	t.Helper()
	if len(ps) > maxProposals {
		t.Errorf("%d proposals", len(ps))
	}
	for i, q := range ps {
		if i > 0 && q.Confidence > ps[i-1].Confidence {
			t.Errorf("proposals out of order: %d after %d", q.Confidence, ps[i-1].Confidence)
		}
		if q.Confidence < 1 || q.Confidence > 99 || q.Unapplied.Minor < 0 || q.Fee.Minor < 0 || q.Fee.Minor > max(0, m.feeTol.Minor) {
			t.Errorf("proposal %+v", q)
		}
		for _, r := range q.Reasons {
			for _, lang := range []string{"fr", "en"} {
				if msg := r.Message(lang); !i18n.Has(lang, r.Key) || strings.Contains(msg, "%!") {
					t.Errorf("reason %+v in %s: %q", r, lang, msg)
				}
			}
		}
		sum := q.Unapplied.Minor
		for _, a := range q.Allocations {
			open, ok := m.Open(a.InvoiceID)
			d := m.docs[m.byID[a.InvoiceID]]
			switch {
			case !ok || a.Amount.Currency != p.Amount.Currency:
				t.Errorf("allocation %+v: unknown document or currency", a)
			case d.creditNote() && (a.Amount.Minor >= 0 || -a.Amount.Minor > open.Minor):
				t.Errorf("allocation %+v on credit note open %v", a, open)
			case !d.creditNote() && (a.Amount.Minor <= 0 || a.Amount.Minor > open.Minor):
				t.Errorf("allocation %+v on invoice open %v", a, open)
			case d.DebtorID != q.DebtorID:
				t.Errorf("allocation %+v on a document of debtor %d, proposal for %d", a, d.DebtorID, q.DebtorID)
			}
			sum += a.Amount.Minor
		}
		if sum != p.Amount.Minor+q.Fee.Minor {
			t.Errorf("proposal %+v: allocations and unapplied %d, payment %d + fee %d", q, sum, p.Amount.Minor, q.Fee.Minor)
		}
	}
}

func TestMatchNumbers(t *testing.T) {
	for _, c := range []check{
		{name: "exact number", p: payment("FACT F2024-0012", "", "", 120000), debtor: 1, allocs: []Allocation{alloc(1, 120000)},
			confidence: 95, codes: []string{CodeNumber, CodeExact}, auto: true},
		{name: "slash, no zeros", p: payment("F2024/12", "", "", 120000), debtor: 1, allocs: []Allocation{alloc(1, 120000)}, auto: true},
		{name: "glued, lower case", p: payment("reglement f20240012", "", "", 120000), debtor: 1, allocs: []Allocation{alloc(1, 120000)}, auto: true},
		{name: "invoice word, no house prefix", p: payment("FACTURE 2024-0012", "", "", 120000), debtor: 1, allocs: []Allocation{alloc(1, 120000)}, auto: true},
		{name: "spaces", p: payment("F 2024 0012", "", "", 120000), debtor: 1, allocs: []Allocation{alloc(1, 120000)}, auto: true},
		{name: "several numbers, their sum", p: payment("règlement factures 2024-0012 2024-0013", "", "", 155050), debtor: 1,
			allocs: []Allocation{alloc(1, 120000), alloc(2, 35050)}, codes: []string{CodeSum}, auto: true},
		{name: "several numbers, less: oldest first", p: payment("FACT F2024-0012 F2024-0013", "", "", 130000), debtor: 1,
			allocs: []Allocation{alloc(1, 120000), alloc(2, 10000)}, codes: []string{CodeAmountMismatch, CodeOldestFirst}},
		{name: "several numbers, one paid", p: payment("FACT F2024-0012 F2024-0013", "", "", 35050), debtor: 1,
			allocs: []Allocation{alloc(2, 35050)}, codes: []string{CodePartialRef, CodeExact}},
		{name: "short numbers of the named debtor", p: payment("fac 12 et 13", "BOULANGERIE MARTIN", "", 155050), debtor: 1,
			allocs: []Allocation{alloc(1, 120000), alloc(2, 35050)}, confidence: 90, codes: []string{CodeLastGroup, CodeName, CodeSum}, auto: true},
		{name: "partial payment", p: payment("FACT F2024-0012", "", "", 50000), debtor: 1, allocs: []Allocation{alloc(1, 50000)},
			confidence: 65, codes: []string{CodeAmountMismatch}},
		{name: "partial payment, known account", p: payment("INV-7781 acompte", "", ibanLeroy, 100000), debtor: 5,
			allocs: []Allocation{alloc(6, 100000)}, confidence: 90, auto: true},
		{name: "overpayment", p: payment("FACT F2024-0013", "Boulangerie Martin", "", 40000), debtor: 1,
			allocs: []Allocation{alloc(2, 35050)}, unapplied: 4950, confidence: 85, codes: []string{CodeOverpayment}},
		{name: "RF reference", p: payment(RFReference("INV-7781"), "", "", 432109), debtor: 5, allocs: []Allocation{alloc(6, 432109)},
			confidence: 99, codes: []string{CodeRF}, auto: true},
		{name: "overpayment, known account", p: payment("INV-7782", "", ibanLeroy, 120000), debtor: 5,
			allocs: []Allocation{alloc(7, 10000)}, unapplied: 110000, confidence: 90, auto: true},
		{name: "number and the account of another debtor", p: payment("F2024-0012", "", ibanLeroy, 120000), debtor: 1,
			allocs: []Allocation{alloc(1, 120000)}, confidence: 65, codes: []string{CodeIBANOther}},
		{name: "typo, the debtor by name", p: payment("FACT F2024-0021", "BOULANGERIE MARTIN", "", 120000), debtor: 1,
			allocs: []Allocation{alloc(1, 120000)}, confidence: 92, codes: []string{CodeName, CodeExact}, auto: true},
		{name: "fee, with the number", p: payment("INV-7781", "", ibanLeroy, 431000), opts: Options{FeeTolerance: money.EUR(1500)},
			debtor: 5, allocs: []Allocation{alloc(6, 432109)}, fee: 1109, codes: []string{CodeFees}, auto: true},
	} {
		c.run(t)
	}
}

func TestMatchDebtor(t *testing.T) {
	for _, c := range []check{
		{name: "known IBAN, one invoice of the amount", p: payment("", "", ibanLeroy, 10000), debtor: 5,
			allocs: []Allocation{alloc(7, 10000)}, confidence: 95, codes: []string{CodeIBAN, CodeExact}, auto: true},
		{name: "known IBAN, two invoices", p: payment("VIREMENT", "", ibanLeroy, 30000), debtor: 5,
			allocs: []Allocation{alloc(7, 10000), alloc(8, 20000)}, confidence: 90, codes: []string{CodeSum}, auto: true},
		{name: "known IBAN, invoice less credit note", p: payment("", "", ibanLeroy, 427109), debtor: 5,
			allocs: []Allocation{alloc(9, -5000), alloc(6, 432109)}, codes: []string{CodeSum, CodeCreditNote}, auto: true},
		{name: "known IBAN, less fees", p: payment("", "", ibanLeroy, 431000), opts: Options{FeeTolerance: money.EUR(1500)},
			debtor: 5, allocs: []Allocation{alloc(6, 432109)}, fee: 1109, confidence: 80, codes: []string{CodeFees}},
		{name: "known IBAN, nothing fits", p: payment("", "", ibanLeroy, 7777), debtor: 5,
			allocs: []Allocation{alloc(9, -5000), alloc(6, 12777)}, confidence: 55, codes: []string{CodeOldestFirst}},
		{name: "known IBAN, more than all", p: payment("", "", ibanLeroy, 500000), debtor: 5,
			allocs: []Allocation{alloc(9, -5000), alloc(6, 432109), alloc(7, 10000), alloc(8, 20000)}, unapplied: 42891,
			codes: []string{CodeOverpayment}},
		{name: "name", p: payment("", "BOULANGERIE MARTIN", "", 8990), debtor: 1, allocs: []Allocation{alloc(3, 8990)},
			confidence: 92, codes: []string{CodeName, CodeExact}, auto: true},
		{name: "name with a legal form in front", p: payment("Paiement", "S.A.R.L. Boulangerie Martin", "", 8990), debtor: 1,
			allocs: []Allocation{alloc(3, 8990)}, auto: true},
		{name: "name, words swapped, no accents", p: payment("", "MARTIN BOULANGERIE", "", 8990), debtor: 1,
			allocs: []Allocation{alloc(3, 8990)}, auto: true},
		{name: "consumer with title", p: payment("", "M. DUPONT JEAN", "", 25000), debtor: 2, allocs: []Allocation{alloc(4, 25000)},
			auto: true},
		{name: "shared surname", p: payment("", "DUPONT", "", 25000), debtor: 2, allocs: []Allocation{alloc(4, 25000)},
			codes: []string{CodeNameAmbiguous}},
		{name: "name in the entry text", p: func() statement.Payment {
			p := payment("", "", "", 8990)
			p.Entry.Text = "VIR SEPA RECU /DE BOULANGERIE MARTIN /MOTIF PAIEMENT"
			return p
		}(), debtor: 1, allocs: []Allocation{alloc(3, 8990)}, confidence: 80},
		{name: "amount alone", p: payment("Loyer", "ACME GMBH", "", 99999), opts: Options{AutoThreshold: 10}, debtor: 1,
			allocs: []Allocation{alloc(10, 99999)}, confidence: 50, codes: []string{CodeAmountOnly}},
	} {
		c.run(t)
	}
}

func TestMatchNothing(t *testing.T) {
	m := NewMatcher(testBook(), Options{})
	debit := payment("FACT F2024-0012", "", "", 120000)
	debit.Entry.Credit = false
	reversal := payment("FACT F2024-0012", "", "", 120000)
	reversal.Entry.Reversal = true
	dollars := payment("FACT F2024-0012", "", "", 120000)
	dollars.Amount = money.New(120000, "USD")
	for name, p := range map[string]statement.Payment{
		"debit":            debit,
		"reversal":         reversal,
		"zero":             payment("FACT F2024-0012", "", "", 0),
		"someone else":     payment("Loyer mars", "KOWALSKI JAN", "FR7612345", 123456),
		"short, no debtor": payment("fac 12 et 13", "", "", 155050),
		"another currency": dollars,
	} {
		if ps := m.Match(p); len(ps) != 0 {
			t.Errorf("%s: %+v", name, ps)
		}
	}
}

func TestAuto(t *testing.T) {
	m := NewMatcher(testBook(), Options{AutoThreshold: 80})
	p := func(conf int, codes ...string) Proposal {
		q := Proposal{DebtorID: 1, Allocations: []Allocation{alloc(1, 100)}, Confidence: conf}
		for _, c := range codes {
			q.Reasons = append(q.Reasons, reason(c))
		}
		return q
	}
	for _, tt := range []struct {
		name string
		ps   []Proposal
		want bool
	}{
		{"none", nil, false},
		{"alone above", []Proposal{p(85, CodeName)}, true},
		{"below", []Proposal{p(79, CodeName)}, false},
		{"too close to the second", []Proposal{p(90, CodeName), p(81, CodeName)}, false},
		{"clearly ahead", []Proposal{p(90, CodeName), p(80, CodeName)}, true},
		{"amount alone", []Proposal{p(95, CodeAmountOnly, CodeExact)}, false},
		{"nothing to allocate", []Proposal{{DebtorID: 1, Confidence: 95, Reasons: []Reason{reason(CodeIBAN)}}}, false},
	} {
		if _, got := m.Auto(tt.ps); got != tt.want {
			t.Errorf("%s: %v", tt.name, got)
		}
	}
}

// TestApplyNoDoubleAllocation works through a file where two payments
// cite the same invoice and a third pays by the amount: once applied, an
// invoice is not paid again.
func TestApplyNoDoubleAllocation(t *testing.T) {
	m := NewMatcher(testBook(), Options{})
	file := []statement.Payment{
		payment("FACT F2024-0012", "", "", 120000),
		payment("FACT F2024-0012", "", "", 120000), // the same transfer sent twice
		payment("", "", ibanLeroy, 10000),
		payment("", "", ibanLeroy, 10000), // the second 100.00 finds nothing of that amount left
	}
	paid := map[int64]int64{}
	var autos int
	for _, p := range file {
		ps := m.Match(p)
		checkInvariants(t, m, p, ps)
		if b, ok := m.Auto(ps); ok {
			autos++
			m.Apply(b)
			for _, a := range b.Allocations {
				paid[a.InvoiceID] += a.Amount.Minor
			}
		}
	}
	if autos != 2 || paid[1] != 120000 || paid[7] != 10000 {
		t.Errorf("%d automatic, paid %v", autos, paid)
	}
	ps := m.Match(file[1])
	if len(ps) == 0 || !ps[0].Has(CodeAlreadyPaid) || len(ps[0].Allocations) != 0 || ps[0].Unapplied.Minor != 120000 {
		t.Errorf("a paid invoice cited again: %+v", ps)
	}
	// Applying a stale proposal again lowers nothing below zero.
	m.Apply(Proposal{Allocations: []Allocation{alloc(1, 120000), alloc(9, -99999), alloc(999, 5)}})
	if o, _ := m.Open(1); o.Minor != 0 {
		t.Errorf("invoice 1 open %v", o)
	}
	if o, _ := m.Open(9); o.Minor != 0 {
		t.Errorf("credit note open %v", o)
	}
	// The amount index follows: 350.50 is no longer open once paid.
	m.Apply(Proposal{Allocations: []Allocation{alloc(2, 35050)}})
	if ps := m.Match(payment("", "ACME", "", 35050)); len(ps) != 0 {
		t.Errorf("amount of a paid invoice: %+v", ps)
	}
}

func TestLearn(t *testing.T) {
	m := NewMatcher(testBook(), Options{})
	const iban = "fr76 1234 5678 9012 3456 7890 123"
	p := payment("", "", iban, 8990)
	if ps := m.Match(p); len(ps) != 1 || !ps[0].Has(CodeAmountOnly) {
		t.Fatalf("before learning: %+v", ps)
	}
	m.Learn(iban, 1)
	ps := m.Match(p)
	if b, ok := m.Auto(ps); !ok || b.DebtorID != 1 || !b.Has(CodeIBAN) {
		t.Errorf("after learning: %+v", ps)
	}
	m.Learn(iban, 0)
	if ps := m.Match(p); len(ps) == 0 || ps[0].Has(CodeIBAN) {
		t.Errorf("after forgetting: %+v", ps)
	}
}

func TestNewMatcherCopiesTheBook(t *testing.T) {
	b := testBook()
	m := NewMatcher(b, Options{})
	m.Apply(Proposal{Allocations: []Allocation{alloc(1, 120000)}})
	m.Learn(ibanMartin, 1)
	if b.Invoices[0].Open.Minor != 120000 || len(b.IBANs) != 1 {
		t.Error("the matcher changed the book")
	}
}

// TestReasonMessages: every reason code has its message in both
// catalogues.
func TestReasonMessages(t *testing.T) {
	for _, c := range Codes {
		r := reason(c)
		for _, lang := range []string{"fr", "en"} {
			if !i18n.Has(lang, r.Key) {
				t.Errorf("%s: no %s message", r.Key, lang)
			}
		}
	}
	if got := reason(CodeNumber, "2024-0012", "F2024-0012").Message("fr"); got != "Le libellé cite «\u00a02024-0012\u00a0», numéro de la facture F2024-0012." {
		t.Errorf("message %q", got)
	}
}

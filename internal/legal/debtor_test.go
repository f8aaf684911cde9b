package legal_test

import (
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestPosition: the debtor page's figures are the engine's, fed from the
// ledger — allocations as payments, notices, insolvency.
func TestPosition(t *testing.T) {
	st := storetest.Open(t)
	f := storetest.NewFixture(t, st, "Alpha")
	d := f.Debtor(t, st, "C1", "Acme SARL")
	// 10,000.00 due 31 March 2025, 4,000.00 received 15 May: the legalfr
	// case "B2B partial payment, interest first" as of 30 June 2025.
	inv := f.Invoice(t, st, d.ID, "F1", "2025-03-01", "2025-03-31", 10000_00)
	p := f.Payment(t, st, d.ID, "2025-05-15", 4000_00, "VIR")
	must(t, st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: money.EUR(4000_00)}))
	f.Invoice(t, st, d.ID, "F2", "2025-06-01", "2025-07-31", 500_00) // not due
	pos, err := legal.Position(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"))
	must(t, err)
	if len(pos.Invoices) != 2 || !pos.Invoices[0].HasStatement || pos.Invoices[1].HasStatement {
		t.Fatalf("invoices %+v", pos.Invoices)
	}
	s := pos.Invoices[0].Statement
	if s.Principal.Minor != 6162_12 || s.Interest.Minor != 102_12 || s.Indemnity.Minor != 40_00 {
		t.Errorf("statement principal %d interest %d indemnity %d", s.Principal.Minor, s.Interest.Minor, s.Indemnity.Minor)
	}
	if pos.Total.Minor != 6162_12+102_12+40_00 {
		t.Errorf("total %d", pos.Total.Minor)
	}
	// The partial payment interrupted the limitation period: 5 years from 15 May 2025.
	if l := pos.Invoices[0].Limitation; l.Expires != civil.MustParse("2030-05-15") || l.InterruptedBy == nil {
		t.Errorf("limitation %+v", l)
	}

	// Proven costs of 120,00 € replace the flat 40,00 €.
	must(t, st.AddRecoveryCost(f.Ctx, &ledger.RecoveryCost{InvoiceID: inv.ID, Amount: money.EUR(120_00), IncurredOn: civil.MustParse("2025-06-01"),
		Description: "Commissaire de justice", ProofName: "cj.pdf", Proof: []byte("%PDF")}))
	pos, err = legal.Position(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"))
	must(t, err)
	if s := pos.Invoices[0].Statement; s.Indemnity.Minor != 120_00 || len(pos.Invoices[0].Costs) != 1 {
		t.Errorf("with proven costs: indemnity %d", s.Indemnity.Minor)
	}

	// The organization's settings apply: principal first.
	must(t, st.SaveLegalSettings(f.Ctx, ledger.LegalSettings{PrincipalFirst: true, NoticeDays: 8}))
	pos, err = legal.Position(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"))
	must(t, err)
	if s := pos.Invoices[0].Statement; s.Principal.Minor != 6000_00 || s.Interest.Minor != 261_56 {
		t.Errorf("principal first: %d %d", s.Principal.Minor, s.Interest.Minor)
	}

	// Collective proceedings stop the interest at the judgment.
	must(t, st.RecordInsolvency(f.Ctx, &ledger.Insolvency{DebtorID: d.ID, Kind: ledger.InsolvencyRecovery, JudgmentDate: civil.MustParse("2025-04-10")}))
	pos, err = legal.Position(f.Ctx, st, d.ID, civil.MustParse("2025-06-30"))
	must(t, err)
	if !pos.Stopped() || pos.Invoices[0].Statement.Periods[len(pos.Invoices[0].Statement.Periods)-1].To != civil.MustParse("2025-04-10") {
		t.Errorf("interest not stopped at the judgment: %+v", pos.Invoices[0].Statement.Periods)
	}
}

// TestPositionConsumerNotice: a consumer owes interest from the day after
// the formal notice recorded for the invoice.
func TestPositionConsumerNotice(t *testing.T) {
	st := storetest.Open(t)
	f := storetest.NewFixture(t, st, "Alpha")
	d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "P1", Name: "Jeanne Dupont", Kind: ledger.KindConsumer}
	must(t, st.CreateDebtor(f.Ctx, d))
	inv := f.Invoice(t, st, d.ID, "F1", "2025-01-01", "2025-01-31", 1200_00)
	pos, err := legal.Position(f.Ctx, st, d.ID, civil.MustParse("2025-08-09"))
	must(t, err)
	if s := pos.Invoices[0].Statement; s.Interest.Minor != 0 || len(s.Warnings) != 1 {
		t.Fatalf("without a notice: %+v", s)
	}
	must(t, st.RecordFormalNotice(f.Ctx, &ledger.FormalNotice{DebtorID: d.ID, Reference: "MED-1", IssuedOn: civil.MustParse("2025-05-10"),
		Deadline: civil.MustParse("2025-05-18"), InvoiceIDs: []int64{inv.ID}, Total: money.EUR(1200_00)}))
	pos, err = legal.Position(f.Ctx, st, d.ID, civil.MustParse("2025-08-09"))
	must(t, err)
	li := pos.Invoices[0]
	if li.Notice != civil.MustParse("2025-05-10") || li.Statement.Interest.Minor != 9_85 || li.Statement.Indemnity.Minor != 0 {
		t.Errorf("with the notice: notice %s interest %d indemnity %d", li.Notice, li.Statement.Interest.Minor, li.Statement.Indemnity.Minor)
	}
	// Two years against a consumer; the notice does not interrupt.
	if l := li.Limitation; l.Expires != civil.MustParse("2027-01-31") || l.InterruptedBy != nil || len(l.Ignored) != 1 {
		t.Errorf("limitation %+v", l)
	}
}

package courtfile

import (
	"fmt"
	"slices"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// TestProcedures pins which procedures a case may use, and why the others
// are closed, by reason code.
func TestProcedures(t *testing.T) {
	t.Parallel()
	before := d("2026-03-01") // before the loi of 23 April 2026
	for _, tt := range []struct {
		name string
		c    func(t testing.TB) Case
		// want lists, per procedure, the reason codes; none means available.
		ip, l126, l125 []string
		notes          map[Procedure][]string // codes that must be among the notes
	}{
		{
			name: "business to business after the law, over €5,000",
			c:    b2bCase,
			l125: []string{CodeOverCeiling, CodeCommercialExclude},
			notes: map[Procedure][]string{
				InjonctionDePayer:    {CodeNoAmicableAttempt},
				CreancesCommerciales: {CodeL126InForce, CodeL126Steps, CodeL126Costs},
				PetitesCreances:      {CodeL125Costs, CodeL125Consent},
			},
		},
		{
			name: "business to business before the law, under €5,000",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindBusiness, before,
					invoice(t, ledger.KindBusiness, "F2025-090", 1500_00, d("2025-12-31"), d("2026-02-27"), civil.Date{}))
			},
			l126:  []string{CodeNotInForce},
			notes: map[Procedure][]string{InjonctionDePayer: {CodeNoNotice}},
		},
		{
			name: "consumer under €5,000",
			c: func(t testing.TB) Case {
				c := caseOf(ledger.KindConsumer, today,
					invoice(t, ledger.KindConsumer, "F2026-101", 850_00, d("2026-06-30"), d("2026-11-20"), d("2026-09-01")))
				c.NoticeSent = d("2026-09-01")
				return c
			},
			l126: []string{CodeNotBetweenTraders},
		},
		{
			name: "consumer without a formal notice: no interest, and the user is told why",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindConsumer, today,
					invoice(t, ledger.KindConsumer, "F2026-102", 850_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
			},
			l126:  []string{CodeNotBetweenTraders},
			notes: map[Procedure][]string{InjonctionDePayer: {CodeNoNotice, CodeConsumerNoInterest}},
		},
		{
			name: "public body: the ordinary procedures are closed",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindPublic, today,
					invoice(t, ledger.KindPublic, "F2026-200", 3000_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
			},
			ip: []string{CodePublicDebtor}, l126: []string{CodePublicDebtor}, l125: []string{CodePublicDebtor},
		},
		{
			name: "a disputed invoice closes the injonction de payer and L126-1, not L125-1",
			c: func(t testing.TB) Case {
				c := caseOf(ledger.KindBusiness, before,
					invoice(t, ledger.KindBusiness, "F2025-091", 1500_00, d("2025-12-31"), d("2026-02-27"), civil.Date{}))
				c.Invoices[0].Disputed = true
				return c
			},
			ip: []string{CodeDisputed}, l126: []string{CodeNotInForce, CodeDisputed},
			notes: map[Procedure][]string{PetitesCreances: {CodeL125Disputed}},
		},
		{
			name: "a dispute open on the debtor",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.DisputeOpen = true
				return c
			},
			ip: []string{CodeDisputed}, l126: []string{CodeDisputed}, l125: []string{CodeOverCeiling, CodeCommercialExclude},
		},
		{
			name: "a creditor that is not a trader: no L126-1, and L125-1 stays open",
			c: func(t testing.TB) Case {
				c := caseOf(ledger.KindBusiness, today,
					invoice(t, ledger.KindBusiness, "H2026-003", 2000_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
				c.Creditor.NonCommercial = true
				return c
			},
			l126: []string{CodeNotBetweenTraders},
		},
		{
			name: "a debtor that is not a trader",
			c: func(t testing.TB) Case {
				c := caseOf(ledger.KindBusiness, today,
					invoice(t, ledger.KindBusiness, "F2026-004", 2000_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
				c.Debtor.NonCommercial = true
				return c
			},
			l126: []string{CodeNotBetweenTraders},
		},
		{
			name: "an invoice not yet due",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Invoices[1].DueDate = today
				return c
			},
			ip: []string{CodeNotDue}, l126: []string{CodeNotDue}, l125: []string{CodeNotDue, CodeOverCeiling, CodeCommercialExclude},
		},
		{
			name: "a consumer invoice barred after two years (L218-2 C. conso.)",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindConsumer, today,
					invoice(t, ledger.KindConsumer, "F2024-001", 600_00, d("2024-06-30"), d("2026-11-20"), civil.Date{}))
			},
			ip: []string{CodeTimeBarred}, l126: []string{CodeTimeBarred, CodeNotBetweenTraders}, l125: []string{CodeTimeBarred},
		},
		{
			name: "limitation soon: a note, not a reason",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindConsumer, today,
					invoice(t, ledger.KindConsumer, "F2024-050", 600_00, d("2024-12-31"), d("2026-11-20"), civil.Date{}))
			},
			l126:  []string{CodeNotBetweenTraders},
			notes: map[Procedure][]string{InjonctionDePayer: {CodeLimitationSoon}, PetitesCreances: {CodeLimitationSoon}},
		},
		{
			name: "an invalid case is assessed no further",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Invoices = nil
				return c
			},
			ip: []string{CodeInvalidCase}, l126: []string{CodeInvalidCase}, l125: []string{CodeInvalidCase},
		},
		{
			name: "a statement that disagrees with the invoice is invalid",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Invoices[0].Remaining.Minor -= 1
				return c
			},
			ip: []string{CodeInvalidCase}, l126: []string{CodeInvalidCase}, l125: []string{CodeInvalidCase},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := Procedures(tt.c(t))
			if got := []Procedure{opts[0].Procedure, opts[1].Procedure, opts[2].Procedure}; !slices.Equal(got, []Procedure{InjonctionDePayer, CreancesCommerciales, PetitesCreances}) {
				t.Fatalf("order = %v", got)
			}
			for i, want := range [][]string{tt.ip, tt.l126, tt.l125} {
				o := opts[i]
				got := codes(o.Reasons)
				if want == nil {
					want = []string{}
				}
				slices.Sort(got)
				want = slices.Sorted(slices.Values(want))
				if !slices.Equal(got, want) {
					t.Errorf("%s reasons = %v, want %v", o.Procedure, got, want)
				}
				if o.Available != (len(want) == 0) {
					t.Errorf("%s available = %v with reasons %v", o.Procedure, o.Available, got)
				}
				for _, r := range o.Reasons {
					if r.FR == "" || r.EN == "" {
						t.Errorf("%s reason %s lacks a sentence", o.Procedure, r.Code)
					}
				}
				for _, code := range tt.notes[o.Procedure] {
					if !hasCode(o.Notes, code) {
						t.Errorf("%s notes %v lack %s", o.Procedure, codes(o.Notes), code)
					}
				}
			}
		})
	}
}

// TestProceduresSmallClaimsCeiling pins the €5,000 ceiling of L125-1 on
// principal plus interest as the engine computes them, on both sides of
// the boundary, for a consumer and for a business before the loi of 23
// April 2026 (after it, trader claims leave L125-1 whatever their amount).
// The €40 indemnity is not counted.
func TestProceduresSmallClaimsCeiling(t *testing.T) {
	t.Parallel()
	type side struct {
		kind                 ledger.DebtorKind
		on, due, until, note civil.Date
	}
	sides := map[string]side{
		"consumer": {ledger.KindConsumer, today, d("2026-06-30"), d("2026-11-20"), d("2026-09-01")},
		"business": {ledger.KindBusiness, d("2026-03-01"), d("2025-12-31"), d("2026-02-27"), civil.Date{}},
	}
	for name, s := range sides {
		for _, tt := range []struct {
			target int64
			ok     bool
		}{{4999_99, true}, {5000_00, true}, {5000_01, false}} {
			t.Run(name+"/"+euros(tt.target), func(t *testing.T) {
				t.Parallel()
				inv := claimTotaling(t, s.kind, tt.target, s.due, s.until, s.note)
				c := caseOf(s.kind, s.on, inv)
				c.NoticeSent = s.note
				o, _ := Find(Procedures(c), PetitesCreances)
				if o.Available != tt.ok {
					t.Errorf("principal %d + interest %d: available = %v, want %v (reasons %v)",
						inv.Statement.Principal.Minor, inv.Statement.Interest.Minor, o.Available, tt.ok, codes(o.Reasons))
				}
				if !tt.ok && inv.Statement.Principal.Cmp(SmallClaimsCeiling) > 0 {
					t.Errorf("the principal alone %d is over the ceiling: the case does not show that interest counts", inv.Statement.Principal.Minor)
				}
				if !tt.ok && !slices.Equal(codes(o.Reasons), []string{CodeOverCeiling}) {
					t.Errorf("reasons = %v, want only %s", codes(o.Reasons), CodeOverCeiling)
				}
				if s.kind == ledger.KindBusiness && inv.Statement.Indemnity.Minor != 40_00 {
					t.Errorf("indemnity = %d, want the flat 40 € which the ceiling ignores", inv.Statement.Indemnity.Minor)
				}
				ip, _ := Find(Procedures(c), InjonctionDePayer)
				if !ip.Available {
					t.Errorf("the injonction de payer has no ceiling: %v", codes(ip.Reasons))
				}
			})
		}
	}
}

func euros(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }

// TestL126CarriesCheckNotes: the new procedure's article numbers and its
// entry into force are flagged for checking whatever the case.
func TestL126CarriesCheckNotes(t *testing.T) {
	t.Parallel()
	o, _ := Find(Procedures(b2bCase(t)), CreancesCommerciales)
	for _, n := range o.Notes {
		if n.Code == CodeL126InForce {
			if !n.Check {
				t.Error("the entry-into-force note must be marked Check")
			}
			return
		}
	}
	t.Errorf("notes %v lack %s", codes(o.Notes), CodeL126InForce)
}

func TestTotals(t *testing.T) {
	t.Parallel()
	c := b2bCase(t)
	tot, err := c.Totals()
	if err != nil {
		t.Fatal(err)
	}
	var p, i, n int64
	for _, inv := range c.Invoices {
		p += inv.Statement.Principal.Minor
		i += inv.Statement.Interest.Minor
		n += inv.Statement.Indemnity.Minor
	}
	if tot.Principal.Minor != p || tot.Interest.Minor != i || tot.Indemnity.Minor != n || tot.Total.Minor != p+i+n {
		t.Errorf("totals = %+v, want %d + %d + %d", tot, p, i, n)
	}
	if n != 80_00 {
		t.Errorf("indemnity = %d, want 2 × 40 €", n)
	}
}

package courtfile

import (
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

func d(s string) civil.Date { return civil.MustParse(s) }

// The day most cases are assessed: after the loi of 23 April 2026.
var today = d("2026-11-22")

func lyonCreditor() Creditor {
	return Creditor{Name: "Atelier Durand SARL", SIREN: "732829320", IsBusiness: true, Representative: "Marie Durand, gérante",
		Address: ledger.Address{Line1: "12 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"}}
}

func debtorOf(kind ledger.DebtorKind) Debtor {
	names := map[ledger.DebtorKind]string{ledger.KindBusiness: "Bâtiments Martin SAS", ledger.KindConsumer: "Paul Lefèvre", ledger.KindPublic: "Commune de Villeurbanne"}
	return Debtor{Name: names[kind], Kind: kind, SIREN: "552100554",
		Address: ledger.Address{Line1: "5 avenue Jean Jaurès", PostalCode: "69100", City: "Villeurbanne", Country: "FR"}}
}

// invoice computes the invoice's statement with the engine and the rates
// shipped with recouvre, so that the figures in the tests are the
// engine's, not ours.
func invoice(t testing.TB, kind ledger.DebtorKind, number string, cents int64, due, until, notice civil.Date) Invoice {
	t.Helper()
	claim := legalfr.Claim{Kind: kind, Principal: money.EUR(cents), Due: due, Until: until, Notice: notice}
	st, err := legalfr.Compute(legalfr.Default(), claim, legalfr.Settings{})
	if err != nil {
		t.Fatalf("compute %s: %v", number, err)
	}
	return Invoice{Number: number, IssueDate: due.AddDays(-30), DueDate: due, Amount: money.EUR(cents), Remaining: st.Principal, Statement: st}
}

func caseOf(kind ledger.DebtorKind, on civil.Date, invoices ...Invoice) Case {
	return Case{On: on, Creditor: lyonCreditor(), Debtor: debtorOf(kind), Invoices: invoices}
}

// b2bCase is a commercial case of two invoices worth well over €5,000.
func b2bCase(t testing.TB) Case {
	c := caseOf(ledger.KindBusiness, today,
		invoice(t, ledger.KindBusiness, "F2026-014", 4800_00, d("2026-05-31"), d("2026-11-20"), civil.Date{}),
		invoice(t, ledger.KindBusiness, "F2026-027", 1234_56, d("2026-07-15"), d("2026-11-20"), civil.Date{}))
	c.NoticeSent = d("2026-09-10")
	return c
}

// claimTotaling finds the invoice whose principal plus interest, as the
// engine computes them, is exactly target cents, by bisection on the
// principal: principal + interest grows with the principal.
func claimTotaling(t testing.TB, kind ledger.DebtorKind, target int64, due, until, notice civil.Date) Invoice {
	t.Helper()
	pi := func(p int64) (Invoice, int64) {
		inv := invoice(t, kind, "F-LIMIT", p, due, until, notice)
		return inv, inv.Statement.Principal.Minor + inv.Statement.Interest.Minor
	}
	lo, hi := target/2, target
	for lo < hi {
		mid := (lo + hi) / 2
		if _, s := pi(mid); s < target {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	inv, s := pi(lo)
	if s != target {
		t.Fatalf("no principal gives principal + interest = %d (closest %d at %d): pick other dates", target, s, lo)
	}
	if inv.Statement.Interest.Minor == 0 {
		t.Fatalf("the boundary case must carry interest")
	}
	return inv
}

func codes(notes []Note) []string {
	out := []string{}
	for _, n := range notes {
		out = append(out, n.Code)
	}
	return out
}

func hasCode(notes []Note, code string) bool {
	for _, n := range notes {
		if n.Code == code {
			return true
		}
	}
	return false
}

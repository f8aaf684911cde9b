package reconcile

import (
	"strings"
	"sync"
	"testing"

	"github.com/recouvre/recouvre/internal/money"
)

func FuzzExtractNumbers(f *testing.F) {
	for _, r := range realRemittances {
		f.Add(r.text)
	}
	f.Add("RF18 5390 0754 7034 fac 12,13 et 2024 0012 150,00€ 31/12/2024 N°º")
	f.Fuzz(func(t *testing.T, text string) {
		got := ExtractNumbers(text)
		for _, n := range got {
			if !strings.ContainsAny(n, "0123456789") {
				t.Errorf("ExtractNumbers(%q): %q has no digit", text, n)
			}
		}
		if again := ExtractNumbers(text); strings.Join(again, "\x00") != strings.Join(got, "\x00") {
			t.Errorf("ExtractNumbers(%q) is not deterministic", text)
		}
	})
}

var fuzzBook = sync.OnceValue(func() *labelled { return generate(7, 60, 400, 40) })

// FuzzMatch matches any payment against a small generated book: no
// panic, every proposal balances, no allocation exceeds its document's
// open amount nor the payment (and its fee); then applies the best one
// and matches again, the invariants holding on the lowered book.
func FuzzMatch(f *testing.F) {
	l := fuzzBook()
	for i, p := range l.payments {
		f.Add(p.Remittance(), p.Transaction.Counterparty, p.Transaction.CounterpartyIBAN, p.Amount.Minor, int64(1500*(i%2)))
	}
	f.Add("fac 12 et 13", "M OU MME DUPONT", "", int64(1), int64(-5))
	f.Add("", "", "", int64(9_000_000_000_000_000_000), int64(9_000_000_000_000_000_000))
	f.Fuzz(func(t *testing.T, text, payer, iban string, cents, tol int64) {
		m := NewMatcher(l.book, Options{FeeTolerance: money.EUR(tol)})
		p := payment(text, payer, iban, cents)
		ps := m.Match(p)
		checkInvariants(t, m, p, ps)
		if b, ok := m.Auto(ps); ok {
			m.Apply(b)
			for _, a := range b.Allocations {
				if o, _ := m.Open(a.InvoiceID); o.Minor < 0 {
					t.Fatalf("negative open amount after Apply: %v", o)
				}
			}
			ps = m.Match(p)
			checkInvariants(t, m, p, ps)
		}
	})
}

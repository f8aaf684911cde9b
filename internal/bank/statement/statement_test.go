package statement

import (
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

func TestPaymentKeys(t *testing.T) {
	day := civil.D(2026, 3, 2)
	same := Entry{BookingDate: day, Amount: money.EUR(5000), Credit: true, Text: "VIR ECHEANCE DUPONT"}
	st := Statement{Account: Account{IBAN: "FR7630006000011234567890189"}, Entries: []Entry{
		same, same,
		{BookingDate: day, Amount: money.EUR(7000), Credit: true, Ref: "E1", Transactions: []Transaction{
			{AcctSvcrRef: "BATCH-9", Amount: money.EUR(3500)}, {AcctSvcrRef: "BATCH-9", Amount: money.EUR(3500)}}},
		same,
	}}
	ps := st.Payments()
	if len(ps) != 5 {
		t.Fatalf("%d payments, want 5", len(ps))
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Key] {
			t.Errorf("key %q twice", p.Key)
		}
		seen[p.Key] = true
	}
	// Stable: the same statement again gives the same keys.
	again := st.Payments()
	for i := range ps {
		if again[i].Key != ps[i].Key {
			t.Errorf("payment %d: key %q then %q", i, ps[i].Key, again[i].Key)
		}
	}
	// A batch pays each of its transactions; an entry without details
	// pays its whole amount.
	if ps[2].Amount != money.EUR(3500) || ps[0].Amount != money.EUR(5000) {
		t.Errorf("amounts %v %v", ps[2].Amount, ps[0].Amount)
	}
}

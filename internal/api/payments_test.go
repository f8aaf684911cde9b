package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func TestPayments(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	d1 := f.Debtor(t, b.st, "C001", "Dupont SARL")
	d2 := f.Debtor(t, b.st, "C002", "Martin SAS")
	inv := f.Invoice(t, b.st, d1.ID, "F1", "2025-05-01", "2025-05-31", 1000)
	var all, ofD1 []int64
	for i := 1; i <= 5; i++ {
		d := d1
		if i%2 == 0 {
			d = d2
		}
		p := f.Payment(t, b.st, d.ID, fmt.Sprintf("2025-06-0%d", i), int64(i)*700, fmt.Sprintf("VIR %d", i))
		all = append(all, p.ID)
		if d == d1 {
			ofD1 = append(ofD1, p.ID)
		}
	}
	cheque := &ledger.Payment{DebtorID: d2.ID, ReceivedOn: date("2025-06-12"), Amount: eur(4200), Method: ledger.MethodCheque, Reference: "CHQ 0012345"}
	must(t, b.st.CreatePayment(f.Ctx, cheque))
	all = append(all, cheque.ID)
	must(t, b.st.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: inv.ID, PaymentID: all[0], Amount: eur(600)}))

	items, pages := walk(t, b, "/api/v1/payments?limit=2", tok, 2, paymentID)
	if got := ids(items, paymentID); pages != 3 || !slices.Equal(got, all) {
		t.Errorf("walked %v in %d pages, want %v in 3", got, pages, all)
	}
	items, _ = walk(t, b, fmt.Sprintf("/api/v1/payments?debtor_id=%d", d1.ID), tok, 50, paymentID)
	if got := ids(items, paymentID); !slices.Equal(got, ofD1) {
		t.Errorf("debtor %d: %v, want %v", d1.ID, got, ofD1)
	}
	first := items[0]
	switch {
	case first.DebtorID != d1.ID, first.CreditorID != f.Creditor.ID, first.ReceivedOn != "2025-06-01",
		first.Amount != (moneyJSON{700, "EUR"}), first.Allocated != (moneyJSON{600, "EUR"}), first.Unallocated != (moneyJSON{100, "EUR"}),
		first.Method != "transfer", first.Reference != "VIR 1", !first.CreatedAt.Equal(now):
		t.Errorf("first payment %+v", first)
	}
	last := decode[listBody[paymentJSON]](t, b.get(t, fmt.Sprintf("/api/v1/payments?debtor_id=%d&cursor=%s", d2.ID, cursorOf("payments", all[3])), tok, http.StatusOK))
	if len(last.Data) != 1 || last.Data[0].Method != "cheque" || last.Data[0].Reference != "CHQ 0012345" || last.NextCursor != nil {
		t.Errorf("after %d: %+v", all[3], last)
	}
	empty := decode[listBody[paymentJSON]](t, b.get(t, "/api/v1/payments?debtor_id=999999", tok, http.StatusOK))
	if empty.Data == nil || len(empty.Data) != 0 || empty.NextCursor != nil {
		t.Errorf("unknown debtor: %+v", empty)
	}
	for _, tt := range []struct{ target, param string }{
		{"/api/v1/payments?debtor_id=-4", "debtor_id"},
		{"/api/v1/payments?limit=x", "limit"},
		{"/api/v1/payments?cursor=" + cursorOf("debtors", 3), "cursor"},
	} {
		wantError(t, b.request(http.MethodGet, tt.target, tok), http.StatusBadRequest, "invalid", tt.param)
	}
}

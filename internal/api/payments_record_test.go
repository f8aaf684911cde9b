package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// allocationJSON is an allocation, as a client would declare it.
type allocationJSON struct {
	ID               int64     `json:"id"`
	InvoiceID        int64     `json:"invoice_id"`
	InvoiceNumber    string    `json:"invoice_number"`
	PaymentID        *int64    `json:"payment_id"`
	PaymentReference string    `json:"payment_reference"`
	PaymentDate      *string   `json:"payment_date"`
	CreditNoteID     *int64    `json:"credit_note_id"`
	CreditNoteNumber string    `json:"credit_note_number"`
	Amount           moneyJSON `json:"amount"`
	CreatedAt        time.Time `json:"created_at"`
}

// paymentDetailJSON is a payment with its allocations; the fields after
// created_at are absent when empty.
type paymentDetailJSON struct {
	paymentJSON
	ReversedOn     *string          `json:"reversed_on"`
	ReversalReason string           `json:"reversal_reason"`
	PayerName      string           `json:"payer_name"`
	PayerIBAN      string           `json:"payer_iban"`
	BankLineID     int64            `json:"bank_line_id"`
	Allocations    []allocationJSON `json:"allocations"`
}

// lettered maps the invoice numbers a payment settles to the amounts.
func lettered(p paymentDetailJSON) map[string]int64 {
	out := map[string]int64{}
	for _, a := range p.Allocations {
		out[a.InvoiceNumber] += a.Amount.Minor
	}
	return out
}

// TestRecordPayments: payments entered through the API, lettered by
// themselves or as told; reversal and un-allocation reopen what they
// settled.
func TestRecordPayments(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := newClient(t, b.mux)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	d := f.Debtor(t, b.st, "C001", "Menuiserie Bernard")
	other := f.Debtor(t, b.st, "C002", "Atelier Caron")
	f1 := f.Invoice(t, b.st, d.ID, "F-2025-011", "2025-02-01", "2025-03-01", 100_00)
	f2 := f.Invoice(t, b.st, d.ID, "F-2025-012", "2025-03-01", "2025-04-01", 200_00)
	f3 := f.Invoice(t, b.st, d.ID, "F-2025-013", "2025-04-01", "2025-05-01", 300_00)
	oc := f.Invoice(t, b.st, other.ID, "F-2025-090", "2025-04-01", "2025-05-01", 50_00)
	open := func(id int64) int64 {
		inv, err := b.st.GetInvoice(f.Ctx, id)
		must(t, err)
		return inv.Open().Minor
	}
	create := func(body string) paymentDetailJSON {
		t.Helper()
		rec := wantStatus(t, sendJSON(t, c, http.MethodPost, "/api/v1/payments", tok, body), http.StatusCreated)
		p := decode[paymentDetailJSON](t, rec)
		if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/payments/%d", p.ID) {
			t.Errorf("Location %q", loc)
		}
		return p
	}

	// No allocations: the oldest first.
	p1 := create(fmt.Sprintf(`{"debtor_id":%d,"amount":"250.00","currency":"EUR","received_on":"2025-06-02","method":"transfer","reference":"VIR BERNARD"}`, d.ID))
	if got := lettered(p1); len(got) != 2 || got["F-2025-011"] != 100_00 || got["F-2025-012"] != 150_00 ||
		p1.Unallocated.Minor != 0 || p1.Allocated.Minor != 250_00 || p1.ReceivedOn != "2025-06-02" || p1.ReversedOn != nil {
		t.Fatalf("oldest first: %+v", p1)
	}
	// A reference naming a later invoice: that one first.
	p2 := create(fmt.Sprintf(`{"debtor_id":%d,"amount":"80,00","received_on":"2025-06-03","method":"cheque","reference":"Chèque pour F-2025-013"}`, d.ID))
	if got := lettered(p2); len(got) != 1 || got["F-2025-013"] != 80_00 || p2.Method != "cheque" || p2.Amount.Currency != "EUR" {
		t.Fatalf("by reference: %+v", p2)
	}
	// Explicit allocations: exactly there; the rest stays as credit.
	p3 := create(fmt.Sprintf(`{"debtor_id":%d,"amount":"70.00","received_on":"2025-06-04","allocations":[{"invoice_id":%d,"amount":"20.00"}]}`, d.ID, f3.ID))
	if got := lettered(p3); len(got) != 1 || got["F-2025-013"] != 20_00 || p3.Unallocated.Minor != 50_00 || p3.Method != "transfer" {
		t.Fatalf("explicit: %+v", p3)
	}
	// More than is owed: everything open is settled, the surplus is credit.
	p4 := create(fmt.Sprintf(`{"debtor_id":%d,"amount":"1000.00","received_on":"2025-06-05"}`, d.ID))
	if got := lettered(p4); got["F-2025-012"] != 50_00 || got["F-2025-013"] != 200_00 || p4.Unallocated.Minor != 750_00 {
		t.Fatalf("overpayment: %+v", p4)
	}
	if open(f1.ID)+open(f2.ID)+open(f3.ID) != 0 {
		t.Fatal("invoices still open after the overpayment")
	}
	bal := decode[debtorDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/debtors/%d", d.ID), tok, ""), http.StatusOK)).Balance
	if bal.Credit.Minor != 800_00 || bal.Due.Minor != 0 {
		t.Errorf("balance after the overpayment %+v", bal)
	}
	// An empty list of allocations letters nothing.
	p5 := create(fmt.Sprintf(`{"debtor_id":%d,"amount":"10.00","received_on":"2025-06-05","allocations":[]}`, other.ID))
	if len(p5.Allocations) != 0 || p5.Unallocated.Minor != 10_00 || open(oc.ID) != 50_00 {
		t.Fatalf("no allocation: %+v", p5)
	}

	// The reversal of the first payment reopens what it settled.
	rec := wantStatus(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/reversal", p1.ID), tok, `{"on":"2025-06-10","reason":"rejet AM04"}`), http.StatusOK)
	rev := decode[paymentDetailJSON](t, rec)
	if rev.ReversedOn == nil || *rev.ReversedOn != "2025-06-10" || rev.ReversalReason != "rejet AM04" || len(rev.Allocations) != 0 ||
		rev.Unallocated.Minor != 0 {
		t.Fatalf("reversed %s", rec.Body)
	}
	if open(f1.ID) != 100_00 || open(f2.ID) != 150_00 {
		t.Fatalf("after the reversal: F-2025-011 open %d, F-2025-012 open %d", open(f1.ID), open(f2.ID))
	}
	got := decode[paymentDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", p1.ID), tok, ""), http.StatusOK))
	if got.ReversedOn == nil || *got.ReversedOn != "2025-06-10" {
		t.Errorf("GET after the reversal %+v", got)
	}
	wantError(t, sendJSON(t, c, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/reversal", p1.ID), tok, `{}`), http.StatusConflict, ledger.EConflict)
	// A reversed payment gives nothing any more.
	wantError(t, sendJSON(t, c, http.MethodPost, "/api/v1/allocations", tok, fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"1.00"}`, f1.ID, p1.ID)),
		http.StatusConflict, ledger.EConflict)

	// Allocations: listed by payment, invoice or debtor; removed, the
	// invoice reopens and the payment has the amount back.
	als := decode[listBody[allocationJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/allocations?invoice_id=%d", f3.ID), tok, ""), http.StatusOK))
	if len(als.Data) != 3 || als.NextCursor != nil {
		t.Fatalf("allocations of F-2025-013: %+v", als)
	}
	a := als.Data[0]
	if a.PaymentID == nil || *a.PaymentID != p2.ID || a.CreditNoteID != nil || a.PaymentReference != "Chèque pour F-2025-013" ||
		a.PaymentDate == nil || *a.PaymentDate != "2025-06-03" || a.Amount.Minor != 80_00 {
		t.Errorf("allocation %+v", a)
	}
	byDebtor := decode[listBody[allocationJSON]](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/allocations?debtor_id=%d", d.ID), tok, ""), http.StatusOK))
	if len(byDebtor.Data) != 4 { // p2's, p3's and p4's two
		t.Errorf("allocations of the debtor: %+v", byDebtor.Data)
	}
	wantStatus(t, sendJSON(t, c, http.MethodDelete, fmt.Sprintf("/api/v1/allocations/%d?reason=erreur%%20de%%20saisie", a.ID), tok, ""), http.StatusNoContent)
	if open(f3.ID) != 80_00 {
		t.Errorf("F-2025-013 open %d after the removal", open(f3.ID))
	}
	p2 = decode[paymentDetailJSON](t, wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", p2.ID), tok, ""), http.StatusOK))
	if len(p2.Allocations) != 0 || p2.Unallocated.Minor != 80_00 {
		t.Errorf("payment after the removal %+v", p2)
	}
	wantError(t, sendJSON(t, c, http.MethodDelete, fmt.Sprintf("/api/v1/allocations/%d", a.ID), tok, ""), http.StatusNotFound, ledger.ENotFound)

	// Allocated again by hand.
	rec = wantStatus(t, sendJSON(t, c, http.MethodPost, "/api/v1/allocations", tok, fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"60.00"}`, f3.ID, p2.ID)), http.StatusCreated)
	na := decode[allocationJSON](t, rec)
	if na.InvoiceID != f3.ID || na.InvoiceNumber != "F-2025-013" || na.PaymentID == nil || *na.PaymentID != p2.ID || na.Amount != (moneyJSON{60_00, "EUR"}) {
		t.Errorf("new allocation %+v", na)
	}
	if open(f3.ID) != 20_00 {
		t.Errorf("F-2025-013 open %d", open(f3.ID))
	}

	// Refusals.
	for _, tt := range []struct {
		method, target, body string
		status               int
		code, word           string
	}{
		{http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"-5.00","received_on":"2025-06-01"}`, d.ID), 400, ledger.EInvalid, "amount"},
		{http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"5.00","received_on":"01/06/2025"}`, d.ID), 400, ledger.EInvalid, "received_on"},
		{http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"5.00","received_on":"2025-06-01","method":"bitcoin"}`, d.ID), 400, ledger.EInvalid, "method"},
		{http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"5.00","currency":"euro","received_on":"2025-06-01"}`, d.ID), 400, ledger.EInvalid, "currency"},
		{http.MethodPost, "/api/v1/payments", `{"debtor_id":987654,"amount":"5.00","received_on":"2025-06-01"}`, 404, ledger.ENotFound, ""},
		{http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"5.00","received_on":"2025-06-01","allocations":[{"invoice_id":%d,"amount":"9.00"}]}`, d.ID, f3.ID), 400, ledger.EInvalid, "amount"},
		{http.MethodPost, "/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"5.00","received_on":"2025-06-01","allocations":[{"invoice_id":%d,"amount":"5.00"}]}`, d.ID, oc.ID), 400, ledger.EInvalid, "debtor"},
		{http.MethodPost, "/api/v1/payments", `{"debtor":1}`, 400, ledger.EInvalid, "body"},
		{http.MethodPost, "/api/v1/payments/987654/reversal", `{}`, 404, ledger.ENotFound, ""},
		{http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/reversal", p2.ID), `{"on":"hier"}`, 400, ledger.EInvalid, "on"},
		{http.MethodGet, "/api/v1/payments/987654", "", 404, ledger.ENotFound, ""},
		{http.MethodGet, "/api/v1/allocations", "", 400, ledger.EInvalid, "payment_id"},
		{http.MethodGet, "/api/v1/allocations?invoice_id=x", "", 400, ledger.EInvalid, "invoice_id"},
		{http.MethodPost, "/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"amount":"1.00"}`, f3.ID), 400, ledger.EInvalid, "payment_id"},
		{http.MethodPost, "/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"500.00"}`, f3.ID, p4.ID), 400, ledger.EInvalid, "amount"},
		{http.MethodPost, "/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"1.00"}`, oc.ID, p4.ID), 400, ledger.EInvalid, "debtors"},
		{http.MethodPost, "/api/v1/allocations", `{"invoice_id":987654,"payment_id":1,"amount":"1.00"}`, 404, ledger.ENotFound, ""},
		{http.MethodDelete, "/api/v1/allocations/987654", "", 404, ledger.ENotFound, ""},
	} {
		wantError(t, sendJSON(t, c, tt.method, tt.target, tok, tt.body), tt.status, tt.code, tt.word)
	}

	// A viewer reads and writes nothing.
	viewer := viewerToken(t, b, f)
	wantStatus(t, sendJSON(t, c, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", p2.ID), viewer, ""), http.StatusOK)
	wantError(t, sendJSON(t, c, http.MethodPost, "/api/v1/payments", viewer, fmt.Sprintf(`{"debtor_id":%d,"amount":"5.00","received_on":"2025-06-01"}`, d.ID)),
		http.StatusForbidden, ledger.EForbidden)
	wantError(t, sendJSON(t, c, http.MethodDelete, fmt.Sprintf("/api/v1/allocations/%d", na.ID), viewer, ""), http.StatusForbidden, ledger.EForbidden)
}

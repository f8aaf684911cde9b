package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// payment is money received, with how much of it is allocated. What only
// some payments have (a reversal, the payer a bank statement names) is
// left out when empty.
type payment struct {
	ID             int64     `json:"id"`
	DebtorID       int64     `json:"debtor_id"`
	CreditorID     int64     `json:"creditor_id"`
	ReceivedOn     string    `json:"received_on"`
	Amount         amount    `json:"amount"`
	Allocated      amount    `json:"allocated"`
	Unallocated    amount    `json:"unallocated"`
	Method         string    `json:"method"`
	Reference      string    `json:"reference"`
	CreatedAt      time.Time `json:"created_at"`
	ReversedOn     *string   `json:"reversed_on,omitempty"`
	ReversalReason string    `json:"reversal_reason,omitempty"`
	PayerName      string    `json:"payer_name,omitempty"`
	PayerIBAN      string    `json:"payer_iban,omitempty"`
	BankLineID     int64     `json:"bank_line_id,omitempty"`
}

func toPayment(p ledger.Payment) payment {
	return payment{
		ID: p.ID, DebtorID: p.DebtorID, CreditorID: p.CreditorID, ReceivedOn: p.ReceivedOn.String(),
		Amount: toAmount(p.Amount), Allocated: toAmount(p.Allocated), Unallocated: toAmount(p.Unallocated()),
		Method: string(p.Method), Reference: p.Reference, CreatedAt: p.CreatedAt.UTC(),
		ReversedOn: optDate(p.ReversedOn), ReversalReason: p.ReversalReason,
		PayerName: p.PayerName, PayerIBAN: p.PayerIBAN, BankLineID: p.BankLineID,
	}
}

// paymentDetail is a payment with what it settles.
type paymentDetail struct {
	payment
	Allocations []allocation `json:"allocations"`
}

// listPayments serves GET /api/v1/payments in id order.
func (a *API) listPayments(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	pg, err := pageParams(q, listPayments)
	if err != nil {
		return err
	}
	pq := store.PaymentQuery{Limit: pg.limit, After: pg.after}
	if pq.DebtorID, err = optionalID(q, "debtor_id"); err != nil {
		return err
	}
	res, err := a.store.ListPayments(r.Context(), pq)
	if err != nil {
		return fmt.Errorf("list payments: %w", err)
	}
	out := list[payment]{Data: make([]payment, 0, len(res.Payments)), NextCursor: encodeCursor(listPayments, res.Next)}
	for _, p := range res.Payments {
		out.Data = append(out.Data, toPayment(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getPayment serves GET /api/v1/payments/{id}.
func (a *API) getPayment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return a.writePayment(r.Context(), w, http.StatusOK, id)
}

// writePayment answers a payment with its allocations.
func (a *API) writePayment(ctx context.Context, w http.ResponseWriter, status int, id int64) error {
	p, err := a.store.GetPayment(ctx, id)
	if err != nil {
		return fmt.Errorf("get payment %d: %w", id, err)
	}
	views, err := a.store.ListAllocations(ctx, store.AllocationQuery{PaymentID: id})
	if err != nil {
		return fmt.Errorf("allocations of payment %d: %w", id, err)
	}
	out := paymentDetail{payment: toPayment(*p), Allocations: toAllocations(views)}
	if status == http.StatusCreated {
		w.Header().Set("Location", fmt.Sprintf("%s/payments/%d", Prefix, id))
	}
	return writeJSON(w, status, out)
}

// paymentIn is the body of POST /api/v1/payments.
type paymentIn struct {
	DebtorID   int64  `json:"debtor_id"`
	Amount     string `json:"amount"`
	Currency   string `json:"currency"`
	ReceivedOn string `json:"received_on"`
	Method     string `json:"method"`
	Reference  string `json:"reference"`
	// Allocations absent: the payment is lettered automatically; an
	// empty list leaves it all as credit.
	Allocations *[]splitIn `json:"allocations"`
}

// splitIn is a part of a payment put on one invoice.
type splitIn struct {
	InvoiceID int64  `json:"invoice_id"`
	Amount    string `json:"amount"`
}

// createPayment serves POST /api/v1/payments: a payment entered by hand.
// Without allocations it goes to the invoices its reference names, then
// to the oldest; with them, exactly where they say.
func (a *API) createPayment(w http.ResponseWriter, r *http.Request) error {
	var in paymentIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	p, err := in.payment()
	if err != nil {
		return err
	}
	ctx := r.Context()
	var splits []banking.Split // nil: lettered automatically
	if in.Allocations != nil {
		// Never nil: an empty list letters nothing.
		if splits, err = parseSplits(*in.Allocations, p.Amount.Currency); err != nil {
			return err
		}
	}
	e, err := a.bank.RecordPayment(ctx, p, splits)
	if err != nil {
		return err
	}
	return a.writePayment(ctx, w, http.StatusCreated, e.Payment.ID)
}

// payment checks the body's fields and builds the payment.
func (in paymentIn) payment() (ledger.Payment, error) {
	p := ledger.Payment{DebtorID: in.DebtorID, Method: ledger.PaymentMethod(in.Method), Reference: strings.TrimSpace(in.Reference)}
	if in.DebtorID <= 0 {
		return p, ledger.FieldError("debtor_id", "want a positive integer id")
	}
	cur := money.Currency(in.Currency)
	if cur == "" {
		cur = "EUR"
	}
	if !cur.Valid() {
		return p, ledger.FieldError("currency", "want an ISO 4217 code such as EUR, got %q", in.Currency)
	}
	var err error
	if p.Amount, err = money.Parse(in.Amount, cur); err != nil {
		return p, ledger.FieldError("amount", "%v", err)
	}
	if p.Amount.Minor <= 0 {
		return p, ledger.FieldError("amount", "want a positive amount, got %q", in.Amount)
	}
	if p.ReceivedOn, err = civil.Parse(in.ReceivedOn); err != nil {
		return p, ledger.FieldError("received_on", "want YYYY-MM-DD, got %q", in.ReceivedOn)
	}
	if p.Method == "" {
		p.Method = ledger.MethodTransfer
	}
	if !p.Method.Valid() {
		return p, ledger.FieldError("method", "unknown payment method %q", in.Method)
	}
	return p, nil
}

// parseSplits reads the allocations of a body, amounts in cur.
func parseSplits(in []splitIn, cur money.Currency) ([]banking.Split, error) {
	out := make([]banking.Split, 0, len(in))
	for i, s := range in {
		field := fmt.Sprintf("allocations[%d]", i)
		if s.InvoiceID <= 0 {
			return nil, ledger.FieldError(field+".invoice_id", "want a positive integer id")
		}
		am, err := money.Parse(s.Amount, cur)
		if err != nil {
			return nil, ledger.FieldError(field+".amount", "%v", err)
		}
		if am.Minor <= 0 {
			return nil, ledger.FieldError(field+".amount", "want a positive amount, got %q", s.Amount)
		}
		out = append(out, banking.Split{InvoiceID: s.InvoiceID, Amount: am})
	}
	return out, nil
}

// reversalIn is the body of POST /api/v1/payments/{id}/reversal.
type reversalIn struct {
	On     string `json:"on"`
	Reason string `json:"reason"`
}

// reversePayment serves POST /api/v1/payments/{id}/reversal: a returned
// direct debit, a bounced cheque. What the payment settled reopens; a
// payment reversed already is a conflict.
func (a *API) reversePayment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in reversalIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	on := a.today()
	if in.On != "" {
		if on, err = civil.Parse(in.On); err != nil {
			return ledger.FieldError("on", "want YYYY-MM-DD, got %q", in.On)
		}
	}
	ctx := r.Context()
	if err := a.bank.Reverse(ctx, id, on, strings.TrimSpace(in.Reason)); err != nil {
		return fmt.Errorf("reverse payment %d: %w", id, err)
	}
	return a.writePayment(ctx, w, http.StatusOK, id)
}

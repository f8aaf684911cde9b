package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// allocation is a lettrage: a payment or a credit note applied to an
// invoice. Exactly one of payment_id and credit_note_id is set.
type allocation struct {
	ID               int64     `json:"id"`
	InvoiceID        int64     `json:"invoice_id"`
	InvoiceNumber    string    `json:"invoice_number"`
	PaymentID        *int64    `json:"payment_id"`
	PaymentReference string    `json:"payment_reference"`
	PaymentDate      *string   `json:"payment_date"`
	CreditNoteID     *int64    `json:"credit_note_id"`
	CreditNoteNumber string    `json:"credit_note_number"`
	Amount           amount    `json:"amount"`
	CreatedAt        time.Time `json:"created_at"`
}

func toAllocation(v store.AllocationView) allocation {
	out := allocation{ID: v.ID, InvoiceID: v.InvoiceID, InvoiceNumber: v.InvoiceNumber, Amount: toAmount(v.Amount),
		CreatedAt: v.CreatedAt.UTC(), PaymentID: optID(v.PaymentID), CreditNoteID: optID(v.CreditNoteID)}
	if v.PaymentID != 0 {
		out.PaymentReference, out.PaymentDate = v.PaymentRef, optDate(v.PaymentDate)
	} else {
		out.CreditNoteNumber = v.CreditNoteNumber
	}
	return out
}

func toAllocations(vs []store.AllocationView) []allocation {
	out := make([]allocation, 0, len(vs))
	for _, v := range vs {
		out = append(out, toAllocation(v))
	}
	return out
}

// optID is an id that may be absent: null rather than 0.
func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// listAllocations serves GET /api/v1/allocations: the allocations of a
// debtor, an invoice (or credit note) or a payment, in id order. One
// filter at least is required; the list is whole, next_cursor null.
func (a *API) listAllocations(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	var aq store.AllocationQuery
	for _, p := range []struct {
		name string
		v    *int64
	}{{"debtor_id", &aq.DebtorID}, {"invoice_id", &aq.InvoiceID}, {"payment_id", &aq.PaymentID}} {
		if *p.v, err = optionalID(q, p.name); err != nil {
			return err
		}
	}
	if aq == (store.AllocationQuery{}) {
		return ledger.FieldError("query", "name a debtor_id, an invoice_id or a payment_id")
	}
	views, err := a.store.ListAllocations(r.Context(), aq)
	if err != nil {
		return fmt.Errorf("list allocations: %w", err)
	}
	return writeJSON(w, http.StatusOK, list[allocation]{Data: toAllocations(views)})
}

// allocationIn is the body of POST /api/v1/allocations.
type allocationIn struct {
	InvoiceID    int64  `json:"invoice_id"`
	PaymentID    int64  `json:"payment_id"`
	CreditNoteID int64  `json:"credit_note_id"`
	Amount       string `json:"amount"`
}

// createAllocation serves POST /api/v1/allocations: a payment's or a
// credit note's amount put on an invoice of the same debtor, within what
// both have open.
func (a *API) createAllocation(w http.ResponseWriter, r *http.Request) error {
	var in allocationIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	switch {
	case in.InvoiceID <= 0:
		return ledger.FieldError("invoice_id", "want a positive integer id")
	case in.PaymentID < 0 || in.CreditNoteID < 0:
		return ledger.FieldError("payment_id", "want a positive integer id")
	case (in.PaymentID == 0) == (in.CreditNoteID == 0):
		return ledger.FieldError("payment_id", "name exactly one of payment_id and credit_note_id")
	}
	ctx := r.Context()
	inv, err := a.store.GetInvoice(ctx, in.InvoiceID)
	if err != nil {
		return fmt.Errorf("get invoice %d: %w", in.InvoiceID, err)
	}
	al := &ledger.Allocation{InvoiceID: in.InvoiceID, PaymentID: in.PaymentID, CreditNoteID: in.CreditNoteID}
	if al.Amount, err = money.Parse(in.Amount, inv.Amount.Currency); err != nil {
		return ledger.FieldError("amount", "%v", err)
	}
	if err := a.store.Allocate(ctx, al); err != nil {
		return err
	}
	views, err := a.store.ListAllocations(ctx, store.AllocationQuery{InvoiceID: in.InvoiceID})
	if err != nil {
		return fmt.Errorf("allocations of invoice %d: %w", in.InvoiceID, err)
	}
	for _, v := range views {
		if v.ID == al.ID {
			return writeJSON(w, http.StatusCreated, toAllocation(v))
		}
	}
	return fmt.Errorf("allocation %d is not found after it was made", al.ID)
}

// deleteAllocation serves DELETE /api/v1/allocations/{id}?reason=: the
// invoice reopens by the amount, which goes back to the payment or the
// credit note.
func (a *API) deleteAllocation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	if err := a.store.Unallocate(r.Context(), id, strings.TrimSpace(q.Get("reason"))); err != nil {
		return fmt.Errorf("remove allocation %d: %w", id, err)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

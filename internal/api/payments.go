package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// payment is money received, with how much of it is allocated.
type payment struct {
	ID          int64     `json:"id"`
	DebtorID    int64     `json:"debtor_id"`
	CreditorID  int64     `json:"creditor_id"`
	ReceivedOn  string    `json:"received_on"`
	Amount      amount    `json:"amount"`
	Allocated   amount    `json:"allocated"`
	Unallocated amount    `json:"unallocated"`
	Method      string    `json:"method"`
	Reference   string    `json:"reference"`
	CreatedAt   time.Time `json:"created_at"`
}

func toPayment(p ledger.Payment) payment {
	return payment{
		ID: p.ID, DebtorID: p.DebtorID, CreditorID: p.CreditorID, ReceivedOn: p.ReceivedOn.String(),
		Amount: toAmount(p.Amount), Allocated: toAmount(p.Allocated), Unallocated: toAmount(p.Unallocated()),
		Method: string(p.Method), Reference: p.Reference, CreatedAt: p.CreatedAt.UTC(),
	}
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

package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// invoice is an invoice or a credit note, with what it stands at today.
type invoice struct {
	ID          int64     `json:"id"`
	DebtorID    int64     `json:"debtor_id"`
	CreditorID  int64     `json:"creditor_id"`
	Kind        string    `json:"kind"`
	Number      string    `json:"number"`
	IssueDate   string    `json:"issue_date"`
	DueDate     *string   `json:"due_date"` // a credit note may have none
	Amount      amount    `json:"amount"`
	Allocated   amount    `json:"allocated"`
	OpenAmount  amount    `json:"open_amount"`
	Status      string    `json:"status"`
	DaysLate    int       `json:"days_late"`
	DocumentURL string    `json:"document_url"`
	Disputed    bool      `json:"disputed"`
	CreatedAt   time.Time `json:"created_at"`
}

func toInvoice(inv ledger.Invoice, today civil.Date) invoice {
	return invoice{
		ID: inv.ID, DebtorID: inv.DebtorID, CreditorID: inv.CreditorID, Kind: string(inv.Kind), Number: inv.Number,
		IssueDate: inv.IssueDate.String(), DueDate: optDate(inv.DueDate),
		Amount: toAmount(inv.Amount), Allocated: toAmount(inv.Allocated), OpenAmount: toAmount(inv.Open()),
		Status: string(inv.Status(today)), DaysLate: daysLate(inv, today),
		DocumentURL: inv.DocumentURL, Disputed: inv.Disputed, CreatedAt: inv.CreatedAt.UTC(),
	}
}

// daysLate counts only what is still owed: a paid invoice or a credit
// note is late by nothing (ledger.Invoice.DaysLate counts from any due
// date, even the zero date of a credit note without one).
func daysLate(inv ledger.Invoice, today civil.Date) int {
	if inv.Kind != ledger.DocInvoice || inv.Open().Minor <= 0 || inv.DueDate.IsZero() {
		return 0
	}
	return inv.DaysLate(today)
}

var (
	invoiceStatuses = []string{
		string(ledger.StatusNotDue), string(ledger.StatusOverdue), string(ledger.StatusDisputed), string(ledger.StatusPaid),
		string(ledger.StatusPartial), string(ledger.StatusApplied), string(ledger.StatusCredit),
	}
	docKinds = []string{string(ledger.DocInvoice), string(ledger.DocCreditNote)}
)

// listInvoices serves GET /api/v1/invoices in id order.
func (a *API) listInvoices(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	pg, err := pageParams(q, listInvoices)
	if err != nil {
		return err
	}
	iq := store.InvoiceQuery{Today: a.today(), Limit: pg.limit, After: pg.after}
	if iq.DebtorID, err = optionalID(q, "debtor_id"); err != nil {
		return err
	}
	status, err := enumParam(q, "status", invoiceStatuses)
	if err != nil {
		return err
	}
	kind, err := enumParam(q, "kind", docKinds)
	if err != nil {
		return err
	}
	iq.Status, iq.Kind = ledger.InvoiceStatus(status), ledger.DocKind(kind)
	if iq.Overdue, err = boolParam(q, "overdue"); err != nil {
		return err
	}
	res, err := a.store.ListInvoices(r.Context(), iq)
	if err != nil {
		return fmt.Errorf("list invoices: %w", err)
	}
	out := list[invoice]{Data: make([]invoice, 0, len(res.Invoices)), NextCursor: encodeCursor(listInvoices, res.Next)}
	for _, inv := range res.Invoices {
		out.Data = append(out.Data, toInvoice(inv, iq.Today))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getInvoice serves GET /api/v1/invoices/{id}.
func (a *API) getInvoice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	inv, err := a.store.GetInvoice(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get invoice %d: %w", id, err)
	}
	return writeJSON(w, http.StatusOK, toInvoice(*inv, a.today()))
}

package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// creditBox is the debtor page's form that applies a credit note (avoir)
// to an invoice, with what was typed when it is refused.
type creditBox struct {
	CreditNote, Invoice int64
	Amount              string
	Error               string
	Applied             bool // the redirect after an application
}

// OpenCreditNotes lists the debtor's credit notes with credit left.
func (p *debtorPage) OpenCreditNotes() []ledger.Invoice {
	var out []ledger.Invoice
	for _, inv := range p.Invoices {
		if inv.Kind == ledger.DocCreditNote && inv.Open().Minor > 0 {
			out = append(out, inv)
		}
	}
	return out
}

// OpenInvoices lists the debtor's invoices still owed.
func (p *debtorPage) OpenInvoices() []ledger.Invoice {
	var out []ledger.Invoice
	for _, inv := range p.Invoices {
		if inv.Kind == ledger.DocInvoice && inv.Open().Minor > 0 {
			out = append(out, inv)
		}
	}
	return out
}

// applyCreditNote serves POST /debtors/{id}/credit-notes: a credit note of
// the debtor settles one of its invoices, for the amount given or as much
// as both allow; journaled like any allocation.
func (ui *UI) applyCreditNote(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not apply credit notes", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	box := creditBox{Amount: strings.TrimSpace(r.PostFormValue("amount"))}
	box.CreditNote, _ = strconv.ParseInt(r.PostFormValue("credit_note"), 10, 64)
	box.Invoice, _ = strconv.ParseInt(r.PostFormValue("invoice"), 10, 64)
	refuse := func(status int, msg string) error {
		box.Error = msg
		return ui.renderDebtor(w, r, v, status, &debtorPage{Credit: box})
	}
	cn, err := ui.store.GetInvoice(ctx, box.CreditNote)
	if ledger.IsNotFound(err) || err == nil && (cn.DebtorID != id || cn.Kind != ledger.DocCreditNote) {
		return refuse(http.StatusBadRequest, v.T("creditui.err.credit_note"))
	}
	if err != nil {
		return fmt.Errorf("load credit note %d: %w", box.CreditNote, err)
	}
	inv, err := ui.store.GetInvoice(ctx, box.Invoice)
	if ledger.IsNotFound(err) || err == nil && (inv.DebtorID != id || inv.Kind != ledger.DocInvoice) {
		return refuse(http.StatusBadRequest, v.T("creditui.err.invoice"))
	}
	if err != nil {
		return fmt.Errorf("load invoice %d: %w", box.Invoice, err)
	}
	amount := money.New(min(cn.Open().Minor, inv.Open().Minor), cn.Amount.Currency)
	if box.Amount != "" {
		if amount, err = money.Parse(box.Amount, cn.Amount.Currency); err != nil {
			return refuse(http.StatusBadRequest, v.amountError(err))
		}
	}
	if amount.Minor <= 0 {
		return refuse(http.StatusBadRequest, v.T("creditui.err.nothing"))
	}
	if err := ui.store.Allocate(ctx, &ledger.Allocation{InvoiceID: inv.ID, CreditNoteID: cn.ID, Amount: amount}); err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return refuse(status, msg)
		}
		return fmt.Errorf("apply credit note %d: %w", cn.ID, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/debtors/%d?credited=1#allocations", id), http.StatusSeeOther)
	return nil
}

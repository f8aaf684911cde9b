package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// payBox is the debtor page's payment form and what the last payment
// recorded there did.
type payBox struct {
	Form  payForm
	Error string // translated
	// Note is the payment just recorded, with where it went.
	Note   *paidNote
	Undone bool // an allocation was just removed
}

// payForm is what the « Enregistrer un paiement » form says.
type payForm struct {
	ReceivedOn string
	Amount     string
	Method     ledger.PaymentMethod
	Reference  string
}

// Methods are the methods a user may record a payment with (a bank
// fee is written off by the matcher only).
func (payForm) Methods() []ledger.PaymentMethod {
	return []ledger.PaymentMethod{ledger.MethodTransfer, ledger.MethodCard, ledger.MethodCheque,
		ledger.MethodDirectDebit, ledger.MethodCash, ledger.MethodOther}
}

// paidNote is a payment with the allocations it made.
type paidNote struct {
	Payment     *ledger.Payment
	Allocations []store.AllocationView
}

// paidNote loads what payment id settled; nil when the id is not a
// payment of the organization (a stale or altered link).
func (ui *UI) paidNote(ctx context.Context, id int64) (*paidNote, error) {
	if id <= 0 {
		return nil, nil
	}
	p, err := ui.store.GetPayment(ctx, id)
	if ledger.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load payment %d: %w", id, err)
	}
	as, err := ui.store.ListAllocations(ctx, store.AllocationQuery{PaymentID: id})
	if err != nil {
		return nil, fmt.Errorf("allocations of payment %d: %w", id, err)
	}
	return &paidNote{Payment: p, Allocations: as}, nil
}

// PaidText says what a payment just recorded did: « Paiement de
// 1 000,00 € enregistré. Lettré : 500,00 € sur F-1, 500,00 € sur F-2. »
func (v *view) PaidText(n *paidNote) string {
	out := []string{v.T("bankui.paid", v.Money(n.Payment.Amount))}
	var parts []string
	for _, a := range n.Allocations {
		parts = append(parts, v.T("bankui.paid_on", v.Money(a.Amount), a.InvoiceNumber))
	}
	if len(parts) > 0 {
		out = append(out, v.T("bankui.paid_allocated", strings.Join(parts, ", ")))
	}
	if u := n.Payment.Unallocated(); u.Minor > 0 {
		out = append(out, v.T("bankui.paid_credit", v.Money(u)))
	}
	return strings.Join(out, " ")
}

// debtorPayBox fills the debtor page's payment form, and what the query
// says was just done.
func (ui *UI) debtorPayBox(r *http.Request, v *view, box *payBox) error {
	if box.Form.ReceivedOn == "" {
		box.Form.ReceivedOn = v.Today.String()
	}
	if box.Form.Method == "" {
		box.Form.Method = ledger.MethodTransfer
	}
	q := r.URL.Query()
	box.Undone = q.Get("done") == "unallocated"
	id, _ := strconv.ParseInt(q.Get("paid"), 10, 64)
	var err error
	box.Note, err = ui.paidNote(r.Context(), id)
	return err
}

// recordPayment serves POST /debtors/{id}/payments: a payment received
// otherwise than through a statement, lettered by the references it
// carries, else on the oldest invoices; the rest stays as credit.
func (ui *UI) recordPayment(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not record payments", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	d, err := ui.store.GetDebtor(ctx, id)
	if err != nil {
		return err
	}
	f := payForm{ReceivedOn: strings.TrimSpace(r.PostFormValue("received_on")), Amount: strings.TrimSpace(r.PostFormValue("amount")),
		Method: ledger.PaymentMethod(r.PostFormValue("method")), Reference: note(r.PostFormValue("reference"))}
	refuse := func(status int, msg string) error {
		return ui.renderDebtor(w, r, v, status, &debtorPage{Pay: payBox{Form: f, Error: msg}})
	}
	p := ledger.Payment{CreditorID: d.CreditorID, DebtorID: d.ID, Method: f.Method, Reference: f.Reference}
	if p.ReceivedOn, err = parseDay(f.ReceivedOn); err != nil {
		return refuse(http.StatusBadRequest, v.T("bankui.err.date"))
	}
	if !f.Method.Valid() || f.Method == ledger.MethodBankFee {
		return refuse(http.StatusBadRequest, v.T("paymentui.err.method"))
	}
	cur, err := ui.debtorCurrency(ctx, d)
	if err != nil {
		return err
	}
	if p.Amount, err = money.Parse(f.Amount, cur); err != nil {
		return refuse(http.StatusBadRequest, v.amountError(err))
	}
	if p.Amount.Minor <= 0 {
		return refuse(http.StatusBadRequest, v.T("bankui.err.not_positive"))
	}
	e, err := ui.banking.RecordPayment(ctx, p, nil)
	if err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return refuse(status, msg)
		}
		return fmt.Errorf("record a payment of debtor %d: %w", id, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/debtors/%d?paid=%d#payments", id, e.Payment.ID), http.StatusSeeOther)
	return nil
}

// debtorCurrency is the currency a debtor pays in: its open invoices',
// else its credit limit's, else the euro.
func (ui *UI) debtorCurrency(ctx context.Context, d *ledger.Debtor) (money.Currency, error) {
	open, err := ui.openInvoices(ctx, d.ID)
	if err != nil {
		return "", err
	}
	if len(open) > 0 {
		return open[0].Amount.Currency, nil
	}
	if d.CreditLimit.Currency.Valid() {
		return d.CreditLimit.Currency, nil
	}
	return "EUR", nil
}

// Back is where a « Délettrer » form of the debtor page comes back to.
func (p *debtorPage) Back() string { return fmt.Sprintf("/debtors/%d#allocations", p.Debtor.ID) }

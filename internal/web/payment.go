package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// maxNote bounds a reason or a note typed in a form.
const maxNote = 500

// paymentPage is the data of a payment's page.
type paymentPage struct {
	*view
	Payment     *ledger.Payment
	Debtor      *ledger.Debtor
	Line        *store.BankLine // the statement line it came from, nil when typed
	Allocations []store.AllocationView
	Open        []ledger.Invoice // the debtor's open invoices, oldest first
	CanWrite    bool
	Notice      string // translated
	Alert       string // translated
	// What the forms said, shown again after a refusal.
	AllocInvoice  int64
	AllocAmount   string
	ReverseOn     string
	ReverseReason string
}

// showPaymentPage serves GET /payments/{id}.
func (ui *UI) showPaymentPage(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &paymentPage{}
	switch r.URL.Query().Get("done") {
	case "allocated":
		data.Notice = v.T("paymentui.done.allocated")
	case "reversed":
		data.Notice = v.T("paymentui.done.reversed")
	case "unallocated":
		data.Notice = v.T("paymentui.done.unallocated")
	}
	return ui.renderPayment(w, r, v, http.StatusOK, data)
}

// renderPayment loads the payment of the path and renders its page.
func (ui *UI) renderPayment(w http.ResponseWriter, r *http.Request, v *view, status int, data *paymentPage) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := ui.store.GetPayment(ctx, id)
	if err != nil {
		return err
	}
	d, err := ui.store.GetDebtor(ctx, p.DebtorID)
	if err != nil {
		return fmt.Errorf("debtor of payment %d: %w", id, err)
	}
	data.view, data.Payment, data.Debtor = v, p, d
	v.Nav, v.Title, v.titleArgs = "portfolio", "paymentui.title", []any{v.Money(p.Amount), v.Date(p.ReceivedOn)}
	data.CanWrite = v.User.Can(auth.PermWriteLedger)
	if p.BankLineID > 0 {
		l, err := ui.store.GetBankLine(ctx, p.BankLineID)
		if err != nil && !ledger.IsNotFound(err) {
			return fmt.Errorf("statement line of payment %d: %w", id, err)
		}
		data.Line = l
	}
	if data.Allocations, err = ui.store.ListAllocations(ctx, store.AllocationQuery{PaymentID: id}); err != nil {
		return fmt.Errorf("allocations of payment %d: %w", id, err)
	}
	if data.Open, err = ui.openInvoices(ctx, d.ID); err != nil {
		return err
	}
	if data.ReverseOn == "" {
		data.ReverseOn = v.Today.String()
	}
	ui.render(w, r, status, "payment", data)
	return nil
}

// openInvoices lists a debtor's invoices with something left to pay,
// oldest due first.
func (ui *UI) openInvoices(ctx context.Context, debtorID int64) ([]ledger.Invoice, error) {
	page, err := ui.store.ListInvoices(ctx, store.InvoiceQuery{DebtorID: debtorID, Limit: -1})
	if err != nil {
		return nil, fmt.Errorf("invoices of debtor %d: %w", debtorID, err)
	}
	var out []ledger.Invoice
	for _, inv := range page.Invoices {
		if inv.Kind == ledger.DocInvoice && inv.Open().Minor > 0 {
			out = append(out, inv)
		}
	}
	slices.SortStableFunc(out, func(a, b ledger.Invoice) int {
		return cmp.Or(a.DueDate.Compare(b.DueDate), a.IssueDate.Compare(b.IssueDate), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// paymentAction checks the user may write, and loads the payment of the
// path: another organization's is not found.
func (ui *UI) paymentAction(r *http.Request, v *view) (*ledger.Payment, error) {
	if !v.User.Can(auth.PermWriteLedger) {
		return nil, ledger.Errorf(ledger.EForbidden, "role %q may not change payments", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return ui.store.GetPayment(r.Context(), id)
}

// allocatePayment serves POST /payments/{id}/allocate: (part of) what the
// payment has left goes to one of its debtor's open invoices; without an
// amount, as much as both allow.
func (ui *UI) allocatePayment(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := ui.paymentAction(r, v)
	if err != nil {
		return err
	}
	ctx := r.Context()
	data := &paymentPage{AllocAmount: strings.TrimSpace(r.PostFormValue("amount"))}
	refuse := func(status int, msg string) error {
		data.Alert = msg
		return ui.renderPayment(w, r, v, status, data)
	}
	invID, _ := strconv.ParseInt(r.PostFormValue("invoice"), 10, 64)
	data.AllocInvoice = invID
	if invID <= 0 {
		return refuse(http.StatusBadRequest, v.T("paymentui.err.no_invoice"))
	}
	inv, err := ui.store.GetInvoice(ctx, invID)
	if ledger.IsNotFound(err) || err == nil && inv.DebtorID != p.DebtorID {
		return refuse(http.StatusBadRequest, v.T("paymentui.err.other_debtor"))
	}
	if err != nil {
		return fmt.Errorf("load invoice %d: %w", invID, err)
	}
	if p.Reversed() {
		return refuse(http.StatusConflict, v.T("paymentui.err.reversed"))
	}
	amount := money.New(min(p.Unallocated().Minor, inv.Open().Minor), p.Amount.Currency)
	if data.AllocAmount != "" {
		if amount, err = money.Parse(data.AllocAmount, p.Amount.Currency); err != nil {
			return refuse(http.StatusBadRequest, v.amountError(err))
		}
	}
	a := &ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: amount}
	if err := ui.store.Allocate(ctx, a); err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return refuse(status, msg)
		}
		return fmt.Errorf("allocate payment %d: %w", p.ID, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/payments/%d?done=allocated", p.ID), http.StatusSeeOther)
	return nil
}

// reversePayment serves POST /payments/{id}/reverse: the payment was
// returned (a rejected direct debit, a bounced cheque); what it settled
// reopens.
func (ui *UI) reversePayment(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := ui.paymentAction(r, v)
	if err != nil {
		return err
	}
	data := &paymentPage{ReverseOn: strings.TrimSpace(r.PostFormValue("on")), ReverseReason: note(r.PostFormValue("reason"))}
	refuse := func(status int, msg string) error {
		data.Alert = msg
		return ui.renderPayment(w, r, v, status, data)
	}
	on := v.Today
	if data.ReverseOn != "" {
		if on, err = parseDay(data.ReverseOn); err != nil {
			return refuse(http.StatusBadRequest, v.T("bankui.err.date"))
		}
	}
	if err := ui.banking.Reverse(r.Context(), p.ID, on, data.ReverseReason); err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return refuse(status, msg)
		}
		return fmt.Errorf("reverse payment %d: %w", p.ID, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/payments/%d?done=reversed", p.ID), http.StatusSeeOther)
	return nil
}

// deleteAllocation serves POST /allocations/{id}/delete (délettrage):
// the invoice reopens and the payment or credit note gets the amount
// back; then back to the page the form was on.
func (ui *UI) deleteAllocation(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not change allocations", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	reason := note(r.PostFormValue("reason"))
	if reason == "" {
		reason = v.T("paymentui.unallocate_reason")
	}
	err = ui.store.Unallocate(r.Context(), id, reason)
	if ledger.IsNotFound(err) {
		return err
	}
	if err != nil {
		status, msg, ok := v.refusal(err)
		if !ok {
			return fmt.Errorf("unallocate %d: %w", id, err)
		}
		v.Title = "error.title"
		ui.render(w, r, status, "error", &errorPage{view: v, Status: status, Message: msg})
		return nil
	}
	http.Redirect(w, r, withDone(localPath(r.PostFormValue("back"), "/debtors"), "unallocated"), http.StatusSeeOther)
	return nil
}

// withDone adds done=what to the query of a local path, keeping its
// fragment.
func withDone(path, what string) string {
	u, err := url.Parse(path)
	if err != nil {
		return path
	}
	q := u.Query()
	q.Set("done", what)
	u.RawQuery = q.Encode()
	return u.String()
}

// note is a note or reason typed in a form, trimmed and bounded.
func note(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > maxNote {
		s = string(r[:maxNote])
	}
	return s
}

// parseDay reads a day as a date input sends it (2025-06-15) or as
// people type it (15/06/2025).
func parseDay(s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := civil.Parse(s); err == nil {
		return d, nil
	}
	t, err := time.Parse("02/01/2006", s)
	if err != nil {
		return civil.Date{}, ledger.FieldError("date", "%q: want YYYY-MM-DD or DD/MM/YYYY", s)
	}
	return civil.Of(t), nil
}

// MinorMoney prints minor units of a currency (a proposal's amounts).
func (v *view) MinorMoney(minor int64, c money.Currency) string {
	if c == "" {
		c = "EUR"
	}
	return v.Money(money.New(minor, c))
}

// AmountInput writes an amount for a form's text field, without
// thousands separators: « 1234,56 » in French, "1234.56" in English.
func (v *view) AmountInput(a money.Amount) string {
	s := money.Decimal(a)
	if v.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Method names a payment method.
func (v *view) Method(m ledger.PaymentMethod) string {
	return v.translated("method."+string(m), string(m))
}

// Back is where a « Délettrer » form of the payment page comes back to.
func (p *paymentPage) Back() string { return fmt.Sprintf("/payments/%d#allocations", p.Payment.ID) }

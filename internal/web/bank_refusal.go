package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// refusalKeys translate the stable English sentences with which the
// ledger and the store refuse a lettrage or a reversal.
var refusalKeys = []struct{ sentence, key string }{
	{"exceeds the invoice's open amount", "bankui.err.exceeds_invoice"},
	{"exceeds what the payment or credit note has left", "bankui.err.exceeds_payment"},
	{"amount must be positive", "bankui.err.not_positive"},
	{"only an invoice can receive an allocation", "bankui.err.not_invoice"},
	{"currency mismatch", "bankui.err.currency"},
	{"belong to different debtors", "paymentui.err.other_debtor"},
	{"the payment's amount is not the reversal's", "bankui.err.reversal_amount"},
	{"threshold must be between", "bankui.err.threshold"},
	{store.ReverseAlready, "bankui.err.reversed_already"},
	{store.ReverseFee, "bankui.err.reverse_fee"},
}

// refusal words an action's domain error for the user, with the status
// the page is answered with; ok is false for an internal error, which
// stays a 500 with its cause in the log only.
func (v *view) refusal(err error) (status int, msg string, ok bool) {
	var e *ledger.Error
	if !errors.As(err, &e) {
		return 0, "", false
	}
	switch e.Code {
	case ledger.EInvalid:
		status = http.StatusBadRequest
	case ledger.EConflict:
		status = http.StatusConflict
	case ledger.ENotFound:
		status = http.StatusNotFound
	default:
		return 0, "", false
	}
	for _, r := range refusalKeys {
		if strings.Contains(e.Message, r.sentence) {
			return status, v.T(r.key), true
		}
	}
	switch e.Field {
	case "received_on", "date":
		return status, v.T("bankui.err.date"), true
	case "proposal":
		return status, v.T("bankui.err.proposal"), true
	}
	return status, v.T("bankui.err." + e.Code), true
}

// amountError words why an amount typed in a form cannot be read.
func (v *view) amountError(err error) string {
	var pe *money.ParseError
	if errors.As(err, &pe) {
		switch pe.Key {
		case money.KeyEmpty:
			return v.T("bankui.err.amount_empty")
		case money.KeyTooManyDecimals:
			return v.T("bankui.err.amount_decimals", pe.Input)
		case money.KeyOverflow:
			return v.T("bankui.err.amount_large", pe.Input)
		case money.KeyCurrency:
			return v.T("bankui.err.amount_currency", pe.Input)
		}
		return v.T("bankui.err.amount", pe.Input)
	}
	return v.T("bankui.err.amount", "")
}

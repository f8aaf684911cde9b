package banking

import (
	"strings"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// maxReference bounds the payment reference taken from a line's text.
const maxReference = 140

// paymentOf is the payment a line records for a debtor, before any
// allocation.
func paymentOf(l *store.BankLine, debtorID int64, method ledger.PaymentMethod) ledger.Payment {
	ref := strings.Join(strings.Fields(l.Remittance), " ")
	if ref == "" {
		ref = l.BankRef
	}
	if utf8.RuneCountInString(ref) > maxReference {
		ref = string([]rune(ref)[:maxReference])
	}
	if method == "" {
		method = ledger.MethodTransfer
	}
	return ledger.Payment{DebtorID: debtorID, ReceivedOn: l.BookingDate, Amount: l.Amount, Method: method, Reference: ref,
		PayerName: l.Counterparty, PayerIBAN: l.CounterpartyIBAN, BankLineID: l.ID}
}

// entries builds what a proposal records for a line: its credit notes
// set against its invoices, then the line's money on what is left, oldest
// first as the proposal lists them, then the bank fee written off. open
// gives a document's open amount now: a proposal made before other
// payments is cut down to it, and what it can no longer pay stays as
// credit on the debtor.
func entries(l *store.BankLine, p Proposal, method ledger.PaymentMethod, open func(id int64) int64) []store.PaymentEntry {
	cur := l.Amount.Currency
	type doc struct {
		id   int64
		left int64
	}
	var invs, cns []doc
	for _, a := range p.Allocations {
		amt := min(a.Minor, open(a.InvoiceID))
		if amt <= 0 {
			continue
		}
		if a.CreditNote {
			cns = append(cns, doc{a.InvoiceID, amt})
		} else {
			invs = append(invs, doc{a.InvoiceID, amt})
		}
	}
	pay := store.PaymentEntry{Payment: paymentOf(l, p.DebtorID, method)}
	// Credit notes first: they settle invoices without money.
	for c := range cns {
		for i := range invs {
			take := min(cns[c].left, invs[i].left)
			if take <= 0 {
				continue
			}
			pay.Allocations = append(pay.Allocations, ledger.Allocation{InvoiceID: invs[i].id, CreditNoteID: cns[c].id, Amount: money.New(take, cur)})
			cns[c].left -= take
			invs[i].left -= take
		}
	}
	cash := l.Amount.Minor
	for i := range invs {
		take := min(invs[i].left, cash)
		if take <= 0 {
			continue
		}
		pay.Allocations = append(pay.Allocations, ledger.Allocation{InvoiceID: invs[i].id, Amount: money.New(take, cur)})
		invs[i].left -= take
		cash -= take
	}
	out := []store.PaymentEntry{pay}
	if p.Fee > 0 {
		fee := store.PaymentEntry{Payment: ledger.Payment{DebtorID: p.DebtorID, ReceivedOn: l.BookingDate, Method: ledger.MethodBankFee,
			Reference: i18n.T("fr", "banking.fee_reference", money.FormatFR(l.Amount)), BankLineID: l.ID}}
		left := p.Fee
		for i := range invs {
			take := min(invs[i].left, left)
			if take <= 0 {
				continue
			}
			fee.Allocations = append(fee.Allocations, ledger.Allocation{InvoiceID: invs[i].id, Amount: money.New(take, cur)})
			fee.Payment.Amount.Minor += take
			invs[i].left -= take
			left -= take
		}
		if fee.Payment.Amount.Minor > 0 {
			fee.Payment.Amount.Currency = cur
			out = append(out, fee)
		}
	}
	return out
}

// splitEntries builds what the user's split records for a line: the
// line's money on the invoices named, the rest kept as credit.
func splitEntries(l *store.BankLine, debtorID int64, splits []Split) ([]store.PaymentEntry, error) {
	pay := store.PaymentEntry{Payment: paymentOf(l, debtorID, "")}
	var total int64
	for _, s := range splits {
		if s.Amount.Minor == 0 {
			continue
		}
		if s.Amount.Minor < 0 {
			return nil, ledger.FieldError("amount", "a split amount must be positive")
		}
		total += s.Amount.Minor
		pay.Allocations = append(pay.Allocations, ledger.Allocation{InvoiceID: s.InvoiceID, Amount: s.Amount})
	}
	if total > l.Amount.Minor {
		return nil, ledger.FieldError("amount", "%s", i18n.T("en", "banking.split_exceeds",
			money.Decimal(money.New(total, l.Amount.Currency)), money.Decimal(l.Amount)))
	}
	return []store.PaymentEntry{pay}, nil
}

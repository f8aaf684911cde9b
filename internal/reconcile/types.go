package reconcile

import (
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Invoice is an open document of the creditor: an invoice, or a credit
// note (avoir) when Kind is ledger.DocCreditNote. Open is what is still
// due on an invoice, or still to be used of a credit note; it is never
// negative.
type Invoice struct {
	ID, DebtorID int64
	Number       string
	Kind         ledger.DocKind
	Open         money.Amount
	IssueDate    civil.Date
	DueDate      civil.Date
}

// creditNote reports whether the document is a credit note.
func (inv *Invoice) creditNote() bool { return inv.Kind == ledger.DocCreditNote }

// Debtor is who owes the invoices.
type Debtor struct {
	ID    int64
	Ref   string
	Name  string
	SIREN string
}

// Book is what the matcher reads: the open documents, their debtors, and
// the IBAN memory (normalized IBAN → the debtor learnt from confirmed
// matches).
type Book struct {
	Invoices []Invoice
	Debtors  []Debtor
	IBANs    map[string]int64
}

// Options are the user's settings.
type Options struct {
	// AutoThreshold is the confidence (0–100) from which a proposal is
	// applied without review; 0 means the default, 90.
	AutoThreshold int
	// FeeTolerance is the largest bank fee a payer may have deducted from
	// what it owed; zero (the default) accepts no fee.
	FeeTolerance money.Amount
	// MaxInvoicesPerCombination bounds the number of invoices a payment
	// without reference may be split across; 0 means the default, 4.
	MaxInvoicesPerCombination int
}

// Defaults of Options.
const (
	DefaultAutoThreshold             = 90
	DefaultMaxInvoicesPerCombination = 4
	// maxCombination bounds what a user may ask, to keep the search
	// small.
	maxCombination = 6
)

// Allocation is the part of a payment a proposal puts on one document:
// positive on an invoice, negative on a credit note it uses up.
type Allocation struct {
	InvoiceID int64
	Amount    money.Amount
}

// Reason says why a proposal was made. Code is stable (tests, logs,
// statistics); Key and Args render it in the interface language.
type Reason struct {
	Code string
	Key  string
	Args []any
}

// Message renders the reason in lang.
func (r Reason) Message(lang string) string { return i18n.T(lang, r.Key, r.Args...) }

// Proposal is one reading of a payment: whose it is and what it pays.
// The amounts always balance:
//
//	Σ Allocations + Unapplied = payment + Fee
//
// Unapplied is an overpayment kept as credit on the debtor's account; Fee
// is what the bank kept, within Options.FeeTolerance, to be written off
// so that the invoices are settled in full. No allocation exceeds its
// document's open amount.
type Proposal struct {
	DebtorID    int64
	Allocations []Allocation
	Unapplied   money.Amount
	Fee         money.Amount
	Confidence  int
	Reasons     []Reason
}

// Has reports whether the proposal holds a reason of the given code.
func (p Proposal) Has(code string) bool {
	for _, r := range p.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

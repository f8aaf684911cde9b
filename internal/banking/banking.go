// Package banking brings bank statements into the ledger and keeps the
// lettrage: it reads a statement file (camt.053/.054, OFX, CFONB 120,
// bank CSV/Excel through a saved mapping), skips the lines already
// imported, matches each incoming amount against the open invoices
// (package reconcile), records what is sure, queues the rest for review
// with its best proposals, and applies reversals. It also allocates the
// payments entered by hand: by the references they carry, else oldest
// first.
package banking

import (
	"time"

	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// Service runs imports and resolutions against a store.
type Service struct {
	store store.Store
	now   func() time.Time
}

// New returns a service over st; now is the clock (time.Now when nil).
func New(st store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, now: now}
}

// ImportOptions tell Import what the user chose.
type ImportOptions struct {
	FileName string
	// Mapping names a saved bank CSV mapping; "" detects the columns.
	Mapping string
	// DryRun reads, matches and counts, and writes nothing.
	DryRun bool
}

// Report is what an import did, in the CLI's and the API's shape.
type Report struct {
	ImportID          int64               `json:"import_id,omitempty"`
	FileName          string              `json:"file_name"`
	Format            string              `json:"format"`
	Encoding          string              `json:"encoding,omitempty"`
	Entries           int                 `json:"entries"`
	PaymentsCreated   int                 `json:"payments_created"`
	DuplicatesSkipped int                 `json:"duplicates_skipped"`
	AutoMatched       int                 `json:"auto_matched"`
	ToReview          int                 `json:"to_review"`
	Reversals         int                 `json:"reversals"`
	DebitsIgnored     int                 `json:"debits_ignored"`
	Pending           int                 `json:"pending"`
	DryRun            bool                `json:"dry_run,omitempty"`
	Issues            []store.ImportError `json:"issues,omitempty"`
}

// Split is a part of a payment the user puts on one invoice.
type Split struct {
	InvoiceID int64
	Amount    money.Amount
}

// Proposal is one reading of a line kept for review: whose payment it is
// and what it pays, with the matcher's confidence and reasons.
type Proposal struct {
	DebtorID    int64          `json:"debtor_id"`
	DebtorRef   string         `json:"debtor_ref"`
	DebtorName  string         `json:"debtor_name"`
	Currency    money.Currency `json:"currency"`
	Allocations []Allocation   `json:"allocations"`
	// Unapplied is kept as credit on the debtor; Fee is written off as
	// the payer's bank fee (minor units).
	Unapplied  int64    `json:"unapplied_minor"`
	Fee        int64    `json:"fee_minor"`
	Confidence int      `json:"confidence"`
	Reasons    []Reason `json:"reasons"`
}

// Allocation is what a proposal puts on one document: an invoice it
// pays, or a credit note it uses up (CreditNote, Minor still positive).
type Allocation struct {
	InvoiceID  int64  `json:"invoice_id"`
	Number     string `json:"number"`
	CreditNote bool   `json:"credit_note,omitempty"`
	Minor      int64  `json:"amount_minor"`
}

// Reason says why a proposal was made (package reconcile's codes); Args
// are already formatted.
type Reason struct {
	Code string   `json:"code"`
	Key  string   `json:"key"`
	Args []string `json:"args,omitempty"`
}

// The service's operations, implemented in the files beside this one:
//
//	func (s *Service) Import(ctx context.Context, data []byte, opt ImportOptions) (*Report, error)
//	func Proposals(l *store.BankLine) ([]Proposal, error)
//	func (s *Service) Accept(ctx context.Context, lineID int64, index int) error
//	func (s *Service) Assign(ctx context.Context, lineID, debtorID int64, splits []Split) error
//	func (s *Service) RecordPayment(ctx context.Context, p ledger.Payment, splits []Split) (*store.PaymentEntry, error)
//	func Plan(amount money.Amount, reference string, open []ledger.Invoice) []Split

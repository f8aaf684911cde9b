package store

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// BankImport is one bank statement file read into recouvre, with what
// became of its lines.
type BankImport struct {
	ID        int64
	OrgID     int64
	FileName  string
	SHA256    string
	Size      int64
	Format    string // statement.Format
	Encoding  string
	Mapping   string // the saved bank CSV mapping used, "" when none
	ActorID   int64
	Actor     string
	CreatedAt time.Time
	// Entries counts the statement's bookings (credits and debits);
	// Payments counts the incoming amounts read from the credits (one per
	// transaction of a batch).
	Entries           int
	Payments          int
	PaymentsCreated   int // payments recorded (automatic matches)
	DuplicatesSkipped int // lines already imported by an earlier statement
	AutoMatched       int // lines applied without review
	ToReview          int // lines waiting in the review queue
	Reversals         int // returned direct debits, bounced cheques applied
	DebitsIgnored     int // outgoing amounts, never payments
	Pending           int // entries the bank has not booked yet
	Issues            []ImportError
	// Status is BatchApplied, or BatchUndone once undone.
	Status   string
	FirstSeq int64 // the journal's head before the import
	LastSeq  int64 // and after it
	UndoneAt time.Time
	UndoneBy string
}

// BankLineStatus is where a statement line stands.
type BankLineStatus string

const (
	// LineMatched: applied by itself (confidence at or above the
	// threshold).
	LineMatched BankLineStatus = "matched"
	// LineReview: waits for the user, with the matcher's proposals.
	LineReview BankLineStatus = "review"
	// LineResolved: the user chose what it pays.
	LineResolved BankLineStatus = "resolved"
	// LineIgnored: the user said it is not a customer's payment.
	LineIgnored BankLineStatus = "ignored"
	// LineReversed: a reversal that undid the payment it returns.
	LineReversed BankLineStatus = "reversed"
)

// Valid reports whether s is a known status.
func (s BankLineStatus) Valid() bool {
	switch s {
	case LineMatched, LineReview, LineResolved, LineIgnored, LineReversed:
		return true
	}
	return false
}

// BankLine is one incoming amount of a statement (a transaction of an
// entry, or the entry itself), or one reversal. Key is unique in the
// organization: a line imported twice is skipped the second time.
type BankLine struct {
	ID          int64
	OrgID       int64
	ImportID    int64
	Key         string
	Account     string // the organization's account (IBAN or number)
	BookingDate civil.Date
	ValueDate   civil.Date
	Amount      money.Amount
	// Reversal marks a line that returns an earlier payment (a returned
	// direct debit, a bounced cheque); ReturnReason is its ISO code.
	Reversal         bool
	ReturnReason     string
	Counterparty     string
	CounterpartyIBAN string
	Remittance       string // all the text the line carries
	BankRef          string // end-to-end id, transaction or entry reference
	FileLine         int
	Status           BankLineStatus
	// PaymentID is the payment the line recorded, or for a reversal the
	// payment it reversed; 0 while under review.
	PaymentID  int64
	DebtorID   int64 // whose payment it is, once known
	Confidence int   // of the best proposal, 0–100
	// Proposals are the matcher's best readings, as JSON written by
	// package banking.
	Proposals  []byte
	Note       string // why the user ignored it
	ResolvedAt time.Time
	ResolvedBy string
}

// BankLineQuery selects statement lines, in id order.
type BankLineQuery struct {
	Status   BankLineStatus // "" for all
	ImportID int64
	Limit    int // default 50, max 500; negative for all
	After    int64
}

// PaymentEntry is a payment to record with the allocations it makes.
// Allocations name the invoice and the amount; one with CreditNoteID set
// applies that credit note instead of the payment (a proposal that uses
// up a credit note alongside the money).
type PaymentEntry struct {
	Payment     ledger.Payment
	Allocations []ledger.Allocation
}

// BankSettings are the organization's matching settings.
type BankSettings struct {
	// AutoThreshold is the confidence (50–100) from which a proposal is
	// applied without review.
	AutoThreshold int
	// FeeTolerance is the largest bank fee a payer may have deducted and
	// still settle its invoices in full.
	FeeTolerance money.Amount
	UpdatedAt    time.Time
}

// DefaultBankSettings are the settings of an organization that saved
// none: automatic from 90, no fee accepted.
func DefaultBankSettings() BankSettings {
	return BankSettings{AutoThreshold: 90, FeeTolerance: money.New(0, "EUR")}
}

// Why a statement import can no longer be undone (BankImportUndoable,
// UndoBankImport): stable English sentences the edges translate.
const (
	BankUndoUndone    = "it was already undone"
	BankUndoReversals = "it returned payments (reversals)"
	BankUndoResolved  = "lines of it were resolved or ignored since"
	BankUndoChanged   = "a debtor it paid has had other events since"
)

// Why a reversal or an un-allocation is refused: stable English
// sentences the edges translate.
const (
	ReverseAlready = "the payment is already reversed"
	ReverseFee     = "a bank fee write-off is not reversed on its own"
)

// BankWriter writes one statement import in one transaction. Its
// lookups see what it already wrote.
type BankWriter interface {
	Import() *BankImport
	// KnownKeys returns which of keys are already lines of the
	// organization.
	KnownKeys(keys []string) (map[string]bool, error)
	// AddLine records a line; its Status, DebtorID, Confidence and
	// Proposals are as given.
	AddLine(l *BankLine) error
	// Pay records payments for a line (the first one's id becomes the
	// line's PaymentID) with their allocations, journaled.
	Pay(l *BankLine, entries []PaymentEntry) error
	// FindReversed returns the payment a reversal line returns: the one
	// recorded from a line with the same bank reference, else the latest
	// unreversed payment of the same amount from the same IBAN on or
	// before the line's date; nil when none.
	FindReversed(l *BankLine) (*ledger.Payment, error)
	// Reverse reverses a payment for a reversal line, reopening what it
	// settled, and links them.
	Reverse(l *BankLine, paymentID int64) error
	// LearnIBAN remembers that an IBAN pays for a debtor.
	LearnIBAN(iban string, debtorID int64) error
}

// DebtorIdentity is what the matcher knows of a debtor.
type DebtorIdentity struct {
	ID    int64
	Ref   string
	Name  string
	SIREN string
}

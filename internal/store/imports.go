package store

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Import batch statuses.
const (
	BatchApplied = "applied" // written
	BatchRefused = "refused" // errors, nothing written
	BatchUndone  = "undone"  // written, then undone
)

// ImportError is one line of a file that could not be read, with its
// reason in French and English.
type ImportError struct {
	Line      int    `json:"line"`
	Column    string `json:"column"`
	Value     string `json:"value"`
	Key       string `json:"key"`
	Message   string `json:"message"`    // French
	MessageEN string `json:"message_en"` // English
}

// Text is the reason in lang.
func (e ImportError) Text(lang string) string {
	if lang == "en" && e.MessageEN != "" {
		return e.MessageEN
	}
	return e.Message
}

// Why an import can no longer be undone (ImportUndoable, UndoImport):
// stable English sentences the edges translate.
const (
	UndoChanged   = "its invoices have changed since"
	UndoDebtor    = "a debtor it created has had other events since"
	UndoAllocated = "a payment or credit note it created has been allocated since"
	UndoUndone    = "it was already undone"
	UndoNothing   = "it wrote nothing"
)

// MaxStoredErrors caps the errors a batch keeps; ErrorCount has them all.
const MaxStoredErrors = 1000

// ImportBatch is one import of a file of receivables.
type ImportBatch struct {
	ID             int64
	OrgID          int64
	CreditorID     int64
	FileName       string
	SHA256         string
	Size           int64
	Format         string
	Encoding       string
	MappingName    string
	Snapshot       bool
	SkipInvalid    bool
	Status         string
	Lines          int
	Created        int
	Updated        int
	Unchanged      int
	Settled        int
	DebtorsCreated int
	ErrorCount     int
	Errors         []ImportError
	ActorID        int64
	Actor          string
	CreatedAt      time.Time
	FirstSeq       int64 // the journal's head before the batch
	LastSeq        int64 // and after it
	UndoneAt       time.Time
	UndoneBy       string
}

// File is a document kept with an invoice (the Factur-X PDF it came as).
type File struct {
	Name        string
	ContentType string
	SHA256      string
	Data        []byte
}

// ImportMapping is a named column mapping, saved for the next imports.
type ImportMapping struct {
	Name      string
	Mapping   []byte // JSON, the importer's
	UpdatedAt time.Time
}

// ImportUpload is a file uploaded through the web between its preview
// and its confirmation.
type ImportUpload struct {
	Token     string
	FileName  string
	Data      []byte
	CreatedAt time.Time
}

// Settlement is money the importer records against an invoice: paid
// before the import, or settled outside recouvre (snapshot mode).
type Settlement struct {
	InvoiceID int64
	DebtorID  int64
	Amount    money.Amount
	On        civil.Date
	Reference string
	// Action is what the batch journals: "paid" (part paid outside),
	// "settled" (absent from a snapshot).
	Action string
}

// ImportWriter is a BulkWriter inside one import batch. Its lookups see
// what the batch already wrote; everything commits together or not at
// all.
type ImportWriter interface {
	BulkWriter
	Batch() *ImportBatch
	// FindDebtors returns the creditor's debtors whose reference, SIREN or
	// exact name is among those given.
	FindDebtors(creditorID int64, refs, sirens, names []string) ([]ledger.Debtor, error)
	// FindInvoices returns the creditor's documents with these numbers.
	FindInvoices(creditorID int64, numbers []string) ([]ledger.Invoice, error)
	// FindPayments returns the ids of the creditor's payments with these
	// import keys.
	FindPayments(creditorID int64, keys []string) (map[string]int64, error)
	// UpdateInvoice changes an invoice's amount and dates, keeping the
	// values before for undo, and journals the change.
	UpdateInvoice(before, after ledger.Invoice) error
	// Settle records a payment of s.Amount allocated to the invoice.
	Settle(s Settlement) error
	// OpenInvoices calls fn for each of the creditor's open invoices.
	OpenInvoices(creditorID int64, fn func(ledger.Invoice) error) error
	// AddFile keeps a document with an invoice of the batch.
	AddFile(invoiceID int64, f File) error
}

// ImportQuery pages the import history, newest first.
type ImportQuery struct {
	Limit  int
	Before int64 // id cursor
}

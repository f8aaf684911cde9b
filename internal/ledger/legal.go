package ledger

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// LegalSettings are an organization's conventions for interest and
// letters. The zero value is the law's default.
type LegalSettings struct {
	OrgID int64
	// Year365 divides by 365 in leap years too.
	Year365 bool
	// PrincipalFirst applies payments to the principal before interest;
	// by default interest first (art. 1343-1 C. civ.).
	PrincipalFirst bool
	// ContractRateBP is the rate the creditor's terms agree, in basis
	// points; HasContractRate says whether there is one.
	ContractRateBP  int64
	HasContractRate bool
	// CreditorIsConsumer: the creditor is a private individual (the
	// higher legal rate).
	CreditorIsConsumer bool
	// NoticeDays is the last deadline a formal notice gives, 8 by default.
	NoticeDays    int
	Place         string // where letters are signed ("Lyon")
	Signatory     string
	SignatoryRole string
	// DefaultTermDays is the payment term applied to a document that
	// comes without a due date (a FEC line): 30 days unless the
	// organization says otherwise (art. L441-10 I C. com.).
	DefaultTermDays int
}

// DefaultTermDays is the payment term when the parties agreed none: 30
// days after receipt of the goods or the service (art. L441-10 I C. com.).
const DefaultTermDays = 30

// Deadline is the notice's deadline in days, 8 when unset.
func (s LegalSettings) Deadline() int {
	if s.NoticeDays <= 0 {
		return 8
	}
	return s.NoticeDays
}

// InsolvencyKind is the kind of collective proceedings.
type InsolvencyKind string

const (
	InsolvencySafeguard   InsolvencyKind = "sauvegarde"
	InsolvencyRecovery    InsolvencyKind = "redressement"
	InsolvencyLiquidation InsolvencyKind = "liquidation"
)

// Valid reports whether k is a known kind of proceedings.
func (k InsolvencyKind) Valid() bool {
	return k == InsolvencySafeguard || k == InsolvencyRecovery || k == InsolvencyLiquidation
}

// Insolvency records that a debtor is in collective proceedings: all
// collection stops, and the claim must be declared to the mandataire.
type Insolvency struct {
	OrgID           int64
	DebtorID        int64
	Kind            InsolvencyKind
	JudgmentDate    civil.Date
	Court           string
	Mandataire      string
	MandataireAddr  Address
	PublicationDate civil.Date // BODACC; the declaration deadline runs from it
	CreatedAt       time.Time
}

// FormalNotice is a mise en demeure issued to a debtor.
type FormalNotice struct {
	ID         int64
	OrgID      int64
	DebtorID   int64
	Reference  string
	IssuedOn   civil.Date
	Deadline   civil.Date
	InvoiceIDs []int64
	Total      money.Amount
	CreatedAt  time.Time
	// PDF is the letter as sent, kept as evidence; FormalNotices leaves it
	// out, FormalNoticePDF reads it.
	PDF []byte
}

// RecoveryCost is a cost of recovery the creditor can prove, for one
// invoice: above €40 in all, such costs replace the flat indemnity
// (D441-5 C. com.).
type RecoveryCost struct {
	ID          int64
	OrgID       int64
	InvoiceID   int64
	DebtorID    int64 // the invoice's debtor, filled by the store
	Amount      money.Amount
	IncurredOn  civil.Date
	Description string
	ProofName   string
	ProofType   string
	Proof       []byte // left out of lists
	CreatedAt   time.Time
}

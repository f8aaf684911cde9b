package ledger

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// OrgKind tells a firm collecting its own receivables from an agency
// collecting for mandants.
type OrgKind string

const (
	OrgCreditor OrgKind = "creditor"
	OrgAgency   OrgKind = "agency"
)

// Organization is a tenant: every row of the store belongs to one.
type Organization struct {
	ID        int64
	Name      string
	Kind      OrgKind
	CreatedAt time.Time
}

// Creditor is the party owed money: the organization itself for a firm,
// or one of an agency's mandants.
type Creditor struct {
	ID        int64
	OrgID     int64
	Name      string
	SIREN     string
	VATNumber string
	IBAN      string
	Address   Address
	CreatedAt time.Time
}

// User is a person who logs in. Users are global; memberships tie them to
// organizations with a role.
type User struct {
	ID           int64
	Email        string
	Name         string
	PasswordHash string
	Lang         string
	CreatedAt    time.Time
}

// Membership gives a user a role in an organization.
type Membership struct {
	OrgID  int64
	UserID int64
	Role   string
}

// DebtorKind decides which law applies: the €40 indemnity and commercial
// interest for businesses, consumer law for consumers, public procurement
// rules for public bodies.
type DebtorKind string

const (
	KindConsumer DebtorKind = "consumer"
	KindBusiness DebtorKind = "business"
	KindPublic   DebtorKind = "public"
)

// Valid reports whether k is a known kind.
func (k DebtorKind) Valid() bool {
	return k == KindConsumer || k == KindBusiness || k == KindPublic
}

// Address is a French postal address.
type Address struct {
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166-1 alpha-2, "FR" by default
}

// IsZero reports whether no field of a is set.
func (a Address) IsZero() bool { return a == Address{} }

// Channel is a way to reach a debtor.
type Channel string

const (
	ChannelEmail  Channel = "email"
	ChannelSMS    Channel = "sms"
	ChannelLetter Channel = "letter"
	ChannelCall   Channel = "call"
)

// Contact is a person or mailbox at the debtor.
type Contact struct {
	ID               int64   `json:"id"`
	Name             string  `json:"name,omitempty"`
	Role             string  `json:"role,omitempty"`
	Email            string  `json:"email,omitempty"`
	Phone            string  `json:"phone,omitempty"`
	Address          Address `json:"address"`
	PreferredChannel Channel `json:"preferred_channel,omitempty"`
	SMSConsent       bool    `json:"sms_consent"`
	Primary          bool    `json:"primary"`
}

// Debtor is a customer who owes, or may owe, the creditor.
type Debtor struct {
	ID          int64
	OrgID       int64
	CreditorID  int64
	Ref         string // the creditor's customer code ("C001")
	Name        string
	Kind        DebtorKind
	SIREN       string
	SIRET       string
	VATNumber   string
	Lang        string
	Tags        []string
	CreditLimit money.Amount
	// PaymentTermDays is the debtor's own payment term in days, used when
	// a document comes without a due date (0: the organization's).
	PaymentTermDays int
	Contacts        []Contact
	CreatedAt       time.Time
}

// DocKind separates invoices from credit notes (avoirs).
type DocKind string

const (
	DocInvoice    DocKind = "invoice"
	DocCreditNote DocKind = "credit_note"
)

// Invoice is a receivable, or a credit note when Kind is DocCreditNote.
// Amount is always positive; a credit note's amount is what it credits.
type Invoice struct {
	ID          int64
	OrgID       int64
	CreditorID  int64
	DebtorID    int64
	Kind        DocKind
	Number      string
	IssueDate   civil.Date
	DueDate     civil.Date
	Amount      money.Amount // including VAT
	DocumentURL string
	Disputed    bool
	CreatedAt   time.Time
	// ImportBatchID is the import that created the document (0: none).
	ImportBatchID int64

	// Derived from allocations by the store; never written by callers.
	Allocated money.Amount
}

// Open returns what remains to be settled (invoice) or applied (credit note).
func (i Invoice) Open() money.Amount {
	return money.Amount{Minor: i.Amount.Minor - i.Allocated.Minor, Currency: i.Amount.Currency}
}

// InvoiceStatus is how an invoice stands on a given day.
type InvoiceStatus string

const (
	StatusNotDue   InvoiceStatus = "not_due"  // à échoir
	StatusOverdue  InvoiceStatus = "overdue"  // en retard
	StatusDisputed InvoiceStatus = "disputed" // en litige
	StatusPaid     InvoiceStatus = "paid"     // payé
	StatusPartial  InvoiceStatus = "partial"  // partiellement payé, not yet due
	StatusApplied  InvoiceStatus = "applied"  // credit note fully applied
	StatusCredit   InvoiceStatus = "credit"   // credit note with credit left
)

// Status derives the invoice's status on day today.
func (i Invoice) Status(today civil.Date) InvoiceStatus {
	open := i.Open().Minor
	if i.Kind == DocCreditNote {
		if open <= 0 {
			return StatusApplied
		}
		return StatusCredit
	}
	switch {
	case open <= 0:
		return StatusPaid
	case i.Disputed:
		return StatusDisputed
	case i.DueDate.Before(today):
		return StatusOverdue
	case i.Allocated.Minor > 0:
		return StatusPartial
	default:
		return StatusNotDue
	}
}

// DaysLate is the number of days past the due date on day today, 0 when
// not yet due.
func (i Invoice) DaysLate(today civil.Date) int {
	if n := i.DueDate.DaysUntil(today); n > 0 {
		return n
	}
	return 0
}

// PaymentMethod is how money arrived.
type PaymentMethod string

const (
	MethodTransfer    PaymentMethod = "transfer"
	MethodCard        PaymentMethod = "card"
	MethodCheque      PaymentMethod = "cheque"
	MethodDirectDebit PaymentMethod = "direct_debit"
	MethodCash        PaymentMethod = "cash"
	MethodOther       PaymentMethod = "other"
	// MethodBankFee writes off what the payer's bank kept from a payment
	// (within the tolerance the user set), so that the invoice it paid
	// is settled in full.
	MethodBankFee PaymentMethod = "bank_fee"
)

// Valid reports whether m is a known method.
func (m PaymentMethod) Valid() bool {
	switch m {
	case MethodTransfer, MethodCard, MethodCheque, MethodDirectDebit, MethodCash, MethodOther, MethodBankFee:
		return true
	}
	return false
}

// Payment is money received from a debtor.
type Payment struct {
	ID         int64
	OrgID      int64
	CreditorID int64
	DebtorID   int64
	ReceivedOn civil.Date
	Amount     money.Amount
	Method     PaymentMethod
	Reference  string
	// ImportKey identifies the file line a payment was read from, so that
	// importing the file again adds nothing ("" for others).
	ImportKey string
	// PayerName and PayerIBAN are who paid, as the bank says.
	PayerName string
	PayerIBAN string
	// BankLineID is the statement line the payment was read from.
	BankLineID int64
	CreatedAt  time.Time
	// ReversedOn is the day the payment was returned (a direct debit
	// rejected, a cheque bounced), zero while it stands; a reversed
	// payment settles nothing and is no credit.
	ReversedOn     civil.Date
	ReversalReason string

	// Derived from allocations by the store.
	Allocated money.Amount
}

// Reversed reports whether the payment was returned.
func (p Payment) Reversed() bool { return !p.ReversedOn.IsZero() }

// Unallocated is the part of the payment not yet applied to an invoice;
// nothing for a reversed payment.
func (p Payment) Unallocated() money.Amount {
	if p.Reversed() {
		return money.Amount{Currency: p.Amount.Currency}
	}
	return money.Amount{Minor: p.Amount.Minor - p.Allocated.Minor, Currency: p.Amount.Currency}
}

// Allocation (lettrage) applies a payment or a credit note to an invoice.
// Exactly one of PaymentID and CreditNoteID is set.
type Allocation struct {
	ID           int64
	OrgID        int64
	InvoiceID    int64
	PaymentID    int64
	CreditNoteID int64
	Amount       money.Amount
	CreatedAt    time.Time
	CreatedBy    int64
	// BankLineID is the statement line the allocation was made with (the
	// line's payment, or a credit note its proposal used), 0 otherwise.
	BankLineID int64
}

// Validate checks an allocation against the documents it joins: it must be
// positive, in the invoice's currency, and exceed neither what the invoice
// still owes nor what the source still has to give.
func (a Allocation) Validate(inv Invoice, sourceOpen money.Amount) error {
	switch {
	case (a.PaymentID == 0) == (a.CreditNoteID == 0):
		return FieldError("source", "an allocation needs exactly one payment or credit note")
	case a.Amount.Minor <= 0:
		return FieldError("amount", "allocation amount must be positive")
	case inv.Kind != DocInvoice:
		return FieldError("invoice_id", "only an invoice can receive an allocation")
	case a.Amount.Currency != inv.Amount.Currency || a.Amount.Currency != sourceOpen.Currency:
		return FieldError("amount", "currency mismatch")
	case a.Amount.Minor > inv.Open().Minor:
		return FieldError("amount", "allocation exceeds the invoice's open amount")
	case a.Amount.Minor > sourceOpen.Minor:
		return FieldError("amount", "allocation exceeds what the payment or credit note has left")
	}
	return nil
}

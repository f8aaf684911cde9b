// Package store defines the persistence contract of recouvre: one Store
// interface, implemented for SQLite (package store/sqlite, pure Go) and
// PostgreSQL (package store/postgres, pgx) over the shared SQL of package
// store/sqldb. The same contract suite (store/storetest) runs on both.
//
// Tenancy is enforced here: every organization-scoped method reads the
// organization from the context (WithOrg) and fails without it, so no
// handler can forget the scope. Ids of another organization are simply
// not found.
package store

import (
	"context"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
)

type ctxKey int

const (
	orgKey ctxKey = iota
	actorKey
)

// WithOrg scopes ctx to an organization.
func WithOrg(ctx context.Context, orgID int64) context.Context {
	return context.WithValue(ctx, orgKey, orgID)
}

// OrgFrom returns the organization ctx is scoped to.
func OrgFrom(ctx context.Context) (int64, bool) {
	id, ok := ctx.Value(orgKey).(int64)
	return id, ok && id > 0
}

// Actor is who causes a change, recorded in the journal.
type Actor struct {
	UserID int64
	Name   string // e-mail, or "system", "cli", "import"…
}

// WithActor records who acts in ctx.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey, a)
}

// ActorFrom returns the actor of ctx, "system" when none was set.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey).(Actor); ok {
		return a
	}
	return Actor{Name: "system"}
}

// Session is a logged-in browser.
type Session struct {
	TokenHash []byte
	UserID    int64
	OrgID     int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken authenticates a client of the JSON API; only its hash is kept.
type APIToken struct {
	ID         int64
	OrgID      int64
	UserID     int64
	Name       string
	TokenHash  []byte
	CreatedAt  time.Time
	LastUsedAt time.Time
}

// MembershipView is a membership with its organization's name.
type MembershipView struct {
	ledger.Membership
	OrgName string
}

// Member is a user of the organization, with their role in it.
type Member struct {
	UserID int64
	Name   string
	Email  string
	Role   string
}

// Label is how the member is named to others: their name, else their
// e-mail address.
func (m Member) Label() string {
	if m.Name != "" {
		return m.Name
	}
	return m.Email
}

// DebtorSort names the orders of the portfolio.
type DebtorSort string

const (
	SortName       DebtorSort = "name"
	SortDue        DebtorSort = "due"
	SortOverdue    DebtorSort = "overdue"
	SortDaysLate   DebtorSort = "days_late"
	SortLastAction DebtorSort = "last_action"
	SortRef        DebtorSort = "ref"
)

// DebtorQuery filters, sorts and pages the portfolio.
type DebtorQuery struct {
	Search  string            // contains, case- and accent-insensitive, over the name, the customer code and the SIREN/SIRET
	Kind    ledger.DebtorKind // "" for all
	Bucket  string            // one of ledger.Buckets, "" for all
	Tag     string
	OnlyDue bool // only debtors with something open
	Sort    DebtorSort
	Desc    bool
	Limit   int // default 50, max 500
	// SkipTotal leaves Total at 0: a client paging by cursor has no use
	// for the count, which costs more than the page on a large portfolio.
	SkipTotal bool
	Offset    int   // page offset (web), or
	After     int64 // cursor: debtors with id > After, in id order (API)
}

// DebtorRow is one line of the portfolio: the debtor and its balance.
type DebtorRow struct {
	Debtor     ledger.Debtor
	Balance    ledger.Balance
	LastAction time.Time // zero when nothing happened yet
	LastEvent  string    // type of the last journal event
}

// DebtorPage is a page of the portfolio.
type DebtorPage struct {
	Rows  []DebtorRow
	Total int   // matching rows, for pagination (0 with After)
	Next  int64 // cursor of the next page, 0 at the end
	AsOf  civil.Date
}

// InvoiceQuery filters invoices. Status takes ledger.InvoiceStatus values;
// Overdue keeps only open invoices past due on Today.
type InvoiceQuery struct {
	DebtorID int64
	Status   ledger.InvoiceStatus
	Overdue  bool
	Kind     ledger.DocKind
	Today    civil.Date
	Limit    int
	After    int64
}

// InvoicePage is a page of invoices.
type InvoicePage struct {
	Invoices []ledger.Invoice
	Next     int64
}

// PaymentQuery filters payments.
type PaymentQuery struct {
	DebtorID int64
	Amount   int64 // exact amount in minor units, 0 for any
	Limit    int
	After    int64
}

// PaymentPage is a page of payments.
type PaymentPage struct {
	Payments []ledger.Payment
	Next     int64
}

// AllocationQuery selects allocations by any of their ends.
type AllocationQuery struct {
	DebtorID  int64
	InvoiceID int64
	PaymentID int64
}

// AllocationView is an allocation with the numbers of what it joins.
type AllocationView struct {
	ledger.Allocation
	InvoiceNumber    string
	CreditNoteNumber string
	PaymentRef       string
	PaymentDate      civil.Date
}

// ActionQuery selects actions, by schedule.
type ActionQuery struct {
	DebtorID int64
	Status   ledger.ActionStatus
	Limit    int // default 100, max 1000

	// For ListActions: more filters.
	Statuses []ledger.ActionStatus
	Channel  ledger.Channel
	CaseID   int64
	OwnerID  int64     // the case's owner; 0 for any
	From     time.Time // scheduled at or after (zero: no bound)
	Until    time.Time // scheduled before (zero: no bound)
	SentFrom time.Time // sent at or after (zero: no bound)
	Offset   int
}

// EventQuery selects journal events, newest first.
type EventQuery struct {
	DebtorID  int64
	InvoiceID int64
	Limit     int
	Before    int64 // seq cursor
}

// VerifyReport sums up a journal verification.
type VerifyReport struct {
	Orgs   int
	Events int64
}

// RateImport is a rate file imported with `recouvre rates import`: the
// rates it holds apply over the shipped ones, in import order.
type RateImport struct {
	ID         int64
	ImportedAt time.Time
	Actor      string
	FileName   string
	SHA256     string
	Content    string
}

// Store is everything recouvre persists.
type Store interface {
	Dunning

	Close() error
	Dialect() string // "sqlite" or "postgres"
	Ping(ctx context.Context) error

	// Instance level: organizations, users, sessions, tokens.
	CreateOrganization(ctx context.Context, o *ledger.Organization) error
	GetOrganization(ctx context.Context, id int64) (*ledger.Organization, error)
	OrganizationIDs(ctx context.Context) ([]int64, error)
	CreateUser(ctx context.Context, u *ledger.User) error
	UserByEmail(ctx context.Context, email string) (*ledger.User, error)
	UserByID(ctx context.Context, id int64) (*ledger.User, error)
	SetUserLang(ctx context.Context, userID int64, lang string) error
	AddMembership(ctx context.Context, m ledger.Membership) error
	Memberships(ctx context.Context, userID int64) ([]MembershipView, error)
	CreateSession(ctx context.Context, s Session) error
	SessionByHash(ctx context.Context, hash []byte, now time.Time) (*Session, error)
	DeleteSession(ctx context.Context, hash []byte) error
	CreateAPIToken(ctx context.Context, t *APIToken) error
	APITokenByHash(ctx context.Context, hash []byte) (*APIToken, error)
	VerifyJournal(ctx context.Context) (VerifyReport, error)
	// RefreshStaleSummaries refreshes every organization whose summaries
	// were computed for another day, and says how many it refreshed.
	RefreshStaleSummaries(ctx context.Context, today civil.Date) (int, error)
	AddRateImport(ctx context.Context, ri *RateImport) error
	RateImports(ctx context.Context) ([]RateImport, error)

	// Organization scoped (WithOrg).
	// Members lists the organization's users with their role, by name.
	Members(ctx context.Context) ([]Member, error)
	CreateCreditor(ctx context.Context, c *ledger.Creditor) error
	ListCreditors(ctx context.Context) ([]ledger.Creditor, error)
	CreateDebtor(ctx context.Context, d *ledger.Debtor) error
	GetDebtor(ctx context.Context, id int64) (*ledger.Debtor, error)
	DebtorBalance(ctx context.Context, id int64, today civil.Date) (ledger.Balance, error)
	ListDebtors(ctx context.Context, q DebtorQuery, today civil.Date) (DebtorPage, error)
	Tags(ctx context.Context) ([]string, error)
	CreateInvoice(ctx context.Context, inv *ledger.Invoice) error
	GetInvoice(ctx context.Context, id int64) (*ledger.Invoice, error)
	ListInvoices(ctx context.Context, q InvoiceQuery) (InvoicePage, error)
	CreatePayment(ctx context.Context, p *ledger.Payment) error
	GetPayment(ctx context.Context, id int64) (*ledger.Payment, error)
	ListPayments(ctx context.Context, q PaymentQuery) (PaymentPage, error)
	Allocate(ctx context.Context, a *ledger.Allocation) error
	ListAllocations(ctx context.Context, q AllocationQuery) ([]AllocationView, error)
	Events(ctx context.Context, q EventQuery) ([]journal.Event, error)
	LegalSettings(ctx context.Context) (ledger.LegalSettings, error)
	SaveLegalSettings(ctx context.Context, s ledger.LegalSettings) error
	RecordInsolvency(ctx context.Context, in *ledger.Insolvency) error
	Insolvency(ctx context.Context, debtorID int64) (*ledger.Insolvency, error)
	RecordFormalNotice(ctx context.Context, n *ledger.FormalNotice) error
	FormalNotices(ctx context.Context, debtorID int64) ([]ledger.FormalNotice, error)
	FormalNoticePDF(ctx context.Context, id int64) (*ledger.FormalNotice, error)
	AddRecoveryCost(ctx context.Context, c *ledger.RecoveryCost) error
	RecoveryCosts(ctx context.Context, debtorID int64) ([]ledger.RecoveryCost, error)
	RecoveryCostProof(ctx context.Context, id int64) (*ledger.RecoveryCost, error)
	// RefreshSummaries recomputes every debtor's balance as of today in
	// one set-based pass (the overdue part changes with the date).
	RefreshSummaries(ctx context.Context, today civil.Date) error

	// Payments and lettrage. RecordPayment records a payment and its
	// allocations in one transaction, journaled (payment.recorded,
	// allocation.created).
	RecordPayment(ctx context.Context, e *PaymentEntry) error
	// Unallocate removes an allocation, reopening its invoice and giving
	// back to its payment or credit note; journaled (allocation.removed).
	Unallocate(ctx context.Context, allocationID int64, reason string) error
	// ReversePayment reverses a payment on a day (a returned direct
	// debit, a bounced cheque): its allocations are removed, what it
	// settled reopens, and it no longer counts as credit; journaled
	// (payment.reversed). A reversed payment is refused (EConflict).
	ReversePayment(ctx context.Context, paymentID int64, on civil.Date, reason string) error
	// OpenDocuments calls fn for each open invoice and credit note, with
	// the fields matching reads (kind, number, dates, amounts, debtor).
	OpenDocuments(ctx context.Context, fn func(ledger.Invoice) error) error
	// DebtorIdentities calls fn for each debtor of the organization.
	DebtorIdentities(ctx context.Context, fn func(DebtorIdentity) error) error

	// Bank statements. ImportBank writes imp and everything fn adds in
	// one transaction (summaries refreshed); an error from fn writes
	// nothing.
	ImportBank(ctx context.Context, imp *BankImport, fn func(BankWriter) error) error
	BankImports(ctx context.Context, q ImportQuery) ([]BankImport, error)
	GetBankImport(ctx context.Context, id int64) (*BankImport, error)
	BankLines(ctx context.Context, q BankLineQuery) ([]BankLine, error)
	CountBankLines(ctx context.Context, status BankLineStatus) (int, error)
	GetBankLine(ctx context.Context, id int64) (*BankLine, error)
	// ResolveBankLine records what a line under review pays and marks it
	// resolved; with learnIBAN its IBAN is remembered for the debtor of
	// the first entry. A line not under review is refused (EConflict).
	ResolveBankLine(ctx context.Context, lineID int64, entries []PaymentEntry, learnIBAN bool) error
	// ResolveReversal applies a reversal line under review to a payment.
	ResolveReversal(ctx context.Context, lineID, paymentID int64) error
	// UndoBankImport takes back what a statement import wrote (its lines,
	// payments, allocations, the IBANs it taught) while nothing else has
	// happened to the debtors it paid, else EConflict with the reason.
	UndoBankImport(ctx context.Context, id int64) (*BankImport, error)
	// BankImportUndoable says whether UndoBankImport would be accepted,
	// and why not.
	BankImportUndoable(ctx context.Context, id int64) (bool, string, error)
	// IgnoreBankLine takes a line out of the review queue.
	IgnoreBankLine(ctx context.Context, lineID int64, note string) error
	DebtorIBANs(ctx context.Context) (map[string]int64, error)
	BankSettings(ctx context.Context) (BankSettings, error)
	SaveBankSettings(ctx context.Context, s BankSettings) error
	SaveBankMapping(ctx context.Context, m ImportMapping) error
	BankMappings(ctx context.Context) ([]ImportMapping, error)
	DeleteBankMapping(ctx context.Context, name string) error

	// Cases and their actions. OpenCase returns the debtor's open case,
	// opening one when it has none; PlanAction records an action, one per
	// (case, step). Every write that settles or reopens invoices keeps
	// them in step: an action whose invoices are all paid is cancelled, a
	// case with nothing due closes, and a reversal undoes both.
	OpenCase(ctx context.Context, debtorID int64) (*ledger.Case, error)
	Cases(ctx context.Context, debtorID int64) ([]ledger.Case, error)
	// AssignCase makes a member of the organization the case's owner (0
	// for nobody): the call tasks of the case go on their list. A case of
	// another organization is not found; an owner who is not a member is
	// refused (field "owner"). Journaled (case.assigned) when it changes.
	AssignCase(ctx context.Context, caseID, ownerID int64) error
	PlanAction(ctx context.Context, a *ledger.Action) error
	Actions(ctx context.Context, q ActionQuery) ([]ledger.Action, error)

	// Bulk loading for the demo generator and large imports.
	Bulk(ctx context.Context, fn func(BulkWriter) error) error

	// Imports of receivables. Import writes b and everything fn adds in
	// one transaction; an error from fn writes nothing. RecordRefusedImport
	// keeps a batch that wrote nothing for the history.
	Import(ctx context.Context, b *ImportBatch, fn func(ImportWriter) error) error
	RecordRefusedImport(ctx context.Context, b *ImportBatch) error
	ImportBatches(ctx context.Context, q ImportQuery) ([]ImportBatch, error)
	GetImportBatch(ctx context.Context, id int64) (*ImportBatch, error)
	// UndoImport removes what a batch wrote and puts back what it changed,
	// refused (EConflict) once anything else has touched its documents.
	UndoImport(ctx context.Context, id int64) (*ImportBatch, error)
	// ImportUndoable says whether UndoImport would be accepted, and why not.
	ImportUndoable(ctx context.Context, id int64) (bool, string, error)
	InvoiceFile(ctx context.Context, invoiceID int64) (*File, error)
	SaveImportMapping(ctx context.Context, m ImportMapping) error
	ImportMappings(ctx context.Context) ([]ImportMapping, error)
	DeleteImportMapping(ctx context.Context, name string) error
	SaveImportUpload(ctx context.Context, u ImportUpload) error
	ImportUpload(ctx context.Context, token string) (*ImportUpload, error)
	DeleteImportUpload(ctx context.Context, token string) error
}

// BulkWriter loads many rows in one transaction, assigning ids. Rows must
// be added parents first; events are sealed into the journal chain in the
// order they are added.
type BulkWriter interface {
	AddDebtor(d *ledger.Debtor) error
	AddInvoice(inv *ledger.Invoice) error
	AddPayment(p *ledger.Payment) error
	AddAllocation(a *ledger.Allocation) error
	AddEvent(e *journal.Event) error
}

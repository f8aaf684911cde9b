package ledger

import (
	"time"

	"github.com/recouvre/recouvre/internal/money"
)

// Stage is where a case stands in the lifecycle.
type Stage string

const (
	StagePreventive   Stage = "preventive"    // before the due date
	StageAmicable     Stage = "amicable"      // reminders after the due date
	StageFormalNotice Stage = "formal_notice" // mise en demeure sent
	StageLitigation   Stage = "litigation"    // contentieux
	StageClosed       Stage = "closed"
)

// Case (dossier) gathers one debtor's open receivables for its creditor.
// It closes by itself when nothing is due any more.
type Case struct {
	ID          int64
	OrgID       int64
	CreditorID  int64
	DebtorID    int64
	Stage       Stage
	OwnerID     int64
	OpenedAt    time.Time
	ClosedAt    time.Time // zero while open
	CloseReason string    // "paid" when it closed because nothing was due
}

// Open reports whether the case is still open.
func (c Case) Open() bool { return c.ClosedAt.IsZero() }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	switch c {
	case ChannelEmail, ChannelSMS, ChannelLetter, ChannelCall:
		return true
	}
	return false
}

// ActionStatus is where an action stands.
type ActionStatus string

const (
	ActionPlanned          ActionStatus = "planned"
	ActionAwaitingApproval ActionStatus = "awaiting_approval"
	ActionSent             ActionStatus = "sent"
	ActionSkipped          ActionStatus = "skipped"
	ActionCancelled        ActionStatus = "cancelled"
	ActionFailed           ActionStatus = "failed"
)

// SkipPaid is the SkipReason of an action cancelled because every
// invoice it was about got paid.
const SkipPaid = "paid"

// Action (relance) is one step of a scenario planned or carried out for
// a case: an email, an SMS, a letter, a call task, about some invoices.
// There is one per (case, step).
type Action struct {
	ID           int64
	OrgID        int64
	CaseID       int64
	DebtorID     int64
	StepKey      string
	Channel      Channel
	ScheduledFor time.Time
	Status       ActionStatus
	SkipReason   string
	InvoiceIDs   []int64
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// What the planner decided, kept for dispatch and for the record.
	ScenarioKey  string
	Template     string
	Stage        Stage        // the stage the case reaches once sent
	AmountDue    money.Amount // due on the action's invoices when planned
	Approval     bool         // the step asked for a person's approval
	AttachLetter bool
	Registered   bool

	// Approval and dispatch.
	DecidedBy   string    // who approved or rejected
	DecidedAt   time.Time // zero while undecided
	LeaseOwner  string    // the dispatcher holding the action
	LeaseUntil  time.Time // the lease runs out then
	Attempts    int
	Recipient   string    // email address, phone number, postal address line
	MessageID   string    // stable per action: <action-ID.org-ID@recouvre>
	SentAt      time.Time // zero until sent
	ConfirmedAt time.Time // the channel acknowledged it (SMTP 250, provider id)
	ProviderRef string    // the SMS provider's or registered post's reference
	Error       string    // the last channel error
	Outcome     CallOutcome
	Note        string
}

// SkipUnconfirmed is the reason for an action that reached its channel but
// whose delivery was not confirmed before a crash: never sent again by
// itself (it may have gone), shown to a person.
const SkipUnconfirmed = "unconfirmed"

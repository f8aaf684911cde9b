package ledger

import "time"

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
}

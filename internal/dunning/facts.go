package dunning

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Bounce is an address that failed: an email refused or bounced, a
// phone number that is wrong.
type Bounce struct {
	DebtorID int64
	Address  string // email address or phone number, as on the contact
	Kind     string // "email" or "phone"
	Reason   string
	At       time.Time
}

// OpenInvoice is an open invoice as the planner sees it.
type OpenInvoice struct {
	ID          int64
	Number      string
	IssueDate   civil.Date
	DueDate     civil.Date
	Amount      money.Amount // including VAT
	Outstanding money.Amount // still due
	Disputed    bool
	// LastPaidOn is the date of the last part payment: it interrupts the
	// limitation period.
	LastPaidOn civil.Date
}

// StepDone is an action of the debtor's open case, whatever its status.
type StepDone struct {
	ActionID int64
	StepKey  string
	// ScenarioKey is the scenario the action was planned from: a case
	// keeps its scenario even when the debtor moves to another segment.
	ScenarioKey string
	Status      ledger.ActionStatus
	// SkipReason of a skipped or cancelled action: it tells a step that
	// counts as done (rejected, unconfirmed, paid) from one to plan again.
	SkipReason   string
	Channel      ledger.Channel
	ScheduledFor time.Time
	SentAt       time.Time
}

// Facts is what the planner knows of one debtor.
type Facts struct {
	Debtor    ledger.Debtor // with its contacts
	RiskScore int           // -1 without a score
	Pause     ledger.ContactPause
	Insolvent bool
	// Invoices are the open invoices (kind invoice, something due),
	// oldest due first. Credit notes with credit left are in Credit.
	Invoices []OpenInvoice
	Credit   money.Amount
	// Case is the open case, nil when none.
	Case *ledger.Case
	// Steps are the open case's actions.
	Steps []StepDone
	// Contacts7 are the times of contacts sent in the 7 days before
	// Now (all cases, all channels).
	Contacts7 []time.Time
	// LastReply is the last time the debtor answered: a payment, a
	// promise, a dispute, a call reached; zero when never.
	LastReply time.Time
	Promises  []ledger.Promise     // pending
	Plans     []ledger.PaymentPlan // active
	// Paid is what the debtor has paid in all (payments not reversed),
	// to tell a promise or a plan kept.
	Paid    money.Amount
	Bounced []Bounce
}

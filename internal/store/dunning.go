package store

import (
	"context"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
)

// Dunning is the part of the Store the dunning engine works with: its
// configuration (settings, scenarios, segments, templates), what pauses
// it (disputes, promises, payment plans, contact holds), the facts the
// planner reads set-based, the plan it writes, and the outbox the
// dispatcher claims actions from with a lease.
type Dunning interface {
	DunningSettings(ctx context.Context) (ledger.DunningSettings, error) // defaults when none saved
	SaveDunningSettings(ctx context.Context, s ledger.DunningSettings) error
	// Scenarios lists the organization's scenarios by key (none until
	// the service seeds the defaults).
	Scenarios(ctx context.Context) ([]ledger.Scenario, error)
	// SaveScenario creates or replaces the scenario of that key.
	SaveScenario(ctx context.Context, s *ledger.Scenario) error
	// DeleteScenario is refused (EConflict) while a segment uses it.
	DeleteScenario(ctx context.Context, key string) error
	Segments(ctx context.Context) ([]ledger.Segment, error) // by position
	// SaveSegments replaces the ordered list of segments; each must name
	// a scenario that exists.
	SaveSegments(ctx context.Context, segs []ledger.Segment) error
	// Templates lists the organization's own templates (the shipped
	// ones are not stored).
	Templates(ctx context.Context) ([]ledger.Template, error)
	// SaveTemplate creates or replaces the template of (key, channel, lang).
	SaveTemplate(ctx context.Context, t *ledger.Template) error
	DeleteTemplate(ctx context.Context, key string, ch ledger.Channel, lang string) error

	// Pauses. A dispute marks its invoice disputed while it is open.
	OpenDispute(ctx context.Context, d *ledger.Dispute) error
	CloseDispute(ctx context.Context, id int64, status ledger.DisputeStatus, resolution string, on civil.Date) error
	Disputes(ctx context.Context, debtorID int64) ([]ledger.Dispute, error) // all the organization's open ones for 0
	// RecordPromise records a pending promise; PaidBase is set to what
	// the debtor has paid so far.
	RecordPromise(ctx context.Context, p *ledger.Promise) error
	SetPromiseStatus(ctx context.Context, id int64, st ledger.PromiseStatus, on civil.Date) error
	Promises(ctx context.Context, debtorID int64) ([]ledger.Promise, error)
	RecordPaymentPlan(ctx context.Context, p *ledger.PaymentPlan) error
	SetPlanStatus(ctx context.Context, id int64, st ledger.PlanStatus, on civil.Date) error
	PaymentPlans(ctx context.Context, debtorID int64) ([]ledger.PaymentPlan, error)
	SetContactPause(ctx context.Context, debtorID int64, p ledger.ContactPause) error
	ContactPause(ctx context.Context, debtorID int64) (ledger.ContactPause, error)
	// SetRiskScore records a debtor's risk score 0–100; -1 removes it.
	SetRiskScore(ctx context.Context, debtorID int64, score int) error
	// RecordBounce marks an address (email or phone) of a debtor as not
	// reachable: it is not used again.
	RecordBounce(ctx context.Context, b dunning.Bounce) error
	Bounces(ctx context.Context, debtorID int64) ([]dunning.Bounce, error)

	// PlanningFacts calls fn for each debtor that has an open case or an
	// open invoice due on or before dueBy, in debtor id order, with what
	// the planner needs; a fixed number of set-based queries, none per
	// debtor. q.DebtorID limits it to one debtor (dispatch re-checks).
	PlanningFacts(ctx context.Context, q FactsQuery, fn func(*dunning.Facts) error) error
	// WritePlan writes a day's plan in one transaction: cases opened or
	// moved, promises and plans settled, actions inserted — an action
	// whose (case, step) exists already is left as it is and reported
	// with ID 0. Each change is journaled.
	WritePlan(ctx context.Context, plan []PlanWrite) ([]ledger.Action, error)

	// The outbox. ClaimActions leases up to q.Limit planned actions due
	// by q.Now that no live lease holds (SKIP LOCKED on PostgreSQL); each
	// claim counts an attempt. An action sent but never confirmed whose
	// lease ran out is first marked failed (SkipUnconfirmed): it may have
	// gone, so it is never sent again by itself.
	ClaimActions(ctx context.Context, q ClaimQuery) ([]ledger.Action, error)
	// MarkSent records, while the worker still holds the lease, that the
	// action is going out now with that content; the case reaches the
	// action's stage. EConflict when the lease was lost or it was sent.
	MarkSent(ctx context.Context, s SentRecord) error
	// ConfirmAction records the channel's acknowledgement.
	ConfirmAction(ctx context.Context, id int64, providerRef string) error
	// ReleaseAction gives an action back: rescheduled at retryAt when it
	// is not zero (status planned), else set to status with reason. A
	// sent action released (its channel refused it) is no longer sent.
	ReleaseAction(ctx context.Context, r Release) error
	// DecideActions approves (planned) or rejects (cancelled, reason
	// "rejected") actions awaiting approval; others are left alone. It
	// returns how many changed.
	DecideActions(ctx context.Context, ids []int64, approve bool) (int, error)
	// RecordCallOutcome closes a call task with its outcome.
	RecordCallOutcome(ctx context.Context, actionID int64, o ledger.CallOutcome, note string) error
	// ListActions lists actions with their debtor, newest schedule last.
	ListActions(ctx context.Context, q ActionQuery) ([]ActionView, error)
	GetAction(ctx context.Context, id int64) (*ActionView, error)
	// ActionContent is what was sent: subject, text, the data behind it.
	ActionContent(ctx context.Context, id int64) (*ActionContent, error)
}

// FactsQuery selects the debtors the planner reads.
type FactsQuery struct {
	// Now is the cycle's clock; facts are read as of it.
	Now time.Time
	// DueBy: debtors with an open invoice due on or before it (today
	// plus the longest pre-due reminder) are read, with those that have
	// an open case.
	DueBy    civil.Date
	DebtorID int64
}

// PlanWrite is what the plan changes for one debtor.
type PlanWrite struct {
	DebtorID int64
	// CaseID is the open case; 0 opens one at Stage.
	CaseID int64
	// Stage moves the case (preventive ↔ amicable) when not empty.
	Stage    ledger.Stage
	Actions  []ledger.Action
	Promises map[int64]ledger.PromiseStatus // promise id → kept or broken
	Plans    map[int64]ledger.PlanStatus    // plan id → completed or broken
	On       civil.Date                     // the day of those changes
}

// ClaimQuery asks for actions to send.
type ClaimQuery struct {
	// Now is the cycle's clock: actions scheduled by then are due. The
	// leases themselves run on the store's wall clock, so that a cycle
	// replayed for a past day still sees a crashed worker's lease expire.
	Now      time.Time
	Worker   string
	Lease    time.Duration
	Limit    int
	Channels []ledger.Channel // all when empty
}

// SentRecord is an action going out.
type SentRecord struct {
	ID        int64
	Worker    string
	At        time.Time
	Recipient string
	MessageID string
	Content   ActionContent
}

// ActionContent is the words an action carried.
type ActionContent struct {
	Subject string
	Body    string // the text (email text part, SMS, letter text, call script)
	HTML    string // the email's HTML part
	// Data is the JSON of the figures behind it (invoices, totals), from
	// which a letter is rendered again for the print batch.
	Data []byte
}

// Release gives an action back from a worker.
type Release struct {
	ID      int64
	Worker  string
	RetryAt time.Time           // reschedule (status planned) when not zero
	Status  ledger.ActionStatus // else: skipped, failed or cancelled
	Reason  string              // skip reason
	Error   string              // the channel's error, if any
}

// ActionView is an action with its debtor and case, for lists.
type ActionView struct {
	ledger.Action
	DebtorRef  string
	DebtorName string
	DebtorKind ledger.DebtorKind
	CaseStage  ledger.Stage
	OwnerID    int64
}

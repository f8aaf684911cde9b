package ledger

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// Step is one step of a scenario: on which day, through which channel,
// in which words, under which conditions.
type Step struct {
	// Key identifies the step within its scenario ("j+15"); with the case
	// it makes the action's unique key, so it must not change once used.
	Key string `json:"key"`
	// Name is what the user reads ("Relance ferme").
	Name string `json:"name"`
	// OffsetDays is counted from the due date of the case's oldest
	// overdue invoice; negative for the courteous pre-due reminder.
	OffsetDays int     `json:"offset_days"`
	Channel    Channel `json:"channel"`
	// Template names the template (its key) used for the message.
	Template string `json:"template"`
	// Stage is the stage the case reaches once the step is sent.
	Stage Stage `json:"stage"`
	// MinAmount: the step is passed over when the amount due is below.
	MinAmount money.Amount `json:"min_amount"`
	// OnlyIfNoReply: passed over when the debtor answered (paid,
	// promised, disputed, called back) since the case's last action.
	OnlyIfNoReply bool `json:"only_if_no_reply"`
	// Approval: the action waits for a person to approve it.
	Approval bool `json:"approval"`
	// AttachLetter: an email carries the step's letter as a PDF.
	AttachLetter bool `json:"attach_letter"`
	// Registered: a letter goes by registered post (formal notice).
	Registered bool `json:"registered"`
}

// Scenario (plan de relance) is an ordered list of steps chosen for a
// case by the first segment that matches its debtor.
type Scenario struct {
	ID        int64
	OrgID     int64
	Key       string // "tpe", "grands-comptes", "particuliers", "public"
	Name      string
	Steps     []Step
	UpdatedAt time.Time
}

// Segment is a rule over a debtor that picks a scenario. Segments are
// tried in Position order; the first that matches wins. A zero bound is
// no bound.
type Segment struct {
	ID       int64
	OrgID    int64
	Position int
	Name     string
	// Kinds the debtor must be one of; empty for any kind.
	Kinds []DebtorKind
	// MinDue, MaxDue bound the amount due (inclusive; zero = none).
	MinDue money.Amount
	MaxDue money.Amount
	// MinAgeDays, MaxAgeDays bound the age in days of the oldest overdue
	// invoice (inclusive; MaxAgeDays 0 = none).
	MinAgeDays int
	MaxAgeDays int
	// MinRisk, MaxRisk bound the risk score 0–100 (inclusive); a debtor
	// without a score matches only a segment without risk bounds.
	MinRisk int
	MaxRisk int
	// Tags the debtor must all carry.
	Tags        []string
	ScenarioKey string
}

// Template is the words of a message for a channel and a language. The
// shipped templates can be overridden per organization by key.
type Template struct {
	ID      int64
	OrgID   int64
	Key     string
	Channel Channel
	Lang    string
	Name    string
	// Subject of an email (text/template); empty for other channels.
	Subject string
	// Body is the text/template source: the email's text part (its HTML
	// part is derived), the SMS, the letter's paragraphs, the call script.
	Body      string
	UpdatedAt time.Time
}

// DunningSettings are an organization's rules for the daily cycle.
type DunningSettings struct {
	OrgID int64
	// AutoRun: the cycle runs by itself every day at RunHour.
	AutoRun bool
	// RunHour (0–23, Europe/Paris) is when the daily cycle runs, and the
	// hour a date given to --as-of stands for.
	RunHour int
	// QuietStart, QuietEnd: messages go out only between these hours of
	// the debtor's time zone (default 9 to 19).
	QuietStart int
	QuietEnd   int
	// WeeklyCap is the most contacts per debtor per rolling 7 days, all
	// channels together (default 2).
	WeeklyCap int
	// AlsaceMoselle adds 26 December and Good Friday to the days off.
	AlsaceMoselle bool
	// SMTPURL overrides RECOUVRE_SMTP_URL for this organization
	// (smtp://user:pass@host:587, smtps://host:465). Never logged.
	SMTPURL string
	// FromEmail, FromName are the sender of emails; ReplyTo optional.
	FromEmail string
	FromName  string
	ReplyTo   string
	// SMSProvider names the SMS provider ("brevo"); SMSKey its API key,
	// SMSSender the sender name.
	SMSProvider string
	SMSKey      string
	SMSSender   string
	// PortalURL is the base of the debtor's self-service link, if any.
	PortalURL string
	UpdatedAt time.Time
}

// DefaultDunningSettings are the settings of an organization that saved
// none.
func DefaultDunningSettings(orgID int64) DunningSettings {
	return DunningSettings{OrgID: orgID, AutoRun: true, RunHour: 9, QuietStart: 9, QuietEnd: 19, WeeklyCap: 2, SMSProvider: "brevo"}
}

// DisputeStatus is where a dispute stands.
type DisputeStatus string

const (
	DisputeOpen     DisputeStatus = "open"
	DisputeResolved DisputeStatus = "resolved" // settled in the creditor's favour: collection resumes
	DisputeUpheld   DisputeStatus = "upheld"   // the debtor was right: a credit note is expected
)

// Dispute (litige) is the debtor contesting an invoice. While it is open
// the invoice is left out of every reminder.
type Dispute struct {
	ID         int64
	OrgID      int64
	DebtorID   int64
	InvoiceID  int64
	Reason     string
	Amount     money.Amount // the contested part; the whole invoice when zero
	OpenedOn   civil.Date
	Status     DisputeStatus
	ResolvedOn civil.Date
	Resolution string
	CreatedAt  time.Time
}

// PromiseStatus is where a promise to pay stands.
type PromiseStatus string

const (
	PromisePending   PromiseStatus = "pending"
	PromiseKept      PromiseStatus = "kept"
	PromiseBroken    PromiseStatus = "broken"
	PromiseCancelled PromiseStatus = "cancelled"
)

// Promise (promesse de paiement) is the debtor's word to pay Amount by
// DueOn. While it is pending the scenario waits; a promise whose date
// has passed without the money is broken and the scenario resumes.
type Promise struct {
	ID       int64
	OrgID    int64
	DebtorID int64
	Amount   money.Amount
	DueOn    civil.Date
	Status   PromiseStatus
	Note     string
	// PaidBase is what the debtor had paid in all when the promise was
	// made: the promise is kept once the payments exceed it by Amount.
	PaidBase  money.Amount
	CreatedAt time.Time
	ClosedOn  civil.Date
}

// PlanStatus is where a payment plan stands.
type PlanStatus string

const (
	PlanActive    PlanStatus = "active"
	PlanCompleted PlanStatus = "completed"
	PlanBroken    PlanStatus = "broken"
	PlanCancelled PlanStatus = "cancelled"
)

// Instalment is one due date of a payment plan.
type Instalment struct {
	DueOn  civil.Date   `json:"due_on"`
	Amount money.Amount `json:"amount"`
}

// PaymentPlan (échéancier) is instalments agreed with the debtor. While
// its instalments are paid on time the scenario waits.
type PaymentPlan struct {
	ID          int64
	OrgID       int64
	DebtorID    int64
	Instalments []Instalment
	Status      PlanStatus
	Note        string
	PaidBase    money.Amount // paid in all when the plan was agreed
	// GraceDays an instalment may be late before the plan is broken.
	GraceDays int
	CreatedAt time.Time
	ClosedOn  civil.Date
}

// Total is the sum of the instalments.
func (p PaymentPlan) Total() money.Amount {
	var t money.Amount
	for i, in := range p.Instalments {
		if i == 0 {
			t = in.Amount
			continue
		}
		t, _ = t.Add(in.Amount)
	}
	return t
}

// ContactPause is a hold on contacting a debtor set by a user: a do-not-
// contact mark (until lifted) or a pause until a date.
type ContactPause struct {
	DoNotContact bool
	PausedUntil  civil.Date // zero: no dated pause
	Reason       string
}

// CallOutcome is what a phone call gave.
type CallOutcome string

const (
	CallPaid        CallOutcome = "paid"         // says it has paid: wait for the money
	CallPromise     CallOutcome = "promise"      // promises to pay: a promise is recorded
	CallDispute     CallOutcome = "dispute"      // contests: a dispute is opened
	CallNoAnswer    CallOutcome = "no_answer"    // try again next working day
	CallWrongNumber CallOutcome = "wrong_number" // the phone number is marked wrong
	CallBack        CallOutcome = "call_back"    // call again at the time given
)

// Valid reports whether o is a known outcome.
func (o CallOutcome) Valid() bool {
	switch o {
	case CallPaid, CallPromise, CallDispute, CallNoAnswer, CallWrongNumber, CallBack:
		return true
	}
	return false
}

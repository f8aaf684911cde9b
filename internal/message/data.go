package message

import (
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Data is everything a template may use. The dunning engine fills it for
// one action; Render completes what can be derived (see the field notes)
// so that a template never has to add up amounts itself. Every string
// may be empty unless said otherwise; a template tests it with {{if}}.
type Data struct {
	// Lang is the message's language: "fr" (the default) or "en".
	Lang string
	// Today is the date of the message: the letter's date, the day the
	// email or SMS goes out.
	Today civil.Date

	Debtor   Debtor
	Creditor Creditor
	// Agency is the collection agency writing on the creditor's behalf;
	// the zero value when the creditor writes itself. When set, the
	// shipped templates carry the mentions of R124-4 CPCE.
	Agency Agency
	// Sender is the person who signs: the credit manager, the agent.
	Sender Sender

	// Invoices are the invoices the message is about, oldest due first;
	// disputed invoices are left out by the caller.
	Invoices []Line
	// Total is the principal still due on Invoices. Zero: Render sums
	// the lines' Outstanding.
	Total money.Amount
	// Interest is the late-payment interest to date: commercial penalties
	// (business), moratory interest (public body), legal interest
	// (consumer, after a formal notice). Zero: the sum of the lines'.
	Interest money.Amount
	// Indemnity is the recovery indemnity, €40 for each late invoice of a
	// business or a public body. Zero: the sum of the lines'. Render
	// forces it to zero for a consumer, whatever the caller set.
	Indemnity money.Amount
	// Grand is what the debtor is asked to pay: Total, plus Interest and
	// Indemnity when they are shown. Render computes it; a value set by
	// the caller is replaced, so that the total always matches its parts.
	Grand money.Amount
	// InterestRateText names the rate in words, as it reads after « au »
	// ("pénalités de retard au taux BCE + 10 points") and in parentheses
	// after the interest line of the table: « taux BCE + 10 points » /
	// "ECB rate + 10 points" (business), « taux BCE + 8 points » / "ECB
	// rate + 8 points" (public body), « taux de l’intérêt légal » /
	// "statutory interest rate" (consumer). Empty: no rate is named.
	InterestRateText string
	// ShowPenalties is whether the message claims interest and the
	// indemnity. For a business or a public body they are due as of right
	// from the day after the due date (L441-10 C. com., L2192-13 CCP), so
	// the caller sets it from the first reminder after the due date (or
	// later, by the organization's choice). For a consumer, legal interest
	// runs only from a formal notice (art. 1344-1 C. civ.): false before.
	ShowPenalties bool

	// Stage is the stage the case reaches with this message.
	Stage ledger.Stage
	// Step is the name of the scenario's step ("Relance ferme").
	Step string
	// Soft asks for the large-accounts tone: more courteous, never blunt.
	Soft bool
	// PortalURL is the debtor's self-service link (see the invoices, pay,
	// propose a plan, dispute); empty when there is none.
	PortalURL string
	// PaymentRef is what the debtor writes on the transfer so that the
	// payment is matched at once.
	PaymentRef string
	// Reference is the letter's reference, which later letters recall
	// (R124-4 CPCE); PaymentRef when empty.
	Reference string
	// PayBy is the last day asked for payment (final reminder); zero for
	// none: the templates then say "within eight days".
	PayBy civil.Date
	// Registered: the letter of this step goes by registered post with
	// acknowledgment of receipt.
	Registered bool
	// Attached: the email carries the step's letter (the formal notice)
	// as a PDF.
	Attached bool
	// NoticeDate is the date of the formal notice already sent, zero when
	// none: the consumer's legal interest runs from it, and the hand-off
	// needs it.
	NoticeDate civil.Date
	// History is the reminders already sent in the case, oldest first,
	// for the call script and the hand-off.
	History []Contacted
	// Place is where the letter is written ("Lyon"); the creditor's (or
	// agency's) city when empty.
	Place string
}

// Debtor is who owes, as a message names it.
type Debtor struct {
	Name string
	// Ref is the creditor's customer code ("C001").
	Ref  string
	Kind ledger.DebtorKind
	// Consumer, Business and Public mirror Kind for templates
	// ({{if .Debtor.Consumer}}); Render sets them from Kind. An unknown
	// kind is treated as a consumer: consumer rules claim the least.
	Consumer bool
	Business bool
	Public   bool
	// ContactName is the person written to ("Marie Dupont"); empty for a
	// mailbox.
	ContactName string
	Email       string
	Phone       string
	SIREN       string
}

// Creditor is who is owed.
type Creditor struct {
	Name    string
	SIREN   string
	Address ledger.Address
	// IBAN and BIC of the account the debtor pays into. With an agency,
	// the agency's own account for its creditors' funds may be given in
	// Agency.IBAN instead.
	IBAN  string
	BIC   string
	Email string
	Phone string
	// Mediator is the consumer mediator the creditor adheres to (name
	// and website, L612-1 C. conso), told to a consumer; empty for none.
	Mediator string
}

// AddressLine is the creditor's postal address on one line.
func (c Creditor) AddressLine() string { return addressLine(c.Address) }

// Agency is a collection agency collecting for the creditor (R124-1 CPCE).
type Agency struct {
	Name    string
	SIREN   string
	Address ledger.Address
	Email   string
	Phone   string
	// IBAN and BIC of the agency's account for its creditors' funds
	// (R124-2 CPCE); the debtor pays there when set.
	IBAN string
	BIC  string
	// FirstLetterRef and FirstLetterDate are the reference and date of
	// the agency's first letter to the debtor, which every later contact
	// recalls (R124-4 CPCE); empty in the first letter itself, which then
	// quotes L111-8 CPCE.
	FirstLetterRef  string
	FirstLetterDate civil.Date
}

// AddressLine is the agency's postal address on one line.
func (a Agency) AddressLine() string { return addressLine(a.Address) }

// Sender is the person who signs the message.
type Sender struct {
	Name  string
	Role  string // "Responsable du recouvrement"
	Email string
	Phone string
}

// Line is one invoice of the message.
type Line struct {
	Number    string
	IssueDate civil.Date
	DueDate   civil.Date
	// Amount is the invoice's amount including VAT; Outstanding what
	// remains due on it.
	Amount      money.Amount
	Outstanding money.Amount
	// DaysLate is the number of days past the due date on Data.Today (0
	// when not yet due); Render computes it when zero.
	DaysLate  int
	Interest  money.Amount
	Indemnity money.Amount
	// ChorusRef is the invoice's number in Chorus Pro, for a public body.
	ChorusRef string
}

// Contacted is a reminder already sent.
type Contacted struct {
	On      civil.Date
	Channel ledger.Channel
	Step    string // the step's name ("Relance ferme")
}

// Count is the number of invoices.
func (d Data) Count() int { return len(d.Invoices) }

// InvoiceNumbers lists the invoice numbers: "F1", "F1 et F2",
// "F1, F2 et F3" ("and" in English).
func (d Data) InvoiceNumbers() string {
	nums := make([]string, 0, len(d.Invoices))
	for _, l := range d.Invoices {
		nums = append(nums, l.Number)
	}
	and := " et "
	if d.lang() == "en" {
		and = " and "
	}
	switch len(nums) {
	case 0:
		return ""
	case 1:
		return nums[0]
	}
	return strings.Join(nums[:len(nums)-1], ", ") + and + nums[len(nums)-1]
}

// OldestDue is the earliest due date of the invoices (zero when none).
func (d Data) OldestDue() civil.Date {
	var o civil.Date
	for _, l := range d.Invoices {
		if !l.DueDate.IsZero() && (o.IsZero() || l.DueDate.Before(o)) {
			o = l.DueDate
		}
	}
	return o
}

// NextDue is the earliest due date on or after Today, the one a pre-due
// reminder announces; OldestDue when every invoice is already due.
func (d Data) NextDue() civil.Date {
	var n civil.Date
	for _, l := range d.Invoices {
		if l.DueDate.IsZero() || l.DueDate.Before(d.Today) {
			continue
		}
		if n.IsZero() || l.DueDate.Before(n) {
			n = l.DueDate
		}
	}
	if n.IsZero() {
		return d.OldestDue()
	}
	return n
}

// MaxDaysLate is the lateness in days of the oldest late invoice.
func (d Data) MaxDaysLate() int {
	m := 0
	for _, l := range d.Invoices {
		m = max(m, l.DaysLate)
	}
	return m
}

// LateCount is the number of invoices past their due date.
func (d Data) LateCount() int {
	n := 0
	for _, l := range d.Invoices {
		if l.DaysLate > 0 {
			n++
		}
	}
	return n
}

// HasInterest is whether the message claims interest: ShowPenalties and
// some interest to claim.
func (d Data) HasInterest() bool { return d.ShowPenalties && d.Interest.Minor != 0 }

// HasIndemnity is whether the message claims the recovery indemnity:
// ShowPenalties, a business or public debtor, and an indemnity to claim.
// Never for a consumer (L441-10 C. com. applies between professionals).
func (d Data) HasIndemnity() bool {
	return d.ShowPenalties && !d.Debtor.Consumer && d.Indemnity.Minor != 0
}

// HasChorus is whether an invoice has a Chorus Pro number.
func (d Data) HasChorus() bool {
	for _, l := range d.Invoices {
		if l.ChorusRef != "" {
			return true
		}
	}
	return false
}

// IsAgency is whether an agency writes for the creditor.
func (d Data) IsAgency() bool { return d.Agency.Name != "" }

// Payee is the name on the account the debtor pays into: the agency
// when it collects on its own account, else the creditor.
func (d Data) Payee() string {
	if d.Agency.Name != "" && d.Agency.IBAN != "" {
		return d.Agency.Name
	}
	return d.Creditor.Name
}

// PayIBAN is the IBAN the debtor pays into (see Payee).
func (d Data) PayIBAN() string {
	if d.Agency.Name != "" && d.Agency.IBAN != "" {
		return d.Agency.IBAN
	}
	return d.Creditor.IBAN
}

// PayBIC is the BIC of PayIBAN.
func (d Data) PayBIC() string {
	if d.Agency.Name != "" && d.Agency.IBAN != "" {
		return d.Agency.BIC
	}
	return d.Creditor.BIC
}

// ReplyEmail is where the debtor writes back: the sender's address, else
// the agency's, else the creditor's.
func (d Data) ReplyEmail() string {
	return first(d.Sender.Email, d.Agency.Email, d.Creditor.Email)
}

// ReplyPhone is where the debtor calls, in the same order as ReplyEmail.
func (d Data) ReplyPhone() string {
	return first(d.Sender.Phone, d.Agency.Phone, d.Creditor.Phone)
}

// From is who writes: the agency when there is one, else the creditor.
func (d Data) From() string { return first(d.Agency.Name, d.Creditor.Name) }

// SmallClaim is whether the grand total is at most €5,000, the ceiling of
// the simplified procedure for small claims (L125-1 CPCE).
func (d Data) SmallClaim() bool {
	return d.Grand.Currency == "EUR" && d.Grand.Minor <= 5000_00
}

// L111_8 is the text of article L111-8 CPCE, paragraphs 2 and 3, each
// in « guillemets » on its own line, that an agency's first letter quotes
// (R124-4 5° CPCE); in French whatever the language: the French text is
// the law.
func (d Data) L111_8() string {
	return "« " + document.L111_8Paragraph2 + " »\n« " + document.L111_8Paragraph3 + " »"
}

// L111_8EN is an unofficial English translation of L111_8, for an
// English message to print after the French text.
func (d Data) L111_8EN() string {
	return "\u201c" + document.L111_8Paragraph2EN + "\u201d\n\u201c" + document.L111_8Paragraph3EN + "\u201d"
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func addressLine(a ledger.Address) string {
	return strings.Join(addressLines(a), ", ")
}

// addressLines are the postal lines of a; the country only outside France.
func addressLines(a ledger.Address) []string {
	var out []string
	for _, l := range []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City)} {
		if l != "" {
			out = append(out, l)
		}
	}
	if c := strings.ToUpper(a.Country); c != "" && c != "FR" {
		out = append(out, c)
	}
	return out
}

func (d Data) lang() string { return i18n.Normalize(d.Lang) }

// currency is the currency of the message's amounts, for amounts left at
// the zero value: EUR unless an invoice says otherwise.
func (d Data) currency() money.Currency {
	for _, a := range []money.Amount{d.Total, d.Grand} {
		if a.Currency != "" {
			return a.Currency
		}
	}
	for _, l := range d.Invoices {
		if l.Outstanding.Currency != "" {
			return l.Outstanding.Currency
		}
		if l.Amount.Currency != "" {
			return l.Amount.Currency
		}
	}
	return "EUR"
}

// complete returns d with what Render derives filled in: the language,
// the kind flags, the lateness of each line, the totals, and the law's
// limits (no indemnity from a consumer). It never changes the caller's
// value.
func (d Data) complete() Data {
	d.Lang = d.lang()
	switch d.Debtor.Kind {
	case ledger.KindBusiness, ledger.KindPublic, ledger.KindConsumer:
	default:
		switch {
		case d.Debtor.Public:
			d.Debtor.Kind = ledger.KindPublic
		case d.Debtor.Business:
			d.Debtor.Kind = ledger.KindBusiness
		default:
			d.Debtor.Kind = ledger.KindConsumer
		}
	}
	d.Debtor.Consumer = d.Debtor.Kind == ledger.KindConsumer
	d.Debtor.Business = d.Debtor.Kind == ledger.KindBusiness
	d.Debtor.Public = d.Debtor.Kind == ledger.KindPublic

	cur := d.currency()
	zero := money.New(0, cur)
	fix := func(a money.Amount) money.Amount {
		if a.Currency == "" {
			return money.New(a.Minor, cur)
		}
		return a
	}
	lines := make([]Line, len(d.Invoices))
	var total, interest, indemnity int64
	for i, l := range d.Invoices {
		l.Amount, l.Outstanding, l.Interest, l.Indemnity = fix(l.Amount), fix(l.Outstanding), fix(l.Interest), fix(l.Indemnity)
		if d.Debtor.Consumer {
			l.Indemnity = zero
		}
		if l.DaysLate == 0 && !d.Today.IsZero() && !l.DueDate.IsZero() && l.DueDate.Before(d.Today) {
			l.DaysLate = l.DueDate.DaysUntil(d.Today)
		}
		total += l.Outstanding.Minor
		interest += l.Interest.Minor
		indemnity += l.Indemnity.Minor
		lines[i] = l
	}
	d.Invoices = lines
	d.History = append([]Contacted(nil), d.History...)
	if d.Total.Minor == 0 {
		d.Total = money.New(total, cur)
	}
	if d.Interest.Minor == 0 {
		d.Interest = money.New(interest, cur)
	}
	if d.Indemnity.Minor == 0 {
		d.Indemnity = money.New(indemnity, cur)
	}
	d.Total, d.Interest, d.Indemnity = fix(d.Total), fix(d.Interest), fix(d.Indemnity)
	if d.Debtor.Consumer {
		d.Indemnity = zero
	}
	grand := d.Total.Minor
	if d.HasInterest() {
		grand += d.Interest.Minor
	}
	if d.HasIndemnity() {
		grand += d.Indemnity.Minor
	}
	d.Grand = money.New(grand, cur)
	if d.Reference == "" {
		d.Reference = d.PaymentRef
	}
	if d.Place == "" {
		if d.Agency.Name != "" {
			d.Place = d.Agency.Address.City
		} else {
			d.Place = d.Creditor.Address.City
		}
	}
	return d
}

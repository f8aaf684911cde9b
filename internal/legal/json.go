package legal

import (
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// Statement is the machine form of an interest statement, printed by
// `recouvre legal interest --json` and returned by the API: amounts as
// decimal strings in the currency's unit, rates in percent.
type Statement struct {
	Kind          string    `json:"kind"`
	Currency      string    `json:"currency"`
	Principal     string    `json:"principal"`
	Interest      string    `json:"interest"`
	Indemnity     string    `json:"indemnity"`
	Total         string    `json:"total"`
	Accrued       string    `json:"accrued"`
	InterestPaid  string    `json:"interest_paid"`
	PrincipalPaid string    `json:"principal_paid"`
	Start         *string   `json:"start"`
	Periods       []Period  `json:"periods"`
	Basis         []string  `json:"basis"`
	Warnings      []Warning `json:"warnings"`
}

// Period is one line of the statement.
type Period struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Days     int    `json:"days"`
	Base     string `json:"base"`
	Rate     string `json:"rate"`
	YearDays int    `json:"year_days"`
	Interest string `json:"interest"`
}

// Warning is something the user must know about a statement.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// JSON converts a statement; warnings are worded in lang.
func JSON(st legalfr.Statement, lang string) Statement {
	out := Statement{
		Kind: string(st.Claim.Kind), Currency: string(st.Principal.Currency),
		Principal: money.Decimal(st.Principal), Interest: money.Decimal(st.Interest), Indemnity: money.Decimal(st.Indemnity),
		Total: money.Decimal(st.Total), Accrued: money.Decimal(st.Accrued), InterestPaid: money.Decimal(st.InterestPaid),
		PrincipalPaid: money.Decimal(st.PrincipalPaid), Basis: st.Basis,
		Periods: []Period{}, Warnings: []Warning{},
	}
	if out.Basis == nil {
		out.Basis = []string{}
	}
	if !st.Start.IsZero() {
		s := st.Start.String()
		out.Start = &s
	}
	for _, p := range st.Periods {
		out.Periods = append(out.Periods, Period{From: p.From.String(), To: p.To.String(), Days: p.Days, Base: money.Decimal(p.Base),
			Rate: p.Rate.String(), YearDays: p.YearDays, Interest: money.Decimal(p.Interest)})
	}
	for _, w := range st.Warnings {
		out.Warnings = append(out.Warnings, Warning{Code: strings.TrimPrefix(w.Key, "legal.warn."), Message: i18n.T(lang, w.Key, w.Args...)})
	}
	return out
}

// ParsePayment reads a payment written "YYYY-MM-DD=AMOUNT" (the amount
// in any form money.Parse takes: "1234.56", "1 234,56").
func ParsePayment(s string, cur money.Currency) (legalfr.Payment, error) {
	date, amount, ok := strings.Cut(s, "=")
	if !ok {
		return legalfr.Payment{}, ledger.FieldError("payment", "%q: want YYYY-MM-DD=AMOUNT", s)
	}
	d, err := civil.Parse(strings.TrimSpace(date))
	if err != nil {
		return legalfr.Payment{}, ledger.FieldError("payment", "%q: the date must be YYYY-MM-DD", s)
	}
	a, err := money.Parse(strings.TrimSpace(amount), cur)
	if err != nil {
		return legalfr.Payment{}, ledger.FieldError("payment", "%q: %v", s, err)
	}
	return legalfr.Payment{On: d, Amount: a}, nil
}

// ParseKind reads b2b, b2c or public (or the ledger's business, consumer,
// public).
func ParseKind(s string) (ledger.DebtorKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "b2b", "business":
		return ledger.KindBusiness, nil
	case "b2c", "consumer":
		return ledger.KindConsumer, nil
	case "public", "b2g":
		return ledger.KindPublic, nil
	}
	return "", ledger.FieldError("kind", "%q: want b2b, b2c or public", s)
}

// PositionJSON is the machine form of a debtor's legal position.
type PositionJSON struct {
	DebtorID   int64           `json:"debtor_id"`
	AsOf       string          `json:"as_of"`
	Stopped    bool            `json:"stopped"`
	Insolvency *InsolvencyJSON `json:"insolvency"`
	Settings   SettingsJSON    `json:"settings"`
	Currency   string          `json:"currency"`
	Principal  string          `json:"principal"`
	Interest   string          `json:"interest"`
	Indemnity  string          `json:"indemnity"`
	Total      string          `json:"total"`
	Invoices   []InvoiceJSON   `json:"invoices"`
	Notices    []NoticeJSON    `json:"notices"`
}

// InsolvencyJSON is a debtor's collective proceedings.
type InsolvencyJSON struct {
	Kind            string  `json:"kind"`
	JudgmentDate    string  `json:"judgment_date"`
	Court           string  `json:"court"`
	Mandataire      string  `json:"mandataire"`
	PublicationDate *string `json:"publication_date"`
}

// SettingsJSON are an organization's legal conventions.
type SettingsJSON struct {
	Year365            bool    `json:"year365"`
	PrincipalFirst     bool    `json:"principal_first"`
	ContractRate       *string `json:"contract_rate"`
	CreditorIsConsumer bool    `json:"creditor_is_consumer"`
	NoticeDays         int     `json:"notice_days"`
	Place              string  `json:"place"`
	Signatory          string  `json:"signatory"`
	SignatoryRole      string  `json:"signatory_role"`
	// DefaultTermDays is the payment term given to a document imported
	// without a due date.
	DefaultTermDays int `json:"default_term_days"`
}

// InvoiceJSON is one invoice's legal view.
type InvoiceJSON struct {
	ID         int64          `json:"id"`
	Number     string         `json:"number"`
	DueDate    string         `json:"due_date"`
	Open       string         `json:"open"`
	Statement  *Statement     `json:"statement"`
	Error      *string        `json:"error"`
	Limitation LimitationJSON `json:"limitation"`
	Terms      TermsJSON      `json:"terms"`
	Notice     *string        `json:"notice"`
}

// LimitationJSON is an invoice's limitation period.
type LimitationJSON struct {
	Years         int     `json:"years"`
	Article       string  `json:"article"`
	Start         string  `json:"start"`
	Expires       string  `json:"expires"`
	Expired       bool    `json:"expired"`
	Alert         int     `json:"alert"`
	InterruptedBy *string `json:"interrupted_by"`
	InterruptedOn *string `json:"interrupted_on"`
}

// TermsJSON is an invoice's payment-terms check.
type TermsJSON struct {
	Over    bool    `json:"over"`
	Latest  *string `json:"latest"`
	Message *string `json:"message"`
}

// NoticeJSON is a formal notice issued.
type NoticeJSON struct {
	ID         int64   `json:"id"`
	Reference  string  `json:"reference"`
	IssuedOn   string  `json:"issued_on"`
	Deadline   string  `json:"deadline"`
	Total      string  `json:"total"`
	InvoiceIDs []int64 `json:"invoice_ids"`
}

func optDate(d civil.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// SettingsToJSON converts an organization's conventions.
func SettingsToJSON(s ledger.LegalSettings) SettingsJSON {
	out := SettingsJSON{Year365: s.Year365, PrincipalFirst: s.PrincipalFirst, CreditorIsConsumer: s.CreditorIsConsumer,
		NoticeDays: s.Deadline(), Place: s.Place, Signatory: s.Signatory, SignatoryRole: s.SignatoryRole,
		DefaultTermDays: s.DefaultTermDays}
	if out.DefaultTermDays <= 0 {
		out.DefaultTermDays = ledger.DefaultTermDays
	}
	if s.HasContractRate {
		r := legalfr.BP(s.ContractRateBP).String()
		out.ContractRate = &r
	}
	return out
}

// ToJSON converts a position; messages are worded in lang.
func (d *Debtor) ToJSON(lang string) PositionJSON {
	out := PositionJSON{DebtorID: d.Debtor.ID, AsOf: d.AsOf.String(), Stopped: d.Stopped(), Settings: SettingsToJSON(d.Settings),
		Currency: string(d.Total.Currency), Principal: money.Decimal(d.Principal), Interest: money.Decimal(d.Interest),
		Indemnity: money.Decimal(d.Indemnity), Total: money.Decimal(d.Total), Invoices: []InvoiceJSON{}, Notices: []NoticeJSON{}}
	if in := d.Insolvency; in != nil {
		out.Insolvency = &InsolvencyJSON{Kind: string(in.Kind), JudgmentDate: in.JudgmentDate.String(), Court: in.Court,
			Mandataire: in.Mandataire, PublicationDate: optDate(in.PublicationDate)}
	}
	for _, li := range d.Invoices {
		l := li.Limitation
		ij := InvoiceJSON{ID: li.ID, Number: li.Number, DueDate: li.DueDate.String(), Open: money.Decimal(li.Open()), Notice: optDate(li.Notice),
			Limitation: LimitationJSON{Years: l.Years, Article: l.Article, Start: l.Start.String(), Expires: l.Expires.String(),
				Expired: l.Expired(d.AsOf), Alert: l.Alert(d.AsOf)},
			Terms: TermsJSON{Over: li.Terms.Over, Latest: optDate(li.Terms.Latest)}}
		if l.InterruptedBy != nil {
			k := string(l.InterruptedBy.Kind)
			ij.Limitation.InterruptedBy, ij.Limitation.InterruptedOn = &k, optDate(l.InterruptedBy.On)
		}
		if li.Terms.Key != "" {
			m := i18n.T(lang, li.Terms.Key)
			ij.Terms.Message = &m
		}
		if li.HasStatement {
			s := JSON(li.Statement, lang)
			ij.Statement = &s
		}
		if li.Err != nil {
			m := li.Err.Error()
			ij.Error = &m
		}
		out.Invoices = append(out.Invoices, ij)
	}
	for _, n := range d.Notices {
		out.Notices = append(out.Notices, NoticeJSON{ID: n.ID, Reference: n.Reference, IssuedOn: n.IssuedOn.String(),
			Deadline: n.Deadline.String(), Total: money.Decimal(n.Total), InvoiceIDs: n.InvoiceIDs})
	}
	return out
}

// RatesJSON is the machine form of the rate tables, printed by `recouvre
// rates list --json` and returned by GET /api/v1/rates.
type RatesJSON struct {
	ECB     []ECBRateJSON   `json:"ecb"`
	Legal   []LegalRateJSON `json:"legal"`
	Missing []string        `json:"missing"` // semesters begun without a legal rate
}

// ECBRateJSON is one ECB rate from its date of effect.
type ECBRateJSON struct {
	Effective string `json:"effective"`
	Rate      string `json:"rate"`
	Confirmed bool   `json:"confirmed"`
	Source    string `json:"source"`
}

// LegalRateJSON is one semester's legal rates.
type LegalRateJSON struct {
	Semester  string `json:"semester"`
	Consumer  string `json:"consumer"`
	Other     string `json:"other"`
	Confirmed bool   `json:"confirmed"`
	Source    string `json:"source"`
}

// RatesToJSON converts a table; missing lists the semesters begun by
// today without a legal rate.
func RatesToJSON(t *legalfr.Table, today civil.Date) RatesJSON {
	out := RatesJSON{ECB: []ECBRateJSON{}, Legal: []LegalRateJSON{}, Missing: []string{}}
	for _, r := range t.ECB {
		out.ECB = append(out.ECB, ECBRateJSON{r.Effective.String(), r.Rate.String(), r.Confirmed, r.Source})
	}
	for _, r := range t.Legal {
		out.Legal = append(out.Legal, LegalRateJSON{r.Semester.String(), r.Consumer.String(), r.Other.String(), r.Confirmed, r.Source})
	}
	for _, s := range t.Missing(today) {
		out.Missing = append(out.Missing, s.String())
	}
	return out
}

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

package legal

import (
	"net/url"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// ParseClaim reads a claim and its settings from named values — the API's
// query string, the calculator's form, the CLI's flags — so that the three
// read the same names the same way:
//
//	kind=b2b|b2c|public  principal=10000.00  currency=EUR  due=2025-03-31
//	until=2025-09-30 (default today)  notice=YYYY-MM-DD
//	payment=YYYY-MM-DD=AMOUNT (repeated), or payment_on/payment_amount pairs
//	contract_rate=12.5  costs=AMOUNT  creditor_consumer=true
//	year365=true  principal_first=true
//
// Each error is an EInvalid naming its field.
func ParseClaim(v url.Values, today civil.Date) (legalfr.Claim, legalfr.Settings, error) {
	var c legalfr.Claim
	var s legalfr.Settings
	var err error
	if c.Kind, err = ParseKind(v.Get("kind")); err != nil {
		return c, s, err
	}
	cur := money.Currency(strings.ToUpper(strings.TrimSpace(v.Get("currency"))))
	if cur == "" {
		cur = "EUR"
	}
	if !cur.Valid() {
		return c, s, ledger.FieldError("currency", "%q is not an ISO 4217 currency", v.Get("currency"))
	}
	if c.Principal, err = amountParam(v, "principal", cur, true); err != nil {
		return c, s, err
	}
	if c.Due, err = dateParam(v, "due", true); err != nil {
		return c, s, err
	}
	if c.Until, err = dateParam(v, "until", false); err != nil {
		return c, s, err
	}
	if c.Until.IsZero() {
		c.Until = today
	}
	if c.Notice, err = dateParam(v, "notice", false); err != nil {
		return c, s, err
	}
	if r := strings.TrimSpace(v.Get("contract_rate")); r != "" {
		if c.ContractRate, err = legalfr.ParseBP(r); err != nil {
			return c, s, ledger.FieldError("contract_rate", "%v", err)
		}
		c.HasContractRate = true
	}
	if c.RecoveryCosts, err = amountParam(v, "costs", cur, false); err != nil {
		return c, s, err
	}
	for _, p := range v["payment"] {
		if strings.TrimSpace(p) == "" {
			continue
		}
		pay, err := ParsePayment(p, cur)
		if err != nil {
			return c, s, err
		}
		c.Payments = append(c.Payments, pay)
	}
	ons, amounts := v["payment_on"], v["payment_amount"]
	for i := range max(len(ons), len(amounts)) {
		on, amount := at(ons, i), at(amounts, i)
		if strings.TrimSpace(on) == "" && strings.TrimSpace(amount) == "" {
			continue
		}
		pay, err := ParsePayment(on+"="+amount, cur)
		if err != nil {
			return c, s, err
		}
		c.Payments = append(c.Payments, pay)
	}
	c.CreditorIsConsumer = truthy(v.Get("creditor_consumer"))
	s.Year365 = truthy(v.Get("year365"))
	s.PrincipalFirst = truthy(v.Get("principal_first"))
	return c, s, nil
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "on", "yes", "oui":
		return true
	}
	return false
}

func amountParam(v url.Values, name string, cur money.Currency, required bool) (money.Amount, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		if required {
			return money.Amount{}, ledger.FieldError(name, "required")
		}
		return money.New(0, cur), nil
	}
	a, err := money.Parse(s, cur)
	if err != nil {
		return a, ledger.FieldError(name, "%v", err)
	}
	return a, nil
}

func dateParam(v url.Values, name string, required bool) (civil.Date, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		if required {
			return civil.Date{}, ledger.FieldError(name, "required (YYYY-MM-DD)")
		}
		return civil.Date{}, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return d, ledger.FieldError(name, "%q: want YYYY-MM-DD", s)
	}
	return d, nil
}

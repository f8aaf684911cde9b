package legalfr

import (
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Payment is money received on a claim, or a credit note applied to it.
type Payment struct {
	On     civil.Date
	Amount money.Amount
	// Credit marks a credit note: it corrects the debt itself, so it
	// always lowers the principal; art. 1343-1 C. civ. (interest first)
	// governs payments only.
	Credit bool
}

// Claim is one invoice's debt, as the interest engine sees it.
type Claim struct {
	Kind      ledger.DebtorKind
	Principal money.Amount // the invoice's amount including VAT
	Due       civil.Date
	Until     civil.Date // the last day interest accrues, inclusive
	// Notice is the date of the formal notice: where a consumer's interest
	// starts (art. 1344-1 C. civ.). Zero when none was sent.
	Notice   civil.Date
	Payments []Payment
	// ContractRate replaces the statutory rate when HasContractRate.
	ContractRate    BP
	HasContractRate bool
	// CreditorIsConsumer selects the higher legal rate: the creditor is a
	// natural person not acting for business purposes.
	CreditorIsConsumer bool
	// RecoveryCosts are the costs of recovery the creditor can prove; above
	// €40 they replace the flat indemnity (D441-5 C. com.).
	RecoveryCosts money.Amount
}

// Settings are the conventions a firm may choose.
type Settings struct {
	// Year365 divides by 365 every year, leap years too; otherwise by the
	// days of the day's year.
	Year365 bool
	// PrincipalFirst applies a partial payment to the principal; otherwise
	// to the interest due first (art. 1343-1 C. civ.).
	PrincipalFirst bool
}

// Period is a run of days with the same base and rate.
type Period struct {
	From, To civil.Date
	Days     int
	Base     money.Amount
	Rate     BP
	YearDays int
	Interest money.Amount // rounded half-up to the cent, once
}

// Statement is the computed claim: what the letters, the pages and the
// calculator print. Interest is the sum of the printed periods less the
// interest paid; Total = Principal + Interest + Indemnity.
type Statement struct {
	Claim         Claim
	Start         civil.Date // first day of interest, zero when none runs
	Periods       []Period
	Accrued       money.Amount // the periods' interest added up
	InterestPaid  money.Amount
	PrincipalPaid money.Amount
	Principal     money.Amount // principal still due
	Interest      money.Amount // interest still due
	Indemnity     money.Amount
	Total         money.Amount
	Basis         []string  // the articles applied
	Warnings      []Warning // things the user must know
}

// Warning is a catalogue key with its arguments.
type Warning struct {
	Key  string
	Args []any
}

// Flat recovery indemnity, per invoice paid late (D441-5 C. com., and
// D2192-35 C. commande publique for public buyers).
var FlatIndemnity = money.EUR(40_00)

// Statutory margins over the ECB rate, in basis points.
const (
	B2BMargin    BP = 1000 // L441-10 II C. com.
	PublicMargin BP = 800  // R2192-31 C. commande publique
)

// MissingRateError is a day the table has no rate for. The engine never
// guesses a rate.
type MissingRateError struct {
	What string // "ecb" or "legal"
	On   civil.Date
	Sem  Semester
}

// As lets the edges treat a missing rate as the invalid request it is
// (code "invalid", field "rates") rather than as an internal failure.
func (e *MissingRateError) As(target any) bool {
	if t, ok := target.(**ledger.Error); ok {
		*t = &ledger.Error{Code: ledger.EInvalid, Field: "rates", Message: e.Error()}
		return true
	}
	return false
}

func (e *MissingRateError) Error() string {
	if e.What == "legal" {
		return fmt.Sprintf("no legal interest rate for %s: import it with `recouvre rates import`", e.Sem)
	}
	return fmt.Sprintf("no ECB rate in force on %s: import it with `recouvre rates import`", e.On)
}

// Compute computes a claim's interest and indemnity with the rates of t.
func Compute(t *Table, c Claim, s Settings) (Statement, error) {
	cur := c.Principal.Currency
	st := Statement{Claim: c, Accrued: money.New(0, cur), InterestPaid: money.New(0, cur), PrincipalPaid: money.New(0, cur),
		Indemnity: money.New(0, cur), Interest: money.New(0, cur)}
	if err := validate(c); err != nil {
		return st, err
	}
	rate, err := rateFunc(t, c, &st)
	if err != nil {
		return st, err
	}
	pays := slices.Clone(c.Payments)
	slices.SortStableFunc(pays, func(a, b Payment) int { return a.On.Compare(b.On) })

	base := c.Principal.Minor
	unpaidInterest := int64(0)
	var paidOff civil.Date // the day the principal was paid in full
	pay := func(p Payment) {
		amount := p.Amount.Minor
		if !s.PrincipalFirst && !p.Credit {
			n := min(amount, unpaidInterest)
			unpaidInterest -= n
			st.InterestPaid.Minor += n
			amount -= n
		}
		n := min(amount, base)
		base -= n
		st.PrincipalPaid.Minor += n
		if base == 0 && paidOff.IsZero() {
			paidOff = p.On
		}
	}
	// Payments received before interest starts lower the base at once.
	next := 0
	for next < len(pays) && (st.Start.IsZero() || pays[next].On.Before(st.Start)) {
		pay(pays[next])
		next++
	}
	if !st.Start.IsZero() {
		for day := st.Start; !day.After(c.Until) && base > 0; {
			r, err := rate(day)
			if err != nil {
				return st, err
			}
			end := periodEnd(day, c.Until, r, rate, pays[next:])
			p := period(day, end, base, cur, r, s.Year365)
			st.Periods = append(st.Periods, p)
			st.Accrued.Minor += p.Interest.Minor
			unpaidInterest += p.Interest.Minor
			// A payment received on the period's last day lowers the base
			// from the next day on.
			for next < len(pays) && !pays[next].On.After(end) {
				pay(pays[next])
				next++
			}
			day = end.AddDays(1)
		}
	}
	for ; next < len(pays); next++ {
		pay(pays[next])
	}
	st.Principal = money.New(c.Principal.Minor-st.PrincipalPaid.Minor, cur)
	st.Interest = money.New(unpaidInterest, cur)
	st.Indemnity = indemnity(c, paidOff)
	st.Total = money.New(st.Principal.Minor+st.Interest.Minor+st.Indemnity.Minor, cur)
	return st, nil
}

func validate(c Claim) error {
	switch {
	case !c.Kind.Valid():
		return ledger.FieldError("kind", "unknown debtor kind %q (want business, consumer or public)", c.Kind)
	case c.Principal.Minor <= 0:
		return ledger.FieldError("principal", "the principal must be positive")
	case c.Due.IsZero() || c.Until.IsZero():
		return ledger.FieldError("due", "the due date and the end date are required")
	case c.Until.Before(c.Due):
		return ledger.FieldError("until", "the end date %s is before the due date %s", c.Until, c.Due)
	case !c.Notice.IsZero() && c.Notice.After(c.Until):
		return ledger.FieldError("notice", "the formal notice %s is after the end date %s", c.Notice, c.Until)
	case c.HasContractRate && (c.ContractRate < 0 || c.ContractRate > 10000):
		return ledger.FieldError("contract_rate", "a contract rate must be between 0 and 100 %%")
	}
	for _, p := range c.Payments {
		if p.Amount.Currency != c.Principal.Currency || p.Amount.Minor <= 0 || p.On.IsZero() {
			return ledger.FieldError("payment", "each payment needs a date and a positive amount in %s", c.Principal.Currency)
		}
	}
	return nil
}

// rateFunc sets the start of interest and the basis of the statement, and
// returns the rate of each day.
func rateFunc(t *Table, c Claim, st *Statement) (func(civil.Date) (BP, error), error) {
	afterDue := c.Due.AddDays(1)
	switch c.Kind {
	case ledger.KindBusiness:
		st.Start = afterDue
		st.Basis = []string{"L441-10 II C. com.", "D441-5 C. com."}
		if c.HasContractRate {
			return func(d civil.Date) (BP, error) { return c.ContractRate, nil }, checkFloor(t, c, st)
		}
		return func(d civil.Date) (BP, error) {
			ref := SemesterOf(d).Start()
			e, ok := t.ECBOn(ref)
			if !ok {
				return 0, &MissingRateError{What: "ecb", On: ref}
			}
			st.unconfirmed(e.Confirmed, "BCE "+e.Effective.String())
			return e.Rate + B2BMargin, nil
		}, nil
	case ledger.KindPublic:
		st.Start = afterDue
		st.Basis = []string{"L2192-13 C. commande publique", "R2192-31 C. commande publique", "D2192-35 C. commande publique"}
		if c.HasContractRate {
			return func(d civil.Date) (BP, error) { return c.ContractRate, nil }, nil
		}
		ref := SemesterOf(afterDue).Start()
		e, ok := t.ECBOn(ref)
		if !ok {
			return nil, &MissingRateError{What: "ecb", On: ref}
		}
		st.unconfirmed(e.Confirmed, "BCE "+e.Effective.String())
		return func(d civil.Date) (BP, error) { return e.Rate + PublicMargin, nil }, nil
	default: // consumer
		st.Basis = []string{"1231-6 C. civ.", "1344-1 C. civ.", "L313-2 C. mon. fin."}
		switch {
		case c.HasContractRate:
			st.Start = afterDue
			return func(d civil.Date) (BP, error) { return c.ContractRate, nil }, nil
		case c.Notice.IsZero():
			st.Warnings = append(st.Warnings, Warning{Key: "legal.warn.no_notice"})
			return nil, nil
		}
		st.Start = c.Notice.AddDays(1)
		if st.Start.Before(afterDue) {
			st.Start = afterDue
		}
		return func(d civil.Date) (BP, error) {
			r, ok := t.LegalFor(SemesterOf(d))
			if !ok {
				return 0, &MissingRateError{What: "legal", Sem: SemesterOf(d)}
			}
			st.unconfirmed(r.Confirmed, r.Semester.String())
			if c.CreditorIsConsumer {
				return r.Consumer, nil
			}
			return r.Other, nil
		}, nil
	}
}

// unconfirmed warns, once per rate, that a rate used has a single source.
func (st *Statement) unconfirmed(confirmed bool, label string) {
	if confirmed {
		return
	}
	for _, w := range st.Warnings {
		if w.Key == "legal.warn.unconfirmed" && w.Args[0] == label {
			return
		}
	}
	st.Warnings = append(st.Warnings, Warning{Key: "legal.warn.unconfirmed", Args: []any{label}})
}

// checkFloor warns when an agreed B2B rate is below three times the legal
// rate (autres cas) of a semester it covers (L441-10 II C. com.).
func checkFloor(t *Table, c Claim, st *Statement) error {
	for s := SemesterOf(c.Due.AddDays(1)); !s.Start().After(c.Until); s = s.Next() {
		r, ok := t.LegalFor(s)
		if !ok {
			continue
		}
		if floor := 3 * r.Other; c.ContractRate < floor {
			st.Warnings = append(st.Warnings, Warning{Key: "legal.warn.below_floor", Args: []any{c.ContractRate.String(), floor.String(), s.String()}})
		}
	}
	return nil
}

// periodEnd is the last day of the period starting on day: the day before
// the rate or the year changes, the day a payment is received, or until.
func periodEnd(day, until civil.Date, r BP, rate func(civil.Date) (BP, error), pays []Payment) civil.Date {
	end := until
	if ye := civil.D(day.Year, time.December, 31); ye.Before(end) {
		end = ye
	}
	if se := SemesterOf(day).End(); se.Before(end) {
		if nr, err := rate(se.AddDays(1)); err != nil || nr != r {
			end = se
		}
	}
	for _, p := range pays {
		if !p.On.Before(day) && p.On.Before(end) {
			end = p.On
			break
		}
	}
	return end
}

// period computes one period's interest: base × rate × days / year days,
// rounded half-up to the cent.
func period(from, to civil.Date, base int64, cur money.Currency, r BP, year365 bool) Period {
	yd := 365
	if !year365 && isLeap(from.Year) {
		yd = 366
	}
	days := from.DaysUntil(to) + 1
	num := new(big.Int).Mul(big.NewInt(base), big.NewInt(int64(r)))
	num.Mul(num, big.NewInt(int64(days)))
	den := big.NewInt(int64(10000 * yd))
	return Period{From: from, To: to, Days: days, Base: money.New(base, cur), Rate: r, YearDays: yd,
		Interest: money.New(roundHalfUp(num, den), cur)}
}

// roundHalfUp divides num by den (both non-negative) rounding half up.
func roundHalfUp(num, den *big.Int) int64 {
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Mul(rem, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// indemnity is the flat €40 for a business or public debtor's invoice
// paid late (or still unpaid after its due date), or the proven costs when
// higher; nothing for a consumer (L441-10 II and D441-5 C. com. do not
// reach consumers), nor for an invoice paid in full by its due date.
func indemnity(c Claim, paidOff civil.Date) money.Amount {
	cur := c.Principal.Currency
	onTime := !paidOff.IsZero() && !paidOff.After(c.Due)
	if c.Kind == ledger.KindConsumer || !c.Until.After(c.Due) || onTime || cur != FlatIndemnity.Currency {
		return money.New(0, cur)
	}
	if c.RecoveryCosts.Currency == cur && c.RecoveryCosts.Minor > FlatIndemnity.Minor {
		return c.RecoveryCosts
	}
	return FlatIndemnity
}

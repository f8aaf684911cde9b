package courtfile

import (
	"fmt"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// Case is one creditor's unpaid claim on one debtor, as the judicial step
// sees it: the parties, the invoices with their interest statements, and
// what happened before (a dispute, a formal notice).
type Case struct {
	// On is the day the case is assessed and the file made. It is passed
	// in, never read from a clock, so that the same case always gives the
	// same answer (see STYLE.md).
	On       civil.Date
	Creditor Creditor
	Debtor   Debtor
	Invoices []Invoice
	// DisputeOpen is a dispute recorded on the debtor rather than on one
	// invoice (a complaint about the whole contract, say).
	DisputeOpen bool
	// NoticeSent is the date of the formal notice (mise en demeure), zero
	// when none was sent. No procedure requires one, but it is the usual
	// exhibit, and against a consumer interest runs only from it (C. civ.
	// 1344-1).
	NoticeSent civil.Date
}

// Creditor is the party owed the money, as the request names it.
type Creditor struct {
	Name    string
	SIREN   string
	Address ledger.Address
	// IsBusiness is true for a firm acting for its business. A claim is
	// commercial, and goes to the commercial court, only between
	// businesses.
	IsBusiness bool
	// NonCommercial marks a business that is not a trader nor an artisan
	// — a profession libérale, a société civile, an association, a farmer
	// —: its claims are civil (C. com. L721-3 gives the commercial court
	// the claims between traders) and the L126-1 procedure is closed to it.
	NonCommercial bool
	// Representative is who signs for the creditor, with his capacity
	// ("Marie Durand, gérante"); the Cerfa asks for it for a company.
	Representative string
}

// Debtor is the party who owes.
type Debtor struct {
	Name  string
	Kind  ledger.DebtorKind
	SIREN string
	// Address is where the debtor lives — for a company its registered
	// office (CPC 43) —: it fixes the court (CPC 1406).
	Address ledger.Address
	// NonCommercial has the meaning it has on Creditor, for a business
	// debtor.
	NonCommercial bool
}

// Invoice is one invoice claimed, with the interest engine's statement of
// what it now owes.
type Invoice struct {
	Number    string
	IssueDate civil.Date
	DueDate   civil.Date
	Amount    money.Amount // including VAT
	Remaining money.Amount // principal still due; must equal Statement.Principal
	Disputed  bool
	// Statement is legalfr.Compute's result for this invoice. Its figures
	// are printed as they are, so the court file agrees with the letters.
	Statement legalfr.Statement
	// Limitation is the invoice's limitation period as its events left it
	// (legalfr.LimitationOf). When zero, the period is computed from the
	// due date with no event, which is the earliest it can end.
	Limitation legalfr.Limitation
}

// Totals are the sums claimed: Total = Principal + Interest + Indemnity.
type Totals struct {
	Principal money.Amount
	Interest  money.Amount
	Indemnity money.Amount
	Total     money.Amount
}

// Currency is the currency of the claim: that of its first invoice.
func (c Case) Currency() money.Currency {
	if len(c.Invoices) == 0 {
		return "EUR"
	}
	return c.Invoices[0].Amount.Currency
}

// Totals adds up the invoices' statements. It is computed, never stored,
// so that it cannot disagree with the invoices it sums.
func (c Case) Totals() (Totals, error) {
	cur := c.Currency()
	t := Totals{Principal: money.New(0, cur), Interest: money.New(0, cur), Indemnity: money.New(0, cur), Total: money.New(0, cur)}
	for _, inv := range c.Invoices {
		st := inv.Statement
		var err error
		if t.Principal, err = t.Principal.Add(st.Principal); err != nil {
			return Totals{}, err
		}
		if t.Interest, err = t.Interest.Add(st.Interest); err != nil {
			return Totals{}, err
		}
		if t.Indemnity, err = t.Indemnity.Add(st.Indemnity); err != nil {
			return Totals{}, err
		}
	}
	total, err := money.Sum(cur, t.Principal, t.Interest, t.Indemnity)
	if err != nil {
		return Totals{}, err
	}
	t.Total = total
	return t, nil
}

// Disputed reports whether a dispute is open on the debtor or on any
// invoice of the case.
func (c Case) Disputed() bool {
	if c.DisputeOpen {
		return true
	}
	for _, inv := range c.Invoices {
		if inv.Disputed {
			return true
		}
	}
	return false
}

// Validate checks that the case can be assessed and filed: both parties
// named, a known debtor kind, at least one invoice, one currency, and each
// invoice with a statement computed for this debtor whose principal is
// the invoice's remaining amount. A file whose figures disagree with each
// other would be rejected by the judge, so it is refused here.
func (c Case) Validate() error {
	switch {
	case c.On.IsZero():
		return ledger.FieldError("on", "the date of the case is required")
	case c.Creditor.Name == "":
		return ledger.FieldError("creditor.name", "the creditor’s name is required")
	case c.Debtor.Name == "":
		return ledger.FieldError("debtor.name", "the debtor’s name is required")
	case !c.Debtor.Kind.Valid():
		return ledger.FieldError("debtor.kind", "unknown debtor kind %q (want business, consumer or public)", c.Debtor.Kind)
	case len(c.Invoices) == 0:
		return ledger.FieldError("invoices", "a case needs at least one invoice")
	}
	cur := c.Currency()
	for i, inv := range c.Invoices {
		if err := inv.validate(c.Debtor.Kind, cur); err != nil {
			return ledger.FieldError(fmt.Sprintf("invoices[%d]", i), "%s", err)
		}
	}
	return nil
}

func (inv Invoice) validate(kind ledger.DebtorKind, cur money.Currency) error {
	st := inv.Statement
	switch {
	case inv.Number == "":
		return fmt.Errorf("the invoice number is required")
	case inv.Amount.Currency != cur || inv.Remaining.Currency != cur:
		return fmt.Errorf("invoice %s: every amount of a case must be in %s", inv.Number, cur)
	case st.Total.Currency == "":
		return fmt.Errorf("invoice %s: no interest statement (compute it with legalfr.Compute)", inv.Number)
	case st.Principal.Currency != cur || st.Interest.Currency != cur || st.Indemnity.Currency != cur:
		return fmt.Errorf("invoice %s: the statement is not in %s", inv.Number, cur)
	case st.Claim.Kind != kind:
		return fmt.Errorf("invoice %s: the statement was computed for a %s debtor, the debtor is %s", inv.Number, st.Claim.Kind, kind)
	case st.Principal != inv.Remaining:
		return fmt.Errorf("invoice %s: the statement’s principal %s is not the remaining amount %s", inv.Number, money.Decimal(st.Principal), money.Decimal(inv.Remaining))
	case st.Total.Minor != st.Principal.Minor+st.Interest.Minor+st.Indemnity.Minor:
		return fmt.Errorf("invoice %s: the statement’s total is not principal + interest + indemnity", inv.Number)
	}
	return nil
}

// limitation is the invoice's limitation period: the one given, or the
// earliest possible one when none was.
func (inv Invoice) limitation(kind ledger.DebtorKind) legalfr.Limitation {
	if !inv.Limitation.Expires.IsZero() {
		return inv.Limitation
	}
	return legalfr.LimitationOf(kind, inv.DueDate, nil)
}

// commercial reports whether the claim is between traders: both parties
// are businesses and neither is a non-trader. It decides the commercial
// court and the L126-1 procedure.
func (c Case) commercial() bool {
	return c.Creditor.IsBusiness && !c.Creditor.NonCommercial &&
		c.Debtor.Kind == ledger.KindBusiness && !c.Debtor.NonCommercial
}

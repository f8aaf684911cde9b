package legalfr

import (
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// TermCheck is the check of an invoice's payment term against the
// statutory maximum. It is a warning for the user — an over-long term
// exposes the creditor to an administrative fine (C. com. L441-16) — and
// never a reason to refuse the invoice: recouvre records the debt as
// agreed and collects it.
type TermCheck struct {
	// Days is the term granted: from the issue date to the due date.
	Days int
	// Limit is the statutory maximum in days: 60 for a business, 30 for a
	// public body, 0 for a consumer (no maximum).
	Limit int
	// Latest is the last due date the rule accepts; zero when there is no
	// maximum. For a business it can be after issue + Limit, when "45 days
	// end of month" allows more.
	Latest civil.Date
	// Over reports a due date after Latest.
	Over bool
	// Key is the catalogue key of the message to show, "" when there is
	// nothing to say: "legal.terms.over_60", "legal.terms.over_30_public"
	// or "legal.terms.due_before_issue".
	Key string
	// Article is the rule checked, "" for a consumer.
	Article string
}

// Statutory maximum terms, in days.
const (
	MaxTermBusiness = 60 // C. com. L441-10 I, from the invoice's issue
	MaxTermPublic   = 30 // C. commande publique R2192-10: the State and local authorities
)

// CheckTerms checks the term from issue to due of an invoice to a debtor
// of the given kind.
//
// Business (C. com. L441-10 I): an agreed term may not exceed 60 days
// after the invoice's issue date, or 45 days end of month when the
// contract says so. "45 days end of month" is read two ways — the end of
// the issue month plus 45 days, or issue plus 45 days then the end of that
// month — and the law does not settle which. recouvre accepts a due date
// up to the latest of the three dates (issue + 60, and each reading of 45
// days end of month), so it flags only terms that no reading allows: it
// cannot see the contract, and a false alarm would teach users to ignore
// the warning. Not checked either: the 30 days that apply when nothing was
// agreed (recouvre cannot tell), the 45 days of periodic invoices (CGI 289
// I 3) and the sector limits of L441-11 to L441-13.
//
// Public body (C. commande publique L2192-10, R2192-10): 30 days for the
// State, its public establishments and local authorities. Public health
// establishments have 50 days and public companies 60 (R2192-11), which
// recouvre cannot tell from a debtor kind: the general 30 is used, as a
// warning to look at, not a refusal. The public term runs from the receipt
// of the demand for payment, on or after the issue date, so counting from
// the issue errs towards warning.
//
// Consumer: no statutory maximum, so nothing is flagged; an unknown kind
// is not checked either. For every kind, a due date before the issue date
// is reported (legal.terms.due_before_issue), as it is most likely a typing
// error. A zero issue or due date checks nothing.
func CheckTerms(kind ledger.DebtorKind, issue, due civil.Date) TermCheck {
	var c TermCheck
	switch kind {
	case ledger.KindBusiness:
		c.Limit, c.Article = MaxTermBusiness, "L441-10 I C. com."
	case ledger.KindPublic:
		c.Limit, c.Article = MaxTermPublic, "L2192-10, R2192-10 C. commande publique"
	}
	if issue.IsZero() || due.IsZero() {
		return c
	}
	c.Days = issue.DaysUntil(due)
	switch kind {
	case ledger.KindBusiness:
		c.Latest = latestDate(issue.AddDays(MaxTermBusiness), endOfMonth(issue).AddDays(45), endOfMonth(issue.AddDays(45)))
		c.Over = due.After(c.Latest)
		if c.Over {
			c.Key = "legal.terms.over_60"
		}
	case ledger.KindPublic:
		c.Latest = issue.AddDays(MaxTermPublic)
		c.Over = due.After(c.Latest)
		if c.Over {
			c.Key = "legal.terms.over_30_public"
		}
	}
	if c.Days < 0 {
		c.Key = "legal.terms.due_before_issue"
	}
	return c
}

// endOfMonth is the last day of d's month.
func endOfMonth(d civil.Date) civil.Date { return civil.D(d.Year, d.Month+1, 0) }

// latestDate is the latest of its arguments.
func latestDate(d civil.Date, more ...civil.Date) civil.Date {
	for _, e := range more {
		if e.After(d) {
			d = e
		}
	}
	return d
}

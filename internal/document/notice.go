package document

import (
	"strconv"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// DefaultDeadlineDays is the time a formal notice gives the debtor to pay
// when the caller sets none: eight days is the usual last delay in French
// practice, long enough to be fair, short enough to be a last warning.
const DefaultDeadlineDays = 8

// FormalNotice is everything a mise en demeure says. It is plain data: the
// caller reads the ledger and computes each invoice's interest with
// legalfr.Compute, so that the letter prints the engine's own figures.
type FormalNotice struct {
	Lang      string     // "fr" (the default) or "en"
	Date      civil.Date // the letter's date; the deadline runs from it
	Place     string     // where the letter is written: "Lyon"
	Reference string     // the letter's reference, which later contacts recall (R124-4 CPCE)

	Creditor   Party
	Debtor     Party
	DebtorKind ledger.DebtorKind // business, consumer or public: it decides the wording and the law
	// Agency is the collection agency writing on the creditor's behalf, or
	// nil when the creditor writes itself. When set, the letter carries the
	// mentions of R124-4 CPCE.
	Agency *Party

	Lines []NoticeLine // one per unpaid invoice

	DeadlineDays int // days from Date to pay; DefaultDeadlineDays when 0

	// How to pay. Any may be empty; the letter then asks the debtor to
	// get in touch.
	IBAN             string
	BIC              string
	AccountHolder    string // the name on the account; the sender's when empty
	PaymentReference string
	PaymentURL       string

	Signatory     string
	SignatoryRole string
}

// NoticeLine is one unpaid invoice of a formal notice.
type NoticeLine struct {
	Number    string
	IssueDate civil.Date
	DueDate   civil.Date
	Amount    money.Amount // including VAT
	Paid      money.Amount // paid or credited so far
	// Remaining is the principal still due: Amount - Paid, plus whatever
	// part of Paid the interest engine applied to interest first (art.
	// 1343-1 C. civ.), that is Interest.InterestPaid. When Interest is set
	// it must equal Interest.Principal.
	Remaining money.Amount
	// Interest is the interest engine's statement for the invoice, up to
	// the letter's date. The zero Statement means that no interest is
	// claimed. Its Warnings are for the user, not the debtor, and are not
	// printed: settle them before sending the letter.
	Interest legalfr.Statement
}

// Deadline is the last day the debtor has to pay: the letter's date plus
// DeadlineDays.
func (n FormalNotice) Deadline() civil.Date {
	days := n.DeadlineDays
	if days == 0 {
		days = DefaultDeadlineDays
	}
	return n.Date.AddDays(days)
}

// Total is the sum the notice claims: the remaining principal, the
// interest still due and, except from a consumer, the recovery indemnity
// of every invoice.
func (n FormalNotice) Total() (money.Amount, error) {
	s, err := n.sums()
	return s.total, err
}

// noticeSums are the totals of the invoice table and of the claim.
type noticeSums struct {
	amount, paid, remaining    money.Amount
	interest, indemnity, total money.Amount
}

func (n FormalNotice) sums() (noticeSums, error) {
	if err := n.validate(); err != nil {
		return noticeSums{}, err
	}
	cur := n.Lines[0].Amount.Currency
	s := noticeSums{}
	for _, p := range []*money.Amount{&s.amount, &s.paid, &s.remaining, &s.interest, &s.indemnity, &s.total} {
		*p = money.New(0, cur)
	}
	for i, l := range n.Lines {
		if err := l.validate(i, cur); err != nil {
			return noticeSums{}, err
		}
		adds := []struct {
			to *money.Amount
			v  money.Amount
		}{
			{&s.amount, l.Amount}, {&s.paid, l.Paid}, {&s.remaining, l.Remaining},
			{&s.interest, l.Interest.Interest}, {&s.indemnity, n.indemnity(l)},
		}
		for _, a := range adds {
			if err := addTo(a.to, a.v); err != nil {
				return noticeSums{}, err
			}
		}
	}
	var err error
	s.total, err = money.Sum(cur, s.remaining, s.interest, s.indemnity)
	return s, err
}

// indemnity is the recovery indemnity the letter claims for l: the
// statement's, but never from a consumer, whom L441-10 does not reach.
func (n FormalNotice) indemnity(l NoticeLine) money.Amount {
	if n.DebtorKind == ledger.KindConsumer {
		return money.Amount{}
	}
	return l.Interest.Indemnity
}

// addTo adds v to *to. A zero amount adds nothing whatever its currency,
// so that a zero Statement (no currency) can be summed.
func addTo(to *money.Amount, v money.Amount) error {
	if v.Minor == 0 {
		return nil
	}
	s, err := to.Add(v)
	if err != nil {
		return ledger.FieldError("currency", "all amounts of a letter must be in one currency: %v", err)
	}
	*to = s
	return nil
}

func (n FormalNotice) validate() error {
	switch {
	case len(n.Lines) == 0:
		return ledger.FieldError("lines", "a formal notice needs at least one invoice")
	case n.Date.IsZero():
		return ledger.FieldError("date", "the letter needs a date")
	case !n.DebtorKind.Valid():
		return ledger.FieldError("debtor_kind", "unknown debtor kind %q (want business, consumer or public)", n.DebtorKind)
	case n.DeadlineDays < 0:
		return ledger.FieldError("deadline_days", "the deadline cannot be negative")
	case !n.Lines[0].Amount.Currency.Valid():
		return ledger.FieldError("currency", "invoice %q has no valid currency", n.Lines[0].Number)
	}
	return nil
}

// validate refuses a line whose figures disagree: a letter that claims
// one sum in its table and another in its statement would be worthless.
func (l NoticeLine) validate(i int, cur money.Currency) error {
	field := "lines[" + strconv.Itoa(i) + "]"
	st := l.Interest
	if l.Amount.Currency != cur || l.Remaining.Currency != cur || (l.Paid.Minor != 0 && l.Paid.Currency != cur) {
		return ledger.FieldError(field, "invoice %q is not in %s like the others", l.Number, cur)
	}
	if l.Amount.Minor-l.Paid.Minor+st.InterestPaid.Minor != l.Remaining.Minor {
		return ledger.FieldError(field, "invoice %q: amount - paid + interest paid is not the remaining amount", l.Number)
	}
	if st.Principal.Currency != "" && st.Principal != l.Remaining {
		return ledger.FieldError(field, "invoice %q: the interest statement's principal %s differs from the remaining %s",
			l.Number, st.Principal, l.Remaining)
	}
	return nil
}

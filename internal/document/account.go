package document

import (
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// AccountStatement is a debtor's relevé de compte at a date: every invoice
// and credit note, every payment, and the balances. The documents carry
// their allocations (Allocated), as the store derives them; the balances
// are computed here with ledger.ComputeBalance, the same rule the store's
// summaries are tested against, so the statement agrees with the screens.
type AccountStatement struct {
	Lang      string         // "fr" (the default) or "en"
	AsOf      civil.Date     // the day the statement describes
	Reference string         // the customer's account code, for example
	Currency  money.Currency // EUR when empty

	Creditor Party
	Debtor   Party

	Documents []ledger.Invoice // invoices and credit notes
	Payments  []ledger.Payment
}

func (s AccountStatement) currency() money.Currency {
	if s.Currency == "" {
		return "EUR"
	}
	return s.Currency
}

func (s AccountStatement) validate() error {
	cur := s.currency()
	switch {
	case s.AsOf.IsZero():
		return ledger.FieldError("as_of", "the statement needs a date")
	case !cur.Valid():
		return ledger.FieldError("currency", "invalid currency %q", cur)
	}
	for _, d := range s.Documents {
		if d.Amount.Currency != cur {
			return ledger.FieldError("documents", "document %q is not in %s", d.Number, cur)
		}
	}
	for _, p := range s.Payments {
		if p.Amount.Currency != cur {
			return ledger.FieldError("payments", "payment %q is not in %s", p.Reference, cur)
		}
	}
	return nil
}

// RenderStatementOfAccount renders the relevé de compte as an A4 PDF.
func RenderStatementOfAccount(s AccountStatement) ([]byte, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	s.Lang = i18n.Normalize(s.Lang)
	r := &account{s: s}
	r.writer = newWriter(s.Lang, meta{title: tr(s.Lang, "account.title"), reference: s.Reference,
		author: s.Creditor.Name, date: s.AsOf})
	r.head()
	r.documents()
	r.payments()
	r.balances()
	r.contact()
	return r.bytes()
}

// account lays out one statement of account.
type account struct {
	*writer
	s AccountStatement
}

func (r *account) head() {
	r.parties(r.partyBlock(r.t("account.creditor"), r.s.Creditor), r.partyBlock(r.t("account.debtor"), r.s.Debtor))
	r.placeDate("", r.s.AsOf)
	r.field(r.t("common.reference"), r.s.Reference)
	r.title(r.t("account.title"), r.t("account.subtitle", r.date(r.s.AsOf)))
	r.para(r.t("account.intro", r.date(r.s.AsOf)))
}

// documents lists invoices and credit notes by date, then number, the
// order in which a customer files them.
func (r *account) documents() {
	r.heading(r.t("account.documents"))
	docs := slices.Clone(r.s.Documents)
	slices.SortStableFunc(docs, func(a, b ledger.Invoice) int {
		if c := a.IssueDate.Compare(b.IssueDate); c != 0 {
			return c
		}
		return strings.Compare(a.Number, b.Number)
	})
	if len(docs) == 0 {
		r.para(r.t("account.no_documents"))
		return
	}
	t := table{cols: []column{
		{r.t("col.issue"), 20, "C"}, {r.t("col.type"), 26, "L"}, {r.t("col.doc_number"), 24, "L"},
		{r.t("col.due"), 20, "C"}, {r.t("col.debit"), 22, "R"}, {r.t("col.credit"), 20, "R"},
		{r.t("col.open"), 22, "R"}, {r.t("col.late"), 16, "R"},
	}}
	for _, d := range docs {
		t.rows = append(t.rows, r.documentRow(d))
	}
	r.table(t)
}

func (r *account) documentRow(d ledger.Invoice) []string {
	debit, credit, late := r.money(d.Amount), "", ""
	if d.Kind == ledger.DocCreditNote {
		debit, credit = "", r.money(d.Amount)
	}
	status := d.Status(r.s.AsOf)
	if status == ledger.StatusOverdue || status == ledger.StatusDisputed {
		if n := d.DaysLate(r.s.AsOf); n > 0 {
			late = i18n.Int(r.lang, n)
		}
	}
	return []string{r.date(d.IssueDate), r.docType(d, status), d.Number, r.date(d.DueDate),
		debit, credit, r.money(d.Open()), late}
}

func (r *account) docType(d ledger.Invoice, status ledger.InvoiceStatus) string {
	switch {
	case d.Kind == ledger.DocCreditNote:
		return r.t("doc.credit_note")
	case status == ledger.StatusDisputed:
		return r.t("doc.disputed")
	}
	return r.t("doc.invoice")
}

func (r *account) payments() {
	r.heading(r.t("account.payments"))
	pays := slices.Clone(r.s.Payments)
	slices.SortStableFunc(pays, func(a, b ledger.Payment) int { return a.ReceivedOn.Compare(b.ReceivedOn) })
	if len(pays) == 0 {
		r.para(r.t("account.no_payments"))
		return
	}
	t := table{cols: []column{
		{r.t("col.issue"), 24, "C"}, {r.t("col.reference"), 52, "L"}, {r.t("col.method"), 30, "L"},
		{r.t("col.sum"), 32, "R"}, {r.t("col.unallocated"), 32, "R"},
	}}
	for _, p := range pays {
		t.rows = append(t.rows, []string{r.date(p.ReceivedOn), p.Reference, r.method(p.Method),
			r.money(p.Amount), r.money(p.Unallocated())})
	}
	r.table(t)
}

func (r *account) method(m ledger.PaymentMethod) string {
	if !m.Valid() {
		return string(m)
	}
	return r.t("method." + string(m))
}

// balances prints what the debtor owes, what of it is overdue, the
// credits not yet applied and the net balance.
func (r *account) balances() {
	b := ledger.ComputeBalance(r.s.currency(), r.s.Documents, r.s.Payments, r.s.AsOf)
	r.heading(r.t("account.balance.heading", r.date(r.s.AsOf)))
	r.summary([]kv{
		{label: r.t("account.balance.due"), value: r.money(b.Due)},
		{label: r.t("account.balance.overdue"), value: r.money(b.Overdue)},
		{label: r.t("account.balance.credit"), value: r.money(b.Credit.Neg())},
		{label: r.t("account.balance.net"), value: r.money(b.Net()), bold: true},
	})
}

func (r *account) contact() {
	if c := contactLine(r.s.Creditor); c != "" {
		r.para(r.t("account.contact", c))
	}
}

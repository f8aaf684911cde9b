package document

import (
	"strings"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// RenderFormalNotice renders the mise en demeure as an A4 PDF in the
// notice's language. The wording follows the debtor's kind: commercial
// late-payment penalties and the €40 indemnity for a business, moratory
// interest for a public body, plain words and the legal rate for a
// consumer. With an Agency it adds what R124-4 CPCE requires.
func RenderFormalNotice(n FormalNotice) ([]byte, error) {
	s, err := n.sums()
	if err != nil {
		return nil, err
	}
	n.Lang = i18n.Normalize(n.Lang)
	r := &notice{n: n, s: s}
	r.writer = newWriter(n.Lang, meta{title: tr(n.Lang, "notice.title"), reference: n.Reference,
		author: r.sender().Name, date: n.Date})
	for _, section := range []func(){
		r.head, r.agencyIntro, r.invoices, r.interest, r.claimed,
		r.demand, r.payment, r.consequence, r.consumerNotes, r.agencyLaw, r.close,
	} {
		section()
	}
	return r.bytes()
}

// notice lays out one formal notice.
type notice struct {
	*writer
	n FormalNotice
	s noticeSums
}

func (r *notice) consumer() bool { return r.n.DebtorKind == ledger.KindConsumer }
func (r *notice) agency() bool   { return r.n.Agency != nil }

// sender is who signs: the agency when there is one, else the creditor.
func (r *notice) sender() Party {
	if r.agency() {
		return *r.n.Agency
	}
	return r.n.Creditor
}

// kindKey picks the variant of key for the debtor's kind when the
// catalogue has one ("notice.intro.consumer"), else key itself.
func (r *notice) kindKey(key string) string {
	if k := key + "." + string(r.n.DebtorKind); hasKey(r.lang, k) {
		return k
	}
	return key
}

func (r *notice) head() {
	r.parties(r.partyBlock("", r.sender()), r.partyBlock("", r.n.Debtor))
	r.placeDate(r.n.Place, r.n.Date)
	r.strong(r.t("common.lrar"))
	r.field(r.t("common.reference"), r.n.Reference)
	r.field(r.t("common.object"), r.t("notice.object", r.invoiceList()))
	r.title(r.t("notice.title"), r.t("notice.subtitle"))
	r.para(r.t("common.salutation"))
}

// invoiceList is "facture n° F1" or "factures n° F1, F2" for the object line.
func (r *notice) invoiceList() string {
	nums := make([]string, len(r.n.Lines))
	for i, l := range r.n.Lines {
		nums[i] = l.Number
	}
	key := "notice.invoice.one"
	if len(nums) > 1 {
		key = "notice.invoice.other"
	}
	return r.t(key, strings.Join(nums, ", "))
}

// agencyIntro gives R124-4 1° and 2° CPCE: who collects, that it collects
// amicably, and for which creditor, each with its address.
func (r *notice) agencyIntro() {
	if !r.agency() {
		return
	}
	r.para(r.t("notice.agency.intro", oneLine(*r.n.Agency)))
	r.para(r.t("notice.agency.creditor", oneLine(r.n.Creditor)))
}

func (r *notice) invoices() {
	r.para(r.t(r.kindKey("notice.intro")))
	t := table{cols: r.invoiceCols()}
	for _, l := range r.n.Lines {
		t.rows = append(t.rows, []string{l.Number, r.date(l.IssueDate), r.date(l.DueDate),
			r.money(l.Amount), r.amount(l.Paid, l.Amount.Currency), r.money(l.Remaining)})
	}
	if len(r.n.Lines) > 1 {
		t.totals = [][]string{{r.t("col.total"), "", "", r.money(r.s.amount), r.money(r.s.paid), r.money(r.s.remaining)}}
	}
	r.table(t)
	if r.interestPaid() {
		r.para(r.t("notice.imputation"))
	}
}

// interestPaid reports whether part of a payment went to interest, which
// is why a remaining amount can exceed amount minus paid: the letter says
// so, or the table would look wrong.
func (r *notice) interestPaid() bool {
	for _, l := range r.n.Lines {
		if l.Interest.InterestPaid.Minor != 0 {
			return true
		}
	}
	return false
}

func (r *notice) invoiceCols() []column {
	return []column{
		{r.t("col.number"), 34, "L"}, {r.t("col.issue"), 24, "C"}, {r.t("col.due"), 24, "C"},
		{r.t("col.amount"), 30, "R"}, {r.t("col.paid"), 28, "R"}, {r.t("col.remaining"), 30, "R"},
	}
}

// interest prints, invoice by invoice, how the interest was computed: the
// periods with their base, rate and days, the articles applied and the
// indemnity, so that the debtor can check every figure (R124-4 3° CPCE
// wants them itemised).
func (r *notice) interest() {
	if !r.anyInterest() {
		return
	}
	r.heading(r.t(r.kindKey("notice.interest.heading")))
	for _, l := range r.n.Lines {
		r.lineInterest(l)
	}
}

func (r *notice) anyInterest() bool {
	for _, l := range r.n.Lines {
		if len(l.Interest.Periods) > 0 || r.n.indemnity(l).Minor != 0 {
			return true
		}
	}
	return false
}

func (r *notice) lineInterest(l NoticeLine) {
	st := l.Interest
	ind := r.n.indemnity(l)
	if len(st.Periods) == 0 && ind.Minor == 0 {
		return
	}
	sum := r.lineSummary(st, ind)
	// Keep an invoice's account on one page when it fits on one: a reader
	// checks the periods against the sums below them.
	rows := 0
	if len(st.Periods) > 0 {
		rows = len(st.Periods) + 2
	}
	r.keep(float64(rows)*rowH + float64(len(sum)+4)*lineH)
	r.strong(r.t("notice.interest.invoice", l.Number, r.date(l.DueDate), r.money(l.Remaining)))
	if len(st.Periods) > 0 {
		r.table(r.periodTable(st))
	}
	r.summary(sum)
	if len(st.Basis) > 0 {
		r.para(r.t("notice.basis", articles(r.lang, st.Basis)))
	}
}

func (r *notice) periodTable(st legalfr.Statement) table {
	t := table{cols: []column{
		{r.t("col.from"), 26, "C"}, {r.t("col.to"), 26, "C"}, {r.t("col.days"), 16, "R"},
		{r.t("col.base"), 38, "R"}, {r.t("col.rate"), 24, "R"}, {r.t("col.interest"), 40, "R"},
	}}
	days := 0
	for _, p := range st.Periods {
		days += p.Days
		t.rows = append(t.rows, []string{r.date(p.From), r.date(p.To), i18n.Int(r.lang, p.Days),
			r.money(p.Base), r.rate(p.Rate), r.money(p.Interest)})
	}
	t.totals = [][]string{{r.t("col.total"), "", i18n.Int(r.lang, days), "", "", r.money(st.Accrued)}}
	return t
}

func (r *notice) lineSummary(st legalfr.Statement, ind money.Amount) []kv {
	var rows []kv
	if st.InterestPaid.Minor != 0 {
		rows = append(rows, kv{label: r.t("notice.interest.paid"), value: r.money(st.InterestPaid.Neg())})
	}
	if len(st.Periods) > 0 {
		rows = append(rows, kv{label: r.t("notice.interest.due"), value: r.money(st.Interest)})
	}
	if ind.Minor != 0 {
		key := "notice.indemnity.flat"
		if ind != legalfr.FlatIndemnity {
			key = "notice.indemnity.costs"
		}
		rows = append(rows, kv{label: r.t(key), value: r.money(ind)})
	}
	return rows
}

// articles prints a statement's basis as "art. L441-10 II C. com. ;
// art. D441-5 C. com." (French spaces the semicolon, English does not).
func articles(lang string, basis []string) string {
	out := make([]string, len(basis))
	for i, b := range basis {
		out[i] = "art. " + b
	}
	sep := " ; "
	if lang == "en" {
		sep = "; "
	}
	return strings.Join(out, sep)
}

// claimed prints the sum claimed, itemised into principal, interest and
// indemnity (R124-4 3° CPCE; the usual content of a mise en demeure).
func (r *notice) claimed() {
	r.heading(r.t("notice.sum.heading"))
	rows := []kv{{label: r.t("notice.sum.principal"), value: r.money(r.s.remaining)}}
	// A consumer's first notice claims no interest yet: it starts it.
	if r.s.interest.Minor != 0 {
		rows = append(rows, kv{label: r.t(r.kindKey("notice.sum.interest")), value: r.money(r.s.interest)})
	}
	if !r.consumer() && r.s.indemnity.Minor != 0 {
		rows = append(rows, kv{label: r.t("notice.sum.indemnity"), value: r.money(r.s.indemnity)})
	}
	rows = append(rows, kv{label: r.t("notice.sum.total"), value: r.money(r.s.total), bold: true})
	r.summary(rows)
}

// demand is the interpellation itself (art. 1344 C. civ.): the sum, and
// the last day to pay it.
func (r *notice) demand() {
	total, last, days := r.money(r.s.total), r.date(r.n.Deadline()), r.n.Date.DaysUntil(r.n.Deadline())
	if r.agency() {
		r.strong(r.t("notice.demand.agency", r.n.Creditor.Name, total, last, days))
		return
	}
	r.strong(r.t(r.kindKey("notice.demand"), total, last, days))
}

func (r *notice) payment() {
	r.heading(r.t("notice.pay.heading"))
	if r.n.IBAN != "" {
		r.para(r.t("notice.pay.transfer"))
		r.field(r.t("notice.pay.holder"), r.payee())
		r.field(r.t("notice.pay.iban"), groupIBAN(r.n.IBAN))
		r.field(r.t("notice.pay.bic"), r.n.BIC)
		r.space(0.5)
	}
	if r.n.PaymentURL != "" {
		r.para(r.t("notice.pay.url", r.n.PaymentURL))
	}
	if r.n.PaymentReference != "" {
		r.para(r.t("notice.pay.reference", r.n.PaymentReference))
	}
	if r.n.IBAN == "" && r.n.PaymentURL == "" {
		r.para(r.t("notice.pay.contact"))
	}
	if r.n.DebtorKind == ledger.KindPublic {
		r.para(r.t("notice.pay.public"))
	}
	r.contact()
}

// payee is the name on the account, which the debtor's bank may check
// against the IBAN: by default the sender's, since an agency collects on an
// account of its own kept for its creditors' funds (R124-2 CPCE).
func (r *notice) payee() string {
	if r.n.AccountHolder != "" {
		return r.n.AccountHolder
	}
	return r.sender().Name
}

// contact tells the debtor how to reach the sender with a question.
func (r *notice) contact() {
	if c := contactLine(r.sender()); c != "" {
		r.para(r.t("notice.contact", c))
	}
}

// groupIBAN prints an IBAN in groups of four, its paper format, with
// no-break spaces so that it stays on one line.
func groupIBAN(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// consequence says what follows if the debtor does not pay. An agency
// collects amicably only, so it says what the creditor will do.
func (r *notice) consequence() {
	key := "notice.consequence"
	if r.agency() {
		key += ".agency"
	}
	if r.n.DebtorKind == ledger.KindBusiness {
		key += ".business"
	}
	r.para(r.t(key))
}

// consumerNotes tell a consumer that the notice makes the legal interest
// run (art. 1344-1 C. civ.), and what to do if already paid or in
// difficulty: consumer law punishes pressure, so the letter stays plain.
func (r *notice) consumerNotes() {
	if !r.consumer() {
		return
	}
	r.para(r.t("notice.consumer.interest"))
	r.para(r.t("notice.consumer.help"))
}

// agencyLaw quotes L111-8 CPCE paragraphs 2 and 3 (R124-4 5° CPCE).
func (r *notice) agencyLaw() {
	if !r.agency() {
		return
	}
	r.para(r.t("notice.agency.fees", r.n.Creditor.Name))
	r.heading(r.t("notice.agency.law.heading"))
	r.para(r.t("notice.agency.law.intro"))
	r.para(r.t("common.quote", L111_8Paragraph2))
	r.para(r.t("common.quote", L111_8Paragraph3))
	if r.lang == "en" {
		// One paragraph, so that the label never ends a page alone.
		r.para(r.t("notice.agency.law.translation") + "\n" + r.t("common.quote", l111_8Paragraph2EN))
		r.para(r.t("common.quote", l111_8Paragraph3EN))
	}
}

func (r *notice) close() {
	r.closing(r.t("common.closing"), r.n.Signatory, r.n.SignatoryRole, r.sender().Name)
}

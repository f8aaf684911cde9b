package reconcile

import (
	"cmp"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// evidence is what a payment says of itself, read once.
type evidence struct {
	amount     money.Amount
	iban       string
	ibanDebtor int64 // the debtor the IBAN memory knows, 0 when none
	payer      string
	names      map[int64]nameLevel
	refs       []refHit
	unknown    []string // numbers of the text that designate no document
}

// refHit is a document a number of the text designates.
type refHit struct {
	doc       int32
	written   string
	pts       int
	code      string
	ambiguous bool // the same number designates documents of several debtors
}

// gather reads a payment: the debtor its account and its name designate,
// and the documents the numbers of its text designate.
func (m *Matcher) gather(p statement.Payment) *evidence {
	ev := &evidence{amount: p.Amount, names: map[int64]nameLevel{}}
	if iban := NormalizeIBAN(p.Transaction.CounterpartyIBAN); iban != "" {
		ev.iban = iban
		ev.ibanDebtor = m.ibans[iban]
	}
	ev.payer = strings.Join(strings.Fields(p.Transaction.Counterparty), " ")
	if ev.payer != "" {
		m.namesOf(ev, nameWords(ev.payer))
	} else if p.Entry != nil {
		m.namesInText(ev, nameWords(p.Entry.Text))
	}
	text := p.Remittance()
	if e2e := strings.TrimSpace(p.Transaction.EndToEndID); e2e != "" && !strings.EqualFold(e2e, "NOTPROVIDED") {
		text += " " + e2e
	}
	numbers := scan(text)
	var unresolved []string
	for _, n := range numbers {
		if !m.lookupRefs(ev, n) {
			unresolved = append(unresolved, n.written)
		}
	}
	m.lookupLastGroups(ev, numbers)
	for _, w := range unresolved {
		if !slices.ContainsFunc(ev.refs, func(r refHit) bool { return r.written == w }) {
			ev.unknown = append(ev.unknown, w)
		}
	}
	return ev
}

// cites reports whether a document is already designated.
func (ev *evidence) cites(doc int32) bool {
	return slices.ContainsFunc(ev.refs, func(r refHit) bool { return r.doc == doc })
}

// knownDebtors lists the debtors the account and the name designate, the
// surest first.
func (ev *evidence) knownDebtors() []int64 {
	var out []int64
	if ev.ibanDebtor != 0 {
		out = append(out, ev.ibanDebtor)
	}
	named := make([]int64, 0, len(ev.names))
	for d := range ev.names {
		if d != ev.ibanDebtor {
			named = append(named, d)
		}
	}
	slices.SortFunc(named, func(a, b int64) int {
		if ev.names[a] != ev.names[b] {
			return int(ev.names[b]) - int(ev.names[a])
		}
		return cmp.Compare(a, b)
	})
	return append(out, named...)
}

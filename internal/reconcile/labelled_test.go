package reconcile

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// The labelled set's size and seed: the figures the package reports.
const (
	labelSeed     = 20250701
	labelDebtors  = 2000
	labelInvoices = 10000
	labelPayments = 3000
)

// outcome counts what the matcher did with the payments of one kind.
type outcome struct {
	payments, auto, correct int
	reviewed, inProposals   int // reviewed payments that pay something, and those whose truth was among the proposals
}

// replay works through a labelled set as the application does: an
// automatic match is applied; a payment in review is settled as the
// truth says, the user's choice teaching the IBAN memory.
func replay(l *labelled, check func(*Matcher, statement.Payment, []Proposal)) (total outcome, kinds map[string]*outcome, wrong []string, calibration [len(buckets)][2]int) {
	m := NewMatcher(l.book, l.opts)
	kinds = map[string]*outcome{}
	for i, p := range l.payments {
		tr, kind := l.truths[i], l.kinds[i]
		k := kinds[kind]
		if k == nil {
			k = &outcome{}
			kinds[kind] = k
		}
		k.payments++
		ps := m.Match(p)
		if check != nil {
			check(m, p, ps)
		}
		if len(ps) > 0 {
			b := calibrationBucket(ps[0].Confidence)
			calibration[b][0]++
			if tr.correct(ps[0]) {
				calibration[b][1]++
			}
		}
		if best, ok := m.Auto(ps); ok {
			k.auto++
			if tr.correct(best) {
				k.correct++
			} else if len(wrong) < 20 {
				wrong = append(wrong, fmt.Sprintf("%s: %q from %q (%s): got debtor %d %v (%d%%, %s), want %d %v",
					kind, p.Remittance(), p.Transaction.Counterparty, p.Amount, best.DebtorID, best.Allocations,
					best.Confidence, codes(best), tr.debtor, tr.pays))
			}
			m.Apply(best)
			continue
		}
		if tr.pays != nil {
			k.reviewed++
			if slices.ContainsFunc(ps, tr.correct) {
				k.inProposals++
			}
			m.Apply(Proposal{DebtorID: tr.debtor, Allocations: tr.allocations()})
		}
		if tr.debtor != 0 {
			m.Learn(p.Transaction.CounterpartyIBAN, tr.debtor)
		}
	}
	for _, k := range kinds {
		total.payments += k.payments
		total.auto += k.auto
		total.correct += k.correct
		total.reviewed += k.reviewed
		total.inProposals += k.inProposals
	}
	return total, kinds, wrong, calibration
}

// buckets are the confidence ranges the calibration is reported by.
var buckets = [...]int{0, 50, 70, 80, 90, 95}

func calibrationBucket(c int) int {
	b := 0
	for i, lo := range buckets {
		if c >= lo {
			b = i
		}
	}
	return b
}

func codes(p Proposal) string {
	var s []string
	for _, r := range p.Reasons {
		s = append(s, r.Code)
	}
	return strings.Join(s, ",")
}

// pct prints a/b as a percentage with one decimal, in integers.
func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	v := (a*1000 + b/2) / b
	return fmt.Sprintf("%d.%d%%", v/10, v%10)
}

// TestLabelledSet measures the matcher on the generated labelled set:
// the precision of the automatic matches must reach 99%; the share of
// payments matched automatically is reported.
func TestLabelledSet(t *testing.T) {
	l := generate(labelSeed, labelDebtors, labelInvoices, labelPayments)
	total, kinds, wrong, calibration := replay(l, func(m *Matcher, p statement.Payment, ps []Proposal) {
		checkInvariants(t, m, p, ps)
	})
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, n := range names {
		k := kinds[n]
		t.Logf("%-16s %5d payments, auto %5s, precision %6s, review with the truth proposed %6s",
			n, k.payments, pct(k.auto, k.payments), pct(k.correct, k.auto), pct(k.inProposals, k.reviewed))
	}
	t.Logf("seed %d, %d debtors, %d documents, %d payments: %d automatic (%s), precision %s (%d wrong); "+
		"%d in review, the truth among the proposals of %s",
		labelSeed, labelDebtors, labelInvoices, len(l.payments), total.auto, pct(total.auto, total.payments),
		pct(total.correct, total.auto), total.auto-total.correct, total.reviewed, pct(total.inProposals, total.reviewed))
	for i, c := range calibration {
		hi := 99
		if i+1 < len(buckets) {
			hi = buckets[i+1] - 1
		}
		t.Logf("best proposal of confidence %2d–%2d: %4d payments, right %6s", buckets[i], hi, c[0], pct(c[1], c[0]))
	}
	for _, w := range wrong {
		t.Log("wrong: " + w)
	}
	if total.correct*100 < total.auto*99 {
		t.Errorf("precision of automatic matches %s, want ≥ 99%%", pct(total.correct, total.auto))
	}
	if total.auto*2 < total.payments {
		t.Errorf("only %s of the payments matched automatically", pct(total.auto, total.payments))
	}
}

package document

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/pdftext"
)

// TestRenderFormalNotice renders the notice in both languages, for each
// kind of debtor, with and without an agency, reads it back and checks
// that every figure of the engine and every required mention is printed.
func TestRenderFormalNotice(t *testing.T) {
	pdftext.Require(t)
	for _, lang := range i18n.Langs {
		for _, kind := range []ledger.DebtorKind{ledger.KindBusiness, ledger.KindConsumer, ledger.KindPublic} {
			for _, withAgency := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/agency=%v", lang, kind, withAgency), func(t *testing.T) {
					t.Parallel()
					n := formalNotice(t, lang, kind, withAgency)
					pdf, err := RenderFormalNotice(n)
					text := textOf(t, pdf, err)
					checkFigures(t, text, n)
					checkMentions(t, text, n)
				})
			}
		}
	}
}

// checkFigures looks for every amount of the statements, the total and
// the deadline, formatted the letter's way.
func checkFigures(t *testing.T, text string, n FormalNotice) {
	t.Helper()
	m := func(a money.Amount) string { return i18n.Money(n.Lang, a) }
	periods := 0
	for _, l := range n.Lines {
		contains(t, text, l.Number, m(l.Amount), m(l.Remaining))
		for _, p := range l.Interest.Periods {
			periods++
			contains(t, text, m(p.Interest), m(p.Base), i18n.Date(n.Lang, p.From), i18n.Date(n.Lang, p.To))
		}
		if l.Interest.InterestPaid.Minor != 0 {
			contains(t, text, m(l.Interest.InterestPaid.Neg()))
		}
		for _, b := range l.Interest.Basis {
			contains(t, text, b)
		}
		if n.DebtorKind != ledger.KindConsumer {
			contains(t, text, m(l.Interest.Indemnity))
		}
	}
	if periods == 0 {
		t.Fatal("the fixture has no interest period: the test would prove nothing")
	}
	total, err := n.Total()
	if err != nil {
		t.Fatal(err)
	}
	contains(t, text, m(total), i18n.Date(n.Lang, n.Deadline()))
}

// checkMentions checks the wording each variant requires or forbids.
func checkMentions(t *testing.T, text string, n FormalNotice) {
	t.Helper()
	contains(t, text, tr(n.Lang, "notice.title"), tr(n.Lang, "common.lrar"), n.Reference, "Page 1/",
		n.Creditor.Name, n.Debtor.Name, n.Signatory, n.IBAN[:4], n.PaymentURL)
	switch n.DebtorKind {
	case ledger.KindConsumer:
		contains(t, text, "1344-1")
		lacks(t, text, "40,00", "40.00", "L441-10", "D441-5", tr(n.Lang, "notice.indemnity.flat"), "injonction de payer")
	case ledger.KindBusiness:
		contains(t, text, "L441-10", "injonction de payer", tr(n.Lang, "notice.indemnity.flat"))
	case ledger.KindPublic:
		contains(t, text, "R2192-31", tr(n.Lang, "notice.pay.public"))
		lacks(t, text, "injonction de payer")
	}
	if n.Lang == "fr" {
		consequence := "À défaut, nous saisirons la juridiction compétente sans autre avis"
		if n.Agency != nil {
			consequence = "À défaut, notre mandant saisira la juridiction compétente sans autre avis"
		}
		contains(t, text, "MISE EN DEMEURE", consequence)
	}
	if n.Agency == nil {
		lacks(t, text, "L111-8", "R124-4")
		return
	}
	// R124-4 CPCE: who collects, amicably, for whom, and L111-8 al. 2 and 3.
	contains(t, text, oneLine(*n.Agency), oneLine(n.Creditor), "L111-8", "R124-4",
		L111_8Paragraph2, L111_8Paragraph3,
		"Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier",
		"caractère manifestement abusif de la résistance du débiteur")
}

// TestFormalNoticeConsumerHasNoIndemnity pins the rule even if the
// statement handed in carries an indemnity: a consumer never owes it.
func TestFormalNoticeConsumerHasNoIndemnity(t *testing.T) {
	n := formalNotice(t, "fr", ledger.KindConsumer, false)
	n.Lines[0].Interest.Indemnity = legalfr.FlatIndemnity
	total, err := n.Total()
	if err != nil {
		t.Fatal(err)
	}
	want := int64(0)
	for _, l := range n.Lines {
		want += l.Remaining.Minor + l.Interest.Interest.Minor
	}
	if total.Minor != want {
		t.Fatalf("total = %s, want %d cents without indemnity", total, want)
	}
	pdf, err := RenderFormalNotice(n)
	text := textOf(t, pdf, err)
	lacks(t, text, "40,00", "Indemnité")
}

func TestFormalNoticeDeadline(t *testing.T) {
	n := FormalNotice{Date: day("2025-10-15")}
	if got := n.Deadline(); got != day("2025-10-23") {
		t.Errorf("default deadline = %s, want 2025-10-23", got)
	}
	n.DeadlineDays = 15
	if got := n.Deadline(); got != day("2025-10-30") {
		t.Errorf("15-day deadline = %s, want 2025-10-30", got)
	}
}

// TestFormalNoticeTotal checks the sum claimed against the statements:
// remaining principal + interest + indemnity of each invoice.
func TestFormalNoticeTotal(t *testing.T) {
	n := formalNotice(t, "fr", ledger.KindBusiness, false)
	total, err := n.Total()
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for _, l := range n.Lines {
		want += l.Interest.Total.Minor // the engine's Principal + Interest + Indemnity
	}
	if total != money.EUR(want) {
		t.Errorf("total = %s, want %s", total, money.EUR(want))
	}
}

// TestFormalNoticeRefusesInconsistentFigures: a letter whose table and
// statement disagree must not be produced.
func TestFormalNoticeRefusesInconsistentFigures(t *testing.T) {
	for name, spoil := range map[string]func(*FormalNotice){
		"no lines":           func(n *FormalNotice) { n.Lines = nil },
		"no date":            func(n *FormalNotice) { n.Date = civil.Date{} },
		"unknown kind":       func(n *FormalNotice) { n.DebtorKind = "robot" },
		"negative deadline":  func(n *FormalNotice) { n.DeadlineDays = -1 },
		"remaining mismatch": func(n *FormalNotice) { n.Lines[0].Remaining.Minor++; n.Lines[0].Amount.Minor++ },
		"table mismatch":     func(n *FormalNotice) { n.Lines[1].Paid.Minor++ },
		"two currencies":     func(n *FormalNotice) { n.Lines[1].Amount.Currency = "USD" },
	} {
		t.Run(name, func(t *testing.T) {
			n := formalNotice(t, "fr", ledger.KindBusiness, false)
			spoil(&n)
			_, err := RenderFormalNotice(n)
			if ledger.ErrorCode(err) != ledger.EInvalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
		})
	}
}

// TestRenderIsDeterministic: the same input gives the same bytes, so a
// letter can be rendered again to prove what was sent.
func TestRenderIsDeterministic(t *testing.T) {
	n := formalNotice(t, "fr", ledger.KindBusiness, true)
	a, err := RenderFormalNotice(n)
	if err != nil {
		t.Fatal(err)
	}
	b, err := RenderFormalNotice(n)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renderings of one notice differ")
	}
}

// TestLongNoticeNumbersPages renders enough invoices to need several
// pages and checks the « Page n/N » footer and the repeated table heading.
func TestLongNoticeNumbersPages(t *testing.T) {
	n := formalNotice(t, "fr", ledger.KindBusiness, true)
	for i := 0; i < 30; i++ {
		l := n.Lines[0]
		l.Number = fmt.Sprintf("F2025-%04d", 500+i)
		n.Lines = append(n.Lines, l)
	}
	pdf, err := RenderFormalNotice(n)
	text := textOf(t, pdf, err)
	contains(t, text, "Page 1/", "Page 2/")
	total, err := n.Total()
	if err != nil {
		t.Fatal(err)
	}
	contains(t, text, money.FormatFR(total))
}

// TestFirstConsumerNotice: with no earlier notice the engine computes no
// interest for a consumer; the letter claims the principal and says that
// it makes the legal interest run from now on.
func TestFirstConsumerNotice(t *testing.T) {
	n := formalNotice(t, "fr", ledger.KindConsumer, false)
	var want int64
	for i, l := range n.Lines {
		c := l.Interest.Claim
		c.Notice = civil.Date{}
		st, err := legalfr.Compute(legalfr.Default(), c, legalfr.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Periods) != 0 {
			t.Fatalf("%s: %d periods before any notice", l.Number, len(st.Periods))
		}
		n.Lines[i].Interest, n.Lines[i].Remaining = st, st.Principal
		want += st.Principal.Minor
	}
	pdf, err := RenderFormalNotice(n)
	text := textOf(t, pdf, err)
	contains(t, text, "1344-1", money.FormatFR(money.EUR(want)), "mettons en demeure")
	lacks(t, text, "40,00", "L441-10", "Intérêts au taux légal")
}

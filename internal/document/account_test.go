package document

import (
	"strconv"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/pdftext"
)

// TestRenderStatementOfAccount reads the statement back and looks for
// every document, payment and balance, in both languages.
func TestRenderStatementOfAccount(t *testing.T) {
	pdftext.Require(t)
	for _, lang := range i18n.Langs {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			s := accountStatement(lang)
			pdf, err := RenderStatementOfAccount(s)
			text := textOf(t, pdf, err)
			m := func(a money.Amount) string { return i18n.Money(lang, a) }
			contains(t, text, tr(lang, "account.title"), s.Creditor.Name, s.Debtor.Name, i18n.Date(lang, s.AsOf), "Page 1/1")
			for _, d := range s.Documents {
				contains(t, text, d.Number, i18n.Date(lang, d.IssueDate), m(d.Amount), m(d.Open()))
			}
			for _, p := range s.Payments {
				contains(t, text, p.Reference, i18n.Date(lang, p.ReceivedOn), m(p.Amount), m(p.Unallocated()))
			}
			b := ledger.ComputeBalance("EUR", s.Documents, s.Payments, s.AsOf)
			contains(t, text, m(b.Due), m(b.Overdue), m(b.Credit.Neg()), m(b.Net()))
			// F2025-0042, due 31/03/2025, is 198 days late on 15/10/2025.
			contains(t, text, "F2025-0042 "+i18n.Date(lang, civil.MustParse("2025-03-31"))+" "+m(money.EUR(12345_67))+" "+m(money.EUR(12345_67))+" "+strconv.Itoa(198))
			contains(t, text, tr(lang, "doc.credit_note"), tr(lang, "doc.disputed"), tr(lang, "method.cheque"))
		})
	}
}

func TestStatementOfAccountRefusesBadInput(t *testing.T) {
	s := accountStatement("fr")
	s.AsOf = civil.Date{}
	if _, err := RenderStatementOfAccount(s); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("no date: err = %v", err)
	}
	s = accountStatement("fr")
	s.Payments[0].Amount.Currency = "USD"
	if _, err := RenderStatementOfAccount(s); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("foreign currency: err = %v", err)
	}
}

// TestEmptyStatementOfAccount: a customer with nothing on its account
// still gets a readable statement.
func TestEmptyStatementOfAccount(t *testing.T) {
	s := accountStatement("fr")
	s.Documents, s.Payments = nil, nil
	pdf, err := RenderStatementOfAccount(s)
	text := textOf(t, pdf, err)
	contains(t, text, tr("fr", "account.no_documents"), tr("fr", "account.no_payments"), money.FormatFR(money.EUR(0)))
}

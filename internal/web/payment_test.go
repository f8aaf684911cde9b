package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// TestPaymentRecord records a cheque on the debtor page: it goes to the
// oldest invoices first, the page says where; an unreadable amount is
// refused in French and writes nothing.
func TestPaymentRecord(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	debtor := fmt.Sprintf("/debtors/%d", x.acme.ID)

	d := c.get(debtor).want(t, http.StatusOK, "Enregistrer un paiement", `name="amount"`, `<option value="cheque">Chèque</option>`,
		`<option value="direct_debit">Prélèvement SEPA</option>`, `<option value="cash">Espèces</option>`, `value="2025-06-15"`,
		fmt.Sprintf(`href="/payments/%d"`, x.payment.ID), "Délettrer", "Crédit non affecté\u00a0: "+eurFR(200_00))
	d.without(t, `value="bank_fee"`)
	before := len(paymentsOf(t, b, x.Fixture, x.acme.ID))

	for amount, reason := range map[string]string{"douze": "Montant illisible «\u00a0douze\u00a0»", "": "Indiquez un montant.",
		"-5": "Le montant doit être positif.", "1,234": "trop de décimales"} {
		p := c.post(debtor+"/payments", url.Values{"received_on": {"2025-06-14"}, "amount": {amount}, "method": {"cheque"}, "reference": {"CHQ 7730021"}})
		p.want(t, http.StatusBadRequest, reason, `value="CHQ 7730021"`, `id="pay-error"`)
	}
	c.post(debtor+"/payments", url.Values{"received_on": {"demain"}, "amount": {"10"}, "method": {"cheque"}}).want(t, http.StatusBadRequest, "Date illisible")
	c.post(debtor+"/payments", url.Values{"received_on": {"2025-06-14"}, "amount": {"10"}, "method": {"bank_fee"}}).want(t, http.StatusBadRequest, "moyen de paiement")
	if n := len(paymentsOf(t, b, x.Fixture, x.acme.ID)); n != before {
		t.Fatalf("refused forms recorded %d payments", n-before)
	}

	// 1 500,00 € by cheque: F2025-001 (1 134,56 € left, the oldest), then
	// 365,44 € on F2025-003.
	loc := c.post(debtor+"/payments", url.Values{"received_on": {"14/06/2025"}, "amount": {"1 500,00"}, "method": {"cheque"},
		"reference": {"CHQ 7730021"}}).redirected(t)
	if !strings.HasPrefix(loc, debtor+"?paid=") {
		t.Fatalf("recording redirects to %q", loc)
	}
	c.get(loc).want(t, http.StatusOK, "Paiement de "+eurFR(1500_00)+" enregistré.",
		"Lettré\u00a0: "+eurFR(1134_56)+" sur F2025-001, "+eurFR(365_44)+" sur F2025-003.")
	if a, f := openOf(t, b, x.Fixture, x.late.ID), openOf(t, b, x.Fixture, x.future.ID); a.Minor != 0 || f.Minor != 1634_56 {
		t.Errorf("after the cheque F2025-001 owes %v and F2025-003 %v", a, f)
	}
	var cheque ledger.Payment
	for _, p := range paymentsOf(t, b, x.Fixture, x.acme.ID) {
		if p.Reference == "CHQ 7730021" {
			cheque = p
		}
	}
	if cheque.Method != ledger.MethodCheque || cheque.ReceivedOn.String() != "2025-06-14" || cheque.Amount.Minor != 1500_00 {
		t.Fatalf("recorded %+v", cheque)
	}

	// A payment larger than what is due keeps the rest as credit.
	loc = c.post(fmt.Sprintf("/debtors/%d/payments", x.dupont.ID), url.Values{"received_on": {"2025-06-15"}, "amount": {"100"},
		"method": {"transfer"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Lettré\u00a0: "+eurFR(89_90)+" sur F2025-010.", eurFR(10_10)+" reste en crédit.")
}

// TestPaymentPage: a payment's page; délettrer reopens the invoice, the
// rest is allocated again from the page, and contre-passer reopens all
// it settled and says so.
func TestPaymentPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	loc := c.post(fmt.Sprintf("/debtors/%d/payments", x.acme.ID), url.Values{"received_on": {"2025-06-14"}, "amount": {"1500"},
		"method": {"transfer"}, "reference": {"VIR 0614"}}).redirected(t)
	var pid int64
	fmt.Sscanf(loc[strings.Index(loc, "paid=")+5:], "%d", &pid)
	page := fmt.Sprintf("/payments/%d", pid)

	p := c.get(page).want(t, http.StatusOK, "Acmé Bâtiment SARL", "VIR 0614", "Virement", "F2025-001", "F2025-003",
		"entièrement lettré", "Délettrer", "Contre-passer le paiement")
	p.wantFigures(t, map[string]string{"amount": eurFR(1500_00), "allocated": eurFR(1500_00), "unallocated": eurFR(0)})

	// Délettrer F2025-003: it owes its whole amount again.
	allocs, err := b.st.ListAllocations(x.Ctx, store.AllocationQuery{PaymentID: pid})
	must(t, err)
	var onLate, onFuture int64
	for _, a := range allocs {
		switch a.InvoiceID {
		case x.late.ID:
			onLate = a.ID
		case x.future.ID:
			onFuture = a.ID
		}
	}
	loc = c.post(fmt.Sprintf("/allocations/%d/delete", onFuture), url.Values{"back": {page + "#allocations"}}).redirected(t)
	if loc != page+"?done=unallocated#allocations" {
		t.Errorf("délettrer comes back to %q", loc)
	}
	p = c.get(loc).want(t, http.StatusOK, "Lettrage supprimé", "partiellement lettré", `id="allocate-form"`)
	p.wantFigures(t, map[string]string{"unallocated": eurFR(365_44)})
	if got := openOf(t, b, x.Fixture, x.future.ID); got.Minor != 2000_00 {
		t.Errorf("after délettrer F2025-003 owes %v", got)
	}
	// Again: the allocation is gone.
	c.post(fmt.Sprintf("/allocations/%d/delete", onFuture), url.Values{"back": {page}}).want(t, http.StatusNotFound)
	// Délettrer F2025-001 too, with a way back to another site, which
	// is not followed.
	if loc := c.post(fmt.Sprintf("/allocations/%d/delete", onLate), url.Values{"back": {"https://ailleurs.test/"}}).redirected(t); !strings.HasPrefix(loc, "/debtors") {
		t.Errorf("délettrer with a foreign back goes to %q", loc)
	}
	// Allocate again from the page: not more than the payment has left.
	c.post(page+"/allocate", url.Values{"invoice": {fmt.Sprint(x.future.ID)}, "amount": {"1 600,00"}}).
		want(t, http.StatusBadRequest, "dépasse ce que le paiement a encore à lettrer")
	c.post(page+"/allocate", url.Values{"invoice": {fmt.Sprint(x.credit.ID)}}).want(t, http.StatusBadRequest)
	loc = c.post(page+"/allocate", url.Values{"invoice": {fmt.Sprint(x.future.ID)}, "amount": {"100,00"}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Lettrage enregistré.")
	if got := openOf(t, b, x.Fixture, x.future.ID); got.Minor != 1900_00 {
		t.Errorf("after allocating 100,00 F2025-003 owes %v", got)
	}

	// Contre-passer: the payment settles nothing any more.
	c.post(page+"/reverse", url.Values{"on": {"2025-06-15"}, "reason": {"rejet de prélèvement"}}).redirected(t)
	p = c.get(page).want(t, http.StatusOK, `id="reversed"`, "Contre-passé le 15/06/2025", "rejet de prélèvement", "contre-passé")
	p.without(t, "Contre-passer le paiement", `id="allocate-form"`)
	if a, f := openOf(t, b, x.Fixture, x.late.ID), openOf(t, b, x.Fixture, x.future.ID); a.Minor != 1134_56 || f.Minor != 2000_00 {
		t.Errorf("after the reversal F2025-001 owes %v and F2025-003 %v", a, f)
	}
	c.get(fmt.Sprintf("/debtors/%d", x.acme.ID)).want(t, http.StatusOK, `badge-reversed">contre-passé<`)
	c.post(page+"/reverse", url.Values{"on": {"2025-06-15"}}).want(t, http.StatusConflict, "Ce paiement est déjà contre-passé.")
	c.post(page+"/allocate", url.Values{"invoice": {fmt.Sprint(x.future.ID)}}).want(t, http.StatusConflict, "contre-passé")
}

// TestPaymentUnallocateFromDebtor: délettrer from the debtor page comes
// back to it and says so.
func TestPaymentUnallocateFromDebtor(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	allocs, err := b.st.ListAllocations(x.Ctx, store.AllocationQuery{InvoiceID: x.paid.ID})
	must(t, err)
	back := fmt.Sprintf("/debtors/%d#allocations", x.acme.ID)
	d := c.get(fmt.Sprintf("/debtors/%d", x.acme.ID))
	if !strings.Contains(d.body, fmt.Sprintf(`action="/allocations/%d/delete"`, allocs[0].ID)) || !strings.Contains(d.body, `value="`+back+`"`) {
		t.Fatalf("no délettrer form for the allocation of F2025-002 coming back to %s", back)
	}
	loc := c.post(fmt.Sprintf("/allocations/%d/delete", allocs[0].ID), url.Values{"back": {back}}).redirected(t)
	c.get(loc).want(t, http.StatusOK, "Lettrage supprimé\u00a0: la facture est rouverte.")
	if got := openOf(t, b, x.Fixture, x.paid.ID); got.Minor != 500_00 {
		t.Errorf("after délettrer F2025-002 owes %v", got)
	}
}

// TestDebtorCaseFollowsPayment: the debtor page shows the case and the
// reminders planned; once the cheque pays the invoice a reminder was
// about, the reminder shows as cancelled and the case as closed when
// nothing else is due.
func TestDebtorCaseFollowsPayment(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	debtor := fmt.Sprintf("/debtors/%d", x.dupont.ID)
	c.get(debtor).want(t, http.StatusOK, "Dossier et relances", "Aucun dossier", "Aucune relance planifiée.")

	cs, err := b.st.OpenCase(x.Ctx, x.dupont.ID)
	must(t, err)
	invs, err := b.st.ListInvoices(x.Ctx, store.InvoiceQuery{DebtorID: x.dupont.ID})
	must(t, err)
	must(t, b.st.PlanAction(x.Ctx, &ledger.Action{CaseID: cs.ID, StepKey: "relance-1", Channel: ledger.ChannelEmail,
		ScheduledFor: now.Add(72 * time.Hour), InvoiceIDs: []int64{invs.Invoices[0].ID}}))
	c.get(debtor).want(t, http.StatusOK, "Dossier ouvert, étape «\u00a0amiable\u00a0»", `data-status="planned"`, ">planifiée<", "relance-1", "F2025-010")

	c.post(debtor+"/payments", url.Values{"received_on": {"2025-06-15"}, "amount": {"89,90"}, "method": {"cheque"}}).redirected(t)
	d := c.get(debtor).want(t, http.StatusOK, "Dossier clos le", "Plus rien n’est dû.", `data-status="cancelled"`, "factures réglées",
		"Relance annulée\u00a0: factures réglées", "Dossier clos\u00a0: plus rien n’est dû")
	d.without(t, `data-status="planned"`)
}

// TestApplyCreditNote: a credit note settles an invoice of the same
// debtor from the debtor page; one of another debtor, or more than it
// has, is refused in French and writes nothing.
func TestApplyCreditNote(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	c := b.browser(t)
	c.login(x.email)
	debtor := fmt.Sprintf("/debtors/%d", x.acme.ID)
	c.get(debtor).without(t, `id="apply-credit"`) // its only credit note is used up

	cn := &ledger.Invoice{DebtorID: x.acme.ID, Kind: ledger.DocCreditNote, Number: "AV2025-002", IssueDate: x.late.IssueDate, Amount: money.EUR(50_00)}
	must(t, b.st.CreateInvoice(x.Ctx, cn))
	other := &ledger.Invoice{DebtorID: x.dupont.ID, Kind: ledger.DocCreditNote, Number: "AV2025-090", IssueDate: x.late.IssueDate, Amount: money.EUR(10_00)}
	must(t, b.st.CreateInvoice(x.Ctx, other))
	c.get(debtor).want(t, http.StatusOK, `id="apply-credit"`, "Imputer un avoir sur une facture", "AV2025-002")

	post := func(cnID int64, amount string) page {
		return c.post(debtor+"/credit-notes", url.Values{"credit_note": {fmt.Sprint(cnID)}, "invoice": {fmt.Sprint(x.future.ID)}, "amount": {amount}})
	}
	post(other.ID, "").want(t, http.StatusBadRequest, "Choisissez un avoir de ce débiteur")
	post(cn.ID, "12,3x").want(t, http.StatusBadRequest, "illisible")
	post(cn.ID, "60,00").want(t, http.StatusBadRequest, `id="credit-error"`)
	if open := openOf(t, b, x.Fixture, x.future.ID); open.Minor != 2_000_00 {
		t.Fatalf("refused forms changed F2025-003: %v", open)
	}
	loc := post(cn.ID, "").redirected(t)
	c.get(loc).want(t, http.StatusOK, "Avoir imputé sur la facture.")
	if open := openOf(t, b, x.Fixture, x.future.ID); open.Minor != 1_950_00 {
		t.Fatalf("F2025-003 owes %v after the credit note", open)
	}
}

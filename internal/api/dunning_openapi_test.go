package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// dunningRequests prepares, in an organization of its own, what the
// dunning routes work on, and returns requests that reach each of their
// success answers and their errors, in the order to send them.
// TestResponsesMatchOpenAPI sends them.
func dunningRequests(t *testing.T, b *bundle) []docRequest {
	t.Helper()
	p := newDunningBook(t, b, "Relances OpenAPI")
	tok := p.tok
	// A run on Monday plans the book and posts Leroy's letter.
	eng := &cycle.Engine{Store: b.st, Worker: "openapi"}
	rep, err := eng.Run(p.f.Ctx, p.f.Org.ID, cycle.Options{AsOf: monday})
	must(t, err)
	ids := map[int64]ledger.Action{}
	as, err := b.st.ListActions(p.f.Ctx, store.ActionQuery{Limit: 100})
	must(t, err)
	for _, a := range as {
		ids[a.DebtorID] = a.Action
	}
	if rep.Sent != 1 || len(ids) != 5 {
		t.Fatalf("run %+v, actions %+v", rep, ids)
	}
	letter, email, call, notice := ids[p.leroy.ID], ids[p.dupont.ID], ids[p.martin.ID], ids[p.bernard.ID]
	// A call due today, for the call list of the shared clock.
	_, err = b.st.WritePlan(p.f.Ctx, []store.PlanWrite{{DebtorID: p.martin.ID, CaseID: call.CaseID, On: today, Actions: []ledger.Action{
		{StepKey: "appel-dimanche", Channel: ledger.ChannelCall, ScheduledFor: now, InvoiceIDs: call.InvoiceIDs, ScenarioKey: "tpe",
			Template: "call", Stage: ledger.StageAmicable, AmountDue: eur(850_00)}}}})
	must(t, err)
	email.OrgID = p.f.Org.ID
	emailID := cycle.MessageID(email, "recouvre.test")
	dispute := &ledger.Dispute{DebtorID: p.petit.ID, InvoiceID: p.invoices["F-105"].ID, Reason: "Livraison incomplète"}
	must(t, b.st.OpenDispute(p.f.Ctx, dispute))
	promise := &ledger.Promise{DebtorID: p.leroy.ID, Amount: eur(100_00), DueOn: today.AddDays(5)}
	must(t, b.st.RecordPromise(p.f.Ctx, promise))
	plan := &ledger.PaymentPlan{DebtorID: p.leroy.ID, GraceDays: 3, Instalments: []ledger.Instalment{{DueOn: today.AddDays(15), Amount: eur(600_00)}}}
	must(t, b.st.RecordPaymentPlan(p.f.Ctx, plan))

	get := func(target string) docRequest { return docRequest{http.MethodGet, target, tok, "", ""} }
	js := func(method, target, body string) docRequest {
		return docRequest{method, target, tok, "application/json", body}
	}
	const tpl = "/api/v1/templates/reminder1/email/fr"
	own := `{"name":"Maison","subject":"Rappel — {{.From}}","body":"Bonjour {{.Debtor.Name}},\n{{invoiceTable}}\n{{.From}}"}`
	return []docRequest{
		get("/api/v1/dunning/settings"),
		js(http.MethodPut, "/api/v1/dunning/settings", `{"smtp_url":"smtp://u:p@mail.example.fr","sms_key":"k","from_email":"r@acme.test"}`),
		js(http.MethodPut, "/api/v1/dunning/settings", `{"run_hour":30}`),
		js(http.MethodPut, "/api/v1/dunning/settings", `{"run_hour":"x"}`),
		js(http.MethodPut, "/api/v1/dunning/settings", `{"remove_smtp_url":true,"remove_sms_key":true}`),
		get("/api/v1/plan/today"),
		js(http.MethodPost, "/api/v1/runs", `{"dry_run":true}`),
		js(http.MethodPost, "/api/v1/runs", `{"as_of":"2025-06-16","plan_only":true}`),
		js(http.MethodPost, "/api/v1/runs", `{"as_of":"lundi"}`),
		get("/api/v1/dunning/letters?day=2025-06-16"), get("/api/v1/dunning/letters?day=2025-06-17"), get("/api/v1/dunning/letters?day=x"),
		get("/api/v1/actions"), get("/api/v1/actions?limit=2"), get("/api/v1/actions?status=lost"), get("/api/v1/actions?status=sent&channel=letter"),
		get(fmt.Sprintf("/api/v1/actions/%d", letter.ID)), get(fmt.Sprintf("/api/v1/actions/%d", notice.ID)), get("/api/v1/actions/987654"),
		get("/api/v1/calls"), get("/api/v1/calls?owner_id=x"),
		js(http.MethodPost, "/api/v1/actions/decisions", fmt.Sprintf(`{"ids":[%d],"approve":true}`, notice.ID)),
		js(http.MethodPost, "/api/v1/actions/decisions", `{"ids":[]}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/actions/%d/call-outcome", call.ID), `{"outcome":"promise","promise_amount":"850.00","promise_due":"2025-06-30"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/actions/%d/call-outcome", call.ID), `{"outcome":"maybe"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/actions/%d/call-outcome", email.ID), `{"outcome":"paid"}`),
		js(http.MethodPost, "/api/v1/actions/987654/call-outcome", `{"outcome":"paid"}`),
		get(fmt.Sprintf("/api/v1/debtors/%d/disputes", p.petit.ID)), get("/api/v1/debtors/987654/disputes"),
		js(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/disputes", p.dupont.ID), fmt.Sprintf(`{"invoice_id":%d,"reason":"Prix","amount":"100.00"}`, p.invoices["F-101"].ID)),
		js(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/disputes", p.dupont.ID), `{"reason":"Prix"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/disputes/%d/close", dispute.ID), `{"status":"upheld","resolution":"Avoir à émettre"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/disputes/%d/close", dispute.ID), `{"status":"resolved"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/disputes/%d/close", dispute.ID), `{"status":"open"}`),
		js(http.MethodPost, "/api/v1/disputes/987654/close", `{"status":"resolved"}`),
		get(fmt.Sprintf("/api/v1/debtors/%d/promises", p.leroy.ID)),
		js(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/promises", p.leroy.ID), `{"amount":"50.00","due_on":"2025-06-20","note":"x"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/promises", p.leroy.ID), `{"amount":"50.00"}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/promises/%d/cancel", promise.ID), ""),
		js(http.MethodPost, fmt.Sprintf("/api/v1/promises/%d/cancel", promise.ID), ""),
		js(http.MethodPost, "/api/v1/promises/987654/cancel", ""),
		get(fmt.Sprintf("/api/v1/debtors/%d/payment-plans", p.leroy.ID)),
		js(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/payment-plans", p.leroy.ID), `{"instalments":[{"due_on":"2025-07-01","amount":"100.00"}],"grace_days":2}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/payment-plans", p.leroy.ID), `{"instalments":[]}`),
		js(http.MethodPost, fmt.Sprintf("/api/v1/payment-plans/%d/cancel", plan.ID), ""),
		js(http.MethodPost, fmt.Sprintf("/api/v1/payment-plans/%d/cancel", plan.ID), ""),
		js(http.MethodPost, "/api/v1/payment-plans/987654/cancel", ""),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/pause", p.dupont.ID), `{"paused_until":"2025-07-01","reason":"Congés"}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/pause", p.dupont.ID), `{"do_not_contact":true}`),
		js(http.MethodPut, "/api/v1/debtors/987654/pause", `{}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/risk-score", p.dupont.ID), `{"score":35}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/risk-score", p.dupont.ID), `{"score":null}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/risk-score", p.dupont.ID), `{"score":500}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/case/owner", p.martin.ID), fmt.Sprintf(`{"owner_id":%d}`, p.f.User.ID)),
		get(fmt.Sprintf("/api/v1/debtors/%d/case", p.martin.ID)), get(fmt.Sprintf("/api/v1/calls?owner_id=%d", p.f.User.ID)),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/case/owner", p.martin.ID), `{"owner_id":987654}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/case/owner", p.martin.ID), `{"owner":1}`),
		js(http.MethodPut, "/api/v1/debtors/987654/case/owner", `{"owner_id":0}`),
		js(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/case/owner", p.martin.ID), `{"owner_id":null}`),
		{http.MethodPost, "/api/v1/bounces", tok, "message/rfc822", dsnFor("compta@dupont.test", emailID, "5.1.1")},
		{http.MethodPost, "/api/v1/bounces", tok, "message/rfc822", dsnFor("compta@dupont.test", "<action-987654.abc@x>", "5.1.1")},
		{http.MethodPost, "/api/v1/bounces", tok, "message/rfc822", "From: a@b.fr\r\n\r\nBonjour\r\n"},
		{http.MethodPost, "/api/v1/bounces", tok, "text/plain", "x"},
		get("/api/v1/templates"), get(tpl), get("/api/v1/templates/reminder1/fax/fr"),
		js(http.MethodPut, tpl, own), js(http.MethodPut, tpl, own),
		js(http.MethodPut, tpl, `{"subject":"x","body":"{{.Montant}}"}`),
		js(http.MethodPut, tpl, `{"subject":"x"`),
		js(http.MethodDelete, tpl, ""), js(http.MethodDelete, tpl, ""),
		js(http.MethodPost, "/api/v1/templates/preview", `{"template":{"channel":"sms","body":"{{.From}} : {{money .Grand}} dus."}}`),
		js(http.MethodPost, "/api/v1/templates/preview", fmt.Sprintf(`{"template":{"key":"reminder1","channel":"email"},"debtor_id":%d}`, p.leroy.ID)),
		js(http.MethodPost, "/api/v1/templates/preview", `{"template":{"key":"reminder1","channel":"email"},"debtor_id":987654}`),
		js(http.MethodPost, "/api/v1/templates/preview", `{"template":{"channel":"email","subject":"x","body":"{{.Nope}}"}}`),
		get("/api/v1/scenarios"), get("/api/v1/scenarios/tpe"), get("/api/v1/scenarios/nope"),
		js(http.MethodPut, "/api/v1/scenarios/douce", gentle), js(http.MethodPut, "/api/v1/scenarios/douce", gentle),
		js(http.MethodPut, "/api/v1/scenarios/douce", `{"name":"x","steps":[]}`),
		get("/api/v1/segments"),
		js(http.MethodPut, "/api/v1/segments", `{"segments":[{"name":"Douce","max_due":"500","scenario":"douce"},{"name":"Tous","scenario":"tpe"}]}`),
		js(http.MethodPut, "/api/v1/segments", `{"segments":[]}`),
		js(http.MethodDelete, "/api/v1/scenarios/tpe", ""),
		js(http.MethodPut, "/api/v1/segments", `{"segments":[{"name":"Tous","scenario":"tpe"}]}`),
		js(http.MethodDelete, "/api/v1/scenarios/douce", ""), js(http.MethodDelete, "/api/v1/scenarios/douce", ""),
	}
}

package api

import (
	"net/http"

	"github.com/recouvre/recouvre/internal/auth"
)

// Prefix is the root of every API path.
const Prefix = "/api/v1"

// Route is one operation of the API: a method and a path pattern in
// http.ServeMux syntax ("/api/v1/debtors/{id}"), which is also the OpenAPI
// path template.
type Route struct {
	Method string
	Path   string
}

// route is a Route with what serves it.
type route struct {
	Route
	perm  auth.Permission // 0 for a public route, served without a token
	serve func(a *API, w http.ResponseWriter, r *http.Request) error
}

// routeTable is the API. Register mounts exactly these routes, and the
// OpenAPI test checks the embedded document describes exactly them.
var routeTable = []route{
	{Route{http.MethodGet, Prefix + "/debtors"}, auth.PermRead, (*API).listDebtors},
	{Route{http.MethodGet, Prefix + "/debtors/{id}"}, auth.PermRead, (*API).getDebtor},
	{Route{http.MethodGet, Prefix + "/invoices"}, auth.PermRead, (*API).listInvoices},
	{Route{http.MethodGet, Prefix + "/invoices/{id}"}, auth.PermRead, (*API).getInvoice},
	{Route{http.MethodGet, Prefix + "/payments"}, auth.PermRead, (*API).listPayments},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/legal"}, auth.PermRead, (*API).debtorLegal},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/case"}, auth.PermRead, (*API).getDebtorCase},
	{Route{http.MethodPut, Prefix + "/debtors/{id}/case/owner"}, auth.PermWriteLedger, refusing((*API).putCaseOwner)},
	{Route{http.MethodPost, Prefix + "/debtors/{id}/insolvency"}, auth.PermWriteLedger, (*API).recordInsolvency},
	{Route{http.MethodPost, Prefix + "/debtors/{id}/formal-notices"}, auth.PermWriteLedger, (*API).issueNotice},
	{Route{http.MethodGet, Prefix + "/formal-notices/{id}/pdf"}, auth.PermRead, (*API).noticePDF},
	{Route{http.MethodPost, Prefix + "/invoices/{id}/recovery-costs"}, auth.PermWriteLedger, (*API).addRecoveryCost},
	{Route{http.MethodGet, Prefix + "/recovery-costs/{id}/proof"}, auth.PermRead, (*API).costProof},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/statement"}, auth.PermRead, (*API).statementPDF},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/declaration"}, auth.PermRead, (*API).declarationPDF},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/court-file"}, auth.PermRead, (*API).courtFileZIP},
	{Route{http.MethodGet, Prefix + "/settings/legal"}, auth.PermRead, (*API).getLegalSettings},
	{Route{http.MethodPut, Prefix + "/settings/legal"}, auth.PermManageSettings, (*API).putLegalSettings},
	{Route{http.MethodGet, Prefix + "/exports/debtors"}, auth.PermRead, (*API).exportDebtors},
	{Route{http.MethodGet, Prefix + "/exports/invoices"}, auth.PermRead, (*API).exportInvoices},
	{Route{http.MethodGet, Prefix + "/rates"}, auth.PermRead, (*API).listRates},
	{Route{http.MethodGet, Prefix + "/legal/interest"}, auth.PermRead, (*API).computeInterest},
	{Route{http.MethodGet, Prefix + "/legal/holidays"}, auth.PermRead, (*API).listHolidays},
	{Route{http.MethodPost, Prefix + "/imports"}, auth.PermWriteLedger, (*API).createImport},
	{Route{http.MethodGet, Prefix + "/imports"}, auth.PermRead, (*API).listImports},
	{Route{http.MethodGet, Prefix + "/imports/{id}"}, auth.PermRead, (*API).getImport},
	{Route{http.MethodPost, Prefix + "/imports/{id}/undo"}, auth.PermWriteLedger, (*API).undoImport},
	{Route{http.MethodGet, Prefix + "/import-mappings"}, auth.PermRead, (*API).listImportMappings},
	{Route{http.MethodPut, Prefix + "/import-mappings/{name}"}, auth.PermWriteLedger, (*API).putImportMapping},
	{Route{http.MethodDelete, Prefix + "/import-mappings/{name}"}, auth.PermWriteLedger, (*API).deleteImportMapping},
	{Route{http.MethodGet, Prefix + "/invoices/{id}/document"}, auth.PermRead, (*API).invoiceDocument},
	{Route{http.MethodPost, Prefix + "/payments"}, auth.PermWriteLedger, (*API).createPayment},
	{Route{http.MethodGet, Prefix + "/payments/{id}"}, auth.PermRead, (*API).getPayment},
	{Route{http.MethodPost, Prefix + "/payments/{id}/reversal"}, auth.PermWriteLedger, (*API).reversePayment},
	{Route{http.MethodGet, Prefix + "/allocations"}, auth.PermRead, (*API).listAllocations},
	{Route{http.MethodPost, Prefix + "/allocations"}, auth.PermWriteLedger, (*API).createAllocation},
	{Route{http.MethodDelete, Prefix + "/allocations/{id}"}, auth.PermWriteLedger, (*API).deleteAllocation},
	{Route{http.MethodPost, Prefix + "/bank-statements"}, auth.PermWriteLedger, (*API).createBankStatement},
	{Route{http.MethodGet, Prefix + "/bank-statements"}, auth.PermRead, (*API).listBankStatements},
	{Route{http.MethodGet, Prefix + "/bank-statements/{id}"}, auth.PermRead, (*API).getBankStatement},
	{Route{http.MethodPost, Prefix + "/bank-statements/{id}/undo"}, auth.PermWriteLedger, (*API).undoBankStatement},
	{Route{http.MethodGet, Prefix + "/bank-lines"}, auth.PermRead, (*API).listBankLines},
	{Route{http.MethodGet, Prefix + "/bank-lines/{id}"}, auth.PermRead, (*API).getBankLine},
	{Route{http.MethodPost, Prefix + "/bank-lines/{id}/accept"}, auth.PermWriteLedger, (*API).acceptBankLine},
	{Route{http.MethodPost, Prefix + "/bank-lines/{id}/assign"}, auth.PermWriteLedger, (*API).assignBankLine},
	{Route{http.MethodPost, Prefix + "/bank-lines/{id}/ignore"}, auth.PermWriteLedger, (*API).ignoreBankLine},
	{Route{http.MethodPost, Prefix + "/bank-lines/{id}/reversal"}, auth.PermWriteLedger, (*API).reverseBankLine},
	{Route{http.MethodGet, Prefix + "/settings/bank"}, auth.PermRead, (*API).getBankSettings},
	{Route{http.MethodPut, Prefix + "/settings/bank"}, auth.PermManageSettings, (*API).putBankSettings},
	{Route{http.MethodGet, Prefix + "/bank-mappings"}, auth.PermRead, (*API).listBankMappings},
	{Route{http.MethodPut, Prefix + "/bank-mappings/{name}"}, auth.PermWriteLedger, (*API).putBankMapping},
	{Route{http.MethodDelete, Prefix + "/bank-mappings/{name}"}, auth.PermWriteLedger, (*API).deleteBankMapping},
	{Route{http.MethodGet, Prefix + "/dunning/settings"}, auth.PermRead, refusing((*API).getDunningSettings)},
	{Route{http.MethodPut, Prefix + "/dunning/settings"}, auth.PermManageSettings, refusing((*API).putDunningSettings)},
	{Route{http.MethodGet, Prefix + "/scenarios"}, auth.PermRead, refusing((*API).listScenarios)},
	{Route{http.MethodGet, Prefix + "/scenarios/{key}"}, auth.PermRead, refusing((*API).getScenario)},
	{Route{http.MethodPut, Prefix + "/scenarios/{key}"}, auth.PermManageSettings, refusing((*API).putScenario)},
	{Route{http.MethodDelete, Prefix + "/scenarios/{key}"}, auth.PermManageSettings, refusing((*API).deleteScenario)},
	{Route{http.MethodGet, Prefix + "/segments"}, auth.PermRead, refusing((*API).listSegments)},
	{Route{http.MethodPut, Prefix + "/segments"}, auth.PermManageSettings, refusing((*API).putSegments)},
	{Route{http.MethodGet, Prefix + "/templates"}, auth.PermRead, refusing((*API).listTemplates)},
	{Route{http.MethodPost, Prefix + "/templates/preview"}, auth.PermRead, refusing((*API).previewTemplate)},
	{Route{http.MethodGet, Prefix + "/templates/{key}/{channel}/{lang}"}, auth.PermRead, refusing((*API).getTemplate)},
	{Route{http.MethodPut, Prefix + "/templates/{key}/{channel}/{lang}"}, auth.PermManageSettings, refusing((*API).putTemplate)},
	{Route{http.MethodDelete, Prefix + "/templates/{key}/{channel}/{lang}"}, auth.PermManageSettings, refusing((*API).deleteTemplate)},
	{Route{http.MethodPost, Prefix + "/runs"}, auth.PermWriteLedger, refusing((*API).createRun)},
	{Route{http.MethodGet, Prefix + "/plan/today"}, auth.PermRead, refusing((*API).getTodayPlan)},
	{Route{http.MethodGet, Prefix + "/dunning/letters"}, auth.PermRead, refusing((*API).getLetters)},
	{Route{http.MethodGet, Prefix + "/actions"}, auth.PermRead, refusing((*API).listDunningActions)},
	{Route{http.MethodPost, Prefix + "/actions/decisions"}, auth.PermWriteLedger, refusing((*API).decideActions)},
	{Route{http.MethodGet, Prefix + "/actions/{id}"}, auth.PermRead, refusing((*API).getDunningAction)},
	{Route{http.MethodPost, Prefix + "/actions/{id}/call-outcome"}, auth.PermWriteLedger, refusing((*API).recordCallOutcome)},
	{Route{http.MethodGet, Prefix + "/calls"}, auth.PermRead, refusing((*API).listCalls)},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/disputes"}, auth.PermRead, refusing((*API).listDisputes)},
	{Route{http.MethodPost, Prefix + "/debtors/{id}/disputes"}, auth.PermWriteLedger, refusing((*API).openDispute)},
	{Route{http.MethodPost, Prefix + "/disputes/{id}/close"}, auth.PermWriteLedger, refusing((*API).closeDispute)},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/promises"}, auth.PermRead, refusing((*API).listPromises)},
	{Route{http.MethodPost, Prefix + "/debtors/{id}/promises"}, auth.PermWriteLedger, refusing((*API).recordPromise)},
	{Route{http.MethodPost, Prefix + "/promises/{id}/cancel"}, auth.PermWriteLedger, refusing((*API).cancelPromise)},
	{Route{http.MethodGet, Prefix + "/debtors/{id}/payment-plans"}, auth.PermRead, refusing((*API).listPaymentPlans)},
	{Route{http.MethodPost, Prefix + "/debtors/{id}/payment-plans"}, auth.PermWriteLedger, refusing((*API).recordPaymentPlan)},
	{Route{http.MethodPost, Prefix + "/payment-plans/{id}/cancel"}, auth.PermWriteLedger, refusing((*API).cancelPaymentPlan)},
	{Route{http.MethodPut, Prefix + "/debtors/{id}/pause"}, auth.PermWriteLedger, refusing((*API).putPause)},
	{Route{http.MethodPut, Prefix + "/debtors/{id}/risk-score"}, auth.PermWriteLedger, refusing((*API).putRiskScore)},
	{Route{http.MethodPost, Prefix + "/bounces"}, auth.PermWriteLedger, refusing((*API).recordBounce)},
	{Route{http.MethodGet, Prefix + "/openapi.json"}, 0, (*API).openAPIDocument},
}

// Routes lists the API's operations, in the order of the route table.
func Routes() []Route {
	out := make([]Route, len(routeTable))
	for i, rt := range routeTable {
		out[i] = rt.Route
	}
	return out
}

// routes builds the handler of the /api/v1 tree: the route table, and a
// fallback that answers unknown paths (404) and wrong methods (405) in JSON.
func (a *API) routes() http.Handler {
	mux := http.NewServeMux()
	known := http.NewServeMux() // the paths alone, to tell 405 from 404
	allow := map[string][]string{}
	for _, rt := range routeTable {
		mux.Handle(rt.Method+" "+rt.Path, a.endpoint(rt))
		if _, seen := allow[rt.Path]; !seen {
			known.Handle(rt.Path, http.NotFoundHandler())
		}
		allow[rt.Path] = append(allow[rt.Path], rt.Method)
		if rt.Method == http.MethodGet {
			allow[rt.Path] = append(allow[rt.Path], http.MethodHead)
		}
	}
	mux.HandleFunc(Prefix, a.fallback(known, allow))
	mux.HandleFunc(Prefix+"/", a.fallback(known, allow))
	return mux
}

// endpoint authenticates the request unless the route is public, checks
// the route's permission, and serves it, turning its error into a JSON
// error response.
func (a *API) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.perm != 0 {
			ctx, err := a.authenticate(r, rt.perm)
			if err != nil {
				a.fail(w, r, err)
				return
			}
			r = r.WithContext(ctx)
		}
		if err := rt.serve(a, w, r); err != nil {
			a.fail(w, r, err)
		}
	})
}

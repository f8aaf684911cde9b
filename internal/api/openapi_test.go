package api_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// loadDoc loads and validates the embedded OpenAPI document.
func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.json is invalid: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Fatalf("openapi %q, want 3.0.3", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != api.Prefix {
		t.Fatalf("servers %+v, want one at %s", doc.Servers, api.Prefix)
	}
	return doc
}

// docRoutes lists the document's operations as "METHOD /full/path".
func docRoutes(doc *openapi3.T) map[string]*openapi3.Operation {
	out := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out[method+" "+api.Prefix+path] = op
		}
	}
	return out
}

// The document describes every registered route, and nothing else.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	documented := docRoutes(doc)
	registered := map[string]bool{}
	for _, r := range api.Routes() {
		key := r.Method + " " + r.Path
		registered[key] = true
		if documented[key] == nil {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	for key := range documented {
		if !registered[key] {
			t.Errorf("openapi.json documents %s, which the API does not serve", key)
		}
	}
	if len(registered) != len(api.Routes()) {
		t.Errorf("the route table has duplicates")
	}
}

// What the document says of authentication and errors is what the API
// does: public operations answer without a token, the others 401 with
// the documented challenge; every operation documents its errors.
func TestOpenAPISecurityAndErrors(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	if s := doc.Components.SecuritySchemes["bearerAuth"]; s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
		t.Fatalf("bearerAuth scheme %+v", s)
	}
	b := setup(t)
	for key, op := range docRoutes(doc) {
		method, path, _ := strings.Cut(key, " ")
		public := op.Security != nil && len(*op.Security) == 0
		rec := b.request(method, strings.ReplaceAll(path, "{id}", "1"), "")
		if public != (rec.Code != http.StatusUnauthorized) {
			t.Errorf("%s: public %v, but without a token it answers %d", key, public, rec.Code)
		}
		if public {
			continue
		}
		want := []int{400, 401, 403, 500}
		if strings.Contains(path, "{id}") {
			want = append(want, 404)
		}
		for _, status := range want {
			if op.Responses.Status(status) == nil {
				t.Errorf("%s does not document status %d", key, status)
			}
		}
	}
}

// The served document is the embedded one.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rec := b.get(t, "/api/v1/openapi.json", "", http.StatusOK)
	if !bytes.Equal(rec.Body.Bytes(), api.OpenAPI()) {
		t.Error("served document differs from the embedded one")
	}
}

// Real responses of every route, successes and errors, conform to the
// document, which declares additionalProperties: false everywhere: a
// field the document does not know fails too.
func TestResponsesMatchOpenAPI(t *testing.T) {
	t.Parallel()
	registerDecoders()
	doc := loadDoc(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	b := setup(t)
	x := newDocuments(t, b)
	rich := &ledger.Debtor{
		CreditorID: x.f.Creditor.ID, Ref: "C009", Name: "Régie des Eaux", Kind: ledger.KindPublic, SIRET: "73282932000074",
		Tags: []string{"public"}, CreditLimit: money.EUR(100000),
		Contacts: []ledger.Contact{{Name: "Service facturier", Email: "factu@regie.test", Address: ledger.Address{City: "Lyon"}, PreferredChannel: ledger.ChannelLetter}},
	}
	must(t, b.st.CreateDebtor(x.f.Ctx, rich))
	failing := mount(failingStore{b.st}, &syncBuffer{})

	type scenario struct {
		target      string
		token       string
		mux         *http.ServeMux
		method      string // GET when empty
		body        string
		contentType string
	}
	var scenarios []scenario
	add := func(tok string, targets ...string) {
		for _, target := range targets {
			scenarios = append(scenarios, scenario{target: target, token: tok, mux: b.mux})
		}
	}
	add(x.tok,
		"/api/v1/debtors", "/api/v1/debtors?limit=1", "/api/v1/debtors?kind=public&only_due=false", "/api/v1/debtors?q=nobody",
		"/api/v1/debtors?limit=0", "/api/v1/debtors?bucket=never",
		fmt.Sprintf("/api/v1/debtors/%d", x.d1.ID), fmt.Sprintf("/api/v1/debtors/%d", x.d2.ID), fmt.Sprintf("/api/v1/debtors/%d", rich.ID),
		"/api/v1/debtors/999999", "/api/v1/debtors/abc",
		"/api/v1/invoices", "/api/v1/invoices?limit=2", "/api/v1/invoices?status=credit", "/api/v1/invoices?status=lost",
		"/api/v1/invoices/999999", "/api/v1/invoices/x",
		"/api/v1/payments", fmt.Sprintf("/api/v1/payments?debtor_id=%d&limit=1", x.d1.ID), "/api/v1/payments?cursor=bad",
		"/api/v1/openapi.json",
		"/api/v1/rates",
		"/api/v1/legal/interest?kind=b2b&principal=10000.00&due=2025-03-31&until=2025-09-30",
		"/api/v1/legal/interest?kind=b2c&principal=1200&due=2025-01-31&until=2025-08-09",
		"/api/v1/legal/interest?kind=b2b&principal=10000&due=2025-03-31&until=2025-06-30&payment=2025-05-15%3D4000&contract_rate=5&year365=true",
		"/api/v1/legal/interest?kind=b2c&principal=1000&due=2026-10-01&notice=2026-11-01&until=2027-02-01",
		"/api/v1/legal/interest?kind=b2b&principal=abc&due=2025-03-31",
		"/api/v1/exports/debtors", "/api/v1/exports/invoices?format=json", "/api/v1/exports/debtors?format=csv", "/api/v1/exports/invoices?format=xml",
		"/api/v1/legal/holidays?year=2026", "/api/v1/legal/holidays?postal_code=67000", "/api/v1/legal/holidays?region=atlantis",
	)
	for _, id := range x.ids {
		add(x.tok, fmt.Sprintf("/api/v1/invoices/%d", id))
	}
	add(x.tok, fmt.Sprintf("/api/v1/debtors/%d/legal", x.d1.ID), fmt.Sprintf("/api/v1/debtors/%d/legal", rich.ID), "/api/v1/debtors/999999/legal",
		"/api/v1/settings/legal")
	write := func(method, target, body string) {
		scenarios = append(scenarios, scenario{target: target, token: x.tok, mux: b.mux, method: method, body: body})
	}
	write(http.MethodPut, "/api/v1/settings/legal", `{"year365":true,"principal_first":false,"contract_rate":"12.50","creditor_is_consumer":false,"notice_days":15,"place":"Lyon","signatory":"C. Martin","signatory_role":"Gérante"}`)
	write(http.MethodPut, "/api/v1/settings/legal", `{"notice_days":0}`)
	write(http.MethodPut, "/api/v1/settings/legal", `{"surprise":1}`)
	write(http.MethodPost, fmt.Sprintf("/api/v1/invoices/%d/recovery-costs", x.ids["F3"]),
		`{"amount":"150.00","incurred_on":"2025-06-01","description":"Commissaire de justice","proof_name":"cj.pdf","proof":"JVBERi0xLjQ="}`)
	write(http.MethodPost, fmt.Sprintf("/api/v1/invoices/%d/recovery-costs", x.ids["F3"]), `{"amount":"150.00","incurred_on":"2025-06-01","description":"x","proof_name":"cj.pdf"}`)
	add(x.tok, "/api/v1/recovery-costs/1/proof", "/api/v1/recovery-costs/99/proof")
	write(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/formal-notices", x.d1.ID), "")
	add(x.tok, fmt.Sprintf("/api/v1/debtors/%d/court-file?procedure=petites_creances", x.d1.ID))
	write(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/insolvency", x.d1.ID), `{"kind":"redressement","judgment_date":"2025-05-20","court":"TC Lyon","mandataire":"Me Durand","publication_date":"2025-06-01"}`)
	write(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/insolvency", x.d2.ID), `{"kind":"faillite","judgment_date":"2025-05-20"}`)
	write(http.MethodPost, "/api/v1/debtors/999999/insolvency", `{"kind":"liquidation","judgment_date":"2025-05-20"}`)
	add(x.tok, fmt.Sprintf("/api/v1/debtors/%d/legal", x.d1.ID))                          // after the record: stopped
	write(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/formal-notices", x.d2.ID), "") // nothing to claim: 409
	write(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/formal-notices", x.d1.ID), "") // in proceedings: 409
	add(x.tok, "/api/v1/formal-notices/1/pdf", "/api/v1/formal-notices/999/pdf",
		fmt.Sprintf("/api/v1/debtors/%d/statement?date=2025-06-01", x.d2.ID), fmt.Sprintf("/api/v1/debtors/%d/statement?date=junk", x.d2.ID),
		fmt.Sprintf("/api/v1/debtors/%d/declaration", x.d1.ID), fmt.Sprintf("/api/v1/debtors/%d/declaration", x.d2.ID),
		fmt.Sprintf("/api/v1/debtors/%d/court-file", x.d2.ID), fmt.Sprintf("/api/v1/debtors/%d/court-file?procedure=duel", x.d2.ID))
	// Imports, in an organization of their own: a Factur-X invoice is
	// imported first, for its document and its undo.
	y := storetest.NewFixture(t, b.st, "Imports")
	ytok := b.token(t, y)
	fx, err := importer.Run(y.Ctx, b.st, bytes.NewReader(facturX("FX-9", "Régie des Eaux", "732829320", "99.00")),
		importer.Options{FileName: "fx.pdf", Today: today})
	must(t, err)
	fxDoc := stored(t, b, y)["FX-9"].ID
	ywrite := func(method, target, contentType, body string) {
		scenarios = append(scenarios, scenario{target: target, token: ytok, mux: b.mux, method: method, body: body, contentType: contentType})
	}
	ywrite(http.MethodPost, "/api/v1/imports?file_name=a.csv", "text/csv", balance1)
	ywrite(http.MethodPost, "/api/v1/imports?dry_run=true&snapshot=true", "text/csv", balance2)
	ywrite(http.MethodPost, "/api/v1/imports?lang=fr", "text/csv", badBalance)
	ywrite(http.MethodPost, "/api/v1/imports?format=pdf", "text/csv", balance1)
	ywrite(http.MethodPost, "/api/v1/imports", "application/json", "{}")
	add(ytok, "/api/v1/imports", "/api/v1/imports?limit=1", "/api/v1/imports?cursor=bad", fmt.Sprintf("/api/v1/imports/%d", fx.BatchID),
		"/api/v1/imports/999999", fmt.Sprintf("/api/v1/invoices/%d/document", fxDoc), "/api/v1/invoices/999999/document", "/api/v1/import-mappings")
	ywrite(http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", fx.BatchID), "", "")
	ywrite(http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/undo", fx.BatchID), "", "") // undone already: 409
	ywrite(http.MethodPost, "/api/v1/imports/999999/undo", "", "")
	mapping := `{"columns":{"number":"N° facture","debtor_name":"Client","debtor_ref":"Code client","amount":"Montant TTC","open":"Reste dû"},"currency":"EUR"}`
	ywrite(http.MethodPut, "/api/v1/import-mappings/sage", "application/json", mapping)
	ywrite(http.MethodPut, "/api/v1/import-mappings/sage", "application/json", mapping)
	ywrite(http.MethodPut, "/api/v1/import-mappings/sage", "application/json", `{"columns":{}}`)
	add(ytok, "/api/v1/import-mappings")
	ywrite(http.MethodDelete, "/api/v1/import-mappings/sage", "", "")
	ywrite(http.MethodDelete, "/api/v1/import-mappings/sage", "", "")
	// Payments, lettrage and bank statements, in an organization of
	// their own (bank_test.go).
	for _, rq := range bankRequests(t, b) {
		scenarios = append(scenarios, scenario{target: rq.target, token: rq.token, mux: b.mux, method: rq.method, body: rq.body, contentType: rq.contentType})
	}
	// The dunning engine, in an organization of its own (dunning_openapi_test.go).
	for _, rq := range dunningRequests(t, b) {
		scenarios = append(scenarios, scenario{target: rq.target, token: rq.token, mux: b.mux, method: rq.method, body: rq.body, contentType: rq.contentType})
	}
	add("", "/api/v1/imports")
	scenarios = append(scenarios, scenario{target: "/api/v1/imports", mux: b.mux, method: http.MethodPost, contentType: "text/csv", body: balance1})
	add("", "/api/v1/debtors", "/api/v1/debtors/1", "/api/v1/invoices", "/api/v1/invoices/1", "/api/v1/payments", "/api/v1/openapi.json",
		"/api/v1/rates", "/api/v1/legal/interest")
	add("rcv_unknown", "/api/v1/payments")
	scenarios = append(scenarios, scenario{target: "/api/v1/debtors", token: x.tok, mux: failing})

	covered := map[string]bool{}
	for _, sc := range scenarios {
		method := sc.method
		if method == "" {
			method = http.MethodGet
		}
		req := httptest.NewRequest(method, sc.target, strings.NewReader(sc.body))
		if sc.token != "" {
			req.Header.Set("Authorization", "Bearer "+sc.token)
		}
		if sc.contentType != "" {
			req.Header.Set("Content-Type", sc.contentType)
		}
		rec := httptest.NewRecorder()
		sc.mux.ServeHTTP(rec, req)
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s: no route in the document: %v", sc.target, err)
			continue
		}
		validateResponse(t, req, rec, route, params)
		covered[fmt.Sprintf("%s %s%s %d", req.Method, api.Prefix, route.Path, rec.Code)] = true
	}
	for _, r := range api.Routes() {
		ok := http.StatusOK
		switch {
		case r.Method == http.MethodPost && (strings.HasSuffix(r.Path, "/formal-notices") || strings.HasSuffix(r.Path, "/recovery-costs") ||
			strings.HasSuffix(r.Path, "/imports") || strings.HasSuffix(r.Path, "/payments") || strings.HasSuffix(r.Path, "/allocations") ||
			strings.HasSuffix(r.Path, "/bank-statements") || strings.HasSuffix(r.Path, "/disputes") || strings.HasSuffix(r.Path, "/promises") ||
			strings.HasSuffix(r.Path, "/payment-plans")):
			ok = http.StatusCreated
		case r.Method == http.MethodDelete:
			ok = http.StatusNoContent
		}
		if key := fmt.Sprintf("%s %s %d", r.Method, r.Path, ok); !covered[key] {
			t.Errorf("no scenario validates %s", key)
		}
	}
	for _, key := range []string{"GET /api/v1/debtors 400", "GET /api/v1/debtors 401", "GET /api/v1/debtors 500", "GET /api/v1/debtors/{id} 404", "GET /api/v1/invoices/{id} 400", "GET /api/v1/legal/interest 400",
		"POST /api/v1/imports 200", "POST /api/v1/imports 400", "POST /api/v1/imports 401", "POST /api/v1/imports 415", "POST /api/v1/imports 422",
		"GET /api/v1/imports 400", "GET /api/v1/imports/{id} 404", "POST /api/v1/imports/{id}/undo 404", "POST /api/v1/imports/{id}/undo 409",
		"PUT /api/v1/import-mappings/{name} 201", "PUT /api/v1/import-mappings/{name} 400", "DELETE /api/v1/import-mappings/{name} 404",
		"GET /api/v1/invoices/{id}/document 404",
		"PUT /api/v1/scenarios/{key} 201", "PUT /api/v1/scenarios/{key} 422", "PUT /api/v1/templates/{key}/{channel}/{lang} 201",
		"PUT /api/v1/templates/{key}/{channel}/{lang} 422", "POST /api/v1/runs 422", "POST /api/v1/bounces 404", "POST /api/v1/bounces 422",
		"POST /api/v1/bounces 415", "DELETE /api/v1/scenarios/{key} 409", "GET /api/v1/dunning/letters 404"} {
		if !covered[key] {
			t.Errorf("no scenario validates %s", key)
		}
	}
	var keys []string
	for k := range covered {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	t.Logf("validated: %s", strings.Join(keys, "; "))
}

// registerDecoders teaches the validator the file bodies of the API,
// once: the registry is global, and tests validating in parallel read it.
var registerDecoders = sync.OnceFunc(func() {
	for _, ct := range []string{"application/pdf", "application/zip", "application/octet-stream", "text/csv"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
})

func validateResponse(t *testing.T, req *http.Request, rec *httptest.ResponseRecorder, route *routers.Route, params map[string]string) {
	t.Helper()
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(t.Context(), in); err != nil {
		t.Errorf("%s %s (%d): response does not match openapi.json: %v\nbody: %s", req.Method, req.URL, rec.Code, err, rec.Body)
	}
}

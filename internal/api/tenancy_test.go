package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// tenant is an organization with a token and one document of each kind.
type tenant struct {
	f       storetest.Fixture
	tok     string
	debtor  *ledger.Debtor
	invoice *ledger.Invoice
	payment *ledger.Payment
}

func newTenant(t *testing.T, b *bundle, name string) tenant {
	t.Helper()
	f := storetest.NewFixture(t, b.st, name)
	x := tenant{f: f, tok: b.token(t, f)}
	x.debtor = f.Debtor(t, b.st, "C001", "Client de "+name) // the same ref in both organizations
	x.invoice = f.Invoice(t, b.st, x.debtor.ID, "F1", "2025-05-01", "2025-06-01", 1000)
	x.payment = f.Payment(t, b.st, x.debtor.ID, "2025-06-01", 400, "VIR")
	return x
}

// TestTenantIsolation is the matrix: with A's token, every route that
// takes an id answers B's ids exactly as ids that do not exist, list
// filters naming B's debtor match nothing (an empty list, like an unknown
// debtor), and no list ever shows B's rows.
func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "A")
	o := newTenant(t, b, "B")
	const missing = 987654321

	for _, tt := range []struct {
		route string
		own   int64 // A's id, served to A
		other int64 // B's id
	}{
		{"/api/v1/debtors/%d", a.debtor.ID, o.debtor.ID},
		{"/api/v1/invoices/%d", a.invoice.ID, o.invoice.ID},
	} {
		t.Run(tt.route, func(t *testing.T) {
			b.get(t, fmt.Sprintf(tt.route, tt.own), a.tok, http.StatusOK)
			b.get(t, fmt.Sprintf(tt.route, tt.other), o.tok, http.StatusOK) // B's id exists, for B
			foreign := b.request(http.MethodGet, fmt.Sprintf(tt.route, tt.other), a.tok)
			absent := b.request(http.MethodGet, fmt.Sprintf(tt.route, missing), a.tok)
			wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
			wantError(t, absent, http.StatusNotFound, ledger.ENotFound)
			if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
				t.Errorf("another tenant's id answers %s, a missing id %s", foreign.Body, absent.Body)
			}
			if fmt.Sprint(foreign.Header()) != fmt.Sprint(absent.Header()) {
				t.Errorf("headers differ: %v and %v", foreign.Header(), absent.Header())
			}
		})
	}

	// The legal routes that take an id: documents, letters, proofs.
	notices := map[string]int64{}
	costs := map[string]int64{}
	for name, x := range map[string]tenant{"A": a, "B": o} {
		n, err := legal.IssueNotice(x.f.Ctx, b.st, x.debtor.ID, today, "fr")
		must(t, err)
		notices[name] = n.ID
		c := &ledger.RecoveryCost{InvoiceID: x.invoice.ID, Amount: eur(120_00), IncurredOn: today, Description: "CJ", ProofName: "p.pdf", Proof: []byte("%PDF")}
		must(t, b.st.AddRecoveryCost(x.f.Ctx, c))
		costs[name] = c.ID
	}
	for _, tt := range []struct {
		route      string
		own, other int64
		ownStatus  int
	}{
		{"/api/v1/debtors/%d/legal", a.debtor.ID, o.debtor.ID, http.StatusOK},
		{"/api/v1/debtors/%d/case", a.debtor.ID, o.debtor.ID, http.StatusOK},
		{"/api/v1/debtors/%d/statement", a.debtor.ID, o.debtor.ID, http.StatusOK},
		{"/api/v1/debtors/%d/court-file", a.debtor.ID, o.debtor.ID, http.StatusOK},
		{"/api/v1/debtors/%d/declaration", a.debtor.ID, o.debtor.ID, http.StatusConflict}, // not in proceedings
		{"/api/v1/formal-notices/%d/pdf", notices["A"], notices["B"], http.StatusOK},
		{"/api/v1/recovery-costs/%d/proof", costs["A"], costs["B"], http.StatusOK},
	} {
		t.Run(tt.route, func(t *testing.T) {
			if rec := b.request(http.MethodGet, fmt.Sprintf(tt.route, tt.own), a.tok); rec.Code != tt.ownStatus {
				t.Fatalf("A's own id: %d %s", rec.Code, rec.Body)
			}
			foreign := b.request(http.MethodGet, fmt.Sprintf(tt.route, tt.other), a.tok)
			absent := b.request(http.MethodGet, fmt.Sprintf(tt.route, missing), a.tok)
			wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
			if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
				t.Errorf("another tenant's id answers %s, a missing id %s", foreign.Body, absent.Body)
			}
		})
	}
	for _, tt := range []struct{ route, body string }{
		{fmt.Sprintf("/api/v1/debtors/%d/formal-notices", o.debtor.ID), ""},
		{fmt.Sprintf("/api/v1/debtors/%d/insolvency", o.debtor.ID), `{"kind":"liquidation","judgment_date":"2025-06-01"}`},
		{fmt.Sprintf("/api/v1/invoices/%d/recovery-costs", o.invoice.ID), `{"amount":"1.00","incurred_on":"2025-06-01","description":"x","proof_name":"p","proof":"cA=="}`},
	} {
		req := httptest.NewRequest(http.MethodPost, tt.route, strings.NewReader(tt.body))
		req.Header.Set("Authorization", "Bearer "+a.tok)
		rec := httptest.NewRecorder()
		b.mux.ServeHTTP(rec, req)
		wantError(t, rec, http.StatusNotFound, ledger.ENotFound)
	}
	// The owner of a case: B's debtor (with its open case) answers A as a
	// missing debtor, B's case keeps its owner, and B's user is no member
	// to own A's case.
	t.Run("PUT /api/v1/debtors/{id}/case/owner", func(t *testing.T) {
		for _, x := range []tenant{a, o} {
			_, err := b.st.OpenCase(x.f.Ctx, x.debtor.ID)
			must(t, err)
		}
		put := func(debtorID, ownerID int64) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPut, fmt.Sprintf("/api/v1/debtors/%d/case/owner", debtorID), strings.NewReader(fmt.Sprintf(`{"owner_id":%d}`, ownerID)))
			req.Header.Set("Authorization", "Bearer "+a.tok)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			b.mux.ServeHTTP(rec, req)
			return rec
		}
		foreign, absent := put(o.debtor.ID, a.f.User.ID), put(missing, a.f.User.ID)
		wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
		if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
			t.Errorf("another tenant's debtor answers %s, a missing one %s", foreign.Body, absent.Body)
		}
		if cs, _ := b.st.Cases(o.f.Ctx, o.debtor.ID); len(cs) != 1 || cs[0].OwnerID != 0 {
			t.Errorf("A gave B's case an owner: %+v", cs)
		}
		if rec := put(a.debtor.ID, o.f.User.ID); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"field":"owner_id"`) {
			t.Errorf("B's user as the owner of A's case: %d %s", rec.Code, rec.Body)
		}
		if rec := put(a.debtor.ID, a.f.User.ID); rec.Code != http.StatusOK {
			t.Errorf("A's own: %d %s", rec.Code, rec.Body)
		}
	})
	if n, _ := b.st.FormalNotices(o.f.Ctx, o.debtor.ID); len(n) != 1 {
		t.Errorf("A issued a notice to B's debtor: %d notices", len(n))
	}
	if c, _ := b.st.RecoveryCosts(o.f.Ctx, o.debtor.ID); len(c) != 1 {
		t.Errorf("A recorded a cost on B's invoice: %d costs", len(c))
	}

	for _, route := range []string{"/api/v1/invoices?debtor_id=%d", "/api/v1/payments?debtor_id=%d"} {
		t.Run(route, func(t *testing.T) {
			foreign := b.get(t, fmt.Sprintf(route, o.debtor.ID), a.tok, http.StatusOK)
			absent := b.get(t, fmt.Sprintf(route, missing), a.tok, http.StatusOK)
			if foreign.Body.String() != "{\"data\":[],\"next_cursor\":null}\n" || !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
				t.Errorf("B's debtor gives %s, a missing debtor %s", foreign.Body, absent.Body)
			}
			own := decode[listBody[map[string]any]](t, b.get(t, fmt.Sprintf(route, a.debtor.ID), a.tok, http.StatusOK))
			if len(own.Data) != 1 {
				t.Errorf("A's own debtor: %d rows", len(own.Data))
			}
		})
	}

	// Lists: each token sees its own rows, all of them, and only them.
	for _, pair := range []struct{ me, them tenant }{{a, o}, {o, a}} {
		me, them := pair.me, pair.them
		t.Run("lists of "+me.f.Org.Name, func(t *testing.T) {
			debtors, _ := walk(t, b, "/api/v1/debtors?limit=1", me.tok, 1, debtorID)
			invoices, _ := walk(t, b, "/api/v1/invoices?limit=1", me.tok, 1, invoiceID)
			payments, _ := walk(t, b, "/api/v1/payments?limit=1", me.tok, 1, paymentID)
			for _, c := range []struct {
				what      string
				got       []int64
				mine, not int64
			}{
				{"debtors", ids(debtors, debtorID), me.debtor.ID, them.debtor.ID},
				{"invoices", ids(invoices, invoiceID), me.invoice.ID, them.invoice.ID},
				{"payments", ids(payments, paymentID), me.payment.ID, them.payment.ID},
			} {
				if len(c.got) != 1 || c.got[0] != c.mine {
					t.Errorf("%s: %v, want only %d (the other tenant's is %d)", c.what, c.got, c.mine, c.not)
				}
			}
			for _, d := range debtors {
				if d.CreditorID != me.f.Creditor.ID {
					t.Errorf("debtor %d of creditor %d", d.ID, d.CreditorID)
				}
			}
			// A search for the other tenant's debtor by name finds nothing.
			page := decode[listBody[debtorJSON]](t, b.get(t, "/api/v1/debtors?q=de+"+them.f.Org.Name, me.tok, http.StatusOK))
			if len(page.Data) != 0 {
				t.Errorf("search for the other tenant's debtor: %+v", page.Data)
			}
		})
	}

	// A cursor carries nothing of a tenant: B's cursor on A's token pages
	// A's rows after that id.
	after := decode[listBody[debtorJSON]](t, b.get(t, "/api/v1/debtors?cursor="+cursorOf("debtors", a.debtor.ID), o.tok, http.StatusOK))
	for _, d := range after.Data {
		if d.ID == a.debtor.ID {
			t.Errorf("A's debtor listed to B")
		}
	}

	// Imports, last, for they add documents to the lists above: each
	// tenant imports a Factur-X invoice, kept with its PDF, and saves a
	// mapping.
	batches := map[string]int64{}
	documents := map[string]int64{}
	for name, x := range map[string]tenant{"A": a, "B": o} {
		rep, err := importer.Run(x.f.Ctx, b.st, bytes.NewReader(facturX("FX-"+name, "Client de "+name, "552100554", "10.00")),
			importer.Options{FileName: "fx.pdf", Today: today})
		must(t, err)
		batches[name] = rep.BatchID
		documents[name] = stored(t, b, x.f)["FX-"+name].ID
		must(t, b.st.SaveImportMapping(x.f.Ctx, store.ImportMapping{Name: "mapping-" + name, Mapping: []byte(`{"columns":{"number":"N"}}`)}))
	}
	for _, tt := range []struct {
		method, route string
		own, other    any
		ownStatus     int
	}{
		{http.MethodGet, "/api/v1/imports/%v", batches["A"], batches["B"], http.StatusOK},
		{http.MethodGet, "/api/v1/invoices/%v/document", documents["A"], documents["B"], http.StatusOK},
		{http.MethodPost, "/api/v1/imports/%v/undo", batches["A"], batches["B"], http.StatusOK},
		{http.MethodDelete, "/api/v1/import-mappings/%v", "mapping-A", "mapping-B", http.StatusNoContent},
	} {
		t.Run(tt.method+" "+tt.route, func(t *testing.T) {
			// The other tenant's first, so that the own one's write
			// cannot make a missing id of it.
			foreign := b.request(tt.method, fmt.Sprintf(tt.route, tt.other), a.tok)
			absent := b.request(tt.method, fmt.Sprintf(tt.route, missing), a.tok)
			wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
			if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
				t.Errorf("another tenant's answers %s, a missing one %s", foreign.Body, absent.Body)
			}
			if rec := b.request(tt.method, fmt.Sprintf(tt.route, tt.own), a.tok); rec.Code != tt.ownStatus {
				t.Fatalf("A's own: %d %s", rec.Code, rec.Body)
			}
		})
	}
	if d, err := b.st.GetImportBatch(o.f.Ctx, batches["B"]); err != nil || d.Status != "applied" {
		t.Errorf("A undid B's import: %+v (%v)", d, err)
	}
	if ms, _ := b.st.ImportMappings(o.f.Ctx); len(ms) != 1 || ms[0].Name != "mapping-B" {
		t.Errorf("A deleted B's mapping: %+v", ms)
	}
	if f, err := b.st.InvoiceFile(o.f.Ctx, documents["B"]); err != nil || len(f.Data) == 0 {
		t.Errorf("B's document: %v", err)
	}

	testBankTenancy(t, b, a, o)
	testDunningTenancy(t, b, a, o)
}

// testBankTenancy is the matrix of the payments, lettrage and bank
// routes: each tenant letters its payment and imports a statement whose
// lines wait for review; A's token finds none of B's.
func testBankTenancy(t *testing.T, b *bundle, a, o tenant) {
	const missing = 987654321
	type bankIDs struct{ imp, alloc, payment, unknown, refund, ret int64 }
	ids := map[string]bankIDs{}
	for name, x := range map[string]tenant{"A": a, "B": o} {
		al := &ledger.Allocation{InvoiceID: x.invoice.ID, PaymentID: x.payment.ID, Amount: eur(100)}
		must(t, b.st.Allocate(x.f.Ctx, al))
		extra := x.f.Payment(t, b.st, x.debtor.ID, "2025-06-02", 55_00, "PRLV")
		rep, err := banking.New(b.st, func() time.Time { return now }).Import(x.f.Ctx, []byte(camt053(juneEntries[3:6])),
			banking.ImportOptions{FileName: "releve-" + name + ".xml"})
		must(t, err)
		lines, err := b.st.BankLines(x.f.Ctx, store.BankLineQuery{Status: store.LineReview, Limit: -1})
		must(t, err)
		if len(lines) != 3 {
			t.Fatalf("%s: %d lines to review", name, len(lines))
		}
		ids[name] = bankIDs{imp: rep.ImportID, alloc: al.ID, payment: extra.ID, unknown: lines[0].ID, refund: lines[1].ID, ret: lines[2].ID}
		must(t, b.st.SaveBankMapping(x.f.Ctx, store.ImportMapping{Name: "banque-" + name, Mapping: []byte(`{"columns":{"booking_date":"Date","amount":"Montant"}}`)}))
	}
	A, B := ids["A"], ids["B"]
	for _, tt := range []struct {
		method, route string
		own, other    any
		body          string
		ownStatus     int
	}{
		{http.MethodGet, "/api/v1/payments/%v", A.payment, B.payment, "", http.StatusOK},
		{http.MethodGet, "/api/v1/bank-statements/%v", A.imp, B.imp, "", http.StatusOK},
		{http.MethodGet, "/api/v1/bank-lines/%v", A.unknown, B.unknown, "", http.StatusOK},
		{http.MethodPost, "/api/v1/bank-lines/%v/accept", A.unknown, B.unknown, `{"proposal":0}`, http.StatusBadRequest}, // no proposal
		{http.MethodPost, "/api/v1/bank-lines/%v/assign", A.unknown, B.unknown, fmt.Sprintf(`{"debtor_id":%d,"allocations":[]}`, a.debtor.ID), http.StatusOK},
		{http.MethodPost, "/api/v1/bank-lines/%v/ignore", A.refund, B.refund, `{"note":"x"}`, http.StatusOK},
		{http.MethodPost, "/api/v1/bank-lines/%v/reversal", A.ret, B.ret, fmt.Sprintf(`{"payment_id":%d}`, A.payment), http.StatusOK},
		{http.MethodPost, "/api/v1/payments/%v/reversal", a.payment.ID, o.payment.ID, `{"reason":"x"}`, http.StatusOK},
		{http.MethodDelete, "/api/v1/allocations/%v", A.alloc, B.alloc, "", http.StatusNotFound}, // removed by the reversal above
		{http.MethodDelete, "/api/v1/bank-mappings/%v", "banque-A", "banque-B", "", http.StatusNoContent},
	} {
		t.Run(tt.method+" "+tt.route, func(t *testing.T) {
			send := func(id any) *httptest.ResponseRecorder {
				req := httptest.NewRequest(tt.method, fmt.Sprintf(tt.route, id), strings.NewReader(tt.body))
				req.Header.Set("Authorization", "Bearer "+a.tok)
				rec := httptest.NewRecorder()
				b.mux.ServeHTTP(rec, req)
				return rec
			}
			foreign, absent := send(tt.other), send(missing)
			wantError(t, foreign, http.StatusNotFound, ledger.ENotFound)
			if !bytes.Equal(foreign.Body.Bytes(), absent.Body.Bytes()) {
				t.Errorf("another tenant's answers %s, a missing one %s", foreign.Body, absent.Body)
			}
			if rec := send(tt.own); rec.Code != tt.ownStatus {
				t.Fatalf("A's own: %d %s", rec.Code, rec.Body)
			}
		})
	}
	// Bodies naming B's documents.
	for _, tt := range []struct{ route, body string }{
		{"/api/v1/payments", fmt.Sprintf(`{"debtor_id":%d,"amount":"1.00","received_on":"2025-06-01"}`, o.debtor.ID)},
		{"/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"1.00"}`, o.invoice.ID, B.payment)},
		{"/api/v1/allocations", fmt.Sprintf(`{"invoice_id":%d,"payment_id":%d,"amount":"1.00"}`, a.invoice.ID, B.payment)},
	} {
		req := httptest.NewRequest(http.MethodPost, tt.route, strings.NewReader(tt.body))
		req.Header.Set("Authorization", "Bearer "+a.tok)
		rec := httptest.NewRecorder()
		b.mux.ServeHTTP(rec, req)
		wantError(t, rec, http.StatusNotFound, ledger.ENotFound)
	}
	for _, route := range []string{
		fmt.Sprintf("/api/v1/allocations?debtor_id=%d", o.debtor.ID), fmt.Sprintf("/api/v1/allocations?invoice_id=%d", o.invoice.ID),
		fmt.Sprintf("/api/v1/allocations?payment_id=%d", o.payment.ID), fmt.Sprintf("/api/v1/bank-lines?import_id=%d", B.imp),
	} {
		if rec := b.get(t, route, a.tok, http.StatusOK); rec.Body.String() != "{\"data\":[],\"next_cursor\":null}\n" {
			t.Errorf("%s: %s", route, rec.Body)
		}
	}
	// Lists show A's own rows only.
	imps, _ := walk(t, b, "/api/v1/bank-statements?limit=1", a.tok, 1, func(m map[string]any) int64 { return int64(m["id"].(float64)) })
	lines, _ := walk(t, b, "/api/v1/bank-lines?limit=1", a.tok, 1, func(m map[string]any) int64 { return int64(m["id"].(float64)) })
	maps := decode[listBody[map[string]any]](t, b.get(t, "/api/v1/bank-mappings", o.tok, http.StatusOK))
	if len(imps) != 1 || int64(imps[0]["id"].(float64)) != A.imp || len(lines) != 3 || len(maps.Data) != 1 {
		t.Errorf("A's lists: %d imports, %d lines; B's mappings %+v", len(imps), len(lines), maps.Data)
	}
	// B's rows are as they were.
	if p, err := b.st.GetPayment(o.f.Ctx, o.payment.ID); err != nil || p.Reversed() || p.Allocated.Minor != 100 {
		t.Errorf("B's payment %+v (%v)", p, err)
	}
	if ls, _ := b.st.BankLines(o.f.Ctx, store.BankLineQuery{Status: store.LineReview, Limit: -1}); len(ls) != 3 {
		t.Errorf("B's review queue: %d lines", len(ls))
	}
}

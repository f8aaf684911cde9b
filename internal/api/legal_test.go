package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

type interestJSON struct {
	Kind          string              `json:"kind"`
	Currency      string              `json:"currency"`
	Principal     string              `json:"principal"`
	Interest      string              `json:"interest"`
	Indemnity     string              `json:"indemnity"`
	Total         string              `json:"total"`
	Accrued       string              `json:"accrued"`
	InterestPaid  string              `json:"interest_paid"`
	PrincipalPaid string              `json:"principal_paid"`
	Start         *string             `json:"start"`
	Periods       []map[string]any    `json:"periods"`
	Basis         []string            `json:"basis"`
	Warnings      []map[string]string `json:"warnings"`
}

func TestComputeInterest(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Alpha")
	tok := b.token(t, f)
	rec := b.get(t, "/api/v1/legal/interest?kind=b2b&principal=10000.00&due=2025-03-31&until=2025-09-30", tok, http.StatusOK)
	s := decode[interestJSON](t, rec)
	if s.Principal != "10000.00" || s.Interest != "634.10" || s.Indemnity != "40.00" || s.Total != "10674.10" || len(s.Periods) != 2 ||
		s.Periods[0]["rate"] != "13.15" || s.Periods[1]["interest"] != "306.25" {
		t.Errorf("statement %+v", s)
	}
	// The same claim with a payment, read in French amounts.
	rec = b.get(t, "/api/v1/legal/interest?kind=b2b&principal=10+000,00&due=2025-03-31&until=2025-06-30&payment=2025-05-15%3D4+000,00", tok, http.StatusOK)
	s = decode[interestJSON](t, rec)
	if s.Principal != "6162.12" || s.Interest != "102.12" || s.InterestPaid != "162.12" {
		t.Errorf("with a payment: %+v", s)
	}
	// A semester without a legal rate is refused, not guessed.
	rec = b.request(http.MethodGet, "/api/v1/legal/interest?kind=b2c&principal=1000&due=2026-10-01&notice=2026-11-01&until=2027-02-01", tok)
	wantError(t, rec, http.StatusBadRequest, ledger.EInvalid, "rates:", "2027-S1")
	rec = b.request(http.MethodGet, "/api/v1/legal/interest?kind=b2b&principal=1&due=2025-13-01", tok)
	wantError(t, rec, http.StatusBadRequest, ledger.EInvalid, "due:")
}

func TestListRates(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Alpha")
	rec := b.get(t, "/api/v1/rates", b.token(t, f), http.StatusOK)
	tbl := decode[struct {
		ECB     []map[string]any `json:"ecb"`
		Legal   []map[string]any `json:"legal"`
		Missing []string         `json:"missing"`
	}](t, rec)
	if len(tbl.ECB) < 30 || len(tbl.Legal) != 24 || len(tbl.Missing) != 0 { // the tests' today is 15 June 2025
		t.Errorf("%d ECB, %d legal, missing %v", len(tbl.ECB), len(tbl.Legal), tbl.Missing)
	}
}

func TestDebtorLegalAndSettings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "A")
	o := newTenant(t, b, "B")
	// A's invoice F1: 10.00 due 1 June 2025 (the payment of 4.00 is not
	// allocated to it), 14 days late on 15 June at 13.15 %.
	rec := b.get(t, fmt.Sprintf("/api/v1/debtors/%d/legal", a.debtor.ID), a.tok, http.StatusOK)
	var pos struct {
		Stopped  bool   `json:"stopped"`
		Total    string `json:"total"`
		Invoices []struct {
			Number     string `json:"number"`
			Limitation struct {
				Expires string `json:"expires"`
			} `json:"limitation"`
			Statement *struct {
				Interest  string `json:"interest"`
				Indemnity string `json:"indemnity"`
			} `json:"statement"`
		} `json:"invoices"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &pos); err != nil {
		t.Fatal(err)
	}
	// 1,000 × 1315 × 14 / 3,650,000 = 5.04 → 0.05; indemnity 40.00.
	if len(pos.Invoices) != 1 || pos.Invoices[0].Statement == nil || pos.Invoices[0].Statement.Interest != "0.05" ||
		pos.Invoices[0].Statement.Indemnity != "40.00" || pos.Total != "50.05" || pos.Invoices[0].Limitation.Expires != "2030-06-01" {
		t.Fatalf("position %s", rec.Body)
	}
	// Another tenant's debtor is not found, for reading and for writing.
	wantError(t, b.request(http.MethodGet, fmt.Sprintf("/api/v1/debtors/%d/legal", o.debtor.ID), a.tok), http.StatusNotFound, ledger.ENotFound)
	req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/debtors/%d/insolvency", o.debtor.ID), strings.NewReader(`{"kind":"liquidation","judgment_date":"2025-06-01"}`))
	req.Header.Set("Authorization", "Bearer "+a.tok)
	w := httptest.NewRecorder()
	b.mux.ServeHTTP(w, req)
	wantError(t, w, http.StatusNotFound, ledger.ENotFound)
	if _, err := b.st.Insolvency(o.f.Ctx, o.debtor.ID); !ledger.IsNotFound(err) {
		t.Errorf("A recorded proceedings on B's debtor: %v", err)
	}

	// Settings: A's contract rate changes A's figures, not B's.
	req = httptest.NewRequest(http.MethodPut, "/api/v1/settings/legal", strings.NewReader(`{"year365":false,"principal_first":false,"contract_rate":"20","creditor_is_consumer":false,"notice_days":8,"place":"","signatory":"","signatory_role":""}`))
	req.Header.Set("Authorization", "Bearer "+a.tok)
	w = httptest.NewRecorder()
	b.mux.ServeHTTP(w, req)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"contract_rate":"20.00"`) {
		t.Fatalf("PUT settings: %d %s", w.Code, w.Body)
	}
	if s, _ := b.st.LegalSettings(o.f.Ctx); s.HasContractRate {
		t.Error("A's settings reached B")
	}
}

func TestListHolidays(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Alpha")
	tok := b.token(t, f)
	rec := b.get(t, "/api/v1/legal/holidays?year=2026&postal_code=57000", tok, http.StatusOK)
	var hs struct {
		Data []struct{ Date, Name string } `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &hs); err != nil {
		t.Fatal(err)
	}
	if len(hs.Data) != 13 || hs.Data[1].Date != "2026-04-03" {
		t.Errorf("Alsace-Moselle 2026: %+v", hs.Data)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/legal/holidays?year=99", tok), http.StatusBadRequest, ledger.EInvalid, "year:")
}

func TestExports(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "A")
	newTenant(t, b, "B")
	rec := b.request(http.MethodGet, "/api/v1/exports/invoices?format=csv", a.tok)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	// One invoice of A's only: the header and one line.
	if lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "F1,invoice,C001,") {
		t.Errorf("export:\n%s", rec.Body)
	}
	rec = b.get(t, "/api/v1/exports/debtors", a.tok, http.StatusOK)
	var out struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Items) != 1 || out.Items[0]["balance_due"] != "6.00" {
		t.Errorf("debtors %s (%v)", rec.Body, err)
	}
	wantError(t, b.request(http.MethodGet, "/api/v1/exports/debtors?format=xml", a.tok), http.StatusBadRequest, ledger.EInvalid, "format:")
}

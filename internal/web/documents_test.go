package web_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/pdftext"
)

// pdfText reads a PDF back, spaces normalised.
func pdfText(t *testing.T, pdf string) string { return pdftext.Read(t, []byte(pdf)) }

func TestDocuments(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	o := newTenant(t, b, "Omega")
	c := b.browser(t)
	c.login(a.email)
	debtor := fmt.Sprintf("/debtors/%d", a.acme.ID)
	c.get(debtor).want(t, http.StatusOK, "Émettre aujourd’hui (1 facture)", "Injonction de payer", "court-file.zip?procedure=injonction_de_payer")

	// The preview: F2025-001's 1 134,56 € of principal (after the credit
	// note), 14,23 € and 17,99 € of interest, and 40,00 €.
	p := c.get(debtor+"/formal-notice.pdf").want(t, http.StatusOK)
	if p.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("preview content type %q", p.Header.Get("Content-Type"))
	}
	text := pdfText(t, p.body)
	for _, want := range []string{"MISE EN DEMEURE", "Acmé Bâtiment SARL", "F2025-001", "1 134,56 €", "14,23 €", "17,99 €", "40,00 €", "1 206,78 €", "23/06/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q", want)
		}
	}
	if n, _ := b.st.FormalNotices(a.Ctx, a.acme.ID); len(n) != 0 {
		t.Fatal("the preview recorded a notice")
	}
	// Issue it: recorded, kept, journaled, listed.
	p = c.post(debtor+"/formal-notice", nil)
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", p.StatusCode, p.body)
	}
	notices, err := b.st.FormalNotices(a.Ctx, a.acme.ID)
	must(t, err)
	if len(notices) != 1 || notices[0].Reference != "MED-2025-C001-1" {
		t.Fatalf("notices %+v", notices)
	}
	c.get(p.Header.Get("Location")).want(t, http.StatusOK, "Mise en demeure émise et conservée.", "MED-2025-C001-1", "Mise en demeure émise")
	kept := c.get(fmt.Sprintf("/formal-notices/%d.pdf", notices[0].ID)).want(t, http.StatusOK)
	if !strings.Contains(pdfText(t, kept.body), "MED-2025-C001-1") {
		t.Error("the kept letter lacks its reference")
	}

	// The statement of account at a date.
	st := c.get(debtor+"/statement.pdf?date=2025-05-01").want(t, http.StatusOK)
	if text := pdfText(t, st.body); !strings.Contains(text, "F2025-001") || strings.Contains(text, "VIR ACME 0505") {
		t.Errorf("statement on 1 May:\n%s", text)
	}
	c.get(debtor+"/statement.pdf?date=01/05/2025").want(t, http.StatusBadRequest)

	// The court file.
	z := c.get(debtor+"/court-file.zip?procedure=injonction_de_payer").want(t, http.StatusOK)
	zr, err := zip.NewReader(bytes.NewReader([]byte(z.body)), int64(len(z.body)))
	must(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !strings.Contains(strings.Join(names, " "), "index.html") || !strings.Contains(strings.Join(names, " "), "mise-en-demeure") {
		t.Errorf("court file entries %v", names)
	}
	c.get(debtor+"/court-file.zip?procedure=duel").want(t, http.StatusBadRequest)

	// The declaration needs proceedings.
	c.get(debtor+"/declaration.pdf").want(t, http.StatusConflict)
	c.post(debtor+"/insolvency", url.Values{"kind": {"liquidation"}, "judgment_date": {"2025-06-01"}, "mandataire": {"Maître Durand"}, "publication_date": {"2025-06-10"}})
	c.get(debtor).want(t, http.StatusOK, "à déclarer avant le 11/08/2025", "impossible\u00a0: procédure collective en cours.")
	if text := pdfText(t, c.get(debtor+"/declaration.pdf").want(t, http.StatusOK).body); !strings.Contains(text, "Maître Durand") {
		t.Errorf("declaration:\n%s", text)
	}

	// Another tenant's documents are not found.
	for _, path := range []string{
		fmt.Sprintf("/debtors/%d/formal-notice.pdf", o.acme.ID), fmt.Sprintf("/debtors/%d/statement.pdf", o.acme.ID),
		fmt.Sprintf("/debtors/%d/court-file.zip", o.acme.ID), fmt.Sprintf("/debtors/%d/declaration.pdf", o.acme.ID),
	} {
		c.get(path).want(t, http.StatusNotFound)
	}
	oc := b.browser(t)
	oc.login(o.email)
	oc.get(fmt.Sprintf("/formal-notices/%d.pdf", notices[0].ID)).want(t, http.StatusNotFound)
	c.post(fmt.Sprintf("/debtors/%d/formal-notice", o.acme.ID), nil).want(t, http.StatusNotFound)
}

func TestRecoveryCosts(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	o := newTenant(t, b, "Omega")
	c := b.browser(t)
	c.login(a.email)
	upload := func(invoiceID int64, fields map[string]string, proof string) page {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, v := range fields {
			must(t, mw.WriteField(k, v))
		}
		if proof != "" {
			fw, err := mw.CreateFormFile("proof", "facture-commissaire.pdf")
			must(t, err)
			_, _ = fw.Write([]byte(proof))
		}
		must(t, mw.Close())
		req, err := http.NewRequest(http.MethodPost, b.srv.URL+fmt.Sprintf("/invoices/%d/recovery-costs", invoiceID), &body)
		must(t, err)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return c.do(req)
	}
	fields := map[string]string{"amount": "150,00", "incurred_on": "2025-06-01", "description": "Frais de commissaire de justice"}
	if p := upload(a.late.ID, fields, "%PDF-1.4 proof"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", p.StatusCode, p.body)
	}
	// 150,00 € proven replaces the 40,00 € flat indemnity.
	c.get(fmt.Sprintf("/invoices/%d", a.late.ID)).want(t, http.StatusOK, "Frais de commissaire de justice", "facture-commissaire.pdf",
		`data-figure="indemnity">150,00`+"\u00a0€<")
	costs, err := b.st.RecoveryCosts(a.Ctx, a.acme.ID)
	must(t, err)
	if len(costs) != 1 {
		t.Fatalf("costs %+v", costs)
	}
	proof := c.get(fmt.Sprintf("/recovery-costs/%d/proof", costs[0].ID)).want(t, http.StatusOK)
	if proof.body != "%PDF-1.4 proof" || !strings.Contains(proof.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("proof %q %q", proof.body, proof.Header.Get("Content-Disposition"))
	}
	// No proof, or a bad amount: refused, nothing written.
	upload(a.late.ID, fields, "").want(t, http.StatusBadRequest)
	upload(a.late.ID, map[string]string{"amount": "abc", "incurred_on": "2025-06-01", "description": "x"}, "p").want(t, http.StatusBadRequest)
	// Another tenant's invoice or proof: not found.
	upload(o.late.ID, fields, "p").want(t, http.StatusNotFound)
	oc := b.browser(t)
	oc.login(o.email)
	oc.get(fmt.Sprintf("/recovery-costs/%d/proof", costs[0].ID)).want(t, http.StatusNotFound)
	if n, _ := b.st.RecoveryCosts(a.Ctx, a.acme.ID); len(n) != 1 {
		t.Errorf("%d costs after the refused uploads", len(n))
	}
}

func TestExports(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTenant(t, b, "Alpha")
	newTenant(t, b, "Omega")
	c := b.browser(t)
	c.login(a.email)
	c.get("/debtors").want(t, http.StatusOK, `href="/exports/debtors.csv"`, `href="/exports/invoices.csv"`)
	p := c.get("/exports/debtors.csv").want(t, http.StatusOK, "ref,name,kind", "C001,Acmé Bâtiment SARL,business")
	if !strings.HasPrefix(p.Header.Get("Content-Type"), "text/csv") || !strings.Contains(p.Header.Get("Content-Disposition"), "debtors-2025-06-15.csv") {
		t.Errorf("headers %v", p.Header)
	}
	p.without(t, "Omega")
	c.get("/exports/invoices.json").want(t, http.StatusOK, `"number":"F2025-001"`, `"debtor_ref":"C001"`, `"status":"overdue"`)
	c.get("/exports/payments.csv").want(t, http.StatusNotFound)
	c.get("/exports/debtors.xml").want(t, http.StatusNotFound)
}

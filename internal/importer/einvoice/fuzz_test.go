package einvoice

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
)

func TestCatalogue(t *testing.T) {
	for _, k := range Keys {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, k) {
				t.Errorf("%s is not in the %s catalogue", k, lang)
			}
		}
	}
	for _, k := range i18n.Keys("fr") {
		if strings.HasPrefix(k, "import.err.einvoice.") && !slices.Contains(Keys, k) {
			t.Errorf("%s is in the catalogue, not in Keys", k)
		}
	}
}

// xmlSeeds are small CII and UBL documents of every shape the parser
// knows.
func xmlSeeds() []string {
	neg := okCII
	neg.grand, neg.prepaid, neg.payable = "-233.47", "-0.00", "-233.47"
	pre := okCII
	pre.grand, pre.prepaid, pre.payable = "110.00", "10.00", "100.00"
	cn := okUBL
	cn.root, cn.typeCode, cn.due = "CreditNote", "381", "2026-03-01"
	pfx := okUBL
	pfx.prefix = "ubl"
	full := okCII
	full.buyer = `<ram:ID>C042</ram:ID><ram:GlobalID schemeID="0009">55210055400013</ram:GlobalID><ram:Name>Acme</ram:Name>
<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR96552100554</ram:ID></ram:SpecifiedTaxRegistration>
<ram:PostalTradeAddress><ram:PostcodeCode>69001</ram:PostcodeCode><ram:LineOne>1 rue A</ram:LineOne><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
<ram:URIUniversalCommunication><ram:URIID schemeID="EM">a@b.fr</ram:URIID></ram:URIUniversalCommunication>`
	full.means = `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode><ram:Information>Virement</ram:Information><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR76 3000 6000 0112 3456 7890 189</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>`
	legacy := `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
<rsm:HeaderExchangedDocument><ram:ID>471102</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20130305</udt:DateTimeString></ram:IssueDateTime></rsm:HeaderExchangedDocument>
<rsm:SpecifiedSupplyChainTradeTransaction><ram:ApplicableSupplyChainTradeAgreement><ram:BuyerTradeParty><ram:Name>Kunden AG</ram:Name></ram:BuyerTradeParty></ram:ApplicableSupplyChainTradeAgreement>
<ram:ApplicableSupplyChainTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode><ram:SpecifiedTradeSettlementMonetarySummation><ram:GrandTotalAmount currencyID="EUR">235.62</ram:GrandTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation></ram:ApplicableSupplyChainTradeSettlement>
<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedSupplyChainTradeSettlement><ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">198.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation></ram:SpecifiedSupplyChainTradeSettlement></ram:IncludedSupplyChainTradeLineItem>
</rsm:SpecifiedSupplyChainTradeTransaction></rsm:CrossIndustryDocument>`
	return []string{okCII.xml(), okUBL.xml(), neg.xml(), pre.xml(), cn.xml(), pfx.xml(), full.xml(), legacy,
		strings.Replace(okCII.xml(), `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1),
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>`, ""}
}

// pdfSeeds are small PDFs made here (never the sample files).
func pdfSeeds() [][]byte {
	inv := []byte(okCII.xml())
	ubl := []byte(okUBL.xml())
	return [][]byte{
		buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: inv}),
		buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: inv, flate: true}),
		buildPDF(pdfOptions{objStm: true}, testAttachment{name: facturxName, data: inv, flate: true}),
		buildPDF(pdfOptions{indirectLen: true}, testAttachment{name: utf16Name("xrechnung.xml"), data: ubl}),
		buildPDF(pdfOptions{},
			testAttachment{name: "(bon.pdf)", data: []byte("%PDF-1.4"), flate: true},
			testAttachment{name: "(zugferd-invoice.xml)", data: inv}),
		buildPDF(pdfOptions{}, testAttachment{data: inv, noType: true}),
		buildPDF(pdfOptions{encrypt: true}),
		[]byte("%PDF-1.7\n1 0 obj << /Type /ObjStm /N 2 /First 8 /Length 20 >> stream\n1 0 2 3 <</A 1>> [1]\nendstream endobj"),
	}
}

func FuzzParseXML(f *testing.F) {
	for _, s := range xmlSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, data)
	})
}

func FuzzParsePDF(f *testing.F) {
	for _, s := range pdfSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !isPDF(data) {
			data = append([]byte("%PDF-1.7\n"), data...)
		}
		checkParse(t, data)
	})
}

// TestSeeds runs the fuzz checks on the seeds, so that a plain go test
// covers them.
func TestSeeds(t *testing.T) {
	for _, s := range xmlSeeds() {
		checkParse(t, []byte(s))
	}
	for _, s := range pdfSeeds() {
		checkParse(t, s)
	}
}

// checkParse parses data and checks what must hold for any input: no
// panic, a bounded time, faults and issues with catalogue keys, and
// records that the importer can take.
func checkParse(t *testing.T, data []byte) {
	t.Helper()
	var c collect
	start := time.Now()
	info, err := Parse(context.Background(), bytes.NewReader(data), Options{}, &c)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Parse took %v on %d bytes", d, len(data))
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error without a key: %v", err)
		}
		if !slices.Contains(Keys, e.Key) {
			t.Fatalf("unknown key %q", e.Key)
		}
		if len(c.records)+len(c.issues) > 0 {
			t.Fatalf("an error after the sink got something")
		}
		return
	}
	if len(c.records) > 1 || (len(c.records) == 1) == (len(c.issues) > 0) {
		t.Fatalf("%d records and %d issues", len(c.records), len(c.issues))
	}
	for _, is := range c.issues {
		if !slices.Contains(Keys, is.Key) || is.Line != 1 || is.Column == "" {
			t.Fatalf("issue %+v", is)
		}
	}
	if len(c.records) == 0 {
		return
	}
	r := c.records[0]
	switch {
	case r.Amount.Minor <= 0 || !r.Amount.Currency.Valid():
		t.Fatalf("amount %v", r.Amount)
	case r.HasOpen && (r.Open.Minor < 0 || r.Open.Minor >= r.Amount.Minor || r.Open.Currency != r.Amount.Currency):
		t.Fatalf("open %v of %v", r.Open, r.Amount)
	case r.Kind != receivable.Invoice && r.Kind != receivable.CreditNote:
		t.Fatalf("kind %q", r.Kind)
	case r.Number == "" || r.IssueDate.IsZero() || r.Line != 1:
		t.Fatalf("number %q, issue date %v, line %d", r.Number, r.IssueDate, r.Line)
	case r.Debtor.Name == "" || !r.Debtor.Kind.Valid():
		t.Fatalf("debtor %+v", r.Debtor)
	case r.Debtor.SIREN != "" && !ledger.ValidSIREN(r.Debtor.SIREN), r.Debtor.SIRET != "" && !ledger.ValidSIRET(r.Debtor.SIRET):
		t.Fatalf("SIREN %q SIRET %q", r.Debtor.SIREN, r.Debtor.SIRET)
	case info.Format == "" || info.Lines != 1:
		t.Fatalf("info %+v", info)
	}
	if r.IBAN != "" {
		if iban, ok := ledger.NormalizeIBAN(r.IBAN); !ok || iban != r.IBAN {
			t.Fatalf("IBAN %q", r.IBAN)
		}
	}
	if info.Format == receivable.FormatFacturX && (r.Document == nil || !bytes.Equal(r.Document.Data, data)) {
		t.Fatalf("the PDF is not kept")
	}
}

package einvoice

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
)

func TestKindAndAmounts(t *testing.T) {
	type want struct {
		kind   receivable.RecordKind
		amount int64
		open   int64 // -1: no open amount
	}
	cii := func(typeCode, grand, prepaid, payable string) []byte {
		d := okCII
		d.typeCode, d.grand, d.prepaid, d.payable = typeCode, grand, prepaid, payable
		return []byte(d.xml())
	}
	ubl := func(root, typeCode, inclusive, payable string) []byte {
		d := okUBL
		d.root, d.typeCode, d.inclusive, d.payable = root, typeCode, inclusive, payable
		return []byte(d.xml())
	}
	tests := []struct {
		name string
		doc  []byte
		want want
	}{
		{"380 invoice", cii("380", "120.00", "", "120.00"), want{receivable.Invoice, 12000, -1}},
		{"380 negative is a credit note", cii("380", "-233.47", "-0.00", "-233.47"), want{receivable.CreditNote, 23347, -1}},
		{"381 credit note", cii("381", "50.00", "", "50.00"), want{receivable.CreditNote, 5000, -1}},
		{"381 negative is an invoice", cii("381", "-50.00", "", "-50.00"), want{receivable.Invoice, 5000, -1}},
		{"389 self-billed invoice", cii("389", "357.00", "", "357.00"), want{receivable.Invoice, 35700, -1}},
		{"384 corrected invoice", cii("384", "10.00", "", "10.00"), want{receivable.Invoice, 1000, -1}},
		{"261 self-billed credit note", cii("261", "10.00", "", "10.00"), want{receivable.CreditNote, 1000, -1}},
		{"396 factored credit note", cii("396", "10.00", "", "10.00"), want{receivable.CreditNote, 1000, -1}},
		{"prepaid: open is what is due", cii("380", "110.00", "10.00", "100.00"), want{receivable.Invoice, 11000, 10000}},
		{"prepaid on a negative invoice", cii("380", "-110.00", "-10.00", "-100.00"), want{receivable.CreditNote, 11000, 10000}},
		{"due only (no BT-112)", cii("380", "", "", "99.90"), want{receivable.Invoice, 9990, -1}},
		{"total only (ZUGFeRD 1)", cii("380", "99.90", "", ""), want{receivable.Invoice, 9990, -1}},
		{"rounding: due above total", cii("380", "99.99", "", "100.00"), want{receivable.Invoice, 10000, -1}},
		{"overpaid: nothing open", cii("380", "100.00", "105.00", "-5.00"), want{receivable.Invoice, 10000, 0}},
		{"three decimals with a zero", cii("380", "104.900", "", "104.900"), want{receivable.Invoice, 10490, -1}},
		{"no decimals", cii("380", "850", "", "850"), want{receivable.Invoice, 85000, -1}},
		{"UBL Invoice", ubl("Invoice", "380", "120.00", "120.00"), want{receivable.Invoice, 12000, -1}},
		{"UBL negative Invoice", ubl("Invoice", "380", "-782179.43", "-782179.43"), want{receivable.CreditNote, 78217943, -1}},
		{"UBL CreditNote", ubl("CreditNote", "381", "100.11", "100.11"), want{receivable.CreditNote, 10011, -1}},
		{"UBL CreditNote whatever its code", ubl("CreditNote", "380", "100.11", "100.11"), want{receivable.CreditNote, 10011, -1}},
		{"UBL prepaid", ubl("Invoice", "380", "308.03", "208.03"), want{receivable.Invoice, 30803, 20803}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := one(t, tt.doc)
			got := want{rec.Kind, rec.Amount.Minor, -1}
			if rec.HasOpen {
				got.open = rec.Open.Minor
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDatesAndCurrency(t *testing.T) {
	rec := one(t, []byte(okCII.xml()))
	if rec.IssueDate.String() != "2026-01-15" || rec.DueDate.String() != "2026-02-14" || rec.Amount.Currency != "EUR" {
		t.Errorf("CII: %v %v %v", rec.IssueDate, rec.DueDate, rec.Amount.Currency)
	}
	c := okCII
	c.issue, c.due, c.currency = "2026-01-15", "", "eur"
	rec = one(t, []byte(c.xml()))
	if rec.IssueDate.String() != "2026-01-15" || !rec.DueDate.IsZero() || rec.Amount.Currency != "EUR" {
		t.Errorf("CII with an ISO date and no due date: %v %v %v", rec.IssueDate, rec.DueDate, rec.Amount.Currency)
	}
	u := okUBL
	u.issue, u.due = "2019-01-25Z", "2019-02-24+01:00"
	rec = one(t, []byte(u.xml()))
	if rec.IssueDate.String() != "2019-01-25" || rec.DueDate.String() != "2019-02-24" {
		t.Errorf("UBL dates with zones: %v %v", rec.IssueDate, rec.DueDate)
	}
	u = okUBL
	u.root, u.typeCode, u.due = "CreditNote", "381", "2026-03-01"
	rec = one(t, []byte(u.xml()))
	if rec.DueDate.String() != "2026-03-01" {
		t.Errorf("CreditNote PaymentDueDate: %v", rec.DueDate)
	}
	// BT-5 missing: the amounts' currencyID.
	u = okUBL
	u.cur, u.amtCur = "", "GBP"
	rec = one(t, []byte(u.xml()))
	if rec.Amount.Currency != "GBP" {
		t.Errorf("currency from currencyID: %v", rec.Amount.Currency)
	}
	// BT-5 wins over a different currencyID (BT-6, tax currency).
	u = okUBL
	u.cur, u.amtCur = "GBP", "EUR"
	rec = one(t, []byte(u.xml()))
	if rec.Amount.Currency != "GBP" {
		t.Errorf("BT-5 GBP: %v", rec.Amount.Currency)
	}
	// JPY has no minor unit.
	c = okCII
	c.currency, c.grand, c.payable = "JPY", "12000", "12000"
	rec = one(t, []byte(c.xml()))
	if rec.Amount.Minor != 12000 || rec.Amount.Currency != "JPY" {
		t.Errorf("JPY: %v", rec.Amount)
	}
}

// TestIssues: each field fault gives its key, on line 1, in the column
// of its element, and no record.
func TestIssues(t *testing.T) {
	cii := func(change func(*ciiDoc)) []byte {
		d := okCII
		change(&d)
		return []byte(d.xml())
	}
	ubl := func(change func(*ublDoc)) []byte {
		d := okUBL
		change(&d)
		return []byte(d.xml())
	}
	type issue struct{ key, column, value string }
	tests := []struct {
		name string
		doc  []byte
		want []issue
	}{
		{"missing number", cii(func(d *ciiDoc) { d.number = "" }), []issue{{KeyMissingNumber, "ExchangedDocument/ID", ""}}},
		{"empty number", cii(func(d *ciiDoc) { d.number = "<empty>" }), []issue{{KeyMissingNumber, "ExchangedDocument/ID", ""}}},
		{"missing date", cii(func(d *ciiDoc) { d.issue = "" }), []issue{{KeyMissingDate, "IssueDateTime", ""}}},
		{"empty date", cii(func(d *ciiDoc) { d.issue = "<empty>" }), []issue{{KeyMissingDate, "IssueDateTime", ""}}},
		{"30 February", cii(func(d *ciiDoc) { d.issue = "20260230" }), []issue{{KeyBadDate, "IssueDateTime", "20260230"}}},
		{"French date", cii(func(d *ciiDoc) { d.issue = "15/01/2026" }), []issue{{KeyBadDate, "IssueDateTime", "15/01/2026"}}},
		{"format 610 is a month", cii(func(d *ciiDoc) { d.issue, d.issueFormat = "202601", "610" }), []issue{{KeyBadDate, "IssueDateTime", "202601"}}},
		{"bad due date", cii(func(d *ciiDoc) { d.due = "2026021" }), []issue{{KeyBadDate, "DueDateDateTime", "2026021"}}},
		{"no amount", cii(func(d *ciiDoc) { d.grand, d.payable = "", "" }), []issue{{KeyMissingAmount, "GrandTotalAmount", ""}}},
		{"French decimal comma", cii(func(d *ciiDoc) { d.grand = "120,00" }), []issue{{KeyBadAmount, "GrandTotalAmount", "120,00"}}},
		{"three decimals", cii(func(d *ciiDoc) { d.payable = "120.005" }), []issue{{KeyBadAmount, "DuePayableAmount", "120.005"}}},
		{"zero", cii(func(d *ciiDoc) { d.grand, d.payable = "0.00", "0.00" }), []issue{{KeyZeroAmount, "GrandTotalAmount", "0.00"}}},
		{"missing currency", cii(func(d *ciiDoc) { d.currency = "" }), []issue{{KeyMissingCurrency, "InvoiceCurrencyCode", ""}}},
		{"unknown currency", cii(func(d *ciiDoc) { d.currency = "EURO" }), []issue{{KeyUnknownCurrency, "InvoiceCurrencyCode", "EURO"}}},
		{"not ISO 4217", cii(func(d *ciiDoc) { d.currency = "ZZQ" }), []issue{{KeyUnknownCurrency, "InvoiceCurrencyCode", "ZZQ"}}},
		{"no buyer", cii(func(d *ciiDoc) { d.buyer = "-" }), []issue{{KeyNoBuyer, "BuyerTradeParty", ""}}},
		{"buyer without a name", cii(func(d *ciiDoc) { d.buyer = `<ram:ID>C1</ram:ID>` }), []issue{{KeyNoBuyer, "BuyerTradeParty", ""}}},
		{"all at once", cii(func(d *ciiDoc) { d.number, d.issue, d.grand, d.buyer = "", "2026", "1.2.3", "-" }), []issue{
			{KeyMissingNumber, "ExchangedDocument/ID", ""}, {KeyBadDate, "IssueDateTime", "2026"},
			{KeyBadAmount, "GrandTotalAmount", "1.2.3"}, {KeyNoBuyer, "BuyerTradeParty", ""}}},
		{"UBL missing number", ubl(func(d *ublDoc) { d.number = "" }), []issue{{KeyMissingNumber, "cbc:ID", ""}}},
		{"UBL bad date", ubl(func(d *ublDoc) { d.issue = "2026-1-15" }), []issue{{KeyBadDate, "cbc:IssueDate", "2026-1-15"}}},
		{"UBL bad due date", ubl(func(d *ublDoc) { d.due = "2026-02-14T" + "x" }), nil},
		{"UBL bad amount", ubl(func(d *ublDoc) { d.payable = "1e3" }), []issue{{KeyBadAmount, "cbc:PayableAmount", "1e3"}}},
		{"UBL no amount", ubl(func(d *ublDoc) { d.inclusive, d.payable = "", "" }), []issue{{KeyMissingAmount, "cbc:TaxInclusiveAmount", ""}}},
		{"UBL unknown currency", ubl(func(d *ublDoc) { d.cur = "€" }), []issue{{KeyUnknownCurrency, "cbc:DocumentCurrencyCode", "€"}}},
		{"UBL no customer", ubl(func(d *ublDoc) { d.party = "-" }), []issue{{KeyNoBuyer, "cac:AccountingCustomerParty", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parseBytes(t, tt.doc, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if tt.want == nil { // a time after the date is tolerated
				if len(c.records) != 1 {
					t.Fatalf("issues %+v", c.issues)
				}
				return
			}
			if len(c.records) != 0 {
				t.Errorf("a record despite the issues: %+v", c.records[0])
			}
			var got []issue
			for _, is := range c.issues {
				got = append(got, issue{is.Key, is.Column, is.Value})
				if is.Line != 1 {
					t.Errorf("issue on line %d", is.Line)
				}
				if msg := is.Message("fr"); strings.HasPrefix(msg, "import.") || strings.Contains(msg, "%!") {
					t.Errorf("message %q", msg)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("issues %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("issue %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestDebtor(t *testing.T) {
	cii := func(buyer string) receivable.Debtor {
		d := okCII
		d.buyer = buyer
		return one(t, []byte(d.xml())).Debtor
	}
	ubl := func(party string) receivable.Debtor {
		d := okUBL
		d.party = party
		return one(t, []byte(d.xml())).Debtor
	}
	tests := []struct {
		name                   string
		got                    receivable.Debtor
		ref, siren, siret, vat string
		kind                   ledger.DebtorKind
		src                    receivable.KindSource
	}{
		{"SIREN in BT-47", cii(`<ram:Name>Acme</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">552 100 554</ram:ID></ram:SpecifiedLegalOrganization>`),
			"552100554", "552100554", "", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"SIRET in BT-47 under 0002", cii(`<ram:Name>Acme</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">55210055400013</ram:ID></ram:SpecifiedLegalOrganization>`),
			"552100554", "552100554", "55210055400013", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"SIRET as GlobalID 0009, seller's code as ram:ID", cii(`<ram:ID>C042</ram:ID><ram:GlobalID schemeID="0009">552 100 554 00013</ram:GlobalID><ram:Name>Acme</ram:Name>`),
			"C042", "552100554", "55210055400013", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"SIREN from the French VAT number", cii(`<ram:Name>Acme</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR 44 732829320</ram:ID></ram:SpecifiedTaxRegistration>`),
			"732829320", "732829320", "", "FR44732829320", ledger.KindBusiness, receivable.KindFromIdentity},
		{"VAT key wrong: no SIREN, still a business", cii(`<ram:Name>Acme</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR45732829320</ram:ID></ram:SpecifiedTaxRegistration>`),
			"", "", "", "FR45732829320", ledger.KindBusiness, receivable.KindFromIdentity},
		{"FC is not a VAT number", cii(`<ram:Name>Jean Dupont</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/113/40209</ram:ID></ram:SpecifiedTaxRegistration>`),
			"", "", "", "", ledger.KindConsumer, receivable.KindInferred},
		{"SIREN failing Luhn dropped", cii(`<ram:Name>Acme</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">987654321</ram:ID></ram:SpecifiedLegalOrganization>`),
			"", "", "", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"SIRET of another SIREN dropped", cii(`<ram:Name>Acme</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">732829320</ram:ID></ram:SpecifiedLegalOrganization><ram:GlobalID schemeID="0009">55210055400013</ram:GlobalID>`),
			"732829320", "732829320", "", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"public body by SIREN", cii(`<ram:Name>Ville de Lyon</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">216901231</ram:ID></ram:SpecifiedLegalOrganization>`),
			"216901231", "216901231", "", "", ledger.KindPublic, receivable.KindInferred},
		{"public body by name", cii(`<ram:Name>Centre Hospitalier d'Arles</ram:Name>`),
			"", "", "", "", ledger.KindPublic, receivable.KindInferred},
		{"University by SIREN 1…", cii(`<ram:Name>Université Paris-Saclay</ram:Name><ram:GlobalID schemeID="0002">130025265</ram:GlobalID>`),
			"130025265", "130025265", "", "", ledger.KindPublic, receivable.KindInferred},
		{"consumer", cii(`<ram:Name>Jean Dupont</ram:Name>`), "", "", "", "", ledger.KindConsumer, receivable.KindInferred},
		{"legal form", cii(`<ram:Name>Boulangerie Martin SARL</ram:Name>`), "", "", "", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"foreign unqualified ID is not a SIREN", cii(`<ram:Name>Koksmaat</ram:Name><ram:SpecifiedLegalOrganization><ram:ID>552100554</ram:ID></ram:SpecifiedLegalOrganization><ram:PostalTradeAddress><ram:CountryID>NL</ram:CountryID></ram:PostalTradeAddress>`),
			"", "", "", "", ledger.KindConsumer, receivable.KindInferred},
		{"UBL: seller's code, SIRET, 0225 address", ubl(`<cbc:EndpointID schemeID="0225">552100554_01</cbc:EndpointID><cac:PartyIdentification><cbc:ID>C7</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="0009">55210055400013</cbc:ID></cac:PartyIdentification><cac:PartyLegalEntity><cbc:RegistrationName>Acme</cbc:RegistrationName></cac:PartyLegalEntity>`),
			"C7", "552100554", "55210055400013", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"UBL: SIREN from 0225 only", ubl(`<cbc:EndpointID schemeID="0225">552100554</cbc:EndpointID><cac:PartyName><cbc:Name>Acme</cbc:Name></cac:PartyName>`),
			"552100554", "552100554", "", "", ledger.KindBusiness, receivable.KindFromIdentity},
		{"UBL: a scheme-qualified ID is not the seller's code", ubl(`<cac:PartyIdentification><cbc:ID schemeID="0088">3654789851</cbc:ID></cac:PartyIdentification><cac:PartyTaxScheme><cbc:CompanyID>DK87654321</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>Company B</cbc:RegistrationName></cac:PartyLegalEntity>`),
			"", "", "", "DK87654321", ledger.KindBusiness, receivable.KindFromIdentity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.got
			if d.Ref != tt.ref || d.SIREN != tt.siren || d.SIRET != tt.siret || d.VATNumber != tt.vat || d.Kind != tt.kind || d.KindSource != tt.src {
				t.Errorf("got ref %q SIREN %q SIRET %q VAT %q kind %s (%s)\nwant ref %q SIREN %q SIRET %q VAT %q kind %s (%s)",
					d.Ref, d.SIREN, d.SIRET, d.VATNumber, d.Kind, d.KindSource, tt.ref, tt.siren, tt.siret, tt.vat, tt.kind, tt.src)
			}
		})
	}
}

func TestContactAndPayment(t *testing.T) {
	d := okCII
	d.buyer = `<ram:Name>Acme</ram:Name>
		<ram:DefinedTradeContact><ram:TelephoneUniversalCommunication><ram:CompleteNumber>01 02 03 04 05</ram:CompleteNumber></ram:TelephoneUniversalCommunication>
		<ram:EmailURIUniversalCommunication><ram:URIID>compta@acme.fr</ram:URIID></ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>
		<ram:PostalTradeAddress><ram:PostcodeCode>69001</ram:PostcodeCode><ram:LineOne>1 rue A</ram:LineOne><ram:LineThree>Bât. C</ram:LineThree><ram:CityName>Lyon</ram:CityName><ram:CountryID>fr</ram:CountryID></ram:PostalTradeAddress>
		<ram:URIUniversalCommunication><ram:URIID schemeID="0225">552100554</ram:URIID></ram:URIUniversalCommunication>`
	d.means = `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR00 1234</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
		<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>fr76 3000 6000 0112 3456 7890 189</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>`
	rec := one(t, []byte(d.xml()))
	want := receivable.Debtor{
		Ref: "552100554", Name: "Acme", Kind: ledger.KindBusiness, KindSource: receivable.KindFromIdentity,
		SIREN: "552100554", Email: "compta@acme.fr", Phone: "01 02 03 04 05",
		Address: ledger.Address{Line1: "1 rue A", Line2: "Bât. C", PostalCode: "69001", City: "Lyon", Country: "FR"},
	}
	if rec.Debtor != want {
		t.Errorf("debtor\n%+v\nwant\n%+v", rec.Debtor, want)
	}
	// The first means gives BT-81; the first valid IBAN is kept.
	if rec.PaymentMeans != "58" || rec.IBAN != "FR7630006000011234567890189" {
		t.Errorf("means %q, IBAN %q", rec.PaymentMeans, rec.IBAN)
	}
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"NL57 RABO 0107307510", "NL57RABO0107307510", true},
		{"NL57 RABO 0107307511", "", false},
		{"1234 5678 9012 3456 789022", "", false},
		{"DE77 3707 0060 0321 9870 00", "DE77370700600321987000", true},
		{"FR76-3000-6000-0112-3456-7890-189", "FR7630006000011234567890189", true},
		{"FR76/3000", "", false},
	} {
		got, ok := ledger.NormalizeIBAN(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ledger.NormalizeIBAN(%q) = %q, %v", tt.in, got, ok)
		}
	}
}

func TestEncodings(t *testing.T) {
	latin1 := strings.Replace(okCII.xml(), `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)
	latin1 = strings.Replace(latin1, "Boulangerie Martin SARL", "Soci\xe9t\xe9 G\xe9n\xe9rale", 1)
	c, info, err := parseBytes(t, []byte(latin1), Options{})
	if err != nil || len(c.records) != 1 {
		t.Fatalf("Latin-1: %v %+v", err, c.issues)
	}
	if c.records[0].Debtor.Name != "Société Générale" || info.Encoding != "ISO-8859-1" {
		t.Errorf("Latin-1: name %q, encoding %q", c.records[0].Debtor.Name, info.Encoding)
	}

	// UTF-16 with its byte order mark.
	src := strings.Replace(okCII.xml(), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	src = strings.Replace(src, "Boulangerie Martin SARL", "Boulangerie Émile SARL", 1)
	be, le := []byte{0xFE, 0xFF}, []byte{0xFF, 0xFE}
	for _, r := range src {
		be = append(be, byte(r>>8), byte(r))
		le = append(le, byte(r), byte(r>>8))
	}
	for _, u16 := range [][]byte{be, le} {
		c, info, err = parseBytes(t, u16, Options{})
		if err != nil || len(c.records) != 1 {
			t.Fatalf("UTF-16: %v %+v", err, c.issues)
		}
		if c.records[0].Debtor.Name != "Boulangerie Émile SARL" || info.Encoding != "UTF-16" {
			t.Errorf("UTF-16: name %q, encoding %q", c.records[0].Debtor.Name, info.Encoding)
		}
	}

	// A prefix on the UBL root, a BOM.
	u := okUBL
	u.prefix = "ubl"
	c, info, err = parseBytes(t, append([]byte("\xef\xbb\xbf"), u.xml()...), Options{})
	if err != nil || len(c.records) != 1 || info.Format != receivable.FormatUBL || info.Encoding != "UTF-8 (BOM)" {
		t.Errorf("ubl: prefix with BOM: %v %+v %+v", err, c.issues, info)
	}
}

// TestFaults: faults of the whole file come back as *Error with their
// key, and nothing reaches the sink.
func TestFaults(t *testing.T) {
	deep := "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">" +
		strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</rsm:CrossIndustryInvoice>"
	deepSkipped := "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"><IncludedSupplyChainTradeLineItem>" +
		strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</IncludedSupplyChainTradeLineItem></rsm:CrossIndustryInvoice>"
	wide := "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">" +
		strings.Repeat("<a/>", maxNodes+1) + "</rsm:CrossIndustryInvoice>"
	noNS := strings.Replace(okUBL.xml(), `xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"`, "", 1)
	pdf := buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte(okCII.xml())})
	tests := []struct {
		name string
		data string
		opts Options
		key  string
		args []any
	}{
		{"empty", "", Options{}, KeyEmpty, nil},
		{"blank", " \n\t", Options{}, KeyEmpty, nil},
		{"text", "Facture n° 12 : 120 €", Options{}, KeyNotXML, nil},
		{"CSV", "numero;date;montant\nF1;2026-01-01;12,00\n", Options{}, KeyNotXML, nil},
		{"broken XML", okCII.xml()[:300], Options{}, KeyNotXML, nil},
		{"camt.053", `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>`, Options{}, KeyNotInvoice, []any{"Document"}},
		{"Invoice outside UBL", noNS, Options{}, KeyNotInvoice, []any{"Invoice"}},
		{"too deep", deep, Options{}, KeyTooComplex, nil},
		{"too deep in a skipped line", deepSkipped, Options{}, KeyTooComplex, nil},
		{"too many elements", wide, Options{}, KeyTooComplex, nil},
		{"CII forced, UBL given", okUBL.xml(), Options{Format: receivable.FormatCII}, KeyFormatMismatch, []any{"UBL (XML)", "CII (XML)"}},
		{"UBL forced, CII given", okCII.xml(), Options{Format: receivable.FormatUBL}, KeyFormatMismatch, []any{"CII (XML)", "UBL (XML)"}},
		{"Factur-X forced, CII given", okCII.xml(), Options{Format: receivable.FormatFacturX}, KeyFormatMismatch, []any{"CII (XML)", "Factur-X (PDF)"}},
		{"UBL forced, PDF given", string(pdf), Options{Format: receivable.FormatUBL}, KeyFormatMismatch, []any{"Factur-X (PDF)", "UBL (XML)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parseBytes(t, []byte(tt.data), tt.opts)
			var e *Error
			if !errors.As(err, &e) || e.Key != tt.key {
				t.Fatalf("error %v, want key %s", err, tt.key)
			}
			if tt.args != nil && !equalArgs(e.Args, tt.args) {
				t.Errorf("args %v, want %v", e.Args, tt.args)
			}
			var is receivable.Issue
			if !errors.As(err, &is) || is.Key != tt.key || is.Line != 0 || !equalArgs(is.Args, e.Args) {
				t.Errorf("as an Issue: %+v", is)
			}
			if len(c.records)+len(c.issues) != 0 {
				t.Errorf("sink got %d records, %d issues", len(c.records), len(c.issues))
			}
		})
	}
	// Forcing the right format reads it.
	for _, f := range []struct {
		format receivable.Format
		data   []byte
	}{{receivable.FormatCII, []byte(okCII.xml())}, {receivable.FormatUBL, []byte(okUBL.xml())}, {receivable.FormatFacturX, pdf}} {
		c, info, err := parseBytes(t, f.data, Options{Format: f.format})
		if err != nil || len(c.records) != 1 || info.Format != f.format {
			t.Errorf("forced %s: %v, %d records, format %q", f.format, err, len(c.records), info.Format)
		}
	}
	if _, _, err := parseBytes(t, []byte(okCII.xml()), Options{Format: receivable.FormatCSV}); err == nil {
		t.Error("format csv accepted")
	}
}

func equalArgs(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// zeros is an endless reader of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestTooLarge(t *testing.T) {
	r := io.MultiReader(strings.NewReader(okCII.xml()), spaces{})
	var c collect
	_, err := Parse(context.Background(), r, Options{}, &c)
	var e *Error
	if !errors.As(err, &e) || e.Key != KeyTooLarge || e.Args[0] != 20 {
		t.Fatalf("error %v, want %s of 20 MB", err, KeyTooLarge)
	}
	if msg := e.Message("fr"); msg != "Le fichier dépasse 20\u00a0Mo\u00a0: une facture électronique est bien plus petite." {
		t.Errorf("message %q", msg)
	}
}

type failSink struct{ err error }

func (f failSink) Record(receivable.Record) error { return f.err }
func (failSink) Issue(receivable.Issue)           {}

func TestSinkAndContext(t *testing.T) {
	stop := errors.New("stop")
	_, err := Parse(context.Background(), strings.NewReader(okCII.xml()), Options{}, failSink{stop})
	if !errors.Is(err, stop) {
		t.Errorf("sink error not returned: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var c collect
	if _, err := Parse(ctx, strings.NewReader(okCII.xml()), Options{}, &c); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestSniff(t *testing.T) {
	comment := "<?xml version='1.0'?>\n<!--" + strings.Repeat("x", 6000) + "-->\n"
	tests := []struct {
		name   string
		sample string
		format receivable.Format
		ok     bool
	}{
		{"PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", receivable.FormatFacturX, true},
		{"CII", okCII.xml(), receivable.FormatCII, true},
		{"CII cut after the root", okCII.xml()[:400], receivable.FormatCII, true},
		{"ZUGFeRD 1", `<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0">`, receivable.FormatCII, true},
		{"UBL Invoice", okUBL.xml(), receivable.FormatUBL, true},
		{"UBL CreditNote with prefix", `<ubl:CreditNote xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2">`, receivable.FormatUBL, true},
		{"after a long comment", comment + okCII.xml(), receivable.FormatCII, true},
		{"root beyond the sample", comment, "", false},
		{"with BOM", "\xef\xbb\xbf" + okCII.xml(), receivable.FormatCII, true},
		{"camt", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">`, "", false},
		{"Invoice of no namespace", `<Invoice><ID>1</ID></Invoice>`, "", false},
		{"CSV", "a;b;c\n1;2;3\n", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		f, ok := Sniff([]byte(tt.sample))
		if f != tt.format || ok != tt.ok {
			t.Errorf("%s: Sniff = %q, %v; want %q, %v", tt.name, f, ok, tt.format, tt.ok)
		}
	}
}

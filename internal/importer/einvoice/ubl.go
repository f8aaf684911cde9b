package einvoice

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// UBL 2.1 roots, in the namespaces that name them.
const (
	ublInvoice     = "Invoice"
	ublCreditNote  = "CreditNote"
	ublSpacePrefix = "urn:oasis:names:specification:ubl:schema:xsd:"
)

// isUBLRoot reports whether local and space name a UBL Invoice or
// CreditNote document.
func isUBLRoot(local, space string) bool {
	return (local == ublInvoice || local == ublCreditNote) && strings.HasPrefix(space, ublSpacePrefix)
}

// readUBL collects the business terms of a UBL Invoice or CreditNote.
// Columns use the usual cbc:/cac: prefixes whatever the file's are.
func readUBL(root *node) *rawDoc {
	d := &rawDoc{
		format:         receivable.FormatUBL,
		creditNoteRoot: root.name == ublCreditNote,
		buyerColumn:    "cac:AccountingCustomerParty",
	}
	d.number = textField(root.child("ID"), "cbc:ID")
	d.typeCode = textField(root.child("InvoiceTypeCode", "CreditNoteTypeCode"), "cbc:"+root.name+"TypeCode")
	d.issueDate = dateField{field: textField(root.child("IssueDate"), "cbc:IssueDate")}
	d.currency = textField(root.child("DocumentCurrencyCode"), "cbc:DocumentCurrencyCode")

	// BT-9 is cbc:DueDate on an Invoice; a CreditNote (and UBL 2.0
	// habits) put it on the payment means.
	if due := root.child("DueDate"); due != nil {
		d.dueDates = append(d.dueDates, dateField{field: textField(due, "cbc:DueDate")})
	}
	means := root.all("PaymentMeans")
	if len(d.dueDates) == 0 {
		for _, m := range means {
			if due := m.child("PaymentDueDate"); due != nil {
				d.dueDates = append(d.dueDates, dateField{field: textField(due, "cbc:PaymentDueDate")})
				break
			}
		}
	}
	for i, m := range means {
		if i == 0 {
			code := m.child("PaymentMeansCode")
			d.meansCode = code.value()
			d.meansText = code.attr("name")
		}
		if acct := m.path("PayeeFinancialAccount", "ID").value(); acct != "" {
			d.accounts = append(d.accounts, acct)
		}
	}
	for _, t := range root.all("PaymentTerms") {
		for _, note := range t.all("Note") {
			if s := note.value(); s != "" {
				d.terms = append(d.terms, s)
			}
		}
	}

	total := root.child("LegalMonetaryTotal")
	grand := total.child("TaxInclusiveAmount")
	due := total.child("PayableAmount")
	d.grandTotal = textField(grand, "cbc:TaxInclusiveAmount")
	d.duePayable = textField(due, "cbc:PayableAmount")
	d.amountCurrency = firstNonEmpty(grand.attr("currencyID"), due.attr("currencyID"))

	if b := root.path("AccountingCustomerParty", "Party"); b != nil {
		d.buyer = ublParty(b)
	}
	return d
}

// ublParty reads the cac:Party of the AccountingCustomerParty. Only its
// own children count: an AgentParty or ServiceProviderParty nested in it
// (French CTC) is someone else.
func ublParty(b *node) *rawParty {
	p := &rawParty{
		name: firstNonEmpty(b.path("PartyLegalEntity", "RegistrationName").value(), b.path("PartyName", "Name").value()),
	}
	if e := b.child("EndpointID"); e != nil {
		if s := e.attr("schemeID"); strings.EqualFold(s, "EM") {
			p.email = e.value()
		} else {
			p.legal = append(p.legal, scheme{e.value(), s})
		}
	}
	for _, pi := range b.all("PartyIdentification") {
		id := pi.child("ID")
		s := id.attr("schemeID")
		if s == "" && p.ref == "" {
			p.ref = id.value()
			continue
		}
		p.legal = append(p.legal, scheme{id.value(), s})
	}
	for _, le := range b.all("PartyLegalEntity") {
		if id := le.child("CompanyID"); id != nil {
			p.legal = append(p.legal, scheme{id.value(), id.attr("schemeID")})
		}
	}
	for _, ts := range b.all("PartyTaxScheme") {
		if tax := ts.path("TaxScheme", "ID").value(); tax == "" || strings.EqualFold(tax, "VAT") {
			p.vat = append(p.vat, ts.child("CompanyID").value())
		}
	}
	if c := b.child("Contact"); c != nil {
		p.contactEmail = c.child("ElectronicMail").value()
		p.phone = c.child("Telephone").value()
	}
	if a := b.child("PostalAddress"); a != nil {
		lines := []string{a.child("StreetName").value(), a.child("AdditionalStreetName").value()}
		for _, l := range a.all("AddressLine") {
			lines = append(lines, l.child("Line").value())
		}
		p.address.Line1, p.address.Line2 = addressLines(lines)
		p.address.PostalCode = a.child("PostalZone").value()
		p.address.City = a.child("CityName").value()
		p.address.Country = strings.ToUpper(a.path("Country", "IdentificationCode").value())
	}
	return p
}

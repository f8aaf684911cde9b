package einvoice

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// CII root elements: D16B (Factur-X, ZUGFeRD 2.x, XRechnung CII) and the
// ZUGFeRD 1.0 document, whose elements carry other names on the way down
// (HeaderExchangedDocument, ApplicableSupplyChainTradeAgreement…). Every
// lookup below names both.
const (
	ciiRoot       = "CrossIndustryInvoice"
	ciiLegacyRoot = "CrossIndustryDocument"
)

// readCII collects the business terms of a CII document.
func readCII(root *node) *rawDoc {
	d := &rawDoc{format: receivable.FormatCII, buyerColumn: "BuyerTradeParty"}
	hdr := root.child("ExchangedDocument", "HeaderExchangedDocument")
	tx := root.child("SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction")
	agreement := tx.child("ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement")
	settlement := tx.child("ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement")

	hdrName := "ExchangedDocument"
	if hdr != nil {
		hdrName = hdr.name
	}
	d.number = textField(hdr.child("ID"), hdrName+"/ID")
	d.typeCode = textField(hdr.child("TypeCode"), "TypeCode")
	d.issueDate = ciiDate(hdr.child("IssueDateTime"), "IssueDateTime")
	d.currency = textField(settlement.child("InvoiceCurrencyCode"), "InvoiceCurrencyCode")

	for _, t := range settlement.all("SpecifiedTradePaymentTerms") {
		if s := t.child("Description").value(); s != "" {
			d.terms = append(d.terms, s)
		}
		if due := t.child("DueDateDateTime"); due != nil {
			d.dueDates = append(d.dueDates, ciiDate(due, "DueDateDateTime"))
		}
	}
	for i, m := range settlement.all("SpecifiedTradeSettlementPaymentMeans") {
		if i == 0 {
			d.meansCode = m.child("TypeCode").value()
			d.meansText = m.child("Information").value()
		}
		if iban := m.path("PayeePartyCreditorFinancialAccount", "IBANID").value(); iban != "" {
			d.accounts = append(d.accounts, iban)
		}
	}

	sum := settlement.child("SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation")
	cur := d.currency.text
	grand := amountIn(sum, "GrandTotalAmount", cur)
	due := amountIn(sum, "DuePayableAmount", cur)
	d.grandTotal = textField(grand, "GrandTotalAmount")
	d.duePayable = textField(due, "DuePayableAmount")
	d.amountCurrency = firstNonEmpty(grand.attr("currencyID"), due.attr("currencyID"))

	if b := agreement.child("BuyerTradeParty"); b != nil {
		d.buyer = ciiParty(b)
	}
	return d
}

// ciiDate reads a CII date: a udt:DateTimeString with its format
// attribute, or (tolerated) the element's own text.
func ciiDate(n *node, column string) dateField {
	if n == nil {
		return dateField{field: field{column: column}}
	}
	s := n.child("DateTimeString", "DateTime")
	if s == nil {
		s = n
	}
	return dateField{field: field{text: s.value(), column: column}, format: s.attr("format")}
}

// ciiParty reads a BuyerTradeParty.
func ciiParty(b *node) *rawParty {
	p := &rawParty{
		name: firstNonEmpty(b.child("Name").value(), b.path("SpecifiedLegalOrganization", "TradingBusinessName").value()),
		ref:  b.child("ID").value(),
	}
	if org := b.child("SpecifiedLegalOrganization"); org != nil {
		id := org.child("ID")
		p.legal = append(p.legal, scheme{id.value(), id.attr("schemeID")})
	}
	for _, g := range b.all("GlobalID") {
		p.legal = append(p.legal, scheme{g.value(), g.attr("schemeID")})
	}
	for _, t := range b.all("SpecifiedTaxRegistration") {
		id := t.child("ID")
		// FC is a national tax number, not a VAT number.
		if s := id.attr("schemeID"); s == "VA" || s == "" {
			p.vat = append(p.vat, id.value())
		}
	}
	for _, u := range b.all("URIUniversalCommunication") {
		id := u.child("URIID")
		switch s := id.attr("schemeID"); {
		case strings.EqualFold(s, "EM"), s == "" && strings.Contains(id.value(), "@"):
			if p.email == "" {
				p.email = id.value()
			}
		default:
			p.legal = append(p.legal, scheme{id.value(), s})
		}
	}
	for _, c := range b.all("DefinedTradeContact") {
		if p.contactEmail == "" {
			p.contactEmail = c.path("EmailURIUniversalCommunication", "URIID").value()
		}
		if p.phone == "" {
			p.phone = c.path("TelephoneUniversalCommunication", "CompleteNumber").value()
		}
	}
	if a := b.child("PostalTradeAddress"); a != nil {
		p.address.Line1, p.address.Line2 = addressLines([]string{
			a.child("LineOne").value(), a.child("LineTwo").value(), a.child("LineThree").value(),
		})
		p.address.PostalCode = a.child("PostcodeCode").value()
		p.address.City = a.child("CityName").value()
		p.address.Country = strings.ToUpper(a.child("CountryID").value())
	}
	return p
}

// amountIn returns the child name of sum in currency cur: EXTENDED
// documents may repeat an amount once per currency, each with its
// currencyID. Failing that, the first one.
func amountIn(sum *node, name, cur string) *node {
	all := sum.all(name)
	for _, a := range all {
		if c := a.attr("currencyID"); c == "" || strings.EqualFold(c, cur) {
			return a
		}
	}
	if len(all) > 0 {
		return all[0]
	}
	return nil
}

// textField makes a field of an element's text.
func textField(n *node, column string) field {
	return field{text: n.value(), column: column}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// addressLines folds a document's address lines (BT-50, 51, 163) into the
// two of a ledger address: the first one written, then the others joined
// by commas.
func addressLines(lines []string) (line1, line2 string) {
	var out []string
	for _, s := range lines {
		if s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return "", ""
	}
	return out[0], strings.Join(out[1:], ", ")
}

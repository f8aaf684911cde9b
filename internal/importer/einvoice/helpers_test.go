package einvoice

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// ciiDoc writes a small CII invoice; an empty field leaves its element
// out, "<empty>" writes it empty.
type ciiDoc struct {
	number, typeCode, issue, issueFormat, due, currency string
	grand, prepaid, payable                             string
	buyer                                               string // the BuyerTradeParty's inner XML; "-" for none
	means                                               string // inner XML of ApplicableHeaderTradeSettlement before the sums
}

func elem(name, v string) string {
	switch v {
	case "":
		return ""
	case "<empty>":
		v = ""
	}
	return "<" + name + ">" + v + "</" + name + ">"
}

func (c ciiDoc) xml() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocument>`)
	b.WriteString(elem("ram:ID", c.number) + elem("ram:TypeCode", c.typeCode))
	if c.issue != "" {
		format := c.issueFormat
		if format == "" {
			format = "102"
		}
		fmt.Fprintf(&b, `<ram:IssueDateTime><udt:DateTimeString format="%s">%s</udt:DateTimeString></ram:IssueDateTime>`, format, strings.ReplaceAll(c.issue, "<empty>", ""))
	}
	b.WriteString("</rsm:ExchangedDocument>\n<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>")
	if c.buyer != "-" {
		b.WriteString("<ram:BuyerTradeParty>" + c.buyer + "</ram:BuyerTradeParty>")
	}
	b.WriteString("</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery/><ram:ApplicableHeaderTradeSettlement>")
	b.WriteString(elem("ram:InvoiceCurrencyCode", c.currency) + c.means)
	if c.due != "" {
		fmt.Fprintf(&b, `<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">%s</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>`, c.due)
	}
	b.WriteString("<ram:SpecifiedTradeSettlementHeaderMonetarySummation>")
	b.WriteString(elem("ram:GrandTotalAmount", c.grand) + elem("ram:TotalPrepaidAmount", c.prepaid) + elem("ram:DuePayableAmount", c.payable))
	b.WriteString("</ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>\n")
	return b.String()
}

// okCII is a valid invoice the tests vary.
var okCII = ciiDoc{
	number: "FX-1", typeCode: "380", issue: "20260115", due: "20260214", currency: "EUR",
	grand: "120.00", payable: "120.00",
	buyer: `<ram:Name>Boulangerie Martin SARL</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">552100554</ram:ID></ram:SpecifiedLegalOrganization>`,
}

// ublDoc writes a small UBL Invoice or CreditNote (root "CreditNote").
type ublDoc struct {
	root, prefix                        string
	number, typeCode, issue, due, cur   string
	inclusive, prepaid, payable, amtCur string
	party                               string // inner XML of cac:Party; "-" for no AccountingCustomerParty
	means                               string // whole cac:PaymentMeans elements
}

func (u ublDoc) xml() string {
	root := u.root
	if root == "" {
		root = "Invoice"
	}
	tag := root
	if u.prefix != "" {
		tag = u.prefix + ":" + root
	}
	ns := "xmlns"
	if u.prefix != "" {
		ns += ":" + u.prefix
	}
	amt := func(name, v string) string {
		if v == "" {
			return ""
		}
		cur := u.amtCur
		if cur == "" {
			cur = u.cur
		}
		return fmt.Sprintf(`<cbc:%s currencyID="%s">%s</cbc:%s>`, name, cur, v, name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<%s %s="urn:oasis:names:specification:ubl:schema:xsd:%s-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
`, tag, ns, root)
	b.WriteString(elem("cbc:ID", u.number) + elem("cbc:IssueDate", u.issue))
	if root == "Invoice" {
		b.WriteString(elem("cbc:DueDate", u.due) + elem("cbc:InvoiceTypeCode", u.typeCode))
	} else {
		b.WriteString(elem("cbc:CreditNoteTypeCode", u.typeCode))
	}
	b.WriteString(elem("cbc:DocumentCurrencyCode", u.cur))
	if u.party != "-" {
		b.WriteString("<cac:AccountingCustomerParty><cac:Party>" + u.party + "</cac:Party></cac:AccountingCustomerParty>")
	}
	b.WriteString(u.means)
	if root == "CreditNote" && u.due != "" {
		b.WriteString("<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>" + elem("cbc:PaymentDueDate", u.due) + "</cac:PaymentMeans>")
	}
	b.WriteString("<cac:LegalMonetaryTotal>" + amt("TaxInclusiveAmount", u.inclusive) + amt("PrepaidAmount", u.prepaid) + amt("PayableAmount", u.payable) + "</cac:LegalMonetaryTotal>")
	b.WriteString("</" + tag + ">\n")
	return b.String()
}

var okUBL = ublDoc{
	number: "U-1", typeCode: "380", issue: "2026-01-15", due: "2026-02-14", cur: "EUR",
	inclusive: "120.00", payable: "120.00",
	party: `<cac:PartyLegalEntity><cbc:RegistrationName>Boulangerie Martin SARL</cbc:RegistrationName><cbc:CompanyID schemeID="0002">552100554</cbc:CompanyID></cac:PartyLegalEntity>`,
}

// parseBytes runs Parse on data and returns what the sink got.
func parseBytes(t testing.TB, data []byte, opts Options) (*collect, receivable.Info, error) {
	t.Helper()
	var c collect
	info, err := Parse(context.Background(), bytes.NewReader(data), opts, &c)
	return &c, info, err
}

// one parses data and requires a single record and no issue.
func one(t *testing.T, data []byte) receivable.Record {
	t.Helper()
	c, _, err := parseBytes(t, data, Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(c.issues) > 0 || len(c.records) != 1 {
		t.Fatalf("%d records, issues %+v", len(c.records), c.issues)
	}
	return c.records[0]
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// testAttachment is one file of a PDF made by buildPDF.
type testAttachment struct {
	// name is the file specification's name as a PDF string token,
	// `(factur\055x\056xml)` or `<FEFF…>`; "" writes the stream with no
	// file specification.
	name  string
	data  []byte
	flate bool
	// filter, when set, replaces the /Filter entry (the data is then
	// written as given).
	filter string
	// noType leaves /Type /EmbeddedFile out of the stream dictionary.
	noType bool
}

// pdfOptions shape the file buildPDF writes.
type pdfOptions struct {
	objStm      bool // dictionaries in a compressed object stream, cross-reference stream
	indirectLen bool // each stream's /Length is a reference to an object after it
	encrypt     bool // the trailer names an /Encrypt dictionary
	header      string
}

// buildPDF writes a small PDF: a catalogue whose /Names and /AF list the
// attachments, an empty page tree, and per attachment a file
// specification and an embedded file stream.
func buildPDF(o pdfOptions, atts ...testAttachment) []byte {
	var b bytes.Buffer
	header := o.header
	if header == "" {
		header = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
	}
	b.WriteString(header)
	next := 4
	var names, af []string
	type obj struct {
		num  int
		body string
	}
	var dicts []obj
	var streams []obj
	for _, a := range atts {
		fs, ef := next, next+1
		next += 2
		if a.name != "" {
			names = append(names, fmt.Sprintf("%s %d 0 R", a.name, fs))
			af = append(af, fmt.Sprintf("%d 0 R", fs))
			dicts = append(dicts, obj{fs, fmt.Sprintf("<< /Type /Filespec /F %s /UF %s /AFRelationship /Data /Desc (Factur-X) /EF << /F %d 0 R /UF %d 0 R >> >>", a.name, a.name, ef, ef)})
		}
		data := a.data
		filter := a.filter
		if a.flate {
			data, filter = deflate(data), "/FlateDecode"
		}
		dict := "<< "
		if !a.noType {
			dict += "/Type /EmbeddedFile /Subtype /text#2Fxml "
		}
		if filter != "" {
			dict += "/Filter " + filter + " "
		}
		if o.indirectLen {
			dict += fmt.Sprintf("/Length %d 0 R >>", next)
			streams = append(streams, obj{ef, dict + "\nstream\n" + string(data) + "\nendstream"})
			streams = append(streams, obj{next, fmt.Sprint(len(data))})
			next++
		} else {
			dict += fmt.Sprintf("/Length %d /Params << /Size %d >> >>", len(data), len(a.data))
			streams = append(streams, obj{ef, dict + "\nstream\n" + string(data) + "\nendstream"})
		}
	}
	dicts = append([]obj{
		{1, fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> /AF [%s] >>", strings.Join(af, " "))},
		{2, "<< /Type /Pages /Kids [] /Count 0 >>"},
		{3, fmt.Sprintf("<< /Names [%s] >>", strings.Join(names, " "))},
	}, dicts...)

	offsets := map[int]int{}
	compressed := map[int][2]int{} // object → (object stream, index)
	write := func(o obj) {
		offsets[o.num] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
	}
	if o.objStm {
		stm := next
		next++
		var hdr, body strings.Builder
		for i, d := range dicts {
			fmt.Fprintf(&hdr, "%d %d ", d.num, body.Len())
			body.WriteString(d.body + "\n")
			compressed[d.num] = [2]int{stm, i}
		}
		content := deflate([]byte(hdr.String() + body.String()))
		write(obj{stm, fmt.Sprintf("<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
			len(dicts), hdr.Len(), len(content), content)})
	} else {
		for _, d := range dicts {
			write(d)
		}
	}
	for _, s := range streams {
		write(s)
	}
	encrypt := ""
	if o.encrypt {
		encrypt = " /Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>"
	}
	if o.objStm {
		xref := next
		size := next + 1
		offsets[xref] = b.Len()
		var rows bytes.Buffer
		for n := range size {
			switch {
			case n == 0:
				rows.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
			case compressed[n] != [2]int{}:
				c := compressed[n]
				rows.Write([]byte{2, 0, 0, byte(c[0] >> 8), byte(c[0]), byte(c[1] >> 8), byte(c[1])})
			default:
				off := offsets[n]
				rows.Write([]byte{1, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), 0, 0})
			}
		}
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R%s /Length %d >>\nstream\n%s\nendstream\nendobj\n",
			xref, size, encrypt, rows.Len(), rows.Bytes())
		fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offsets[xref])
		return b.Bytes()
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", next, encrypt, start)
	return b.Bytes()
}

// utf16Name writes name as a PDF hex string in UTF-16BE with its BOM.
func utf16Name(name string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range name {
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

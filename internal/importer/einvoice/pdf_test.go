package einvoice

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

const facturxName = `(factur\055x\056xml)`

func TestPDFAttachments(t *testing.T) {
	inv := []byte(okCII.xml())
	other := okCII
	other.number = "OTHER-7"
	otherXML := []byte(other.xml())
	xmp := []byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>`)
	longComment := []byte("<?xml version='1.0' encoding='UTF-8'?>\n<!--" + strings.Repeat("Nutzungsrechte FeRD. ", 400) + "-->\n" +
		strings.TrimPrefix(okCII.xml(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"))
	tests := []struct {
		name string
		pdf  []byte
		want string // invoice number
	}{
		{"plain stream, octal-escaped name", buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: inv}), "FX-1"},
		{"flate", buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
		{"object stream and xref stream", buildPDF(pdfOptions{objStm: true}, testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
		{"indirect length", buildPDF(pdfOptions{indirectLen: true}, testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
		{"UTF-16 name ZUGFeRD-invoice.xml", buildPDF(pdfOptions{}, testAttachment{name: utf16Name("ZUGFeRD-invoice.xml"), data: inv, flate: true}), "FX-1"},
		{"zugferd-invoice.xml", buildPDF(pdfOptions{}, testAttachment{name: "(zugferd-invoice.xml)", data: inv, flate: true}), "FX-1"},
		{"xrechnung.xml", buildPDF(pdfOptions{objStm: true}, testAttachment{name: "(xrechnung.xml)", data: inv, flate: true}), "FX-1"},
		{"delivery note first, then the invoice", buildPDF(pdfOptions{},
			testAttachment{name: `(Bon\137de\137livraison\056pdf)`, data: []byte("%PDF-1.4 not an invoice"), flate: true},
			testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
		{"the invoice name wins over another invoice XML", buildPDF(pdfOptions{},
			testAttachment{name: "(copy.xml)", data: otherXML, flate: true},
			testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
		{"an .xml that is not an invoice is passed over", buildPDF(pdfOptions{},
			testAttachment{name: "(metadata.xml)", data: xmp, flate: true},
			testAttachment{name: "(invoice.xml)", data: inv, flate: true}), "FX-1"},
		{"unknown name, invoice content", buildPDF(pdfOptions{}, testAttachment{name: "(data.bin)", data: inv, flate: true}), "FX-1"},
		{"no file specification, embedded file stream", buildPDF(pdfOptions{}, testAttachment{data: inv, flate: true}), "FX-1"},
		{"no file specification, untyped stream", buildPDF(pdfOptions{}, testAttachment{data: inv, flate: true, noType: true}), "FX-1"},
		{"long comment before the root", buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: longComment, flate: true}), "FX-1"},
		{"ASCIIHex then Flate", buildPDF(pdfOptions{}, testAttachment{name: facturxName,
			data: []byte(hexOf(deflate(inv)) + ">"), filter: "[/ASCIIHexDecode /FlateDecode]"}), "FX-1"},
		{"PDF 2.0 header", buildPDF(pdfOptions{header: "%PDF-2.0\n%\xe2\xe3\xcf\xd3\n"}, testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
		{"header after junk", buildPDF(pdfOptions{header: "\r\n\r\n%PDF-1.4\n"}, testAttachment{name: facturxName, data: inv, flate: true}), "FX-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, info, err := parseBytes(t, tt.pdf, Options{FileName: `C:\factures\F-1.pdf`})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(c.records) != 1 || len(c.issues) != 0 {
				t.Fatalf("%d records, issues %v", len(c.records), c.issues)
			}
			rec := c.records[0]
			if rec.Number != tt.want || rec.Amount.Minor != 12000 {
				t.Errorf("record %s %v, want %s 120.00", rec.Number, rec.Amount, tt.want)
			}
			if info.Format != receivable.FormatFacturX {
				t.Errorf("format %q", info.Format)
			}
			if d := rec.Document; d == nil || d.Name != "F-1.pdf" || d.ContentType != "application/pdf" || !bytes.Equal(d.Data, tt.pdf) {
				t.Errorf("Document does not hold the PDF")
			}
		})
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for i, c := range b {
		if i%32 == 31 {
			s.WriteByte('\n')
		}
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	return s.String()
}

func TestPDFDefaultName(t *testing.T) {
	rec := one(t, buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte(okCII.xml())}))
	if rec.Document == nil || rec.Document.Name != DefaultDocumentName {
		t.Errorf("document %+v", rec.Document)
	}
}

func TestPDFFaults(t *testing.T) {
	big := okCII.xml()
	big = strings.Replace(big, "</rsm:CrossIndustryInvoice>", strings.Repeat(" ", maxInflated+10)+"</rsm:CrossIndustryInvoice>", 1)
	tests := []struct {
		name string
		pdf  []byte
		key  string
	}{
		{"no attachment", buildPDF(pdfOptions{}), KeyNoXML},
		{"a delivery note only", buildPDF(pdfOptions{}, testAttachment{name: "(bon.pdf)", data: []byte("%PDF-1.4"), flate: true}), KeyNoXML},
		{"an XML that is not an invoice", buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte("<order/>")}), KeyNoXML},
		{"invoice XML cut short", buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte(okCII.xml()[:400])}), KeyPDFBadXML},
		{"encrypted", buildPDF(pdfOptions{encrypt: true}, testAttachment{name: facturxName, data: []byte("\x8a\x13\xfe garbled")}), KeyEncrypted},
		{"inflates beyond the limit", buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte(big), flate: true}), KeyTooComplex},
		{"only a header", []byte("%PDF-1.7\n"), KeyNoXML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, info, err := parseBytes(t, tt.pdf, Options{})
			var e *Error
			if !errors.As(err, &e) || e.Key != tt.key {
				t.Fatalf("error %v, want key %s", err, tt.key)
			}
			if len(c.records)+len(c.issues) != 0 || info.Format != receivable.FormatFacturX {
				t.Errorf("sink got %d records, %d issues; format %q", len(c.records), len(c.issues), info.Format)
			}
		})
	}
}

// TestPDFInvoiceIssues: an invoice XML found in a PDF that has a bad
// field reports its issues like a bare XML.
func TestPDFInvoiceIssues(t *testing.T) {
	bad := okCII
	bad.issue = "20261345"
	c, _, err := parseBytes(t, buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte(bad.xml()), flate: true}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.records) != 0 || len(c.issues) != 1 || c.issues[0].Key != KeyBadDate || c.issues[0].Column != "IssueDateTime" {
		t.Errorf("records %d, issues %+v", len(c.records), c.issues)
	}
}

func TestPDFLexer(t *testing.T) {
	l := pdfLexer{b: []byte(`<< /F (factur\055x\056xml) /UF <FEFF0061> /N#20ame (a(b)c\)\\\n\
d) /A [1 0 R 2 -3.5 /X true null] /R 12 0 R >>`)}
	v, err := l.value(0)
	if err != nil {
		t.Fatal(err)
	}
	d := v.(pdfDict)
	if got := pdfText(d["F"]); got != "factur-x.xml" {
		t.Errorf("F = %q", got)
	}
	if got := pdfText(d["UF"]); got != "a" {
		t.Errorf("UF = %q", got)
	}
	if got := string(d["N ame"].(pdfString)); got != "a(b)c)\\\nd" {
		t.Errorf("N ame = %q", got)
	}
	if a := d["A"].(pdfArray); len(a) != 6 || a[0] != (pdfRef{1, 0}) || a[1] != int64(2) || a[4] != true || a[5] != nil {
		t.Errorf("A = %#v", a)
	}
	if d["R"] != (pdfRef{12, 0}) {
		t.Errorf("R = %#v", d["R"])
	}
	// Deep nesting is refused, not recursed into.
	deep := pdfLexer{b: []byte(strings.Repeat("[", 10000))}
	if _, err := deep.value(0); err == nil {
		t.Error("10000 nested arrays read without error")
	}
}

// TestPDFDamagedObject: an unclosed dictionary or string before the file
// specification does not hide it.
func TestPDFDamagedObject(t *testing.T) {
	good := buildPDF(pdfOptions{}, testAttachment{name: facturxName, data: []byte(okCII.xml())})
	for _, junk := range []string{"7 0 obj << /A (unclosed string endobj\n", "8 0 obj << /B [1 2 endobj\n", "9 0 obj <</C <<\nendobj\n"} {
		pdf := bytes.Replace(good, []byte("1 0 obj"), []byte(junk+"1 0 obj"), 1)
		if rec := one(t, pdf); rec.Number != "FX-1" {
			t.Errorf("%q: number %q", junk, rec.Number)
		}
	}
}

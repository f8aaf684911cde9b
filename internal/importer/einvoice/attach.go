package einvoice

import (
	"bytes"
	"context"
	"errors"
	"path"
	"sort"
	"strings"
	"unicode/utf16"
)

// invoiceNames are the names Factur-X (factur-x.xml), ZUGFeRD 1
// (ZUGFeRD-invoice.xml), ZUGFeRD 2 (zugferd-invoice.xml) and XRechnung
// (xrechnung.xml) give the attached invoice, compared in lower case.
var invoiceNames = map[string]bool{
	"factur-x.xml": true, "zugferd-invoice.xml": true, "xrechnung.xml": true,
}

// sniffPrefix is how much of an unnamed stream is inflated to see
// whether it is an invoice: enough for a long licence comment before the
// root element.
const sniffPrefix = 64 << 10

// attachment is an embedded file found through a file specification.
type attachment struct {
	name   string
	stream *pdfStream
}

// errNoXML says the PDF holds no invoice XML.
var errNoXML = errors.New("pdf: no embedded invoice XML")

// findInvoiceXML returns the invoice XML embedded in a PDF. It tries, in
// order, the files attached under an invoice name, the other attached
// .xml files, every other embedded file stream, and last every stream of
// the file: the first whose content starts with a CII or UBL root wins.
func findInvoiceXML(ctx context.Context, data []byte) ([]byte, error) {
	f, err := scanPDF(ctx, data)
	if err != nil {
		return nil, err
	}
	atts := f.attachments()
	tried := map[*pdfStream]bool{}
	var tooLarge bool
	try := func(s *pdfStream) []byte {
		if tried[s] {
			return nil
		}
		tried[s] = true
		// A sniff of the beginning first, so that no large stream is
		// inflated whole for nothing.
		head, err := decodeStream(s, f, sniffPrefix, &f.bud)
		if err != nil && !errors.Is(err, errTooLarge) {
			return nil
		}
		if _, ok := sniffXML(head); !ok {
			return nil
		}
		if err == nil {
			return head
		}
		full, err := decodeStream(s, f, maxInflated, &f.bud)
		if err != nil {
			tooLarge = tooLarge || errors.Is(err, errTooLarge)
			return nil
		}
		return full
	}
	for _, named := range []func(string) bool{isInvoiceName, isXMLName} {
		for _, a := range atts {
			if named(a.name) {
				if x := try(a.stream); x != nil {
					return x, nil
				}
			}
		}
	}
	for _, onlyEmbedded := range []bool{true, false} {
		for _, s := range f.streams {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if t, _ := s.dict["Type"].(pdfName); onlyEmbedded != (t == "EmbeddedFile") || t == "ObjStm" || t == "XRef" {
				continue
			}
			if x := try(s); x != nil {
				return x, nil
			}
		}
	}
	if tooLarge {
		return nil, errTooLarge
	}
	return nil, errNoXML
}

func isInvoiceName(name string) bool { return invoiceNames[baseName(name)] }

func isXMLName(name string) bool { return strings.HasSuffix(baseName(name), ".xml") }

func baseName(name string) string {
	return strings.ToLower(path.Base(strings.ReplaceAll(name, `\`, "/")))
}

// attachments lists the file specifications of the file, wherever they
// are (the catalogue's /AF array, the /EmbeddedFiles name tree, a page's
// annotation): any dictionary with an /EF entry whose file resolves to a
// stream.
func (f *pdfFile) attachments() []attachment {
	var out []attachment
	seen := map[*pdfStream]bool{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > maxPDFNesting {
			return
		}
		switch t := v.(type) {
		case pdfDict:
			if ef, ok := f.resolve(t["EF"]).(pdfDict); ok {
				s, _ := f.resolve(ef["UF"]).(*pdfStream)
				if s == nil {
					s, _ = f.resolve(ef["F"]).(*pdfStream)
				}
				if s != nil && !seen[s] {
					seen[s] = true
					name := pdfText(f.resolve(t["UF"]))
					if name == "" {
						name = pdfText(f.resolve(t["F"]))
					}
					out = append(out, attachment{name: name, stream: s})
				}
			}
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(t[k], depth+1)
			}
		case pdfArray:
			for _, e := range t {
				walk(e, depth+1)
			}
		}
	}
	// In file order, so that the first of two invoice files wins.
	objs := make([]pdfObject, 0, len(f.objects))
	for _, o := range f.objects {
		if _, isStream := o.val.(*pdfStream); !isStream {
			objs = append(objs, o)
		}
	}
	sort.Slice(objs, func(i, j int) bool {
		if objs[i].pos != objs[j].pos {
			return objs[i].pos < objs[j].pos
		}
		return objs[i].num < objs[j].num
	})
	for _, o := range objs {
		walk(o.val, 0)
	}
	return out
}

// pdfText decodes a PDF text string: UTF-16BE after its byte order mark,
// UTF-8 after its own (PDF 2.0), else PDFDocEncoding, read as Latin-1
// (the names compared here are ASCII).
func pdfText(v any) string {
	s, ok := v.(pdfString)
	if !ok {
		return ""
	}
	switch {
	case bytes.HasPrefix(s, []byte{0xFE, 0xFF}):
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	case bytes.HasPrefix(s, []byte{0xEF, 0xBB, 0xBF}):
		return string(s[3:])
	}
	r := make([]rune, len(s))
	for i, c := range s {
		r[i] = rune(c)
	}
	return string(r)
}

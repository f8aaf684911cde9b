package einvoice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// MaxSize is the largest file Parse reads: an e-invoice, even a PDF with
// its images and fonts, is far smaller.
const MaxSize = 20 << 20

// DefaultDocumentName names the kept PDF when the caller gives no file
// name.
const DefaultDocumentName = "facture.pdf"

// Options tell Parse what it reads.
type Options struct {
	// Format forces FormatFacturX, FormatCII or FormatUBL; empty, Parse
	// tells them apart by their content.
	Format receivable.Format
	// FileName is the name of the uploaded file, kept on the PDF attached
	// to the record.
	FileName string
}

// Parse reads one e-invoice from r: a Factur-X or ZUGFeRD PDF, a CII XML
// or a UBL Invoice or CreditNote. It emits one Record (line 1) to sink,
// or one Issue per field it cannot read (and then no record). A fault of
// the whole file is returned as an *Error (errors.As also finds it as a
// receivable.Issue of line 0), with Info as far as it was learnt, and
// nothing reaches the sink; an error of sink.Record is returned wrapped.
func Parse(ctx context.Context, r io.Reader, opts Options, sink receivable.Sink) (receivable.Info, error) {
	info := receivable.Info{Format: opts.Format}
	switch opts.Format {
	case "", receivable.FormatFacturX, receivable.FormatCII, receivable.FormatUBL:
	default:
		return info, fmt.Errorf("einvoice: cannot read format %q", opts.Format)
	}
	if err := ctx.Err(); err != nil {
		return info, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return info, fmt.Errorf("einvoice: read: %w", err)
	}
	if len(data) > MaxSize {
		return info, fault(KeyTooLarge, nil, MaxSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return info, fault(KeyEmpty, nil)
	}

	if isPDF(data) {
		return parsePDF(ctx, data, opts, sink)
	}
	return parseXMLFile(data, opts, sink)
}

// parsePDF reads a Factur-X or ZUGFeRD PDF: the invoice XML attached to
// it, and the PDF itself kept on the record.
func parsePDF(ctx context.Context, data []byte, opts Options, sink receivable.Sink) (receivable.Info, error) {
	info := receivable.Info{Format: receivable.FormatFacturX}
	if opts.Format == receivable.FormatCII || opts.Format == receivable.FormatUBL {
		return info, fault(KeyFormatMismatch, nil, formatLabel(receivable.FormatFacturX), formatLabel(opts.Format))
	}
	xmlData, err := extract(ctx, data)
	if err != nil {
		return info, err
	}
	rec, _, enc, err := parseXML(xmlData, "", sink)
	if e := (*Error)(nil); errors.As(err, &e) && e.Key == KeyNotXML {
		// The attachment starts like an invoice but does not read to
		// its end.
		return info, fault(KeyPDFBadXML, e.Err)
	}
	if err != nil {
		return info, err
	}
	info.Encoding, info.Lines = enc, 1
	if rec == nil {
		return info, nil
	}
	name := path.Base(strings.ReplaceAll(opts.FileName, `\`, "/"))
	if opts.FileName == "" || name == "." || name == "/" {
		name = DefaultDocumentName
	}
	rec.Document = &receivable.Attachment{Name: name, ContentType: "application/pdf", Data: data}
	return info, emit(sink, *rec)
}

// parseXMLFile reads a CII or UBL file.
func parseXMLFile(data []byte, opts Options, sink receivable.Sink) (receivable.Info, error) {
	info := receivable.Info{Format: opts.Format}
	if f, ok := sniffXML(data); ok {
		info.Format = f
	}
	if opts.Format == receivable.FormatFacturX {
		found := receivable.Format("XML")
		if info.Format != opts.Format {
			found = info.Format
		}
		return info, fault(KeyFormatMismatch, nil, formatLabel(found), formatLabel(receivable.FormatFacturX))
	}
	rec, format, enc, err := parseXML(data, opts.Format, sink)
	if err != nil {
		return info, err
	}
	info.Format, info.Encoding, info.Lines = format, enc, 1
	if rec == nil {
		return info, nil
	}
	return info, emit(sink, *rec)
}

// parseXML reads an invoice XML; want, when set, is the only format
// accepted. It reports the issues to sink and returns the record, nil
// when there were issues, and the format and encoding read.
func parseXML(data []byte, want receivable.Format, sink receivable.Sink) (*receivable.Record, receivable.Format, string, error) {
	var format receivable.Format
	doc, err := readXML(data, func(local, space string) error {
		switch {
		case local == ciiRoot || local == ciiLegacyRoot:
			format = receivable.FormatCII
		case isUBLRoot(local, space):
			format = receivable.FormatUBL
		default:
			return fault(KeyNotInvoice, nil, local)
		}
		if want != "" && want != format {
			return fault(KeyFormatMismatch, nil, formatLabel(format), formatLabel(want))
		}
		return nil
	})
	if err != nil {
		return nil, format, "", err
	}
	var raw *rawDoc
	if format == receivable.FormatCII {
		raw = readCII(doc.root)
	} else {
		raw = readUBL(doc.root)
	}
	rec, issues := build(raw)
	for _, is := range issues {
		sink.Issue(is)
	}
	if len(issues) > 0 {
		return nil, format, doc.encoding, nil
	}
	return &rec, format, doc.encoding, nil
}

// extract finds the invoice XML in a PDF, turning the reasons it cannot
// into faults.
func extract(ctx context.Context, data []byte) ([]byte, error) {
	x, err := findInvoiceXML(ctx, data)
	switch {
	case err == nil:
		return x, nil
	case errors.Is(err, errTooLarge):
		// The PDF is small enough, the invoice XML inside it is not.
		return nil, fault(KeyTooComplex, err)
	case errors.Is(err, errNoXML) && bytes.Contains(data, []byte("/Encrypt")):
		return nil, fault(KeyEncrypted, err)
	case errors.Is(err, errNoXML):
		return nil, fault(KeyNoXML, err)
	}
	return nil, fmt.Errorf("einvoice: read PDF: %w", err)
}

func emit(sink receivable.Sink, rec receivable.Record) error {
	if err := sink.Record(rec); err != nil {
		return fmt.Errorf("einvoice: invoice %s: %w", rec.Number, err)
	}
	return nil
}

// formatLabel names a format in messages.
func formatLabel(f receivable.Format) string {
	switch f {
	case receivable.FormatFacturX:
		return "Factur-X (PDF)"
	case receivable.FormatCII:
		return "CII (XML)"
	case receivable.FormatUBL:
		return "UBL (XML)"
	}
	return string(f)
}

// pdfHeaderWindow is where a PDF's "%PDF-" may start: readers accept it
// anywhere in the first kilobyte.
const pdfHeaderWindow = 1024

func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), pdfHeaderWindow)], []byte("%PDF-"))
}

// Sniff tells whether a file that starts with sample is an e-invoice:
// FormatFacturX for any PDF (whether it holds an invoice is known only
// by Parse), FormatCII or FormatUBL for an XML whose root element, within
// the sample, is a CII or UBL invoice.
func Sniff(sample []byte) (receivable.Format, bool) {
	if isPDF(sample) {
		return receivable.FormatFacturX, true
	}
	return sniffXML(sample)
}

// sniffXML names the invoice format of an XML by its root element.
func sniffXML(sample []byte) (receivable.Format, bool) {
	local, space, ok := rootOf(sample)
	switch {
	case !ok:
		return "", false
	case local == ciiRoot || local == ciiLegacyRoot:
		return receivable.FormatCII, true
	case isUBLRoot(local, space):
		return receivable.FormatUBL, true
	}
	return "", false
}

package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/recouvre/recouvre/internal/importer/einvoice"
	"github.com/recouvre/recouvre/internal/importer/fec"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/tabular"
	"github.com/recouvre/recouvre/internal/ledger"
)

// sniffSize is how much of a file format detection looks at.
const sniffSize = 64 << 10

// Detect names the format of a file from its first bytes: a ZIP archive is
// a workbook, a PDF a Factur-X invoice, XML a CII or UBL invoice, a text
// whose header names the FEC's fields a FEC, and any other text a CSV.
func Detect(sample []byte) receivable.Format {
	switch {
	case bytes.HasPrefix(sample, []byte("PK\x03\x04")):
		return receivable.FormatXLSX
	case bytes.HasPrefix(bytes.TrimLeft(sample, "\x00\t\r\n "), []byte("%PDF")):
		return receivable.FormatFacturX
	}
	if f, ok := einvoice.Sniff(sample); ok {
		return f
	}
	if fec.Sniff(sample) {
		return receivable.FormatFEC
	}
	return receivable.FormatCSV
}

// parse hands the file to the parser of its format.
func parse(ctx context.Context, f receivable.Format, r io.Reader, opts Options, sink receivable.Sink) (receivable.Info, error) {
	switch f {
	case receivable.FormatCSV, receivable.FormatXLSX:
		topts := tabular.Options{Format: f, Encoding: opts.Encoding, PreviewRows: opts.PreviewRows}
		if len(opts.Mapping) > 0 {
			var m tabular.Mapping
			if err := json.Unmarshal(opts.Mapping, &m); err != nil {
				return receivable.Info{}, ledger.FieldError("mapping", "the mapping is not valid: %v", err)
			}
			topts.Mapping = &m
		}
		return tabular.Parse(ctx, r, topts, sink)
	case receivable.FormatFEC:
		return fec.Parse(ctx, r, fec.Options{Encoding: opts.Encoding}, sink)
	case receivable.FormatFacturX, receivable.FormatCII, receivable.FormatUBL:
		return einvoice.Parse(ctx, r, einvoice.Options{Format: f, FileName: opts.FileName}, sink)
	}
	return receivable.Info{}, fmt.Errorf("importer: no parser for %q", f)
}

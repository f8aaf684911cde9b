package bankcsv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// MaxInputBytes is the largest file Parse reads: 50 MB.
const MaxInputBytes = 50 << 20

// Magic numbers of the files Parse recognises or refuses by content.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, or an encrypted .xlsx
)

// Parse reads a bank's CSV or Excel (.xlsx) export of an account's
// lines. A line it cannot read is reported in File.Issues and left out.
// A file it cannot read at all (no header among the first rows, a mapped
// column absent, an old or damaged workbook, more than MaxInputBytes) is
// an error wrapping a statement.Issue; so is nothing else but a read
// error or ctx's end.
func Parse(ctx context.Context, r io.Reader, opts Options) (*statement.File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("bankcsv: read the file: %w", err)
	}
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("bankcsv: %w", fatal(0, keyTooLarge, MaxInputBytes>>20))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("bankcsv: %w", fatal(1, keyEmpty))
	}
	p := &parser{opts: opts}
	if opts.Mapping != nil {
		order, ok := parseDateFormat(opts.Mapping.DateFormat)
		if !ok {
			return nil, fmt.Errorf("bankcsv: %w", fatal(0, keyDateFormat, opts.Mapping.DateFormat))
		}
		p.order = order
		if !opts.Mapping.usable() {
			return nil, fmt.Errorf("bankcsv: %w", fatal(0, keyMappingUnusable))
		}
	}
	src, enc, err := open(data, opts)
	if err != nil {
		return nil, fmt.Errorf("bankcsv: %w", err)
	}
	p.src = src
	p.excel, p.date1904 = src.excel()
	err = p.read(ctx)
	if cerr := src.close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("bankcsv: %w", err)
	}
	return &statement.File{
		Format:     statement.FormatCSV,
		Encoding:   enc,
		Statements: p.statements(),
		Issues:     p.issues.list,
	}, nil
}

// open returns the source of the file's rows and, for a CSV file, the
// encoding of its text.
func open(data []byte, opts Options) (source, string, error) {
	format := opts.Format
	if format == "" {
		var key string
		if format, key = sniffFormat(data); key != "" {
			return nil, "", fatal(0, key)
		}
	}
	if format == FormatXLSX {
		src, err := openXLSX(data, opts.Sheet)
		if err != nil {
			return nil, "", err
		}
		return src, "", nil
	}
	src, enc, err := openCSV(data, opts.Encoding, opts.Delimiter)
	if err != nil {
		return nil, "", err
	}
	return src, enc, nil
}

// sniffFormat tells the format of a file from its first bytes: xlsx for
// a ZIP archive, csv for anything else, or the catalogue key of a format
// refused (an old or protected Excel file, an OpenDocument sheet).
func sniffFormat(head []byte) (Format, string) {
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return "", keyXLS
	case bytes.HasPrefix(head, zipMagic):
		// An OpenDocument file stores its media type first, uncompressed.
		if len(head) >= 38 && string(head[30:38]) == "mimetype" &&
			bytes.Contains(head[38:min(len(head), 120)], []byte("opendocument")) {
			return "", keyODS
		}
		return FormatXLSX, ""
	}
	return FormatCSV, ""
}

// parser reads the rows of one file.
type parser struct {
	opts            Options
	src             source
	excel, date1904 bool
	issues          issueList
	pre             preamble
	header          []string
	mapping         Mapping
	idx             map[Field]int
	order           dateOrder
	rows            []row
	stmts           []*statement.Statement
	byCurrency      map[string]*statement.Statement
}

// read finds the header, then keeps the data rows and reads them once
// the order of their dates is known.
func (p *parser) read(ctx context.Context) error {
	if err := p.findHeader(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r, err := p.src.next()
		if err == io.EOF {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			p.issues.add(re.line, "", "", re.key, re.args...)
			continue
		}
		if err != nil {
			return err
		}
		if r.empty() || p.isHeader(r) {
			continue
		}
		p.rows = append(p.rows, r)
	}
	if p.order == orderAuto {
		p.order = p.guessOrder()
	}
	for i, r := range p.rows {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		p.line(r)
	}
	p.rows = nil
	return nil
}

package tabular

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// cancelEvery is how many rows go by between two looks at the context.
const cancelEvery = 256

// Parse reads a CSV or Excel file of receivables from r and sends sink a
// Record for each data row it can read, or an Issue for each bad value of
// a row it cannot (a row gives one or the other). Rows that carry nothing
// (blank, subtotal lines) and exact repeats of an earlier row are skipped.
//
// A problem with the whole file — no header found, an unreadable
// workbook, no column for the invoice number, the amount or the debtor —
// is returned as an error that is a receivable.Issue; Info still holds
// what was read (header, preview rows) so that the user can correct the
// mapping. An error from sink.Record stops the parse and is returned as
// is; so is the context's error, wrapped, when ctx ends.
func Parse(ctx context.Context, r io.Reader, opts Options, sink receivable.Sink) (receivable.Info, error) {
	var info receivable.Info
	if err := ctx.Err(); err != nil {
		return info, fmt.Errorf("tabular: %w", err)
	}
	cur, err := defaultCurrency(opts)
	if err != nil {
		return info, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(128)
	if err != nil && !errors.Is(err, io.EOF) {
		return info, fmt.Errorf("tabular: read the start of the file: %w", err)
	}
	format := opts.Format
	if format == "" {
		var key string
		if format, key = sniff(head); key != "" {
			return info, fatal(0, key)
		}
	}
	info.Format = format
	rec := newRecognizer(opts.Mapping)
	var src source
	switch format {
	case receivable.FormatCSV:
		src, err = openCSV(br, opts, rec, &info)
	case receivable.FormatXLSX:
		src, err = openXLSX(br, opts.Sheet)
	default:
		is := fatal(0, KeyFormat, string(format))
		is.Value = string(format)
		return info, is
	}
	if err != nil {
		return info, err
	}
	err = run(ctx, src, opts, rec, cur, sink, &info)
	info.Lines = src.lines()
	if cerr := src.close(); err == nil {
		err = cerr
	}
	return info, err
}

// defaultCurrency is the currency of amounts no column qualifies: the
// mapping's, else the options', else EUR.
func defaultCurrency(opts Options) (money.Currency, error) {
	s := string(opts.Currency)
	if opts.Mapping != nil && opts.Mapping.Currency != "" {
		s = string(opts.Mapping.Currency)
	}
	if s == "" {
		return "EUR", nil
	}
	c, ok := parseCurrency(s)
	if !ok {
		is := fatal(0, KeyCurrency, s)
		is.Value = s
		return "", is
	}
	return c, nil
}

// run finds the header, resolves the mapping and converts every data row.
func run(ctx context.Context, src source, opts Options, rec recognizer, cur money.Currency, sink receivable.Sink, info *receivable.Info) error {
	header, pending, err := findHeader(src, rec, opts.HeaderLine)
	if err != nil {
		preview(info, pending, opts.PreviewRows)
		return err
	}
	info.Header = header.fields
	m := opts.Mapping
	if m == nil {
		detected := DetectMapping(header.fields)
		m = &detected
	}
	l, err := m.resolve(header.fields, header.line)
	if err != nil {
		return previewRest(src, info, pending, opts.PreviewRows, err)
	}
	conv := &converter{l: l, headers: len(header.fields), style: src.cells(), currency: cur}
	n := 0
	handle := func(r row) error {
		if blank(r.fields) {
			return nil
		}
		if len(info.Preview) < opts.PreviewRows {
			info.Preview = append(info.Preview, append([]string(nil), r.fields...))
		}
		if n++; n%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("tabular: stopped at line %d: %w", r.line, err)
			}
		}
		record, issues, skip := conv.convert(r)
		if skip {
			return nil
		}
		for _, is := range issues {
			sink.Issue(is)
		}
		if len(issues) > 0 {
			return nil
		}
		return sink.Record(record)
	}
	for _, r := range pending {
		if err := handle(r); err != nil {
			return err
		}
	}
	for {
		r, err := src.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := handle(r); err != nil {
			return err
		}
	}
}

// preview keeps up to n of rows in info.Preview.
func preview(info *receivable.Info, rows []row, n int) {
	for _, r := range rows {
		if len(info.Preview) >= n {
			return
		}
		info.Preview = append(info.Preview, r.fields)
	}
}

// previewRest fills the preview with the rows read and as many more as it
// needs, then returns err: the user sees the file while correcting the
// mapping.
func previewRest(src source, info *receivable.Info, pending []row, n int, err error) error {
	preview(info, pending, n)
	for len(info.Preview) < n {
		r, rerr := src.next()
		if rerr != nil {
			break
		}
		if !blank(r.fields) {
			info.Preview = append(info.Preview, append([]string(nil), r.fields...))
		}
	}
	return err
}

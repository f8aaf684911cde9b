package tabular

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// row is one row of a file, as read.
type row struct {
	line   int      // physical line (CSV) or row number (workbook) where it starts
	fields []string // valid until the next read of its source
	// unclosed is set when a quoted field ran to the end of the file.
	unclosed bool
}

// source streams the rows of a file.
type source interface {
	// next returns the next row, io.EOF after the last.
	next() (row, error)
	// lines is the number of physical lines or rows read so far.
	lines() int
	// cells tells how the source writes numbers and dates.
	cells() cellStyle
	close() error
}

// cellStyle is what a source's cells hold beyond text.
type cellStyle struct {
	// excel: numbers are Excel's stored values ("1234.5599999999999",
	// "4.5E-2"), dates may be serial numbers.
	excel bool
	// date1904: the workbook counts days from 1904 (old Mac Excel).
	date1904 bool
}

// csvSource reads rows from CSV text.
type csvSource struct{ r *csvReader }

func (s *csvSource) next() (row, error) {
	rec, err := s.r.read()
	if errors.Is(err, errTooLong) {
		return row{}, fatal(rec.line, KeyRecordTooLong)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return row{}, fmt.Errorf("tabular: read line %d: %w", rec.line, err)
	}
	return row{line: rec.line, fields: rec.fields, unclosed: rec.unclosed}, err
}

func (s *csvSource) lines() int       { return s.r.lines() }
func (s *csvSource) cells() cellStyle { return cellStyle{} }
func (s *csvSource) close() error     { return nil }

// openCSV decodes r's text and settles its delimiter, noting both in info.
func openCSV(r io.Reader, opts Options, rec recognizer, info *receivable.Info) (source, error) {
	text, enc, err := textenc.NewReader(r, opts.Encoding)
	if err != nil {
		return nil, fmt.Errorf("tabular: read the start of the file: %w", err)
	}
	info.Encoding = enc
	br := bufio.NewReaderSize(text, textenc.SampleSize)
	sample, err := br.Peek(textenc.SampleSize)
	truncated := err == nil
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("tabular: read the start of the file: %w", err)
	}
	var delim byte
	if opts.Delimiter != "" {
		var ok bool
		if delim, ok = parseDelimiter(opts.Delimiter); !ok {
			is := fatal(0, KeyDelimiter, opts.Delimiter)
			is.Value = opts.Delimiter
			return nil, is
		}
	} else if d, ok := sepHint(sample); ok {
		delim = d
	} else {
		delim = detectDelimiter(sample, truncated, rec)
	}
	info.Delimiter = string(delim)
	return &csvSource{r: newCSVReader(br, delim)}, nil
}

// parseDelimiter reads a forced delimiter: one character other than a
// quote or a line end, or "tab".
func parseDelimiter(s string) (byte, bool) {
	switch strings.ToLower(s) {
	case "tab", `\t`:
		return '\t', true
	}
	if len(s) != 1 || s[0] == '"' || s[0] == '\r' || s[0] == '\n' || s[0] >= 0x80 {
		return 0, false
	}
	return s[0], true
}

// sepHint reads the "sep=;" first line Excel writes and reads to name a
// CSV file's delimiter. The line itself is then read as a preamble row.
func sepHint(sample []byte) (byte, bool) {
	line, _, _ := strings.Cut(string(sample[:min(len(sample), 16)]), "\n")
	line = strings.TrimRight(line, "\r")
	if len(line) != 5 || !strings.EqualFold(line[:4], "sep=") {
		return 0, false
	}
	return parseDelimiter(line[4:])
}

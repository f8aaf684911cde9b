package bankcsv

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// csvSource reads the rows of a CSV file with encoding/csv, lenient about
// quotes, after decoding its text and turning its line ends into LF.
type csvSource struct {
	r *csv.Reader
	// skip is the number of lines a "sep=;" directive took.
	skip int
}

// openCSV decodes data and detects its delimiter unless forced. It
// returns the encoding it used.
func openCSV(data []byte, encoding, delimiter string) (*csvSource, string, error) {
	text, enc := textenc.DecodeString(data, encoding)
	text = unifyLineEnds(text)
	skip := 0
	if d, rest, ok := sepDirective(text); ok {
		if delimiter == "" {
			delimiter = d
		}
		text, skip = rest, 1
	}
	var comma rune
	switch delimiter {
	case "":
		comma = detectDelimiter(text)
	case ";", ",", "\t", "|":
		comma = rune(delimiter[0])
	default:
		return nil, "", fatal(0, keyDelimiter, delimiter)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	return &csvSource{r: r, skip: skip}, enc, nil
}

// maxRecordLines is how many lines one record may span: a label quoted
// over a few lines is common, a record over more is a quote never
// closed, which lenient quoting would otherwise read to the end of the
// file as one value.
const maxRecordLines = 20

func (s *csvSource) next() (row, error) {
	cells, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return row{}, &rowError{line: pe.StartLine + s.skip, key: keyRow, args: []any{pe.Err.Error()}}
		}
		if err == io.EOF {
			return row{}, io.EOF
		}
		return row{}, fmt.Errorf("read the CSV text: %w", err)
	}
	line, _ := s.r.FieldPos(0)
	line += s.skip
	spanned := 0
	for _, c := range cells {
		spanned += strings.Count(c, "\n")
	}
	if spanned > maxRecordLines {
		return row{}, &rowError{line: line, key: keyQuote, args: []any{spanned + 1}}
	}
	return row{line: line, cells: cells}, nil
}

func (s *csvSource) excel() (bool, bool) { return false, false }
func (s *csvSource) close() error        { return nil }

// unifyLineEnds turns CR LF, runs of CRs before LF (CR CR LF) and lone
// CRs into LF, so that encoding/csv counts lines as grep -n does.
func unifyLineEnds(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\r' {
			b.WriteByte(s[i])
			continue
		}
		for i+1 < len(s) && s[i+1] == '\r' {
			i++
		}
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// sepDirective reads the "sep=;" first line Excel writes and understands.
func sepDirective(text string) (delimiter, rest string, ok bool) {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimPrefix(first, "\ufeff")
	if len(first) == 5 && strings.EqualFold(first[:4], "sep=") {
		return first[4:], rest, true
	}
	return "", "", false
}

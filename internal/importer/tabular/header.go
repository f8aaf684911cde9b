package tabular

import (
	"errors"
	"io"
	"strings"
)

// headerSearchRows is how many non-blank rows may come before the header:
// the title, account and period lines a bank or accounting export puts
// first.
const headerSearchRows = 20

// recognizer tells how much a row looks like the header: the number of
// known column names it holds — the user mapping's headers when there is
// one, our synonyms otherwise.
type recognizer struct {
	names []string // the user mapping's headers; nil to use synonyms
}

func newRecognizer(m *Mapping) recognizer {
	if m == nil {
		return recognizer{}
	}
	var names []string
	seen := map[string]bool{}
	for _, f := range allFields {
		n := strings.TrimSpace(m.Columns[f])
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return recognizer{names: names}
}

// score counts the known names in row.
func (r recognizer) score(row []string) int {
	n := 0
	if r.names == nil {
		for _, cell := range row {
			if _, ok := lookupHeader(cell); ok {
				n++
			}
		}
		return n
	}
	for _, name := range r.names {
		if findColumn(row, name) >= 0 {
			n++
		}
	}
	return n
}

// threshold is the score from which a row is the header: two names, or
// every name of a mapping that has fewer.
func (r recognizer) threshold() int {
	if r.names != nil && len(r.names) < 2 {
		return max(len(r.names), 1)
	}
	return 2
}

// blank reports whether a row has no value at all: an empty line, or
// only delimiters.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// findHeader reads rows until the header: the row at line headerLine when
// given, else the first of the first headerSearchRows non-blank rows that
// rec recognises. It returns the header and the rows read after it. When
// no header is found, the error is a receivable.Issue and rows holds what
// was read, for the preview.
func findHeader(src source, rec recognizer, headerLine int) (header row, rows []row, err error) {
	for {
		r, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return row{}, rows, err
		}
		if blank(r.fields) {
			continue
		}
		r.fields = append([]string(nil), r.fields...)
		if headerLine > 0 {
			if r.line == headerLine {
				return r, nil, nil
			}
			if len(rows) < headerSearchRows {
				rows = append(rows, r)
			}
			if r.line > headerLine {
				break
			}
			continue
		}
		if rec.score(r.fields) >= rec.threshold() {
			return r, nil, nil
		}
		rows = append(rows, r)
		if len(rows) >= headerSearchRows {
			break
		}
	}
	if len(rows) == 0 && headerLine == 0 {
		return row{}, nil, fatal(0, KeyEmptyFile)
	}
	return row{}, rows, fatal(headerLine, KeyNoHeader, headerSearchRows)
}

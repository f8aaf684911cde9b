package bankcsv

import (
	"fmt"
	"strings"
	"unicode"
)

// row is one row of the file: its physical line (its row number in a
// workbook) and its cells.
type row struct {
	line  int
	cells []string
}

// source yields the rows of a file, then io.EOF. An error that is a
// rowError reports a row it could not read and lets the reading go on.
type source interface {
	next() (row, error)
	// excel reports whether cells are a workbook's raw values: numbers
	// written as machine decimals, dates as serial numbers.
	excel() (yes, date1904 bool)
	close() error
}

// rowError is a row a source could not read: the catalogue key of the
// reason and its arguments.
type rowError struct {
	line int
	key  string
	args []any
}

func (e *rowError) Error() string { return fmt.Sprintf("row %d: %s %v", e.line, e.key, e.args) }

// cell returns the trimmed cell i of r, "" when r is shorter.
func (r row) cell(i int) string {
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return trimCell(r.cells[i])
}

// trimCell trims blanks around a cell, no-break spaces and a stray BOM
// included.
func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
}

// empty reports whether every cell of r is blank.
func (r row) empty() bool {
	for i := range r.cells {
		if r.cell(i) != "" {
			return false
		}
	}
	return true
}

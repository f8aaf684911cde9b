package bankcsv

import (
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// Sniff reports whether sample, the beginning of a file, looks like a
// bank export this package reads: an .xlsx workbook (a ZIP archive with
// the parts of one), or a CSV text with, among its first HeaderWindow
// lines, a header naming a date and an amount (or debit and credit).
func Sniff(sample []byte) bool {
	if bytes.HasPrefix(sample, zipMagic) {
		return bytes.Contains(sample, []byte("xl/")) || bytes.Contains(sample, []byte("[Content_Types].xml"))
	}
	if bytes.HasPrefix(sample, oleMagic) {
		return false
	}
	text, _ := textenc.DecodeString(sample, "")
	text = unifyLineEnds(text)
	if _, rest, ok := sepDirective(text); ok {
		text = rest
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = detectDelimiter(text)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	for n := 0; n < HeaderWindow; n++ {
		cells, err := r.Read()
		if err != nil {
			return false
		}
		for i := range cells {
			cells[i] = trimCell(cells[i])
		}
		if DetectMapping(cells).usable() {
			return true
		}
	}
	return false
}

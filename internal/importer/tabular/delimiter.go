package tabular

import (
	"bytes"
)

// delimiters are the candidates, in the order a tie is settled.
var delimiters = []byte{';', ',', '\t', '|'}

// sampleRecords is how many records of the sample the detection reads.
const sampleRecords = 30

// detectDelimiter chooses the delimiter of CSV text starting with sample
// (truncated when the text goes on). The delimiter that splits a header
// row into the most known column names wins; failing a header, the one
// that gives the most rows the same number of fields, weighted by that
// number. Quotes are honoured, so a ';' or ',' inside a quoted field does
// not count.
func detectDelimiter(sample []byte, truncated bool, rec recognizer) byte {
	best, bestHits, bestSpread := delimiters[0], -1, -1
	for _, d := range delimiters {
		hits, spread := scoreDelimiter(sample, truncated, d, rec)
		if hits > bestHits || hits == bestHits && spread > bestSpread {
			best, bestHits, bestSpread = d, hits, spread
		}
	}
	return best
}

// scoreDelimiter splits the sample with d: hits is the number of known
// names in the header row it finds (0 without one), spread the number of
// rows sharing the most common field count times that count less one.
func scoreDelimiter(sample []byte, truncated bool, d byte, rec recognizer) (hits, spread int) {
	r := newCSVReader(bytes.NewReader(sample), d)
	counts := map[int]int{}
	var rows [][]string
	for len(rows) < sampleRecords {
		record, err := r.read()
		if err != nil { // io.EOF, or a record beyond the limits
			break
		}
		if blank(record.fields) {
			continue
		}
		rows = append(rows, append([]string(nil), record.fields...))
	}
	// The last record of a truncated sample may be cut short.
	if truncated && len(rows) > 1 {
		rows = rows[:len(rows)-1]
	}
	for _, row := range rows {
		if n := rec.score(row); n >= rec.threshold() && hits == 0 {
			hits = n
		}
		counts[len(row)]++
	}
	for n, c := range counts {
		if n > 1 && c*(n-1) > spread {
			spread = c * (n - 1)
		}
	}
	return hits, spread
}

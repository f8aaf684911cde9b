package bankcsv

import "strings"

// candidates are the delimiters detectDelimiter chooses from, in the
// order that breaks ties: French exports use the semicolon.
var candidates = []rune{';', ',', '\t', '|'}

// detectDelimiter picks the delimiter of a CSV text from its first lines
// that are not blank: the one whose count per line (outside quotes) is
// the same on the most lines, weighted by that count, so that a preamble
// of a few odd lines does not mislead it.
func detectDelimiter(text string) rune {
	var lines []string
	for len(lines) < 50 && text != "" {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	best, bestScore := ';', 0
	for _, c := range candidates {
		counts := map[int]int{}
		for _, l := range lines {
			if n := countOutsideQuotes(l, c); n > 0 {
				counts[n]++
			}
		}
		score := 0
		for n, k := range counts {
			score = max(score, k*n+k*100)
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// countOutsideQuotes counts c in line outside double-quoted parts.
func countOutsideQuotes(line string, c rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == c && !quoted:
			n++
		}
	}
	return n
}

package cfonb

import "strings"

// line is one physical line of the file and its number.
type line struct {
	text string
	n    int
}

// lines cuts text into physical lines: a line ends at LF, at a run of
// CRs followed by LF, or at a run of lone CRs. The last line need not
// end. yield returns false to stop.
func lines(text string, yield func(line) bool) {
	n := 1
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			yield(line{text: text, n: n})
			return
		}
		if !yield(line{text: text[:i], n: n}) {
			return
		}
		j := i
		for j < len(text) && text[j] == '\r' {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			j++
		}
		text = text[j:]
		n++
	}
}

package camt

import "bytes"

// lineIndex turns byte offsets of the decoded text into line numbers. A
// line ends with LF, CR LF or a lone CR (one of the samples uses classic
// Mac line ends, which encoding/xml does not count). Offsets are asked in
// increasing order, so the index moves forward and the whole file is
// scanned once.
type lineIndex struct {
	data []byte
	off  int // offset reached
	line int // line at off
}

func newLineIndex(data []byte) *lineIndex { return &lineIndex{data: data, line: 1} }

// at returns the line of offset off.
func (l *lineIndex) at(off int64) int {
	o := int(min(max(off, 0), int64(len(l.data))))
	if o < l.off {
		l.off, l.line = 0, 1
	}
	seg := l.data[l.off:o]
	l.line += bytes.Count(seg, []byte{'\n'})
	if bytes.IndexByte(seg, '\r') >= 0 {
		for i, c := range seg {
			if c == '\r' && (l.off+i+1 >= len(l.data) || l.data[l.off+i+1] != '\n') {
				l.line++
			}
		}
	}
	l.off = o
	return l.line
}

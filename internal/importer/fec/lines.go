package fec

import (
	"bufio"
	"bytes"
	"io"
)

// MaxLineBytes is the longest line the parser reads. A FEC line is a few
// hundred bytes; a longer one means the file is not a FEC.
const MaxLineBytes = 1 << 20

// newScanner returns a scanner of r's physical lines, without their
// terminators.
func newScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	sc.Split(splitLines)
	return sc
}

// splitLines is a bufio.SplitFunc that ends a line at LF, at a run of
// CRs followed by LF (CR LF, CR CR LF: one line end), or at a lone CR.
func splitLines(data []byte, atEOF bool) (int, []byte, error) {
	i := bytes.IndexAny(data, "\r\n")
	if i < 0 {
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	}
	if data[i] == '\n' {
		return i + 1, data[:i], nil
	}
	j := i
	for j < len(data) && data[j] == '\r' {
		j++
	}
	switch {
	case j < len(data) && data[j] == '\n':
		return j + 1, data[:i], nil
	case j == len(data) && !atEOF:
		return 0, nil, nil // an LF may follow the CRs
	}
	return i + 1, data[:i], nil
}

// splitFields cuts line at sep into dst, reusing its storage.
func splitFields(dst [][]byte, line []byte, sep byte) [][]byte {
	dst = dst[:0]
	for {
		i := bytes.IndexByte(line, sep)
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}

// clean trims a field's padding and the double quotes around it.
func clean(b []byte) []byte {
	b = bytes.TrimSpace(b)
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = bytes.TrimSpace(b[1 : len(b)-1])
	}
	return b
}

// blank reports whether b holds only spaces.
func blank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

package camt

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// Sniff reports whether sample, the beginning of a file (it may be cut
// anywhere), is a camt.053 or camt.054 message, and which. It reads the
// message element's local name, or, when the sample ends before it, the
// camt.05x namespace of the root Document.
func Sniff(sample []byte) (statement.Format, bool) {
	switch {
	case bytes.HasPrefix(sample, utf8BOM):
		sample = sample[len(utf8BOM):]
	case bytes.HasPrefix(sample, utf16BEBOM), bytes.HasPrefix(sample, utf16LEBOM):
		// A sample cut inside a character decodes to a replacement
		// character at its end, which does not matter here.
		sample, _ = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(sample)
	}
	dec := xml.NewDecoder(bytes.NewReader(sample))
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	space := ""
	for depth := 0; ; {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if depth++; depth == 1 && start.Name.Local == elemDocument {
			space = start.Name.Space
			continue
		}
		return formatOf(start.Name.Local)
	}
	switch {
	case strings.Contains(space, "camt.053."):
		return statement.FormatCAMT053, true
	case strings.Contains(space, "camt.054."):
		return statement.FormatCAMT054, true
	}
	return "", false
}

// Package textenc detects the character set of a text export and decodes
// it to UTF-8 as a stream. French accounting and spreadsheet exports come
// as UTF-8 with or without BOM, Windows-1252 or ISO-8859-15; some mix them
// (a UTF-8 file with a stray 8-bit byte). Detection looks at the first
// bytes; decoding never fails: a byte that is not valid UTF-8 in a UTF-8
// file is read as Windows-1252, so no line is lost and the reader sees a
// plausible character where the file was wrong.
package textenc

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Encoding names, as the preview shows them.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 (BOM)"
	Windows1252 = "Windows-1252"
	ISO885915   = "ISO-8859-15"
)

// SampleSize is how many bytes Detect looks at.
const SampleSize = 64 << 10

var bom = []byte{0xEF, 0xBB, 0xBF}

// Detect names the encoding of a file that starts with sample.
func Detect(sample []byte) string {
	if bytes.HasPrefix(sample, bom) {
		return UTF8BOM
	}
	if validPrefix(sample) || mostlyUTF8(sample) {
		return UTF8
	}
	c1, iso := 0, 0
	for _, b := range sample {
		switch {
		case b >= 0x80 && b <= 0x9F:
			c1++
		case b == 0xA4 || b == 0xBC || b == 0xBD || b == 0xBE || b == 0xA6 || b == 0xA8:
			iso++
		}
	}
	if c1 == 0 && iso > 0 {
		return ISO885915
	}
	return Windows1252
}

// mostlyUTF8 reports whether s holds more well-formed multi-byte UTF-8
// sequences than stray bytes: a UTF-8 file with a few 8-bit mistakes.
func mostlyUTF8(s []byte) bool {
	multi, bad := 0, 0
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		switch {
		case r == utf8.RuneError && size <= 1:
			bad++
		case size > 1:
			multi++
		}
		s = s[size:]
	}
	return multi > bad
}

// validPrefix reports whether s is valid UTF-8, allowing a rune cut at
// the end of the sample.
func validPrefix(s []byte) bool {
	if utf8.Valid(s) {
		return true
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(s); cut++ {
		if utf8.Valid(s[:len(s)-cut]) && !utf8.FullRune(s[len(s)-cut:]) {
			return true
		}
	}
	return false
}

// NewReader detects r's encoding from its first SampleSize bytes and
// returns a reader of its text in UTF-8, without the BOM, and the name of
// the encoding. A non-empty force ("UTF-8", "Windows-1252",
// "ISO-8859-15") skips the detection.
func NewReader(r io.Reader, force string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, SampleSize)
	sample, err := br.Peek(SampleSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	enc := force
	if enc == "" {
		enc = Detect(sample)
	}
	switch enc {
	case UTF8BOM:
		if bytes.HasPrefix(sample, bom) {
			if _, err := br.Discard(len(bom)); err != nil {
				return nil, "", err
			}
		}
		return transform.NewReader(br, lenient{}), enc, nil
	case Windows1252:
		return transform.NewReader(br, charmap.Windows1252.NewDecoder()), enc, nil
	case ISO885915:
		return transform.NewReader(br, charmap.ISO8859_15.NewDecoder()), enc, nil
	default:
		if bytes.HasPrefix(sample, bom) {
			if _, err := br.Discard(len(bom)); err != nil {
				return nil, "", err
			}
		}
		return transform.NewReader(br, lenient{}), UTF8, nil
	}
}

// DecodeString decodes b as NewReader would.
func DecodeString(b []byte, force string) (string, string) {
	r, enc, err := NewReader(bytes.NewReader(b), force)
	if err != nil {
		return string(b), UTF8
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return string(b), enc
	}
	return string(out), enc
}

// lenient passes valid UTF-8 through and reads each invalid byte as
// Windows-1252.
type lenient struct{ transform.NopResetter }

func (lenient) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size = cp1252(c), 1
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}

func cp1252(b byte) rune {
	r := charmap.Windows1252.DecodeByte(b)
	if r == utf8.RuneError || r == 0 {
		return rune(b)
	}
	return r
}

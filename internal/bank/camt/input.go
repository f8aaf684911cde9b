package camt

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// readInput reads r whole, refusing more than MaxSize bytes.
func readInput(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("camt: read input: %w", err)
	}
	if len(data) > MaxSize {
		return nil, fault(KeyTooLarge, 0, "", fmt.Sprintf("more than %d bytes", MaxSize), MaxSize>>20)
	}
	return data, nil
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16BEBOM = []byte{0xFE, 0xFF}
	utf16LEBOM = []byte{0xFF, 0xFE}
)

// toUTF8 returns data as UTF-8 and the name of the encoding it was in. A
// byte order mark decides; else the XML declaration's encoding; else
// UTF-8, where a stray invalid byte is read as Windows-1252 rather than
// failing the whole file. The decoder then reads the result as is,
// whatever the declaration says, so that byte offsets and lines refer to
// the text it reads.
func toUTF8(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return lenientUTF8(data[len(utf8BOM):], textenc.UTF8BOM)
	case bytes.HasPrefix(data, utf16BEBOM), bytes.HasPrefix(data, utf16LEBOM):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, "", fault(KeyNotXML, 0, "", "UTF-16: "+err.Error())
		}
		return out, "UTF-16", nil
	}
	label := declaredEncoding(data)
	switch strings.ToLower(label) {
	case "", "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be":
		// A declaration read as ASCII cannot be UTF-16 without a BOM.
		return lenientUTF8(data, textenc.UTF8)
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, "", fault(KeyBroken, 1, "xml/@encoding", label)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", fault(KeyBroken, 1, "xml/@encoding", label)
	}
	return out, strings.ToUpper(label), nil
}

// lenientUTF8 passes valid UTF-8 through untouched and repairs the rest.
func lenientUTF8(data []byte, name string) ([]byte, string, error) {
	if utf8.Valid(data) {
		return data, name, nil
	}
	s, _ := textenc.DecodeString(data, textenc.UTF8)
	return []byte(s), name, nil
}

// declaredEncoding returns the encoding named by the XML declaration that
// starts data, or "".
func declaredEncoding(data []byte) string {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data[:min(len(data), 1024)], []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(data[len("<?xml"):end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	rest, ok := strings.CutPrefix(rest, "=")
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	value, _, ok := strings.Cut(rest[1:], rest[:1])
	if !ok {
		return ""
	}
	return strings.TrimSpace(value)
}

// tooManyAttrs reports whether a start tag of data seems to carry more
// than maxAttrs attributes: it counts the '=' outside quotes between a
// '<' that opens an element and the next '>'. encoding/xml gathers all of
// a tag's attributes before returning it, so a tag with millions of them
// must be refused before decoding. Comments and CDATA sections are not
// told apart, so the count can only err towards refusing such a file.
func tooManyAttrs(data []byte) bool {
	for i := 0; i < len(data); i++ {
		if data[i] != '<' || i+1 >= len(data) {
			continue
		}
		if c := data[i+1]; c == '!' || c == '?' || c == '/' {
			continue
		}
		n := 0
		var quote byte
	tag:
		for i++; i < len(data); i++ {
			switch c := data[i]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '=':
				if n++; n > maxAttrs {
					return true
				}
			case c == '>':
				break tag
			}
		}
	}
	return false
}

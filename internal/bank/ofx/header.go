package ofx

import (
	"bytes"
	"strings"
)

// header is what the part of the file before <OFX> says.
type header struct {
	// xml marks an OFX 2.x file (<?xml …?> or <?OFX …?>).
	xml bool
	// charset is the 1.x CHARSET or the XML declaration's encoding,
	// upper-cased, "" when none.
	charset string
}

// bom is the UTF-8 byte-order mark.
var bom = []byte{0xEF, 0xBB, 0xBF}

// readHeader reads the header of raw, the file's bytes, and tells whether
// it is OFX at all: a 1.x header (OFXHEADER:…, possibly after blank
// lines), an XML prolog with an <?OFX?> instruction or an <OFX> root, or
// a bare <OFX> root. It looks at the first headerWindow bytes only.
func readHeader(raw []byte) (header, bool) {
	s := raw
	if len(s) > headerWindow {
		s = s[:headerWindow]
	}
	s = bytes.TrimLeft(bytes.TrimPrefix(s, bom), " \t\r\n\x00")
	upper := bytes.ToUpper(s)
	switch {
	case bytes.HasPrefix(upper, []byte("OFXHEADER")):
		h := header{}
		end := bytes.IndexByte(s, '<')
		if end < 0 {
			end = len(s)
		}
		for _, field := range strings.Fields(string(s[:end])) {
			key, value, ok := strings.Cut(field, ":")
			if ok && strings.EqualFold(key, "CHARSET") {
				h.charset = strings.ToUpper(value)
			}
		}
		return h, true
	case bytes.HasPrefix(upper, []byte("<?XML")), bytes.HasPrefix(upper, []byte("<?OFX")):
		h := header{xml: true}
		if i := bytes.Index(upper, []byte("ENCODING=")); i >= 0 {
			h.charset = attrValue(string(upper[i+len("ENCODING="):]))
		}
		return h, bytes.Contains(upper, []byte("<?OFX")) || bytes.Contains(upper, []byte("<OFX>"))
	case bytes.HasPrefix(upper, []byte("<OFX>")):
		return header{}, true
	}
	return header{}, false
}

// headerWindow is how much of the file the header may take.
const headerWindow = 4096

// attrValue reads a quoted attribute value at the start of s.
func attrValue(s string) string {
	if s == "" || (s[0] != '"' && s[0] != '\'') {
		return ""
	}
	end := strings.IndexByte(s[1:], s[0])
	if end < 0 {
		return ""
	}
	return s[1 : 1+end]
}

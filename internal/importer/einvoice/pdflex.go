package einvoice

import (
	"bytes"
	"errors"
	"strconv"
)

// PDF objects as the scanner reads them: only what is needed to follow
// file specifications to embedded files. Numbers are int64 (reals are
// kept as keywords: nothing here needs one).
type (
	pdfDict    map[string]any
	pdfArray   []any
	pdfName    string
	pdfString  []byte
	pdfKeyword string
	pdfRef     struct{ num, gen int }
)

// maxPDFNesting bounds the nesting of arrays and dictionaries: a crafted
// "[[[[…" must not exhaust the stack.
const maxPDFNesting = 32

var errPDFSyntax = errors.New("pdf: syntax error")

// pdfLexer reads PDF values from b, starting at pos.
type pdfLexer struct {
	b   []byte
	pos int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace passes white space and comments.
func (l *pdfLexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// value reads one value. Every call advances pos, even on an error, so
// that a caller looping over values always ends.
func (l *pdfLexer) value(depth int) (any, error) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return nil, errPDFSyntax
	}
	if depth > maxPDFNesting {
		l.pos++
		return nil, errPDFSyntax
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		return l.name(), nil
	case c == '(':
		return l.literal(), nil
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		return l.dict(depth)
	case c == '<':
		return l.hex(), nil
	case c == '[':
		return l.array(depth)
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return l.number(), nil
	case isPDFDelim(c):
		l.pos++
		return pdfKeyword(c), nil
	}
	start := l.pos
	for l.pos < len(l.b) && !isPDFSpace(l.b[l.pos]) && !isPDFDelim(l.b[l.pos]) {
		l.pos++
	}
	switch kw := string(l.b[start:l.pos]); kw {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	default:
		return pdfKeyword(kw), nil
	}
}

// name reads /Name, decoding #xx escapes.
func (l *pdfLexer) name() pdfName {
	l.pos++ // '/'
	var b []byte
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isPDFSpace(c) || isPDFDelim(c) {
			break
		}
		if c == '#' && l.pos+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.pos+1:l.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return pdfName(b)
}

// literal reads (a string), with its balanced parentheses and escapes:
// \n \r \t \b \f \( \) \\, octal \ddd (factur\055x\056xml) and a
// backslash before an end of line, which continues the string.
func (l *pdfLexer) literal() pdfString {
	l.pos++ // '('
	var b []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return b
			}
		case '\\':
			if l.pos >= len(l.b) {
				return b
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes: the character itself
				}
			}
		}
		b = append(b, c)
	}
	return b
}

// hex reads <48656C6C6F>, white space allowed, an odd last digit read as
// followed by 0.
func (l *pdfLexer) hex() pdfString {
	l.pos++ // '<'
	var b []byte
	var hi, n int
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		var v int
		switch {
		case c == '>':
			if n%2 == 1 {
				b = append(b, byte(hi<<4))
			}
			return b
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		default:
			continue
		}
		if n%2 == 0 {
			hi = v
		} else {
			b = append(b, byte(hi<<4|v))
		}
		n++
	}
	return b
}

// number reads an integer, or an integer followed by another and R: a
// reference. A real number comes back as a keyword.
func (l *pdfLexer) number() any {
	start := l.pos
	l.pos++
	for l.pos < len(l.b) && (l.b[l.pos] >= '0' && l.b[l.pos] <= '9' || l.b[l.pos] == '.') {
		l.pos++
	}
	tok := string(l.b[start:l.pos])
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		return pdfKeyword(tok)
	}
	// "12 0 R"?
	save := l.pos
	l.skipSpace()
	genStart := l.pos
	for l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '9' {
		l.pos++
	}
	if l.pos > genStart && l.pos-genStart <= 5 && n >= 0 && n <= 1<<30 {
		gen, _ := strconv.Atoi(string(l.b[genStart:l.pos]))
		l.skipSpace()
		if l.pos < len(l.b) && l.b[l.pos] == 'R' && (l.pos+1 == len(l.b) || isPDFSpace(l.b[l.pos+1]) || isPDFDelim(l.b[l.pos+1])) {
			l.pos++
			return pdfRef{int(n), gen}
		}
	}
	l.pos = save
	return n
}

// array reads [ … ].
func (l *pdfLexer) array(depth int) (pdfArray, error) {
	l.pos++ // '['
	var a pdfArray
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return a, errPDFSyntax
		}
		if l.b[l.pos] == ']' {
			l.pos++
			return a, nil
		}
		v, err := l.value(depth + 1)
		if err != nil {
			return a, err
		}
		if kw, ok := v.(pdfKeyword); ok && (kw == "endobj" || kw == "stream" || kw == "obj") {
			return a, errPDFSyntax
		}
		a = append(a, v)
	}
}

// dict reads << /Key value … >>.
func (l *pdfLexer) dict(depth int) (pdfDict, error) {
	l.pos += 2 // "<<"
	d := pdfDict{}
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return d, errPDFSyntax
		}
		if bytes.HasPrefix(l.b[l.pos:], []byte(">>")) {
			l.pos += 2
			return d, nil
		}
		k, err := l.value(depth + 1)
		if err != nil {
			return d, err
		}
		key, ok := k.(pdfName)
		if !ok {
			return d, errPDFSyntax
		}
		if l.skipSpace(); bytes.HasPrefix(l.b[l.pos:], []byte(">>")) {
			d[string(key)] = nil // a key without its value
			continue
		}
		v, err := l.value(depth + 1)
		if err != nil {
			return d, err
		}
		if kw, ok := v.(pdfKeyword); ok && (kw == "endobj" || kw == "stream" || kw == "obj") {
			return d, errPDFSyntax
		}
		d[string(key)] = v
	}
}

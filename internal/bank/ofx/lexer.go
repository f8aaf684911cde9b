package ofx

import (
	"strings"
)

// tokenKind tells what a token is.
type tokenKind int

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
)

// token is a start tag, an end tag or a run of text between tags. Names
// are upper-cased; text is raw (entities not yet decoded).
type token struct {
	kind tokenKind
	name string
	text string
	// selfClosing marks <TAG/>, an empty leaf.
	selfClosing bool
	line        int
}

// lexer cuts OFX text, SGML or XML, into tokens, counting physical lines.
type lexer struct {
	s         string
	pos       int
	line      int
	peeked    token
	hasPeeked bool
}

func newLexer(s string, line int) *lexer { return &lexer{s: s, line: line} }

// peek returns the next token without consuming it.
func (l *lexer) peek() token {
	if !l.hasPeeked {
		l.peeked, l.hasPeeked = l.scan(), true
	}
	return l.peeked
}

// next consumes and returns the next token.
func (l *lexer) next() token {
	if l.hasPeeked {
		l.hasPeeked = false
		return l.peeked
	}
	return l.scan()
}

// advance moves to s[to], counting the line breaks it passes: LF, and a
// run of CRs not followed by LF.
func (l *lexer) advance(to int) {
	for i := l.pos; i < to; i++ {
		switch l.s[i] {
		case '\n':
			l.line++
		case '\r':
			if i+1 >= len(l.s) || (l.s[i+1] != '\n' && l.s[i+1] != '\r') {
				l.line++
			}
		}
	}
	l.pos = to
}

// skipPast moves past the first occurrence of end, or to the end of the
// text when there is none.
func (l *lexer) skipPast(end string) {
	i := strings.Index(l.s[l.pos:], end)
	if i < 0 {
		l.advance(len(l.s))
		return
	}
	l.advance(l.pos + i + len(end))
}

// closeTag moves past the end of a tag whose name was read: past its '>',
// or up to the next '<' when a broken tag has none, so that no search
// runs to the end of the file for each tag. It reports "/>".
func (l *lexer) closeTag() (selfClosing bool) {
	end := strings.IndexAny(l.s[l.pos:], "<>")
	switch {
	case end < 0:
		l.advance(len(l.s))
	case l.s[l.pos+end] == '<':
		l.advance(l.pos + end)
	default:
		selfClosing = end > 0 && l.s[l.pos+end-1] == '/'
		l.advance(l.pos + end + 1)
	}
	return selfClosing
}

func (l *lexer) scan() token {
	for l.pos < len(l.s) {
		if l.s[l.pos] != '<' || !startsMarkup(l.s[l.pos:]) {
			return l.text()
		}
		rest := l.s[l.pos:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			l.skipPast("-->")
		case strings.HasPrefix(rest, "<![CDATA["):
			line := l.line
			end := strings.Index(rest, "]]>")
			if end < 0 {
				end = len(rest)
			}
			text := rest[len("<![CDATA["):end]
			l.advance(min(l.pos+end+len("]]>"), len(l.s)))
			// CDATA is literal: protect its ampersands from decoding.
			return token{kind: tokText, text: strings.ReplaceAll(text, "&", "&amp;"), line: line}
		case strings.HasPrefix(rest, "<!"):
			l.skipPast(">")
		case strings.HasPrefix(rest, "<?"):
			l.skipPast(">")
		case strings.HasPrefix(rest, "</"):
			line := l.line
			name, n := tagName(rest[2:])
			l.advance(l.pos + 2 + n)
			l.closeTag()
			return token{kind: tokEnd, name: name, line: line}
		default:
			line := l.line
			name, n := tagName(rest[1:])
			l.advance(l.pos + 1 + n)
			self := l.closeTag()
			return token{kind: tokStart, name: name, selfClosing: self, line: line}
		}
	}
	return token{kind: tokEOF, line: l.line}
}

// text reads the text up to the next markup. Its line is the line of
// its first character that is not white space.
func (l *lexer) text() token {
	start := l.pos
	end := start + 1
	for end < len(l.s) {
		i := strings.IndexByte(l.s[end:], '<')
		if i < 0 {
			end = len(l.s)
			break
		}
		end += i
		if startsMarkup(l.s[end:]) {
			break
		}
		end++
	}
	raw := l.s[start:end]
	lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n"))
	l.advance(start + lead)
	line := l.line
	l.advance(end)
	return token{kind: tokText, text: raw, line: line}
}

// startsMarkup reports whether s, which starts with '<', opens a tag, an
// end tag, a comment, a declaration or a processing instruction, rather
// than being a literal '<' in text.
func startsMarkup(s string) bool {
	if len(s) < 2 {
		return false
	}
	c := s[1]
	if c == '/' && len(s) > 2 {
		c = s[2]
	} else if c == '!' || c == '?' {
		return true
	}
	return nameChar(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-'
}

// tagName reads a tag name at the start of s, upper-cased, and its length.
func tagName(s string) (string, int) {
	n := 0
	for n < len(s) && nameChar(s[n]) {
		n++
	}
	return strings.ToUpper(s[:n]), n
}

func nameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == ':'
}

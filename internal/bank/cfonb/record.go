package cfonb

import (
	"strings"
	"unicode/utf8"
)

// RecordLen is the length of a CFONB 120 record.
const RecordLen = 120

// Record kinds.
const (
	codeOldBalance = "01"
	codeOperation  = "04"
	codeDetail     = "05"
	codeNewBalance = "07"
)

// record is one 120-character record and the physical line it is on.
type record struct {
	r    []rune
	line int
}

// zone returns the characters from position from to position to, both
// 1-based and included, as the CFONB brochure numbers them.
func (rec record) zone(from, to int) string { return string(rec.r[from-1 : to]) }

// code returns the record's kind.
func (rec record) code() string { return rec.zone(1, 2) }

// account is the record's account number (22–32), trimmed.
func (rec record) account() string { return strings.TrimSpace(rec.zone(22, 32)) }

// knownCode reports whether s starts with a record kind this package
// reads.
func knownCode(s string) bool {
	if len(s) < 2 || s[0] != '0' {
		return false
	}
	switch s[1] {
	case '1', '4', '5', '7':
		return true
	}
	return false
}

// minLen is how short a record of each kind may be, its trailing blanks
// trimmed: a 01, 04 or 07 must reach its amount, a 05 its date (an empty
// complement, trimmed, stops there).
func minLen(code string) int {
	if code == codeDetail {
		return 40
	}
	return 104
}

// eachRecord cuts one physical line into records and yields them: the
// line itself, padded with blanks or cut when the excess is blank, or
// every 120 characters when the line holds several records without line
// breaks. It returns the text of a line that is none of these (too short
// or too long), "" when all went well. Only one record at a time is held
// as runes, so a file without line breaks costs no more than another.
func eachRecord(l line, yield func(record)) (bad string) {
	text := strings.TrimRight(l.text, "\x1a")
	if blank(text) {
		return ""
	}
	first, rest := cutRunes(text, RecordLen)
	if rest != "" && !blank(rest) {
		for chunk, more := first, rest; chunk != ""; chunk, more = cutRunes(more, RecordLen) {
			if !knownCode(chunk) {
				return text
			}
		}
		for chunk, more := first, rest; chunk != ""; chunk, more = cutRunes(more, RecordLen) {
			rs, ok := pad(chunk)
			if !ok {
				return chunk
			}
			yield(record{r: rs, line: l.n})
		}
		return ""
	}
	rs, ok := pad(first)
	if !ok {
		return text
	}
	yield(record{r: rs, line: l.n})
	return ""
}

// cutRunes splits s after its first n characters.
func cutRunes(s string, n int) (head, tail string) {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], s[i:]
}

// pad returns s as RecordLen runes, padded with blanks, or false when,
// its trailing blanks trimmed, it is too short for its kind.
func pad(s string) ([]rune, bool) {
	rs := []rune(s)
	if len(rs) == RecordLen {
		return rs, true
	}
	if len(rs) < 2 || utf8.RuneCountInString(strings.TrimRight(s, " ")) < minLen(string(rs[:2])) {
		return nil, false
	}
	out := make([]rune, RecordLen)
	copy(out, rs)
	for i := len(rs); i < RecordLen; i++ {
		out[i] = ' '
	}
	return out, true
}

func blank(s string) bool { return strings.Trim(s, " \t\x1a") == "" }

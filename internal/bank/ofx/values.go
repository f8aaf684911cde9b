package ofx

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// Years an OFX date may have.
const (
	minYear = 1900
	maxYear = 2199
)

// cleanText decodes the entities of a leaf's raw text and trims it; line
// breaks and tabs inside become spaces.
func cleanText(raw string) string {
	s := strings.TrimSpace(raw)
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, s)
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = decodeEntities(s)
	}
	return strings.TrimSpace(s)
}

// decodeEntities replaces the XML entities and numeric character
// references of s; an unknown or broken one stays as written.
func decodeEntities(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := strings.IndexByte(s, ';')
		if end < 0 || end > 12 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		if r, ok := entity(s[1:end]); ok {
			b.WriteRune(r)
		} else {
			b.WriteString(s[:end+1])
		}
		s = s[end+1:]
	}
}

func entity(name string) (rune, bool) {
	switch name {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	case "nbsp":
		return '\u00a0', true
	}
	if !strings.HasPrefix(name, "#") {
		return 0, false
	}
	base, digits := 10, name[1:]
	if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// parseDate reads an OFX date, YYYYMMDD[HHMMSS[.XXX]][[+-]H[.MM]:TZ],
// as the civil date written, whatever the time and zone after it. The
// rest must look like a time and a zone: digits and . : + - [ ] letters.
func parseDate(s string) (civil.Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 {
		return civil.Date{}, false
	}
	n := 0
	for _, c := range []byte(s[:8]) {
		if c < '0' || c > '9' {
			return civil.Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	for _, c := range []byte(s[8:]) {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || strings.IndexByte(".:+-[] ", c) >= 0) {
			return civil.Date{}, false
		}
	}
	y, m, d := n/10000, time.Month(n/100%100), n%100
	date := civil.D(y, m, d)
	if y < minYear || y > maxYear || date.Month != m || date.Day != d {
		return civil.Date{}, false
	}
	return date, true
}

// parseAmount reads an OFX amount: a signed decimal with a dot, or a
// comma as many French banks write it ("-75,00"), in currency c. The
// error is the catalogue key of the reason.
func parseAmount(s string, c money.Currency) (money.Amount, string) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	a, err := money.ParseDecimal(s, c)
	if err == nil {
		return a, ""
	}
	var pe *money.ParseError
	if errors.As(err, &pe) {
		switch pe.Key {
		case money.KeyTooManyDecimals:
			return money.Amount{}, keyAmountDecimals
		case money.KeyOverflow:
			return money.Amount{}, keyAmountTooLarge
		}
	}
	return money.Amount{}, keyAmount
}

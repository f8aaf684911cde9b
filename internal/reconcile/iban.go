package reconcile

import "strings"

// NormalizeIBAN is the form the IBAN memory is keyed by: upper case,
// without spaces nor dashes.
func NormalizeIBAN(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		case isDigit(c) || 'A' <= c && c <= 'Z':
			b.WriteByte(c)
		}
	}
	return b.String()
}

// looksLikeIBAN reports whether a word of a remittance text is an IBAN
// (two letters, two check digits, a valid MOD 97 check): it is then no
// invoice number.
func looksLikeIBAN(s string) bool {
	s = NormalizeIBAN(s)
	if len(s) < 15 || len(s) > 34 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	return mod97(s[4:]+s[:4]) == 1
}

package reconcile

import (
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

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

// looksLikeIBAN reports whether a word of a remittance text is an IBAN:
// it is then no invoice number.
func looksLikeIBAN(s string) bool {
	_, ok := ledger.NormalizeIBAN(s)
	return ok
}

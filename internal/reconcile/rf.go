package reconcile

import (
	"fmt"
	"strings"
)

// The structured creditor reference (ISO 11649, "RF" + two check digits
// + up to 21 letters and digits) recouvre prints on an invoice carries
// the invoice number itself, its letters and digits without separators:
// "F2024-0012" → "RF47F20240012" (see RFReference). Reading one back, the
// matcher looks the embedded reference up among the invoices' compact
// keys, so leading zeros a payer's software adds do not matter.

// ValidRF reports whether ref is a well-formed ISO 11649 creditor
// reference with correct check digits. Spaces are ignored and case does
// not matter ("RF18 5390 0754 7034" is valid).
func ValidRF(ref string) bool {
	s := strings.ToUpper(strings.Join(strings.Fields(ref), ""))
	if len(s) < 5 || len(s) > 25 || s[0] != 'R' || s[1] != 'F' || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	for i := 4; i < len(s); i++ {
		if !isDigit(s[i]) && (s[i] < 'A' || s[i] > 'Z') {
			return false
		}
	}
	return mod97(s[4:]+s[:4]) == 1
}

// RFReference builds the ISO 11649 reference of an invoice number, or ""
// when the number has no letter nor digit or more than 21 of them.
func RFReference(number string) string {
	var b strings.Builder
	for _, g := range splitGroups(number) {
		b.WriteString(strings.ToUpper(g.s))
	}
	body := b.String()
	if body == "" || len(body) > 21 || !isASCIIAlnum(body) {
		return ""
	}
	return fmt.Sprintf("RF%02d%s", 98-mod97(body+"RF00"), body)
}

// rfBody returns the reference embedded in a valid RF reference.
func rfBody(ref string) string {
	s := strings.ToUpper(strings.Join(strings.Fields(ref), ""))
	return s[4:]
}

// mod97 computes the ISO 7064 MOD 97-10 remainder of an upper-case
// alphanumeric string, letters counting A=10 … Z=35.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			r = (r*10 + int(c-'0')) % 97
		case 'A' <= c && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		default:
			return -1
		}
	}
	return r
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIIAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

package ledger

// NormalizeIBAN returns s without its spaces and dashes, in capitals, and
// whether it is an IBAN: two letters, two check digits, 11 to 30 more
// letters or digits, and a MOD 97 check that gives 1 (ISO 13616).
// Anything but letters, digits, spaces (plain, no-break, narrow) and
// dashes makes it no IBAN.
func NormalizeIBAN(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			b = append(b, byte(r-'a'+'A'))
		case 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			b = append(b, byte(r))
		case r == ' ' || r == '-' || r == '\u00a0' || r == '\u202f' || r == '\t':
		default:
			return "", false
		}
	}
	iban := string(b)
	if len(iban) < 15 || len(iban) > 34 || !letter(iban[0]) || !letter(iban[1]) || !digit(iban[2]) || !digit(iban[3]) {
		return iban, false
	}
	rem := 0
	for _, c := range []byte(iban[4:] + iban[:4]) {
		if letter(c) {
			rem = (rem*100 + int(c-'A'+10)) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return iban, rem == 1
}

func letter(c byte) bool { return 'A' <= c && c <= 'Z' }
func digit(c byte) bool  { return '0' <= c && c <= '9' }

// IBANOf returns s as a normalized IBAN, or "" when it is none.
func IBANOf(s string) string {
	if iban, ok := NormalizeIBAN(s); ok {
		return iban
	}
	return ""
}

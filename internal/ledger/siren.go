package ledger

// ValidSIREN reports whether s is nine digits with a valid Luhn check
// digit, as INSEE assigns them (La Poste's SIREN 356000000 is the one
// historical exception the Luhn rule does not cover, and is accepted).
func ValidSIREN(s string) bool {
	return len(s) == 9 && (luhnValid(s) || s == "356000000")
}

// ValidSIRET reports whether s is fourteen digits whose first nine are a
// valid SIREN and whose whole passes the Luhn check (La Poste's
// establishments use a digit sum rule instead).
func ValidSIRET(s string) bool {
	if len(s) != 14 || !ValidSIREN(s[:9]) {
		return false
	}
	if s[:9] == "356000000" {
		sum := 0
		for i := 0; i < len(s); i++ {
			sum += int(s[i] - '0')
		}
		return sum%5 == 0
	}
	return luhnValid(s)
}

// SIRENCheckDigit returns the Luhn check digit that completes eight digits.
func SIRENCheckDigit(first8 string) byte {
	for d := byte('0'); d <= '9'; d++ {
		if luhnValid(first8 + string(d)) {
			return d
		}
	}
	return '0'
}

func luhnValid(s string) bool {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

package money

import (
	"strings"
)

// spaces that may separate thousands: space, no-break space, narrow
// no-break space, thin space, and the apostrophe of Swiss exports.
var thousandSpaces = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "\u2009", "", "'", "", "’", "")

// Parse reads an amount as people and accounting exports write it:
// "1 234,56", "1 234,56 €", "1.234,56", "1234.56", "1,234.56", "-12,00",
// "(12,00)", "12,00-", "+12", "€ 12,50", "12,50 EUR".
//
// Separators: when both '.' and ',' appear, the last one is the decimal
// mark and the other separates thousands. When one of them appears more
// than once ("1.234.567"), it separates thousands. A single '.' or ',' is
// always the decimal mark: "1.234" is read as 1.234 — and refused in euros
// for its three decimals — rather than silently taken for one thousand.
func Parse(s string, c Currency) (Amount, error) {
	in := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Amount{}, perr(in, KeyEmpty, "empty amount")
	}
	s, err := stripCurrency(in, s, c)
	if err != nil {
		return Amount{}, err
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg, s = true, s[1:len(s)-1]
	case strings.HasSuffix(s, "-"):
		neg, s = true, s[:len(s)-1]
	}
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		if neg {
			return Amount{}, perr(in, KeyInvalid, "two minus signs")
		}
		neg = true
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	case strings.HasPrefix(s, "+"):
		if neg {
			return Amount{}, perr(in, KeyInvalid, "two signs")
		}
		s = s[1:]
	}
	s = thousandSpaces.Replace(s)
	if s == "" {
		return Amount{}, perr(in, KeyInvalid, "no digits")
	}
	intPart, frac, err := splitDecimal(in, s)
	if err != nil {
		return Amount{}, err
	}
	return fromParts(in, intPart, frac, neg, c)
}

// stripCurrency removes a leading or trailing € or currency code.
func stripCurrency(in, s string, c Currency) (string, error) {
	for _, sym := range []string{"€", "EUR", "USD", "GBP", "CHF", "$", "£"} {
		var found bool
		if strings.HasSuffix(s, sym) {
			s, found = strings.TrimSpace(strings.TrimSuffix(s, sym)), true
		} else if strings.HasPrefix(s, sym) {
			s, found = strings.TrimSpace(strings.TrimPrefix(s, sym)), true
		}
		if found {
			if symCurrency(sym) != c {
				return "", perr(in, KeyCurrency, "amount in "+sym+", expected "+string(c))
			}
			return s, nil
		}
	}
	return s, nil
}

func symCurrency(sym string) Currency {
	switch sym {
	case "€":
		return "EUR"
	case "$":
		return "USD"
	case "£":
		return "GBP"
	}
	return Currency(sym)
}

// splitDecimal separates integer and fractional digits per Parse's rule.
func splitDecimal(in, s string) (string, string, error) {
	dot, comma := strings.Count(s, "."), strings.Count(s, ",")
	var dec, thou byte
	switch {
	case dot > 0 && comma > 0:
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			dec, thou = '.', ','
		} else {
			dec, thou = ',', '.'
		}
	case dot > 1:
		thou = '.'
	case comma > 1:
		thou = ','
	case dot == 1:
		dec = '.'
	case comma == 1:
		dec = ','
	}
	intPart, frac := s, ""
	if dec != 0 {
		i := strings.LastIndexByte(s, dec)
		intPart, frac = s[:i], s[i+1:]
		if strings.ContainsAny(frac, ".,") || frac == "" && intPart == "" {
			return "", "", perr(in, KeyInvalid, "misplaced separator")
		}
	}
	if thou != 0 {
		groups := strings.Split(intPart, string(thou))
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return "", "", perr(in, KeyInvalid, "misplaced thousands separator")
			}
		}
		intPart = strings.Join(groups, "")
	}
	if strings.ContainsAny(intPart, ".,") {
		return "", "", perr(in, KeyInvalid, "misplaced separator")
	}
	return intPart, frac, nil
}

// ParseDecimal reads a machine decimal ("1234.56", "-0.5", "12"): a dot
// as the decimal mark, no thousands separator, no currency sign. APIs and
// command lines use it.
func ParseDecimal(s string, c Currency) (Amount, error) {
	in := s
	if s == "" {
		return Amount{}, perr(in, KeyEmpty, "empty amount")
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" || strings.Contains(frac, ".") || (strings.Contains(s, ".") && frac == "") {
		return Amount{}, perr(in, KeyInvalid, "not a decimal number")
	}
	return fromParts(in, intPart, frac, neg, c)
}

package money

import (
	"strconv"
	"strings"
)

const (
	nnbsp = "\u202f" // narrow no-break space: French thousands separator
	nbsp  = "\u00a0" // no-break space: before the currency sign
)

// digits formats |minor| with d decimals, grouping thousands with sep and
// using mark as the decimal mark.
func digits(minor int64, d int, sep, mark string) string {
	u := uint64(minor)
	if minor < 0 {
		u = uint64(-(minor + 1)) + 1
	}
	s := strconv.FormatUint(u, 10)
	if len(s) <= d {
		s = strings.Repeat("0", d-len(s)+1) + s
	}
	intPart, frac := s[:len(s)-d], s[len(s)-d:]
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if d > 0 {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}

func sign(minor int64) string {
	if minor < 0 {
		return "-"
	}
	return ""
}

// FormatNumberFR prints minor units with d decimals the French way,
// without currency: "1 234,56".
func FormatNumberFR(minor int64, d int) string {
	return sign(minor) + digits(minor, d, nnbsp, ",")
}

// FormatFR prints "1 234,56 €" (or "1 234,56 USD"), with a narrow
// no-break space between thousands and a no-break space before the sign.
func FormatFR(a Amount) string {
	sym := string(a.Currency)
	if a.Currency == "EUR" {
		sym = "€"
	}
	return FormatNumberFR(a.Minor, MinorDigits(a.Currency)) + nbsp + sym
}

// FormatEN prints "€1,234.56", "-€1,234.56" or "USD 1,234.56".
func FormatEN(a Amount) string {
	n := digits(a.Minor, MinorDigits(a.Currency), ",", ".")
	switch a.Currency {
	case "EUR":
		return sign(a.Minor) + "€" + n
	case "GBP":
		return sign(a.Minor) + "£" + n
	case "USD":
		return sign(a.Minor) + "$" + n
	}
	return sign(a.Minor) + string(a.Currency) + nbsp + n
}

// Format prints a for the interface language lang ("fr" or "en").
func Format(a Amount, lang string) string {
	if lang == "en" {
		return FormatEN(a)
	}
	return FormatFR(a)
}

// Decimal prints the plain machine form "1234.56" / "-12.00" used in JSON
// and CSV.
func Decimal(a Amount) string {
	return sign(a.Minor) + digits(a.Minor, MinorDigits(a.Currency), "", ".")
}

package tabular

import (
	"errors"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/money"
)

// excelDigits is the precision Excel shows and keeps of a number.
const excelDigits = 15

// parseAmount reads an amount cell in currency c with money.Parse. A
// workbook's number cell holds the text Excel stored, which may carry
// binary noise ("1234.5599999999999") or an exponent ("1E-2"): it is first
// written as the decimal of at most 15 significant digits Excel shows.
// No float is involved.
func parseAmount(s string, c money.Currency, style cellStyle) (money.Amount, error) {
	if style.excel {
		if d, ok := excelDecimal(s); ok {
			s = d
		}
	}
	return money.Parse(s, c)
}

// amountIssueKey is the issue key for a money.Parse error.
func amountIssueKey(err error) string {
	var pe *money.ParseError
	if errors.As(err, &pe) {
		switch pe.Key {
		case money.KeyEmpty:
			return KeyMissingAmount
		case money.KeyTooManyDecimals:
			return KeyAmountDecimals
		case money.KeyOverflow:
			return KeyAmountTooLarge
		case money.KeyCurrency:
			return KeyAmountCurrency
		}
	}
	return KeyAmount
}

// excelDecimal rewrites a number as Excel stores it ("-1.5E-3",
// "1234.5599999999999") as a plain decimal rounded half away from zero to
// 15 significant digits ("-0.0015", "1234.56"). ok is false, and s is
// left to money.Parse as it is, when s is not of that form or needs no
// rewriting.
func excelDecimal(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	mant, expText, hasExp := strings.Cut(strings.ToUpper(body), "E")
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" || !isDigits(whole) || (frac != "" && !isDigits(frac)) || (strings.Contains(mant, ".") && frac == "") {
		return s, false
	}
	exp := 0
	if hasExp {
		e, err := strconv.Atoi(expText)
		if err != nil || e < -400 || e > 400 {
			return s, false
		}
		exp = e
	}
	digits := strings.TrimLeft(whole+frac, "0")
	point := len(whole) + exp - (len(whole+frac) - len(digits)) // digits before the decimal point
	if !hasExp && len(digits) <= excelDigits {
		return s, false
	}
	if digits == "" {
		return "0", true
	}
	if len(digits) > excelDigits {
		up := digits[excelDigits] >= '5'
		digits = digits[:excelDigits]
		if up {
			digits, point = roundUp(digits, point)
		}
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case point <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -point))
		b.WriteString(digits)
	case point >= len(digits):
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", point-len(digits)))
	default:
		b.WriteString(digits[:point])
		b.WriteByte('.')
		b.WriteString(digits[point:])
	}
	out := b.String()
	if strings.Contains(out, ".") {
		out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	}
	return out, true
}

// roundUp adds one unit in the last place of digits; a carry out of the
// first digit moves the decimal point.
func roundUp(digits string, point int) (string, int) {
	b := []byte(digits)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b), point
		}
		b[i] = '0'
	}
	return "1" + string(b[:len(b)-1]), point + 1
}

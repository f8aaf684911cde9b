package bankcsv

import (
	"errors"
	"math"
	"strings"

	"github.com/recouvre/recouvre/internal/money"
)

// parseAmount reads an amount cell in currency c: what money.Parse reads
// (1 234,56, "-50,00", 1,058.09, (12,00), 12,00-, +31070,11, 12,50 €),
// and, in a workbook, the machine decimal Excel stores for a number
// ("-33.5", "1.1000000000000001", "1E-2"), rounded half away from zero
// to the currency's decimals since a binary float holds no more. The
// error is a catalogue key.
func parseAmount(s string, c money.Currency, excel bool) (money.Amount, string) {
	if excel {
		if v, ok, key := excelNumber(s, money.MinorDigits(c)); ok {
			if key != "" {
				return money.Amount{}, key
			}
			return money.New(v, c), ""
		}
	}
	a, err := money.Parse(s, c)
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

// excelNumber reads a machine decimal with an optional exponent into
// minor units with digits decimals. ok is false when s is not one.
func excelNumber(s string, digits int) (v int64, ok bool, key string) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e := s[i+1:]
		sign := 1
		if strings.HasPrefix(e, "-") || strings.HasPrefix(e, "+") {
			if e[0] == '-' {
				sign = -1
			}
			e = e[1:]
		}
		if !allDigits(e) || len(e) > 3 {
			return 0, false, ""
		}
		for _, c := range e {
			exp = exp*10 + int(c-'0')
		}
		exp *= sign
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if !allDigits(whole) || frac != "" && !allDigits(frac) || strings.Count(mant, ".") > 1 {
		return 0, false, ""
	}
	// The digits, and where the decimal point falls among them.
	all := whole + frac
	point := len(whole) + exp + digits // digits kept before the rounding digit
	if point > len(all)+400 || point < -400 {
		return 0, true, keyAmountTooLarge
	}
	var n int64
	for i := 0; i < point; i++ {
		d := int64(0)
		if i < len(all) {
			d = int64(all[i] - '0')
		}
		if n > (math.MaxInt64-d)/10 {
			return 0, true, keyAmountTooLarge
		}
		n = n*10 + d
	}
	if point >= 0 && point < len(all) && all[point] >= '5' {
		if n == math.MaxInt64 {
			return 0, true, keyAmountTooLarge
		}
		n++
	}
	if neg {
		n = -n
	}
	return n, true, ""
}

// Package money holds amounts as integer minor units (cents) with an ISO
// 4217 currency. No float is used anywhere an amount is parsed, stored,
// summed or printed. It reads the forms French exports really contain
// ("1 234,56 €", "1.234,56", "(12,00)", "12,00-") and prints French
// amounts with a narrow no-break space between thousands and a no-break
// space before the currency sign.
package money

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Currency is an ISO 4217 code such as "EUR".
type Currency string

// Valid reports whether c looks like an ISO 4217 code (three capitals).
func (c Currency) Valid() bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// MinorDigits is the number of decimals of c's minor unit.
func MinorDigits(c Currency) int {
	switch c {
	case "JPY", "KRW", "XOF", "XAF", "XPF", "CLP", "ISK":
		return 0
	case "BHD", "KWD", "OMR", "TND", "JOD":
		return 3
	}
	return 2
}

// Amount is a sum of money in minor units.
type Amount struct {
	Minor    int64
	Currency Currency
}

// New builds an Amount.
func New(minor int64, c Currency) Amount { return Amount{Minor: minor, Currency: c} }

// EUR builds an amount in euro cents.
func EUR(cents int64) Amount { return Amount{Minor: cents, Currency: "EUR"} }

// ErrCurrencyMismatch is returned when adding amounts in two currencies.
var ErrCurrencyMismatch = errors.New("money: currency mismatch")

// ErrOverflow is returned when a sum leaves the int64 range.
var ErrOverflow = errors.New("money: overflow")

// Add returns a+b.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, fmt.Errorf("%w: %s and %s", ErrCurrencyMismatch, a.Currency, b.Currency)
	}
	s := a.Minor + b.Minor
	if (b.Minor > 0 && s < a.Minor) || (b.Minor < 0 && s > a.Minor) {
		return Amount{}, ErrOverflow
	}
	return Amount{Minor: s, Currency: a.Currency}, nil
}

// Sub returns a-b.
func (a Amount) Sub(b Amount) (Amount, error) {
	if b.Minor == math.MinInt64 {
		return Amount{}, ErrOverflow
	}
	return a.Add(b.Neg())
}

// MustAdd is Add for amounts known to share a currency; it panics otherwise.
func (a Amount) MustAdd(b Amount) Amount {
	s, err := a.Add(b)
	if err != nil {
		panic(err)
	}
	return s
}

// Neg returns -a.
func (a Amount) Neg() Amount { return Amount{Minor: -a.Minor, Currency: a.Currency} }

// IsZero reports whether a is zero.
func (a Amount) IsZero() bool { return a.Minor == 0 }

// IsNegative reports whether a is below zero.
func (a Amount) IsNegative() bool { return a.Minor < 0 }

// Cmp compares two amounts of one currency: -1, 0 or +1.
func (a Amount) Cmp(b Amount) int {
	switch {
	case a.Minor < b.Minor:
		return -1
	case a.Minor > b.Minor:
		return 1
	}
	return 0
}

// Sum adds amounts of currency c.
func Sum(c Currency, as ...Amount) (Amount, error) {
	total := New(0, c)
	for _, a := range as {
		var err error
		if total, err = total.Add(a); err != nil {
			return Amount{}, err
		}
	}
	return total, nil
}

// Split divides total into n parts that differ by at most one minor unit,
// the larger ones first, whose sum is exactly total.
func Split(total Amount, n int) []Amount {
	if n <= 0 {
		return nil
	}
	q, r := total.Minor/int64(n), total.Minor%int64(n)
	out := make([]Amount, n)
	for i := range out {
		out[i] = Amount{Minor: q, Currency: total.Currency}
		if int64(i) < abs(r) {
			if r > 0 {
				out[i].Minor++
			} else {
				out[i].Minor--
			}
		}
	}
	return out
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// String prints the plain decimal and the code: "1234.56 EUR".
func (a Amount) String() string { return Decimal(a) + " " + string(a.Currency) }

// ParseError tells why an amount could not be read. Key is the message
// key of the interface catalogues.
type ParseError struct {
	Input  string
	Key    string
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("money: cannot read %q: %s", e.Input, e.Reason)
}

// Keys of ParseError.
const (
	KeyEmpty           = "money.empty"
	KeyInvalid         = "money.invalid_amount"
	KeyTooManyDecimals = "money.too_many_decimals"
	KeyOverflow        = "money.too_large"
	KeyCurrency        = "money.wrong_currency"
)

func perr(in, key, reason string) error { return &ParseError{Input: in, Key: key, Reason: reason} }

// fromParts builds minor units from digit strings, refusing more decimals
// than the currency has and values beyond int64.
func fromParts(in, intPart, frac string, neg bool, c Currency) (Amount, error) {
	d := MinorDigits(c)
	if len(frac) > d {
		// Trailing zeros beyond the minor unit are harmless ("12,500").
		if strings.TrimRight(frac[d:], "0") != "" {
			return Amount{}, perr(in, KeyTooManyDecimals, fmt.Sprintf("more than %d decimals", d))
		}
		frac = frac[:d]
	}
	frac += strings.Repeat("0", d-len(frac))
	if intPart == "" {
		intPart = "0"
	}
	var v int64
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return Amount{}, perr(in, KeyInvalid, "not a number")
		}
		if v > (math.MaxInt64-int64(r-'0'))/10 {
			return Amount{}, perr(in, KeyOverflow, "amount too large")
		}
		v = v*10 + int64(r-'0')
	}
	if neg {
		v = -v
	}
	return Amount{Minor: v, Currency: c}, nil
}

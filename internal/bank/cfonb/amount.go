package cfonb

import (
	"math"
	"strings"

	"github.com/recouvre/recouvre/internal/money"
)

// overpunch gives the last digit and the sign an amount's last character
// carries: { A…I are +0…+9, } J…R are −0…−9.
func overpunch(c rune) (digit int64, negative, ok bool) {
	switch {
	case c == '{':
		return 0, false, true
	case c == '}':
		return 0, true, true
	case c >= 'A' && c <= 'I':
		return int64(c-'A') + 1, false, true
	case c >= 'J' && c <= 'R':
		return int64(c-'J') + 1, true, true
	}
	return 0, false, false
}

// parseAmount reads an amount zone: digits whose last character is
// overpunched, blanks around them tolerated, with decimals implied
// decimals, in currency c's minor units. The error is a catalogue key.
func parseAmount(zone string, decimals int, c money.Currency) (money.Amount, string) {
	s := []rune(strings.TrimSpace(zone))
	if len(s) < 1 {
		return money.Amount{}, keyAmount
	}
	last, neg, ok := overpunch(s[len(s)-1])
	if !ok {
		return money.Amount{}, keyAmount
	}
	var v int64
	for _, r := range s[:len(s)-1] {
		if r < '0' || r > '9' {
			return money.Amount{}, keyAmount
		}
		v = v*10 + int64(r-'0') // at most 13 digits: no overflow
	}
	v = v*10 + last
	v, key := rescale(v, decimals, money.MinorDigits(c))
	if key != "" {
		return money.Amount{}, key
	}
	if neg {
		v = -v
	}
	return money.New(v, c), ""
}

// rescale turns v, with from decimals, into a value with to decimals,
// refusing to drop a digit that is not zero or to overflow.
func rescale(v int64, from, to int) (int64, string) {
	for ; from < to; from++ {
		if v > math.MaxInt64/10 {
			return 0, keyAmountTooLarge
		}
		v *= 10
	}
	for ; from > to; from-- {
		if v%10 != 0 {
			return 0, keyDecimals
		}
		v /= 10
	}
	return v, ""
}

package fec

import (
	"errors"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// day is a civil date packed as yyyymmdd, 0 for none: four bytes instead
// of civil.Date's twenty-four in the lines kept in memory.
type day int32

// parseDay reads an AAAAMMJJ date. ok is false unless b is eight digits
// naming a real day of a year between 1900 and 2999.
func parseDay(b []byte) (day, bool) {
	if len(b) != 8 {
		return 0, false
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	y, m, d := v/10000, v/100%100, v%100
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 {
		return 0, false
	}
	if d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return 0, false
	}
	return day(v), true
}

// civil returns d as a civil.Date.
func (d day) civil() civil.Date {
	if d == 0 {
		return civil.Date{}
	}
	return civil.Date{Year: int(d / 10000), Month: time.Month(d / 100 % 100), Day: int(d % 100)}
}

// maxMinor bounds a line's amount: ten thousand billion euros, far above
// any real entry. Sums of lines are still checked (checkedAdd).
const maxMinor = 1_000_000_000_000_000

// parseAmount reads a Debit, Credit or Montant field. An empty field is
// zero. The key is the issue to report when err is not nil.
func parseAmount(b []byte, c money.Currency) (minor int64, key string, err error) {
	if len(b) == 0 {
		return 0, "", nil
	}
	a, err := money.Parse(string(b), c)
	if err != nil {
		var pe *money.ParseError
		if errors.As(err, &pe) && pe.Key == money.KeyOverflow {
			return 0, keyAmountTooLarge, err
		}
		return 0, keyAmount, err
	}
	if a.Minor > maxMinor || a.Minor < -maxMinor {
		return 0, keyAmountTooLarge, errors.New("fec: amount beyond the bound of a line")
	}
	return a.Minor, "", nil
}

// parseSens reads the Sens field of the Montant + Sens variant: +1 for
// a debit, -1 for a credit, 0 when unreadable.
func parseSens(b []byte) int64 {
	switch string(b) {
	case "D", "d", "+", "+1", "1", "Débit", "débit", "DEBIT", "Debit", "debit", "DÉBIT":
		return 1
	case "C", "c", "-", "-1", "Crédit", "crédit", "CREDIT", "Credit", "credit", "CRÉDIT":
		return -1
	}
	return 0
}

// checkedAdd returns a+b, ok false when the sum leaves the int64 range.
func checkedAdd(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

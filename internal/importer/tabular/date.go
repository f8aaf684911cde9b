package tabular

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// DateError tells why a date cannot be read. Key is the catalogue key of
// the reason: KeyDate (not a date), KeyDateImpossible (31/02/2025),
// KeyDateRange (a year before 1900 or after 2199).
type DateError struct {
	Input string
	Key   string
}

func (e *DateError) Error() string {
	return fmt.Sprintf("tabular: cannot read date %q (%s)", e.Input, e.Key)
}

// Years a date of a receivable may have.
const (
	minYear = 1900
	maxYear = 2199
)

// Excel serial numbers read as dates in a date column: 1970-01-01 to
// 2100-12-31 in the 1900 date system. A number outside is no date.
const (
	minSerial = 25569
	maxSerial = 73415
	// Days from the 1900 system's day 0 (1899-12-30, Excel's fictitious
	// 29 February 1900 accounted for) to the 1904 system's day 0.
	offset1904 = 1462
)

// ParseDate reads a date as exports write it: 31/01/2025, 31/01/25,
// 1/2/2025, 31.01.2025, 31-01-2025, 2025-01-31, 2025/01/31, 20250131, an
// Excel serial number (45688), 31 janv. 2025, 31-Jan-2025, January 31,
// 2025, each optionally followed by a time (2025-01-31 00:00:00,
// 2025-01-31T00:00:00Z). The day comes before the month: 12/15/2018 is
// refused, never silently swapped. Two-digit years 00–69 are 20xx, 70–99
// 19xx. The error is a *DateError.
func ParseDate(s string) (civil.Date, error) { return parseDate(s, cellStyle{}) }

func parseDate(in string, style cellStyle) (civil.Date, error) {
	s := strings.TrimSpace(in)
	fail := func(key string) (civil.Date, error) { return civil.Date{}, &DateError{Input: in, Key: key} }
	if s == "" {
		return fail(KeyDate)
	}
	if isDigits(s) && len(s) == 8 {
		return buildDate(in, s[:4], s[4:6], s[6:])
	}
	if n, ok := serialNumber(s); ok {
		if style.date1904 {
			n += offset1904
		}
		if n < minSerial || n > maxSerial {
			return fail(KeyDate)
		}
		return civil.D(1899, time.December, 30+n), nil
	}
	if i := strings.LastIndexAny(s, " T"); i > 0 && validTime(s[i+1:]) {
		s = strings.TrimSpace(s[:i])
	}
	if d, ok, err := numericDate(in, s); ok {
		return d, err
	}
	if d, ok, err := wordDate(in, s); ok {
		return d, err
	}
	return fail(KeyDate)
}

// serialNumber reads "45688" or "45688.5" (a date and time) as the whole
// number of days; ok is false for anything else.
func serialNumber(s string) (int, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 6 || !isDigits(whole) || (frac != "" && !isDigits(frac)) {
		return 0, false
	}
	n, err := strconv.Atoi(whole)
	return n, err == nil
}

// numericDate reads day/month/year or year-month-day with one of / . -
// between the parts; ok is false when s is not of that form.
func numericDate(in, s string) (d civil.Date, ok bool, err error) {
	sep := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if sep <= 0 || !strings.ContainsRune("/.-", rune(s[sep])) {
		return civil.Date{}, false, nil
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return civil.Date{}, false, nil
	}
	for _, p := range parts {
		if p == "" || !isDigits(p) {
			return civil.Date{}, false, nil
		}
	}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		d, err = buildDate(in, parts[0], parts[1], parts[2])
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && (len(parts[2]) == 2 || len(parts[2]) == 4):
		d, err = buildDate(in, parts[2], parts[1], parts[0])
	default:
		return civil.Date{}, false, nil
	}
	return d, true, err
}

// monthWords are the French and English names of the months and their
// usual abbreviations, folded.
var monthWords = map[string]time.Month{
	"janvier": 1, "janv": 1, "jan": 1, "january": 1,
	"fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
	"mars": 3, "mar": 3, "march": 3,
	"avril": 4, "avr": 4, "apr": 4, "april": 4,
	"mai": 5, "may": 5,
	"juin": 6, "jun": 6, "june": 6,
	"juillet": 7, "juil": 7, "jul": 7, "july": 7,
	"aout": 8, "aou": 8, "aug": 8, "august": 8,
	"septembre": 9, "sept": 9, "sep": 9, "september": 9,
	"octobre": 10, "oct": 10, "october": 10,
	"novembre": 11, "nov": 11, "november": 11,
	"decembre": 12, "dec": 12, "december": 12,
}

// wordDate reads "31 janvier 2025", "1er févr. 2025", "31-Jan-2025" and
// "January 31, 2025"; ok is false when s is not of that form.
func wordDate(in, s string) (d civil.Date, ok bool, err error) {
	words := strings.Fields(receivable.Fold(s))
	if len(words) != 3 {
		return civil.Date{}, false, nil
	}
	day, month, year := words[0], words[1], words[2]
	if _, isMonth := monthWords[day]; isMonth {
		day, month = month, day
	}
	day = strings.TrimSuffix(day, "er")
	m, isMonth := monthWords[month]
	if !isMonth || !isDigits(day) || len(day) > 2 || !isDigits(year) || (len(year) != 2 && len(year) != 4) {
		return civil.Date{}, false, nil
	}
	d, err = buildDate(in, year, strconv.Itoa(int(m)), day)
	return d, true, err
}

// buildDate checks and builds a date from its digit strings; a two-digit
// year is 20xx up to 69, 19xx from 70.
func buildDate(in, ys, ms, ds string) (civil.Date, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if len(ys) == 2 {
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return civil.Date{}, &DateError{Input: in, Key: KeyDateImpossible}
	}
	if y < minYear || y > maxYear {
		return civil.Date{}, &DateError{Input: in, Key: KeyDateRange}
	}
	return civil.Date{Year: y, Month: time.Month(m), Day: d}, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// validTime reports whether t is a time of day as exports append it to a
// date: hh:mm, hh:mm:ss, hh:mm:ss.fff, then optionally Z or an offset.
func validTime(t string) bool {
	if i := strings.IndexAny(t, "Z+-"); i >= 0 {
		if !validOffset(t[i:]) {
			return false
		}
		t = t[:i]
	}
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	if len(parts) == 3 {
		sec, frac, _ := strings.Cut(parts[2], ".")
		if frac != "" && !isDigits(frac) {
			return false
		}
		parts[2] = sec
	}
	for i, p := range parts {
		if !isDigits(p) || len(p) > 2 || (i > 0 && len(p) != 2) {
			return false
		}
	}
	h, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	return h <= 24 && m <= 59
}

// validOffset reports whether z is Z, ±hh, ±hhmm or ±hh:mm.
func validOffset(z string) bool {
	if z == "Z" {
		return true
	}
	if len(z) < 3 || (z[0] != '+' && z[0] != '-') {
		return false
	}
	z = strings.Replace(z[1:], ":", "", 1)
	return isDigits(z) && (len(z) == 2 || len(z) == 4)
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

package bankcsv

import (
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

// dateOrder is the order of a date's day, month and year.
type dateOrder int

const (
	orderAuto dateOrder = iota // decided from the file
	orderDMY                   // 31/01/2025, the French order
	orderMDY                   // 01/31/2025, the US order
	orderYMD                   // 2025-01-31
)

// DateFormats are the values Mapping.DateFormat takes, besides "".
var DateFormats = []string{"DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD"}

// parseDateFormat reads a Mapping.DateFormat: only the order of the parts
// matters, and French letters (JJ/MM/AAAA) are accepted.
func parseDateFormat(s string) (dateOrder, bool) {
	f := strings.ToUpper(strings.TrimSpace(s))
	f = strings.NewReplacer("J", "D", "A", "Y", "-", "", "/", "", ".", "", " ", "").Replace(f)
	switch {
	case f == "":
		return orderAuto, true
	case strings.HasPrefix(f, "DDMM") || f == "DMY":
		return orderDMY, true
	case strings.HasPrefix(f, "MMDD") || f == "MDY":
		return orderMDY, true
	case strings.HasPrefix(f, "YYYYMMDD") || strings.HasPrefix(f, "YYMMDD") || f == "YMD":
		return orderYMD, true
	}
	return orderAuto, false
}

// Years a statement date may have, and the Excel serial numbers read as
// dates (1970-01-01 to 2100-12-31 in the 1900 date system).
const (
	minYear    = 1900
	maxYear    = 2199
	minSerial  = 25569
	maxSerial  = 73415
	offset1904 = 1462 // days from the 1900 system's day 0 to the 1904 one's
)

// dateParts splits a numeric date, with an optional time after it, into
// its three parts: "31/01/2025 10:22" gives 31, 01, 2025. ok is false
// for anything else.
func dateParts(s string) (parts [3]string, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		if !looksLikeTime(s[i+1:]) {
			return parts, false
		}
		s = s[:i]
	}
	n := 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			continue
		}
		if i < len(s) && !strings.ContainsRune("/-.", rune(s[i])) || n == 3 || i == start {
			return parts, false
		}
		parts[n] = s[start:i]
		n++
		start = i + 1
	}
	return parts, n == 3
}

// looksLikeTime reports whether s is a time after a date: digits, colons,
// dots, a zone.
func looksLikeTime(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || strings.ContainsRune(":.+-Z ", c)) {
			return false
		}
	}
	return true
}

// orderEvidence tells which orders a date allows: dmy when its first
// part cannot be a month (13/01/2025), mdy when its second cannot
// (01/13/2025).
func orderEvidence(s string) (dmy, mdy bool) {
	p, ok := dateParts(s)
	if !ok || len(p[0]) == 4 {
		return false, false
	}
	a, _ := strconv.Atoi(p[0])
	b, _ := strconv.Atoi(p[1])
	return a > 12 && a <= 31 && b <= 12, b > 12 && b <= 31 && a <= 12
}

// parseDate reads a date in the given order (never orderAuto): numeric
// dates with /, - or . and two- or four-digit years, optionally followed
// by a time; YYYYMMDD; a date starting with a four-digit year is read
// year first whatever the order; in a workbook, an Excel serial number.
// Two-digit years 00–69 are 20xx, 70–99 19xx.
func parseDate(s string, order dateOrder, excel, date1904 bool) (civil.Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && allDigits(s) {
		return buildDate(s[:4], s[4:6], s[6:])
	}
	if excel {
		if n, ok := serial(s); ok {
			if date1904 {
				n += offset1904
			}
			if n < minSerial || n > maxSerial {
				return civil.Date{}, false
			}
			return civil.D(1899, time.December, 30+n), true
		}
	}
	p, ok := dateParts(s)
	if !ok {
		return civil.Date{}, false
	}
	switch {
	case len(p[0]) == 4 || order == orderYMD:
		return buildDate(p[0], p[1], p[2])
	case order == orderMDY:
		return buildDate(p[2], p[0], p[1])
	}
	return buildDate(p[2], p[1], p[0])
}

// serial reads an Excel serial date, "43449" or "43449.5" (a date and a
// time), as its whole days.
func serial(s string) (int, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 6 || !allDigits(whole) || frac != "" && !allDigits(frac) {
		return 0, false
	}
	n, err := strconv.Atoi(whole)
	return n, err == nil
}

// buildDate makes a date of its parts, refusing one the calendar lacks.
func buildDate(ys, ms, ds string) (civil.Date, bool) {
	if len(ys) != 2 && len(ys) != 4 || len(ms) > 2 || len(ds) > 2 || ms == "" || ds == "" {
		return civil.Date{}, false
	}
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if len(ys) == 2 {
		y += 2000
		if y >= 2070 {
			y -= 100
		}
	}
	date := civil.D(y, time.Month(m), d)
	if y < minYear || y > maxYear || m < 1 || m > 12 || date.Day != d || int(date.Month) != m {
		return civil.Date{}, false
	}
	return date, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

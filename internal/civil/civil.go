// Package civil provides a calendar date without time or zone — the due
// dates, issue dates and value dates of the ledger — and the Europe/Paris
// clock that turns an instant into one.
package civil

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Paris is the zone in which recouvre reads civil dates unless told otherwise.
var Paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// The binary embeds tzdata (see cmd/recouvre), so this only fails
		// in a broken build.
		panic(fmt.Sprintf("civil: load %s: %v", name, err))
	}
	return loc
}

// Date is a civil date. The zero value means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date; it normalises out-of-range days like time.Date does.
func D(y int, m time.Month, d int) Date {
	return Of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Of returns the date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today returns the date of now in loc (Paris when loc is nil).
func Today(now time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = Paris
	}
	return Of(now.In(loc))
}

// Parse reads an ISO 8601 date "2006-01-02".
func Parse(s string) (Date, error) {
	// The stores hand back millions of dates at a time: the usual form is
	// read by hand, digit by digit; anything else goes through time.Parse.
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			return Date{Year: y, Month: time.Month(m), Day: d}, nil
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("civil: invalid date %q (want YYYY-MM-DD)", s)
	}
	return Of(t), nil
}

// MustParse is Parse for literals in tests and tables.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight of d in loc (UTC when nil).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String formats d as "2006-01-02", or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// FormatFR formats d as "31/01/2025".
func (d Date) FormatFR() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// AddDays returns d shifted by n days.
func (d Date) AddDays(n int) Date { return D(d.Year, d.Month, d.Day+n) }

// AddMonths returns d shifted by n months (normalised like time.AddDate).
func (d Date) AddMonths(n int) Date { return D(d.Year, d.Month+time.Month(n), d.Day) }

// DaysUntil returns the number of days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time(nil).Sub(d.Time(nil)).Hours() / 24)
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Value stores a date as ISO text (NULL for the zero date); both SQLite and
// PostgreSQL accept it for their column types.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date from text or a time.Time (PostgreSQL's date type).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = Of(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("civil: cannot scan %T into Date", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText implements encoding.TextMarshaler (JSON "2006-01-02").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// digits reads a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

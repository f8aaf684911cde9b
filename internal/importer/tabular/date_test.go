package tabular

import (
	"errors"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

func TestParseDate(t *testing.T) {
	jan31 := civil.D(2025, time.January, 31)
	tests := []struct {
		in   string
		want civil.Date
	}{
		{"31/01/2025", jan31},
		{"31/01/25", jan31},
		{"2025-01-31", jan31},
		{"31.01.2025", jan31},
		{"31-01-2025", jan31},
		{"20250131", jan31},
		{"45688", jan31},    // Excel serial
		{"45688.75", jan31}, // serial with a time of day
		{"2025-01-31 00:00:00", jan31},
		{"2025-01-31T00:00:00", jan31},
		{"2025-01-31T13:45:10.123Z", jan31},
		{"2025-01-31T00:00:00+01:00", jan31},
		{"31/01/2025 14:05", jan31},
		{"  31/01/2025  ", jan31},
		{"2025/01/31", jan31},
		{"1/2/2025", civil.D(2025, time.February, 1)},
		{"01/02/69", civil.D(2069, time.February, 1)},
		{"01/02/70", civil.D(1970, time.February, 1)},
		{"15/06/99", civil.D(1999, time.June, 15)},
		{"29/02/2024", civil.D(2024, time.February, 29)},
		{"31 janvier 2025", jan31},
		{"31 janv. 2025", jan31},
		{"1er février 2025", civil.D(2025, time.February, 1)},
		{"31-Jan-2025", jan31},
		{"31-JAN-25", jan31},
		{"January 31, 2025", jan31},
		{"15 août 2024", civil.D(2024, time.August, 15)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, key string }{
		{"", KeyDate},
		{"hier", KeyDate},
		{"31/01", KeyDate},
		{"31/01/2025/1", KeyDate},
		{"31/01-2025", KeyDate},
		{"2025-1-31x", KeyDate},
		{"12345", KeyDate},  // a number, but no plausible serial
		{"123456", KeyDate}, // idem
		{"31/01/202", KeyDate},
		{"31/02/2025", KeyDateImpossible},
		{"29/02/2025", KeyDateImpossible},
		{"12/15/2018", KeyDateImpossible}, // month first: refused, never swapped
		{"00/01/2025", KeyDateImpossible},
		{"20251301", KeyDateImpossible},
		{"32 janvier 2025", KeyDateImpossible},
		{"31/01/1800", KeyDateRange},
		{"31/01/2500", KeyDateRange},
		{"2025-01-31 25:99", KeyDate},
		{"2025-01-31Tmidi", KeyDate},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		var de *DateError
		if !errors.As(err, &de) || de.Key != tt.key || de.Input != tt.in {
			t.Errorf("ParseDate(%q) error = %v, want key %s", tt.in, err, tt.key)
		}
	}
}

func TestParseDate1904(t *testing.T) {
	// 44226 in the 1904 system is 44226+1462 = 45688 in the 1900 one.
	got, err := parseDate("44226", cellStyle{excel: true, date1904: true})
	if err != nil || got != civil.D(2025, time.January, 31) {
		t.Errorf("1904 serial = %v, %v", got, err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"31/01/2025", "31/01/25", "2025-01-31", "20250131", "45688", "45688.5",
		"2025-01-31T00:00:00Z", "31 janv. 2025", "January 31, 2025", "31/02/2025", "1/1/0", "9999-99-99 99:99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || de.Input != s {
				t.Fatalf("ParseDate(%q): error %v is not a DateError on the input", s, err)
			}
			checkMessages(t, fatal(0, de.Key, s))
			return
		}
		if d.Year < minYear || d.Year > maxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			t.Fatalf("ParseDate(%q) = %v: not a real date in range", s, d)
		}
		if civil.D(d.Year, d.Month, d.Day) != d {
			t.Fatalf("ParseDate(%q) = %v is not normalised", s, d)
		}
	})
}

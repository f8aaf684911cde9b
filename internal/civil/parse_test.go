package civil

import (
	"testing"
	"time"
)

// Parse reads the usual form by hand: it must agree with time.Parse on
// every input, valid or not.
func TestParseAgreesWithTime(t *testing.T) {
	for _, s := range []string{"2026-03-02", "2024-02-29", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-12-31",
		"0001-01-01", "9999-12-31", "2026-1-01", "2026/03/02", "2026-03-0x", "", "20260302", "2026-03-02T10:00"} {
		got, err := Parse(s)
		want, werr := time.Parse(time.DateOnly, s)
		if (err != nil) != (werr != nil) {
			t.Errorf("Parse(%q) error %v, time.Parse %v", s, err, werr)
			continue
		}
		if err == nil && got != Of(want) {
			t.Errorf("Parse(%q) = %v, want %v", s, got, Of(want))
		}
	}
}

func FuzzParseAgreesWithTime(f *testing.F) {
	f.Add("2026-03-02")
	f.Add("2024-02-29")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s)
		want, werr := time.Parse(time.DateOnly, s)
		if (err != nil) != (werr != nil) || (err == nil && got != Of(want)) {
			t.Fatalf("Parse(%q) = %v %v; time.Parse %v %v", s, got, err, want, werr)
		}
	})
}

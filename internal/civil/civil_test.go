package civil

import (
	"testing"
	"time"
)

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from string
		days int
		want string
	}{
		{"2025-01-31", 1, "2025-02-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2025-02-28", 1, "2025-03-01"},
		{"2025-03-01", -1, "2025-02-28"},
		{"2025-12-31", 1, "2026-01-01"},
	}
	for _, tt := range tests {
		got := MustParse(tt.from).AddDays(tt.days)
		if got.String() != tt.want {
			t.Errorf("%s + %d = %s, want %s", tt.from, tt.days, got, tt.want)
		}
		if n := MustParse(tt.from).DaysUntil(got); n != tt.days {
			t.Errorf("DaysUntil = %d, want %d", n, tt.days)
		}
	}
}

func TestTodayInParis(t *testing.T) {
	// 23:30 UTC on 31 December is already 1 January in Paris.
	now := time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC)
	if got := Today(now, nil).String(); got != "2026-01-01" {
		t.Fatalf("Today = %s, want 2026-01-01", got)
	}
}

func TestScanAndFormat(t *testing.T) {
	var d Date
	for _, src := range []any{"2025-03-31", []byte("2025-03-31"), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), "2025-03-31T00:00:00Z"} {
		if err := d.Scan(src); err != nil || d.String() != "2025-03-31" {
			t.Fatalf("Scan(%v) = %v, %v", src, d, err)
		}
	}
	if d.FormatFR() != "31/03/2025" {
		t.Fatalf("FormatFR = %q", d.FormatFR())
	}
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Fatalf("Scan(nil) = %v, %v", d, err)
	}
	if _, err := Parse("31/03/2025"); err == nil {
		t.Fatal("Parse accepted a French date")
	}
}

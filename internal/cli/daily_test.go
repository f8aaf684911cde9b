package cli

import (
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

func TestUntilNextDay(t *testing.T) {
	paris := civil.Paris
	for _, tt := range []struct {
		now  time.Time
		want time.Duration
	}{
		{time.Date(2025, 6, 15, 10, 0, 0, 0, paris), 14*time.Hour + time.Minute},
		{time.Date(2025, 6, 15, 23, 59, 30, 0, paris), 90 * time.Second},
		{time.Date(2025, 6, 16, 0, 0, 30, 0, paris), 24*time.Hour + 30*time.Second},
		// The night of 29 to 30 March 2025 has 23 hours; of 25 to 26 October, 25.
		{time.Date(2025, 3, 29, 12, 0, 0, 0, paris), 12*time.Hour + time.Minute},
		{time.Date(2025, 3, 30, 0, 30, 0, 0, paris), 22*time.Hour + 31*time.Minute},
		{time.Date(2025, 10, 26, 0, 30, 0, 0, paris), 24*time.Hour + 31*time.Minute},
	} {
		if got := untilNextDay(tt.now); got != tt.want {
			t.Errorf("untilNextDay(%s) = %s, want %s", tt.now, got, tt.want)
		}
	}
}

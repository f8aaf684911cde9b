package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestThrottleGrows(t *testing.T) {
	s := time.Second
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {2, s}, {3, 2 * s}, {4, 4 * s}, {5, 8 * s}, {6, 16 * s},
		{7, 30 * s}, {8, 30 * s}, {100, 30 * s}, {1000, 30 * s},
	}
	for _, tt := range tests {
		th := NewThrottle(newClock().now, 10)
		for range tt.failures {
			th.Fail("k")
		}
		if got := th.Delay("k"); got != tt.want {
			t.Errorf("after %d failures: Delay = %v, want %v", tt.failures, got, tt.want)
		}
		if got := th.RetryAfter("k"); got != tt.want {
			t.Errorf("after %d failures: RetryAfter = %v, want %v", tt.failures, got, tt.want)
		}
		if got := th.Delay("other"); got != 0 {
			t.Errorf("after %d failures on k: Delay(other) = %v", tt.failures, got)
		}
	}
}

func TestThrottleResets(t *testing.T) {
	th := NewThrottle(newClock().now, 10)
	for range 5 {
		th.Fail("k")
	}
	th.Success("k")
	if d := th.Delay("k"); d != 0 {
		t.Fatalf("after success: Delay = %v", d)
	}
	th.Fail("k")
	th.Fail("k")
	if d := th.Delay("k"); d != time.Second {
		t.Fatalf("two failures after the reset: Delay = %v, want 1s", d)
	}
	th.Success("unknown") // no effect, no panic
	if th.Len() != 1 {
		t.Fatalf("Len = %d", th.Len())
	}
}

func TestThrottleExpires(t *testing.T) {
	tests := []struct {
		quiet time.Duration
		want  time.Duration
	}{
		{0, 4 * time.Second},
		{time.Minute, 4 * time.Second},
		{ThrottleExpiry - time.Second, 4 * time.Second},
		{ThrottleExpiry, 0},
		{16 * time.Minute, 0},
		{24 * time.Hour, 0},
	}
	for _, tt := range tests {
		c := newClock()
		th := NewThrottle(c.now, 10)
		for range 4 {
			th.Fail("k")
		}
		c.add(tt.quiet)
		if got := th.Delay("k"); got != tt.want {
			t.Errorf("after %v quiet: Delay = %v, want %v", tt.quiet, got, tt.want)
		}
	}
	// Each failure restarts the quarter of an hour.
	c := newClock()
	th := NewThrottle(c.now, 10)
	for range 4 {
		th.Fail("k")
		c.add(10 * time.Minute)
	}
	if got := th.Delay("k"); got != 4*time.Second {
		t.Errorf("failures 10 minutes apart: Delay = %v, want 4s", got)
	}
	// Expired keys are swept, not only forgotten when asked for.
	th.Fail("x")
	c.add(ThrottleExpiry)
	th.Fail("y")
	if th.Len() != 1 {
		t.Errorf("Len = %d after expiry, want 1", th.Len())
	}
}

func TestThrottleRetryAfter(t *testing.T) {
	tests := []struct {
		elapsed time.Duration
		want    time.Duration
	}{
		{0, 4 * time.Second},
		{time.Second, 3 * time.Second},
		{4 * time.Second, 0},
		{time.Minute, 0},
	}
	for _, tt := range tests {
		c := newClock()
		th := NewThrottle(c.now, 10)
		for range 4 {
			th.Fail("k")
		}
		c.add(tt.elapsed)
		if got := th.RetryAfter("k"); got != tt.want {
			t.Errorf("%v after the 4th failure: RetryAfter = %v, want %v", tt.elapsed, got, tt.want)
		}
	}
}

func TestThrottleBounded(t *testing.T) {
	c := newClock()
	th := NewThrottle(c.now, 3)
	for _, k := range []string{"a", "b", "c"} {
		th.Fail(k)
		th.Fail(k)
		c.add(time.Second)
	}
	th.Fail("a") // a is now the most recent
	c.add(time.Second)
	th.Fail("d") // evicts b, the oldest
	tests := []struct {
		key  string
		want time.Duration
	}{
		{"a", 2 * time.Second}, {"b", 0}, {"c", time.Second}, {"d", 0},
	}
	for _, tt := range tests {
		if got := th.Delay(tt.key); got != tt.want {
			t.Errorf("Delay(%s) = %v, want %v", tt.key, got, tt.want)
		}
	}
	for i := range 1000 {
		th.Fail(fmt.Sprint(i))
	}
	if th.Len() != 3 {
		t.Errorf("Len = %d, want at most 3", th.Len())
	}
}

func TestThrottleZeroValue(t *testing.T) {
	var th Throttle
	if th.Delay("k") != 0 {
		t.Fatal("zero Throttle delays")
	}
	th.Fail("k")
	th.Fail("k")
	if th.Delay("k") != time.Second {
		t.Fatal("zero Throttle does not count")
	}
	th.Success("k")
	if th.Len() != 0 {
		t.Fatal("zero Throttle does not reset")
	}
}

func TestThrottleKey(t *testing.T) {
	tests := []struct {
		email, ip, want string
	}{
		{"Alice@Example.FR", "192.0.2.1", "alice@example.fr|192.0.2.1"},
		{" alice@example.fr ", "192.0.2.1", "alice@example.fr|192.0.2.1"},
		{"alice@example.fr", "2001:db8::1", "alice@example.fr|2001:db8::1"},
	}
	for _, tt := range tests {
		if got := ThrottleKey(tt.email, tt.ip); got != tt.want {
			t.Errorf("ThrottleKey(%q, %q) = %q, want %q", tt.email, tt.ip, got, tt.want)
		}
	}
}

func TestThrottleConcurrent(t *testing.T) {
	c := newClock()
	th := NewThrottle(c.now, 50)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				k := fmt.Sprint((g*31 + i) % 100)
				switch i % 4 {
				case 0, 1:
					th.Fail(k)
				case 2:
					th.Delay(k)
					th.RetryAfter(k)
				case 3:
					th.Success(k)
				}
				if i%100 == 0 {
					c.add(time.Minute)
				}
			}
		})
	}
	wg.Wait()
	if th.Len() > 50 {
		t.Fatalf("Len = %d, over the bound 50", th.Len())
	}
	th.Fail("z")
	th.Fail("z")
	if th.Delay("z") != time.Second {
		t.Fatal("throttle broken after concurrent use")
	}
}

package auth

import (
	"container/list"
	"strings"
	"sync"
	"time"
)

// Throttle slows down repeated failed logins per key, typically
// ThrottleKey(email, ip). The first ThrottleFree failures cost nothing;
// then each failure doubles the delay imposed on the next attempt, from one
// second up to ThrottleMaxDelay. A success forgets the key; so does a quiet
// ThrottleExpiry after its last failure. At most maxKeys keys are kept: a
// new key evicts the one whose last failure is oldest.
//
// A Throttle is safe for concurrent use. The zero value is usable (with
// time.Now and DefaultThrottleKeys); NewThrottle sets the clock and bound.
type Throttle struct {
	mu      sync.Mutex
	now     func() time.Time
	max     int
	entries map[string]*list.Element // of *throttleEntry
	order   list.List                // least recently failed first
}

type throttleEntry struct {
	key      string
	failures int
	last     time.Time
}

// Throttle's policy.
const (
	ThrottleFree        = 2
	ThrottleFirstDelay  = time.Second
	ThrottleMaxDelay    = 30 * time.Second
	ThrottleExpiry      = 15 * time.Minute
	DefaultThrottleKeys = 10000
)

// NewThrottle makes a throttle reading the time from now (time.Now when
// nil) and keeping at most maxKeys keys (DefaultThrottleKeys when <= 0).
func NewThrottle(now func() time.Time, maxKeys int) *Throttle {
	return &Throttle{now: now, max: maxKeys}
}

// ThrottleKey is the usual key: the e-mail (trimmed, lower-cased) and the
// client address, so one attacker cannot lock a user out from elsewhere.
func ThrottleKey(email, ip string) string {
	return strings.ToLower(strings.TrimSpace(email)) + "|" + ip
}

// Delay is the wait to impose before checking the next attempt for key:
// 0 until ThrottleFree failures, then 1s, 2s, 4s… up to ThrottleMaxDelay.
func (t *Throttle) Delay(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.setup()
	e := t.live(key, now)
	if e == nil {
		return 0
	}
	return delayFor(e.failures)
}

// RetryAfter is what remains of Delay(key) since the last failure: 0 when
// an attempt may be checked now. Use it to answer 429 with Retry-After
// rather than hold the request.
func (t *Throttle) RetryAfter(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.setup()
	e := t.live(key, now)
	if e == nil {
		return 0
	}
	return max(delayFor(e.failures)-now.Sub(e.last), 0)
}

func delayFor(failures int) time.Duration {
	n := failures - ThrottleFree
	if n < 0 {
		return 0
	}
	d := ThrottleFirstDelay
	for ; n > 0 && d < ThrottleMaxDelay; n-- {
		d *= 2
	}
	return min(d, ThrottleMaxDelay)
}

// Fail records a failed attempt for key.
func (t *Throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.setup()
	t.sweep(now)
	if el, ok := t.entries[key]; ok {
		e := el.Value.(*throttleEntry)
		e.failures++
		e.last = now
		t.order.MoveToBack(el)
		return
	}
	for len(t.entries) >= t.max {
		t.remove(t.order.Front())
	}
	t.entries[key] = t.order.PushBack(&throttleEntry{key: key, failures: 1, last: now})
}

// Success forgets key's failures.
func (t *Throttle) Success(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.setup()
	if el, ok := t.entries[key]; ok {
		t.remove(el)
	}
}

// Len is the number of keys kept.
func (t *Throttle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}

// setup completes a zero Throttle and returns the current time.
func (t *Throttle) setup() time.Time {
	if t.entries == nil {
		t.entries = map[string]*list.Element{}
	}
	if t.now == nil {
		t.now = time.Now
	}
	if t.max <= 0 {
		t.max = DefaultThrottleKeys
	}
	return t.now()
}

// live returns key's entry, dropping it if it has expired.
func (t *Throttle) live(key string, now time.Time) *throttleEntry {
	el, ok := t.entries[key]
	if !ok {
		return nil
	}
	e := el.Value.(*throttleEntry)
	if expired(e, now) {
		t.remove(el)
		return nil
	}
	return e
}

// sweep drops expired entries, oldest first.
func (t *Throttle) sweep(now time.Time) {
	for el := t.order.Front(); el != nil && expired(el.Value.(*throttleEntry), now); el = t.order.Front() {
		t.remove(el)
	}
}

func expired(e *throttleEntry, now time.Time) bool {
	return now.Sub(e.last) >= ThrottleExpiry
}

func (t *Throttle) remove(el *list.Element) {
	t.order.Remove(el)
	delete(t.entries, el.Value.(*throttleEntry).key)
}

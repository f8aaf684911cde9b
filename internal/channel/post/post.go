// Package post sends registered letters (lettres recommandées avec avis
// de réception). Registered is what the dunning engine calls; Manual
// implements it by putting the letter in the day's print batch, for a
// person to print and post at the counter. A connector to La Poste's
// e-LRAR or to Maileva would implement the same interface, returning the
// operator's tracking number as the reference.
package post

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/civil"
)

// Letter is one registered letter.
type Letter struct {
	PDF []byte // the letter, ready to print
	// Recipient is the postal address, one line each (AFNOR NF Z10-011:
	// 2 to 6 lines of at most 38 characters).
	Recipient []string
	// Reference identifies the letter for the caller, stable across
	// retries (the dunning action's): letters, digits, '.', '_', '-'.
	Reference string
}

// Registered sends registered letters. Send returns the reference under
// which the letter can be followed.
type Registered interface {
	Send(ctx context.Context, l Letter) (ref string, err error)
}

// Queued is a letter waiting in a print batch.
type Queued struct {
	Letter
	Ref string    // "LRAR-<reference>"
	At  time.Time // when it was recorded
	Day civil.Date
}

// Manual keeps letters for the day's print batch: the user prints them
// and posts them by hand. Sending the same reference again returns the
// same reference without queueing the letter twice. The zero value is
// ready to use, on the Paris calendar.
type Manual struct {
	// Now is the clock (time.Now when nil).
	Now func() time.Time

	mu      sync.Mutex
	letters map[string]Queued // by Ref
}

// Send validates l and records it for today's batch. The reference
// returned, "LRAR-<reference>", means the user posts it by hand.
func (m *Manual) Send(ctx context.Context, l Letter) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("queue registered letter: %w", err)
	}
	if err := l.check(); err != nil {
		return "", fmt.Errorf("queue registered letter %q: %w", l.Reference, err)
	}
	now := time.Now()
	if m.Now != nil {
		now = m.Now()
	}
	ref := "LRAR-" + l.Reference
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.letters[ref]; ok {
		return ref, nil
	}
	if m.letters == nil {
		m.letters = make(map[string]Queued)
	}
	l.PDF = bytes.Clone(l.PDF)
	l.Recipient = append([]string(nil), l.Recipient...)
	m.letters[ref] = Queued{Letter: l, Ref: ref, At: now, Day: civil.Today(now, nil)}
	return ref, nil
}

// Batch returns the letters recorded on day, in the order they came.
func (m *Manual) Batch(day civil.Date) []Queued {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Queued
	for _, q := range m.letters {
		if q.Day == day {
			out = append(out, q)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return out[i].Ref < out[j].Ref
	})
	return out
}

// check validates a letter.
func (l Letter) check() error {
	if l.Reference == "" || len(l.Reference) > 64 {
		return fmt.Errorf("reference must have 1 to 64 characters")
	}
	for _, c := range []byte(l.Reference) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return fmt.Errorf("reference may hold only letters, digits, '.', '_' and '-'")
		}
	}
	if !bytes.HasPrefix(l.PDF, []byte("%PDF-")) {
		return fmt.Errorf("the letter is not a PDF")
	}
	if n := len(l.Recipient); n < 2 || n > 6 {
		return fmt.Errorf("address has %d line(s), want 2 to 6", n)
	}
	for i, line := range l.Recipient {
		switch {
		case strings.TrimSpace(line) == "":
			return fmt.Errorf("address line %d is empty", i+1)
		case utf8.RuneCountInString(line) > 38:
			return fmt.Errorf("address line %d has more than 38 characters", i+1)
		case strings.ContainsAny(line, "\r\n"):
			return fmt.Errorf("address line %d holds a line break", i+1)
		}
	}
	return nil
}

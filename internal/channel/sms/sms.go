// Package sms sends the dunning engine's text messages through an HTTP
// provider. Provider is what the engine calls; Brevo implements it with
// Brevo's transactional SMS API. NormalizeFR turns a French phone number
// as people write it into E.164, and Segments tells how many SMS a text
// costs.
//
// Unlike SMTP, an HTTP API offers no two-phase send: a request that timed
// out may still have been sent. Errors are classified (IsPermanent) so
// that the caller retries only what a retry can cure, and the caller's
// record of an SMS whose outcome is unknown is settled by a person, never
// by sending again on its own.
package sms

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// SMS is one text message.
type SMS struct {
	To     string // phone number: French in any usual form, or E.164 "+…"
	Sender string // sender name shown to the recipient, 3–11 letters and digits
	Text   string
	Tag    string // the provider's tag, for its statistics (optional)
}

// Provider sends text messages. Send returns the provider's reference of
// the message.
type Provider interface {
	Send(ctx context.Context, m SMS) (ref string, err error)
}

// Error is a failed send.
type Error struct {
	Provider string // "brevo"
	Status   int    // HTTP status, 0 when no response came
	Code     string // the provider's error code, "invalid_parameter"
	Message  string // the provider's message, or what is wrong locally
	// Permanent is true when sending the same SMS again cannot succeed: a
	// refused request (4xx but 429), an invalid number or sender.
	Permanent bool
	// RetryAfter is the delay the provider asked for with a 429, if any.
	RetryAfter time.Duration
	Err        error // the underlying error, if any
}

// Error describes the failure in English with the provider's message.
func (e *Error) Error() string {
	s := e.Provider + " SMS"
	if e.Status != 0 {
		s += fmt.Sprintf(": HTTP %d", e.Status)
	}
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a failure that retrying cannot cure.
// Network errors, 429 and 5xx responses are temporary.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// ValidSender checks an alphanumeric sender name: 3 to 11 ASCII letters
// and digits, at least one of them a letter (French operators take an
// all-digit sender for a phone number, and refuse it).
func ValidSender(name string) error {
	if n := len(name); n < 3 || n > 11 {
		return fmt.Errorf("sender name %q: want 3 to 11 characters, got %d", name, len([]rune(name)))
	}
	letter := false
	for _, c := range []byte(name) {
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return fmt.Errorf("sender name %q: only letters A–Z and digits are allowed", name)
		}
	}
	if !letter {
		return fmt.Errorf("sender name %q: needs at least one letter", name)
	}
	return nil
}

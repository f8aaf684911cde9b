package email

import (
	"errors"
	"fmt"
	"strings"
)

// Stage names the step of an SMTP exchange an Error happened in.
type Stage string

// The stages of a send, in order.
const (
	StageConnect Stage = "connect" // dial, greeting, EHLO, STARTTLS
	StageAuth    Stage = "auth"    // AUTH
	StageMail    Stage = "mail"    // RSET, MAIL FROM
	StageRcpt    Stage = "rcpt"    // RCPT TO
	StageData    Stage = "data"    // DATA and the body, before commit
	StageCommit  Stage = "commit"  // the caller's commit function
	StageEnd     Stage = "end"     // the terminator and its reply, after commit
	StageMessage Stage = "message" // building the message, before any I/O
	StageClose   Stage = "close"   // QUIT
)

// ErrHeaderInjection is wrapped by the error of a message whose header
// fields hold a CR or LF.
var ErrHeaderInjection = errors.New("header field contains CR or LF")

// Error is a failed send. Code is the SMTP reply code when the server
// answered, zero for a network or local error.
type Error struct {
	Stage Stage
	Code  int    // SMTP reply code, 0 when the server did not answer
	Text  string // the server's reply text, enhanced status code included
	// Permanent is true when sending the same message again cannot
	// succeed: a 5xx reply, a message that cannot be built, a
	// configuration the server refuses.
	Permanent bool
	// Unconfirmed is true when the terminator may have reached the server
	// but no reply was read: the message may have been accepted.
	Unconfirmed bool
	Err         error // the underlying error, if any
}

// Error describes the failure in English, with the server's reply.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("smtp ")
	b.WriteString(string(e.Stage))
	if e.Code != 0 {
		fmt.Fprintf(&b, ": server replied %d %s", e.Code, e.Text)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Unconfirmed {
		b.WriteString(" (delivery unconfirmed)")
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a failure that retrying cannot cure:
// a 5xx reply (an unknown recipient, a refused message, refused
// credentials) or a message that cannot be built. Network errors and 4xx
// replies are temporary.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// IsUnconfirmed reports whether err happened after the terminator was
// written and before its reply was read: the server may have accepted
// the message. The caller must not send it again by itself.
func IsUnconfirmed(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Unconfirmed
}

// Bounce returns the server's reply ("550 5.1.1 User unknown") when err
// says the recipient's address does not work, for the caller to record as
// a bounce: a 5xx reply to RCPT TO, or a 5xx reply to DATA or to the
// terminator whose enhanced status blames the address (5.1.x, 5.2.1), as
// servers that check recipients late give. "" otherwise: a refused sender,
// a message refused for its content, a temporary failure.
func Bounce(err error) string {
	var e *Error
	if !errors.As(err, &e) || !e.Permanent || e.Code < 500 {
		return ""
	}
	switch e.Stage {
	case StageRcpt:
	case StageData, StageEnd:
		if !strings.HasPrefix(e.Text, "5.1.") && !strings.HasPrefix(e.Text, "5.2.1") {
			return ""
		}
	default:
		return ""
	}
	return fmt.Sprintf("%d %s", e.Code, e.Text)
}

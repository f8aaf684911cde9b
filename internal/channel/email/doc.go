// Package email sends the dunning engine's emails over SMTP and reads the
// bounces that come back.
//
// ParseURL reads the server's configuration from a URL
// (smtp://user:pass@host:587, smtps://…:465), whose String never shows the
// password. Message renders an RFC 5322 message, reproducible byte for
// byte. Sender keeps one connection open to the server across messages.
// ParseDSN reads a delivery status notification, standard (RFC 3464) or
// not.
//
// # Two-phase send: never twice
//
// A dunning email must never reach a debtor twice, even when the process
// crashes in the middle of a send. Sender.Send therefore sends in two
// phases:
//
//  1. MAIL FROM, RCPT TO, DATA, and the whole message except the final
//     "<CRLF>.<CRLF>". A refused recipient fails here (a permanent error
//     whose Bounce text the caller records), before anything is recorded.
//  2. commit(), the caller's function that records in its database that
//     the message is sent. Only when it returns nil does Send write the
//     terminator; the server accepts the message on reading it.
//
// An SMTP server takes a message only once the terminator arrives; a
// connection that breaks before it makes the server discard what it
// received. So:
//
//   - a crash before or during commit leaves no message at the server and
//     no "sent" record: the action is sent again later, once;
//   - a failed commit makes Send close the connection without the
//     terminator: the server discards the message, the database does not
//     say "sent";
//   - a crash after commit, before the terminator left, leaves a "sent"
//     record for a message the server never took: the one window left,
//     a few bytes wide, errs on the side of a message missing — never of
//     a message twice. Send reports such doubt as IsUnconfirmed, and the
//     caller shows it to a person rather than sending again.
//
// A server may still refuse the message after the terminator (a 5xx for
// its content, a 4xx): Send returns that error after commit, and the
// caller corrects its record.
package email

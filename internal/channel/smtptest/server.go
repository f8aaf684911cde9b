// Package smtptest is an SMTP server for tests. It listens on 127.0.0.1
// only, speaks enough of RFC 5321 for a real client (EHLO/HELO, STARTTLS
// with a self-signed certificate made at start, implicit TLS, AUTH PLAIN
// and LOGIN, MAIL/RCPT/DATA/RSET/NOOP/QUIT, dot-unstuffing, a size
// limit) and keeps every message it accepted, parsed back into its
// header, text, HTML and attachments.
//
// A message is recorded only when the final "<CRLF>.<CRLF>" arrives: a
// connection dropped in the middle of DATA records nothing, as a real
// server discards such a message. That is what the two-phase send of
// package email relies on, and what its tests check.
//
// Start is the form for tests; New and Close serve a benchmark or a child
// process that has no testing.TB.
package smtptest

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultMaxSize is the largest message accepted when Options.MaxSize is
// zero.
const DefaultMaxSize = 32 << 20

// Options configure a Server.
type Options struct {
	// RejectRecipients maps an address (compared case-insensitively) to the
	// text of the 550 reply given to RCPT TO for it, for instance
	// "5.1.1 <nobody@example.fr>: Recipient address rejected: User unknown".
	RejectRecipients map[string]string
	// RequireAuth refuses MAIL FROM (530) until the client authenticated.
	RequireAuth bool
	// User and Pass are the only credentials AUTH accepts. AUTH is offered
	// when User is set.
	User, Pass string
	// TLS offers STARTTLS.
	TLS bool
	// Implicit makes the server speak TLS from the first byte (smtps).
	Implicit bool
	// MaxSize is the largest message accepted, in bytes after
	// dot-unstuffing (DefaultMaxSize when zero). It is advertised in EHLO.
	MaxSize int64
	// Mechanisms are the AUTH mechanisms offered (PLAIN and LOGIN when
	// empty); both are always understood.
	Mechanisms []string
	// IdleTimeout closes a connection that sends nothing for that long
	// (one minute when zero).
	IdleTimeout time.Duration
}

// Server is a running SMTP server on 127.0.0.1. It is safe for concurrent
// connections and for concurrent calls of its methods.
type Server struct {
	// TLSConfig is the server's TLS configuration, holding the self-signed
	// certificate made at start (valid for 127.0.0.1, ::1 and localhost).
	TLSConfig *tls.Config

	opts     Options
	ln       net.Listener
	certPool *x509.CertPool

	wg sync.WaitGroup

	mu       sync.Mutex
	closed   bool
	conns    map[net.Conn]struct{}
	accepted int
	msgs     []*stored
	changed  chan struct{} // closed and replaced whenever something changes
	seq      int
}

// New starts a server on 127.0.0.1:0. Close stops it.
func New(opts Options) (*Server, error) {
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = time.Minute
	}
	cert, pool, err := selfSigned()
	if err != nil {
		return nil, fmt.Errorf("smtptest: make certificate: %w", err)
	}
	s := &Server{
		opts:     opts,
		certPool: pool,
		TLSConfig: &tls.Config{
			Certificates: []tls.Certificate{cert},
			MinVersion:   tls.VersionTLS12,
		},
		conns:   make(map[net.Conn]struct{}),
		changed: make(chan struct{}),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smtptest: listen on 127.0.0.1: %w", err)
	}
	if opts.Implicit {
		ln = tls.NewListener(ln, s.TLSConfig)
	}
	s.ln = ln
	s.wg.Add(1)
	go s.serve()
	return s, nil
}

// Start starts a server for the test and stops it when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Close stops listening, drops every connection and waits for the
// server's goroutines to end. Messages already received stay readable.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	_ = s.ln.Close()
	s.wg.Wait()
}

// Addr is the server's address, "127.0.0.1:port".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is an address for email.ParseURL: smtps:// in implicit-TLS mode,
// smtp:// otherwise, with user and pass as userinfo when user is set. When
// the server speaks TLS the URL carries insecure_skip_verify=1, since no
// client knows the certificate made at start; a test that checks the
// certificate sets the client's roots to CertPool instead.
func (s *Server) URL(user, pass string) string {
	u := url.URL{Scheme: "smtp", Host: s.Addr()}
	if s.opts.Implicit {
		u.Scheme = "smtps"
	}
	if user != "" {
		u.User = url.UserPassword(user, pass)
	}
	if s.opts.TLS || s.opts.Implicit {
		u.RawQuery = "insecure_skip_verify=1"
	}
	return u.String()
}

// CertPool holds the server's self-signed certificate, for a client that
// verifies it.
func (s *Server) CertPool() *x509.CertPool { return s.certPool }

// Connections returns how many connections the server accepted in all and
// how many are open now.
func (s *Server) Connections() (accepted, open int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted, len(s.conns)
}

// DropConnections closes every open connection at once, without a reply,
// as a server that restarts would. A message whose DATA was under way is
// not recorded.
func (s *Server) DropConnections() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		_ = c.Close()
	}
}

// Count is how many messages the server recorded.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.msgs)
}

// Messages returns the messages recorded so far, in the order their
// terminator arrived, each parsed back (see Received).
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.msgs))
	for i, m := range s.msgs {
		out[i] = m.parsed()
	}
	return out
}

// WaitFor waits until at least n messages were recorded and returns them,
// or returns an error after timeout.
func (s *Server) WaitFor(n int, timeout time.Duration) ([]Received, error) {
	if err := s.waitUntil(timeout, func() bool { return len(s.msgs) >= n }); err != nil {
		return s.Messages(), fmt.Errorf("smtptest: %d message(s) after %v, want %d", s.Count(), timeout, n)
	}
	return s.Messages(), nil
}

// WaitIdle waits until no connection is open, or returns an error after
// timeout. A test uses it to be sure the server finished with a
// connection that a client dropped.
func (s *Server) WaitIdle(timeout time.Duration) error {
	if err := s.waitUntil(timeout, func() bool { return len(s.conns) == 0 }); err != nil {
		_, open := s.Connections()
		return fmt.Errorf("smtptest: %d connection(s) still open after %v", open, timeout)
	}
	return nil
}

// waitUntil waits until cond, evaluated under s.mu, holds.
func (s *Server) waitUntil(timeout time.Duration, cond func() bool) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-deadline.C:
			return errors.New("timeout")
		}
	}
}

// notifyLocked wakes the waiters; s.mu is held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = c.Close()
			return
		}
		s.accepted++
		s.conns[c] = struct{}{}
		s.notifyLocked()
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			sess := &session{srv: s, conn: c, tls: s.opts.Implicit}
			sess.run()
			s.mu.Lock()
			delete(s.conns, sess.conn)
			delete(s.conns, c)
			s.notifyLocked()
			s.mu.Unlock()
			_ = sess.conn.Close()
		}()
	}
}

// record keeps a message whose terminator arrived and returns its queue id.
func (s *Server) record(r Received) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.msgs = append(s.msgs, &stored{r: r})
	s.notifyLocked()
	return "Q" + strconv.Itoa(s.seq)
}

// swapConn replaces a tracked connection by its TLS wrapper, so that
// Close and DropConnections reach it.
func (s *Server) swapConn(old, repl net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.conns[old]; ok {
		delete(s.conns, old)
		s.conns[repl] = struct{}{}
	}
	if s.closed {
		_ = repl.Close()
	}
}

// session is one client connection.
type session struct {
	srv  *Server
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	tls  bool

	helo   string // empty until EHLO/HELO
	authed bool
	user   string // the authenticated user
	from   string
	inTx   bool // MAIL FROM accepted
	rcpts  []string
}

// maxLine is the longest command or data line accepted (RFC 5321 says
// 512 and 1000; real clients and messages sometimes exceed them).
const maxLine = 64 << 10

var errLineTooLong = errors.New("line too long")

func (c *session) run() {
	c.r = bufio.NewReaderSize(c.conn, 8<<10)
	c.w = bufio.NewWriterSize(c.conn, 4<<10)
	c.reply(220, "127.0.0.1 ESMTP smtptest ready")
	for {
		line, err := c.readLine()
		if errors.Is(err, errLineTooLong) {
			c.reply(500, "5.5.2 Line too long")
			continue
		}
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			c.ehlo(arg, true)
		case "HELO":
			c.ehlo(arg, false)
		case "STARTTLS":
			if !c.startTLS() {
				return
			}
		case "AUTH":
			if !c.auth(arg) {
				return
			}
		case "MAIL":
			c.mail(arg)
		case "RCPT":
			c.rcpt(arg)
		case "DATA":
			if !c.data() {
				return
			}
		case "RSET":
			c.reset()
			c.reply(250, "2.0.0 Ok")
		case "NOOP":
			c.reply(250, "2.0.0 Ok")
		case "VRFY":
			c.reply(252, "2.5.0 Cannot VRFY user")
		case "QUIT":
			c.reply(221, "2.0.0 Bye")
			return
		default:
			c.reply(500, "5.5.2 Command not recognized")
		}
	}
}

// readLine reads one line without its CRLF (a bare LF is accepted).
func (c *session) readLine() (string, error) {
	b, err := c.readRaw()
	if err != nil {
		return "", err
	}
	return string(trimEOL(b)), nil
}

// readRaw reads one line with its line ending, refreshing the idle
// deadline.
func (c *session) readRaw() ([]byte, error) {
	_ = c.conn.SetReadDeadline(time.Now().Add(c.srv.opts.IdleTimeout))
	var line []byte
	for {
		chunk, err := c.r.ReadSlice('\n')
		line = append(line, chunk...)
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(line) > maxLine {
				// Skip the rest of the line, then report it.
				for errors.Is(err, bufio.ErrBufferFull) {
					_, err = c.r.ReadSlice('\n')
				}
				if err != nil {
					return nil, err
				}
				return nil, errLineTooLong
			}
			continue
		}
		return nil, err
	}
	return line, nil
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

// reply writes a one-line reply and flushes it.
func (c *session) reply(code int, text string) {
	fmt.Fprintf(c.w, "%d %s\r\n", code, text)
	_ = c.conn.SetWriteDeadline(time.Now().Add(c.srv.opts.IdleTimeout))
	_ = c.w.Flush()
}

// replyLines writes a multi-line reply.
func (c *session) replyLines(code int, lines []string) {
	for i, l := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		fmt.Fprintf(c.w, "%d%s%s\r\n", code, sep, l)
	}
	_ = c.conn.SetWriteDeadline(time.Now().Add(c.srv.opts.IdleTimeout))
	_ = c.w.Flush()
}

func (c *session) reset() {
	c.from, c.inTx, c.rcpts = "", false, nil
}

func (c *session) ehlo(arg string, extended bool) {
	name := strings.TrimSpace(arg)
	if name == "" {
		c.reply(501, "5.5.4 Syntax: EHLO hostname")
		return
	}
	c.reset()
	c.helo = name
	if !extended {
		c.reply(250, "127.0.0.1")
		return
	}
	lines := []string{
		"127.0.0.1 greets " + name,
		"8BITMIME",
		"ENHANCEDSTATUSCODES",
		"SIZE " + strconv.FormatInt(c.srv.opts.MaxSize, 10),
	}
	if c.srv.opts.TLS && !c.tls {
		lines = append(lines, "STARTTLS")
	}
	if c.srv.opts.User != "" && !c.authed {
		mechs := "PLAIN LOGIN"
		if len(c.srv.opts.Mechanisms) > 0 {
			mechs = strings.Join(c.srv.opts.Mechanisms, " ")
		}
		lines = append(lines, "AUTH "+mechs)
	}
	lines = append(lines, "HELP")
	c.replyLines(250, lines)
}

// startTLS upgrades the connection; false ends the session.
func (c *session) startTLS() bool {
	if !c.srv.opts.TLS || c.tls {
		c.reply(502, "5.5.1 STARTTLS not available")
		return true
	}
	if c.r.Buffered() > 0 {
		// Pipelined bytes before the handshake are an injection attempt.
		c.reply(554, "5.5.1 Data after STARTTLS")
		return false
	}
	c.reply(220, "2.0.0 Ready to start TLS")
	tc := tls.Server(c.conn, c.srv.TLSConfig)
	_ = tc.SetDeadline(time.Now().Add(c.srv.opts.IdleTimeout))
	if err := tc.Handshake(); err != nil {
		return false
	}
	_ = tc.SetDeadline(time.Time{})
	c.srv.swapConn(c.conn, tc)
	c.conn = tc
	c.r = bufio.NewReaderSize(tc, 8<<10)
	c.w = bufio.NewWriterSize(tc, 4<<10)
	c.tls = true
	// RFC 3207: forget everything learnt before the handshake.
	c.helo, c.authed, c.user = "", false, ""
	c.reset()
	return true
}

package email

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Sender submits messages to one SMTP server over one connection, kept
// open from one message to the next (RSET between them, a new connection
// when the old one broke, QUIT on Close). Its methods are safe for
// concurrent use; sends are serialised on the connection, so a caller
// that wants several messages in flight uses several Senders.
type Sender struct {
	cfg Config
	log *slog.Logger
	// dialAddr, when set, is dialled instead of cfg.Addr(): tests reach a
	// local server under another host name with it.
	dialAddr string

	mu sync.Mutex
	c  *conn // nil while disconnected
}

// conn is an open, greeted, possibly authenticated SMTP connection.
type conn struct {
	nc   net.Conn
	text *textproto.Conn
	ext  map[string]string // EHLO keywords (upper case) → parameters
	tls  bool
	used bool // a transaction was started: RSET before the next
}

// NewSender returns a Sender for cfg. It does not connect: the first Send
// does.
func NewSender(cfg Config) (*Sender, error) {
	if cfg.Host == "" || cfg.Port == 0 {
		return nil, fmt.Errorf("new SMTP sender: missing host or port")
	}
	if cfg.Password != "" && cfg.Username == "" {
		return nil, fmt.Errorf("new SMTP sender: password given without a user name")
	}
	return &Sender{cfg: cfg, log: slog.New(slog.DiscardHandler)}, nil
}

// SetLogger makes the sender log its connections and reconnections
// (never a password: the configuration logs redacted).
func (s *Sender) SetLogger(l *slog.Logger) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l == nil {
		l = slog.New(slog.DiscardHandler)
	}
	s.log = l
}

// Send submits m in two phases. It connects (or reuses the connection),
// sends MAIL FROM, RCPT TO and DATA and writes the whole message but not
// the final "<CRLF>.<CRLF>"; then it calls commit, for the caller to
// record in its database that the message is sent. Only when commit
// returns nil does Send write the terminator, after which the server
// takes the message. When commit fails, Send closes the connection
// without the terminator (the server discards the message) and returns
// the commit error wrapped.
//
// An empty m.From is Config.From; a zero m.Date is now. A nil commit
// stands for one that does nothing.
//
// Errors are *Error. A 5xx reply to RCPT TO is permanent (IsPermanent)
// and Bounce gives the server's text. After a successful commit, a 4xx or
// 5xx reply to the terminator means the server refused the message, and
// an error with IsUnconfirmed means it may have taken it: in both cases
// the caller's record says "sent" and must be corrected by the caller.
//
// ctx bounds the whole send until commit; after a successful commit Send
// finishes the exchange within Config.Timeout even if ctx is done, so
// that a cancellation cannot leave a committed message half sent.
func (s *Sender) Send(ctx context.Context, m Message, commit func() error) error {
	if m.From == "" {
		m.From = s.cfg.From
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	data, err := m.Bytes()
	if err != nil {
		return &Error{Stage: StageMessage, Permanent: true, Err: err}
	}
	from, to, err := m.envelope()
	if err != nil {
		return &Error{Stage: StageMessage, Permanent: true, Err: err}
	}
	if commit == nil {
		commit = func() error { return nil }
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return &Error{Stage: StageConnect, Err: err}
	}
	c, err := s.ready(ctx)
	if err != nil {
		return err
	}
	stop := interruptOnDone(ctx, c.nc)
	defer stop()

	// Envelope.
	c.used = true
	mailCmd := "MAIL FROM:<" + from + ">"
	if _, ok := c.ext["SIZE"]; ok {
		mailCmd += " SIZE=" + strconv.Itoa(len(data))
	}
	if needsUTF8(from) || needsUTF8(to) {
		if _, ok := c.ext["SMTPUTF8"]; !ok {
			return &Error{Stage: StageMail, Permanent: true, Err: errors.New("address is not ASCII and the server does not offer SMTPUTF8")}
		}
		mailCmd += " SMTPUTF8"
	}
	if err := s.cmd(ctx, c, StageMail, 2, "%s", mailCmd); err != nil {
		return err
	}
	if err := s.cmd(ctx, c, StageRcpt, 2, "RCPT TO:<%s>", to); err != nil {
		return err
	}
	if err := s.cmd(ctx, c, StageData, 3, "DATA"); err != nil {
		return err
	}

	// Body, all but the terminator, given time for its size too.
	c.deadline(ctx, s.cfg.timeout()+time.Duration(len(data)/(32<<10))*time.Second)
	w := c.text.Writer.W
	writeDotStuffed(w, data)
	if err := w.Flush(); err != nil {
		s.drop()
		return s.ioErr(ctx, StageData, err)
	}

	// Commit. Any way out of it but a nil return drops the connection
	// before the terminator, a panic included.
	if err := ctx.Err(); err != nil {
		s.drop()
		return &Error{Stage: StageData, Err: err}
	}
	committed := false
	defer func() {
		if !committed {
			s.drop()
		}
	}()
	if err := commit(); err != nil {
		return &Error{Stage: StageCommit, Err: err}
	}
	committed = true

	// Terminator: ctx no longer counts.
	stop()
	_ = c.nc.SetDeadline(time.Now().Add(s.cfg.timeout()))
	if _, err := w.WriteString(".\r\n"); err != nil {
		s.drop()
		return &Error{Stage: StageEnd, Unconfirmed: true, Err: err}
	}
	if err := w.Flush(); err != nil {
		s.drop()
		return &Error{Stage: StageEnd, Unconfirmed: true, Err: err}
	}
	if _, _, err := c.text.ReadResponse(2); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) {
			if te.Code == 421 {
				s.drop()
			}
			return &Error{Stage: StageEnd, Code: te.Code, Text: oneLine(te.Msg), Permanent: te.Code >= 500}
		}
		s.drop()
		return &Error{Stage: StageEnd, Unconfirmed: true, Err: err}
	}
	return nil
}

// Ping connects if needed and sends NOOP: a check of the configuration
// (address, TLS, credentials) that sends no message.
func (s *Sender) Ping(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.ready(ctx)
	if err != nil {
		return err
	}
	stop := interruptOnDone(ctx, c.nc)
	defer stop()
	return s.cmd(ctx, c, StageConnect, 2, "NOOP")
}

// Close sends QUIT and closes the connection, if one is open. The Sender
// stays usable: the next Send connects again.
func (s *Sender) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.c
	if c == nil {
		return nil
	}
	s.c = nil
	_ = c.nc.SetDeadline(time.Now().Add(s.cfg.timeout()))
	var err error
	if err = c.text.PrintfLine("QUIT"); err == nil {
		_, _, err = c.text.ReadResponse(2)
	}
	if cerr := c.nc.Close(); err == nil && cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		err = cerr
	}
	if err != nil {
		return &Error{Stage: StageClose, Err: err}
	}
	return nil
}

// drop closes the connection without QUIT.
func (s *Sender) drop() {
	if s.c != nil {
		_ = s.c.nc.Close()
		s.c = nil
	}
}

// ready returns a connection on which a transaction can start: the open
// one after a successful RSET, or a new one.
func (s *Sender) ready(ctx context.Context) (*conn, error) {
	if c := s.c; c != nil {
		if !c.used {
			return c, nil
		}
		stop := interruptOnDone(ctx, c.nc)
		c.deadline(ctx, s.cfg.timeout())
		err := c.text.PrintfLine("RSET")
		if err == nil {
			_, _, err = c.text.ReadResponse(2)
		}
		stop()
		if err == nil {
			c.used = false
			return c, nil
		}
		if ctx.Err() != nil {
			s.drop()
			return nil, &Error{Stage: StageMail, Err: ctx.Err()}
		}
		s.log.Info("smtp connection lost, reconnecting", "server", s.cfg, "err", err)
		s.drop()
	}
	c, err := s.connect(ctx)
	if err != nil {
		return nil, err
	}
	s.c = c
	return c, nil
}

// connect dials, reads the greeting, says EHLO, upgrades with STARTTLS
// when offered and authenticates when credentials are configured.
func (s *Sender) connect(ctx context.Context) (*conn, error) {
	timeout := s.cfg.timeout()
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d := net.Dialer{}
	addr := s.cfg.Addr()
	if s.dialAddr != "" {
		addr = s.dialAddr
	}
	nc, err := d.DialContext(dctx, "tcp", addr)
	if err != nil {
		return nil, s.ioErr(ctx, StageConnect, fmt.Errorf("dial %s: %w", addr, err))
	}
	c := &conn{nc: nc}
	ok := false
	defer func() {
		if !ok {
			_ = c.nc.Close()
		}
	}()
	if s.cfg.Security == ImplicitTLS {
		tc := tls.Client(nc, s.tlsConfig())
		if err := tc.HandshakeContext(dctx); err != nil {
			return nil, s.tlsErr(ctx, err)
		}
		c.nc, c.tls = tc, true
	}
	c.text = textproto.NewConn(c.nc)
	stop := interruptOnDone(ctx, c.nc)
	defer func() { stop() }()

	c.deadline(ctx, timeout)
	if _, _, err := c.text.ReadResponse(2); err != nil {
		return nil, s.replyErr(ctx, StageConnect, fmt.Errorf("greeting: %w", err))
	}
	if err := s.hello(ctx, c); err != nil {
		return nil, err
	}
	if _, offered := c.ext["STARTTLS"]; offered && !c.tls {
		if err := s.cmd(ctx, c, StageConnect, 2, "STARTTLS"); err != nil {
			return nil, err
		}
		tc := tls.Client(c.nc, s.tlsConfig())
		if err := tc.HandshakeContext(dctx); err != nil {
			return nil, s.tlsErr(ctx, err)
		}
		c.nc, c.tls = tc, true
		c.text = textproto.NewConn(tc)
		stop()
		stop = interruptOnDone(ctx, c.nc)
		if err := s.hello(ctx, c); err != nil {
			return nil, err
		}
	}
	if s.cfg.Username != "" {
		if err := s.auth(ctx, c); err != nil {
			return nil, err
		}
	}
	ok = true
	s.log.Debug("smtp connected", "server", s.cfg, "tls", c.tls)
	return c, nil
}

// hello says EHLO, or HELO when the server does not know EHLO.
func (s *Sender) hello(ctx context.Context, c *conn) error {
	name := s.cfg.HELO
	if name == "" {
		name = localName()
	}
	c.ext = map[string]string{}
	c.deadline(ctx, s.cfg.timeout())
	if err := c.text.PrintfLine("EHLO %s", name); err != nil {
		return s.ioErr(ctx, StageConnect, err)
	}
	_, msg, err := c.text.ReadResponse(2)
	if err != nil {
		var te *textproto.Error
		if !errors.As(err, &te) || te.Code < 500 {
			return s.replyErr(ctx, StageConnect, fmt.Errorf("EHLO: %w", err))
		}
		return s.cmd(ctx, c, StageConnect, 2, "HELO %s", name)
	}
	lines := strings.Split(msg, "\n")
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(l), " ")
		c.ext[strings.ToUpper(k)] = v
	}
	return nil
}

// auth authenticates with PLAIN, or LOGIN when PLAIN is not offered, and
// only over TLS or to a loopback address.
func (s *Sender) auth(ctx context.Context, c *conn) error {
	if !c.tls && !s.cfg.loopback() {
		return &Error{Stage: StageAuth, Permanent: true,
			Err: fmt.Errorf("refusing to send credentials to %s without TLS (the server does not offer STARTTLS)", s.cfg.Host)}
	}
	mechs, ok := c.ext["AUTH"]
	if !ok {
		return &Error{Stage: StageAuth, Permanent: true, Err: errors.New("credentials are configured but the server offers no AUTH")}
	}
	has := func(m string) bool {
		for _, f := range strings.Fields(mechs) {
			if strings.EqualFold(f, m) {
				return true
			}
		}
		return false
	}
	b64 := base64.StdEncoding.EncodeToString
	switch {
	case has("PLAIN"):
		resp := b64([]byte("\x00" + s.cfg.Username + "\x00" + s.cfg.Password))
		return s.cmd(ctx, c, StageAuth, 2, "AUTH PLAIN %s", resp)
	case has("LOGIN"):
		if err := s.cmd(ctx, c, StageAuth, 3, "AUTH LOGIN"); err != nil {
			return err
		}
		if err := s.cmd(ctx, c, StageAuth, 3, "%s", b64([]byte(s.cfg.Username))); err != nil {
			return err
		}
		return s.cmd(ctx, c, StageAuth, 2, "%s", b64([]byte(s.cfg.Password)))
	}
	return &Error{Stage: StageAuth, Permanent: true, Err: fmt.Errorf("server offers neither PLAIN nor LOGIN (AUTH %s)", mechs)}
}

// cmd sends one command and reads its reply, which must start with the
// digit expect. A reply error keeps the connection (but 421); a network
// error drops it.
func (s *Sender) cmd(ctx context.Context, c *conn, stage Stage, expect int, format string, args ...any) error {
	c.deadline(ctx, s.cfg.timeout())
	if err := c.text.PrintfLine(format, args...); err != nil {
		s.drop()
		return s.ioErr(ctx, stage, err)
	}
	if _, _, err := c.text.ReadResponse(expect); err != nil {
		return s.replyErr(ctx, stage, err)
	}
	return nil
}

// replyErr turns an error of ReadResponse into an *Error: the server's
// code and text when it answered (5xx permanent), a temporary network
// error otherwise, and then the connection is dropped.
func (s *Sender) replyErr(ctx context.Context, stage Stage, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		if te.Code == 421 || stage == StageConnect {
			s.drop()
		}
		return &Error{Stage: stage, Code: te.Code, Text: oneLine(te.Msg), Permanent: te.Code >= 500}
	}
	s.drop()
	return s.ioErr(ctx, stage, err)
}

// ioErr is a temporary error, naming the cancellation when ctx is done.
func (s *Sender) ioErr(ctx context.Context, stage Stage, err error) error {
	cerr := ctx.Err()
	if d, ok := ctx.Deadline(); cerr == nil && ok && !time.Now().Before(d) {
		// The connection's deadline, set to ctx's, fired first.
		cerr = context.DeadlineExceeded
	}
	if cerr != nil {
		err = fmt.Errorf("%w (%v)", cerr, err)
	}
	return &Error{Stage: stage, Err: err}
}

// tlsErr classifies a failed handshake: a certificate the client cannot
// trust is permanent (a configuration matter), anything else temporary.
func (s *Sender) tlsErr(ctx context.Context, err error) error {
	var cv *tls.CertificateVerificationError
	if errors.As(err, &cv) {
		return &Error{Stage: StageConnect, Permanent: true, Err: fmt.Errorf("TLS handshake with %s: %w", s.cfg.Host, err)}
	}
	return s.ioErr(ctx, StageConnect, fmt.Errorf("TLS handshake with %s: %w", s.cfg.Host, err))
}

func (s *Sender) tlsConfig() *tls.Config {
	return &tls.Config{
		ServerName:         s.cfg.Host,
		RootCAs:            s.cfg.RootCAs,
		InsecureSkipVerify: s.cfg.InsecureSkipVerify, // tests only, see Config
		MinVersion:         tls.VersionTLS12,
	}
}

// deadline bounds the next exchange by timeout and by ctx's deadline.
func (c *conn) deadline(ctx context.Context, timeout time.Duration) {
	d := time.Now().Add(timeout)
	if cd, ok := ctx.Deadline(); ok && cd.Before(d) {
		d = cd
	}
	_ = c.nc.SetDeadline(d)
}

// interruptOnDone unblocks any I/O on nc when ctx is done. The returned
// function stops that; once it returned, the interruption will not
// happen any more (it waits for one already under way), so a deadline
// set afterwards holds. It may be called more than once.
func interruptOnDone(ctx context.Context, nc net.Conn) func() {
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(fired)
		_ = nc.SetDeadline(time.Unix(1, 0))
	})
	var once sync.Once
	return func() {
		once.Do(func() {
			if !stop() {
				<-fired
			}
		})
	}
}

// writeDotStuffed writes data line by line with CRLF endings, doubling a
// leading dot, and ends with a line break — everything of DATA but the
// terminating ".\r\n". Write errors surface at Flush.
func writeDotStuffed(w *bufio.Writer, data []byte) {
	for len(data) > 0 {
		if data[0] == '.' {
			_ = w.WriteByte('.')
		}
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			_, _ = w.Write(data)
			_, _ = w.WriteString("\r\n")
			return
		}
		line := data[:i]
		data = data[i+1:]
		line = bytes.TrimSuffix(line, []byte{'\r'})
		_, _ = w.Write(line)
		_, _ = w.WriteString("\r\n")
	}
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

func needsUTF8(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// localName is the name given in EHLO by default.
func localName() string {
	h, err := os.Hostname()
	if err != nil || !validHELO(h) {
		return "localhost"
	}
	return h
}

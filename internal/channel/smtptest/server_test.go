package smtptest

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

// client is a raw SMTP client for the server's own tests.
type client struct {
	t    *testing.T
	conn net.Conn
	text *textproto.Conn
}

func dial(t *testing.T, s *Server) *client {
	t.Helper()
	conn, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, conn: conn, text: textproto.NewConn(conn)}
	t.Cleanup(func() { _ = conn.Close() })
	c.expect(220)
	return c
}

func (c *client) expect(code int) string {
	c.t.Helper()
	_ = c.conn.SetDeadline(time.Now().Add(5 * time.Second))
	got, msg, err := c.text.ReadResponse(code)
	if err != nil {
		c.t.Fatalf("want %d, got %d %s (%v)", code, got, msg, err)
	}
	return msg
}

func (c *client) do(line string, code int) string {
	c.t.Helper()
	if err := c.text.PrintfLine("%s", line); err != nil {
		c.t.Fatal(err)
	}
	return c.expect(code)
}

func TestTransactionAndDotUnstuffing(t *testing.T) {
	s := Start(t, Options{RejectRecipients: map[string]string{"nobody@example.fr": "5.1.1 <nobody@example.fr>: User unknown"}})
	c := dial(t, s)
	c.do("MAIL FROM:<a@acme.fr>", 503) // before EHLO
	ext := c.do("EHLO client.test", 250)
	if !strings.Contains(ext, "SIZE") || strings.Contains(ext, "STARTTLS") || strings.Contains(ext, "AUTH") {
		t.Errorf("EHLO = %q", ext)
	}
	c.do("RCPT TO:<b@example.fr>", 503)
	c.do("MAIL FROM:<a@acme.fr> SIZE=100", 250)
	c.do("DATA", 503)
	if msg := c.do("RCPT TO:<NOBODY@example.fr>", 550); !strings.Contains(msg, "User unknown") {
		t.Errorf("reject text = %q", msg)
	}
	c.do("RCPT TO:<b@example.fr>", 250)
	c.do("NOOP", 250)
	c.do("DATA", 354)
	body := "Subject: =?utf-8?q?caf=C3=A9?=\r\nMessage-ID: <m1@test>\r\n\r\n..leading dot\r\n.\r\n"
	if _, err := c.conn.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	c.expect(250)
	c.do("RSET", 250)
	c.do("QUIT", 221)

	msgs, err := s.WaitFor(1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[0]
	if m.From != "a@acme.fr" || len(m.To) != 1 || m.To[0] != "b@example.fr" {
		t.Errorf("envelope = %q %q", m.From, m.To)
	}
	if m.Subject != "café" || m.MessageID != "<m1@test>" || m.Text != ".leading dot\r\n" || m.ParseErr != nil {
		t.Errorf("parsed = %q %q %q %v", m.Subject, m.MessageID, m.Text, m.ParseErr)
	}
}

func TestDroppedMidDataRecordsNothing(t *testing.T) {
	s := Start(t, Options{})
	c := dial(t, s)
	c.do("HELO client.test", 250)
	c.do("MAIL FROM:<a@acme.fr>", 250)
	c.do("RCPT TO:<b@example.fr>", 250)
	c.do("DATA", 354)
	// The whole message, even its last line break, but no terminator.
	if _, err := c.conn.Write([]byte("Subject: x\r\n\r\nbody\r\n")); err != nil {
		t.Fatal(err)
	}
	_ = c.conn.Close()
	if err := s.WaitIdle(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if n := s.Count(); n != 0 {
		t.Fatalf("%d message(s) recorded from a dropped connection", n)
	}
}

func TestSizeLimit(t *testing.T) {
	s := Start(t, Options{MaxSize: 100})
	c := dial(t, s)
	c.do("EHLO client.test", 250)
	c.do("MAIL FROM:<a@acme.fr>", 250)
	c.do("RCPT TO:<b@example.fr>", 250)
	c.do("DATA", 354)
	_, _ = c.conn.Write([]byte("Subject: x\r\n\r\n" + strings.Repeat("0123456789\r\n", 20) + ".\r\n"))
	c.expect(552)
	// The session goes on.
	c.do("MAIL FROM:<a@acme.fr>", 250)
	if s.Count() != 0 {
		t.Fatal("oversized message recorded")
	}
}

func TestAuthAndTLS(t *testing.T) {
	s := Start(t, Options{TLS: true, RequireAuth: true, User: "u@acme.fr", Pass: "pa ss", Mechanisms: []string{"LOGIN"}})
	c := dial(t, s)
	ext := c.do("EHLO client.test", 250)
	if !strings.Contains(ext, "STARTTLS") || !strings.Contains(ext, "AUTH LOGIN") {
		t.Fatalf("EHLO = %q", ext)
	}
	c.do("MAIL FROM:<a@acme.fr>", 530)
	c.do("STARTTLS", 220)
	tc := tls.Client(c.conn, &tls.Config{RootCAs: s.CertPool(), ServerName: "127.0.0.1"})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	c.conn, c.text = tc, textproto.NewConn(tc)
	if ext := c.do("EHLO client.test", 250); strings.Contains(ext, "STARTTLS") {
		t.Error("STARTTLS offered twice")
	}
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	c.do("AUTH PLAIN "+b64("\x00u@acme.fr\x00wrong"), 535)
	c.do("AUTH LOGIN", 334)
	c.do(b64("u@acme.fr"), 334)
	c.do(b64("pa ss"), 235)
	c.do("MAIL FROM:<a@acme.fr>", 250)
}

func TestImplicitTLSAndURL(t *testing.T) {
	s := Start(t, Options{Implicit: true})
	if got := s.URL("u@x", "p w"); !strings.HasPrefix(got, "smtps://u%40x:p%20w@127.0.0.1:") || !strings.HasSuffix(got, "?insecure_skip_verify=1") {
		t.Errorf("URL = %q", got)
	}
	conn, err := tls.Dial("tcp", s.Addr(), &tls.Config{RootCAs: s.CertPool(), ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "220 ") {
		t.Fatalf("greeting = %q, %v", line, err)
	}
}

func TestCloseDropsConnections(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, s)
	c.do("EHLO client.test", 250)
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close hangs on an open connection")
	}
	if accepted, open := s.Connections(); accepted != 1 || open != 0 {
		t.Errorf("Connections = %d, %d", accepted, open)
	}
}

package email

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/channel/smtptest"
	"github.com/recouvre/recouvre/internal/logtest"
)

// newSender builds a Sender from the server's URL.
func newSender(t testing.TB, rawURL string, tweak ...func(*Config)) *Sender {
	t.Helper()
	cfg, err := ParseURL(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Timeout = 10 * time.Second
	for _, f := range tweak {
		f(&cfg)
	}
	s, err := NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// msg is a small message with a unique Message-ID.
func msg(n int) Message {
	return Message{
		From:      "relances@acme.fr",
		To:        "jean.dupont@example.fr",
		Subject:   fmt.Sprintf("Relance %d", n),
		Text:      "Bonjour,\nvotre facture est échue.\n",
		MessageID: fmt.Sprintf("<action-%d.org-1@recouvre>", n),
		Date:      time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC),
	}
}

func send(t *testing.T, s *Sender, m Message) {
	t.Helper()
	if err := s.Send(context.Background(), m, nil); err != nil {
		t.Fatalf("Send: %v", err)
	}
}

func TestSendPlain(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", "")+"?from=relances@acme.fr&helo=app.acme.fr")
	m := msg(1)
	m.From = "" // Config.From
	send(t, s, m)
	got, err := srv.WaitFor(1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	r := got[0]
	if r.From != "relances@acme.fr" || strings.Join(r.To, ",") != "jean.dupont@example.fr" || r.TLS || r.User != "" {
		t.Errorf("envelope %q → %q, tls %v, user %q", r.From, r.To, r.TLS, r.User)
	}
	if r.MessageID != "<action-1.org-1@recouvre>" || r.Subject != "Relance 1" || r.ParseErr != nil {
		t.Errorf("received %q %q %v", r.MessageID, r.Subject, r.ParseErr)
	}
	if want := "Bonjour,\r\nvotre facture est échue.\r\n"; r.Text != want {
		t.Errorf("text = %q, want %q", r.Text, want)
	}
	m.From = "relances@acme.fr"
	want, _ := m.Bytes()
	if !bytes.Equal(r.Data, want) {
		t.Errorf("the server received other bytes than Message.Bytes:\n%s\n---\n%s", r.Data, want)
	}
}

func TestSendSTARTTLSAndAuth(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: true, RequireAuth: true, User: "relances@acme.fr", Pass: "s3cret é"})
	// The certificate checked against the server's root, not skipped.
	s := newSender(t, srv.URL("relances@acme.fr", "s3cret é"), func(c *Config) {
		c.InsecureSkipVerify = false
		c.RootCAs = srv.CertPool()
	})
	var logged logtest.Buffer
	s.SetLogger(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})))
	send(t, s, msg(1))
	got, err := srv.WaitFor(1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].TLS || got[0].User != "relances@acme.fr" {
		t.Errorf("tls %v, user %q", got[0].TLS, got[0].User)
	}
	if l := logged.String(); !strings.Contains(l, "smtp connected") || strings.Contains(l, "s3cret") {
		t.Errorf("log = %s", l)
	}
}

func TestSendAuthLoginOnly(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: true, RequireAuth: true, User: "u", Pass: "p", Mechanisms: []string{"LOGIN"}})
	s := newSender(t, srv.URL("u", "p")) // insecure_skip_verify=1
	send(t, s, msg(1))
	if got, err := srv.WaitFor(1, time.Second); err != nil || got[0].User != "u" {
		t.Fatalf("%v %v", got, err)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{Implicit: true, RequireAuth: true, User: "u", Pass: "p"})
	s := newSender(t, srv.URL("u", "p"), func(c *Config) { c.InsecureSkipVerify, c.RootCAs = false, srv.CertPool() })
	if s.cfg.Security != ImplicitTLS {
		t.Fatal("URL is not smtps")
	}
	send(t, s, msg(1))
	if got, err := srv.WaitFor(1, time.Second); err != nil || !got[0].TLS || got[0].User != "u" {
		t.Fatalf("%v %v", got, err)
	}
}

func TestSendUntrustedCertificate(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: true})
	s := newSender(t, srv.URL("", ""), func(c *Config) { c.InsecureSkipVerify = false })
	err := s.Send(context.Background(), msg(1), nil)
	if err == nil || !IsPermanent(err) || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a permanent certificate error", err)
	}
}

func TestSendAuthRefused(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: true, RequireAuth: true, User: "u", Pass: "right"})
	s := newSender(t, srv.URL("u", "wrong"))
	committed := false
	err := s.Send(context.Background(), msg(1), func() error { committed = true; return nil })
	var e *Error
	if !errors.As(err, &e) || e.Stage != StageAuth || e.Code != 535 || !IsPermanent(err) {
		t.Fatalf("err = %#v", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("error shows the password: %v", err)
	}
	if committed || srv.Count() != 0 {
		t.Error("something was committed or recorded")
	}
}

func TestSendRefusesCredentialsInClear(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{RequireAuth: true, User: "u", Pass: "p"}) // no STARTTLS
	cfg := Config{Security: StartTLS, Host: "mail.example.fr", Port: 587, Username: "u", Password: "p", Timeout: 5 * time.Second}
	s, err := NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.dialAddr = srv.Addr() // a remote name, reached locally
	defer s.Close()
	err = s.Send(context.Background(), msg(1), nil)
	if !IsPermanent(err) || !strings.Contains(err.Error(), "without TLS") {
		t.Fatalf("err = %v", err)
	}
	// To the same server under its loopback address, AUTH in clear is allowed.
	s2 := newSender(t, srv.URL("u", "p"))
	send(t, s2, msg(2))
}

func TestSendRecipientRejected(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{RejectRecipients: map[string]string{
		"inconnu@example.fr": "5.1.1 <inconnu@example.fr>: Recipient address rejected: User unknown",
	}})
	s := newSender(t, srv.URL("", ""))
	m := msg(1)
	m.To = "Client Inconnu <inconnu@example.fr>"
	committed := false
	err := s.Send(context.Background(), m, func() error { committed = true; return nil })
	if !IsPermanent(err) {
		t.Fatalf("err = %v, want permanent", err)
	}
	if b := Bounce(err); b != "550 5.1.1 <inconnu@example.fr>: Recipient address rejected: User unknown" {
		t.Errorf("Bounce = %q", b)
	}
	if committed {
		t.Error("commit called for a refused recipient")
	}
	// The connection goes on (RSET) for the next message.
	send(t, s, msg(2))
	got, err := srv.WaitFor(1, time.Second)
	if err != nil || len(got) != 1 || got[0].MessageID != "<action-2.org-1@recouvre>" {
		t.Fatalf("%v %v", got, err)
	}
	if accepted, _ := srv.Connections(); accepted != 1 {
		t.Errorf("%d connections, want 1", accepted)
	}
	for _, e := range []error{
		errors.New("x"),
		&Error{Stage: StageRcpt, Code: 450, Text: "4.2.1 try later"},
		&Error{Stage: StageMail, Code: 550, Text: "5.7.1 sender refused", Permanent: true},
		&Error{Stage: StageEnd, Code: 554, Text: "5.7.1 spam", Permanent: true},
	} {
		if b := Bounce(e); b != "" {
			t.Errorf("Bounce(%v) = %q, want none", e, b)
		}
	}
	late := &Error{Stage: StageEnd, Code: 550, Text: "5.1.1 mailbox unknown", Permanent: true}
	if b := Bounce(fmt.Errorf("wrapped: %w", late)); b != "550 5.1.1 mailbox unknown" {
		t.Errorf("late recipient refusal: Bounce = %q", b)
	}
}

func TestSendAttachmentByteExact(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	pdf := make([]byte, 50_000)
	_, _ = rand.Read(pdf)
	copy(pdf, "%PDF-1.7\r\n.\r\n") // a terminator-looking sequence inside
	m := sampleMessage()
	m.Attachments = []Attachment{
		{Name: "Mise en demeure.pdf", ContentType: "application/pdf", Data: pdf},
		{Name: "relevé.csv", ContentType: "text/csv; charset=utf-8", Data: []byte("a;b\r\n.;.\r\n")},
	}
	send(t, s, m)
	got, err := srv.WaitFor(1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	r := got[0]
	if r.ParseErr != nil {
		t.Fatal(r.ParseErr)
	}
	if len(r.Attachments) != 2 {
		t.Fatalf("%d attachments", len(r.Attachments))
	}
	a := r.Attachments[0]
	if a.Name != "Mise en demeure.pdf" || a.ContentType != "application/pdf" || !bytes.Equal(a.Data, pdf) {
		t.Errorf("attachment %q %q differs (%d bytes, want %d)", a.Name, a.ContentType, len(a.Data), len(pdf))
	}
	if b := r.Attachments[1]; b.Name != "relevé.csv" || string(b.Data) != "a;b\r\n.;.\r\n" {
		t.Errorf("second attachment %q %q", b.Name, b.Data)
	}
	if r.Subject != m.Subject {
		t.Errorf("subject = %q", r.Subject)
	}
	if !strings.Contains(r.Text, "\r\n.Une ligne qui commence par un point.\r\n") {
		t.Errorf("dot line lost: %q", r.Text)
	}
	if !strings.Contains(r.HTML, "<b>FA-2025-0042</b>") {
		t.Errorf("html = %q", r.HTML)
	}
}

func TestSendNonASCIISubject(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	m := msg(1)
	m.Subject = "Dernière relance avant mise en demeure — facture n° FA-42 (1 234,56 €) 🙏"
	m.FromName = "Émilie Août"
	send(t, s, m)
	got, err := srv.WaitFor(1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Subject != m.Subject {
		t.Errorf("subject = %q", got[0].Subject)
	}
	from, err := got[0].Header.AddressList("From")
	if err != nil || from[0].Name != "Émilie Août" {
		t.Errorf("from = %v %v", from, err)
	}
}

func TestSendHeaderInjectionRefused(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	m := msg(1)
	m.Subject = "Relance\r\nBcc: everyone@example.com"
	err := s.Send(context.Background(), m, func() error { t.Error("commit called"); return nil })
	if !errors.Is(err, ErrHeaderInjection) || !IsPermanent(err) {
		t.Fatalf("err = %v", err)
	}
	if accepted, _ := srv.Connections(); accepted != 0 || srv.Count() != 0 {
		t.Error("a refused message reached the server")
	}
}

func TestTwoPhaseCommitFails(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	dbErr := errors.New("database is locked")
	err := s.Send(context.Background(), msg(1), func() error { return dbErr })
	if !errors.Is(err, dbErr) {
		t.Fatalf("err = %v, want the commit error", err)
	}
	if IsPermanent(err) || IsUnconfirmed(err) {
		t.Errorf("commit error classified permanent/unconfirmed: %v", err)
	}
	if err := srv.WaitIdle(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count(); n != 0 {
		t.Fatalf("server recorded %d message(s) although commit failed", n)
	}
	// The sender reconnects for the next message.
	send(t, s, msg(2))
	if got, err := srv.WaitFor(1, time.Second); err != nil || got[0].MessageID != "<action-2.org-1@recouvre>" {
		t.Fatalf("%v %v", got, err)
	}
}

func TestTwoPhaseCommitPanics(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	func() {
		defer func() { _ = recover() }()
		_ = s.Send(context.Background(), msg(1), func() error { panic("boom") })
	}()
	if err := srv.WaitIdle(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if srv.Count() != 0 {
		t.Fatal("message recorded although commit panicked")
	}
	send(t, s, msg(2))
}

func TestTwoPhaseCommitOK(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	calls := 0
	err := s.Send(context.Background(), msg(1), func() error {
		calls++
		// The whole message is at the server, which has not taken it yet.
		time.Sleep(50 * time.Millisecond)
		if n := srv.Count(); n != 0 {
			t.Errorf("server took the message before commit returned (%d)", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("commit called %d times", calls)
	}
	if n := srv.Count(); n != 1 {
		t.Fatalf("server recorded %d message(s), want 1 as soon as Send returned", n)
	}
	_ = s.Close()
	if err := srv.WaitIdle(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count(); n != 1 {
		t.Fatalf("server recorded %d message(s), want exactly 1", n)
	}
}

func TestConnectionDroppedBeforeTerminator(t *testing.T) {
	// The server goes away while the caller commits: the message was never
	// taken, and Send says the outcome is unconfirmed.
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	err := s.Send(context.Background(), msg(1), func() error {
		srv.DropConnections()
		_ = srv.WaitIdle(5 * time.Second)
		return nil
	})
	if err == nil {
		t.Fatal("Send succeeded on a dropped connection")
	}
	if !IsUnconfirmed(err) || IsPermanent(err) {
		t.Errorf("err = %v, want unconfirmed", err)
	}
	if srv.Count() != 0 {
		t.Fatal("message recorded from a dropped connection")
	}
}

// TestCrashAfterCommit runs a child process that commits and dies before
// the terminator: the server must record nothing.
func TestCrashAfterCommit(t *testing.T) {
	if url := os.Getenv("EMAIL_TEST_CRASH_URL"); url != "" {
		crashChild(url)
		return
	}
	srv := smtptest.Start(t, smtptest.Options{TLS: true, RequireAuth: true, User: "u", Pass: "p"})
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashAfterCommit$", "-test.count=1")
	cmd.Env = append(os.Environ(), "EMAIL_TEST_CRASH_URL="+srv.URL("u", "p"))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "committed") {
		t.Fatalf("child did not reach commit:\n%s", out)
	}
	if err := srv.WaitIdle(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if accepted, _ := srv.Connections(); accepted != 1 {
		t.Errorf("%d connections", accepted)
	}
	if n := srv.Count(); n != 0 {
		t.Fatalf("server recorded %d message(s) from a process that died before the terminator", n)
	}
}

func crashChild(url string) {
	cfg, err := ParseURL(url)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	s, err := NewSender(cfg)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	err = s.Send(context.Background(), msg(1), func() error {
		fmt.Println("committed")
		os.Exit(3) // the process dies with the database saying "sent"
		return nil
	})
	fmt.Println("Send returned:", err)
	os.Exit(1)
}

func TestPersistentConnection(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: true, RequireAuth: true, User: "u", Pass: "p"})
	s := newSender(t, srv.URL("u", "p"))
	for i := range 100 {
		send(t, s, msg(i))
	}
	got, err := srv.WaitFor(100, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if accepted, _ := srv.Connections(); accepted != 1 {
		t.Errorf("%d connections for 100 messages, want 1", accepted)
	}
	for i, r := range got {
		if want := fmt.Sprintf("<action-%d.org-1@recouvre>", i); r.MessageID != want {
			t.Fatalf("message %d is %s", i, r.MessageID)
		}
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := srv.WaitIdle(5 * time.Second); err != nil {
		t.Error(err)
	}
}

func TestReconnectAfterServerDrop(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	send(t, s, msg(1))
	srv.DropConnections()
	if err := srv.WaitIdle(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	send(t, s, msg(2))
	if _, err := srv.WaitFor(2, time.Second); err != nil {
		t.Fatal(err)
	}
	if accepted, _ := srv.Connections(); accepted != 2 {
		t.Errorf("%d connections, want 2", accepted)
	}
}

func TestConcurrentSends(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := newSender(t, srv.URL("", ""))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if err := s.Send(context.Background(), msg(g*100+i), nil); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if _, err := srv.WaitFor(40, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if accepted, _ := srv.Connections(); accepted != 1 {
		t.Errorf("%d connections", accepted)
	}
}

func TestSendRespectsContext(t *testing.T) {
	// A server that accepts and never greets.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	s := newSender(t, "smtp://"+ln.Addr().String())
	for name, ctx := range map[string]func() (context.Context, context.CancelFunc){
		"deadline": func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 200*time.Millisecond)
		},
		"cancel": func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(200*time.Millisecond, cancel)
			return ctx, cancel
		},
	} {
		c, cancel := ctx()
		start := time.Now()
		err := s.Send(c, msg(1), nil)
		cancel()
		if err == nil || IsPermanent(err) {
			t.Errorf("%s: err = %v, want a temporary error", name, err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: Send took %v", name, d)
		}
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v does not wrap the context's error", name, err)
		}
	}
}

func TestPing(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: true, RequireAuth: true, User: "u", Pass: "p"})
	if err := newSender(t, srv.URL("u", "p")).Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if err := newSender(t, srv.URL("u", "bad")).Ping(context.Background()); !IsPermanent(err) {
		t.Errorf("Ping with bad credentials: %v", err)
	}
	if srv.Count() != 0 {
		t.Error("Ping sent a message")
	}
}

// BenchmarkSend sends over one connection to a local server and reports
// messages per second.
func BenchmarkSend(b *testing.B) {
	srv, err := smtptest.New(smtptest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	s := newSender(b, srv.URL("", ""))
	m := sampleMessage()
	m.Attachments = nil
	ctx := context.Background()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		m.MessageID = fmt.Sprintf("<bench-%d@recouvre>", i)
		if err := s.Send(ctx, m, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
	if accepted, _ := srv.Connections(); accepted != 1 {
		b.Errorf("%d connections", accepted)
	}
}

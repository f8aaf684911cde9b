package email

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		raw  string
		want Config
	}{
		{"smtp://user:pass@mail.example.fr:587", Config{Security: StartTLS, Host: "mail.example.fr", Port: 587, Username: "user", Password: "pass"}},
		{"smtps://user:pass@mail.example.fr:465", Config{Security: ImplicitTLS, Host: "mail.example.fr", Port: 465, Username: "user", Password: "pass"}},
		{"smtp://relay.local:25", Config{Security: StartTLS, Host: "relay.local", Port: 25}},
		{"smtp://relay.local", Config{Security: StartTLS, Host: "relay.local", Port: 587}},
		{"SMTPS://relay.local", Config{Security: ImplicitTLS, Host: "relay.local", Port: 465}},
		{"smtp://[::1]:2525", Config{Security: StartTLS, Host: "::1", Port: 2525}},
		// Userinfo is percent-decoded; a "+" in from stays a "+".
		{"smtp://relances%40acme.fr:p%40ss%3Aw%2Fd%20x@smtp.acme.fr:587?from=relances%2Bacme@acme.fr&helo=srv1.acme.fr",
			Config{Security: StartTLS, Host: "smtp.acme.fr", Port: 587, Username: "relances@acme.fr", Password: "p@ss:w/d x",
				From: "<relances+acme@acme.fr>", HELO: "srv1.acme.fr"}},
		{"smtp://u:p@127.0.0.1:2525?insecure_skip_verify=1&timeout=5s&from=Acme%20%3Crelances@acme.fr%3E",
			Config{Security: StartTLS, Host: "127.0.0.1", Port: 2525, Username: "u", Password: "p",
				InsecureSkipVerify: true, Timeout: 5 * time.Second, From: `"Acme" <relances@acme.fr>`}},
	}
	for _, tt := range tests {
		got, err := ParseURL(tt.raw)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.raw, err)
			continue
		}
		if fmt.Sprint(got.Security, got.Host, got.Port, got.Username, got.Password, got.From, got.HELO, got.InsecureSkipVerify, got.Timeout) !=
			fmt.Sprint(tt.want.Security, tt.want.Host, tt.want.Port, tt.want.Username, tt.want.Password, tt.want.From, tt.want.HELO, tt.want.InsecureSkipVerify, tt.want.Timeout) {
			t.Errorf("ParseURL(%q) = %+v, want %+v", tt.raw, got, tt.want)
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", "missing scheme"},
		{"mail.example.fr:587", "unsupported scheme"},
		{"http://mail.example.fr", "unsupported scheme"},
		{"smtp:mail.example.fr", "missing //"},
		{"smtp://", "missing host"},
		{"smtp://mail.example.fr:99999", "invalid port"},
		{"smtp://mail.example.fr/path", "unexpected path"},
		{"smtp://:secret@mail.example.fr", "password given without a user name"},
		{"smtp://mail.example.fr?from=not-an-address", "from="},
		{"smtp://mail.example.fr?helo=bad%20name", "helo="},
		{"smtp://mail.example.fr?insecure_skip_verify=maybe", "insecure_skip_verify"},
		{"smtp://mail.example.fr?timeout=-1s", "timeout"},
		{"smtp://mail.example.fr?sender=x@y.fr", `unknown option "sender"`},
		{"smtp://user:s3cr%zzet@mail.example.fr", "malformed URL"},
	}
	for _, tt := range tests {
		_, err := ParseURL(tt.raw)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseURL(%q) error = %v, want it to mention %q", tt.raw, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr") {
			t.Errorf("ParseURL(%q) error shows the password: %v", tt.raw, err)
		}
	}
}

func TestConfigRedactsPassword(t *testing.T) {
	c, err := ParseURL("smtp://relances%40acme.fr:Tr%C3%A8sS3cret@smtp.acme.fr:587?from=relances@acme.fr")
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "smtp", c)
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "smtp", c)
	for _, s := range []string{c.String(), fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), logged.String()} {
		if strings.Contains(s, "S3cret") {
			t.Errorf("password shown: %s", s)
		}
		if !strings.Contains(s, "REDACTED") || !strings.Contains(s, "smtp.acme.fr:587") {
			t.Errorf("redacted config lacks the user or host: %s", s)
		}
	}
	// The redacted form parses back, password aside.
	back, err := ParseURL(c.String())
	if err != nil || back.Username != c.Username || back.Host != c.Host || back.From != c.From {
		t.Errorf("ParseURL(String()) = %+v, %v", back, err)
	}
	if got := (Config{Host: "h", Port: 25}).String(); got != "smtp://h:25" {
		t.Errorf("String without credentials = %q", got)
	}
}

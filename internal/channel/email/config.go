package email

import (
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Security is how a Sender protects its connection.
type Security int

const (
	// StartTLS (smtp://) upgrades with STARTTLS whenever the server offers
	// it, and fails rather than go on in clear if the upgrade fails. A
	// server that does not offer it is used in clear only when no
	// credentials are given or the host is a loopback address.
	StartTLS Security = iota
	// ImplicitTLS (smtps://) speaks TLS from the first byte.
	ImplicitTLS
)

// String is the URL scheme of s.
func (s Security) String() string {
	if s == ImplicitTLS {
		return "smtps"
	}
	return "smtp"
}

// DefaultTimeout bounds each SMTP command when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config is where and how to submit mail. ParseURL builds one; RootCAs and
// Timeout may be set afterwards.
type Config struct {
	Security Security
	Host     string // host name or IP address, no port
	Port     int
	Username string // empty: no AUTH
	Password string
	// From is the default envelope and header sender, used when a Message
	// has none.
	From string
	// HELO is the name given in EHLO (the machine's host name when empty).
	HELO string
	// InsecureSkipVerify accepts any server certificate. For tests only.
	InsecureSkipVerify bool
	// RootCAs, when set, replaces the system roots to verify the server.
	RootCAs *x509.CertPool
	// Timeout bounds each command (DefaultTimeout when zero).
	Timeout time.Duration
}

// ParseURL reads a submission URL:
//
//	smtp://user:pass@host:587   STARTTLS (see StartTLS), AUTH
//	smtps://user:pass@host:465  implicit TLS, AUTH
//	smtp://host:25              no credentials: STARTTLS if offered
//
// The port defaults to 587 for smtp and 465 for smtps. The user and
// password are percent-decoded. Query options: from=address (the default
// sender), helo=name, insecure_skip_verify=1 (tests only), timeout=30s.
// An unknown option is an error, so that a typo does not go unnoticed.
func ParseURL(raw string) (Config, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// url.Error quotes the whole URL, password included: say less.
		return Config{}, fmt.Errorf("parse SMTP URL: malformed URL")
	}
	var c Config
	switch strings.ToLower(u.Scheme) {
	case "smtp":
		c.Security, c.Port = StartTLS, 587
	case "smtps":
		c.Security, c.Port = ImplicitTLS, 465
	case "":
		return Config{}, fmt.Errorf("parse SMTP URL: missing scheme (smtp:// or smtps://)")
	default:
		return Config{}, fmt.Errorf("parse SMTP URL: unsupported scheme %q (want smtp or smtps)", u.Scheme)
	}
	if u.Opaque != "" {
		return Config{}, fmt.Errorf("parse SMTP URL: missing // after the scheme %s", u.Scheme)
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return Config{}, fmt.Errorf("parse SMTP URL: missing host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Config{}, fmt.Errorf("parse SMTP URL: invalid port %q", p)
		}
		c.Port = n
	}
	if u.Path != "" && u.Path != "/" {
		return Config{}, fmt.Errorf("parse SMTP URL: unexpected path %q", u.Path)
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
		if c.Username == "" {
			return Config{}, fmt.Errorf("parse SMTP URL: password given without a user name")
		}
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		// PathUnescape, not QueryUnescape: a "+" in an address stays a "+".
		key, err1 := url.PathUnescape(k)
		v, err2 := url.PathUnescape(v)
		if err1 != nil || err2 != nil {
			return Config{}, fmt.Errorf("parse SMTP URL: malformed option %q", k)
		}
		switch key {
		case "from":
			a, err := mail.ParseAddress(v)
			if err != nil {
				return Config{}, fmt.Errorf("parse SMTP URL: from=%q: %w", v, err)
			}
			c.From = a.String()
		case "helo":
			if !validHELO(v) {
				return Config{}, fmt.Errorf("parse SMTP URL: helo=%q is not a host name", v)
			}
			c.HELO = v
		case "insecure_skip_verify":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return Config{}, fmt.Errorf("parse SMTP URL: insecure_skip_verify=%q: want 1 or 0", v)
			}
			c.InsecureSkipVerify = b
		case "timeout":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return Config{}, fmt.Errorf("parse SMTP URL: timeout=%q: want a positive duration such as 30s", v)
			}
			c.Timeout = d
		default:
			return Config{}, fmt.Errorf("parse SMTP URL: unknown option %q", key)
		}
	}
	return c, nil
}

// validHELO accepts a host name or an address literal.
func validHELO(s string) bool {
	if s == "" || len(s) > 255 {
		return false
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		ip := strings.TrimPrefix(s[1:len(s)-1], "IPv6:")
		return net.ParseIP(ip) != nil
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// Addr is "host:port".
func (c Config) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// String is c as a URL with the password redacted: safe to log.
func (c Config) String() string {
	u := url.URL{Scheme: c.Security.String(), Host: c.Addr()}
	if c.Username != "" {
		if c.Password != "" {
			u.User = url.UserPassword(c.Username, "REDACTED")
		} else {
			u.User = url.User(c.Username)
		}
	}
	q := url.Values{}
	if c.From != "" {
		q.Set("from", c.From)
	}
	if c.HELO != "" {
		q.Set("helo", c.HELO)
	}
	if c.InsecureSkipVerify {
		q.Set("insecure_skip_verify", "1")
	}
	if c.Timeout != 0 {
		q.Set("timeout", c.Timeout.String())
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// GoString is String, so that %#v does not print the password either.
func (c Config) GoString() string { return "email.Config(" + c.String() + ")" }

// LogValue is String, so that slog never writes the password.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// timeout is the per-command timeout.
func (c Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// loopback reports whether the host is a loopback address or localhost.
func (c Config) loopback() bool {
	if strings.EqualFold(c.Host, "localhost") {
		return true
	}
	ip := net.ParseIP(c.Host)
	return ip != nil && ip.IsLoopback()
}

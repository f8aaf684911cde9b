package email

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDSN(t *testing.T) {
	tests := []struct {
		file string
		want DSN
	}{
		{"postfix.eml", DSN{
			Recipient: "inconnu@example.fr", Status: "5.1.1", Action: "failed",
			Diagnostic:        "550 5.1.1 <inconnu@example.fr>: Recipient address rejected: User unknown",
			OriginalMessageID: "<action-12.org-3@recouvre>", Permanent: true,
		}},
		{"gmail.eml", DSN{ // base64 status part, the failed one of two recipients
			Recipient: "marie.martin@example.com", Status: "5.2.2", Action: "failed",
			Diagnostic:        "552-5.2.2 The recipient's inbox is out of storage space.",
			OriginalMessageID: "<action-99.org-3@recouvre>", Permanent: true,
		}},
		{"exim.eml", DSN{ // non-standard: X-Failed-Recipients and quoted headers
			Recipient: "paul@example.org", Status: "5.1.1", Action: "failed",
			Diagnostic:        "550 5.1.1 <paul@example.org>: Mailbox does not exist",
			OriginalMessageID: "<action-7.org-3@recouvre>", Permanent: true,
		}},
		{"plain.eml", DSN{ // a bare reply code; 10.5.1.1 is an address, not a status
			Recipient: "lucie@example.net", Status: "5.0.0", Action: "failed",
			Diagnostic:        "Remote host 10.5.1.1 said: 550 Requested action not taken: mailbox unavailable",
			OriginalMessageID: "<action-8.org-3@recouvre>", Permanent: true,
		}},
		{"delayed.eml", DSN{
			Recipient: "lent@example.fr", Status: "4.4.1", Action: "delayed",
			Diagnostic: "connect to mx.example.fr[192.0.2.1]:25: Connection timed out",
		}},
	}
	for _, tt := range tests {
		f, err := os.Open(filepath.Join("testdata", "dsn", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseDSN(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.file, got, tt.want)
		}
	}
}

func TestParseDSNErrors(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"no header", "not a message", "read header"},
		{"ordinary mail", "From: a@b.fr\r\nTo: c@d.fr\r\nSubject: Bonjour\r\n\r\nMerci pour votre paiement.\r\n",
			"no message/delivery-status part and no recipient and no status code found"},
		{"code but no address", "From: MAILER-DAEMON@x.fr\r\nSubject: failure\r\n\r\n550 5.1.1 User unknown\r\n",
			"no recipient found"},
		{"status part without status", "Content-Type: multipart/report; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b.fr\r\nAction: failed\r\n\r\n--b--\r\n",
			"a delivery-status part but no status code found"},
		{"multipart without boundary", "Content-Type: multipart/report\r\n\r\nx\r\n", "without a boundary"},
	}
	for _, tt := range tests {
		_, err := ParseDSN(strings.NewReader(tt.raw))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
	big := bytes.Repeat([]byte("x"), maxDSNSize+10)
	if _, err := ParseDSN(bytes.NewReader(big)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized: %v", err)
	}
}

func FuzzParseDSN(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "dsn", "*.eml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Subject: x\r\n\r\n<a@b.fr>: 550 5.1.1 unknown\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDSN(bytes.NewReader(data))
		if err != nil {
			return
		}
		if d.Recipient == "" || !validStatus(d.Status) || d.Action == "" {
			t.Fatalf("accepted an incomplete DSN: %+v", d)
		}
		if d.Permanent != (d.Status[0] == '5') {
			t.Fatalf("Permanent %v for status %s", d.Permanent, d.Status)
		}
	})
}

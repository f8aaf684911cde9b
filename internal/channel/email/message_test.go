package email

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"
)

var paris = time.FixedZone("CET", 3600)

func sampleMessage() Message {
	return Message{
		From:      "relances@acme.fr",
		FromName:  "Société Acme — Comptabilité",
		To:        "Jean Dupont <jean.dupont@example.fr>",
		ReplyTo:   "compta@acme.fr",
		Subject:   "Relance : facture FA-2025-0042 échue depuis 15 jours",
		Text:      "Bonjour,\n\nSauf erreur de notre part, la facture FA-2025-0042 (1 234,56 €) reste impayée.\n.Une ligne qui commence par un point.\n\nCordialement,\nAcme",
		HTML:      "<p>Bonjour,</p><p>Sauf erreur de notre part, la facture <b>FA-2025-0042</b> (1&nbsp;234,56&nbsp;€) reste impayée.</p>",
		MessageID: "<action-12.org-3@recouvre>",
		Date:      time.Date(2025, 3, 14, 9, 30, 0, 0, paris),
		Headers:   map[string]string{"X-Recouvre-Action": "12", "X-Recouvre-Dossier": "Dossier n° 7"},
		Attachments: []Attachment{
			{Name: "Relevé de compte.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7\n\x00\x01\x02\xff binary\r\n.\r\n")},
		},
	}
}

func TestMessageBytesStructure(t *testing.T) {
	m := sampleMessage()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := m.Bytes()
	if !bytes.Equal(raw, again) {
		t.Error("Bytes is not reproducible")
	}
	if i := bytes.IndexByte(bytes.ReplaceAll(raw, []byte("\r\n"), nil), '\n'); i >= 0 {
		t.Errorf("bare LF at %d", i)
	}
	if bytes.ContainsRune(bytes.ReplaceAll(raw, []byte("\r\n"), nil), '\r') {
		t.Error("bare CR")
	}
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d long", i, len(line))
		}
		for _, r := range line {
			if r > 127 {
				t.Fatalf("line %d is not 7-bit: %q", i, line)
			}
		}
	}

	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Errorf("Subject = %q, %v", subject, err)
	}
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != m.FromName || from[0].Address != "relances@acme.fr" {
		t.Errorf("From = %v, %v", from, err)
	}
	for k, want := range map[string]string{
		"Message-Id":        "<action-12.org-3@recouvre>",
		"Date":              "Fri, 14 Mar 2025 09:30:00 +0100",
		"Mime-Version":      "1.0",
		"Auto-Submitted":    "auto-generated",
		"To":                `"Jean Dupont" <jean.dupont@example.fr>`,
		"Reply-To":          "<compta@acme.fr>",
		"X-Recouvre-Action": "12",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if got, _ := dec.DecodeHeader(h.Get("X-Recouvre-Dossier")); got != "Dossier n° 7" {
		t.Errorf("X-Recouvre-Dossier = %q", got)
	}

	// multipart/mixed ⊃ (multipart/alternative ⊃ text, html), attachment.
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type = %q", h.Get("Content-Type"))
	}
	if params["boundary"] != boundary("<action-12.org-3@recouvre>", "mix") {
		t.Errorf("boundary %q not derived from the Message-ID", params["boundary"])
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	alt, err := mr.NextRawPart()
	if err != nil {
		t.Fatal(err)
	}
	amt, aparams, _ := mime.ParseMediaType(alt.Header.Get("Content-Type"))
	if amt != "multipart/alternative" {
		t.Fatalf("first part is %q", amt)
	}
	ar := multipart.NewReader(alt, aparams["boundary"])
	for _, want := range []struct{ mt, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		p, err := ar.NextRawPart()
		if err != nil {
			t.Fatal(err)
		}
		if ct := p.Header.Get("Content-Type"); ct != want.mt+"; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		if cte := p.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Errorf("Content-Transfer-Encoding = %q", cte)
		}
		b, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		if got != want.body {
			t.Errorf("%s body = %q, want %q", want.mt, got, want.body)
		}
	}
	att, err := mr.NextRawPart()
	if err != nil {
		t.Fatal(err)
	}
	if _, dp, _ := mime.ParseMediaType(att.Header.Get("Content-Disposition")); dp["filename"] != "Relevé de compte.pdf" {
		t.Errorf("filename = %q", dp["filename"])
	}
	body, _ := io.ReadAll(att)
	for _, line := range strings.Split(strings.TrimRight(string(body), "\r\n"), "\r\n") {
		if len(line) > 76 {
			t.Errorf("base64 line of %d characters", len(line))
		}
	}
	if _, err := mr.NextRawPart(); err != io.EOF {
		t.Errorf("extra part: %v", err)
	}
}

func TestMessageShapes(t *testing.T) {
	base := Message{From: "a@acme.fr", To: "b@example.fr", Subject: "Hello", MessageID: "x1@recouvre", Date: time.Unix(0, 0).UTC()}
	textOnly := base
	textOnly.Text = "only text"
	htmlOnly := base
	htmlOnly.HTML = "<p>only html</p>"
	for _, tt := range []struct {
		m    Message
		want string
	}{{textOnly, "text/plain; charset=utf-8"}, {htmlOnly, "text/html; charset=utf-8"}} {
		raw, err := tt.m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := mail.ReadMessage(bytes.NewReader(raw))
		if got := msg.Header.Get("Content-Type"); got != tt.want {
			t.Errorf("Content-Type = %q, want %q", got, tt.want)
		}
		if got := msg.Header.Get("Message-Id"); got != "<x1@recouvre>" {
			t.Errorf("Message-ID = %q (brackets are added when missing)", got)
		}
	}
	// A long subject is folded, and unfolds to itself.
	long := textOnly
	long.Subject = strings.Repeat("Relance amiable n° 3 — ", 8)
	raw, err := long.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := mail.ReadMessage(bytes.NewReader(raw))
	if got, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); got != long.Subject {
		t.Errorf("long subject = %q", got)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 78 && !strings.HasPrefix(line, "=?") && !strings.HasPrefix(line, " =?") {
			t.Errorf("header line of %d: %q", len(line), line)
		}
	}
}

func TestMessageRefusesHeaderInjection(t *testing.T) {
	for name, mutate := range map[string]func(*Message){
		"subject":     func(m *Message) { m.Subject = "Relance\r\nBcc: victim@example.com" },
		"subject LF":  func(m *Message) { m.Subject = "Relance\nBcc: victim@example.com" },
		"to":          func(m *Message) { m.To = "jean@example.fr\r\nBcc: victim@example.com" },
		"from name":   func(m *Message) { m.FromName = "Acme\rBcc: x@y.z" },
		"reply-to":    func(m *Message) { m.ReplyTo = "a@b.fr\nX: y" },
		"message id":  func(m *Message) { m.MessageID = "<a@b>\r\nBcc: x@y.z" },
		"header":      func(m *Message) { m.Headers = map[string]string{"X-Tag": "a\r\nBcc: x@y.z"} },
		"attach name": func(m *Message) { m.Attachments[0].Name = "a.pdf\r\nX: y" },
	} {
		m := sampleMessage()
		mutate(&m)
		if _, err := m.Bytes(); !errors.Is(err, ErrHeaderInjection) {
			t.Errorf("%s: err = %v, want ErrHeaderInjection", name, err)
		}
	}
}

func TestMessageErrors(t *testing.T) {
	for name, tt := range map[string]struct {
		mutate func(*Message)
		want   string
	}{
		"no id":           {func(m *Message) { m.MessageID = "" }, "missing Message-ID"},
		"bad id":          {func(m *Message) { m.MessageID = "<no-at-sign>" }, "not of the form"},
		"no date":         {func(m *Message) { m.Date = time.Time{} }, "missing date"},
		"no body":         {func(m *Message) { m.Text, m.HTML = "", "" }, "no text and no HTML"},
		"bad to":          {func(m *Message) { m.To = "jean" }, "recipient"},
		"bad from":        {func(m *Message) { m.From = "" }, "sender"},
		"reserved header": {func(m *Message) { m.Headers = map[string]string{"content-type": "text/plain"} }, "written by the message itself"},
		"bad header name": {func(m *Message) { m.Headers = map[string]string{"X Bad": "1"} }, "not a valid field name"},
		"unnamed file":    {func(m *Message) { m.Attachments[0].Name = " " }, "missing file name"},
		"bad type":        {func(m *Message) { m.Attachments[0].ContentType = "pdf/" }, "content type"},
		"bad utf8":        {func(m *Message) { m.Text = "caf\xe9" }, "UTF-8"},
	} {
		m := sampleMessage()
		tt.mutate(&m)
		if _, err := m.Bytes(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, tt.want)
		}
	}
}

package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Message is one email. MessageID is required and stable per dunning
// action: the caller builds it ("<action-12.org-3@recouvre>"), and it
// also seeds the MIME boundaries, so the same Message always gives the
// same bytes.
type Message struct {
	From     string // address, or "Name <address>"; Config.From when empty
	FromName string // display name, overrides the one in From
	To       string // address, or "Name <address>"
	ReplyTo  string // optional
	Subject  string
	Text     string // text/plain body
	HTML     string // text/html body (optional)
	// MessageID is written as given, in angle brackets ("<…>", added when
	// missing).
	MessageID string
	Date      time.Time // required by Bytes; Sender.Send uses now when zero
	// Headers are extra header fields ("X-Recouvre-Action": "12"). They
	// cannot replace the fields the message writes itself.
	Headers     map[string]string
	Attachments []Attachment
}

// Attachment is a file attached to a Message.
type Attachment struct {
	Name        string // file name shown to the reader
	ContentType string // "application/pdf"; application/octet-stream when empty
	Data        []byte
}

// reserved are the header fields Message writes itself.
var reserved = map[string]bool{
	"Date": true, "From": true, "Sender": true, "To": true, "Cc": true, "Bcc": true,
	"Reply-To": true, "Subject": true, "Message-Id": true, "Mime-Version": true,
	"Content-Type": true, "Content-Transfer-Encoding": true, "Content-Disposition": true,
	"Auto-Submitted": true, "Return-Path": true, "Received": true,
}

// Bytes renders the message as RFC 5322 text with CRLF line endings:
// multipart/alternative (text/plain and text/html, both UTF-8
// quoted-printable) inside multipart/mixed when there are attachments
// (base64, lines of 76), RFC 2047 encoded words for a non-ASCII subject
// or display name, Auto-Submitted: auto-generated. The MIME boundaries
// derive from MessageID, so the output is reproducible. A header field
// holding CR or LF is refused (ErrHeaderInjection).
func (m Message) Bytes() ([]byte, error) {
	h, err := m.header()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for _, f := range h {
		writeField(&b, f.name, f.value)
	}
	if err := m.writeBody(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type field struct{ name, value string }

// envelope returns the addresses for MAIL FROM and RCPT TO.
func (m Message) envelope() (from, to string, err error) {
	f, err := mail.ParseAddress(m.From)
	if err != nil {
		return "", "", fmt.Errorf("sender %q: %w", m.From, err)
	}
	t, err := mail.ParseAddress(m.To)
	if err != nil {
		return "", "", fmt.Errorf("recipient %q: %w", m.To, err)
	}
	return f.Address, t.Address, nil
}

// header validates m and returns its top-level header fields in order.
func (m Message) header() ([]field, error) {
	for name, v := range map[string]string{
		"From": m.From, "FromName": m.FromName, "To": m.To, "ReplyTo": m.ReplyTo,
		"Subject": m.Subject, "MessageID": m.MessageID,
	} {
		if strings.ContainsAny(v, "\r\n") {
			return nil, fmt.Errorf("build message: %s: %w", name, ErrHeaderInjection)
		}
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("build message: %s is not valid UTF-8", name)
		}
	}
	if m.Date.IsZero() {
		return nil, fmt.Errorf("build message: missing date")
	}
	id, err := normalizeID(m.MessageID)
	if err != nil {
		return nil, fmt.Errorf("build message: %w", err)
	}
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return nil, fmt.Errorf("build message: sender %q: %w", m.From, err)
	}
	if m.FromName != "" {
		from.Name = m.FromName
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("build message: recipient %q: %w", m.To, err)
	}
	h := []field{
		{"Date", m.Date.Format(time.RFC1123Z)},
		{"From", from.String()},
		{"To", to.String()},
	}
	if m.ReplyTo != "" {
		rt, err := mail.ParseAddress(m.ReplyTo)
		if err != nil {
			return nil, fmt.Errorf("build message: reply-to %q: %w", m.ReplyTo, err)
		}
		h = append(h, field{"Reply-To", rt.String()})
	}
	h = append(h,
		field{"Subject", encodeText(m.Subject)},
		field{"Message-ID", id},
		field{"MIME-Version", "1.0"},
		field{"Auto-Submitted", "auto-generated"},
	)
	extra := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		extra = append(extra, k)
	}
	sort.Strings(extra)
	for _, k := range extra {
		v := m.Headers[k]
		if !validFieldName(k) {
			return nil, fmt.Errorf("build message: header name %q is not a valid field name", k)
		}
		if strings.ContainsAny(v, "\r\n") {
			return nil, fmt.Errorf("build message: header %s: %w", k, ErrHeaderInjection)
		}
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("build message: header %s is not valid UTF-8", k)
		}
		if reserved[textproto.CanonicalMIMEHeaderKey(k)] {
			return nil, fmt.Errorf("build message: header %s is written by the message itself", k)
		}
		h = append(h, field{k, encodeText(v)})
	}
	return h, nil
}

// maxWord is the length of the encoded words encodeText makes: short
// enough for "Subject: " and a word to stay within 76 columns.
const maxWord = 66

// encodeText encodes an unstructured header value as RFC 2047 Q encoded
// words when it is not plain ASCII (as mime.QEncoding decides), in words
// of at most maxWord characters that never split a character, separated
// by spaces where writeField may fold.
func encodeText(s string) string {
	if mime.QEncoding.Encode("utf-8", s) == s {
		return s
	}
	const prefix, suffix = "=?utf-8?q?", "?="
	var words []string
	var cur strings.Builder
	for _, r := range s {
		var enc strings.Builder
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			switch {
			case c == ' ':
				enc.WriteByte('_')
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("!*+-/", c) >= 0:
				enc.WriteByte(c)
			default:
				fmt.Fprintf(&enc, "=%02X", c)
			}
		}
		if cur.Len() > 0 && len(prefix)+cur.Len()+enc.Len()+len(suffix) > maxWord {
			words = append(words, prefix+cur.String()+suffix)
			cur.Reset()
		}
		cur.WriteString(enc.String())
	}
	if cur.Len() > 0 {
		words = append(words, prefix+cur.String()+suffix)
	}
	return strings.Join(words, " ")
}

// normalizeID checks a Message-ID and puts it in angle brackets.
func normalizeID(id string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", fmt.Errorf("missing Message-ID")
	}
	if !strings.HasPrefix(id, "<") {
		id = "<" + id + ">"
	}
	inner := id[1 : len(id)-1]
	if !strings.HasSuffix(id, ">") || !strings.Contains(inner, "@") || strings.ContainsAny(inner, "<> \t\"\\") {
		return "", fmt.Errorf("Message-ID %q is not of the form <left@right>", id)
	}
	for _, r := range inner {
		if r < 33 || r > 126 {
			return "", fmt.Errorf("Message-ID %q holds a character outside printable ASCII", id)
		}
	}
	return id, nil
}

// validFieldName is RFC 5322 ftext: printable ASCII but the colon.
func validFieldName(s string) bool {
	if s == "" || len(s) > 76 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 33 || c > 126 || c == ':' {
			return false
		}
	}
	return true
}

// writeField writes "Name: value" folded at spaces near 78 columns.
func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(":")
	col := len(name) + 1
	words := strings.Split(value, " ")
	for i, w := range words {
		// Fold before a non-empty word that would pass column 78, unless
		// the line holds nothing but the field name yet.
		if i > 0 && w != "" && col+1+len(w) > 78 && col > len(name)+1 {
			b.WriteString("\r\n")
			col = 0
		}
		b.WriteString(" ")
		b.WriteString(w)
		col += 1 + len(w)
	}
	b.WriteString("\r\n")
}

// boundary derives a MIME boundary from the Message-ID. "=_" never occurs
// in quoted-printable or base64 text, so it cannot collide with a body.
func boundary(id, kind string) string {
	sum := sha256.Sum256([]byte(id))
	return "=_rcv_" + kind + "_" + hex.EncodeToString(sum[:12])
}

// writeBody writes the Content-* fields of the top-level entity, the
// blank line and the body.
func (m Message) writeBody(b *bytes.Buffer) error {
	if m.Text == "" && m.HTML == "" {
		return fmt.Errorf("build message: no text and no HTML body")
	}
	if !utf8.ValidString(m.Text) || !utf8.ValidString(m.HTML) {
		return fmt.Errorf("build message: body is not valid UTF-8")
	}
	for i, a := range m.Attachments {
		if err := a.check(); err != nil {
			return fmt.Errorf("build message: attachment %d: %w", i+1, err)
		}
	}
	id, _ := normalizeID(m.MessageID) // checked by header
	bodyHeader, body, err := m.alternative(id)
	if err != nil {
		return err
	}
	if len(m.Attachments) == 0 {
		writeEntity(b, bodyHeader, body)
		return nil
	}
	var parts bytes.Buffer
	mw := multipart.NewWriter(&parts)
	if err := mw.SetBoundary(boundary(id, "mix")); err != nil {
		return fmt.Errorf("build message: boundary: %w", err)
	}
	if err := writePart(mw, bodyHeader, body); err != nil {
		return err
	}
	for _, a := range m.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		mt, params, _ := mime.ParseMediaType(ct) // checked
		params["name"] = a.Name
		ph := textproto.MIMEHeader{}
		ph.Set("Content-Type", mime.FormatMediaType(mt, params))
		ph.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
		ph.Set("Content-Transfer-Encoding", "base64")
		if err := writePart(mw, ph, wrapBase64(a.Data)); err != nil {
			return err
		}
	}
	if err := mw.Close(); err != nil {
		return fmt.Errorf("build message: %w", err)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	writeEntity(b, h, parts.Bytes())
	return nil
}

// writeEntity writes header fields (sorted, folded), a blank line and the
// body.
func writeEntity(b *bytes.Buffer, h textproto.MIMEHeader, body []byte) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			writeField(b, k, v)
		}
	}
	b.WriteString("\r\n")
	b.Write(body)
}

// writePart adds a part to a multipart writer.
func writePart(mw *multipart.Writer, h textproto.MIMEHeader, body []byte) error {
	pw, err := mw.CreatePart(h)
	if err != nil {
		return fmt.Errorf("build message: %w", err)
	}
	if _, err := pw.Write(body); err != nil {
		return fmt.Errorf("build message: %w", err)
	}
	return nil
}

// check validates an attachment's name and content type.
func (a Attachment) check() error {
	if strings.TrimSpace(a.Name) == "" {
		return fmt.Errorf("missing file name")
	}
	if strings.ContainsAny(a.Name, "\r\n") || strings.ContainsAny(a.ContentType, "\r\n") {
		return ErrHeaderInjection
	}
	if !utf8.ValidString(a.Name) {
		return fmt.Errorf("file name is not valid UTF-8")
	}
	if a.ContentType != "" {
		if _, _, err := mime.ParseMediaType(a.ContentType); err != nil {
			return fmt.Errorf("content type %q: %w", a.ContentType, err)
		}
	}
	return nil
}

// alternative returns the header and body of the readable part: one text
// entity alone, or a multipart/alternative of text and HTML.
func (m Message) alternative(id string) (textproto.MIMEHeader, []byte, error) {
	textEntity := func(mt, body string) textproto.MIMEHeader {
		h := textproto.MIMEHeader{}
		h.Set("Content-Type", mt+"; charset=utf-8")
		h.Set("Content-Transfer-Encoding", "quoted-printable")
		return h
	}
	switch {
	case m.HTML == "":
		return textEntity("text/plain", m.Text), quotedPrintable(m.Text), nil
	case m.Text == "":
		return textEntity("text/html", m.HTML), quotedPrintable(m.HTML), nil
	}
	var parts bytes.Buffer
	mw := multipart.NewWriter(&parts)
	if err := mw.SetBoundary(boundary(id, "alt")); err != nil {
		return nil, nil, fmt.Errorf("build message: boundary: %w", err)
	}
	if err := writePart(mw, textEntity("text/plain", m.Text), quotedPrintable(m.Text)); err != nil {
		return nil, nil, err
	}
	if err := writePart(mw, textEntity("text/html", m.HTML), quotedPrintable(m.HTML)); err != nil {
		return nil, nil, err
	}
	if err := mw.Close(); err != nil {
		return nil, nil, fmt.Errorf("build message: %w", err)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": mw.Boundary()}))
	return h, parts.Bytes(), nil
}

// quotedPrintable encodes UTF-8 text with CRLF line breaks, ending with a
// line break.
func quotedPrintable(s string) []byte {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	_, _ = w.Write([]byte(s)) // writes to a bytes.Buffer do not fail
	_ = w.Close()
	return b.Bytes()
}

// wrapBase64 encodes data in lines of 76 characters ending with CRLF.
func wrapBase64(data []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(data)
	var b bytes.Buffer
	b.Grow(len(enc) + len(enc)/76*2 + 2)
	for len(enc) > 76 {
		b.WriteString(enc[:76])
		b.WriteString("\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc)
	b.WriteString("\r\n")
	return b.Bytes()
}

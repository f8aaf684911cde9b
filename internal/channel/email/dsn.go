package email

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
)

// DSN is what a delivery status notification says of one recipient.
type DSN struct {
	Recipient         string // the address that failed, "jean@example.fr"
	Status            string // enhanced status code, "5.1.1"
	Action            string // failed, delayed, delivered, relayed or expanded
	Diagnostic        string // the remote server's words, "550 5.1.1 User unknown"
	OriginalMessageID string // Message-ID of the message that bounced, "<…>"; may be empty
	// Permanent is true for a 5.x.x status: the address will not work.
	Permanent bool
}

// Limits of ParseDSN, against hostile input.
const (
	maxDSNSize  = 10 << 20
	maxDSNDepth = 6
	maxDSNParts = 100
)

// ParseDSN reads a bounce: an RFC 3464 multipart/report with its
// message/delivery-status part (the first failed recipient is taken) and
// the original message or headers for the Message-ID; or, failing that,
// one of the common non-standard bounces, text that quotes the SMTP reply
// ("550 5.1.1 …") followed by the original headers. An error says what
// could not be found.
func ParseDSN(r io.Reader) (DSN, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDSNSize+1))
	if err != nil {
		return DSN{}, fmt.Errorf("parse DSN: read: %w", err)
	}
	if len(data) > maxDSNSize {
		return DSN{}, fmt.Errorf("parse DSN: larger than %d bytes", maxDSNSize)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return DSN{}, fmt.Errorf("parse DSN: read header: %w", err)
	}
	p := &dsnParser{}
	if err := p.walk(textproto.MIMEHeader(msg.Header), msg.Body, 0); err != nil {
		return DSN{}, fmt.Errorf("parse DSN: %w", err)
	}
	return p.result(msg.Header)
}

// dsnParser gathers what the parts of a bounce say.
type dsnParser struct {
	parts      int
	recipients []textproto.MIMEHeader // per-recipient fields of delivery-status parts
	original   mail.Header            // header of the original message
	text       strings.Builder        // text/plain parts
}

func (p *dsnParser) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	p.parts++
	if depth > maxDSNDepth || p.parts > maxDSNParts {
		return errors.New("MIME structure too deep or too large")
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		// A broken Content-Type: read the body as text.
		mt, params = "text/plain", nil
	}
	if strings.HasPrefix(mt, "multipart/") {
		if params["boundary"] == "" {
			return fmt.Errorf("%s without a boundary", mt)
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				if len(p.recipients) > 0 || p.text.Len() > 0 {
					return nil // keep what was read before the damage
				}
				return fmt.Errorf("read %s part: %w", mt, err)
			}
			if err := p.walk(part.Header, part, depth+1); err != nil {
				return err
			}
		}
	}
	content, err := io.ReadAll(transferDecoded(h.Get("Content-Transfer-Encoding"), body))
	if err != nil && len(content) == 0 {
		return fmt.Errorf("decode %s part: %w", mt, err)
	}
	switch mt {
	case "message/delivery-status", "message/global-delivery-status":
		p.readStatus(content)
	case "text/rfc822-headers", "message/rfc822", "message/global", "message/global-headers":
		if p.original == nil {
			if m, err := mail.ReadMessage(io.MultiReader(bytes.NewReader(content), strings.NewReader("\r\n\r\n"))); err == nil {
				p.original = m.Header
			}
		}
	case "text/plain":
		p.text.Write(content)
		p.text.WriteString("\n")
	}
	return nil
}

// readStatus reads the field groups of a delivery-status body: the
// per-message group, then one per recipient.
func (p *dsnParser) readStatus(content []byte) {
	tr := textproto.NewReader(bufio.NewReader(bytes.NewReader(bytes.TrimLeft(content, "\r\n"))))
	for range 50 {
		h, err := tr.ReadMIMEHeader()
		if len(h) > 0 && (h.Get("Final-Recipient") != "" || h.Get("Original-Recipient") != "" || h.Get("Action") != "") {
			p.recipients = append(p.recipients, h)
		}
		if err != nil {
			return
		}
	}
}

var (
	enhancedRE  = regexp.MustCompile(`[245]\.[0-9]{1,3}\.[0-9]{1,3}`)
	replyCodeRE = regexp.MustCompile(`[45][0-9][0-9][ -]`)
	addressRE   = regexp.MustCompile(`[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)
	msgIDRE     = regexp.MustCompile(`(?im)^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)`)
	toRE        = regexp.MustCompile(`(?im)^to:[ \t]*(.+)$`)
	headerRE    = regexp.MustCompile(`(?im)^(received|return-path|message-id|from|to|subject|date|mime-version|content-type|x-[a-z-]+):`)
)

// result combines what was found into a DSN.
func (p *dsnParser) result(outer mail.Header) (DSN, error) {
	var d DSN
	if rh := pickRecipient(p.recipients); rh != nil {
		d.Recipient = fieldValue(rh.Get("Final-Recipient"))
		if d.Recipient == "" {
			d.Recipient = fieldValue(rh.Get("Original-Recipient"))
		}
		switch a := strings.ToLower(strings.TrimSpace(rh.Get("Action"))); a {
		case "failed", "delayed", "delivered", "relayed", "expanded":
			d.Action = a
		}
		d.Diagnostic = fieldValue(rh.Get("Diagnostic-Code"))
		if s := strings.Fields(rh.Get("Status")); len(s) > 0 && validStatus(s[0]) {
			d.Status = s[0]
		}
		if d.Status == "" {
			d.Status = statusIn(d.Diagnostic)
		}
	}
	if p.original != nil {
		d.OriginalMessageID = strings.TrimSpace(p.original.Get("Message-Id"))
	}

	// Non-standard bounces, and gaps in standard ones: read the text.
	text := strings.ToValidUTF8(p.text.String(), "\uFFFD")
	explanation := text // the bounce's own words, before the quoted headers
	if loc := headerRE.FindStringIndex(text); loc != nil {
		explanation = text[:loc[0]]
	}
	if d.Status == "" {
		d.Status, d.Diagnostic = statusLine(explanation, d.Diagnostic)
	}
	if d.OriginalMessageID == "" {
		if m := msgIDRE.FindStringSubmatch(text); m != nil {
			d.OriginalMessageID = m[1]
		}
	}
	if d.Recipient == "" {
		d.Recipient = failedRecipient(outer, p.original, explanation, text)
	}
	if d.Action == "" && d.Status != "" {
		d.Action = map[byte]string{'2': "delivered", '4': "delayed", '5': "failed"}[d.Status[0]]
	}
	d.Diagnostic = strings.TrimSpace(strings.ToValidUTF8(d.Diagnostic, "\uFFFD"))
	d.Recipient = strings.ToValidUTF8(d.Recipient, "\uFFFD")

	var missing []string
	if d.Recipient == "" {
		missing = append(missing, "recipient")
	}
	if d.Status == "" {
		missing = append(missing, "status code")
	}
	if len(missing) > 0 {
		kind := "no message/delivery-status part and "
		if len(p.recipients) > 0 {
			kind = "a delivery-status part but "
		}
		return DSN{}, fmt.Errorf("parse DSN: %sno %s found", kind, strings.Join(missing, " and no "))
	}
	d.Permanent = d.Status[0] == '5'
	return d, nil
}

// pickRecipient prefers the first recipient whose delivery failed.
func pickRecipient(rs []textproto.MIMEHeader) textproto.MIMEHeader {
	for _, h := range rs {
		if strings.EqualFold(strings.TrimSpace(h.Get("Action")), "failed") {
			return h
		}
	}
	if len(rs) > 0 {
		return rs[0]
	}
	return nil
}

// fieldValue strips the type of a typed field ("rfc822; a@b" → "a@b",
// "smtp; 550 …" → "550 …") and angle brackets around an address.
func fieldValue(v string) string {
	if _, rest, ok := strings.Cut(v, ";"); ok {
		v = rest
	}
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") && !strings.Contains(v, " ") {
		v = v[1 : len(v)-1]
	}
	return v
}

func validStatus(s string) bool {
	loc := enhancedRE.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s)
}

// statusIn finds a standalone enhanced status code in s ("5.1.1", not
// the tail of an IP address or a version number).
func statusIn(s string) string {
	for _, loc := range enhancedRE.FindAllStringIndex(s, -1) {
		if standalone(s, loc[0], loc[1]) {
			return s[loc[0]:loc[1]]
		}
	}
	return ""
}

// standalone reports whether s[i:j] is not glued to digits or dots.
func standalone(s string, i, j int) bool {
	glued := func(c byte) bool { return c == '.' || c >= '0' && c <= '9' }
	if i > 0 && glued(s[i-1]) {
		return false
	}
	if j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
		return false
	}
	return true
}

// statusLine finds a status in a bounce's text: an enhanced code, or an
// SMTP reply code (550 → 5.0.0). It returns the status and, when diag is
// empty, the line it was found on.
func statusLine(text, diag string) (status, diagnostic string) {
	diagnostic = diag
	for _, line := range strings.Split(text, "\n") {
		if st := statusIn(line); st != "" {
			if diagnostic == "" {
				diagnostic = strings.TrimSpace(line)
			}
			return st, diagnostic
		}
	}
	for _, line := range strings.Split(text, "\n") {
		for _, loc := range replyCodeRE.FindAllStringIndex(line, -1) {
			if standalone(line, loc[0], loc[0]+3) {
				if diagnostic == "" {
					diagnostic = strings.TrimSpace(line)
				}
				return line[loc[0]:loc[0]+1] + ".0.0", diagnostic
			}
		}
	}
	return "", diagnostic
}

// failedRecipient guesses the failed address of a non-standard bounce:
// X-Failed-Recipients, else the first address in the bounce's own words
// that is not the bounce's sender or addressee, else the To of the
// quoted original headers.
func failedRecipient(outer, original mail.Header, explanation, text string) string {
	if v := outer.Get("X-Failed-Recipients"); v != "" {
		first, _, _ := strings.Cut(v, ",")
		if a := strings.TrimSpace(first); a != "" {
			return a
		}
	}
	skip := map[string]bool{}
	for _, f := range []string{"From", "To", "Sender", "Return-Path"} {
		for _, a := range addressRE.FindAllString(outer.Get(f), -1) {
			skip[strings.ToLower(a)] = true
		}
	}
	for _, a := range addressRE.FindAllString(explanation, -1) {
		l := strings.ToLower(a)
		if skip[l] || strings.HasPrefix(l, "postmaster@") || strings.HasPrefix(l, "mailer-daemon@") {
			continue
		}
		return a
	}
	to := ""
	if original != nil {
		to = original.Get("To")
	} else if m := toRE.FindStringSubmatch(text); m != nil {
		to = m[1]
	}
	if a := addressRE.FindString(to); a != "" {
		return a
	}
	return ""
}

// transferDecoded undoes a Content-Transfer-Encoding.
func transferDecoded(cte string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	}
	return r
}

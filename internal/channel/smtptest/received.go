package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
)

// Received is a message the server accepted, as it arrived and parsed
// back.
type Received struct {
	From string   // MAIL FROM
	To   []string // RCPT TO, in order
	Data []byte   // the message after dot-unstuffing, CRLF line endings
	TLS  bool     // the connection was encrypted (STARTTLS or implicit)
	User string   // the user that authenticated, "" without AUTH

	// Parsed from Data.
	Header      mail.Header
	MessageID   string // the Message-ID header as written, angle brackets included
	Subject     string // decoded from RFC 2047
	Text        string // the decoded text/plain body
	HTML        string // the decoded text/html body
	Attachments []Attachment
	// ParseErr is why Data could not be parsed, if it could not.
	ParseErr error
}

// stored is a recorded message, parsed the first time it is read.
type stored struct {
	once sync.Once
	r    Received
}

// parsed returns the message, parsing it the first time.
func (s *stored) parsed() Received {
	s.once.Do(func() { s.r.ParseErr = s.r.parse() })
	return s.r
}

// Attachment is an attached file, decoded.
type Attachment struct {
	Name        string
	ContentType string // media type without parameters
	Data        []byte
}

// maxDepth bounds the nesting of multipart bodies.
const maxDepth = 8

func (r *Received) parse() error {
	msg, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	r.Header = msg.Header
	r.MessageID = strings.TrimSpace(msg.Header.Get("Message-Id"))
	dec := mime.WordDecoder{}
	if r.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return fmt.Errorf("decode subject: %w", err)
	}
	return r.walk(textproto.MIMEHeader(msg.Header), msg.Body, 0)
}

// walk visits one MIME entity and its children.
func (r *Received) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("MIME nesting deeper than %d", maxDepth)
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("content type %q: %w", ct, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s part: %w", mt, err)
			}
			if err := r.walk(p.Header, p, depth+1); err != nil {
				return err
			}
		}
	}
	data, err := io.ReadAll(decoded(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return fmt.Errorf("decode %s body: %w", mt, err)
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	switch {
	case disp != "attachment" && mt == "text/plain" && r.Text == "":
		r.Text = string(data)
	case disp != "attachment" && mt == "text/html" && r.HTML == "":
		r.HTML = string(data)
	default:
		name := dparams["filename"]
		if name == "" {
			name = params["name"]
		}
		if n, err := (&mime.WordDecoder{}).DecodeHeader(name); err == nil {
			name = n
		}
		r.Attachments = append(r.Attachments, Attachment{Name: name, ContentType: mt, Data: data})
	}
	return nil
}

// decoded undoes a Content-Transfer-Encoding.
func decoded(cte string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, stripSpace{r})
	}
	return r
}

// stripSpace drops the line breaks of base64 text.
type stripSpace struct{ r io.Reader }

// Read reads from the underlying reader, dropping white space.
func (s stripSpace) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		j := 0
		for _, b := range p[:n] {
			if b != '\r' && b != '\n' && b != ' ' && b != '\t' {
				p[j] = b
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

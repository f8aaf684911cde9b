package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultBrevoURL is Brevo's API.
const DefaultBrevoURL = "https://api.brevo.com"

// BrevoPath is the transactional SMS endpoint. Brevo has announced a
// successor, POST /v3/transactionalSMS/send, answering only
// {"messageId": …}; Send reads either answer.
const BrevoPath = "/v3/transactionalSMS/sms"

// Brevo sends SMS with Brevo's transactional SMS API:
// POST {BaseURL}/v3/transactionalSMS/sms with the header api-key and the
// JSON body {"sender", "recipient" (digits with the country code, no
// "+"), "content", "type": "transactional", "tag"}; "unicodeEnabled" is
// set when the text needs UCS-2. The answer is
// {"reference", "messageId", "smsCount", "usedCredits",
// "remainingCredits"}, an error {"code", "message"}.
type Brevo struct {
	APIKey  string // never logged
	BaseURL string // DefaultBrevoURL when empty
	// HTTPClient sends the requests (one with a 30 s timeout when nil).
	HTTPClient *http.Client
	// Logger, when set, logs each SMS sent with the credits left.
	Logger *slog.Logger
}

var defaultClient = &http.Client{Timeout: 30 * time.Second}

type brevoRequest struct {
	Sender         string `json:"sender"`
	Recipient      string `json:"recipient"`
	Content        string `json:"content"`
	Type           string `json:"type"`
	Tag            string `json:"tag,omitempty"`
	UnicodeEnabled bool   `json:"unicodeEnabled,omitempty"`
}

type brevoResponse struct {
	Reference        string      `json:"reference"`
	MessageID        json.Number `json:"messageId"`
	SMSCount         int         `json:"smsCount"`
	UsedCredits      float64     `json:"usedCredits"`
	RemainingCredits float64     `json:"remainingCredits"`
}

type brevoError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Send sends m and returns Brevo's reference (its messageId when no
// reference comes back). A number, sender or text that cannot be sent is
// a permanent error before any request.
func (b *Brevo) Send(ctx context.Context, m SMS) (string, error) {
	fail := func(msg string, err error) (string, error) {
		return "", &Error{Provider: "brevo", Message: msg, Permanent: true, Err: err}
	}
	if b.APIKey == "" {
		return fail("no API key configured", nil)
	}
	if err := ValidSender(m.Sender); err != nil {
		return fail("invalid sender", err)
	}
	to, err := recipient(m.To)
	if err != nil {
		return fail("invalid recipient", err)
	}
	if strings.TrimSpace(m.Text) == "" {
		return fail("empty text", nil)
	}
	if !utf8.ValidString(m.Text) {
		return fail("text is not valid UTF-8", nil)
	}
	enc, _, _ := Segments(m.Text)
	body, err := json.Marshal(brevoRequest{
		Sender:         m.Sender,
		Recipient:      to,
		Content:        m.Text,
		Type:           "transactional",
		Tag:            m.Tag,
		UnicodeEnabled: enc == EncodingUCS2,
	})
	if err != nil {
		return fail("encode request", err)
	}
	base := strings.TrimRight(b.BaseURL, "/")
	if base == "" {
		base = DefaultBrevoURL
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+BrevoPath, bytes.NewReader(body))
	if err != nil {
		return fail("build request", err)
	}
	req.Header.Set("api-key", b.APIKey)
	req.Header.Set("accept", "application/json")
	req.Header.Set("content-type", "application/json")
	client := b.HTTPClient
	if client == nil {
		client = defaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		// The request may have reached Brevo: temporary, outcome unknown.
		return "", &Error{Provider: "brevo", Message: "request failed", Err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil && resp.StatusCode/100 != 2 {
		return "", &Error{Provider: "brevo", Status: resp.StatusCode, Message: "read response", Err: err}
	}
	if resp.StatusCode/100 == 2 {
		var r brevoResponse
		if err := json.Unmarshal(raw, &r); err != nil {
			// Brevo took the SMS; only its answer is unreadable.
			b.log().Warn("brevo SMS accepted with an unreadable answer", "status", resp.StatusCode, "err", err)
		}
		ref := r.Reference
		if ref == "" {
			ref = r.MessageID.String()
		}
		b.log().Info("sms sent", "provider", "brevo", "ref", ref, "sms_count", r.SMSCount,
			"used_credits", r.UsedCredits, "remaining_credits", r.RemainingCredits)
		return ref, nil
	}
	e := &Error{Provider: "brevo", Status: resp.StatusCode}
	var be brevoError
	if json.Unmarshal(raw, &be) == nil && (be.Code != "" || be.Message != "") {
		e.Code, e.Message = be.Code, be.Message
	} else {
		e.Message = strings.TrimSpace(string(bytes.ToValidUTF8(raw[:min(len(raw), 200)], nil)))
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			e.RetryAfter = time.Duration(s) * time.Second
		}
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		e.Permanent = true
	case resp.StatusCode < 400:
		e.Permanent = true // a redirect or informational answer: a wrong BaseURL
		if e.Message == "" {
			e.Message = "unexpected answer, check the API address"
		}
	}
	return "", e
}

func (b *Brevo) log() *slog.Logger {
	if b.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return b.Logger
}

var intlRE = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

// recipient gives Brevo's form of a number: digits with the country code.
func recipient(to string) (string, error) {
	e164, _, err := NormalizeFR(to)
	if err == nil {
		return e164[1:], nil
	}
	compact := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" .-()\u00a0\u202f", r) {
			return -1
		}
		return r
	}, to)
	if strings.HasPrefix(compact, "00") {
		compact = "+" + compact[2:]
	}
	if intlRE.MatchString(compact) && !frenchCode(compact[1:]) {
		return compact[1:], nil
	}
	return "", errors.Join(fmt.Errorf("%q is neither a French number nor an international one (+…)", to), err)
}

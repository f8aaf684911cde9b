package smtptest

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"strings"
)

// maxRecipients bounds RCPT TO per transaction.
const maxRecipients = 100

// auth runs AUTH PLAIN or AUTH LOGIN; false ends the session.
func (c *session) auth(arg string) bool {
	if c.srv.opts.User == "" {
		c.reply(502, "5.5.1 AUTH not available")
		return true
	}
	if c.helo == "" {
		c.reply(503, "5.5.1 EHLO first")
		return true
	}
	if c.authed {
		c.reply(503, "5.5.1 Already authenticated")
		return true
	}
	if c.inTx {
		c.reply(503, "5.5.1 AUTH not allowed during a transaction")
		return true
	}
	mech, initial, _ := strings.Cut(strings.TrimSpace(arg), " ")
	var user, pass string
	switch strings.ToUpper(mech) {
	case "PLAIN":
		resp := initial
		if resp == "" {
			var ok bool
			if resp, ok = c.challenge(""); !ok {
				return false
			}
		}
		if resp == "*" {
			c.reply(501, "5.7.0 Authentication cancelled")
			return true
		}
		raw, err := base64.StdEncoding.DecodeString(resp)
		if err != nil {
			c.reply(501, "5.5.2 Cannot decode response")
			return true
		}
		// authzid NUL authcid NUL passwd
		parts := bytes.Split(raw, []byte{0})
		if len(parts) != 3 {
			c.reply(501, "5.5.2 Malformed PLAIN response")
			return true
		}
		user, pass = string(parts[1]), string(parts[2])
	case "LOGIN":
		u := initial
		if u == "" {
			var ok bool
			if u, ok = c.challenge("Username:"); !ok {
				return false
			}
		}
		p, ok := c.challenge("Password:")
		if !ok {
			return false
		}
		if u == "*" || p == "*" {
			c.reply(501, "5.7.0 Authentication cancelled")
			return true
		}
		ub, err1 := base64.StdEncoding.DecodeString(u)
		pb, err2 := base64.StdEncoding.DecodeString(p)
		if err1 != nil || err2 != nil {
			c.reply(501, "5.5.2 Cannot decode response")
			return true
		}
		user, pass = string(ub), string(pb)
	default:
		c.reply(504, "5.5.4 Unrecognized authentication type")
		return true
	}
	okUser := subtle.ConstantTimeCompare([]byte(user), []byte(c.srv.opts.User)) == 1
	okPass := subtle.ConstantTimeCompare([]byte(pass), []byte(c.srv.opts.Pass)) == 1
	if !okUser || !okPass {
		c.reply(535, "5.7.8 Authentication credentials invalid")
		return true
	}
	c.authed, c.user = true, user
	c.reply(235, "2.7.0 Authentication successful")
	return true
}

// challenge sends a 334 with the base64 prompt and reads the answer.
func (c *session) challenge(prompt string) (string, bool) {
	c.reply(334, base64.StdEncoding.EncodeToString([]byte(prompt)))
	line, err := c.readLine()
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(line), true
}

// pathArg extracts the address of "FROM:<addr> params" or "TO:<addr>".
func pathArg(arg, prefix string) (string, bool) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", false
	}
	rest := strings.TrimSpace(arg[len(prefix):])
	if !strings.HasPrefix(rest, "<") {
		return "", false
	}
	end := strings.IndexByte(rest, '>')
	if end < 0 {
		return "", false
	}
	return rest[1:end], true
}

func (c *session) mail(arg string) {
	switch {
	case c.helo == "":
		c.reply(503, "5.5.1 EHLO first")
		return
	case c.srv.opts.RequireAuth && !c.authed:
		c.reply(530, "5.7.0 Authentication required")
		return
	case c.inTx:
		c.reply(503, "5.5.1 Nested MAIL command")
		return
	}
	addr, ok := pathArg(arg, "FROM:")
	if !ok {
		c.reply(501, "5.5.4 Syntax: MAIL FROM:<address>")
		return
	}
	c.from, c.inTx, c.rcpts = addr, true, nil
	c.reply(250, "2.1.0 Ok")
}

func (c *session) rcpt(arg string) {
	if !c.inTx {
		c.reply(503, "5.5.1 Need MAIL before RCPT")
		return
	}
	addr, ok := pathArg(arg, "TO:")
	if !ok || addr == "" {
		c.reply(501, "5.5.4 Syntax: RCPT TO:<address>")
		return
	}
	for a, text := range c.srv.opts.RejectRecipients {
		if strings.EqualFold(a, addr) {
			c.reply(550, text)
			return
		}
	}
	if len(c.rcpts) >= maxRecipients {
		c.reply(452, "4.5.3 Too many recipients")
		return
	}
	c.rcpts = append(c.rcpts, addr)
	c.reply(250, "2.1.5 Ok")
}

// data reads the message up to the terminator; false ends the session
// (the connection broke: nothing is recorded).
func (c *session) data() bool {
	if !c.inTx || len(c.rcpts) == 0 {
		c.reply(503, "5.5.1 Need RCPT before DATA")
		return true
	}
	c.reply(354, "End data with <CR><LF>.<CR><LF>")
	var buf bytes.Buffer
	tooBig := false
	for {
		line, err := c.readRaw()
		if err == errLineTooLong {
			tooBig = true
			continue
		}
		if err != nil {
			return false // dropped mid-DATA: the message is discarded
		}
		body := trimEOL(line)
		if len(body) == 1 && body[0] == '.' {
			break
		}
		if len(body) > 0 && body[0] == '.' {
			body = body[1:] // dot-unstuffing
		}
		if tooBig {
			continue
		}
		if int64(buf.Len()+len(body)+2) > c.srv.opts.MaxSize {
			tooBig = true
			buf = bytes.Buffer{}
			continue
		}
		buf.Write(body)
		buf.WriteString("\r\n")
	}
	from, rcpts := c.from, c.rcpts
	c.reset()
	if tooBig {
		c.reply(552, "5.3.4 Message too big")
		return true
	}
	id := c.srv.record(Received{From: from, To: rcpts, Data: buf.Bytes(), TLS: c.tls, User: c.user})
	c.reply(250, "2.0.0 Ok: queued as "+id)
	return true
}

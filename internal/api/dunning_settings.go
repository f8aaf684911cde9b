package api

import (
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/channel/sms"
	"github.com/recouvre/recouvre/internal/ledger"
)

// dunningSettings are the organization's rules for the daily cycle. The
// secrets are never shown: the SMTP URL without its password, the SMS
// key only as whether one is set.
type dunningSettings struct {
	AutoRun       bool       `json:"auto_run"`
	RunHour       int        `json:"run_hour"`
	QuietStart    int        `json:"quiet_start"`
	QuietEnd      int        `json:"quiet_end"`
	WeeklyCap     int        `json:"weekly_cap"`
	AlsaceMoselle bool       `json:"alsace_moselle"`
	SMTPURL       string     `json:"smtp_url"`
	SMTPURLSet    bool       `json:"smtp_url_set"`
	FromEmail     string     `json:"from_email"`
	FromName      string     `json:"from_name"`
	ReplyTo       string     `json:"reply_to"`
	SMSProvider   string     `json:"sms_provider"`
	SMSKeySet     bool       `json:"sms_key_set"`
	SMSSender     string     `json:"sms_sender"`
	PortalURL     string     `json:"portal_url"`
	Channels      []string   `json:"channels"`
	UpdatedAt     *time.Time `json:"updated_at"`
}

// redactSMTP shows an SMTP URL without its password; "" when it cannot
// be read (then nothing of it is shown).
func redactSMTP(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}

func (a *API) toDunningSettings(s ledger.DunningSettings) dunningSettings {
	out := dunningSettings{AutoRun: s.AutoRun, RunHour: s.RunHour, QuietStart: s.QuietStart, QuietEnd: s.QuietEnd,
		WeeklyCap: s.WeeklyCap, AlsaceMoselle: s.AlsaceMoselle, SMTPURL: redactSMTP(s.SMTPURL), SMTPURLSet: s.SMTPURL != "",
		FromEmail: s.FromEmail, FromName: s.FromName, ReplyTo: s.ReplyTo, SMSProvider: s.SMSProvider, SMSKeySet: s.SMSKey != "",
		SMSSender: s.SMSSender, PortalURL: s.PortalURL, Channels: []string{}}
	for _, ch := range a.cycle.Channels.Available(s) {
		out.Channels = append(out.Channels, string(ch))
	}
	if !s.UpdatedAt.IsZero() {
		t := s.UpdatedAt.UTC()
		out.UpdatedAt = &t
	}
	return out
}

// dunningSettingsIn is the body of PUT /api/v1/dunning/settings: a field
// left out keeps its value. A secret sent empty (or as the redacted URL
// GET shows) keeps the one saved; remove_smtp_url and remove_sms_key
// remove them.
type dunningSettingsIn struct {
	AutoRun       *bool   `json:"auto_run"`
	RunHour       *int    `json:"run_hour"`
	QuietStart    *int    `json:"quiet_start"`
	QuietEnd      *int    `json:"quiet_end"`
	WeeklyCap     *int    `json:"weekly_cap"`
	AlsaceMoselle *bool   `json:"alsace_moselle"`
	SMTPURL       *string `json:"smtp_url"`
	RemoveSMTPURL bool    `json:"remove_smtp_url"`
	FromEmail     *string `json:"from_email"`
	FromName      *string `json:"from_name"`
	ReplyTo       *string `json:"reply_to"`
	SMSProvider   *string `json:"sms_provider"`
	SMSKey        *string `json:"sms_key"`
	RemoveSMSKey  bool    `json:"remove_sms_key"`
	SMSSender     *string `json:"sms_sender"`
	PortalURL     *string `json:"portal_url"`
}

// smsProviders are the SMS providers recouvre speaks to.
var smsProviders = []string{"brevo"}

// getDunningSettings serves GET /api/v1/dunning/settings.
func (a *API) getDunningSettings(w http.ResponseWriter, r *http.Request) error {
	s, err := a.store.DunningSettings(r.Context())
	if err != nil {
		return fmt.Errorf("dunning settings: %w", err)
	}
	return writeJSON(w, http.StatusOK, a.toDunningSettings(s))
}

// putDunningSettings serves PUT /api/v1/dunning/settings.
func (a *API) putDunningSettings(w http.ResponseWriter, r *http.Request) error {
	var in dunningSettingsIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	s, err := a.store.DunningSettings(ctx)
	if err != nil {
		return fmt.Errorf("dunning settings: %w", err)
	}
	if err := in.apply(&s); err != nil {
		return err
	}
	if err := a.store.SaveDunningSettings(ctx, s); err != nil {
		return refuse(err)
	}
	return a.getDunningSettings(w, r)
}

// apply checks the body and puts it into s.
func (in dunningSettingsIn) apply(s *ledger.DunningSettings) error {
	setBool := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	setInt := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	setText := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	setBool(&s.AutoRun, in.AutoRun)
	setBool(&s.AlsaceMoselle, in.AlsaceMoselle)
	setInt(&s.RunHour, in.RunHour)
	setInt(&s.QuietStart, in.QuietStart)
	setInt(&s.QuietEnd, in.QuietEnd)
	setInt(&s.WeeklyCap, in.WeeklyCap)
	setText(&s.FromEmail, in.FromEmail)
	setText(&s.FromName, in.FromName)
	setText(&s.ReplyTo, in.ReplyTo)
	setText(&s.SMSProvider, in.SMSProvider)
	setText(&s.SMSSender, in.SMSSender)
	setText(&s.PortalURL, in.PortalURL)
	switch {
	case s.RunHour < 0 || s.RunHour > 23:
		return invalid("run_hour", fmt.Sprintf("want an hour from 0 to 23, got %d", s.RunHour))
	case s.QuietStart < 0 || s.QuietStart > 23:
		return invalid("quiet_start", fmt.Sprintf("want an hour from 0 to 23, got %d", s.QuietStart))
	case s.QuietEnd < 1 || s.QuietEnd > 24:
		return invalid("quiet_end", fmt.Sprintf("want an hour from 1 to 24, got %d", s.QuietEnd))
	case s.QuietStart >= s.QuietEnd:
		return invalid("quiet_end", fmt.Sprintf("messages go out between quiet_start and quiet_end: want %d before %d", s.QuietStart, s.QuietEnd))
	case s.WeeklyCap < 1 || s.WeeklyCap > 14:
		return invalid("weekly_cap", fmt.Sprintf("want from 1 to 14 contacts a week, got %d", s.WeeklyCap))
	}
	for _, f := range []struct{ name, value string }{{"from_email", s.FromEmail}, {"reply_to", s.ReplyTo}} {
		if f.value == "" {
			continue
		}
		if a, err := mail.ParseAddress(f.value); err != nil || a.Address != f.value {
			return invalid(f.name, fmt.Sprintf("want an email address such as relances@example.fr, got %q", f.value))
		}
	}
	if s.SMSProvider != "" && !slices.Contains(smsProviders, s.SMSProvider) {
		return invalid("sms_provider", fmt.Sprintf("want one of %s, got %q", strings.Join(smsProviders, ", "), s.SMSProvider))
	}
	if s.SMSSender != "" {
		if err := sms.ValidSender(s.SMSSender); err != nil {
			return invalid("sms_sender", err.Error())
		}
	}
	if s.PortalURL != "" {
		u, err := url.Parse(s.PortalURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return invalid("portal_url", fmt.Sprintf("want an http or https URL, got %q", s.PortalURL))
		}
	}
	// Secrets: empty, or the redacted URL shown by GET, keeps the saved
	// one.
	switch {
	case in.RemoveSMTPURL:
		if in.SMTPURL != nil && strings.TrimSpace(*in.SMTPURL) != "" {
			return invalid("smtp_url", "give a new SMTP URL or remove_smtp_url, not both")
		}
		s.SMTPURL = ""
	case in.SMTPURL != nil:
		raw := strings.TrimSpace(*in.SMTPURL)
		if raw != "" && raw != redactSMTP(s.SMTPURL) {
			if _, err := email.ParseURL(raw); err != nil {
				// ParseURL's messages never repeat the password.
				return invalid("smtp_url", strings.TrimPrefix(err.Error(), "parse SMTP URL: "))
			}
			s.SMTPURL = raw
		}
	}
	switch {
	case in.RemoveSMSKey:
		if in.SMSKey != nil && strings.TrimSpace(*in.SMSKey) != "" {
			return invalid("sms_key", "give a new SMS key or remove_sms_key, not both")
		}
		s.SMSKey = ""
	case in.SMSKey != nil && strings.TrimSpace(*in.SMSKey) != "":
		s.SMSKey = strings.TrimSpace(*in.SMSKey)
	}
	return nil
}

package cycle

import (
	"fmt"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/channel/sms"
	"github.com/recouvre/recouvre/internal/ledger"
)

// DefaultChannels are the channels of an instance: email through the
// organization's SMTP URL, else RECOUVRE_SMTP_URL; SMS through the
// organization's provider key (RECOUVRE_SMS_URL overrides the provider's
// base URL, for a local test server); letters into the print batch.
func DefaultChannels(getenv func(string) string) Channels {
	return Channels{
		Mailer: func(s ledger.DunningSettings) (Mailer, error) {
			raw := smtpURL(s, getenv)
			if raw == "" {
				return nil, errNoChannel
			}
			cfg, err := email.ParseURL(raw)
			if err != nil {
				return nil, fmt.Errorf("SMTP URL: %w", err)
			}
			return email.NewSender(cfg)
		},
		SMS: func(s ledger.DunningSettings) (sms.Provider, error) {
			if s.SMSKey == "" {
				return nil, errNoChannel
			}
			return &sms.Brevo{APIKey: s.SMSKey, BaseURL: getenv("RECOUVRE_SMS_URL")}, nil
		},
		Host: getenv("RECOUVRE_HOST"),
	}
}

// smtpURL is the organization's SMTP URL, else the instance's.
func smtpURL(s ledger.DunningSettings, getenv func(string) string) string {
	if s.SMTPURL != "" {
		return s.SMTPURL
	}
	if getenv == nil {
		return ""
	}
	return getenv("RECOUVRE_SMTP_URL")
}

// Available lists the channels an organization can dispatch through:
// letters always, email with an SMTP server, SMS with a provider. Opening
// a mailer or a provider does not connect.
func (c Channels) Available(s ledger.DunningSettings) []ledger.Channel {
	out := []ledger.Channel{ledger.ChannelLetter}
	if c.Mailer != nil {
		if m, err := c.Mailer(s); err == nil {
			_ = m.Close()
			out = append(out, ledger.ChannelEmail)
		}
	}
	if c.SMS != nil {
		if _, err := c.SMS(s); err == nil {
			out = append(out, ledger.ChannelSMS)
		}
	}
	return out
}

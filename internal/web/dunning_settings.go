package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/ledger"
)

// dunningSettingsPage is the data of the cycle's settings. The SMTP URL
// and the SMS key are secrets: the page shows them masked and never
// echoes them back; a field left blank keeps the saved one.
type dunningSettingsPage struct {
	*view
	S         ledger.DunningSettings // as saved, or as typed (secrets blank)
	SMTPSet   string                 // the saved SMTP URL, masked; "" when none
	SMSKeySet string                 // the saved SMS key, masked; "" when none
	Saved     bool
	Error     string // translated
	Field     string // the field the error is about
}

// Hours lists the hours of the day, for the selects.
func (p *dunningSettingsPage) Hours() []int {
	out := make([]int, 24)
	for i := range out {
		out[i] = i
	}
	return out
}

// QuietEnds lists the hours a quiet period may end at (24: midnight).
func (p *dunningSettingsPage) QuietEnds() []int {
	out := make([]int, 24)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// maskSMTP shows an SMTP URL with its password hidden.
func maskSMTP(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "••••••"
	}
	out := u.Scheme + "://"
	if u.User != nil {
		out += u.User.Username()
		if _, ok := u.User.Password(); ok {
			out += ":••••••"
		}
		out += "@"
	}
	return out + u.Host
}

// maskKey shows the last four characters of a key at most.
func maskKey(k string) string {
	if k == "" {
		return ""
	}
	if len(k) <= 8 {
		return "••••••"
	}
	return "••••••" + k[len(k)-4:]
}

// showDunningSettings serves GET /dunning/settings.
func (ui *UI) showDunningSettings(w http.ResponseWriter, r *http.Request, v *view) error {
	s, err := ui.store.DunningSettings(r.Context())
	if err != nil {
		return err
	}
	data := &dunningSettingsPage{S: s, Saved: r.URL.Query().Get("saved") == "1"}
	return ui.renderDunningSettings(w, r, v, http.StatusOK, data, s)
}

func (ui *UI) renderDunningSettings(w http.ResponseWriter, r *http.Request, v *view, status int, data *dunningSettingsPage, saved ledger.DunningSettings) error {
	v.Title, v.Nav = "dunningui.settings.title", "dunning"
	data.view = v
	data.SMTPSet, data.SMSKeySet = maskSMTP(saved.SMTPURL), maskKey(saved.SMSKey)
	// The secrets never go back to the browser.
	data.S.SMTPURL, data.S.SMSKey = "", ""
	ui.render(w, r, status, "dunning_settings", data)
	return nil
}

// saveDunningSettings serves POST /dunning/settings.
func (ui *UI) saveDunningSettings(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	ctx := r.Context()
	old, err := ui.store.DunningSettings(ctx)
	if err != nil {
		return err
	}
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	s := old
	s.AutoRun = f("auto_run") != ""
	s.AlsaceMoselle = f("alsace_moselle") != ""
	s.FromName, s.FromEmail, s.ReplyTo = f("from_name"), f("from_email"), f("reply_to")
	s.SMSProvider, s.SMSSender, s.PortalURL = f("sms_provider"), f("sms_sender"), f("portal_url")
	data := &dunningSettingsPage{S: s}
	fail := func(field, key string) error {
		data.Error, data.Field = v.T(key), field
		return ui.renderDunningSettings(w, r, v, http.StatusBadRequest, data, old)
	}
	for _, n := range []struct {
		name string
		to   *int
	}{{"run_hour", &s.RunHour}, {"quiet_start", &s.QuietStart}, {"quiet_end", &s.QuietEnd}, {"weekly_cap", &s.WeeklyCap}} {
		x, err := strconv.Atoi(f(n.name))
		if err != nil {
			return fail(n.name, "dunningui.settings.err_"+n.name)
		}
		*n.to = x
	}
	data.S = s
	switch {
	case s.RunHour < 0 || s.RunHour > 23:
		return fail("run_hour", "dunningui.settings.err_run_hour")
	case s.QuietStart < 0 || s.QuietEnd > 24 || s.QuietStart >= s.QuietEnd:
		return fail("quiet_start", "dunningui.settings.err_quiet")
	case s.WeeklyCap < 1 || s.WeeklyCap > 50:
		return fail("weekly_cap", "dunningui.settings.err_weekly_cap")
	}
	for _, a := range []struct{ name, value string }{{"from_email", s.FromEmail}, {"reply_to", s.ReplyTo}} {
		if a.value == "" {
			continue
		}
		if addr, err := mail.ParseAddress(a.value); err != nil || addr.Address != a.value {
			return fail(a.name, "dunningui.settings.err_email")
		}
	}
	if s.PortalURL != "" {
		u, err := url.Parse(s.PortalURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fail("portal_url", "dunningui.settings.err_portal")
		}
	}
	switch {
	case f("smtp_clear") != "":
		s.SMTPURL = ""
	case f("smtp_url") != "":
		s.SMTPURL = f("smtp_url")
		if _, err := email.ParseURL(s.SMTPURL); err != nil {
			return fail("smtp_url", "dunningui.settings.err_smtp")
		}
	}
	switch {
	case f("sms_key_clear") != "":
		s.SMSKey = ""
	case f("sms_key") != "":
		s.SMSKey = f("sms_key")
	}
	if err := ui.store.SaveDunningSettings(ctx, s); err != nil {
		var e *ledger.Error
		if errors.As(err, &e) && e.Code == ledger.EInvalid {
			key := map[string]string{"run_hour": "dunningui.settings.err_run_hour", "quiet_hours": "dunningui.settings.err_quiet",
				"weekly_cap": "dunningui.settings.err_weekly_cap"}[e.Field]
			if key == "" {
				key = "error.invalid"
			}
			return fail(e.Field, key)
		}
		return fmt.Errorf("save dunning settings: %w", err)
	}
	http.Redirect(w, r, "/dunning/settings?saved=1", http.StatusSeeOther)
	return nil
}

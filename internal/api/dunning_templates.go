package api

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/message"
)

// templateLangs are the languages of the templates.
var templateLangs = []string{"fr", "en"}

// messageTemplate is the words of a message for a key, a channel and a
// language: the organization's own (custom) or the shipped one.
type messageTemplate struct {
	Key       string     `json:"key"`
	Channel   string     `json:"channel"`
	Lang      string     `json:"lang"`
	Name      string     `json:"name"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	Custom    bool       `json:"custom"`
	UpdatedAt *time.Time `json:"updated_at"`
}

func toTemplate(t ledger.Template, custom bool) messageTemplate {
	out := messageTemplate{Key: t.Key, Channel: string(t.Channel), Lang: t.Lang, Name: t.Name, Subject: t.Subject, Body: t.Body, Custom: custom}
	if custom && !t.UpdatedAt.IsZero() {
		u := t.UpdatedAt.UTC()
		out.UpdatedAt = &u
	}
	return out
}

// templateSlot is the (key, channel, lang) of a template.
type templateSlot struct {
	key     string
	channel ledger.Channel
	lang    string
}

func slotOf(t ledger.Template) templateSlot { return templateSlot{t.Key, t.Channel, t.Lang} }

// editable reports whether a template of key exists for channel: a
// shipped one, or one a scenario's step may name.
func editable(key string, ch ledger.Channel) bool {
	if dunning.TemplateAllowed(ch, key) {
		return true
	}
	return slices.ContainsFunc(message.Defaults(), func(t ledger.Template) bool { return t.Key == key && t.Channel == ch })
}

// templates lists the organization's templates: each shipped one or the
// organization's in its place, and the organization's others; by key,
// channel and language.
func (a *API) templates(r *http.Request) ([]messageTemplate, error) {
	own, err := a.store.Templates(r.Context())
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	mine := map[templateSlot]ledger.Template{}
	for _, t := range own {
		mine[slotOf(t)] = t
	}
	var out []messageTemplate
	for _, t := range message.Defaults() {
		if o, ok := mine[slotOf(t)]; ok {
			out = append(out, toTemplate(o, true))
			delete(mine, slotOf(t))
			continue
		}
		out = append(out, toTemplate(t, false))
	}
	for _, t := range own {
		if _, left := mine[slotOf(t)]; left {
			out = append(out, toTemplate(t, true))
		}
	}
	slices.SortStableFunc(out, func(x, y messageTemplate) int {
		return cmp.Or(cmp.Compare(x.Key, y.Key), cmp.Compare(x.Channel, y.Channel), cmp.Compare(x.Lang, y.Lang))
	})
	return out, nil
}

// listTemplates serves GET /api/v1/templates.
func (a *API) listTemplates(w http.ResponseWriter, r *http.Request) error {
	ts, err := a.templates(r)
	if err != nil {
		return err
	}
	out := list[messageTemplate]{Data: ts}
	if out.Data == nil {
		out.Data = []messageTemplate{}
	}
	return writeJSON(w, http.StatusOK, out)
}

// templatePath reads the {key}/{channel}/{lang} of a template's path.
func templatePath(r *http.Request) templateSlot {
	return templateSlot{r.PathValue("key"), ledger.Channel(r.PathValue("channel")), r.PathValue("lang")}
}

// getTemplate serves GET /api/v1/templates/{key}/{channel}/{lang}: the
// organization's template, else the shipped one.
func (a *API) getTemplate(w http.ResponseWriter, r *http.Request) error {
	return a.writeTemplate(w, r, http.StatusOK, templatePath(r))
}

func (a *API) writeTemplate(w http.ResponseWriter, r *http.Request, status int, slot templateSlot) error {
	ts, err := a.templates(r)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.Key == slot.key && t.Channel == string(slot.channel) && t.Lang == slot.lang {
			if status == http.StatusCreated {
				w.Header().Set("Location", fmt.Sprintf("%s/templates/%s/%s/%s", Prefix, t.Key, t.Channel, t.Lang))
			}
			return writeJSON(w, status, t)
		}
	}
	return ledger.Errorf(ledger.ENotFound, "template not found")
}

// templateIn is the body of PUT /api/v1/templates/{key}/{channel}/{lang}.
type templateIn struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// maxTemplate bounds a template's subject and body, in bytes.
const maxTemplate = 64 << 10

// checkTemplate refuses a template of slot that could not be used or
// would not render: an unknown key, channel or language, a subject where
// the channel has none, or a fault message.Check finds (with its line and
// column).
func checkTemplate(t ledger.Template, prefix string) error {
	switch {
	case !t.Channel.Valid():
		return invalid(prefix+"channel", fmt.Sprintf("want email, sms, letter or call, got %q", t.Channel))
	case !slices.Contains(templateLangs, t.Lang):
		return invalid(prefix+"lang", fmt.Sprintf("want fr or en, got %q", t.Lang))
	case !editable(t.Key, t.Channel):
		return invalid(prefix+"key", fmt.Sprintf("no %s template is named %q: want one of %s", t.Channel, t.Key, strings.Join(keysOf(t.Channel), ", ")))
	case len(t.Subject) > maxTemplate:
		return invalid(prefix+"subject", fmt.Sprintf("at most %d bytes", maxTemplate))
	case len(t.Body) > maxTemplate:
		return invalid(prefix+"body", fmt.Sprintf("at most %d bytes", maxTemplate))
	case strings.TrimSpace(t.Body) == "":
		return invalid(prefix+"body", "a template needs a body")
	case t.Channel == ledger.ChannelSMS && strings.TrimSpace(t.Subject) != "":
		return invalid(prefix+"subject", "an SMS has no subject")
	case t.Channel == ledger.ChannelEmail && strings.TrimSpace(t.Subject) == "":
		return invalid(prefix+"subject", "an email needs a subject")
	}
	if err := message.Check(t); err != nil {
		err := refuse(err)
		if re, ok := err.(*refusal); ok {
			re.field = prefix + re.field
		}
		return err
	}
	return nil
}

// keysOf lists the template keys of channel ch.
func keysOf(ch ledger.Channel) []string {
	keys := append([]string(nil), dunning.Templates[ch]...)
	for _, t := range message.Defaults() {
		if t.Channel == ch && !slices.Contains(keys, t.Key) {
			keys = append(keys, t.Key)
		}
	}
	return keys
}

// putTemplate serves PUT /api/v1/templates/{key}/{channel}/{lang}: the
// organization's own template in place of the shipped one, checked
// before it is saved.
func (a *API) putTemplate(w http.ResponseWriter, r *http.Request) error {
	slot := templatePath(r)
	var in templateIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	t := ledger.Template{Key: slot.key, Channel: slot.channel, Lang: slot.lang, Name: strings.TrimSpace(in.Name),
		Subject: in.Subject, Body: in.Body}
	if err := checkTemplate(t, ""); err != nil {
		return err
	}
	ctx := r.Context()
	own, err := a.store.Templates(ctx)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	status := http.StatusCreated
	if slices.ContainsFunc(own, func(o ledger.Template) bool { return slotOf(o) == slot }) {
		status = http.StatusOK
	}
	if t.Name == "" {
		if def, ok := message.Resolve(nil, t.Key, t.Channel, t.Lang); ok {
			t.Name = def.Name
		}
	}
	if err := a.store.SaveTemplate(ctx, &t); err != nil {
		return refuse(err)
	}
	return a.writeTemplate(w, r, status, slot)
}

// deleteTemplate serves DELETE /api/v1/templates/{key}/{channel}/{lang}:
// the shipped template applies again.
func (a *API) deleteTemplate(w http.ResponseWriter, r *http.Request) error {
	slot := templatePath(r)
	if err := a.store.DeleteTemplate(r.Context(), slot.key, slot.channel, slot.lang); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// previewIn is the body of POST /api/v1/templates/preview.
type previewIn struct {
	Template struct {
		Key     string `json:"key"`
		Channel string `json:"channel"`
		Lang    string `json:"lang"`
		Subject string `json:"subject"`
		Body    string `json:"body"`
	} `json:"template"`
	DebtorID int64  `json:"debtor_id"`
	Stage    string `json:"stage"`
}

// smsStats is how a rendered SMS goes out.
type smsStats struct {
	Encoding string `json:"encoding"`
	Chars    int    `json:"chars"`
	Segments int    `json:"segments"`
	NonGSM   string `json:"non_gsm"`
}

// preview is a template rendered.
type preview struct {
	Subject string    `json:"subject"`
	Text    string    `json:"text"`
	HTML    string    `json:"html"`
	SMS     *smsStats `json:"sms"`
}

// previewStages are the stages a preview may be rendered at.
var previewStages = []string{string(ledger.StagePreventive), string(ledger.StageAmicable), string(ledger.StageFormalNotice), string(ledger.StageLitigation)}

// previewTemplate serves POST /api/v1/templates/preview: a template as it
// would read, for a real debtor of the organization (its open invoices,
// their interest and indemnity as of today) or, without debtor_id, for
// sample data. Without a body, the template of (key, channel, lang) in
// force is rendered. Nothing is saved.
func (a *API) previewTemplate(w http.ResponseWriter, r *http.Request) error {
	var in previewIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	t := ledger.Template{Key: in.Template.Key, Channel: ledger.Channel(in.Template.Channel), Lang: in.Template.Lang,
		Subject: in.Template.Subject, Body: in.Template.Body}
	if t.Lang == "" {
		t.Lang = "fr"
	}
	if in.Stage != "" && !slices.Contains(previewStages, in.Stage) {
		return invalid("stage", fmt.Sprintf("want one of %s, got %q", strings.Join(previewStages, ", "), in.Stage))
	}
	if in.DebtorID < 0 {
		return invalid("debtor_id", "want a positive integer id")
	}
	ctx := r.Context()
	if t.Body == "" && t.Subject == "" {
		own, err := a.store.Templates(ctx)
		if err != nil {
			return fmt.Errorf("templates: %w", err)
		}
		if !t.Channel.Valid() || !slices.Contains(templateLangs, t.Lang) {
			return checkTemplate(t, "template.")
		}
		found, ok := message.Resolve(own, t.Key, t.Channel, t.Lang)
		if !ok {
			return invalid("template.key", fmt.Sprintf("no %s template is named %q", t.Channel, t.Key))
		}
		t.Subject, t.Body = found.Subject, found.Body
	}
	if t.Key == "" {
		t.Key = "preview"
		if ks := keysOf(t.Channel); len(ks) > 0 {
			t.Key = ks[0]
		}
	}
	if err := checkTemplate(t, "template."); err != nil {
		return err
	}
	var out message.Rendered
	var err error
	if in.DebtorID > 0 {
		out, err = a.cycle.Preview(ctx, in.DebtorID, t, ledger.Stage(in.Stage), a.now())
	} else {
		out, _, err = message.Preview(t, message.Data{})
	}
	if err != nil {
		return refuse(err)
	}
	p := preview{Subject: out.Subject, Text: out.Text, HTML: out.HTML}
	if t.Channel == ledger.ChannelSMS {
		st := message.Stats(out.Text)
		p.SMS = &smsStats{Encoding: st.Encoding, Chars: st.Chars, Segments: st.Segments, NonGSM: st.NonGSM}
	}
	return writeJSON(w, http.StatusOK, p)
}

package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/message"
	"github.com/recouvre/recouvre/internal/store"
)

// previewDebtors bounds the debtors the template editor offers.
const previewDebtors = 50

// templatesPage is the data of the template list.
type templatesPage struct {
	*view
	Rows []templateRow
}

// templateRow is one template: shipped, overridden by the organization,
// or both.
type templateRow struct {
	Key       string
	Channel   ledger.Channel
	Lang      string
	Name      string
	Custom    bool
	UpdatedAt time.Time
}

// Href is the editor's address.
func (r templateRow) Href() string { return templateHref(r.Key, r.Channel, r.Lang) }

func templateHref(key string, ch ledger.Channel, lang string) string {
	return fmt.Sprintf("/dunning/templates/%s/%s/%s", url.PathEscape(key), url.PathEscape(string(ch)), url.PathEscape(lang))
}

// templateKeys lists the (channel, key) pairs that have a template: the
// ones steps may use, then any other shipped one, then the
// organization's own.
func templateKeys(org []ledger.Template) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	add := func(ch ledger.Channel, key string) {
		k := [2]string{string(ch), key}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	channels := []ledger.Channel{ledger.ChannelEmail, ledger.ChannelSMS, ledger.ChannelLetter, ledger.ChannelCall}
	for _, ch := range channels {
		for _, k := range dunning.Templates[ch] {
			add(ch, k)
		}
		for _, t := range message.Defaults() {
			if t.Channel == ch {
				add(ch, t.Key)
			}
		}
		for _, t := range org {
			if t.Channel == ch {
				add(ch, t.Key)
			}
		}
	}
	return out
}

// findTemplate is the exact template of (key, channel, lang) in set.
func findTemplate(set []ledger.Template, key string, ch ledger.Channel, lang string) (ledger.Template, bool) {
	for _, t := range set {
		if t.Key == key && t.Channel == ch && t.Lang == lang {
			return t, true
		}
	}
	return ledger.Template{}, false
}

// showTemplates serves GET /dunning/templates: every template, by key,
// channel and language, with those the organization rewrote.
func (ui *UI) showTemplates(w http.ResponseWriter, r *http.Request, v *view) error {
	v.Title, v.Nav = "dunningui.templates.title", "dunning"
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return err
	}
	data := &templatesPage{view: v}
	shipped := message.Defaults()
	for _, k := range templateKeys(cfg.Templates) {
		ch, key := ledger.Channel(k[0]), k[1]
		for _, lang := range i18n.Langs {
			row := templateRow{Key: key, Channel: ch, Lang: lang}
			if t, ok := findTemplate(shipped, key, ch, lang); ok {
				row.Name = t.Name
			}
			if t, ok := findTemplate(cfg.Templates, key, ch, lang); ok {
				row.Custom, row.UpdatedAt = true, t.UpdatedAt
				if t.Name != "" {
					row.Name = t.Name
				}
			}
			if row.Name == "" {
				row.Name = v.TemplateName(key)
			}
			data.Rows = append(data.Rows, row)
		}
	}
	ui.render(w, r, http.StatusOK, "dunning_templates", data)
	return nil
}

// templatePage is the data of a template's editor.
type templatePage struct {
	*view
	Key     string
	Channel ledger.Channel
	Lang    string
	Name    string
	Subject string
	Body    string
	Custom  bool
	Saved   bool
	Reset   bool
	// Error is why the template was not saved (with the line and the
	// column of a fault); ErrorField the field it is in.
	Error      string
	ErrorField string
	Debtors    []store.DebtorRow
	DebtorID   int64
	DebtorName string
	// The preview on DebtorID.
	Preview      *message.Rendered
	SMS          *message.SMSStats
	PreviewError string
}

// inlineStyles: the email's HTML part is shown in a sandboxed frame.
func (p *templatePage) inlineStyles() bool { return p.Channel == ledger.ChannelEmail }

// Href is the editor's address.
func (p *templatePage) Href() string { return templateHref(p.Key, p.Channel, p.Lang) }

// ChannelName names the template's channel.
func (p *templatePage) ChannelName() string { return p.view.Channel(p.Channel) }

// HasSubject reports whether the channel's messages have a subject (an
// SMS has none).
func (p *templatePage) HasSubject() bool { return p.Channel != ledger.ChannelSMS }

// templateOfPath reads the template of the path; one that cannot exist is
// not found.
func (ui *UI) templateOfPath(r *http.Request, cfg *cycle.Config) (ledger.Template, bool, error) {
	key, ch, lang := r.PathValue("key"), ledger.Channel(r.PathValue("channel")), r.PathValue("lang")
	if !slices.Contains(i18n.Langs, lang) || !ch.Valid() {
		return ledger.Template{}, false, ledger.Errorf(ledger.ENotFound, "no template %s/%s/%s", key, ch, lang)
	}
	if t, ok := findTemplate(cfg.Templates, key, ch, lang); ok {
		return t, true, nil
	}
	if !slices.ContainsFunc(templateKeys(nil), func(k [2]string) bool { return k == [2]string{string(ch), key} }) {
		return ledger.Template{}, false, ledger.Errorf(ledger.ENotFound, "no template %s/%s/%s", key, ch, lang)
	}
	t, ok := message.Resolve(nil, key, ch, lang)
	if !ok {
		return ledger.Template{}, false, ledger.Errorf(ledger.ENotFound, "no template %s/%s/%s", key, ch, lang)
	}
	t.Lang = lang
	return t, false, nil
}

// showTemplate serves GET /dunning/templates/{key}/{channel}/{lang}: the
// editor, with the template previewed on a real debtor.
func (ui *UI) showTemplate(w http.ResponseWriter, r *http.Request, v *view) error {
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return err
	}
	t, custom, err := ui.templateOfPath(r, cfg)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	data := &templatePage{Key: t.Key, Channel: t.Channel, Lang: t.Lang, Name: t.Name, Subject: t.Subject, Body: t.Body,
		Custom: custom, Saved: q.Get("saved") == "1", Reset: q.Get("reset") == "1"}
	data.DebtorID, _ = strconv.ParseInt(q.Get("debtor"), 10, 64)
	if err := ui.templatePreview(r, v, data); err != nil {
		return err
	}
	return ui.renderTemplate(w, r, v, http.StatusOK, data)
}

func (ui *UI) renderTemplate(w http.ResponseWriter, r *http.Request, v *view, status int, data *templatePage) error {
	v.Title, v.Nav, v.titleArgs = "dunningui.template.title", "dunning", []any{data.Name}
	data.view = v
	ui.render(w, r, status, "dunning_template", data)
	return nil
}

// postedTemplate is the template of the path with the words the form
// posted.
func (ui *UI) postedTemplate(r *http.Request) (*templatePage, error) {
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return nil, err
	}
	t, custom, err := ui.templateOfPath(r, cfg)
	if err != nil {
		return nil, err
	}
	data := &templatePage{Key: t.Key, Channel: t.Channel, Lang: t.Lang, Name: t.Name, Custom: custom,
		Subject: strings.ReplaceAll(r.PostFormValue("subject"), "\r\n", "\n"),
		Body:    strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n")}
	if data.Channel == ledger.ChannelSMS {
		data.Subject = ""
	}
	data.DebtorID, _ = strconv.ParseInt(r.PostFormValue("debtor"), 10, 64)
	return data, nil
}

func (p *templatePage) template() ledger.Template {
	return ledger.Template{Key: p.Key, Channel: p.Channel, Lang: p.Lang, Name: p.Name, Subject: p.Subject, Body: p.Body}
}

// saveTemplate serves POST /dunning/templates/{key}/{channel}/{lang}:
// « Aperçu » (op=preview) shows the words posted on the debtor chosen,
// saving nothing; « Enregistrer » checks the template (message.Check)
// and saves it, or says where the fault is — nothing is saved then.
func (ui *UI) saveTemplate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	data, err := ui.postedTemplate(r)
	if err != nil {
		return err
	}
	if r.PostFormValue("op") == "preview" {
		if err := ui.templatePreview(r, v, data); err != nil {
			return err
		}
		return ui.renderTemplate(w, r, v, http.StatusOK, data)
	}
	t := data.template()
	fail := func(msg, field string) error {
		data.Error, data.ErrorField = msg, field
		if err := ui.templatePreview(r, v, data); err != nil {
			return err
		}
		return ui.renderTemplate(w, r, v, http.StatusBadRequest, data)
	}
	if strings.TrimSpace(t.Body) == "" {
		return fail(v.T("dunningui.template.err_body"), "body")
	}
	if err := message.Check(t); err != nil {
		var ce *message.CheckError
		if errors.As(err, &ce) {
			return fail(checkText(v, ce), ce.Field)
		}
		return err
	}
	if err := ui.store.SaveTemplate(r.Context(), &t); err != nil {
		var e *ledger.Error
		if errors.As(err, &e) && e.Code == ledger.EInvalid {
			return fail(v.T("dunningui.template.err_body"), e.Field)
		}
		return fmt.Errorf("save template: %w", err)
	}
	http.Redirect(w, r, fmt.Sprintf("%s?saved=1&debtor=%d", data.Href(), data.DebtorID), http.StatusSeeOther)
	return nil
}

// previewTemplate serves POST …/preview: the preview alone, as a
// fragment of the editor, for the page's script (the live preview).
func (ui *UI) previewTemplate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	data, err := ui.postedTemplate(r)
	if err != nil {
		return err
	}
	data.view = v
	if err := ui.templatePreview(r, v, data); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ui.pages["dunning_template"].ExecuteTemplate(&buf, "template_preview", data); err != nil {
		return fmt.Errorf("render preview: %w", err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	securityHeaders(h)
	_, _ = buf.WriteTo(w)
	return nil
}

// resetTemplate serves POST …/reset: « Revenir au modèle fourni », the
// organization's version is deleted.
func (ui *UI) resetTemplate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return err
	}
	t, custom, err := ui.templateOfPath(r, cfg)
	if err != nil {
		return err
	}
	if custom {
		if err := ui.store.DeleteTemplate(r.Context(), t.Key, t.Channel, t.Lang); err != nil && !ledger.IsNotFound(err) {
			return fmt.Errorf("delete template: %w", err)
		}
	}
	debtor, _ := strconv.ParseInt(r.PostFormValue("debtor"), 10, 64)
	http.Redirect(w, r, fmt.Sprintf("%s?reset=1&debtor=%d", templateHref(t.Key, t.Channel, t.Lang), debtor), http.StatusSeeOther)
	return nil
}

// previewStage is the stage a template is previewed at.
func previewStage(key string) ledger.Stage {
	switch key {
	case dunning.TemplatePreDue:
		return ledger.StagePreventive
	case dunning.TemplateFormalNotice:
		return ledger.StageFormalNotice
	case dunning.TemplateHandoff:
		return ledger.StageLitigation
	}
	return ledger.StageAmicable
}

// templatePreview lists the debtors to preview on and renders the page's
// template for the one chosen (by default the one owing the most
// overdue): a fault of the template is shown in place of the preview.
func (ui *UI) templatePreview(r *http.Request, v *view, data *templatePage) error {
	ctx := r.Context()
	page, err := ui.store.ListDebtors(ctx, store.DebtorQuery{OnlyDue: true, Sort: store.SortOverdue, Desc: true, Limit: previewDebtors, SkipTotal: true}, v.Today)
	if err != nil {
		return fmt.Errorf("debtors to preview on: %w", err)
	}
	data.Debtors = page.Rows
	if data.DebtorID != 0 {
		d, err := ui.store.GetDebtor(ctx, data.DebtorID)
		switch {
		case ledger.IsNotFound(err):
			data.DebtorID = 0 // another organization's, or gone
		case err != nil:
			return err
		default:
			data.DebtorName = d.Name
			if !slices.ContainsFunc(data.Debtors, func(x store.DebtorRow) bool { return x.Debtor.ID == d.ID }) {
				data.Debtors = append([]store.DebtorRow{{Debtor: *d}}, data.Debtors...)
			}
		}
	}
	if data.DebtorID == 0 && len(data.Debtors) > 0 {
		data.DebtorID, data.DebtorName = data.Debtors[0].Debtor.ID, data.Debtors[0].Debtor.Name
	}
	t := data.template()
	if strings.TrimSpace(t.Body) == "" {
		data.PreviewError = v.T("dunningui.template.err_body")
		return nil
	}
	if err := message.Check(t); err != nil {
		var ce *message.CheckError
		if errors.As(err, &ce) {
			data.PreviewError = checkText(v, ce)
			return nil
		}
		return err
	}
	var rd message.Rendered
	if data.DebtorID == 0 {
		// No debtor owes anything: the sample data of the editor.
		if rd, _, err = message.Preview(t, message.Sample(t.Lang, ledger.KindBusiness)); err != nil {
			data.PreviewError = err.Error()
			return nil
		}
	} else if rd, err = ui.cycle.Preview(ctx, data.DebtorID, t, previewStage(t.Key), ui.now()); err != nil {
		var ce *message.CheckError
		if errors.As(err, &ce) {
			data.PreviewError = checkText(v, ce)
			return nil
		}
		ui.log.WarnContext(ctx, "template preview", "template", t.Key, "err", err)
		data.PreviewError = v.T("dunningui.action.no_preview")
		return nil
	}
	data.Preview = &rd
	if t.Channel == ledger.ChannelSMS {
		st := message.Stats(rd.Text)
		data.SMS = &st
	}
	return nil
}

package cycle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/channel/sms"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/message"
)

// composed is an action's message, ready for its channel.
type composed struct {
	recipient string
	messageID string
	subject   string
	text      string
	html      string
	// data is the JSON kept with the action (LetterData), from which its
	// letter is rendered again for the print batch.
	data      []byte
	email     email.Message
	pdf       []byte
	address   []string
	reference string
	notice    *ledger.FormalNotice
}

// LetterData is what an action's content keeps to render its letter
// again: the figures and words as they were sent.
type LetterData struct {
	Data      message.Data         `json:"data"`
	Rendered  message.Rendered     `json:"rendered"`
	Address   message.AddressBlock `json:"address"`
	Notice    bool                 `json:"notice,omitempty"` // the letter is the formal notice of the legal package
	NoticePDF []byte               `json:"notice_pdf,omitempty"`
}

// MessageID is an action's stable Message-ID: the same at every attempt,
// so that a receiving system recognises it.
func MessageID(a ledger.Action, host string) string {
	if host == "" {
		host = "recouvre.local"
	}
	h := sha256.Sum256([]byte(fmt.Sprintf("%d/%d/%d/%s", a.OrgID, a.CaseID, a.ID, a.StepKey)))
	return fmt.Sprintf("<action-%d.%s@%s>", a.ID, hex.EncodeToString(h[:6]), host)
}

// compose builds the message of action a for debtor f as of now.
func (e *Engine) compose(ctx context.Context, cfg *Config, f *dunning.Facts, a ledger.Action, now time.Time) (*composed, error) {
	today := civil.Today(now, civil.Paris)
	lang := f.Debtor.Lang
	if lang != "en" {
		lang = "fr"
	}
	contact, ok := dunning.Recipient(f.Debtor, a.Channel, f.Bounced)
	if !ok {
		return nil, fmt.Errorf("no %s recipient for debtor %d", a.Channel, f.Debtor.ID)
	}
	data, err := e.messageData(ctx, cfg, f, a, contact, today, lang)
	if err != nil {
		return nil, err
	}
	tmpl, ok := message.Resolve(cfg.Templates, a.Template, a.Channel, lang)
	if !ok {
		return nil, fmt.Errorf("no %s template %q in %s", a.Channel, a.Template, lang)
	}
	r, err := message.Render(tmpl, data)
	if err != nil {
		return nil, fmt.Errorf("render %s/%s: %w", a.Template, a.Channel, err)
	}
	c := &composed{messageID: MessageID(a, e.Channels.Host), subject: r.Subject, text: r.Text, html: r.HTML,
		reference: data.Reference}
	ld := LetterData{Data: data, Rendered: r}
	switch a.Channel {
	case ledger.ChannelEmail:
		c.recipient = contact.Email
		from, name := cfg.Settings.FromEmail, cfg.Settings.FromName
		if name == "" {
			name = data.Creditor.Name
		}
		c.email = email.Message{From: from, FromName: name, To: contact.Email, ReplyTo: cfg.Settings.ReplyTo, Subject: r.Subject,
			Text: r.Text, HTML: r.HTML, MessageID: c.messageID, Date: now,
			Headers: map[string]string{"X-Recouvre-Action": fmt.Sprint(a.ID)}}
		if a.AttachLetter {
			pdf, notice, err := e.letterPDF(ctx, cfg, f, a, data, today, lang, contact)
			if err != nil {
				return nil, err
			}
			c.notice = notice
			c.email.Attachments = []email.Attachment{{Name: attachmentName(a, data), ContentType: "application/pdf", Data: pdf}}
		}
	case ledger.ChannelSMS:
		phone, _, err := sms.NormalizeFR(contact.Phone)
		if err != nil {
			return nil, fmt.Errorf("sms to %q: %w", contact.Phone, err)
		}
		c.recipient = phone
	case ledger.ChannelLetter:
		c.address = addressLines(f.Debtor, contact)
		c.recipient = strings.Join(c.address, ", ")
		ld.Address = addressBlock(f.Debtor, contact)
		pdf, notice, err := e.letterPDF(ctx, cfg, f, a, data, today, lang, contact)
		if err != nil {
			return nil, err
		}
		c.pdf, c.notice = pdf, notice
		c.reference = fmt.Sprintf("%s-%d", data.PaymentRef, a.ID)
		if notice != nil {
			ld.Notice, ld.NoticePDF = true, pdf
			c.reference = notice.Reference
		}
	default:
		return nil, fmt.Errorf("channel %s has no message", a.Channel)
	}
	if c.data, err = json.Marshal(ld); err != nil {
		return nil, fmt.Errorf("letter data: %w", err)
	}
	return c, nil
}

// attachmentName names an attached letter after its reference.
func attachmentName(a ledger.Action, d message.Data) string {
	ref := d.Reference
	if ref == "" {
		ref = fmt.Sprint(a.ID)
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' {
			return '-'
		}
		return r
	}, ref) + ".pdf"
}

// letterPDF renders the action's letter: the formal notice of the legal
// package for a formal-notice step (with the figures the law asks for),
// else the reminder letter of the message package.
func (e *Engine) letterPDF(ctx context.Context, cfg *Config, f *dunning.Facts, a ledger.Action, data message.Data, today civil.Date,
	lang string, contact ledger.Contact) ([]byte, *ledger.FormalNotice, error) {
	if a.Stage == ledger.StageFormalNotice {
		n, pos, err := legal.Notice(ctx, e.Store, f.Debtor.ID, today, lang)
		if err != nil {
			return nil, nil, fmt.Errorf("formal notice: %w", err)
		}
		pdf, err := document.RenderFormalNotice(n)
		if err != nil {
			return nil, nil, fmt.Errorf("formal notice: %w", err)
		}
		total, err := n.Total()
		if err != nil {
			return nil, nil, err
		}
		rec := &ledger.FormalNotice{DebtorID: f.Debtor.ID, Reference: n.Reference, IssuedOn: today, Deadline: n.Deadline(), Total: total, PDF: pdf}
		for _, li := range pos.Claimable() {
			rec.InvoiceIDs = append(rec.InvoiceIDs, li.ID)
		}
		return pdf, rec, nil
	}
	tmpl, ok := message.Resolve(cfg.Templates, a.Template, ledger.ChannelLetter, lang)
	if !ok {
		return nil, nil, fmt.Errorf("no letter template %q", a.Template)
	}
	r, err := message.Render(tmpl, data)
	if err != nil {
		return nil, nil, fmt.Errorf("render letter %s: %w", a.Template, err)
	}
	pdf, err := message.Letter(data, r, addressBlock(f.Debtor, contact))
	if err != nil {
		return nil, nil, fmt.Errorf("letter: %w", err)
	}
	return pdf, nil, nil
}

// addressBlock is the recipient block of a letter to the debtor at
// contact.
func addressBlock(d ledger.Debtor, c ledger.Contact) message.AddressBlock {
	b := message.AddressBlock{Name: d.Name, Address: c.Address}
	if c.Name != "" && c.Name != d.Name {
		b.Attention = c.Name
	}
	return b
}

// addressLines is the window-envelope address of the debtor at contact.
func addressLines(d ledger.Debtor, c ledger.Contact) []string {
	lines := []string{d.Name}
	if c.Name != "" && c.Name != d.Name {
		lines = append(lines, c.Name)
	}
	if c.Address.Line1 != "" {
		lines = append(lines, c.Address.Line1)
	}
	if c.Address.Line2 != "" {
		lines = append(lines, c.Address.Line2)
	}
	lines = append(lines, strings.TrimSpace(c.Address.PostalCode+" "+strings.ToUpper(c.Address.City)))
	if c.Address.Country != "" && c.Address.Country != "FR" {
		lines = append(lines, c.Address.Country)
	}
	return lines
}

// messageData gathers what the templates say: the debtor, the creditor,
// the action's invoices still open with their interest and indemnity as
// the law computes them today.
func (e *Engine) messageData(ctx context.Context, cfg *Config, f *dunning.Facts, a ledger.Action, contact ledger.Contact,
	today civil.Date, lang string) (message.Data, error) {
	d := message.Data{Lang: lang, Today: today, Stage: a.Stage, Step: stepName(cfg, a), Soft: a.ScenarioKey == "grands-comptes",
		PortalURL: cfg.Settings.PortalURL, PaymentRef: f.Debtor.Ref, Registered: a.Registered, Attached: a.AttachLetter}
	d.Debtor = message.Debtor{Name: f.Debtor.Name, Ref: f.Debtor.Ref, Kind: f.Debtor.Kind, ContactName: contact.Name,
		Email: contact.Email, Phone: contact.Phone, SIREN: f.Debtor.SIREN}
	cred, err := cfg.creditor(f.Debtor.CreditorID)
	if err != nil {
		return d, err
	}
	d.Creditor = message.Creditor{Name: cred.Name, SIREN: cred.SIREN, Address: cred.Address, IBAN: cred.IBAN,
		Email: cfg.Settings.FromEmail}
	d.Sender = message.Sender{Name: cfg.Settings.FromName, Email: cfg.Settings.FromEmail}
	if cfg.Settings.ReplyTo != "" {
		d.Sender.Email = cfg.Settings.ReplyTo
	}
	pos, err := legal.Position(ctx, e.Store, f.Debtor.ID, today)
	if err != nil {
		return d, fmt.Errorf("legal position: %w", err)
	}
	for _, li := range pos.Invoices {
		if !slices.Contains(a.InvoiceIDs, li.ID) || li.Open().Minor <= 0 || li.Disputed {
			continue
		}
		l := message.Line{Number: li.Number, IssueDate: li.IssueDate, DueDate: li.DueDate, Amount: li.Amount, Outstanding: li.Open()}
		if li.HasStatement {
			l.Interest, l.Indemnity = li.Statement.Interest, li.Statement.Indemnity
		}
		d.Invoices = append(d.Invoices, l)
	}
	for _, n := range pos.Notices {
		if n.IssuedOn.After(d.NoticeDate) {
			d.NoticeDate = n.IssuedOn
		}
	}
	overdue := a.Stage != ledger.StagePreventive
	switch f.Debtor.Kind {
	case ledger.KindConsumer:
		d.ShowPenalties = overdue && !d.NoticeDate.IsZero()
		d.InterestRateText = map[string]string{"fr": "taux de l’intérêt légal", "en": "statutory interest rate"}[lang]
	case ledger.KindPublic:
		d.ShowPenalties = overdue
		d.InterestRateText = map[string]string{"fr": "taux BCE + 8 points", "en": "ECB rate + 8 points"}[lang]
	default:
		d.ShowPenalties = overdue
		d.InterestRateText = map[string]string{"fr": "taux BCE + 10 points", "en": "ECB rate + 10 points"}[lang]
	}
	return d, nil
}

// stepName is the name of the action's step in its scenario.
func stepName(cfg *Config, a ledger.Action) string {
	for _, s := range cfg.Scenarios {
		if s.Key != a.ScenarioKey {
			continue
		}
		for _, st := range s.Steps {
			if st.Key == a.StepKey {
				return st.Name
			}
		}
	}
	return a.StepKey
}

// creditor is a creditor of the organization.
func (c *Config) creditor(id int64) (*ledger.Creditor, error) {
	for i := range c.Creditors {
		if c.Creditors[i].ID == id {
			return &c.Creditors[i], nil
		}
	}
	return nil, fmt.Errorf("creditor %d not found", id)
}

// render renders action a's own channel template for debtor f (a call's
// script) and returns its text.
func (e *Engine) render(ctx context.Context, cfg *Config, f *dunning.Facts, a ledger.Action, c ledger.Contact, now time.Time) (string, error) {
	today := civil.Today(now, civil.Paris)
	lang := f.Debtor.Lang
	if lang != "en" {
		lang = "fr"
	}
	data, err := e.messageData(ctx, cfg, f, a, c, today, lang)
	if err != nil {
		return "", err
	}
	tmpl, ok := message.Resolve(cfg.Templates, a.Template, a.Channel, lang)
	if !ok {
		return "", fmt.Errorf("no %s template %q", a.Channel, a.Template)
	}
	r, err := message.Render(tmpl, data)
	return r.Text, err
}

// Preview renders template t for a real debtor of the organization in
// ctx, as if its next step went out now at stage: the invoices it would
// list, their interest and indemnity. Nothing is recorded.
func (e *Engine) Preview(ctx context.Context, debtorID int64, t ledger.Template, stage ledger.Stage, now time.Time) (message.Rendered, error) {
	cfg, err := LoadConfig(ctx, e.Store)
	if err != nil {
		return message.Rendered{}, err
	}
	f, err := e.oneFacts(ctx, debtorID, now)
	if err != nil {
		return message.Rendered{}, err
	}
	if f == nil {
		d, err := e.Store.GetDebtor(ctx, debtorID)
		if err != nil {
			return message.Rendered{}, err
		}
		f = &dunning.Facts{Debtor: *d}
	}
	if stage == "" {
		stage = ledger.StageAmicable
	}
	a := ledger.Action{OrgID: f.Debtor.OrgID, DebtorID: debtorID, Channel: t.Channel, Template: t.Key, Stage: stage}
	today := civil.Today(now, civil.Paris)
	for _, inv := range f.Invoices {
		if !inv.Disputed && (stage == ledger.StagePreventive || !inv.DueDate.After(today)) {
			a.InvoiceIDs = append(a.InvoiceIDs, inv.ID)
		}
	}
	c, _ := dunning.Recipient(f.Debtor, t.Channel, f.Bounced)
	lang := t.Lang
	if lang == "" {
		lang = "fr"
	}
	data, err := e.messageData(ctx, cfg, f, a, c, today, lang)
	if err != nil {
		return message.Rendered{}, err
	}
	return message.Render(t, data)
}

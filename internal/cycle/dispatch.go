package cycle

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/channel/post"
	"github.com/recouvre/recouvre/internal/channel/sms"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// Mailer sends email in two phases: commit is called once the message
// is with the server and before the server may accept it (see package
// email).
type Mailer interface {
	Send(ctx context.Context, m email.Message, commit func() error) error
	Close() error
}

// Channels open the ways out for an organization.
type Channels struct {
	// Mailer opens the organization's SMTP sender (its own SMTP URL,
	// else the instance's RECOUVRE_SMTP_URL); nil without any.
	Mailer func(s ledger.DunningSettings) (Mailer, error)
	// SMS opens the organization's SMS provider; nil without any.
	SMS func(s ledger.DunningSettings) (sms.Provider, error)
	// Registered posts formal notices; the manual print batch when nil.
	Registered post.Registered
	// Host names this instance in Message-IDs ("recouvre.local").
	Host string
}

// Dispatch sends what is due at now for one organization.
func (e *Engine) Dispatch(ctx context.Context, orgID int64, now time.Time) ([]Item, error) {
	ctx = store.WithOrg(ctx, orgID)
	cfg, err := LoadConfig(ctx, e.Store)
	if err != nil {
		return nil, err
	}
	return e.dispatch(ctx, cfg, now)
}

// dispatch claims the due actions batch by batch and hands them to the
// workers; it stops when nothing due is left unclaimed.
func (e *Engine) dispatch(ctx context.Context, cfg *Config, now time.Time) ([]Item, error) {
	lease, batch, n := e.Lease, e.Batch, e.Workers
	if lease <= 0 {
		lease = 2 * time.Minute
	}
	if batch <= 0 {
		batch = 20
	}
	if n <= 0 {
		n = 4
	}
	d := &dispatcher{e: e, cfg: cfg, in: cfg.input(now), now: now, worker: e.worker()}
	defer d.close()
	// Only the channels configured are claimed: an email waits in the
	// outbox until the organization has an SMTP server.
	channels := e.Channels.Available(cfg.Settings)
	var items []Item
	for ctx.Err() == nil {
		claimed, err := e.Store.ClaimActions(ctx, store.ClaimQuery{Now: now, Worker: d.worker, Lease: lease, Limit: batch,
			Channels: channels})
		if err != nil {
			return items, fmt.Errorf("claim actions: %w", err)
		}
		if len(claimed) == 0 {
			break
		}
		out := make([]Item, len(claimed))
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < min(n, len(claimed)); w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := range jobs {
					out[i] = d.send(ctx, w, claimed[i])
				}
			}(w)
		}
		for i := range claimed {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		items = append(items, out...)
	}
	return items, ctx.Err()
}

// dispatcher is one dispatch pass: its clock, and one mailer per worker.
type dispatcher struct {
	e      *Engine
	cfg    *Config
	in     *dunning.Input
	now    time.Time
	worker string

	mu      sync.Mutex
	mailers map[int]Mailer
	sms     sms.Provider
	smsErr  error
	smsOnce sync.Once
}

func (d *dispatcher) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, m := range d.mailers {
		_ = m.Close()
	}
}

func (d *dispatcher) mailer(w int) (Mailer, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if m, ok := d.mailers[w]; ok {
		return m, nil
	}
	if d.e.Channels.Mailer == nil {
		return nil, errNoChannel
	}
	m, err := d.e.Channels.Mailer(d.cfg.Settings)
	if err != nil {
		return nil, err
	}
	if d.mailers == nil {
		d.mailers = map[int]Mailer{}
	}
	d.mailers[w] = m
	return m, nil
}

func (d *dispatcher) smsProvider() (sms.Provider, error) {
	d.smsOnce.Do(func() {
		if d.e.Channels.SMS == nil {
			d.smsErr = errNoChannel
			return
		}
		d.sms, d.smsErr = d.e.Channels.SMS(d.cfg.Settings)
	})
	return d.sms, d.smsErr
}

// errNoChannel is a channel the organization has not configured.
var errNoChannel = errors.New("channel not configured")

// maxAttempts is how many times a temporary failure is tried again.
const maxAttempts = 5

// send carries out one claimed action: re-checks the guardrails on fresh
// facts, composes the message, and hands it to its channel.
func (d *dispatcher) send(ctx context.Context, w int, a ledger.Action) Item {
	it := Item{ActionID: a.ID, DebtorID: a.DebtorID, CaseID: fmt.Sprint(a.CaseID), Scenario: a.ScenarioKey, Step: a.StepKey,
		Channel: string(a.Channel), ScheduledFor: a.ScheduledFor.Format(time.RFC3339), AmountDue: money.Decimal(a.AmountDue),
		Invoices: []string{}}
	f, err := d.e.oneFacts(ctx, a.DebtorID, d.now)
	if err != nil {
		return d.fail(ctx, it, a, err)
	}
	if f != nil {
		it.DebtorRef, it.DebtorName = f.Debtor.Ref, f.Debtor.Name
		for _, inv := range f.Invoices {
			if slices.Contains(a.InvoiceIDs, inv.ID) {
				it.Invoices = append(it.Invoices, inv.Number)
			}
		}
	}
	if f == nil {
		return d.skip(ctx, it, a, dunning.ReasonPaid, time.Time{})
	}
	if ok, reason, retry := dunning.Recheck(d.in, f, a, d.now); !ok {
		return d.skip(ctx, it, a, reason, retry)
	}
	msg, err := d.e.compose(ctx, d.cfg, f, a, d.now)
	if err != nil {
		return d.fail(ctx, it, a, err)
	}
	switch a.Channel {
	case ledger.ChannelEmail:
		return d.sendEmail(ctx, w, it, a, f, msg)
	case ledger.ChannelSMS:
		return d.sendSMS(ctx, it, a, msg)
	case ledger.ChannelLetter:
		return d.sendLetter(ctx, it, a, msg)
	}
	return d.fail(ctx, it, a, fmt.Errorf("channel %s is not dispatched", a.Channel))
}

// record is what MarkSent writes for a composed message.
func (d *dispatcher) record(a ledger.Action, m *composed) store.SentRecord {
	return store.SentRecord{ID: a.ID, Worker: d.worker, At: d.now, Recipient: m.recipient, MessageID: m.messageID,
		Content: store.ActionContent{Subject: m.subject, Body: m.text, HTML: m.html, Data: m.data}}
}

func (d *dispatcher) sendEmail(ctx context.Context, w int, it Item, a ledger.Action, f *dunning.Facts, m *composed) Item {
	mailer, err := d.mailer(w)
	if err != nil {
		return d.fail(ctx, it, a, fmt.Errorf("email: %w", err))
	}
	committed := false
	err = mailer.Send(ctx, m.email, func() error {
		if err := d.e.Store.MarkSent(ctx, d.record(a, m)); err != nil {
			return err
		}
		committed = true
		return nil
	})
	switch {
	case err == nil:
		if err := d.e.Store.ConfirmAction(ctx, a.ID, ""); err != nil {
			d.e.log().Error("confirm action", "action", a.ID, "err", err)
		}
		d.recordNotice(ctx, a, m)
		it.Status = string(ledger.ActionSent)
		return it
	case !committed && ledger.ErrorCode(err) == ledger.EConflict:
		// The lease ran out and another worker has it: leave it alone.
		it.Status, it.SkipReason = string(ledger.ActionPlanned), "lease_lost"
		return it
	case committed && email.IsUnconfirmed(err):
		// The terminator may have reached the server: the action stays sent
		// without confirmation, shown to a person, never sent again.
		d.e.log().Warn("email unconfirmed", "action", a.ID, "err", err)
		it.Status, it.SkipReason = string(ledger.ActionSent), dunning.ReasonUnconfirmed
		return it
	case email.IsPermanent(err) && !committed:
		// The server refused the recipient: a bounce, recorded against the
		// contact; the planner falls back to another channel.
		if berr := d.e.Store.RecordBounce(ctx, dunning.Bounce{DebtorID: a.DebtorID, Address: m.recipient, Kind: "email",
			Reason: email.Bounce(err), At: d.now}); berr != nil {
			d.e.log().Error("record bounce", "action", a.ID, "err", berr)
		}
		return d.release(ctx, it, a, store.Release{Status: ledger.ActionFailed, Reason: dunning.ReasonBounced, Error: err.Error()})
	case email.IsPermanent(err):
		return d.release(ctx, it, a, store.Release{Status: ledger.ActionFailed, Reason: "refused", Error: err.Error()})
	default:
		return d.retry(ctx, it, a, err)
	}
}

func (d *dispatcher) sendSMS(ctx context.Context, it Item, a ledger.Action, m *composed) Item {
	p, err := d.smsProvider()
	if err != nil {
		return d.fail(ctx, it, a, fmt.Errorf("sms: %w", err))
	}
	// An HTTP provider has no second phase: the action is marked sent
	// first, so that a crash can lose a message (marked unconfirmed) but
	// never send it twice.
	if err := d.e.Store.MarkSent(ctx, d.record(a, m)); err != nil {
		it.Status, it.SkipReason = string(ledger.ActionPlanned), "lease_lost"
		return it
	}
	ref, err := p.Send(ctx, sms.SMS{To: m.recipient, Sender: d.cfg.Settings.SMSSender, Text: m.text, Tag: m.messageID})
	switch {
	case err == nil:
		if err := d.e.Store.ConfirmAction(ctx, a.ID, ref); err != nil {
			d.e.log().Error("confirm action", "action", a.ID, "err", err)
		}
		it.Status = string(ledger.ActionSent)
		return it
	case sms.IsPermanent(err):
		if berr := d.e.Store.RecordBounce(ctx, dunning.Bounce{DebtorID: a.DebtorID, Address: m.recipient, Kind: "phone",
			Reason: err.Error(), At: d.now}); berr != nil {
			d.e.log().Error("record bounce", "action", a.ID, "err", berr)
		}
		return d.release(ctx, it, a, store.Release{Status: ledger.ActionFailed, Reason: dunning.ReasonBounced, Error: err.Error()})
	default:
		return d.retry(ctx, it, a, err)
	}
}

// sendLetter puts the letter in the day's print batch (its content is
// kept, from which the batch renders it); a registered letter is also
// handed to the registered-post provider.
func (d *dispatcher) sendLetter(ctx context.Context, it Item, a ledger.Action, m *composed) Item {
	if err := d.e.Store.MarkSent(ctx, d.record(a, m)); err != nil {
		it.Status, it.SkipReason = string(ledger.ActionPlanned), "lease_lost"
		return it
	}
	ref := ""
	if a.Registered {
		reg := d.e.Channels.Registered
		if reg == nil {
			reg = &post.Manual{}
		}
		r, err := reg.Send(ctx, post.Letter{PDF: m.pdf, Recipient: m.address, Reference: m.reference})
		if err != nil {
			return d.release(ctx, it, a, store.Release{Status: ledger.ActionFailed, Reason: "refused", Error: err.Error()})
		}
		ref = r
	}
	if err := d.e.Store.ConfirmAction(ctx, a.ID, ref); err != nil {
		d.e.log().Error("confirm action", "action", a.ID, "err", err)
	}
	d.recordNotice(ctx, a, m)
	it.Status = string(ledger.ActionSent)
	return it
}

// recordNotice keeps a formal notice sent by the action: from then on a
// consumer owes interest (art. 1344-1 C. civ.) and the court file cites it.
func (d *dispatcher) recordNotice(ctx context.Context, a ledger.Action, m *composed) {
	if m.notice == nil {
		return
	}
	if err := d.e.Store.RecordFormalNotice(ctx, m.notice); err != nil {
		d.e.log().Error("record formal notice", "action", a.ID, "err", err)
	}
}

func (d *dispatcher) skip(ctx context.Context, it Item, a ledger.Action, reason string, retry time.Time) Item {
	if !retry.IsZero() {
		return d.release(ctx, it, a, store.Release{RetryAt: retry, Reason: reason})
	}
	st := ledger.ActionSkipped
	if reason == dunning.ReasonPaid {
		st = ledger.ActionCancelled
	}
	return d.release(ctx, it, a, store.Release{Status: st, Reason: reason})
}

// retry puts a temporary failure back in a quarter of an hour, until
// maxAttempts.
func (d *dispatcher) retry(ctx context.Context, it Item, a ledger.Action, err error) Item {
	if a.Attempts >= maxAttempts {
		return d.release(ctx, it, a, store.Release{Status: ledger.ActionFailed, Reason: "attempts", Error: err.Error()})
	}
	return d.release(ctx, it, a, store.Release{RetryAt: d.now.Add(15 * time.Minute), Reason: "retry", Error: err.Error()})
}

func (d *dispatcher) fail(ctx context.Context, it Item, a ledger.Action, err error) Item {
	d.e.log().Error("dispatch", "action", a.ID, "err", err)
	return d.release(ctx, it, a, store.Release{Status: ledger.ActionFailed, Reason: "error", Error: err.Error()})
}

func (d *dispatcher) release(ctx context.Context, it Item, a ledger.Action, r store.Release) Item {
	r.ID, r.Worker = a.ID, d.worker
	if err := d.e.Store.ReleaseAction(ctx, r); err != nil {
		d.e.log().Error("release action", "action", a.ID, "err", err)
	}
	if !r.RetryAt.IsZero() {
		it.Status, it.SkipReason, it.ScheduledFor = string(ledger.ActionPlanned), r.Reason, r.RetryAt.Format(time.RFC3339)
		return it
	}
	it.Status, it.SkipReason = string(r.Status), r.Reason
	return it
}

package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// queryer is a pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// fillInvoices sets the invoices of each action, in one query.
func (db *DB) fillInvoices(ctx context.Context, q queryer, orgID int64, as []ledger.Action) error {
	if len(as) == 0 {
		return nil
	}
	ids := make([]int64, len(as))
	at := make(map[int64]int, len(as))
	for i := range as {
		ids[i] = as[i].ID
		at[as[i].ID] = i
	}
	rows, err := q.QueryContext(ctx, `SELECT action_id, invoice_id FROM action_invoices WHERE org_id = $1 AND `+db.inIDs("action_id", "$2")+`
		ORDER BY action_id, invoice_id`, orgID, db.idList(ids))
	if err != nil {
		return fmt.Errorf("actions' invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var action, invoice int64
		if err := rows.Scan(&action, &invoice); err != nil {
			return fmt.Errorf("actions' invoices: %w", err)
		}
		if i, ok := at[action]; ok {
			as[i].InvoiceIDs = append(as[i].InvoiceIDs, invoice)
		}
	}
	return rows.Err()
}

// missingOr returns not found when the action is not the organization's,
// else a conflict with the message given.
func missingOr(ctx context.Context, tx *sql.Tx, orgID, id int64, format string, a ...any) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM actions WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&n); err != nil {
		return fmt.Errorf("find action: %w", err)
	}
	if n == 0 {
		return notFound("action")
	}
	return ledger.Errorf(ledger.EConflict, format, a...)
}

// ClaimActions leases up to q.Limit planned actions due by q.Now that no
// live lease holds, after failing the actions sent but never confirmed
// whose lease ran out.
func (db *DB) ClaimActions(ctx context.Context, q store.ClaimQuery) ([]ledger.Action, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.TrimSpace(q.Worker) == "":
		return nil, ledger.FieldError("worker", "a claim names its worker")
	case q.Lease <= 0:
		return nil, ledger.FieldError("lease", "a claim needs a lease")
	}
	for _, c := range q.Channels {
		if !c.Valid() {
			return nil, ledger.FieldError("channels", "unknown channel %q", c)
		}
	}
	if q.Now.IsZero() {
		q.Now = db.now()
	}
	now := q.Now.UTC().Truncate(time.Microsecond)
	// Leases run on the wall clock, not on the cycle's: a cycle replayed
	// for a past day must still see a dead worker's lease run out.
	wall := db.now().UTC().Truncate(time.Microsecond)
	until := wall.Add(q.Lease)
	n := limit(q.Limit, 100, 1000)
	var out []ledger.Action
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.expireUnconfirmed(ctx, tx, orgID, wall); err != nil {
			return err
		}
		var a args
		set := `lease_owner = ` + a.add(q.Worker) + `, lease_until = ` + a.add(until) + `, updated_at = ` + a.add(db.now())
		pick := `SELECT id FROM actions WHERE org_id = ` + a.add(orgID) + ` AND status = 'planned' AND scheduled_for <= ` + a.add(now) +
			` AND (lease_until IS NULL OR lease_until < ` + a.add(wall) + `)`
		if len(q.Channels) > 0 {
			js, err := json.Marshal(q.Channels)
			if err != nil {
				return err
			}
			pick += ` AND ` + db.d.InJSON("channel", a.add(string(js)))
		}
		pick += ` ORDER BY scheduled_for, id LIMIT ` + a.add(n)
		var query string
		if db.pg() {
			// Two workers never take the same row: each skips the rows
			// the other has locked, and re-checks a row it waited for.
			query = `WITH c AS (` + pick + ` FOR UPDATE SKIP LOCKED)
				UPDATE actions AS a SET ` + set + `, attempts = a.attempts + 1 FROM c
				WHERE a.org_id = ` + a.add(orgID) + ` AND a.id = c.id RETURNING ` + actionColsA
		} else {
			// A SQLite write transaction is alone.
			query = `UPDATE actions SET ` + set + `, attempts = attempts + 1
				WHERE org_id = ` + a.add(orgID) + ` AND id IN (` + pick + `) RETURNING ` + actionColsBare
		}
		rows, err := tx.QueryContext(ctx, query, a...)
		if out, err = collect(rows, err, "claimed actions", scanAction); err != nil {
			return fmt.Errorf("claim actions: %w", err)
		}
		sort.Slice(out, func(i, j int) bool {
			if !out[i].ScheduledFor.Equal(out[j].ScheduledFor) {
				return out[i].ScheduledFor.Before(out[j].ScheduledFor)
			}
			return out[i].ID < out[j].ID
		})
		return db.fillInvoices(ctx, tx, orgID, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// expireUnconfirmed fails the actions sent but not confirmed whose lease
// ran out: they may have gone, so they are never sent again by
// themselves.
func (db *DB) expireUnconfirmed(ctx context.Context, tx *sql.Tx, orgID int64, now time.Time) error {
	cond := `org_id = $2 AND status = 'sent' AND confirmed_at IS NULL AND sent_at IS NOT NULL AND lease_until < $3`
	query := `UPDATE actions SET status = 'failed', skip_reason = 'unconfirmed', updated_at = $1 WHERE ` + cond +
		` RETURNING id, debtor_id, step_key, channel`
	if db.pg() {
		query = `UPDATE actions SET status = 'failed', skip_reason = 'unconfirmed', updated_at = $1
			WHERE org_id = $2 AND id IN (SELECT id FROM actions WHERE ` + cond + ` FOR UPDATE SKIP LOCKED)
			RETURNING id, debtor_id, step_key, channel`
	}
	rows, err := tx.QueryContext(ctx, query, db.now(), orgID, now)
	type expired struct {
		id, debtor    int64
		step, channel string
	}
	got, err := collect(rows, err, "unconfirmed actions", func(sc scanner) (e expired, err error) {
		err = sc.Scan(&e.id, &e.debtor, &e.step, &e.channel)
		return e, err
	})
	if err != nil {
		return fmt.Errorf("expire unconfirmed actions: %w", err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].id < got[j].id })
	for _, e := range got {
		if err := db.appendEvent(ctx, tx, "action.unconfirmed", e.debtor, 0, obj("action", e.id, "step", e.step, "channel", e.channel,
			"reason", ledger.SkipUnconfirmed)); err != nil {
			return err
		}
	}
	return nil
}

// MarkSent records that an action goes out now with that content, while
// the worker holds its lease; the case reaches the action's stage (never
// an earlier one).
func (db *DB) MarkSent(ctx context.Context, s store.SentRecord) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if s.At.IsZero() {
		s.At = db.now()
	}
	at := s.At.UTC().Truncate(time.Microsecond)
	return db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE actions SET status = 'sent', sent_at = $1, recipient = $2, message_id = $3, error = '', updated_at = $4
			WHERE org_id = $5 AND id = $6 AND lease_owner = $7 AND lease_until >= $4 AND sent_at IS NULL AND status = 'planned'
			RETURNING `+actionColsBare, at, s.Recipient, s.MessageID, db.now().UTC().Truncate(time.Microsecond), orgID, s.ID, s.Worker)
		got, err := collect(rows, err, "sent action", scanAction)
		if err != nil {
			return fmt.Errorf("mark sent: %w", err)
		}
		if len(got) == 0 {
			return missingOr(ctx, tx, orgID, s.ID, "action %d: the lease was lost, or it was sent already", s.ID)
		}
		a := got[0]
		c := s.Content
		_, err = tx.ExecContext(ctx, `INSERT INTO action_contents (org_id, action_id, subject, body, html, data) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (org_id, action_id) DO UPDATE SET subject = excluded.subject, body = excluded.body, html = excluded.html, data = excluded.data`,
			orgID, a.ID, c.Subject, c.Body, c.HTML, c.Data)
		if err != nil {
			return fmt.Errorf("action content: %w", err)
		}
		if err := db.reachStage(ctx, tx, orgID, a); err != nil {
			return err
		}
		return db.appendEvent(ctx, tx, "action.sent", a.DebtorID, 0, obj("action", a.ID, "step", a.StepKey, "channel", string(a.Channel),
			"recipient", s.Recipient, "message_id", s.MessageID, "amount_due", money.Decimal(a.AmountDue), "currency", string(a.AmountDue.Currency),
			"subject", c.Subject, "attempt", a.Attempts))
	})
}

// reachStage moves the action's open case to the action's stage when it
// is a later one.
func (db *DB) reachStage(ctx context.Context, tx *sql.Tx, orgID int64, a ledger.Action) error {
	if stageRank(a.Stage) == 0 {
		return nil
	}
	var from ledger.Stage
	err := tx.QueryRowContext(ctx, `SELECT stage FROM cases WHERE org_id = $1 AND id = $2 AND closed_at IS NULL`, orgID, a.CaseID).Scan(&from)
	if err == sql.ErrNoRows || (err == nil && stageRank(from) >= stageRank(a.Stage)) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read case stage: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET stage = $1 WHERE org_id = $2 AND id = $3`, a.Stage, orgID, a.CaseID); err != nil {
		return fmt.Errorf("move case: %w", err)
	}
	return db.appendEvent(ctx, tx, "case.stage", a.DebtorID, 0, obj("case", a.CaseID, "stage", string(a.Stage), "from", string(from),
		"action", a.ID))
}

// ConfirmAction records the channel's acknowledgement of a sent action
// and ends its lease. An action failed as unconfirmed is sent after all.
func (db *DB) ConfirmAction(ctx context.Context, id int64, providerRef string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		// Both statuses imply sent_at is set (MarkSent, RecordCallOutcome,
		// expireUnconfirmed): saying "sent_at IS NOT NULL" too let
		// PostgreSQL, its statistics taken before the day's sends, read the
		// action through the partial index actions_sent — every action sent
		// since — instead of (org_id, id).
		rows, err := tx.QueryContext(ctx, `UPDATE actions SET confirmed_at = $1, provider_ref = $2, lease_owner = '', lease_until = NULL,
				skip_reason = CASE WHEN status = 'failed' THEN '' ELSE skip_reason END, status = 'sent', updated_at = $1
			WHERE org_id = $3 AND id = $4
				AND (status = 'sent' OR (status = 'failed' AND skip_reason = 'unconfirmed'))
			RETURNING debtor_id, step_key, channel`, now, providerRef, orgID, id)
		type row struct {
			debtor        int64
			step, channel string
		}
		got, err := collect(rows, err, "confirmed action", func(sc scanner) (r row, err error) {
			err = sc.Scan(&r.debtor, &r.step, &r.channel)
			return r, err
		})
		if err != nil {
			return fmt.Errorf("confirm action: %w", err)
		}
		if len(got) == 0 {
			return missingOr(ctx, tx, orgID, id, "action %d was not sent", id)
		}
		return db.appendEvent(ctx, tx, "action.confirmed", got[0].debtor, 0, obj("action", id, "step", got[0].step,
			"channel", got[0].channel, "provider_ref", providerRef))
	})
}

// ReleaseAction gives back an action the worker holds: rescheduled when
// r.RetryAt is set, else skipped, failed or cancelled. Released, it is
// not sent.
func (db *DB) ReleaseAction(ctx context.Context, r store.Release) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	retry := !r.RetryAt.IsZero()
	if !retry && r.Status != ledger.ActionSkipped && r.Status != ledger.ActionFailed && r.Status != ledger.ActionCancelled {
		return ledger.FieldError("status", "a released action is rescheduled, skipped, failed or cancelled")
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		var a args
		var set, event string
		if retry {
			set = `status = ` + a.add(string(ledger.ActionPlanned)) + `, scheduled_for = ` + a.add(r.RetryAt.UTC().Truncate(time.Microsecond)) +
				`, skip_reason = ''`
			event = "action.rescheduled"
		} else {
			set = `status = ` + a.add(string(r.Status)) + `, skip_reason = ` + a.add(r.Reason)
			event = "action." + string(r.Status)
		}
		query := `UPDATE actions SET ` + set + `, error = ` + a.add(r.Error) + `, sent_at = NULL, lease_owner = '', lease_until = NULL,
				updated_at = ` + a.add(db.now()) + `
			WHERE org_id = ` + a.add(orgID) + ` AND id = ` + a.add(r.ID) + ` AND lease_owner = ` + a.add(r.Worker) + `
				AND status IN ('planned', 'sent') AND confirmed_at IS NULL
			RETURNING debtor_id, step_key, channel`
		rows, err := tx.QueryContext(ctx, query, a...)
		type row struct {
			debtor        int64
			step, channel string
		}
		got, err := collect(rows, err, "released action", func(sc scanner) (x row, err error) {
			err = sc.Scan(&x.debtor, &x.step, &x.channel)
			return x, err
		})
		if err != nil {
			return fmt.Errorf("release action: %w", err)
		}
		if len(got) == 0 {
			return missingOr(ctx, tx, orgID, r.ID, "action %d is not held by %s", r.ID, r.Worker)
		}
		kv := []any{"action", r.ID, "step", got[0].step, "channel", got[0].channel, "error", r.Error, "reason", r.Reason}
		if retry {
			kv = append(kv, "retry_at", r.RetryAt.UTC().Format(time.RFC3339))
		}
		return db.appendEvent(ctx, tx, event, got[0].debtor, 0, obj(kv...))
	})
}

// DecideActions approves (planned) or rejects (cancelled, "rejected")
// the actions awaiting approval among ids, and says how many changed.
func (db *DB) DecideActions(ctx context.Context, ids []int64, approve bool) (int, error) {
	orgID, err := org(ctx)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	status, reason, event := ledger.ActionPlanned, "", "action.approved"
	if !approve {
		status, reason, event = ledger.ActionCancelled, "rejected", "action.rejected"
	}
	actor := store.ActorFrom(ctx).Name
	var n int
	err = db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		rows, err := tx.QueryContext(ctx, `UPDATE actions SET status = $1, skip_reason = $2, decided_by = $3, decided_at = $4, updated_at = $4
			WHERE org_id = $5 AND status = 'awaiting_approval' AND `+db.inIDs("id", "$6")+`
			RETURNING id, debtor_id, step_key`, string(status), reason, actor, now, orgID, db.idList(ids))
		type row struct {
			id, debtor int64
			step       string
		}
		got, err := collect(rows, err, "decided actions", func(sc scanner) (x row, err error) {
			err = sc.Scan(&x.id, &x.debtor, &x.step)
			return x, err
		})
		if err != nil {
			return fmt.Errorf("decide actions: %w", err)
		}
		sort.Slice(got, func(i, j int) bool { return got[i].id < got[j].id })
		for _, x := range got {
			if err := db.appendEvent(ctx, tx, event, x.debtor, 0, obj("action", x.id, "step", x.step, "by", actor)); err != nil {
				return err
			}
		}
		n = len(got)
		return nil
	})
	return n, err
}

// RecordCallOutcome closes a call task (planned or sent) with what the
// call gave.
func (db *DB) RecordCallOutcome(ctx context.Context, actionID int64, o ledger.CallOutcome, note string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if !o.Valid() {
		return ledger.FieldError("outcome", "unknown call outcome %q", o)
	}
	note = strings.TrimSpace(note)
	return db.tx(ctx, func(tx *sql.Tx) error {
		var ch ledger.Channel
		var st ledger.ActionStatus
		var debtorID int64
		var step, outcome string
		err := tx.QueryRowContext(ctx, `SELECT channel, status, debtor_id, step_key, outcome FROM actions WHERE org_id = $1 AND id = $2`, orgID, actionID).
			Scan(&ch, &st, &debtorID, &step, &outcome)
		if err := one(err, "action"); err != nil {
			return err
		}
		if ch != ledger.ChannelCall {
			return ledger.FieldError("action", "action %d is not a call", actionID)
		}
		if st != ledger.ActionPlanned && st != ledger.ActionSent {
			return ledger.Errorf(ledger.EConflict, "call %d is %s", actionID, st)
		}
		if outcome != "" {
			return ledger.Errorf(ledger.EConflict, "call %d was closed already (%s)", actionID, outcome)
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE actions SET status = 'sent', sent_at = COALESCE(sent_at, $1), confirmed_at = $1, outcome = $2,
				note = $3, lease_owner = '', lease_until = NULL, updated_at = $1
			WHERE org_id = $4 AND id = $5`, now, string(o), note, orgID, actionID)
		if err != nil {
			return fmt.Errorf("record call outcome: %w", err)
		}
		return db.appendEvent(ctx, tx, "call.outcome", debtorID, 0, obj("action", actionID, "step", step, "outcome", string(o), "note", note))
	})
}

// actionViewFrom is the FROM of the lists of actions with their debtor
// and case.
const actionViewFrom = ` FROM actions a
	JOIN debtors d ON d.org_id = a.org_id AND d.id = a.debtor_id
	JOIN cases c ON c.org_id = a.org_id AND c.id = a.case_id`

func scanActionView(sc scanner) (v store.ActionView, err error) {
	err = sc.Scan(actionDest(&v.Action, &v.DebtorRef, &v.DebtorName, &v.DebtorKind, &v.CaseStage, &v.OwnerID)...)
	return v, err
}

// ListActions lists the organization's actions with their debtor and
// case, by schedule, filtered by q.
func (db *DB) ListActions(ctx context.Context, q store.ActionQuery) ([]store.ActionView, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	w := []string{`a.org_id = ` + a.add(orgID)}
	if q.DebtorID != 0 {
		w = append(w, `a.debtor_id = `+a.add(q.DebtorID))
	}
	statuses := q.Statuses
	if q.Status != "" {
		statuses = append(append([]ledger.ActionStatus(nil), statuses...), q.Status)
	}
	if len(statuses) > 0 {
		js, err := json.Marshal(statuses)
		if err != nil {
			return nil, err
		}
		w = append(w, db.d.InJSON("a.status", a.add(string(js))))
	}
	if q.Channel != "" {
		w = append(w, `a.channel = `+a.add(string(q.Channel)))
	}
	if q.CaseID != 0 {
		w = append(w, `a.case_id = `+a.add(q.CaseID))
	}
	if q.OwnerID != 0 {
		w = append(w, `c.owner_id = `+a.add(q.OwnerID))
	}
	if !q.From.IsZero() {
		w = append(w, `a.scheduled_for >= `+a.add(q.From.UTC()))
	}
	if !q.Until.IsZero() {
		w = append(w, `a.scheduled_for < `+a.add(q.Until.UTC()))
	}
	if !q.SentFrom.IsZero() {
		w = append(w, `a.sent_at >= `+a.add(q.SentFrom.UTC()))
	}
	query := `SELECT ` + actionColsA + `, d.ref, d.name, d.kind, c.stage, c.owner_id` + actionViewFrom + `
		WHERE ` + strings.Join(w, " AND ") + ` ORDER BY a.scheduled_for, a.id LIMIT ` + a.add(limit(q.Limit, 100, 1000)) +
		` OFFSET ` + a.add(max(q.Offset, 0))
	rows, err := db.r.QueryContext(ctx, query, a...)
	out, err := collect(rows, err, "actions", scanActionView)
	if err != nil {
		return nil, err
	}
	as := make([]ledger.Action, len(out))
	for i := range out {
		as[i] = out[i].Action
	}
	if err := db.fillInvoices(ctx, db.r, orgID, as); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].InvoiceIDs = as[i].InvoiceIDs
	}
	return out, nil
}

// GetAction returns an action of the organization with its debtor and
// case.
func (db *DB) GetAction(ctx context.Context, id int64) (*store.ActionView, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	v, err := scanActionView(db.r.QueryRowContext(ctx, `SELECT `+actionColsA+`, d.ref, d.name, d.kind, c.stage, c.owner_id`+actionViewFrom+`
		WHERE a.org_id = $1 AND a.id = $2`, orgID, id))
	if err := one(err, "action"); err != nil {
		return nil, err
	}
	if v.InvoiceIDs, err = db.actionInvoices(ctx, orgID, id); err != nil {
		return nil, err
	}
	return &v, nil
}

// ActionContent returns what an action carried when it went out; not
// found before.
func (db *DB) ActionContent(ctx context.Context, id int64) (*store.ActionContent, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var c store.ActionContent
	err = db.r.QueryRowContext(ctx, `SELECT subject, body, html, data FROM action_contents WHERE org_id = $1 AND action_id = $2`, orgID, id).
		Scan(&c.Subject, &c.Body, &c.HTML, &c.Data)
	if err := one(err, "action content"); err != nil {
		return nil, err
	}
	return &c, nil
}

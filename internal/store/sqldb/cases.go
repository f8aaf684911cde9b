package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

const caseCols = `id, org_id, creditor_id, debtor_id, stage, owner_id, opened_at, closed_at, close_reason`

func scanCase(sc scanner) (ledger.Case, error) {
	var c ledger.Case
	var closed sql.NullTime
	err := sc.Scan(&c.ID, &c.OrgID, &c.CreditorID, &c.DebtorID, &c.Stage, &c.OwnerID, &c.OpenedAt, &closed, &c.CloseReason)
	if closed.Valid {
		c.ClosedAt = closed.Time
	}
	return c, err
}

// OpenCase returns the debtor's open case, opening one at the amicable
// stage when it has none.
func (db *DB) OpenCase(ctx context.Context, debtorID int64) (*ledger.Case, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var out ledger.Case
	err = db.tx(ctx, func(tx *sql.Tx) error {
		c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseCols+` FROM cases WHERE org_id = $1 AND debtor_id = $2 AND closed_at IS NULL`, orgID, debtorID))
		if err == nil {
			out = c
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read open case: %w", err)
		}
		c = ledger.Case{OrgID: orgID, DebtorID: debtorID, Stage: ledger.StageAmicable, OpenedAt: db.now()}
		err = tx.QueryRowContext(ctx, `SELECT creditor_id FROM debtors WHERE org_id = $1 AND id = $2`, orgID, debtorID).Scan(&c.CreditorID)
		if err := one(err, "debtor"); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO cases (org_id, creditor_id, debtor_id, stage, opened_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			orgID, c.CreditorID, debtorID, c.Stage, c.OpenedAt).Scan(&c.ID)
		if err != nil {
			return db.conflict(fmt.Errorf("open case: %w", err), "debtor %d already has an open case", debtorID)
		}
		out = c
		return db.appendEvent(ctx, tx, "case.opened", debtorID, 0, obj("case", c.ID, "stage", string(c.Stage)))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Cases lists a debtor's cases, newest first.
func (db *DB) Cases(ctx context.Context, debtorID int64) ([]ledger.Case, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+caseCols+` FROM cases WHERE org_id = $1 AND debtor_id = $2 ORDER BY id DESC`, orgID, debtorID)
	return collect(rows, err, "cases", scanCase)
}

// AssignCase makes a member of the organization the case's owner, or
// nobody for 0. The call tasks of the case then go on the owner's list.
// Journaled (case.assigned, with the owner's id and name) when the owner
// changes; assigning the same owner again writes nothing.
func (db *DB) AssignCase(ctx context.Context, caseID, ownerID int64) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if ownerID < 0 {
		return ledger.FieldError("owner", "unknown owner %d", ownerID)
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseCols+` FROM cases WHERE org_id = $1 AND id = $2`, orgID, caseID))
		if err := one(err, "case"); err != nil {
			return err
		}
		var name string
		if ownerID != 0 {
			var m store.Member
			err := tx.QueryRowContext(ctx, `SELECT u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
				WHERE m.org_id = $1 AND m.user_id = $2`, orgID, ownerID).Scan(&m.Name, &m.Email)
			if errors.Is(err, sql.ErrNoRows) {
				return ledger.FieldError("owner", "user %d is not a member of the organization", ownerID)
			}
			if err != nil {
				return fmt.Errorf("read owner: %w", err)
			}
			name = m.Label()
		}
		if c.OwnerID == ownerID {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET owner_id = $1 WHERE org_id = $2 AND id = $3`, ownerID, orgID, caseID); err != nil {
			return fmt.Errorf("assign case: %w", err)
		}
		return db.appendEvent(ctx, tx, "case.assigned", c.DebtorID, 0, obj("case", c.ID, "owner_id", ownerID, "owner", name))
	})
}

// PlanAction records an action of an open case about some of its
// debtor's invoices; a second action for the same (case, step) is refused
// (EConflict).
func (db *DB) PlanAction(ctx context.Context, a *ledger.Action) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	switch {
	case a.StepKey == "":
		return ledger.FieldError("step", "an action needs a step")
	case !a.Channel.Valid():
		return ledger.FieldError("channel", "unknown channel %q", a.Channel)
	case len(a.InvoiceIDs) == 0:
		return ledger.FieldError("invoices", "an action is about one invoice at least")
	case a.ScheduledFor.IsZero():
		return ledger.FieldError("scheduled_for", "an action needs a time")
	}
	if a.Status == "" {
		a.Status = ledger.ActionPlanned
	}
	a.OrgID, a.CreatedAt, a.UpdatedAt = orgID, db.now(), db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseCols+` FROM cases WHERE org_id = $1 AND id = $2`, orgID, a.CaseID))
		if err := one(err, "case"); err != nil {
			return err
		}
		if !c.Open() {
			return ledger.Errorf(ledger.EConflict, "case %d is closed", c.ID)
		}
		a.DebtorID = c.DebtorID
		err = tx.QueryRowContext(ctx, `INSERT INTO actions (org_id, case_id, debtor_id, step_key, channel, scheduled_for, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			orgID, a.CaseID, a.DebtorID, a.StepKey, a.Channel, a.ScheduledFor.UTC(), a.Status, a.CreatedAt, a.UpdatedAt).Scan(&a.ID)
		if err != nil {
			return db.conflict(fmt.Errorf("plan action: %w", err), "step %s of case %d is already planned", a.StepKey, a.CaseID)
		}
		for _, id := range a.InvoiceIDs {
			var debtorID int64
			err := tx.QueryRowContext(ctx, `SELECT debtor_id FROM invoices WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&debtorID)
			if err := one(err, "invoice"); err != nil {
				return err
			}
			if debtorID != a.DebtorID {
				return ledger.FieldError("invoices", "invoice %d is not the case's debtor's", id)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO action_invoices (org_id, action_id, invoice_id) VALUES ($1, $2, $3)`, orgID, a.ID, id); err != nil {
				return fmt.Errorf("action invoice: %w", err)
			}
		}
		return db.appendEvent(ctx, tx, "action.planned", a.DebtorID, 0, obj("action", a.ID, "step", a.StepKey,
			"channel", string(a.Channel), "scheduled_for", a.ScheduledFor.UTC().Format(time.RFC3339), "status", string(a.Status)))
	})
}

// Actions lists a debtor's actions (all of the organization's for 0), by
// schedule.
func (db *DB) Actions(ctx context.Context, q store.ActionQuery) ([]ledger.Action, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	w := []string{`a.org_id = ` + a.add(orgID)}
	if q.DebtorID != 0 {
		w = append(w, `a.debtor_id = `+a.add(q.DebtorID))
	}
	if q.Status != "" {
		w = append(w, `a.status = `+a.add(string(q.Status)))
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+actionColsA+`
		FROM actions a WHERE `+strings.Join(w, " AND ")+` ORDER BY a.scheduled_for, a.id LIMIT `+a.add(limit(q.Limit, 100, 1000)), a...)
	out, err := collect(rows, err, "actions", scanAction)
	if err != nil {
		return nil, err
	}
	if err := db.fillInvoices(ctx, db.r, orgID, out); err != nil {
		return nil, err
	}
	return out, nil
}

// actionInvoices lists the invoices an action is about.
func (db *DB) actionInvoices(ctx context.Context, orgID, actionID int64) ([]int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT invoice_id FROM action_invoices WHERE org_id = $1 AND action_id = $2 ORDER BY invoice_id`, orgID, actionID)
	return column[int64](rows, err, "action invoices")
}

// openInvoiceOf is the condition "this open invoice is one of the
// action's".
const openInvoiceOf = `SELECT 1 FROM action_invoices ai JOIN invoices i ON i.org_id = ai.org_id AND i.id = ai.invoice_id
	WHERE ai.org_id = actions.org_id AND ai.action_id = actions.id AND i.amount_minor > i.allocated_minor`

// debtorOwes is the condition "the case's debtor has an open invoice".
const debtorOwes = `SELECT 1 FROM invoices i WHERE i.org_id = cases.org_id AND i.debtor_id = cases.debtor_id
	AND i.kind = 'invoice' AND i.amount_minor > i.allocated_minor`

// followUp keeps the cases and the planned actions in step with what is
// still due, after a write changed it ($1 organization, $2 now, $3 the
// debtor when DEBTOR is set): an action whose invoices are all paid is
// cancelled, a case with nothing due closes; when a reversal reopens an
// invoice, the case closed for that reason reopens at its stage and the
// actions cancelled for it come back while their time has not come.
// Each change is journaled.
func (db *DB) followUp(ctx context.Context, tx *sql.Tx, orgID, debtorID int64) error {
	now := db.now()
	scope, a := "", []any{orgID, now}
	if debtorID != 0 {
		scope, a = " AND debtor_id = $3", append(a, debtorID)
	}
	steps := []struct {
		event, sql string
	}{
		{"action.cancelled", `UPDATE actions SET status_before = status, status = 'cancelled', skip_reason = 'paid', updated_at = $2
			WHERE org_id = $1` + scope + ` AND status IN ('planned', 'awaiting_approval') AND NOT EXISTS (` + openInvoiceOf + `)
			RETURNING id, debtor_id, step_key`},
		{"case.closed", `UPDATE cases SET stage_before = stage, stage = 'closed', closed_at = $2, close_reason = 'paid'
			WHERE org_id = $1` + scope + ` AND closed_at IS NULL AND NOT EXISTS (` + debtorOwes + `)
			RETURNING id, debtor_id, stage_before`},
		{"case.reopened", `UPDATE cases SET stage = stage_before, closed_at = NULL, close_reason = '', stage_before = ''
			WHERE org_id = $1` + scope + ` AND close_reason = 'paid' AND closed_at <= $2 AND EXISTS (` + debtorOwes + `)
				AND id = (SELECT MAX(c2.id) FROM cases c2 WHERE c2.org_id = cases.org_id AND c2.debtor_id = cases.debtor_id)
				AND NOT EXISTS (SELECT 1 FROM cases c3 WHERE c3.org_id = cases.org_id AND c3.debtor_id = cases.debtor_id AND c3.closed_at IS NULL)
			RETURNING id, debtor_id, stage`},
		{"action.reinstated", `UPDATE actions SET status = status_before, status_before = '', skip_reason = '', updated_at = $2
			WHERE org_id = $1` + scope + ` AND status = 'cancelled' AND skip_reason = 'paid' AND scheduled_for > $2
				AND EXISTS (` + openInvoiceOf + `)
				AND EXISTS (SELECT 1 FROM cases c WHERE c.org_id = actions.org_id AND c.id = actions.case_id AND c.closed_at IS NULL)
			RETURNING id, debtor_id, step_key`},
	}
	for _, s := range steps {
		rows, err := tx.QueryContext(ctx, s.sql, a...)
		if err != nil {
			return fmt.Errorf("%s: %w", s.event, err)
		}
		type change struct {
			id, debtor int64
			detail     string
		}
		var changes []change
		for rows.Next() {
			var c change
			if err := rows.Scan(&c.id, &c.debtor, &c.detail); err != nil {
				rows.Close()
				return err
			}
			changes = append(changes, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, c := range changes {
			var payload []byte
			if strings.HasPrefix(s.event, "action.") {
				payload = obj("action", c.id, "step", c.detail, "reason", ledger.SkipPaid)
			} else {
				payload = obj("case", c.id, "stage", c.detail)
			}
			if err := db.appendEvent(ctx, tx, s.event, c.debtor, 0, payload); err != nil {
				return err
			}
		}
	}
	return nil
}

package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// emitFn journals an event: appendEvent, or a batch's add.
type emitFn func(typ string, debtorID, invoiceID int64, payload []byte) error

// emitter journals through appendEvent in tx.
func (db *DB) emitter(ctx context.Context, tx *sql.Tx) emitFn {
	return func(typ string, debtorID, invoiceID int64, payload []byte) error {
		return db.appendEvent(ctx, tx, typ, debtorID, invoiceID, payload)
	}
}

// today is the civil date of the store's clock in Paris.
func (db *DB) today() civil.Date { return civil.Today(db.Now(), civil.Paris) }

// paidSQL is what a debtor ($2) has paid in all: its payments not
// reversed, bank fees written off left out.
const paidSQL = `SELECT COALESCE(SUM(amount_minor), 0) FROM payments
	WHERE org_id = $1 AND debtor_id = $2 AND reversed_on IS NULL AND method <> 'bank_fee'`

const disputeCols = `id, org_id, debtor_id, invoice_id, reason, amount_minor, currency, opened_on, status, resolved_on, resolution, created_at`

func scanDispute(sc scanner) (d ledger.Dispute, err error) {
	err = sc.Scan(&d.ID, &d.OrgID, &d.DebtorID, &d.InvoiceID, &d.Reason, &d.Amount.Minor, &d.Amount.Currency, &d.OpenedOn, &d.Status,
		&d.ResolvedOn, &d.Resolution, dbTime{&d.CreatedAt})
	return d, err
}

// OpenDispute records a debtor contesting one of its invoices; the
// invoice is disputed while a dispute on it is open.
func (db *DB) OpenDispute(ctx context.Context, d *ledger.Dispute) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	d.Reason = strings.TrimSpace(d.Reason)
	if d.Amount.Minor < 0 {
		return ledger.FieldError("amount", "the contested amount cannot be negative")
	}
	if d.OpenedOn.IsZero() {
		d.OpenedOn = db.today()
	}
	d.OrgID, d.Status, d.ResolvedOn, d.Resolution, d.CreatedAt = orgID, ledger.DisputeOpen, civil.Date{}, "", db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		var debtorID int64
		var kind ledger.DocKind
		var cur money.Currency
		err := tx.QueryRowContext(ctx, `SELECT debtor_id, kind, currency FROM invoices WHERE org_id = $1 AND id = $2`, orgID, d.InvoiceID).
			Scan(&debtorID, &kind, &cur)
		if err := one(err, "invoice"); err != nil {
			return err
		}
		switch {
		case d.DebtorID != 0 && debtorID != d.DebtorID:
			return ledger.FieldError("invoice_id", "invoice %d is not the debtor's", d.InvoiceID)
		case kind != ledger.DocInvoice:
			return ledger.FieldError("invoice_id", "only an invoice can be disputed")
		}
		d.DebtorID = debtorID
		if d.Amount.Currency == "" {
			d.Amount.Currency = cur
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO disputes (org_id, debtor_id, invoice_id, reason, amount_minor, currency, opened_on, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			orgID, d.DebtorID, d.InvoiceID, d.Reason, d.Amount.Minor, d.Amount.Currency, d.OpenedOn, d.Status, d.CreatedAt).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("open dispute: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invoices SET disputed = $1 WHERE org_id = $2 AND id = $3`, true, orgID, d.InvoiceID); err != nil {
			return fmt.Errorf("mark invoice disputed: %w", err)
		}
		return db.appendEvent(ctx, tx, "dispute.opened", d.DebtorID, d.InvoiceID, obj("dispute", d.ID, "reason", d.Reason,
			"amount", money.Decimal(d.Amount), "currency", string(d.Amount.Currency), "opened_on", d.OpenedOn.String()))
	})
}

// CloseDispute closes an open dispute, resolved (collection resumes) or
// upheld (the debtor was right); its invoice is no longer disputed once
// no other dispute on it is open.
func (db *DB) CloseDispute(ctx context.Context, id int64, status ledger.DisputeStatus, resolution string, on civil.Date) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if status != ledger.DisputeResolved && status != ledger.DisputeUpheld {
		return ledger.FieldError("status", "a dispute closes resolved or upheld")
	}
	if on.IsZero() {
		on = db.today()
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		d, err := scanDispute(tx.QueryRowContext(ctx, `SELECT `+disputeCols+` FROM disputes WHERE org_id = $1 AND id = $2`, orgID, id))
		if err := one(err, "dispute"); err != nil {
			return err
		}
		if d.Status != ledger.DisputeOpen {
			return ledger.Errorf(ledger.EConflict, "dispute %d is already closed", id)
		}
		if on.Before(d.OpenedOn) {
			return ledger.FieldError("on", "a dispute cannot close before it opened")
		}
		_, err = tx.ExecContext(ctx, `UPDATE disputes SET status = $1, resolution = $2, resolved_on = $3 WHERE org_id = $4 AND id = $5`,
			status, strings.TrimSpace(resolution), on, orgID, id)
		if err != nil {
			return fmt.Errorf("close dispute: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE invoices SET disputed = $1 WHERE org_id = $2 AND id = $3
			AND NOT EXISTS (SELECT 1 FROM disputes WHERE org_id = $2 AND invoice_id = $3 AND status = 'open')`, false, orgID, d.InvoiceID)
		if err != nil {
			return fmt.Errorf("clear invoice dispute: %w", err)
		}
		return db.appendEvent(ctx, tx, "dispute.closed", d.DebtorID, d.InvoiceID, obj("dispute", id, "status", string(status),
			"resolution", strings.TrimSpace(resolution), "resolved_on", on.String()))
	})
}

// Disputes lists a debtor's disputes, or all the organization's open
// ones for 0, oldest first.
func (db *DB) Disputes(ctx context.Context, debtorID int64) ([]ledger.Dispute, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	q, a := `SELECT `+disputeCols+` FROM disputes WHERE org_id = $1 AND status = 'open' ORDER BY id`, []any{orgID}
	if debtorID != 0 {
		q, a = `SELECT `+disputeCols+` FROM disputes WHERE org_id = $1 AND debtor_id = $2 ORDER BY id`, []any{orgID, debtorID}
	}
	rows, err := db.r.QueryContext(ctx, q, a...)
	return collect(rows, err, "disputes", scanDispute)
}

const promiseCols = `id, org_id, debtor_id, amount_minor, currency, due_on, status, note, paid_base_minor, created_at, closed_on`

func scanPromise(sc scanner) (p ledger.Promise, err error) {
	err = sc.Scan(&p.ID, &p.OrgID, &p.DebtorID, &p.Amount.Minor, &p.Amount.Currency, &p.DueOn, &p.Status, &p.Note, &p.PaidBase.Minor,
		dbTime{&p.CreatedAt}, &p.ClosedOn)
	p.PaidBase.Currency = p.Amount.Currency
	return p, err
}

// debtorPaid reads a debtor's currency and what it has paid in all.
func debtorPaid(ctx context.Context, tx *sql.Tx, orgID, debtorID int64) (money.Amount, error) {
	var paid money.Amount
	err := tx.QueryRowContext(ctx, `SELECT currency FROM debtors WHERE org_id = $1 AND id = $2`, orgID, debtorID).Scan(&paid.Currency)
	if err := one(err, "debtor"); err != nil {
		return paid, err
	}
	if err := tx.QueryRowContext(ctx, paidSQL, orgID, debtorID).Scan(&paid.Minor); err != nil {
		return paid, fmt.Errorf("debtor paid: %w", err)
	}
	return paid, nil
}

// RecordPromise records a debtor's pending promise to pay, with what it
// has paid so far.
func (db *DB) RecordPromise(ctx context.Context, p *ledger.Promise) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	switch {
	case p.Amount.Minor <= 0:
		return ledger.FieldError("amount", "a promise is of a positive amount")
	case p.DueOn.IsZero():
		return ledger.FieldError("due_on", "a promise has a date")
	}
	p.OrgID, p.Status, p.CreatedAt, p.ClosedOn, p.Note = orgID, ledger.PromisePending, db.now(), civil.Date{}, strings.TrimSpace(p.Note)
	return db.tx(ctx, func(tx *sql.Tx) error {
		paid, err := debtorPaid(ctx, tx, orgID, p.DebtorID)
		if err != nil {
			return err
		}
		if p.Amount.Currency == "" {
			p.Amount.Currency = paid.Currency
		}
		p.PaidBase = money.New(paid.Minor, p.Amount.Currency)
		err = tx.QueryRowContext(ctx, `INSERT INTO promises (org_id, debtor_id, amount_minor, currency, due_on, status, note, paid_base_minor, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			orgID, p.DebtorID, p.Amount.Minor, p.Amount.Currency, p.DueOn, p.Status, p.Note, p.PaidBase.Minor, p.CreatedAt).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("record promise: %w", err)
		}
		return db.appendEvent(ctx, tx, "promise.recorded", p.DebtorID, 0, obj("promise", p.ID, "amount", money.Decimal(p.Amount),
			"currency", string(p.Amount.Currency), "due_on", p.DueOn.String(), "note", p.Note))
	})
}

// settlePromise moves a pending promise (of debtorID when not 0) to st on
// day on, journaled; it reports whether it changed.
func settlePromise(ctx context.Context, tx *sql.Tx, emit emitFn, orgID, id, debtorID int64, st ledger.PromiseStatus, on civil.Date) (bool, error) {
	var a args
	q := `UPDATE promises SET status = ` + a.add(string(st)) + `, closed_on = ` + a.add(on) +
		` WHERE org_id = ` + a.add(orgID) + ` AND id = ` + a.add(id) + ` AND status = 'pending'`
	if debtorID != 0 {
		q += ` AND debtor_id = ` + a.add(debtorID)
	}
	rows, err := tx.QueryContext(ctx, q+` RETURNING debtor_id, amount_minor, currency`, a...)
	type row struct {
		debtor int64
		amount money.Amount
	}
	got, err := collect(rows, err, "promise", func(sc scanner) (r row, err error) {
		err = sc.Scan(&r.debtor, &r.amount.Minor, &r.amount.Currency)
		return r, err
	})
	if err != nil || len(got) == 0 {
		return false, err
	}
	return true, emit("promise."+string(st), got[0].debtor, 0, obj("promise", id, "amount", money.Decimal(got[0].amount),
		"currency", string(got[0].amount.Currency), "on", on.String()))
}

func validPromiseEnd(st ledger.PromiseStatus) bool {
	return st == ledger.PromiseKept || st == ledger.PromiseBroken || st == ledger.PromiseCancelled
}

// SetPromiseStatus closes a pending promise: kept, broken or cancelled.
func (db *DB) SetPromiseStatus(ctx context.Context, id int64, st ledger.PromiseStatus, on civil.Date) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if !validPromiseEnd(st) {
		return ledger.FieldError("status", "a promise ends kept, broken or cancelled")
	}
	if on.IsZero() {
		on = db.today()
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		changed, err := settlePromise(ctx, tx, db.emitter(ctx, tx), orgID, id, 0, st, on)
		if err != nil || changed {
			return err
		}
		var status string
		err = tx.QueryRowContext(ctx, `SELECT status FROM promises WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&status)
		if err := one(err, "promise"); err != nil {
			return err
		}
		return ledger.Errorf(ledger.EConflict, "promise %d is already %s", id, status)
	})
}

// Promises lists a debtor's promises, or all the organization's pending
// ones for 0, by due date.
func (db *DB) Promises(ctx context.Context, debtorID int64) ([]ledger.Promise, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	q, a := `SELECT `+promiseCols+` FROM promises WHERE org_id = $1 AND status = 'pending' ORDER BY due_on, id`, []any{orgID}
	if debtorID != 0 {
		q, a = `SELECT `+promiseCols+` FROM promises WHERE org_id = $1 AND debtor_id = $2 ORDER BY due_on, id`, []any{orgID, debtorID}
	}
	rows, err := db.r.QueryContext(ctx, q, a...)
	return collect(rows, err, "promises", scanPromise)
}

const planCols = `id, org_id, debtor_id, instalments, status, note, paid_base_minor, currency, grace_days, created_at, closed_on`

func scanPlan(sc scanner) (p ledger.PaymentPlan, err error) {
	var inst string
	if err = sc.Scan(&p.ID, &p.OrgID, &p.DebtorID, &inst, &p.Status, &p.Note, &p.PaidBase.Minor, &p.PaidBase.Currency, &p.GraceDays,
		dbTime{&p.CreatedAt}, &p.ClosedOn); err != nil {
		return p, err
	}
	if err = json.Unmarshal([]byte(inst), &p.Instalments); err != nil {
		return p, fmt.Errorf("plan %d instalments: %w", p.ID, err)
	}
	return p, nil
}

// RecordPaymentPlan records instalments agreed with a debtor, active,
// with what it has paid so far.
func (db *DB) RecordPaymentPlan(ctx context.Context, p *ledger.PaymentPlan) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if len(p.Instalments) == 0 {
		return ledger.FieldError("instalments", "a plan has one instalment at least")
	}
	if p.GraceDays < 0 {
		return ledger.FieldError("grace_days", "the grace days cannot be negative")
	}
	cur := p.Instalments[0].Amount.Currency
	for i, in := range p.Instalments {
		field := fmt.Sprintf("instalments[%d]", i)
		switch {
		case in.Amount.Minor <= 0:
			return ledger.FieldError(field+".amount", "an instalment is of a positive amount")
		case in.Amount.Currency != cur:
			return ledger.FieldError(field+".amount", "the instalments are in one currency")
		case in.DueOn.IsZero():
			return ledger.FieldError(field+".due_on", "an instalment has a date")
		case i > 0 && !in.DueOn.After(p.Instalments[i-1].DueOn):
			return ledger.FieldError(field+".due_on", "the instalments' dates follow one another")
		}
	}
	p.OrgID, p.Status, p.CreatedAt, p.ClosedOn, p.Note = orgID, ledger.PlanActive, db.now(), civil.Date{}, strings.TrimSpace(p.Note)
	return db.tx(ctx, func(tx *sql.Tx) error {
		paid, err := debtorPaid(ctx, tx, orgID, p.DebtorID)
		if err != nil {
			return err
		}
		if cur == "" {
			cur = paid.Currency
			for i := range p.Instalments {
				p.Instalments[i].Amount.Currency = cur
			}
		}
		p.PaidBase = money.New(paid.Minor, cur)
		inst, err := jsonText(p.Instalments)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO payment_plans (org_id, debtor_id, instalments, status, note, paid_base_minor, currency, grace_days, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			orgID, p.DebtorID, inst, p.Status, p.Note, p.PaidBase.Minor, cur, p.GraceDays, p.CreatedAt).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("record payment plan: %w", err)
		}
		total := p.Total()
		return db.appendEvent(ctx, tx, "plan.recorded", p.DebtorID, 0, obj("plan", p.ID, "instalments", len(p.Instalments),
			"total", money.Decimal(total), "currency", string(total.Currency), "first", p.Instalments[0].DueOn.String(),
			"last", p.Instalments[len(p.Instalments)-1].DueOn.String(), "grace_days", p.GraceDays))
	})
}

// settlePlan moves an active plan (of debtorID when not 0) to st on day
// on, journaled; it reports whether it changed.
func settlePlan(ctx context.Context, tx *sql.Tx, emit emitFn, orgID, id, debtorID int64, st ledger.PlanStatus, on civil.Date) (bool, error) {
	var a args
	q := `UPDATE payment_plans SET status = ` + a.add(string(st)) + `, closed_on = ` + a.add(on) +
		` WHERE org_id = ` + a.add(orgID) + ` AND id = ` + a.add(id) + ` AND status = 'active'`
	if debtorID != 0 {
		q += ` AND debtor_id = ` + a.add(debtorID)
	}
	rows, err := tx.QueryContext(ctx, q+` RETURNING debtor_id`, a...)
	got, err := column[int64](rows, err, "payment plan")
	if err != nil || len(got) == 0 {
		return false, err
	}
	return true, emit("plan."+string(st), got[0], 0, obj("plan", id, "on", on.String()))
}

func validPlanEnd(st ledger.PlanStatus) bool {
	return st == ledger.PlanCompleted || st == ledger.PlanBroken || st == ledger.PlanCancelled
}

// SetPlanStatus closes an active plan: completed, broken or cancelled.
func (db *DB) SetPlanStatus(ctx context.Context, id int64, st ledger.PlanStatus, on civil.Date) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if !validPlanEnd(st) {
		return ledger.FieldError("status", "a plan ends completed, broken or cancelled")
	}
	if on.IsZero() {
		on = db.today()
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		changed, err := settlePlan(ctx, tx, db.emitter(ctx, tx), orgID, id, 0, st, on)
		if err != nil || changed {
			return err
		}
		var status string
		err = tx.QueryRowContext(ctx, `SELECT status FROM payment_plans WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&status)
		if err := one(err, "payment plan"); err != nil {
			return err
		}
		return ledger.Errorf(ledger.EConflict, "payment plan %d is already %s", id, status)
	})
}

// PaymentPlans lists a debtor's plans, or all the organization's active
// ones for 0, oldest first.
func (db *DB) PaymentPlans(ctx context.Context, debtorID int64) ([]ledger.PaymentPlan, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	q, a := `SELECT `+planCols+` FROM payment_plans WHERE org_id = $1 AND status = 'active' ORDER BY id`, []any{orgID}
	if debtorID != 0 {
		q, a = `SELECT `+planCols+` FROM payment_plans WHERE org_id = $1 AND debtor_id = $2 ORDER BY id`, []any{orgID, debtorID}
	}
	rows, err := db.r.QueryContext(ctx, q, a...)
	return collect(rows, err, "payment plans", scanPlan)
}

// SetContactPause sets or lifts a debtor's contact hold, journaled.
func (db *DB) SetContactPause(ctx context.Context, debtorID int64, p ledger.ContactPause) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	p.Reason = strings.TrimSpace(p.Reason)
	return db.tx(ctx, func(tx *sql.Tx) error {
		n, err := rowsAffected(tx.ExecContext(ctx, `UPDATE debtors SET do_not_contact = $1, paused_until = $2, pause_reason = $3
			WHERE org_id = $4 AND id = $5`, p.DoNotContact, nullDate(p.PausedUntil), p.Reason, orgID, debtorID))
		if err != nil {
			return fmt.Errorf("set contact pause: %w", err)
		}
		if n == 0 {
			return notFound("debtor")
		}
		switch {
		case p.DoNotContact:
			return db.appendEvent(ctx, tx, "debtor.do_not_contact", debtorID, 0, obj("reason", p.Reason))
		case !p.PausedUntil.IsZero():
			return db.appendEvent(ctx, tx, "debtor.paused", debtorID, 0, obj("until", p.PausedUntil.String(), "reason", p.Reason))
		}
		return db.appendEvent(ctx, tx, "debtor.resumed", debtorID, 0, obj("reason", p.Reason))
	})
}

// ContactPause returns a debtor's contact hold.
func (db *DB) ContactPause(ctx context.Context, debtorID int64) (ledger.ContactPause, error) {
	var p ledger.ContactPause
	orgID, err := org(ctx)
	if err != nil {
		return p, err
	}
	err = db.r.QueryRowContext(ctx, `SELECT do_not_contact, paused_until, pause_reason FROM debtors WHERE org_id = $1 AND id = $2`,
		orgID, debtorID).Scan(&p.DoNotContact, &p.PausedUntil, &p.Reason)
	return p, one(err, "debtor")
}

// SetRiskScore records a debtor's risk score 0–100; -1 removes it.
func (db *DB) SetRiskScore(ctx context.Context, debtorID int64, score int) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if score < -1 || score > 100 {
		return ledger.FieldError("risk_score", "a risk score is from 0 to 100")
	}
	var v any
	if score >= 0 {
		v = score
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		n, err := rowsAffected(tx.ExecContext(ctx, `UPDATE debtors SET risk_score = $1 WHERE org_id = $2 AND id = $3`, v, orgID, debtorID))
		if err != nil {
			return fmt.Errorf("set risk score: %w", err)
		}
		if n == 0 {
			return notFound("debtor")
		}
		return nil
	})
}

// RecordBounce marks an address of a debtor as not reachable (again: the
// reason and time are updated), journaled.
func (db *DB) RecordBounce(ctx context.Context, b dunning.Bounce) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	b.Address = strings.TrimSpace(b.Address)
	switch {
	case b.Kind != "email" && b.Kind != "phone":
		return ledger.FieldError("kind", "a bounce is of an email or a phone")
	case b.Address == "":
		return ledger.FieldError("address", "a bounce names an address")
	}
	if b.At.IsZero() {
		b.At = db.now()
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if err := debtorExists(ctx, tx, orgID, b.DebtorID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO contact_bounces (org_id, debtor_id, address, kind, reason, at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (org_id, debtor_id, kind, address) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
			orgID, b.DebtorID, b.Address, b.Kind, b.Reason, b.At.UTC().Truncate(time.Microsecond))
		if err != nil {
			return fmt.Errorf("record bounce: %w", err)
		}
		return db.appendEvent(ctx, tx, "contact.bounced", b.DebtorID, 0, obj("address", b.Address, "kind", b.Kind, "reason", b.Reason))
	})
}

// Bounces lists the addresses of a debtor that failed, oldest first.
func (db *DB) Bounces(ctx context.Context, debtorID int64) ([]dunning.Bounce, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT debtor_id, address, kind, reason, at FROM contact_bounces
		WHERE org_id = $1 AND debtor_id = $2 ORDER BY at, id`, orgID, debtorID)
	return collect(rows, err, "bounces", func(sc scanner) (b dunning.Bounce, err error) {
		err = sc.Scan(&b.DebtorID, &b.Address, &b.Kind, &b.Reason, dbTime{&b.At})
		return b, err
	})
}

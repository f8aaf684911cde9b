package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// WritePlan writes a day's plan in one transaction, set-based: the cases
// to open in multi-row INSERTs, the actions in multi-row INSERTs that
// leave an existing (case, step) alone, their invoices and the journal's
// events copied in bulk (COPY on PostgreSQL), the debtors' last action
// set once per event type. A plan of 200,000 actions takes a few hundred
// statements, not a million.

// planChunk is how many rows one multi-row INSERT carries.
const planChunk = 500

// planActionCols are the columns WritePlan inserts, in argument order.
var planActionCols = []string{"org_id", "case_id", "debtor_id", "step_key", "channel", "scheduled_for", "status", "created_at",
	"updated_at", "scenario_key", "template", "stage", "amount_due_minor", "currency", "approval", "attach_letter", "registered"}

// eventCopyCols are the columns of an event copied in bulk (the id comes
// from the table).
var eventCopyCols = []string{"org_id", "seq", "at", "actor_id", "actor", "type", "debtor_id", "invoice_id", "payload", "prev_hash", "hash"}

// eventBatch seals events onto the organization's chain in memory and
// writes them at the end in bulk, with the journal head and the debtors'
// last action.
type eventBatch struct {
	db     *DB
	ctx    context.Context
	tx     *sql.Tx
	orgID  int64
	actor  store.Actor
	at     time.Time
	loaded bool
	seq    int64
	hash   []byte
	rows   [][]any
	last   map[int64]string // debtor → type of its last event
}

func newEventBatch(ctx context.Context, db *DB, tx *sql.Tx, orgID int64) *eventBatch {
	return &eventBatch{db: db, ctx: ctx, tx: tx, orgID: orgID, actor: store.ActorFrom(ctx), at: journal.Truncate(db.now()),
		last: map[int64]string{}}
}

// add seals an event; the first one reads (and locks) the journal head.
func (b *eventBatch) add(typ string, debtorID, invoiceID int64, payload []byte) error {
	if !b.loaded {
		err := b.tx.QueryRowContext(b.ctx, `SELECT seq, hash FROM journal_heads WHERE org_id = $1 `+b.db.d.ForUpdate(), b.orgID).Scan(&b.seq, &b.hash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read journal head: %w", err)
		}
		b.loaded = true
	}
	e := journal.Event{OrgID: b.orgID, At: b.at, ActorID: b.actor.UserID, Actor: b.actor.Name, Type: typ, DebtorID: debtorID,
		InvoiceID: invoiceID, Payload: payload}
	journal.Seal(&e, b.seq, b.hash)
	b.seq, b.hash = e.Seq, e.Hash
	b.rows = append(b.rows, []any{e.OrgID, e.Seq, e.At, e.ActorID, e.Actor, e.Type, e.DebtorID, e.InvoiceID, []byte(e.Payload), e.PrevHash, e.Hash})
	if debtorID != 0 {
		b.last[debtorID] = typ
	}
	return nil
}

// flush writes the events, the head and the debtors' last action.
func (b *eventBatch) flush(conn *sql.Conn) error {
	if len(b.rows) == 0 {
		return nil
	}
	if err := b.db.d.CopyRows(b.ctx, conn, b.tx, "events", eventCopyCols, b.rows); err != nil {
		return fmt.Errorf("write events: %w", err)
	}
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO journal_heads (org_id, seq, hash) VALUES ($1, $2, $3)
		ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, b.orgID, b.seq, b.hash)
	if err != nil {
		return fmt.Errorf("move journal head: %w", err)
	}
	byType := map[string][]int64{}
	for d, typ := range b.last {
		byType[typ] = append(byType[typ], d)
	}
	for typ, ids := range byType {
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		_, err := b.tx.ExecContext(b.ctx, `UPDATE debtors SET last_action_at = $1, last_event = $2 WHERE org_id = $3 AND `+b.db.inIDs("id", "$4"),
			b.at, typ, b.orgID, b.db.idList(ids))
		if err != nil {
			return fmt.Errorf("debtors' last action: %w", err)
		}
	}
	b.rows, b.last = nil, map[int64]string{}
	return nil
}

// planCase is the case a write works on.
type planCase struct {
	id     int64
	debtor int64
	stage  ledger.Stage
	open   bool
}

type stepKey struct {
	caseID int64
	step   string
}

// plannedStatus is the status an action is written with: planned, or
// awaiting approval when its step asks for one, unless it says.
func plannedStatus(a *ledger.Action) ledger.ActionStatus {
	switch {
	case a.Status != "":
		return a.Status
	case a.Approval:
		return ledger.ActionAwaitingApproval
	}
	return ledger.ActionPlanned
}

// validatePlan checks the plan; it changes nothing of it.
func validatePlan(plan []store.PlanWrite) error {
	for i := range plan {
		w := &plan[i]
		field := fmt.Sprintf("plan[%d]", i)
		if w.DebtorID == 0 && w.CaseID == 0 {
			return ledger.FieldError(field+".debtor_id", "a plan write names a debtor or a case")
		}
		if w.Stage != "" && stageRank(w.Stage) == 0 {
			return ledger.FieldError(field+".stage", "unknown stage %q", w.Stage)
		}
		for id, st := range w.Promises {
			if !validPromiseEnd(st) {
				return ledger.FieldError(field+".promises", "promise %d cannot become %q", id, st)
			}
		}
		for id, st := range w.Plans {
			if !validPlanEnd(st) {
				return ledger.FieldError(field+".plans", "plan %d cannot become %q", id, st)
			}
		}
		for j := range w.Actions {
			a := &w.Actions[j]
			af := fmt.Sprintf("%s.actions[%d]", field, j)
			st := plannedStatus(a)
			switch {
			case strings.TrimSpace(a.StepKey) == "":
				return ledger.FieldError(af+".step", "an action needs a step")
			case !a.Channel.Valid():
				return ledger.FieldError(af+".channel", "unknown channel %q", a.Channel)
			case a.ScheduledFor.IsZero():
				return ledger.FieldError(af+".scheduled_for", "an action needs a time")
			case len(a.InvoiceIDs) == 0:
				return ledger.FieldError(af+".invoices", "an action is about one invoice at least")
			case st != ledger.ActionPlanned && st != ledger.ActionAwaitingApproval:
				return ledger.FieldError(af+".status", "a planned action is planned or awaiting approval")
			case a.Stage != "" && stageRank(a.Stage) == 0:
				return ledger.FieldError(af+".stage", "unknown stage %q", a.Stage)
			}
		}
	}
	return nil
}

// WritePlan writes a day's plan in one transaction and returns its
// actions in input order, with their ids (0 for a (case, step) that
// exists already and is left as it is).
func (db *DB) WritePlan(ctx context.Context, plan []store.PlanWrite) ([]ledger.Action, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	if err := validatePlan(plan); err != nil {
		return nil, err
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("write plan: connection: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("write plan: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	p := &planWriter{db: db, ctx: ctx, conn: conn, tx: tx, orgID: orgID, now: db.now(), today: db.today(),
		ev: newEventBatch(ctx, db, tx, orgID)}
	out, err := p.write(plan)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("write plan: commit: %w", err)
	}
	return out, nil
}

type planWriter struct {
	db    *DB
	ctx   context.Context
	conn  *sql.Conn
	tx    *sql.Tx
	orgID int64
	now   time.Time
	today civil.Date
	ev    *eventBatch
	cases []planCase // by write
	fresh []bool     // by write: its case was opened by this plan
}

func (p *planWriter) write(plan []store.PlanWrite) ([]ledger.Action, error) {
	if err := p.openCases(plan); err != nil {
		return nil, err
	}
	if err := p.moveCases(plan); err != nil {
		return nil, err
	}
	if err := p.settle(plan); err != nil {
		return nil, err
	}
	out, err := p.actions(plan)
	if err != nil {
		return nil, err
	}
	if err := p.ev.flush(p.conn); err != nil {
		return nil, err
	}
	return out, nil
}

// openCases finds each write's case, opening those asked for in
// multi-row INSERTs; a debtor that has an open case meanwhile keeps it.
func (p *planWriter) openCases(plan []store.PlanWrite) error {
	p.cases = make([]planCase, len(plan))
	p.fresh = make([]bool, len(plan))
	var caseIDs, newDebtors []int64
	for i := range plan {
		if plan[i].CaseID != 0 {
			caseIDs = append(caseIDs, plan[i].CaseID)
		} else {
			newDebtors = append(newDebtors, plan[i].DebtorID)
		}
	}
	known := map[int64]planCase{}
	if len(caseIDs) > 0 {
		rows, err := p.tx.QueryContext(p.ctx, `SELECT id, debtor_id, stage, closed_at IS NULL FROM cases WHERE org_id = $1 AND `+
			p.db.inIDs("id", "$2"), p.orgID, p.db.idList(caseIDs))
		cs, err := collect(rows, err, "cases", func(sc scanner) (c planCase, err error) {
			err = sc.Scan(&c.id, &c.debtor, &c.stage, &c.open)
			return c, err
		})
		if err != nil {
			return err
		}
		for _, c := range cs {
			known[c.id] = c
		}
	}
	for i := range plan {
		w := &plan[i]
		if w.CaseID == 0 {
			continue
		}
		c, ok := known[w.CaseID]
		if !ok {
			return notFound("case")
		}
		if w.DebtorID != 0 && w.DebtorID != c.debtor {
			return ledger.FieldError(fmt.Sprintf("plan[%d].case_id", i), "case %d is not debtor %d's", w.CaseID, w.DebtorID)
		}
		p.cases[i] = c
	}
	if len(newDebtors) == 0 {
		return nil
	}
	rows, err := p.tx.QueryContext(p.ctx, `SELECT id, creditor_id FROM debtors WHERE org_id = $1 AND `+p.db.inIDs("id", "$2"),
		p.orgID, p.db.idList(newDebtors))
	type debtor struct{ id, creditor int64 }
	ds, err := collect(rows, err, "debtors", func(sc scanner) (d debtor, err error) {
		err = sc.Scan(&d.id, &d.creditor)
		return d, err
	})
	if err != nil {
		return err
	}
	creditor := make(map[int64]int64, len(ds))
	for _, d := range ds {
		creditor[d.id] = d.creditor
	}
	// Insert, chunk by chunk, one case per debtor.
	opened := map[int64]planCase{}
	var pending []int // write indexes whose case is to open
	seen := map[int64]bool{}
	for i := range plan {
		w := &plan[i]
		if w.CaseID != 0 {
			continue
		}
		if _, ok := creditor[w.DebtorID]; !ok {
			return notFound("debtor")
		}
		if !seen[w.DebtorID] {
			seen[w.DebtorID] = true
			pending = append(pending, i)
		}
	}
	const cols = 5
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	vals := make([]any, 0, planChunk*cols)
	for len(pending) > 0 {
		n := min(planChunk, len(pending))
		chunk := pending[:n]
		pending = pending[n:]
		vals = vals[:0]
		for _, i := range chunk {
			w := &plan[i]
			vals = append(vals, p.orgID, creditor[w.DebtorID], w.DebtorID, string(openStage(w.Stage)), p.now)
		}
		q := `INSERT INTO cases (org_id, creditor_id, debtor_id, stage, opened_at) VALUES ` + p.db.valuesList(n, cols) + `
			ON CONFLICT (org_id, debtor_id) WHERE closed_at IS NULL DO NOTHING RETURNING id, debtor_id`
		var rows *sql.Rows
		var err error
		if n == planChunk {
			if stmt == nil {
				if stmt, err = p.tx.PrepareContext(p.ctx, q); err != nil {
					return fmt.Errorf("open cases: %w", err)
				}
			}
			rows, err = stmt.QueryContext(p.ctx, vals...)
		} else {
			rows, err = p.tx.QueryContext(p.ctx, q, vals...)
		}
		got, err := collect(rows, err, "opened cases", func(sc scanner) (c planCase, err error) {
			err = sc.Scan(&c.id, &c.debtor)
			return c, err
		})
		if err != nil {
			return fmt.Errorf("open cases: %w", err)
		}
		for _, c := range got {
			opened[c.debtor] = c
		}
		for _, i := range chunk {
			w := &plan[i]
			c, ok := opened[w.DebtorID]
			if !ok {
				continue
			}
			st := openStage(w.Stage)
			c.stage, c.open = st, true
			opened[w.DebtorID] = c
			if err := p.ev.add("case.opened", w.DebtorID, 0, obj("case", c.id, "stage", string(st))); err != nil {
				return err
			}
		}
	}
	// The debtors that had an open case already keep it.
	var others []int64
	for d := range seen {
		if _, ok := opened[d]; !ok {
			others = append(others, d)
		}
	}
	existing := map[int64]planCase{}
	if len(others) > 0 {
		rows, err := p.tx.QueryContext(p.ctx, `SELECT id, debtor_id, stage FROM cases WHERE org_id = $1 AND closed_at IS NULL AND `+
			p.db.inIDs("debtor_id", "$2"), p.orgID, p.db.idList(others))
		cs, err := collect(rows, err, "open cases", func(sc scanner) (c planCase, err error) {
			err = sc.Scan(&c.id, &c.debtor, &c.stage)
			c.open = true
			return c, err
		})
		if err != nil {
			return err
		}
		for _, c := range cs {
			existing[c.debtor] = c
		}
	}
	for i := range plan {
		w := &plan[i]
		if w.CaseID != 0 {
			continue
		}
		if c, ok := opened[w.DebtorID]; ok {
			p.cases[i], p.fresh[i] = c, true
		} else {
			p.cases[i] = existing[w.DebtorID]
			p.cases[i].debtor = w.DebtorID
		}
	}
	return nil
}

// openStage is the stage a case opens at.
func openStage(s ledger.Stage) ledger.Stage {
	if s == "" {
		return ledger.StageAmicable
	}
	return s
}

// moveCases moves the open cases whose write asks for another stage.
func (p *planWriter) moveCases(plan []store.PlanWrite) error {
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	current := map[int64]ledger.Stage{}
	for i := range plan {
		w, c := &plan[i], p.cases[i]
		if st, ok := current[c.id]; ok {
			c.stage = st
		}
		if w.Stage == "" || p.fresh[i] || !c.open || c.id == 0 || w.Stage == c.stage {
			continue
		}
		if stmt == nil {
			var err error
			if stmt, err = p.tx.PrepareContext(p.ctx, `UPDATE cases SET stage = $1 WHERE org_id = $2 AND id = $3 AND closed_at IS NULL`); err != nil {
				return fmt.Errorf("move case: %w", err)
			}
		}
		if _, err := stmt.ExecContext(p.ctx, string(w.Stage), p.orgID, c.id); err != nil {
			return fmt.Errorf("move case %d: %w", c.id, err)
		}
		current[c.id] = w.Stage
		p.cases[i].stage = w.Stage
		if err := p.ev.add("case.stage", c.debtor, 0, obj("case", c.id, "stage", string(w.Stage), "from", string(c.stage))); err != nil {
			return err
		}
	}
	return nil
}

// settle closes the promises and plans the planner found kept or broken.
func (p *planWriter) settle(plan []store.PlanWrite) error {
	for i := range plan {
		w := &plan[i]
		on := w.On
		if on.IsZero() {
			on = p.today
		}
		for _, id := range sortedKeys(w.Promises) {
			if _, err := settlePromise(p.ctx, p.tx, p.ev.add, p.orgID, id, p.cases[i].debtor, w.Promises[id], on); err != nil {
				return err
			}
		}
		for _, id := range sortedKeys(w.Plans) {
			if _, err := settlePlan(p.ctx, p.tx, p.ev.add, p.orgID, id, p.cases[i].debtor, w.Plans[id], on); err != nil {
				return err
			}
		}
	}
	return nil
}

func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// actions inserts the plan's actions; a (case, step) that exists is
// revived when it was passed over for a reason that no longer holds,
// else left alone (ID 0).
func (p *planWriter) actions(plan []store.PlanWrite) ([]ledger.Action, error) {
	var total int
	for i := range plan {
		total += len(plan[i].Actions)
	}
	out := make([]ledger.Action, 0, total)
	for i := range plan {
		w, c := &plan[i], p.cases[i]
		for _, a := range w.Actions {
			a.ID, a.OrgID, a.CaseID, a.DebtorID, a.Status = 0, p.orgID, c.id, c.debtor, plannedStatus(&a)
			a.CreatedAt, a.UpdatedAt = p.now, p.now
			a.ScheduledFor = a.ScheduledFor.UTC().Truncate(time.Microsecond)
			a.InvoiceIDs = uniqueIDs(a.InvoiceIDs)
			out = append(out, a)
		}
	}
	// Only the actions of open cases are written; a case closed since
	// the facts were read (paid meanwhile) gets none.
	var todo []*ledger.Action
	k := 0
	for i := range plan {
		for range plan[i].Actions {
			if p.cases[i].open && p.cases[i].id != 0 {
				todo = append(todo, &out[k])
			}
			k++
		}
	}
	var conflicts []*ledger.Action
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	cols := len(planActionCols)
	vals := make([]any, 0, planChunk*cols)
	for len(todo) > 0 {
		n := min(planChunk, len(todo))
		chunk := todo[:n]
		todo = todo[n:]
		vals = vals[:0]
		for _, a := range chunk {
			vals = append(vals, p.orgID, a.CaseID, a.DebtorID, a.StepKey, string(a.Channel), a.ScheduledFor, string(a.Status), p.now, p.now,
				a.ScenarioKey, a.Template, string(a.Stage), a.AmountDue.Minor, string(a.AmountDue.Currency), a.Approval, a.AttachLetter,
				a.Registered)
		}
		q := `INSERT INTO actions (` + strings.Join(planActionCols, ", ") + `) VALUES ` + p.db.valuesList(n, cols) + `
			ON CONFLICT (org_id, case_id, step_key) DO NOTHING RETURNING id, case_id, step_key`
		var rows *sql.Rows
		var err error
		if n == planChunk {
			if stmt == nil {
				if stmt, err = p.tx.PrepareContext(p.ctx, q); err != nil {
					return nil, fmt.Errorf("plan actions: %w", err)
				}
			}
			rows, err = stmt.QueryContext(p.ctx, vals...)
		} else {
			rows, err = p.tx.QueryContext(p.ctx, q, vals...)
		}
		type inserted struct {
			id  int64
			key stepKey
		}
		got, err := collect(rows, err, "planned actions", func(sc scanner) (r inserted, err error) {
			err = sc.Scan(&r.id, &r.key.caseID, &r.key.step)
			return r, err
		})
		if err != nil {
			return nil, fmt.Errorf("plan actions: %w", err)
		}
		ids := make(map[stepKey]int64, len(got))
		for _, r := range got {
			ids[r.key] = r.id
		}
		for _, a := range chunk {
			k := stepKey{a.CaseID, a.StepKey}
			if id, ok := ids[k]; ok {
				a.ID = id
				delete(ids, k) // a second action of the same step is a duplicate
			} else {
				conflicts = append(conflicts, a)
			}
		}
	}
	revived, err := p.revive(conflicts)
	if err != nil {
		return nil, err
	}
	if err := p.actionInvoices(out, revived); err != nil {
		return nil, err
	}
	for i := range out {
		a := &out[i]
		if a.ID == 0 {
			continue
		}
		kv := []any{"action", a.ID, "step", a.StepKey, "channel", string(a.Channel),
			"scheduled_for", a.ScheduledFor.Format(time.RFC3339), "status", string(a.Status)}
		if revived[a.ID] {
			kv = append(kv, "revived", true)
		}
		if err := p.ev.add("action.planned", a.DebtorID, 0, obj(kv...)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// revive brings back the actions of a (case, step) that exists but was
// cancelled or skipped for a reason that no longer holds (not rejected
// by a person, not possibly sent, not paid); the others are left alone
// with ID 0. It returns the ids revived.
func (p *planWriter) revive(conflicts []*ledger.Action) (map[int64]bool, error) {
	revived := map[int64]bool{}
	if len(conflicts) == 0 {
		return revived, nil
	}
	var caseIDs []int64
	seen := map[int64]bool{}
	for _, a := range conflicts {
		if !seen[a.CaseID] {
			seen[a.CaseID] = true
			caseIDs = append(caseIDs, a.CaseID)
		}
	}
	type existing struct {
		id     int64
		status ledger.ActionStatus
		reason string
	}
	rows, err := p.tx.QueryContext(p.ctx, `SELECT id, case_id, step_key, status, skip_reason FROM actions WHERE org_id = $1 AND `+
		p.db.inIDs("case_id", "$2"), p.orgID, p.db.idList(caseIDs))
	if err != nil {
		return nil, fmt.Errorf("existing actions: %w", err)
	}
	found := map[stepKey]existing{}
	for rows.Next() {
		var e existing
		var k stepKey
		if err := rows.Scan(&e.id, &k.caseID, &k.step, &e.status, &e.reason); err != nil {
			rows.Close()
			return nil, fmt.Errorf("existing actions: %w", err)
		}
		found[k] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("existing actions: %w", err)
	}
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	for _, a := range conflicts {
		e, ok := found[stepKey{a.CaseID, a.StepKey}]
		if !ok || revived[e.id] || !revivable(e.status, e.reason) {
			continue
		}
		if stmt == nil {
			stmt, err = p.tx.PrepareContext(p.ctx, `UPDATE actions SET status = $1, scheduled_for = $2, amount_due_minor = $3, currency = $4,
					scenario_key = $5, template = $6, stage = $7, approval = $8, attach_letter = $9, registered = $10, channel = $11,
					skip_reason = '', status_before = '', error = '', lease_owner = '', lease_until = NULL, updated_at = $12
				WHERE org_id = $13 AND id = $14 AND sent_at IS NULL AND ((status IN ('cancelled', 'skipped')
					AND skip_reason NOT IN ('rejected', 'unconfirmed', 'paid')) OR (status = 'failed' AND skip_reason = 'bounced'))`)
			if err != nil {
				return nil, fmt.Errorf("revive action: %w", err)
			}
		}
		n, err := rowsAffected(stmt.ExecContext(p.ctx, string(a.Status), a.ScheduledFor, a.AmountDue.Minor, string(a.AmountDue.Currency),
			a.ScenarioKey, a.Template, string(a.Stage), a.Approval, a.AttachLetter, a.Registered, string(a.Channel), p.now, p.orgID, e.id))
		if err != nil {
			return nil, fmt.Errorf("revive action %d: %w", e.id, err)
		}
		if n == 0 {
			continue
		}
		a.ID = e.id
		revived[e.id] = true
	}
	if len(revived) > 0 {
		ids := make([]int64, 0, len(revived))
		for id := range revived {
			ids = append(ids, id)
		}
		_, err := p.tx.ExecContext(p.ctx, `DELETE FROM action_invoices WHERE org_id = $1 AND `+p.db.inIDs("action_id", "$2"), p.orgID, p.db.idList(ids))
		if err != nil {
			return nil, fmt.Errorf("revive actions' invoices: %w", err)
		}
	}
	return revived, nil
}

// revivable says whether an action passed over comes back when planned
// again.
func revivable(st ledger.ActionStatus, reason string) bool {
	if st == ledger.ActionFailed {
		// A bounce: the step never reached the debtor; planned again, it
		// goes through another channel.
		return reason == "bounced"
	}
	if st != ledger.ActionCancelled && st != ledger.ActionSkipped {
		return false
	}
	switch reason {
	case "rejected", ledger.SkipUnconfirmed, ledger.SkipPaid:
		return false
	}
	return true
}

// actionInvoices links the actions written to their invoices, in bulk.
func (p *planWriter) actionInvoices(out []ledger.Action, revived map[int64]bool) error {
	var rows [][]any
	for i := range out {
		a := &out[i]
		if a.ID == 0 {
			continue
		}
		for _, inv := range a.InvoiceIDs {
			rows = append(rows, []any{p.orgID, a.ID, inv})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := p.db.d.CopyRows(p.ctx, p.conn, p.tx, "action_invoices", []string{"org_id", "action_id", "invoice_id"}, rows); err != nil {
		return fmt.Errorf("actions' invoices: %w", err)
	}
	return nil
}

// uniqueIDs returns ids without repeats, in their order.
func uniqueIDs(ids []int64) []int64 {
	for i := 1; i < len(ids); i++ {
		for j := 0; j < i; j++ {
			if ids[i] == ids[j] {
				out := make([]int64, 0, len(ids))
				seen := map[int64]bool{}
				for _, id := range ids {
					if !seen[id] {
						seen[id] = true
						out = append(out, id)
					}
				}
				return out
			}
		}
	}
	return ids
}

package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// The planner's read. PlanningFacts runs a fixed set of queries over the
// whole organization, each ordered by debtor, and merges them in Go, debtor
// by debtor, the way a merge join does: the debtors (with their open case,
// contact hold, risk score and insolvency), their contacts, tags, open
// documents, the actions of the open cases, the contacts of the last 7
// days, the last replies, what they paid, their pending promises, active
// plans and bounced addresses. The streams are read in one transaction on
// one connection, so they see one snapshot of the database: on SQLite as
// several statements stepped in turn, on PostgreSQL as server-side cursors
// fetched in batches (a connection carries one result at a time).

// factsBatch is how many rows a stream reads at a time (a PostgreSQL
// cursor's FETCH).
const factsBatch = 2000

// factSource is a stream as the merge sees it.
type factSource interface {
	open(ctx context.Context, db *DB, tx *sql.Tx) error
	advance() error
	valid() bool
	debtor() int64
	give(f *dunning.Facts)
	close()
}

// factStream is one of the streams merged: its rows are read a batch at
// a time into buf (scan returns each row's debtor), then handed to the
// debtors' facts by add. A batch is read whole before the next query, so
// that a PostgreSQL connection, which carries one result at a time,
// serves every stream.
type factStream[T any] struct {
	name  string
	query string
	args  []any
	scan  func(sc scanner, row *T) (int64, error)
	add   func(f *dunning.Facts, row *T)

	ctx     context.Context
	tx      *sql.Tx
	rows    *sql.Rows // the statement's rows (SQLite), stepped batch by batch
	fetch   string    // the FETCH of the cursor (PostgreSQL)
	whole   bool      // one debtor's: read at once, without a cursor
	buf     []T
	ids     []int64
	pos     int
	started bool
	done    bool
}

func (s *factStream[T]) open(ctx context.Context, db *DB, tx *sql.Tx) error {
	s.ctx, s.tx = ctx, tx
	if !db.pg() || s.whole {
		rows, err := tx.QueryContext(ctx, s.query, s.args...)
		if err != nil {
			return fmt.Errorf("planning facts: %s: %w", s.name, err)
		}
		s.rows = rows
		if !db.pg() {
			return nil
		}
		// A few rows: read them now, before the next stream's query.
		defer func() { s.rows.Close(); s.rows = nil }()
		return s.fill()
	}
	name := "facts_" + s.name
	if _, err := tx.ExecContext(ctx, `DECLARE `+name+` NO SCROLL CURSOR FOR `+s.query, s.args...); err != nil {
		return fmt.Errorf("planning facts: %s: %w", s.name, err)
	}
	s.fetch = fmt.Sprintf(`FETCH %d FROM %s`, factsBatch, name)
	return nil
}

// fill reads the next batch (everything in whole mode).
func (s *factStream[T]) fill() error {
	s.buf, s.ids, s.pos = s.buf[:0], s.ids[:0], 0
	if s.done {
		return nil
	}
	rows := s.rows
	if rows == nil {
		var err error
		if rows, err = s.tx.QueryContext(s.ctx, s.fetch); err != nil {
			return fmt.Errorf("planning facts: %s: %w", s.name, err)
		}
		defer rows.Close()
	}
	var zero T
	for s.whole || len(s.buf) < factsBatch {
		if !rows.Next() {
			s.done = true
			break
		}
		s.buf = append(s.buf, zero)
		id, err := s.scan(rows, &s.buf[len(s.buf)-1])
		if err != nil {
			return fmt.Errorf("planning facts: scan %s: %w", s.name, err)
		}
		s.ids = append(s.ids, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("planning facts: %s: %w", s.name, err)
	}
	return nil
}

// advance moves to the next row, reading the next batch when needed.
func (s *factStream[T]) advance() error {
	if s.started {
		s.pos++
	}
	s.started = true
	if s.pos < len(s.ids) {
		return nil
	}
	return s.fill()
}

func (s *factStream[T]) valid() bool   { return s.pos < len(s.ids) }
func (s *factStream[T]) debtor() int64 { return s.ids[s.pos] }

func (s *factStream[T]) give(f *dunning.Facts) { s.add(f, &s.buf[s.pos]) }

func (s *factStream[T]) close() {
	if s.rows != nil {
		s.rows.Close()
	}
}

// feed gives f the rows of debtor id, passing over those of the debtors
// before it that were not selected.
func feed(s factSource, id int64, f *dunning.Facts) error {
	for s.valid() && s.debtor() < id {
		if err := s.advance(); err != nil {
			return err
		}
	}
	for s.valid() && s.debtor() == id {
		s.give(f)
		if err := s.advance(); err != nil {
			return err
		}
	}
	return nil
}

// factsQuery is a stream's SQL with its arguments: $1 is the
// organization; the debtor filter, when asked, comes last.
type factsQuery struct {
	a      args
	debtor string // " AND <col> = $N", or ""
}

func newFactsQuery(orgID int64, q store.FactsQuery, extra ...any) *factsQuery {
	fq := &factsQuery{}
	fq.a.add(orgID)
	for _, v := range extra {
		fq.a.add(v)
	}
	if q.DebtorID != 0 {
		fq.debtor = fq.a.add(q.DebtorID)
	}
	return fq
}

// only is the debtor filter on col.
func (fq *factsQuery) only(col string) string {
	if fq.debtor == "" {
		return ""
	}
	return ` AND ` + col + ` = ` + fq.debtor
}

// PlanningFacts calls fn for each debtor with an open case or an open
// invoice due on or before q.DueBy, in debtor id order, with what the
// planner needs; a fixed set of queries, none per debtor.
func (db *DB) PlanningFacts(ctx context.Context, q store.FactsQuery, fn func(*dunning.Facts) error) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if q.Now.IsZero() {
		q.Now = db.now()
	}
	now := q.Now.UTC()
	today := civil.Today(now, civil.Paris)
	if q.DueBy.IsZero() {
		q.DueBy = today
	}

	// The debtors, the driving stream: its rows are the facts.
	var (
		risk                         sql.NullInt64
		caseID, caseCreditor, caseOw sql.NullInt64
		caseStage                    sql.NullString
		caseOpened                   time.Time
	)
	dq := newFactsQuery(orgID, q, q.DueBy)
	driver := &factStream[*dunning.Facts]{name: "debtors", query: `SELECT ` + debtorCols + `, d.risk_score, d.do_not_contact, d.paused_until,
			d.pause_reason, EXISTS (SELECT 1 FROM insolvencies s WHERE s.org_id = d.org_id AND s.debtor_id = d.id),
			c.id, c.creditor_id, c.stage, c.owner_id, c.opened_at
		FROM debtors d
		LEFT JOIN cases c ON c.org_id = d.org_id AND c.debtor_id = d.id AND c.closed_at IS NULL
		WHERE d.org_id = $1` + dq.only("d.id") + ` AND (c.id IS NOT NULL OR EXISTS (SELECT 1 FROM invoices i
			WHERE i.org_id = d.org_id AND i.debtor_id = d.id AND i.amount_minor > i.allocated_minor AND i.kind = 'invoice' AND i.due_date <= $2))
		ORDER BY d.id`, args: dq.a,
		scan: func(sc scanner, row **dunning.Facts) (int64, error) {
			f := &dunning.Facts{}
			*row = f
			err := scanDebtor(sc, &f.Debtor, &risk, &f.Pause.DoNotContact, &f.Pause.PausedUntil, &f.Pause.Reason, &f.Insolvent,
				&caseID, &caseCreditor, &caseStage, &caseOw, dbTime{&caseOpened})
			f.RiskScore = -1
			if risk.Valid {
				f.RiskScore = int(risk.Int64)
			}
			if caseID.Valid {
				f.Case = &ledger.Case{ID: caseID.Int64, OrgID: orgID, CreditorID: caseCreditor.Int64, DebtorID: f.Debtor.ID,
					Stage: ledger.Stage(caseStage.String), OwnerID: caseOw.Int64, OpenedAt: caseOpened}
			}
			c := f.Debtor.CreditLimit.Currency
			f.Credit, f.Paid = money.Amount{Currency: c}, money.Amount{Currency: c}
			return f.Debtor.ID, err
		}}

	cq := newFactsQuery(orgID, q)
	contacts := &factStream[ledger.Contact]{name: "contacts", query: `SELECT debtor_id, id, name, role, email, phone, line1, line2,
			postal_code, city, country, preferred_channel, sms_consent, is_primary
		FROM contacts WHERE org_id = $1` + cq.only("debtor_id") + ` ORDER BY debtor_id, id`, args: cq.a,
		scan: func(sc scanner, c *ledger.Contact) (d int64, err error) {
			ad := &c.Address
			err = sc.Scan(&d, &c.ID, &c.Name, &c.Role, &c.Email, &c.Phone, &ad.Line1, &ad.Line2, &ad.PostalCode, &ad.City, &ad.Country,
				&c.PreferredChannel, &c.SMSConsent, &c.Primary)
			return d, err
		},
		add: func(f *dunning.Facts, c *ledger.Contact) { f.Debtor.Contacts = append(f.Debtor.Contacts, *c) }}

	// For one debtor, org_id is compared as an expression that no index
	// serves, so that SQLite reads the debtor's tags by the primary key
	// rather than every tag of the organization through the covering
	// debtor_tags_org_tag_debtor.
	tq, tagOrg := newFactsQuery(orgID, q), `org_id`
	if q.DebtorID != 0 {
		tagOrg = `org_id + 0`
	}
	tags := &factStream[string]{name: "tags", query: `SELECT debtor_id, tag FROM debtor_tags WHERE ` + tagOrg + ` = $1` + tq.only("debtor_id") +
		` ORDER BY debtor_id, tag`, args: tq.a,
		scan: func(sc scanner, tag *string) (d int64, err error) {
			err = sc.Scan(&d, tag)
			return d, err
		},
		add: func(f *dunning.Facts, tag *string) { f.Debtor.Tags = append(f.Debtor.Tags, *tag) }}

	// The open documents, each debtor's oldest due first, read from the
	// partial index invoices_open_due; the date of the last payment (the
	// day it was received: it interrupts the limitation period) is
	// looked up only for an invoice paid in part.
	type openDoc struct {
		inv    dunning.OpenInvoice
		credit bool
	}
	var lastCur money.Currency
	iq := newFactsQuery(orgID, q)
	invoices := &factStream[openDoc]{name: "invoices", query: `SELECT i.debtor_id, i.id, i.kind, i.number, i.issue_date, i.due_date,
			i.amount_minor, i.currency, i.allocated_minor, i.disputed,
			CASE WHEN i.allocated_minor > 0 AND i.kind = 'invoice' THEN (SELECT MAX(p.received_on) FROM allocations al
				JOIN payments p ON p.org_id = al.org_id AND p.id = al.payment_id
				WHERE al.invoice_id = i.id AND al.org_id = i.org_id AND p.method <> 'bank_fee') END
		FROM invoices i WHERE i.org_id = $1 AND i.amount_minor > i.allocated_minor` + iq.only("i.debtor_id") + `
		ORDER BY i.debtor_id, i.due_date, i.id`, args: iq.a,
		scan: func(sc scanner, row *openDoc) (d int64, err error) {
			var kind string
			var cur money.Currency
			var amount, allocated int64
			inv := &row.inv
			err = sc.Scan(&d, &inv.ID, &kind, &inv.Number, &inv.IssueDate, &inv.DueDate, &amount, &cur, &allocated, &inv.Disputed,
				&inv.LastPaidOn)
			if cur == lastCur {
				cur = lastCur // one string per currency, not one per row
			}
			lastCur = cur
			row.credit = kind == string(ledger.DocCreditNote)
			inv.Amount = money.Amount{Minor: amount, Currency: cur}
			inv.Outstanding = money.Amount{Minor: amount - allocated, Currency: cur}
			return d, err
		},
		add: func(f *dunning.Facts, row *openDoc) {
			if row.credit {
				f.Credit.Minor += row.inv.Outstanding.Minor
				return
			}
			f.Invoices = append(f.Invoices, row.inv)
		}}

	// The actions of the open cases. The open cases drive, in debtor
	// order from the partial index cases_open_debtor (CROSS JOIN keeps
	// SQLite from reading every action of the organization instead).
	sq := newFactsQuery(orgID, q)
	steps := &factStream[dunning.StepDone]{name: "steps", query: `SELECT c.debtor_id, a.id, a.step_key, a.scenario_key, a.status,
			a.skip_reason, a.channel, a.scheduled_for, a.sent_at
		FROM cases c CROSS JOIN actions a
		WHERE a.org_id = c.org_id AND a.case_id = c.id AND c.org_id = $1 AND c.closed_at IS NULL` + sq.only("c.debtor_id") + `
		ORDER BY c.debtor_id`, args: sq.a,
		scan: func(sc scanner, st *dunning.StepDone) (d int64, err error) {
			err = sc.Scan(&d, &st.ActionID, &st.StepKey, &st.ScenarioKey, &st.Status, &st.SkipReason, &st.Channel, dbTime{&st.ScheduledFor},
				dbTime{&st.SentAt})
			return d, err
		},
		add: func(f *dunning.Facts, st *dunning.StepDone) { f.Steps = append(f.Steps, *st) }}

	// The week's window is applied here too: for one debtor (dispatch's
	// re-check) the SQL keeps only the debtor, and the status moves into
	// the select list, so that the debtor's few actions are read through
	// actions_debtor. With the window or the status in the WHERE clause,
	// SQLite ranges over actions_sent, and PostgreSQL (its statistics taken
	// before the day's sends) over actions_due's sent rows: every contact
	// of the organization, for each action sent, quadratic over a day's
	// dispatch.
	from7 := now.Add(-7 * 24 * time.Hour)
	kq := newFactsQuery(orgID, q)
	k7 := `SELECT debtor_id, CASE WHEN status = 'sent' THEN sent_at END FROM actions WHERE org_id = $1` + kq.only("debtor_id") +
		` ORDER BY debtor_id, 2`
	if q.DebtorID == 0 {
		kq = newFactsQuery(orgID, q, from7, now)
		k7 = `SELECT debtor_id, sent_at FROM actions WHERE org_id = $1 AND status = 'sent' AND sent_at > $2 AND sent_at <= $3
		ORDER BY debtor_id, sent_at`
	}
	contacts7 := &factStream[time.Time]{name: "contacts7", query: k7, args: kq.a,
		scan: func(sc scanner, t *time.Time) (d int64, err error) {
			err = sc.Scan(&d, dbTime{t})
			return d, err
		},
		add: func(f *dunning.Facts, t *time.Time) {
			if t.After(from7) && !t.After(now) {
				f.Contacts7 = append(f.Contacts7, *t)
			}
		}}

	// The last replies other than payments: a promise, a dispute, a call
	// that reached the debtor.
	rq := newFactsQuery(orgID, q, now)
	callAt := `COALESCE(confirmed_at, sent_at, updated_at)`
	replies := &factStream[time.Time]{name: "replies", query: `SELECT debtor_id, MAX(at) FROM (
			SELECT debtor_id, created_at AS at FROM promises WHERE org_id = $1 AND created_at <= $2` + rq.only("debtor_id") + `
			UNION ALL
			SELECT debtor_id, created_at AS at FROM disputes WHERE org_id = $1 AND created_at <= $2` + rq.only("debtor_id") + `
			UNION ALL
			SELECT debtor_id, ` + callAt + ` AS at FROM actions WHERE org_id = $1 AND channel = 'call' AND outcome <> ''
				AND outcome NOT IN ('no_answer', 'wrong_number') AND ` + callAt + ` <= $2` + rq.only("debtor_id") + `
		) r GROUP BY debtor_id ORDER BY debtor_id`, args: rq.a,
		scan: func(sc scanner, t *time.Time) (d int64, err error) {
			err = sc.Scan(&d, dbTime{t})
			return d, err
		},
		add: func(f *dunning.Facts, t *time.Time) {
			if t.After(f.LastReply) {
				f.LastReply = *t
			}
		}}

	type paidRow struct {
		paid int64
		last civil.Date
	}
	pq := newFactsQuery(orgID, q, today)
	payments := &factStream[paidRow]{name: "payments", query: `SELECT debtor_id, SUM(amount_minor),
			MAX(CASE WHEN received_on <= $2 THEN received_on END)
		FROM payments WHERE org_id = $1 AND reversed_on IS NULL AND method <> 'bank_fee'` + pq.only("debtor_id") + `
		GROUP BY debtor_id ORDER BY debtor_id`, args: pq.a,
		scan: func(sc scanner, r *paidRow) (d int64, err error) {
			err = sc.Scan(&d, &r.paid, &r.last)
			return d, err
		},
		add: func(f *dunning.Facts, r *paidRow) {
			f.Paid.Minor = r.paid
			if !r.last.IsZero() {
				if t := r.last.Time(civil.Paris).UTC(); t.After(f.LastReply) {
					f.LastReply = t
				}
			}
		}}

	mq := newFactsQuery(orgID, q)
	promises := &factStream[ledger.Promise]{name: "promises", query: `SELECT ` + promiseCols + ` FROM promises
		WHERE org_id = $1 AND status = 'pending'` + mq.only("debtor_id") + ` ORDER BY debtor_id, due_on, id`, args: mq.a,
		scan: func(sc scanner, p *ledger.Promise) (int64, error) {
			var err error
			*p, err = scanPromise(sc)
			return p.DebtorID, err
		},
		add: func(f *dunning.Facts, p *ledger.Promise) { f.Promises = append(f.Promises, *p) }}

	lq := newFactsQuery(orgID, q)
	plans := &factStream[ledger.PaymentPlan]{name: "plans", query: `SELECT ` + planCols + ` FROM payment_plans
		WHERE org_id = $1 AND status = 'active'` + lq.only("debtor_id") + ` ORDER BY debtor_id, id`, args: lq.a,
		scan: func(sc scanner, p *ledger.PaymentPlan) (int64, error) {
			var err error
			*p, err = scanPlan(sc)
			return p.DebtorID, err
		},
		add: func(f *dunning.Facts, p *ledger.PaymentPlan) { f.Plans = append(f.Plans, *p) }}

	bq := newFactsQuery(orgID, q)
	bounces := &factStream[dunning.Bounce]{name: "bounces", query: `SELECT debtor_id, address, kind, reason, at FROM contact_bounces
		WHERE org_id = $1` + bq.only("debtor_id") + ` ORDER BY debtor_id, id`, args: bq.a,
		scan: func(sc scanner, b *dunning.Bounce) (int64, error) {
			err := sc.Scan(&b.DebtorID, &b.Address, &b.Kind, &b.Reason, dbTime{&b.At})
			return b.DebtorID, err
		},
		add: func(f *dunning.Facts, b *dunning.Bounce) { f.Bounced = append(f.Bounced, *b) }}

	others := []factSource{contacts, tags, invoices, steps, contacts7, replies, payments, promises, plans, bounces}

	// One snapshot for all the streams: REPEATABLE READ on PostgreSQL;
	// a SQLite read transaction sees one state of the file.
	var opts *sql.TxOptions
	if db.pg() {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("planning facts: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	all := append([]factSource{driver}, others...)
	if q.DebtorID != 0 {
		// One debtor: a few rows per stream, read at once.
		driver.whole = true
		contacts.whole, tags.whole, invoices.whole, steps.whole, contacts7.whole = true, true, true, true, true
		replies.whole, payments.whole, promises.whole, plans.whole, bounces.whole = true, true, true, true, true
	}
	defer func() {
		for _, s := range all {
			s.close()
		}
	}()
	for _, s := range all {
		if err := s.open(ctx, db, tx); err != nil {
			return err
		}
	}
	for _, s := range all {
		if err := s.advance(); err != nil {
			return err
		}
	}
	for driver.valid() {
		f := driver.buf[driver.pos]
		driver.buf[driver.pos] = nil
		for _, s := range others {
			if err := feed(s, f.Debtor.ID, f); err != nil {
				return err
			}
		}
		finishFacts(f)
		if err := fn(f); err != nil {
			return err
		}
		if err := driver.advance(); err != nil {
			return err
		}
	}
	return nil
}

// finishFacts puts a debtor's rows in the orders the planner reads.
func finishFacts(f *dunning.Facts) {
	cs := f.Debtor.Contacts
	for i := 1; i < len(cs); i++ {
		if cs[i].Primary && !cs[i-1].Primary {
			sort.SliceStable(cs, func(a, b int) bool { return cs[a].Primary && !cs[b].Primary })
			break
		}
	}
	if len(f.Steps) > 1 {
		sort.Slice(f.Steps, func(a, b int) bool {
			x, y := f.Steps[a], f.Steps[b]
			if !x.ScheduledFor.Equal(y.ScheduledFor) {
				return x.ScheduledFor.Before(y.ScheduledFor)
			}
			return x.ActionID < y.ActionID
		})
	}
}

package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/store"
)

// obj builds a JSON payload from key/value pairs (keys sorted by
// encoding/json, so the bytes are stable).
func obj(kv ...any) []byte {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("sqldb: payload: %v", err)) // only plain values are passed
	}
	return b
}

// appendEvent seals an event onto the organization's chain inside tx. The
// head row is locked (PostgreSQL) or the transaction is already exclusive
// (SQLite), so two writers can never fork the chain.
func (db *DB) appendEvent(ctx context.Context, tx *sql.Tx, typ string, debtorID, invoiceID int64, payload []byte) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	actor := store.ActorFrom(ctx)
	e := journal.Event{OrgID: orgID, At: db.now(), ActorID: actor.UserID, Actor: actor.Name,
		Type: typ, DebtorID: debtorID, InvoiceID: invoiceID, Payload: payload}
	if c := cacheOf(ctx, tx); c != nil && c.orgID == orgID {
		// The head stays in memory until the transaction's flush, which
		// also sets the debtors' last action.
		seq, head, err := c.head(ctx, db)
		if err != nil {
			return err
		}
		journal.Seal(&e, seq, head)
		if err := insertEvent(ctx, tx, &e); err != nil {
			return err
		}
		c.sealed(&e)
		return nil
	}
	var seq int64
	var head []byte
	err = tx.QueryRowContext(ctx, `SELECT seq, hash FROM journal_heads WHERE org_id = $1 `+db.d.ForUpdate(), orgID).Scan(&seq, &head)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read journal head: %w", err)
	}
	journal.Seal(&e, seq, head)
	if err := insertEvent(ctx, tx, &e); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO journal_heads (org_id, seq, hash) VALUES ($1, $2, $3)
		ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, orgID, e.Seq, e.Hash)
	if err != nil {
		return fmt.Errorf("move journal head: %w", err)
	}
	if debtorID != 0 {
		_, err = tx.ExecContext(ctx, `UPDATE debtors SET last_action_at = $1, last_event = $2 WHERE org_id = $3 AND id = $4`,
			e.At, e.Type, orgID, debtorID)
	}
	return err
}

func insertEvent(ctx context.Context, tx *sql.Tx, e *journal.Event) error {
	err := queryRow(ctx, tx, `INSERT INTO events (org_id, seq, at, actor_id, actor, type, debtor_id, invoice_id, payload, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		e.OrgID, e.Seq, e.At, e.ActorID, e.Actor, e.Type, e.DebtorID, e.InvoiceID, []byte(e.Payload), e.PrevHash, e.Hash).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	return nil
}

const eventCols = `id, org_id, seq, at, actor_id, actor, type, debtor_id, invoice_id, payload, prev_hash, hash`

func scanEvent(rows *sql.Rows) (journal.Event, error) {
	var e journal.Event
	var payload []byte
	err := rows.Scan(&e.ID, &e.OrgID, &e.Seq, &e.At, &e.ActorID, &e.Actor, &e.Type, &e.DebtorID, &e.InvoiceID, &payload, &e.PrevHash, &e.Hash)
	e.Payload = payload
	return e, err
}

// Events lists an organization's events, newest first, for a debtor or an
// invoice (or all).
func (db *DB) Events(ctx context.Context, q store.EventQuery) ([]journal.Event, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	where := `org_id = ` + a.add(orgID)
	if q.DebtorID != 0 {
		where += ` AND debtor_id = ` + a.add(q.DebtorID)
	}
	if q.InvoiceID != 0 {
		where += ` AND invoice_id = ` + a.add(q.InvoiceID)
	}
	if q.Before > 0 {
		where += ` AND seq < ` + a.add(q.Before)
	}
	sqlText := `SELECT ` + eventCols + ` FROM events WHERE ` + where + ` ORDER BY seq DESC LIMIT ` + a.add(limit(q.Limit, 200, 1000))
	rows, err := db.r.QueryContext(ctx, sqlText, a...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []journal.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("scan event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyJournal walks every organization's chain in sequence order and
// returns the first *journal.Break it finds.
func (db *DB) VerifyJournal(ctx context.Context) (store.VerifyReport, error) {
	var rep store.VerifyReport
	orgs, err := db.orgIDs(ctx)
	if err != nil {
		return rep, err
	}
	for _, id := range orgs {
		n, err := db.verifyOrg(ctx, id)
		rep.Events += n
		if err != nil {
			return rep, err
		}
		rep.Orgs++
	}
	return rep, nil
}

func (db *DB) orgIDs(ctx context.Context) ([]int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM organizations UNION SELECT org_id FROM journal_heads UNION SELECT DISTINCT org_id FROM events ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("list organizations: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (db *DB) verifyOrg(ctx context.Context, orgID int64) (int64, error) {
	v := journal.Verifier{OrgID: orgID}
	rows, err := db.r.QueryContext(ctx, `SELECT `+eventCols+` FROM events WHERE org_id = $1 ORDER BY seq`, orgID)
	if err != nil {
		return 0, fmt.Errorf("read journal: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return v.Count(), fmt.Errorf("scan event: %w", err)
		}
		if err := v.Next(e); err != nil {
			return v.Count(), err
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count(), err
	}
	var seq int64
	var head []byte
	err = db.r.QueryRowContext(ctx, `SELECT seq, hash FROM journal_heads WHERE org_id = $1`, orgID).Scan(&seq, &head)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return v.Count(), fmt.Errorf("read journal head: %w", err)
	}
	return v.Count(), v.Finish(seq, head)
}

package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/recouvre/recouvre/internal/journal"
)

// txCache is what one long write transaction (a statement import) reuses
// from one write to the next: its prepared statements — SQLite would
// otherwise compile each statement anew —, the organization's journal
// head, held in memory and written once at the end, and the debtors'
// creditors. A transaction that carries one must call flush before it
// commits.
type txCache struct {
	tx        *sql.Tx
	orgID     int64
	stmts     map[string]*sql.Stmt
	loaded    bool // the head was read
	seq       int64
	hash      []byte
	startSeq  int64 // the head before the transaction
	creditors map[int64]int64
}

type txCacheKey struct{}

// withTxCache returns ctx carrying a cache for tx.
func withTxCache(ctx context.Context, tx *sql.Tx, orgID int64) (context.Context, *txCache) {
	c := &txCache{tx: tx, orgID: orgID, stmts: map[string]*sql.Stmt{}, creditors: map[int64]int64{}}
	return context.WithValue(ctx, txCacheKey{}, c), c
}

// cacheOf returns the cache ctx carries for tx, nil when none.
func cacheOf(ctx context.Context, tx *sql.Tx) *txCache {
	c, _ := ctx.Value(txCacheKey{}).(*txCache)
	if c == nil || c.tx != tx {
		return nil
	}
	return c
}

// stmt returns query prepared in the transaction, once.
func (c *txCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := c.stmts[query]; ok {
		return s, nil
	}
	s, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	c.stmts[query] = s
	return s, nil
}

// exec runs a statement in tx, prepared once when ctx carries a cache.
func exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if c := cacheOf(ctx, tx); c != nil {
		s, err := c.stmt(ctx, query)
		if err != nil {
			return nil, err
		}
		return s.ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// queryRow runs a query of one row in tx, prepared once when ctx carries
// a cache.
func queryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if c := cacheOf(ctx, tx); c != nil {
		if s, err := c.stmt(ctx, query); err == nil {
			return s.QueryRowContext(ctx, args...)
		}
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// head returns the journal head, read (and locked) the first time.
func (c *txCache) head(ctx context.Context, db *DB) (int64, []byte, error) {
	if !c.loaded {
		err := c.tx.QueryRowContext(ctx, `SELECT seq, hash FROM journal_heads WHERE org_id = $1 `+db.d.ForUpdate(), c.orgID).Scan(&c.seq, &c.hash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, nil, fmt.Errorf("read journal head: %w", err)
		}
		c.loaded, c.startSeq = true, c.seq
	}
	return c.seq, c.hash, nil
}

// sealed records the event just written as the new head.
func (c *txCache) sealed(e *journal.Event) { c.seq, c.hash = e.Seq, e.Hash }

// flush writes the journal head and the last action of the debtors the
// transaction's events concern, and closes the statements.
func (c *txCache) flush(ctx context.Context) error {
	defer func() {
		for _, s := range c.stmts {
			s.Close()
		}
		c.stmts = map[string]*sql.Stmt{}
	}()
	if !c.loaded || c.seq == c.startSeq {
		return nil
	}
	_, err := c.tx.ExecContext(ctx, `INSERT INTO journal_heads (org_id, seq, hash) VALUES ($1, $2, $3)
		ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, c.orgID, c.seq, c.hash)
	if err != nil {
		return fmt.Errorf("move journal head: %w", err)
	}
	if _, err := c.tx.ExecContext(ctx, lastActionSQL, c.orgID, c.startSeq); err != nil {
		return fmt.Errorf("last actions: %w", err)
	}
	return nil
}

// Package sqldb implements store.Store over database/sql with hand-written
// SQL that runs on both SQLite and PostgreSQL ($N placeholders, ON CONFLICT,
// RETURNING, UPDATE … FROM). What differs between the two lives behind the
// small Dialect seam; packages store/sqlite and store/postgres provide it.
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

// Dialect is what the two databases do differently.
type Dialect interface {
	Name() string
	// ForUpdate is the clause that locks the journal head row read in a
	// write transaction ("FOR UPDATE" on PostgreSQL, "" on SQLite whose
	// write transactions are already exclusive).
	ForUpdate() string
	// CopyRows bulk-inserts rows into table within tx.
	CopyRows(ctx context.Context, conn *sql.Conn, tx *sql.Tx, table string, cols []string, rows [][]any) error
	// BeforeBulk serializes bulk loads, whose ids come from MAX(id) + 1:
	// two at once would take the same ones.
	BeforeBulk(ctx context.Context, tx *sql.Tx) error
	// AfterBulk runs after explicit ids were inserted (sequence resets).
	AfterBulk(ctx context.Context, tx *sql.Tx, tables []string) error
	IsUniqueViolation(err error) bool
	// InJSON is the condition "col is one of the strings of the JSON
	// array bound to placeholder": one parameter for a list of any length.
	InJSON(col, placeholder string) string
	// Analyze refreshes the planner's statistics of tables a long write
	// transaction is filling, so that its own lookups keep using the
	// right index (PostgreSQL); SQLite needs nothing.
	Analyze(ctx context.Context, tx *sql.Tx, tables ...string) error
}

// DB is the shared Store implementation. Writes go through w, reads
// through r (the same pool on PostgreSQL; a single-connection writer and a
// reader pool on SQLite).
type DB struct {
	w, r *sql.DB
	d    Dialect
	// Now is the clock; tests replace it.
	Now func() time.Time
}

var _ store.Store = (*DB)(nil)

// New wraps opened pools.
func New(w, r *sql.DB, d Dialect) *DB {
	return &DB{w: w, r: r, d: d, Now: time.Now}
}

// Writer exposes the write pool to the dialect packages' tests and
// benchmarks (bare SQL baselines).
func (db *DB) Writer() *sql.DB { return db.w }

// Close closes both pools.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Dialect names the database.
func (db *DB) Dialect() string { return db.d.Name() }

// Ping checks both pools answer.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", err)
	}
	return db.r.PingContext(ctx)
}

func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// tx runs fn in a write transaction.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// org returns the organization ctx is scoped to, or an error: no scope,
// no query.
func org(ctx context.Context) (int64, error) {
	id, ok := store.OrgFrom(ctx)
	if !ok {
		return 0, errors.New("store: no organization in context")
	}
	return id, nil
}

func notFound(what string) error {
	return ledger.Errorf(ledger.ENotFound, "%s not found", what)
}

// one maps sql.ErrNoRows to a not-found domain error.
func one(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	if err != nil {
		return fmt.Errorf("get %s: %w", what, err)
	}
	return nil
}

func (db *DB) conflict(err error, format string, args ...any) error {
	if db.d.IsUniqueViolation(err) {
		return ledger.Errorf(ledger.EConflict, format, args...)
	}
	return err
}

func limit(n, def, max int) int {
	switch {
	case n <= 0:
		return def
	case n > max:
		return max
	}
	return n
}

// likePattern escapes s for a LIKE … ESCAPE '\' "contains" match.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// args builds positional arguments and their $N placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// scanner is a row to scan.
type scanner interface{ Scan(...any) error }

// collect scans every row of a query with scan, and closes the rows; err
// is the query's, what names the rows in errors.
func collect[T any](rows *sql.Rows, err error, what string, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("scan %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	return out, nil
}

// column scans a one-column query.
func column[T any](rows *sql.Rows, err error, what string) ([]T, error) {
	return collect(rows, err, what, func(sc scanner) (T, error) {
		var v T
		err := sc.Scan(&v)
		return v, err
	})
}

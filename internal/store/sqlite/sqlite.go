// Package sqlite opens recouvre's store on an embedded SQLite file through
// the pure-Go modernc.org/sqlite driver (no cgo): WAL, foreign keys, a busy
// timeout, one writer connection whose transactions start IMMEDIATE, and a
// pool of readers. Migrations are embedded and applied at open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pressly/goose/v3"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/recouvre/recouvre/internal/store/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating it and its folder when needed) the SQLite file at
// path and migrates it.
func Open(ctx context.Context, path string) (*sqldb.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create %s: %w", dir, err)
		}
	}
	w, err := open(path, "immediate", 1)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := open(path, "deferred", max(4, runtime.NumCPU()))
	if err != nil {
		w.Close()
		return nil, err
	}
	return sqldb.New(w, r, dialect{}), nil
}

func open(path, txlock string, conns int) (*sql.DB, error) {
	q := url.Values{}
	// busy_timeout first, so that the other pragmas wait for a lock too.
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "cache_size(-65536)", "temp_store(MEMORY)", "mmap_size(268435456)"} {
		q.Add("_pragma", p)
	}
	q.Set("_time_format", "sqlite")
	q.Set("_txlock", txlock)
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxLifetime(0)
	return db, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		return fmt.Errorf("sqlite: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	return nil
}

type dialect struct{}

func (dialect) Name() string      { return "sqlite" }
func (dialect) ForUpdate() string { return "" }

// Analyze does nothing: SQLite plans these lookups by their index without
// statistics.
func (dialect) Analyze(context.Context, *sql.Tx, ...string) error { return nil }

// InJSON reads the list with json_each: binding one placeholder per item
// costs SQLite a linear search per name, quadratic in the list.
func (dialect) InJSON(col, placeholder string) string {
	return col + ` IN (SELECT value FROM json_each(` + placeholder + `))`
}

// AfterBulk has nothing to do: SQLite's rowids follow the largest id.
func (dialect) AfterBulk(context.Context, *sql.Tx, []string) error { return nil }

// BeforeBulk does nothing: a SQLite write transaction is already alone.
func (dialect) BeforeBulk(context.Context, *sql.Tx) error { return nil }

func (dialect) IsUniqueViolation(err error) bool {
	var e *sqlite3.Error
	if errors.As(err, &e) {
		return e.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// chunk is how many rows one multi-row INSERT carries.
const chunk = 200

// CopyRows inserts rows with multi-row INSERT statements prepared once per
// call.
func (dialect) CopyRows(ctx context.Context, _ *sql.Conn, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	var full *sql.Stmt
	for len(rows) > 0 {
		n := min(chunk, len(rows))
		stmt := full
		if n < chunk || full == nil {
			s, err := tx.PrepareContext(ctx, insertSQL(table, cols, n))
			if err != nil {
				return err
			}
			defer s.Close()
			stmt = s
			if n == chunk {
				full = s
			}
		}
		vals := make([]any, 0, n*len(cols))
		for _, r := range rows[:n] {
			vals = append(vals, r...)
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// insertSQL builds an INSERT of n rows. Its placeholders are anonymous
// (?), not numbered ($N) like the rest of the store's SQL: the driver asks
// SQLite each parameter's name while binding, a linear search among the
// named ones, which made binding a 200-row statement quadratic (three
// quarters of a bulk load's time went there).
func insertSQL(table string, cols []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

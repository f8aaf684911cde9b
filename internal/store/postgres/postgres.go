// Package postgres opens recouvre's store on PostgreSQL through pgx. Bulk
// loads use COPY; migrations are embedded and applied at open under
// goose's session lock, so that several processes may start at once.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/recouvre/recouvre/internal/store/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at url (postgres://…) and migrates it.
func Open(ctx context.Context, url string) (*sqldb.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return sqldb.New(db, db, dialect{}), nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("postgres: migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("postgres: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	return nil
}

type dialect struct{}

func (dialect) Name() string      { return "postgres" }
func (dialect) ForUpdate() string { return "FOR UPDATE" }

// Analyze runs ANALYZE inside the transaction, which counts the rows the
// transaction itself inserted: without it, a table that was empty when
// the import began still looks empty to the planner, which then filters
// the whole table instead of looking numbers up in its unique index.
func (dialect) Analyze(ctx context.Context, tx *sql.Tx, tables ...string) error {
	if _, err := tx.ExecContext(ctx, `ANALYZE `+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("postgres: analyze: %w", err)
	}
	return nil
}

// InJSON reads the list as a JSON array of text into an array, compared
// with = ANY: an index on col serves it. (An IN over the set-returning
// function let the planner pick a nested loop over the whole table.)
func (dialect) InJSON(col, placeholder string) string {
	return col + ` = ANY (ARRAY(SELECT json_array_elements_text(` + placeholder + `::json)))`
}

func (dialect) IsUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// CopyRows streams rows with COPY on the transaction's own connection.
func (dialect) CopyRows(ctx context.Context, conn *sql.Conn, _ *sql.Tx, table string, cols []string, rows [][]any) error {
	return conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		_, err := c.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}

// AfterBulk moves each identity sequence past the ids a bulk load wrote,
// then analyzes the tables. Without fresh statistics the planner takes
// tables just filled for nearly empty and plans the summaries' refresh
// that follows every bulk load as nested loops: 7 s instead of 0.1 s for
// 20,000 invoices, quadratic beyond. ANALYZE in the loading transaction
// samples that transaction's own rows.
// bulkLock is the advisory lock bulk loads take, whatever their
// organization: the tables' ids are shared.
const bulkLock = 7_214_001

// BeforeBulk waits for any other bulk load to end; the lock goes with the
// transaction.
func (dialect) BeforeBulk(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, bulkLock); err != nil {
		return fmt.Errorf("postgres: bulk lock: %w", err)
	}
	return nil
}

func (dialect) AfterBulk(ctx context.Context, tx *sql.Tx, tables []string) error {
	for _, t := range tables {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), GREATEST((SELECT MAX(id) FROM %s), 1))`, t, t)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("postgres: reset sequence of %s: %w", t, err)
		}
	}
	if len(tables) > 0 {
		if _, err := tx.ExecContext(ctx, `ANALYZE `+strings.Join(tables, ", ")); err != nil {
			return fmt.Errorf("postgres: analyze: %w", err)
		}
	}
	return nil
}

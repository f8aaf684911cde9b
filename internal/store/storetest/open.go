// Package storetest holds the store contract suite, run against SQLite and
// PostgreSQL alike, and the helpers every other package's tests use to get
// a fresh, real database of their own.
//
// RECOUVRE_TEST_DB selects the database for the whole test run: "sqlite"
// (default) or "postgres". RECOUVRE_TEST_PG is the server to create test
// databases on (default postgres://postgres@127.0.0.1:5432/postgres).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for the admin connection

	"github.com/recouvre/recouvre/internal/store/postgres"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/sqlite"
)

// Open returns a fresh store of the kind RECOUVRE_TEST_DB names.
func Open(t testing.TB) *sqldb.DB {
	t.Helper()
	if Kind() == "postgres" {
		return OpenPostgres(t)
	}
	return OpenSQLite(t)
}

// Kind is the database the test run uses.
func Kind() string {
	if os.Getenv("RECOUVRE_TEST_DB") == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// OpenSQLite returns a store on a new file in the test's temp folder.
func OpenSQLite(t testing.TB) *sqldb.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "recouvre.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ServerURL is the PostgreSQL server tests create their databases on.
func ServerURL() string {
	if u := os.Getenv("RECOUVRE_TEST_PG"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// OpenPostgres creates a database of the test's own, returns a store on it
// and drops it at cleanup. It skips when no server answers, unless the
// run selected PostgreSQL, where that is a failure.
func OpenPostgres(t testing.TB) *sqldb.DB {
	t.Helper()
	dsn, drop, err := CreateDatabase("recouvre_test")
	if err != nil {
		if Kind() == "postgres" {
			t.Fatalf("postgres: %v", err)
		}
		t.Skipf("no PostgreSQL server answers at %s (%v); set RECOUVRE_TEST_PG", ServerURL(), err)
	}
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		drop()
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		drop()
	})
	return db
}

// CreateDatabase creates a uniquely named database on the test server and
// returns its URL and a function that drops it.
func CreateDatabase(prefix string) (string, func(), error) {
	admin, err := sql.Open("pgx", ServerURL())
	if err != nil {
		return "", nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		return "", nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := prefix + "_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	u, err := url.Parse(ServerURL())
	if err != nil {
		admin.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}
	return u.String(), drop, nil
}

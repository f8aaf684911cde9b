// Package benchdata builds and reopens the SQLite database the benchmarks
// of the edges (API, web pages) run against: the demo portfolio at the
// scale RECOUVRE_BENCH_INVOICES asks for, built once and reused, since
// loading a million invoices takes minutes.
package benchdata

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/demo"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/sqlite"
)

// User owns the benchmark organization, as a viewer; it has no password.
const User = "bench@recouvre.test"

// Now is the benchmarks' fixed clock, 15 June 2025 in Paris: summaries
// stay valid from one day to the next.
var (
	Now   = time.Date(2025, 6, 15, 8, 0, 0, 0, time.UTC)
	Today = civil.MustParse("2025-06-15")
)

// Env is an opened benchmark database.
type Env struct {
	Store    *sqldb.DB
	OrgID    int64
	UserID   int64
	Invoices int
	MinID    int64 // first and last debtor ids
	MaxID    int64
	Path     string
}

// Invoices reads RECOUVRE_BENCH_INVOICES, 20,000 by default.
func Invoices() (int, error) {
	s := os.Getenv("RECOUVRE_BENCH_INVOICES")
	if s == "" {
		return 20000, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 5 {
		return 0, fmt.Errorf("RECOUVRE_BENCH_INVOICES=%q: want a number of invoices, 5 or more", s)
	}
	return v, nil
}

// Open opens the benchmark database of n invoices (over n/5 debtors) at
// RECOUVRE_BENCH_DB, else recouvre-bench-<n>.db in the system's temporary
// folder, building it first when absent. built tells whether it did.
func Open(ctx context.Context, n int) (env *Env, built bool, err error) {
	path := os.Getenv("RECOUVRE_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("recouvre-bench-%d.db", n))
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := build(ctx, path, n); err != nil {
			return nil, false, fmt.Errorf("build %s: %w", path, err)
		}
		built = true
	} else if err != nil {
		return nil, false, err
	}
	env, err = open(ctx, path, n)
	if err != nil {
		return nil, built, fmt.Errorf("%s: %w", path, err)
	}
	return env, built, nil
}

// build loads the demo portfolio into a new database beside path, then
// moves it to path, so that an interrupted build leaves nothing to reuse.
func build(ctx context.Context, path string, invoices int) error {
	tmp := path + ".building"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	ctx = store.WithActor(ctx, store.Actor{Name: "bench"})
	st, err := sqlite.Open(ctx, tmp)
	if err != nil {
		return err
	}
	defer st.Close()
	st.Now = func() time.Time { return Now }
	org := &ledger.Organization{Name: "Bench"}
	if err := st.CreateOrganization(ctx, org); err != nil {
		return err
	}
	octx := store.WithOrg(ctx, org.ID)
	cred := &ledger.Creditor{Name: "Bench SAS"}
	if err := st.CreateCreditor(octx, cred); err != nil {
		return err
	}
	u := &ledger.User{Email: User, Name: "Bench", Lang: "fr"}
	if err := st.CreateUser(ctx, u); err != nil {
		return err
	}
	if err := st.AddMembership(ctx, ledger.Membership{OrgID: org.ID, UserID: u.ID, Role: string(auth.RoleViewer)}); err != nil {
		return err
	}
	o := demo.Options{Debtors: invoices / 5, Invoices: invoices, Seed: 1, Today: Today, CreditorID: cred.ID, Currency: "EUR"}
	err = st.Bulk(octx, func(w store.BulkWriter) error {
		_, err := demo.Generate(w, o)
		return err
	})
	if err != nil {
		return err
	}
	if _, err := st.Writer().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// open opens the database at path and checks it holds the portfolio
// asked for.
func open(ctx context.Context, path string, invoices int) (*Env, error) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	st.Now = func() time.Time { return Now }
	env := &Env{Store: st, Invoices: invoices, Path: path}
	fail := func(err error) (*Env, error) {
		st.Close()
		return nil, err
	}
	u, err := st.UserByEmail(ctx, User)
	if err != nil {
		return fail(fmt.Errorf("not a benchmark database (no user %s): %w", User, err))
	}
	env.UserID = u.ID
	ms, err := st.Memberships(ctx, u.ID)
	if err != nil || len(ms) != 1 {
		return fail(fmt.Errorf("memberships of %s: %v %v", User, ms, err))
	}
	env.OrgID = ms[0].OrgID
	var got int
	err = st.Writer().QueryRowContext(ctx, `SELECT COUNT(*), MIN(d.id), MAX(d.id) FROM debtors d WHERE d.org_id = $1`, env.OrgID).
		Scan(&got, &env.MinID, &env.MaxID)
	if err == nil {
		err = st.Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices WHERE org_id = $1 AND kind = 'invoice'`, env.OrgID).Scan(&got)
	}
	if err == nil && got != invoices {
		err = fmt.Errorf("holds %d invoices, not RECOUVRE_BENCH_INVOICES=%d: delete it or set RECOUVRE_BENCH_DB", got, invoices)
	}
	if err != nil {
		return fail(err)
	}
	return env, nil
}

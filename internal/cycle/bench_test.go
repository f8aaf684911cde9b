package cycle_test

// Benchmarks of the daily dunning cycle (docs/benchmarks.md, « Dunning
// cycle: planning and dispatch »).
//
// BenchmarkPlanning runs over a portfolio of OPEN invoices generated here
// (the demo's is mostly paid): RECOUVRE_BENCH_OPEN invoices (default
// 20,000) over a fifth as many debtors — businesses mostly, some
// consumers and public bodies, each with a primary contact holding an
// email and a postal address, 1 to 9 invoices each (5 on average) due
// from 400 days before the clock to 30 days after, one in twenty paid in
// part, one in a hundred disputed. Its sub-benchmarks:
//
//   - dry-run: Engine.Run with DryRun over the whole portfolio at a fixed
//     clock — the set-based read (Store.PlanningFacts) and the planner's
//     decisions, nothing written;
//   - bare-scan: one bare SQL scan of the open invoices on the same store,
//     each row scanned into variables — the yardstick of the dry run;
//   - write: Engine.Run with PlanOnly on a fresh copy of the database —
//     the same read and decisions, then the first day's plan written in
//     one transaction (Store.WritePlan).
//
// BenchmarkDispatch plans RECOUVRE_BENCH_EMAILS email actions (default
// 1,000; 10,000 for the figures): as many businesses, each with one
// invoice overdue by 5 days and an email address, planned by Run with
// PlanOnly at the clock (not timed). Then it times Engine.Dispatch
// sending them to a local SMTP server (package smtptest) with 1, 4 and 8
// workers, each run on a fresh copy of the planned database and a fresh
// server, and fails unless the server received exactly that many
// messages with distinct Message-IDs.
//
//	go test ./internal/cycle/ -run '^$' -bench . -benchtime=1x
//	RECOUVRE_BENCH_OPEN=1000000 RECOUVRE_BENCH_EMAILS=10000 go test ./internal/cycle/ -run '^$' -bench . -benchtime=1x -timeout 60m
//	RECOUVRE_TEST_DB=postgres RECOUVRE_BENCH_OPEN=200000 RECOUVRE_BENCH_EMAILS=10000 go test … (the same)
//
// Each benchmark reports its process CPU time (cpu-s/op: user and
// system, the SMTP server's included) beside the wall time, and the peak
// of the Go heap.
//
// On SQLite the portfolio is built once and reused by later runs, from
// recouvre-bench-open-<invoices>.db in the system's temporary folder
// (RECOUVRE_BENCH_OPEN_DB names another file); the write benchmark and
// the dispatch work on copies, so the file is never changed. On
// PostgreSQL (RECOUVRE_TEST_DB=postgres, server RECOUVRE_TEST_PG) the
// portfolio is built in a new database at each run and given the
// statistics autovacuum would take (VACUUM ANALYZE after the load,
// ANALYZE after the dispatch's plan), then copied with CREATE DATABASE …
// TEMPLATE for the benchmarks that write.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/channel/smtptest"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/postgres"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/sqlite"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// The benchmarks' clock: Monday 16 June 2025, 10:00 in Paris — a working
// day, inside the default quiet hours (9 to 19).
var (
	benchNow   = time.Date(2025, 6, 16, 8, 0, 0, 0, time.UTC)
	benchToday = civil.MustParse("2025-06-16")
)

// benchEmails reads RECOUVRE_BENCH_EMAILS: how many emails
// BenchmarkDispatch sends (default 1,000; 10,000 for the figures).
func benchEmails(b *testing.B) int {
	b.Helper()
	s := os.Getenv("RECOUVRE_BENCH_EMAILS")
	if s == "" {
		return 1000
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		b.Fatalf("RECOUVRE_BENCH_EMAILS=%q: want a number of emails", s)
	}
	return v
}

// benchOpenSize reads RECOUVRE_BENCH_OPEN: the open invoices of the
// planning portfolio, over a fifth as many debtors.
func benchOpenSize(b *testing.B) (invoices, debtors int) {
	b.Helper()
	invoices = 20000
	if s := os.Getenv("RECOUVRE_BENCH_OPEN"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 10 {
			b.Fatalf("RECOUVRE_BENCH_OPEN=%q: want a number of invoices, 10 or more", s)
		}
		invoices = v
	}
	return invoices, invoices / 5
}

func benchLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// benchDB is a database the benchmarks read, and copy for those that
// write: a SQLite file or a PostgreSQL database.
type benchDB struct {
	path string // SQLite
	dsn  string // PostgreSQL
}

func (d benchDB) pg() bool { return d.dsn != "" }

// open opens the store on the database with the benchmarks' clock.
func (d benchDB) open(ctx context.Context) (*sqldb.DB, error) {
	var st *sqldb.DB
	var err error
	if d.pg() {
		st, err = postgres.Open(ctx, d.dsn)
	} else {
		st, err = sqlite.Open(ctx, d.path)
	}
	if err != nil {
		return nil, err
	}
	st.Now = func() time.Time { return benchNow }
	return st, nil
}

// copyOf makes a copy of the database, which st (open on it, or nil)
// must leave alone meanwhile: SQLite's file after a checkpoint (and its
// WAL, if anything is left in it), or CREATE DATABASE … TEMPLATE on
// PostgreSQL, which wants no session on the source: st is closed then,
// and the caller opens the source again. remove deletes the copy.
func copyOf(ctx context.Context, d benchDB, st *sqldb.DB, dir string) (out benchDB, closed bool, remove func(), err error) {
	if !d.pg() {
		if st != nil {
			if _, err := st.Writer().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
				return out, false, nil, err
			}
		}
		f, err := os.CreateTemp(dir, "copy-*.db")
		if err != nil {
			return out, false, nil, err
		}
		f.Close()
		out.path = f.Name()
		remove = func() {
			for _, s := range []string{"", "-wal", "-shm"} {
				_ = os.Remove(out.path + s)
			}
		}
		for _, s := range []string{"", "-wal"} {
			if err := copyFile(d.path+s, out.path+s); err != nil && !errors.Is(err, fs.ErrNotExist) {
				remove()
				return out, false, nil, err
			}
		}
		return out, false, remove, nil
	}
	if st != nil {
		if err := st.Close(); err != nil {
			return out, true, nil, err
		}
	}
	admin, err := sql.Open("pgx", storetest.ServerURL())
	if err != nil {
		return out, true, nil, err
	}
	src, err := url.Parse(d.dsn)
	if err != nil {
		admin.Close()
		return out, true, nil, err
	}
	name := fmt.Sprintf("%s_copy_%d", strings.TrimPrefix(src.Path, "/"), time.Now().UnixNano()%1e9)
	// A connection of the closed pool may still be leaving the server.
	for try := 0; ; try++ {
		_, err = admin.ExecContext(ctx, `CREATE DATABASE `+name+` TEMPLATE `+strings.TrimPrefix(src.Path, "/"))
		if err == nil || try == 50 || !strings.Contains(err.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		admin.Close()
		return out, true, nil, fmt.Errorf("copy database: %w", err)
	}
	u := *src
	u.Path = "/" + name
	out.dsn = u.String()
	remove = func() {
		_, _ = admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		admin.Close()
	}
	return out, true, remove, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// newBenchOrg creates the organization and its creditor.
func newBenchOrg(ctx context.Context, st store.Store) (orgID, creditorID int64, err error) {
	org := &ledger.Organization{Name: "Bench relances", Kind: ledger.OrgCreditor}
	if err := st.CreateOrganization(ctx, org); err != nil {
		return 0, 0, err
	}
	cred := &ledger.Creditor{Name: "Menuiserie Lefèvre & Fils SAS", SIREN: "732829320", VATNumber: "FR44732829320",
		IBAN:    "FR7630006000011234567890189",
		Address: ledger.Address{Line1: "14 avenue des Artisans", PostalCode: "69007", City: "Lyon", Country: "FR"}}
	if err := st.CreateCreditor(store.WithOrg(ctx, org.ID), cred); err != nil {
		return 0, 0, err
	}
	return org.ID, cred.ID, nil
}

// Words of the generated names and addresses.
var (
	benchForms   = []string{"SARL", "SAS", "EURL", "SA", "SASU", "SCI"}
	benchTrades  = []string{"Boulangerie", "Garage", "Plomberie", "Menuiserie", "Transports", "Électricité", "Imprimerie", "Pharmacie", "Boucherie", "Fromagerie"}
	benchNames   = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Roux", "Fournier", "Girard"}
	benchFirst   = []string{"Camille", "Léa", "Hugo", "Louis", "Chloé", "Emma", "Jules", "Manon", "Lucas", "Inès", "Nathan", "Zoé"}
	benchTags    = []string{"export", "btp", "commerce", "franchise", "santé"}
	benchStreets = []string{"rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta", "place de la Mairie", "chemin des Vignes", "rue du Moulin"}
	benchCities  = []struct{ postal, city string }{
		{"75011", "Paris"}, {"69003", "Lyon"}, {"13006", "Marseille"}, {"31000", "Toulouse"}, {"33000", "Bordeaux"},
		{"44000", "Nantes"}, {"59000", "Lille"}, {"67000", "Strasbourg"}, {"57000", "Metz"}, {"35000", "Rennes"},
		{"06000", "Nice"}, {"21000", "Dijon"}, {"63000", "Clermont-Ferrand"}, {"97400", "Saint-Denis"},
	}
)

// benchASCII folds the accents of the first names for email addresses
// (a non-ASCII address needs SMTPUTF8, which the test server does not
// offer).
var benchASCII = strings.NewReplacer("é", "e", "è", "e", "ï", "i", "ë", "e")

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// openDebtor generates debtor i: a business (85%, three in ten with a
// tag), a consumer (12%, half of them with a mobile number and SMS
// consent) or a public body (3%), with one primary contact holding an
// email and a postal address.
func openDebtor(r *rand.Rand, i int, creditorID int64) *ledger.Debtor {
	d := &ledger.Debtor{CreditorID: creditorID, Ref: fmt.Sprintf("C%06d", i+1), Lang: "fr"}
	city := pick(r, benchCities)
	c := ledger.Contact{Primary: true, Email: fmt.Sprintf("compta.c%06d@client%d.example.fr", i+1, i%97),
		Address: ledger.Address{Line1: fmt.Sprintf("%d %s", 1+r.IntN(120), pick(r, benchStreets)), PostalCode: city.postal,
			City: city.city, Country: "FR"}}
	switch x := r.IntN(100); {
	case x < 85:
		d.Kind = ledger.KindBusiness
		d.Name = fmt.Sprintf("%s %s %s %s", pick(r, benchForms), pick(r, benchTrades), pick(r, benchNames), city.city)
		c.Name, c.Role = "Service comptabilité", "comptabilité fournisseurs"
	case x < 97:
		d.Kind = ledger.KindConsumer
		d.Name = pick(r, benchFirst) + " " + pick(r, benchNames)
		c.Name = d.Name
		c.Email = fmt.Sprintf("%s.c%06d@mail.example.fr", benchASCII.Replace(strings.ToLower(pick(r, benchFirst))), i+1)
		if r.IntN(2) == 0 {
			c.Phone, c.SMSConsent = fmt.Sprintf("06%08d", r.IntN(100000000)), true
		}
	default:
		d.Kind = ledger.KindPublic
		d.Name = "Mairie de " + city.city
		c.Name, c.Role = "Service ordonnateur", "ordonnateur"
	}
	if d.Kind == ledger.KindBusiness && r.IntN(10) < 3 {
		d.Tags = []string{pick(r, benchTags)}
	}
	if d.Kind != ledger.KindPublic && r.IntN(50) == 0 {
		d.Lang = "en"
	}
	d.Contacts = []ledger.Contact{c}
	return d
}

// openAmount is an invoice's amount in cents: mostly 50 to 2,000 €, a
// quarter 2,000 to 10,000 €, one in twenty 10,000 to 50,000 €.
func openAmount(r *rand.Rand) int64 {
	switch x := r.IntN(100); {
	case x < 70:
		return 50_00 + r.Int64N(1950_00)
	case x < 95:
		return 2000_00 + r.Int64N(8000_00)
	default:
		return 10000_00 + r.Int64N(40000_00)
	}
}

// genOpen writes the planning portfolio: debtors, then their invoices,
// 1 to 9 each (pairs of debtors share 10, so that the total is exact).
func genOpen(w store.BulkWriter, creditorID int64, invoices, debtors int) error {
	r := rand.New(rand.NewPCG(20250616, 1))
	number, left, pair := 0, invoices, 0
	for i := 0; i < debtors; i++ {
		var k int
		switch {
		case i == debtors-1:
			k = left
		case i%2 == 0:
			pair = 1 + r.IntN(9)
			k = pair
		default:
			k = 10 - pair
		}
		left -= k
		d := openDebtor(r, i, creditorID)
		if err := w.AddDebtor(d); err != nil {
			return err
		}
		for j := 0; j < k; j++ {
			number++
			due := benchToday.AddDays(30 - r.IntN(431))
			issue := due.AddDays(-pick(r, []int{30, 30, 45, 60}))
			inv := &ledger.Invoice{DebtorID: d.ID, Kind: ledger.DocInvoice, Number: fmt.Sprintf("F%07d", number), IssueDate: issue,
				DueDate: due, Amount: money.New(openAmount(r), "EUR"), Disputed: r.IntN(100) == 0, CreatedAt: issue.Time(civil.Paris)}
			if err := w.AddInvoice(inv); err != nil {
				return err
			}
			if r.IntN(20) != 0 {
				continue
			}
			// Paid in part.
			on := issue.AddDays(1 + r.IntN(60))
			if on.After(benchToday) {
				on = benchToday
			}
			part := max(1, inv.Amount.Minor*int64(10+r.IntN(80))/100)
			p := &ledger.Payment{DebtorID: d.ID, ReceivedOn: on, Amount: money.New(part, "EUR"), Method: ledger.MethodTransfer,
				Reference: "VIR " + inv.Number, CreatedAt: on.Time(civil.Paris)}
			if err := w.AddPayment(p); err != nil {
				return err
			}
			if err := w.AddAllocation(&ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: p.Amount, CreatedAt: p.CreatedAt}); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildOpen creates the organization and loads the planning portfolio
// through Store.Bulk, then saves the shipped scenarios and segments (the
// first run would), so that a dry run writes nothing.
func buildOpen(ctx context.Context, st *sqldb.DB, invoices, debtors int) (int64, error) {
	ctx = store.WithActor(ctx, store.Actor{Name: "bench"})
	orgID, credID, err := newBenchOrg(ctx, st)
	if err != nil {
		return 0, err
	}
	octx := store.WithOrg(ctx, orgID)
	if err := st.Bulk(octx, func(w store.BulkWriter) error { return genOpen(w, credID, invoices, debtors) }); err != nil {
		return 0, err
	}
	if _, err := cycle.LoadConfig(octx, st); err != nil {
		return 0, err
	}
	return orgID, nil
}

// planEnv is the planning portfolio, open.
type planEnv struct {
	db       benchDB
	st       *sqldb.DB
	orgID    int64
	invoices int // open invoices in the portfolio
	debtors  int
}

// bareScanSQL is the yardstick: the open invoices of the organization,
// in the order the planner reads them.
const bareScanSQL = `SELECT id, debtor_id, number, due_date, amount_minor, allocated_minor, disputed FROM invoices
	WHERE org_id = $1 AND kind = 'invoice' AND amount_minor > allocated_minor ORDER BY debtor_id, due_date`

// openPlanEnv opens the planning portfolio: on SQLite the file built by
// an earlier run (built now when absent), on PostgreSQL a new database
// built now and dropped when b ends.
func openPlanEnv(b *testing.B) *planEnv {
	b.Helper()
	invoices, debtors := benchOpenSize(b)
	ctx := context.Background()
	env := &planEnv{debtors: debtors}
	start := time.Now()
	if storetest.Kind() == "postgres" {
		dsn, drop, err := storetest.CreateDatabase("recouvre_bench")
		if err != nil {
			b.Fatalf("postgres: %v", err)
		}
		b.Cleanup(drop)
		env.db = benchDB{dsn: dsn}
		if env.st, err = env.db.open(ctx); err != nil {
			b.Fatal(err)
		}
		if env.orgID, err = buildOpen(ctx, env.st, invoices, debtors); err != nil {
			env.st.Close()
			b.Fatal(err)
		}
		// The steady state autovacuum would reach: statistics and the
		// visibility map.
		if _, err := env.st.Writer().ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
			env.st.Close()
			b.Fatal(err)
		}
		b.Logf("built the PostgreSQL portfolio (%d invoices, %d debtors) in %s", invoices, debtors, time.Since(start).Round(time.Second))
	} else {
		path := os.Getenv("RECOUVRE_BENCH_OPEN_DB")
		if path == "" {
			path = filepath.Join(os.TempDir(), fmt.Sprintf("recouvre-bench-open-%d.db", invoices))
		}
		env.db = benchDB{path: path}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if err := buildOpenFile(ctx, path, invoices, debtors); err != nil {
				b.Fatalf("build %s: %v", path, err)
			}
			b.Logf("built %s (%d invoices, %d debtors) in %s", path, invoices, debtors, time.Since(start).Round(time.Second))
		} else if err != nil {
			b.Fatal(err)
		}
		var err error
		if env.st, err = env.db.open(ctx); err != nil {
			b.Fatal(err)
		}
		ids, err := env.st.OrganizationIDs(ctx)
		if err != nil || len(ids) != 1 {
			env.st.Close()
			b.Fatalf("%s: not a planning benchmark database (organizations %v, %v)", path, ids, err)
		}
		env.orgID = ids[0]
	}
	b.Cleanup(func() { env.st.Close() })
	err := env.st.Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices WHERE org_id = $1 AND kind = 'invoice'
		AND amount_minor > allocated_minor`, env.orgID).Scan(&env.invoices)
	if err != nil {
		b.Fatal(err)
	}
	return env
}

// buildOpenFile builds the SQLite portfolio beside path, then moves it
// there, so that an interrupted build leaves nothing to reuse.
func buildOpenFile(ctx context.Context, path string, invoices, debtors int) error {
	tmp := path + ".building"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	st, err := (benchDB{path: tmp}).open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := buildOpen(ctx, st, invoices, debtors); err != nil {
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

// countingStore counts what the planner reads and times the plan's write.
type countingStore struct {
	store.Store
	debtors, invoices int
	write             time.Duration
	written           int
}

func (c *countingStore) PlanningFacts(ctx context.Context, q store.FactsQuery, fn func(*dunning.Facts) error) error {
	return c.Store.PlanningFacts(ctx, q, func(f *dunning.Facts) error {
		c.debtors++
		c.invoices += len(f.Invoices)
		return fn(f)
	})
}

func (c *countingStore) WritePlan(ctx context.Context, plan []store.PlanWrite) ([]ledger.Action, error) {
	start := time.Now()
	as, err := c.Store.WritePlan(ctx, plan)
	c.write += time.Since(start)
	for _, a := range as {
		if a.ID != 0 {
			c.written++
		}
	}
	return as, err
}

// peakHeap samples the Go heap (objects and the unused part of their
// spans) every 10 ms through runtime/metrics, which does not stop the
// world, until stop is closed, and returns its peak.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64()+sample[1].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// cpuTime is the process's CPU time so far, user and system: what the
// benchmark itself used, told apart from waiting on a shared machine
// (the SMTP test server runs in the process too).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// tally counts a report's items: those with a step (an action decided),
// by channel and status, and those held back without one.
func tally(rep *cycle.Report) (actions, held int, by map[string]int) {
	by = map[string]int{}
	for _, it := range rep.Actions {
		if it.Step == "" {
			held++
			by["held:"+it.SkipReason]++
			continue
		}
		actions++
		by[it.Channel+":"+it.Status]++
	}
	return actions, held, by
}

// BenchmarkPlanning times the planning of the whole portfolio against a
// bare scan of its open invoices, and the first day's plan written.
func BenchmarkPlanning(b *testing.B) {
	env := openPlanEnv(b)
	ctx := context.Background()
	b.Logf("%s: %d open invoices, %d debtors", env.st.Dialect(), env.invoices, env.debtors)

	b.Run("dry-run", func(b *testing.B) {
		cs := &countingStore{Store: env.st}
		eng := &cycle.Engine{Store: cs, Log: benchLog(), Now: func() time.Time { return benchNow }}
		stop := make(chan struct{})
		heap := peakHeap(stop)
		var rep *cycle.Report
		cpu := cpuTime()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			cs.debtors, cs.invoices = 0, 0
			var err error
			if rep, err = eng.Run(ctx, env.orgID, cycle.Options{AsOf: benchNow, DryRun: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		cpu = cpuTime() - cpu
		close(stop)
		peak := <-heap
		sec := b.Elapsed().Seconds() / float64(b.N)
		actions, held, by := tally(rep)
		b.Logf("dry run: %.2f s; %d debtors read with %d open invoices; %d actions decided, %d debtors held back; %v; peak heap %d MB",
			sec, cs.debtors, cs.invoices, actions, held, by, peak>>20)
		b.ReportMetric(float64(env.invoices)/sec, "invoices/s")
		b.ReportMetric(float64(cs.debtors)/sec, "debtors/s")
		b.ReportMetric(float64(actions), "actions")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	})

	b.Run("bare-scan", func(b *testing.B) {
		db := env.st.Writer()
		var n int
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			n = 0
			rows, err := db.QueryContext(ctx, bareScanSQL, env.orgID)
			if err != nil {
				b.Fatal(err)
			}
			var (
				id, debtor, amount, allocated int64
				number                        string
				due                           civil.Date
				disputed                      bool
			)
			for rows.Next() {
				if err := rows.Scan(&id, &debtor, &number, &due, &amount, &allocated, &disputed); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
			rows.Close()
		}
		b.StopTimer()
		cpu = cpuTime() - cpu
		if n != env.invoices {
			b.Fatalf("bare scan read %d invoices, want %d", n, env.invoices)
		}
		sec := b.Elapsed().Seconds() / float64(b.N)
		b.Logf("bare scan: %.3f s for %d open invoices", sec, n)
		b.ReportMetric(float64(n)/sec, "invoices/s")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	})

	// Last: on PostgreSQL the copy closes the portfolio's store a moment.
	b.Run("write", func(b *testing.B) {
		b.StopTimer()
		var total, write, cpu time.Duration
		var written int
		var peak uint64
		for i := 0; i < b.N; i++ {
			cp, closed, remove, err := copyOf(ctx, env.db, env.st, b.TempDir())
			if closed {
				var oerr error
				if env.st, oerr = env.db.open(ctx); oerr != nil {
					b.Fatal(oerr)
				}
			}
			if err != nil {
				b.Fatal(err)
			}
			st, err := cp.open(ctx)
			if err != nil {
				remove()
				b.Fatal(err)
			}
			cs := &countingStore{Store: st}
			eng := &cycle.Engine{Store: cs, Log: benchLog(), Now: func() time.Time { return benchNow }}
			stop := make(chan struct{})
			heap := peakHeap(stop)
			start, cpu0 := time.Now(), cpuTime()
			b.StartTimer()
			rep, err := eng.Run(ctx, env.orgID, cycle.Options{AsOf: benchNow, PlanOnly: true})
			b.StopTimer()
			total += time.Since(start)
			cpu += cpuTime() - cpu0
			close(stop)
			peak = max(peak, <-heap)
			st.Close()
			remove()
			if err != nil {
				b.Fatal(err)
			}
			write += cs.write
			written = cs.written
			actions, held, by := tally(rep)
			b.Logf("plan written: %.2f s, of which WritePlan %.2f s; %d actions written (%d in the report, %d held back); %v",
				time.Since(start).Seconds(), cs.write.Seconds(), cs.written, actions, held, by)
		}
		sec := total.Seconds() / float64(b.N)
		b.ReportMetric(float64(written)/sec, "actions/s")
		b.ReportMetric(float64(written), "actions")
		b.ReportMetric(write.Seconds()/float64(b.N), "writeplan-s")
		b.ReportMetric(float64(written)/(write.Seconds()/float64(b.N)), "written/s")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
}

// dispatchEnv is a database holding emails email actions due at the
// clock, closed: each run works on a copy.
type dispatchEnv struct {
	db     benchDB
	orgID  int64
	emails int
}

// openDispatchEnv builds the dispatch portfolio — RECOUVRE_BENCH_EMAILS
// businesses, each with one invoice overdue by 5 days and an email — and
// plans it (Run with PlanOnly): the tpe scenario's first reminder, an
// email due now.
func openDispatchEnv(b *testing.B) *dispatchEnv {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	env := &dispatchEnv{emails: benchEmails(b)}
	if storetest.Kind() == "postgres" {
		dsn, drop, err := storetest.CreateDatabase("recouvre_bench")
		if err != nil {
			b.Fatalf("postgres: %v", err)
		}
		b.Cleanup(drop)
		env.db = benchDB{dsn: dsn}
	} else {
		env.db = benchDB{path: filepath.Join(b.TempDir(), "dispatch.db")}
	}
	st, err := env.db.open(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	actx := store.WithActor(ctx, store.Actor{Name: "bench"})
	orgID, credID, err := newBenchOrg(actx, st)
	if err != nil {
		b.Fatal(err)
	}
	env.orgID = orgID
	r := rand.New(rand.NewPCG(20250616, 2))
	err = st.Bulk(store.WithOrg(actx, orgID), func(w store.BulkWriter) error {
		for i := 0; i < env.emails; i++ {
			d := openDebtor(r, i, credID)
			if d.Kind != ledger.KindBusiness {
				d.Kind = ledger.KindBusiness
				d.Name = fmt.Sprintf("%s %s %s", pick(r, benchForms), pick(r, benchTrades), d.Name)
			}
			if err := w.AddDebtor(d); err != nil {
				return err
			}
			due := benchToday.AddDays(-5)
			inv := &ledger.Invoice{DebtorID: d.ID, Kind: ledger.DocInvoice, Number: fmt.Sprintf("F%07d", i+1), IssueDate: due.AddDays(-30),
				DueDate: due, Amount: money.New(100_00+r.Int64N(8900_00), "EUR"), CreatedAt: due.AddDays(-30).Time(civil.Paris)}
			if err := w.AddInvoice(inv); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	eng := &cycle.Engine{Store: st, Log: benchLog(), Now: func() time.Time { return benchNow }}
	rep, err := eng.Run(ctx, orgID, cycle.Options{AsOf: benchNow, PlanOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	due := 0
	for _, it := range rep.Actions {
		at, err := time.Parse(time.RFC3339, it.ScheduledFor)
		if err == nil && it.Channel == string(ledger.ChannelEmail) && it.Status == string(ledger.ActionPlanned) && !at.After(benchNow) {
			due++
		}
	}
	if due != env.emails {
		_, _, by := tally(rep)
		b.Fatalf("planned %d emails due now, want %d: %v", due, env.emails, by)
	}
	// SQLite: the WAL into the file, which the runs copy. PostgreSQL: the
	// statistics autovacuum would take of the plan just written; without
	// them (a template copy starts with none) the planner reads a lone
	// action or case through an index on the organization and its status
	// — every planned action, every open case — at each email.
	check := `PRAGMA wal_checkpoint(TRUNCATE)`
	if env.db.pg() {
		check = `ANALYZE`
	}
	if _, err := st.Writer().ExecContext(ctx, check); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d emails planned in %s (not timed)", st.Dialect(), due, time.Since(start).Round(time.Millisecond))
	return env
}

// mailTo is the channels of an instance whose SMTP server is srv.
func mailTo(srv *smtptest.Server) cycle.Channels {
	raw := srv.URL("", "")
	sep := "?"
	if strings.Contains(raw, "?") {
		sep = "&"
	}
	raw += sep + "from=" + url.QueryEscape("relances@menuiserie-lefevre.example")
	return cycle.Channels{
		Mailer: func(ledger.DunningSettings) (cycle.Mailer, error) {
			cfg, err := email.ParseURL(raw)
			if err != nil {
				return nil, err
			}
			return email.NewSender(cfg)
		},
		Host: "bench.recouvre.test",
	}
}

// BenchmarkDispatch sends RECOUVRE_BENCH_EMAILS emails due now to a local SMTP
// server with 1, 4 and 8 workers, each run on a fresh copy of the planned
// database and a fresh server.
func BenchmarkDispatch(b *testing.B) {
	env := openDispatchEnv(b)
	ctx := context.Background()
	for _, workers := range []int{1, 4, 8} {
		b.Run(fmt.Sprintf("workers-%d", workers), func(b *testing.B) {
			b.StopTimer()
			var total, cpu time.Duration
			var peak uint64
			for i := 0; i < b.N; i++ {
				cp, _, remove, err := copyOf(ctx, env.db, nil, b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				st, err := cp.open(ctx)
				if err != nil {
					remove()
					b.Fatal(err)
				}
				srv, err := smtptest.New(smtptest.Options{})
				if err != nil {
					st.Close()
					remove()
					b.Fatal(err)
				}
				eng := &cycle.Engine{Store: st, Log: benchLog(), Channels: mailTo(srv), Worker: "bench", Workers: workers,
					Now: func() time.Time { return benchNow }}
				stop := make(chan struct{})
				heap := peakHeap(stop)
				start, cpu0 := time.Now(), cpuTime()
				b.StartTimer()
				items, err := eng.Dispatch(ctx, env.orgID, benchNow)
				b.StopTimer()
				took := time.Since(start)
				total += took
				cpu += cpuTime() - cpu0
				close(stop)
				peak = max(peak, <-heap)
				msgs := srv.Messages()
				srv.Close()
				st.Close()
				remove()
				if err != nil {
					b.Fatal(err)
				}
				sent := 0
				other := map[string]int{}
				for _, it := range items {
					if it.Status == string(ledger.ActionSent) && it.SkipReason == "" {
						sent++
					} else {
						other[it.Status+":"+it.SkipReason]++
					}
				}
				ids := map[string]bool{}
				for _, m := range msgs {
					if m.ParseErr != nil {
						b.Fatalf("message %s: %v", m.MessageID, m.ParseErr)
					}
					ids[m.MessageID] = true
				}
				if sent != env.emails || len(msgs) != env.emails || len(ids) != env.emails {
					b.Fatalf("%d actions sent (others: %v), the server received %d messages with %d distinct Message-IDs; want %d",
						sent, other, len(msgs), len(ids), env.emails)
				}
				b.Logf("%d workers: %d emails in %.2f s (%.0f/s), %d distinct Message-IDs received",
					workers, sent, took.Seconds(), float64(sent)/took.Seconds(), len(ids))
			}
			b.ReportMetric(float64(env.emails*b.N)/total.Seconds(), "emails/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

package api_test

// Latency benchmarks of GET /api/v1/debtors on a SQLite database loaded
// with the demo portfolio, through the real handler with a real API token,
// against the same pages read by the store's statement alone on the
// debtors table (whose summary columns hold each balance), and against the
// COUNT(*) the store adds to a first page. Each sub-benchmark is a query
// shape; it reports the median and the 99th percentile of its requests as
// p50-ms and p99-ms, and the rows a page returns as rows/op. The sorted
// orders, which the API does not offer, are measured at the store.
//
//	go test ./internal/api/ -run '^$' -bench 'ListDebtors'
//	RECOUVRE_BENCH_INVOICES=1000000 go test ./internal/api/ -run '^$' -bench 'ListDebtors' -benchtime=200x -timeout 90m
//
// RECOUVRE_BENCH_INVOICES sets the portfolio (default 20,000 invoices over
// a fifth as many debtors). The database is built once, at
// RECOUVRE_BENCH_DB (default recouvre-bench-api-<invoices>.db in the
// system's temporary folder), and reused by later runs: loading a million
// invoices takes minutes. Delete the file to rebuild it. The clock is fixed
// on the demo's today, so the summaries stay valid from one day to the next.
//
// docs/benchmarks.md has the measured figures.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/demo"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/sqlite"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// benchUser owns the benchmark organization; it has no password.
const benchUser = "bench@recouvre.test"

// benchEnv is the loaded database, shared by every benchmark of a run.
type benchEnv struct {
	st       *sqldb.DB
	orgID    int64
	token    string
	mux      *http.ServeMux
	invoices int
	minID    int64 // first and last debtor ids
	maxID    int64
}

var (
	benchOnce sync.Mutex
	benchData *benchEnv
)

// benchInvoices reads RECOUVRE_BENCH_INVOICES, 20,000 by default.
func benchInvoices(b *testing.B) int {
	n := 20000
	if s := os.Getenv("RECOUVRE_BENCH_INVOICES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 5 {
			b.Fatalf("RECOUVRE_BENCH_INVOICES=%q: want a number of invoices, 5 or more", s)
		}
		n = v
	}
	return n
}

// openBench returns the benchmark database, building it on first use.
func openBench(b *testing.B) *benchEnv {
	b.Helper()
	benchOnce.Lock()
	defer benchOnce.Unlock()
	if benchData != nil {
		return benchData
	}
	n := benchInvoices(b)
	path := os.Getenv("RECOUVRE_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("recouvre-bench-api-%d.db", n))
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		start := time.Now()
		if err := buildBench(path, n); err != nil {
			b.Fatalf("build %s: %v", path, err)
		}
		b.Logf("built %s with %d invoices in %s", path, n, time.Since(start).Round(time.Second))
	} else if err != nil {
		b.Fatal(err)
	}
	env, err := loadBench(b, path, n)
	if err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	benchData = env
	return env
}

// buildBench loads the demo portfolio into a new database next to path,
// then moves it to path, so that an interrupted build leaves nothing to
// reuse.
func buildBench(path string, invoices int) error {
	tmp := path + ".building"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	ctx := store.WithActor(context.Background(), store.Actor{Name: "bench"})
	st, err := sqlite.Open(ctx, tmp)
	if err != nil {
		return err
	}
	defer st.Close()
	st.Now = func() time.Time { return storetest.Now }
	org := &ledger.Organization{Name: "Bench"}
	if err := st.CreateOrganization(ctx, org); err != nil {
		return err
	}
	octx := store.WithOrg(ctx, org.ID)
	cred := &ledger.Creditor{Name: "Bench SAS"}
	if err := st.CreateCreditor(octx, cred); err != nil {
		return err
	}
	u := &ledger.User{Email: benchUser, Name: "Bench"}
	if err := st.CreateUser(ctx, u); err != nil {
		return err
	}
	if err := st.AddMembership(ctx, ledger.Membership{OrgID: org.ID, UserID: u.ID, Role: string(auth.RoleViewer)}); err != nil {
		return err
	}
	o := demo.Options{Debtors: invoices / 5, Invoices: invoices, Seed: 1, Today: storetest.Today, CreditorID: cred.ID, Currency: "EUR"}
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

// loadBench opens the database at path, checks it holds the portfolio
// asked for, and mounts the API on it with a new token.
func loadBench(b *testing.B, path string, invoices int) (*benchEnv, error) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	st.Now = func() time.Time { return storetest.Now }
	env := &benchEnv{st: st, invoices: invoices}
	u, err := st.UserByEmail(ctx, benchUser)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("not a benchmark database (no user %s): %w", benchUser, err)
	}
	ms, err := st.Memberships(ctx, u.ID)
	if err != nil || len(ms) != 1 {
		st.Close()
		return nil, fmt.Errorf("memberships of %s: %v %v", benchUser, ms, err)
	}
	env.orgID = ms[0].OrgID
	var got int
	err = st.Writer().QueryRowContext(ctx, `SELECT COUNT(*), MIN(d.id), MAX(d.id) FROM debtors d WHERE d.org_id = $1`, env.orgID).
		Scan(&got, &env.minID, &env.maxID)
	if err == nil {
		err = st.Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices WHERE org_id = $1 AND kind = 'invoice'`, env.orgID).Scan(&got)
	}
	if err == nil && got != invoices {
		err = fmt.Errorf("holds %d invoices, not RECOUVRE_BENCH_INVOICES=%d: delete it or set RECOUVRE_BENCH_DB", got, invoices)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	plain, hash := auth.NewToken(auth.APITokenPrefix)
	tok := &store.APIToken{OrgID: env.orgID, UserID: u.ID, Name: "bench", TokenHash: hash}
	if err := st.CreateAPIToken(store.WithOrg(ctx, env.orgID), tok); err != nil {
		st.Close()
		return nil, err
	}
	env.token = plain
	env.mux = http.NewServeMux()
	log := slog.New(slog.DiscardHandler)
	api.New(api.Options{Store: st, Now: func() time.Time { return storetest.Now }, Logger: log}).Register(env.mux)
	b.Logf("%s: %d debtors (ids %d to %d), %d invoices", path, env.maxID-env.minID+1, env.minID, env.maxID, invoices)
	return env, nil
}

// shape is one kind of request on the portfolio: its API query and the
// bare SQL condition that selects the same rows.
type shape struct {
	name  string
	query string // the API's query string, without cursor
	where string // bare SQL: condition on d, $2… its arguments
	args  []any
	after func(env *benchEnv) int64 // a fixed cursor, nil for the first page
	walk  bool                      // follow next_cursor page after page
	limit int
}

func shapes() []shape {
	middle := func(env *benchEnv) int64 { return env.minID + (env.maxID-env.minID)/2 }
	over90 := storetest.Today.AddDays(-90)
	return []shape{
		{name: "first-page", limit: 50},
		{name: "limit-500", query: "limit=500", limit: 500},
		{name: "cursor-middle", after: middle, limit: 50},
		{name: "walk-pages", walk: true, limit: 50},
		{name: "only-due", query: "only_due=true", where: `d.due_minor > 0`, limit: 50},
		{name: "walk-only-due", query: "only_due=true", where: `d.due_minor > 0`, walk: true, limit: 50},
		{name: "bucket-90+", query: "bucket=90%2B", where: `d.oldest_due < $2`, args: []any{over90}, limit: 50},
		{name: "kind-public", query: "kind=public", where: `d.kind = $2`, args: []any{"public"}, limit: 50},
		{name: "tag-export", query: "tag=export", limit: 50,
			where: `EXISTS (SELECT 1 FROM debtor_tags t WHERE t.org_id = d.org_id AND t.debtor_id = d.id AND t.tag = $2)`, args: []any{"export"}},
		{name: "search-name", query: "q=boulangerie", where: `d.search_key LIKE $2 ESCAPE '\'`, args: []any{"%boulangerie%"}, limit: 50},
		{name: "search-accents", query: "q=" + url.QueryEscape("Électricité Azur"), limit: 50,
			where: `d.search_key LIKE $2 ESCAPE '\'`, args: []any{"%electricite azur%"}},
		{name: "search-none", query: "q=zzzz", where: `d.search_key LIKE $2 ESCAPE '\'`, args: []any{"%zzzz%"}, limit: 50},
		{name: "due-and-kind", query: "only_due=true&kind=business&bucket=1-30", limit: 50,
			where: `d.due_minor > 0 AND d.kind = $2 AND d.oldest_due >= $3 AND d.oldest_due <= $4`,
			args:  []any{"business", storetest.Today.AddDays(-30), storetest.Today.AddDays(-1)}},
	}
}

// BenchmarkListDebtors serves GET /api/v1/debtors through the API's
// handler: token lookup, membership, the store's query, JSON.
func BenchmarkListDebtors(b *testing.B) {
	env := openBench(b)
	for _, s := range shapes() {
		b.Run(s.name, func(b *testing.B) {
			var cursor string
			if s.after != nil {
				cursor = cursorOf("debtors", s.after(env))
			}
			lat := make([]time.Duration, 0, b.N)
			rows := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				target := "/api/v1/debtors?" + s.query
				if cursor != "" {
					target += "&cursor=" + cursor
				}
				req := httptest.NewRequest(http.MethodGet, target, nil)
				req.Header.Set("Authorization", "Bearer "+env.token)
				rec := httptest.NewRecorder()
				start := time.Now()
				env.mux.ServeHTTP(rec, req)
				lat = append(lat, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
				}
				n, next := pageOf(b, rec.Body.Bytes())
				rows += n
				if s.walk {
					cursor = next // "" at the end: back to the first page
				}
			}
			b.StopTimer()
			report(b, lat, rows)
		})
	}
}

// pageOf counts the items of a list body and returns its next cursor,
// without decoding each debtor.
func pageOf(b *testing.B, body []byte) (int, string) {
	var page struct {
		Data       []struct{} `json:"data"`
		NextCursor *string    `json:"next_cursor"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		b.Fatalf("decode page: %v", err)
	}
	if page.NextCursor == nil {
		return len(page.Data), ""
	}
	return len(page.Data), *page.NextCursor
}

// bareCols are the columns the store's portfolio query reads.
const bareCols = `d.id, d.org_id, d.creditor_id, d.ref, d.name, d.kind, d.siren, d.siret, d.vat_number, d.lang,
	d.credit_limit_minor, d.currency, d.created_at, d.due_minor, d.overdue_minor, d.credit_minor, d.open_count,
	d.late_count, d.oldest_due, d.last_action_at, d.last_event`

// BenchmarkListDebtorsBareSQL reads the same pages as
// BenchmarkListDebtors with one plain SQL query each on the debtors table,
// scanning raw bytes: the database's own share of a request.
func BenchmarkListDebtorsBareSQL(b *testing.B) {
	env := openBench(b)
	db := env.st.Writer()
	for _, s := range shapes() {
		b.Run(s.name, func(b *testing.B) {
			where := `d.org_id = $1`
			if s.where != "" {
				where += ` AND ` + s.where
			}
			args := append([]any{env.orgID}, s.args...)
			// The store's statements: the condition on the id only with a
			// cursor (it changes the plan: without it, SQLite may read a
			// filter's index and sort its rows by id).
			first := `SELECT ` + bareCols + ` FROM debtors d WHERE ` + where + ` ORDER BY d.id LIMIT $` + strconv.Itoa(len(args)+1)
			more := `SELECT ` + bareCols + ` FROM debtors d WHERE ` + where + ` AND d.id > $` + strconv.Itoa(len(args)+1) +
				` ORDER BY d.id LIMIT $` + strconv.Itoa(len(args)+2)
			var after int64
			if s.after != nil {
				after = s.after(env)
			}
			lat := make([]time.Duration, 0, b.N)
			rows := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q, qa := first, append(args, s.limit+1)
				if after > 0 {
					q, qa = more, append(args, after, s.limit+1)
				}
				start := time.Now()
				n, last, err := bareQuery(db, q, qa)
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				rows += min(n, s.limit)
				if s.walk {
					after = 0
					if n > s.limit {
						after = last
					}
				}
			}
			b.StopTimer()
			report(b, lat, rows)
		})
	}
}

// BenchmarkListDebtorsBareCount runs, for each first-page shape, the
// COUNT(*) with the same conditions that the store adds to a page asked
// for without a cursor (the total of the web's pagination; the API does
// not return it). With BenchmarkListDebtorsBareSQL, it splits a first
// page's time between the page and the count.
func BenchmarkListDebtorsBareCount(b *testing.B) {
	env := openBench(b)
	db := env.st.Writer()
	for _, s := range shapes() {
		if s.after != nil || s.walk {
			continue // with a cursor, the store counts nothing
		}
		b.Run(s.name, func(b *testing.B) {
			q := `SELECT COUNT(*) FROM debtors d WHERE d.org_id = $1`
			if s.where != "" {
				q += ` AND ` + s.where
			}
			args := append([]any{env.orgID}, s.args...)
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var n int
				start := time.Now()
				err := db.QueryRow(q, args...).Scan(&n)
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			report(b, lat, -1)
		})
	}
}

// bareQuery runs q and scans each row into raw bytes, returning the rows
// read and the id of the last page row.
func bareQuery(db *sql.DB, q string, args []any) (n int, lastID int64, err error) {
	rs, err := db.Query(q, args...)
	if err != nil {
		return 0, 0, err
	}
	defer rs.Close()
	cols := make([]sql.RawBytes, 21)
	dest := make([]any, len(cols))
	for i := range cols {
		dest[i] = &cols[i]
	}
	limit := args[len(args)-1].(int) - 1
	for rs.Next() {
		if err := rs.Scan(dest...); err != nil {
			return n, lastID, err
		}
		n++
		if n <= limit {
			if lastID, err = strconv.ParseInt(string(cols[0]), 10, 64); err != nil {
				return n, lastID, err
			}
		}
	}
	return n, lastID, rs.Err()
}

// BenchmarkListDebtorsSorted measures the orders the API does not offer
// (it lists in id order) at the store, as the web portfolio asks for them.
func BenchmarkListDebtorsSorted(b *testing.B) {
	env := openBench(b)
	ctx := store.WithOrg(context.Background(), env.orgID)
	middle := int(env.maxID-env.minID+1) / 2 / 50 * 50 // a page in the middle
	for _, tt := range []struct {
		name string
		q    store.DebtorQuery
	}{
		{"name", store.DebtorQuery{Sort: store.SortName}},
		{"due-desc", store.DebtorQuery{Sort: store.SortDue, Desc: true}},
		{"overdue-desc", store.DebtorQuery{Sort: store.SortOverdue, Desc: true}},
		{"days-late-desc", store.DebtorQuery{Sort: store.SortDaysLate, Desc: true}},
		{"last-action-desc", store.DebtorQuery{Sort: store.SortLastAction, Desc: true}},
		{"name-offset-middle", store.DebtorQuery{Sort: store.SortName, Offset: middle}},
		{"due-desc-only-due-search", store.DebtorQuery{Sort: store.SortDue, Desc: true, OnlyDue: true, Search: "sarl"}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			rows := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				page, err := env.st.ListDebtors(ctx, tt.q, storetest.Today)
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				rows += len(page.Rows)
			}
			b.StopTimer()
			report(b, lat, rows)
		})
	}
}

// report adds the percentiles of lat and, unless rows is negative, the
// rows per request.
func report(b *testing.B, lat []time.Duration, rows int) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(lat)))) - 1
		return float64(lat[max(i, 0)]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	if rows >= 0 {
		b.ReportMetric(float64(rows)/float64(len(lat)), "rows/op")
	}
}

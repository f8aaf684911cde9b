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
// a fifth as many debtors). The database is built once and reused by later
// runs, the web interface's benchmarks included (see package benchdata:
// RECOUVRE_BENCH_DB, or recouvre-bench-<invoices>.db in the system's
// temporary folder). The clock is fixed on the demo's today, so the
// summaries stay valid from one day to the next.
//
// docs/benchmarks.md has the measured figures.

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/demo/benchdata"
	"github.com/recouvre/recouvre/internal/store"
)

// benchEnv is the benchmark database with the API mounted on it, shared
// by every benchmark of a run.
type benchEnv struct {
	*benchdata.Env
	token string
	mux   *http.ServeMux
}

var (
	benchOnce sync.Mutex
	benchData *benchEnv
)

// openBench returns the benchmark database, building it on first use, and
// mounts the API on it with a new token of the benchmark user.
func openBench(b *testing.B) *benchEnv {
	b.Helper()
	benchOnce.Lock()
	defer benchOnce.Unlock()
	if benchData != nil {
		return benchData
	}
	n, err := benchdata.Invoices()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	start := time.Now()
	db, built, err := benchdata.Open(ctx, n)
	if err != nil {
		b.Fatal(err)
	}
	if built {
		b.Logf("built %s with %d invoices in %s", db.Path, n, time.Since(start).Round(time.Second))
	}
	plain, hash := auth.NewToken(auth.APITokenPrefix)
	tok := &store.APIToken{OrgID: db.OrgID, UserID: db.UserID, Name: "bench", TokenHash: hash}
	if err := db.Store.CreateAPIToken(store.WithOrg(ctx, db.OrgID), tok); err != nil {
		db.Store.Close()
		b.Fatal(err)
	}
	env := &benchEnv{Env: db, token: plain, mux: http.NewServeMux()}
	log := slog.New(slog.DiscardHandler)
	api.New(api.Options{Store: db.Store, Now: func() time.Time { return benchdata.Now }, Logger: log}).Register(env.mux)
	benchData = env
	return env
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
	middle := func(env *benchEnv) int64 { return env.MinID + (env.MaxID-env.MinID)/2 }
	over90 := benchdata.Today.AddDays(-90)
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
			args:  []any{"business", benchdata.Today.AddDays(-30), benchdata.Today.AddDays(-1)}},
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
			benchdata.Report(b, lat, rows)
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
	db := env.Store.Writer()
	for _, s := range shapes() {
		b.Run(s.name, func(b *testing.B) {
			where := `d.org_id = $1`
			if s.where != "" {
				where += ` AND ` + s.where
			}
			args := append([]any{env.OrgID}, s.args...)
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
			benchdata.Report(b, lat, rows)
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
	db := env.Store.Writer()
	for _, s := range shapes() {
		if s.after != nil || s.walk {
			continue // with a cursor, the store counts nothing
		}
		b.Run(s.name, func(b *testing.B) {
			q := `SELECT COUNT(*) FROM debtors d WHERE d.org_id = $1`
			if s.where != "" {
				q += ` AND ` + s.where
			}
			args := append([]any{env.OrgID}, s.args...)
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
			benchdata.Report(b, lat, -1)
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
	ctx := store.WithOrg(context.Background(), env.OrgID)
	middle := int(env.MaxID-env.MinID+1) / 2 / 50 * 50 // a page in the middle
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
				page, err := env.Store.ListDebtors(ctx, tt.q, benchdata.Today)
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				rows += len(page.Rows)
			}
			b.StopTimer()
			benchdata.Report(b, lat, rows)
		})
	}
}

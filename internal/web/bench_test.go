package web_test

// Latency benchmarks of the pages people open most, on the demo portfolio
// at RECOUVRE_BENCH_INVOICES (default 20,000; 1,000,000 for the figures
// of docs/benchmarks.md), through the whole HTTP handler as served —
// session lookup, the store's queries, the template — against the bare
// SQL a page needs.
//
//	RECOUVRE_BENCH_INVOICES=1000000 go test ./internal/web/ -run '^$' -bench 'Page' -benchtime=300x -timeout 60m
//
// The database is built once and reused (see package benchdata).

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/demo/benchdata"
	"github.com/recouvre/recouvre/internal/server"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/web"
)

type pageBench struct {
	env     *benchdata.Env
	handler http.Handler
	cookie  *http.Cookie
}

var (
	pageBenchMu   sync.Mutex
	pageBenchData *pageBench
)

// openPageBench opens the benchmark database and logs its user in.
func openPageBench(b *testing.B) *pageBench {
	b.Helper()
	pageBenchMu.Lock()
	defer pageBenchMu.Unlock()
	if pageBenchData != nil {
		return pageBenchData
	}
	n, err := benchdata.Invoices()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	env, built, err := benchdata.Open(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	if built {
		b.Logf("built %s in %s", env.Path, time.Since(start).Round(time.Second))
	}
	now := func() time.Time { return benchdata.Now }
	h, err := server.Handler(server.Config{Store: env.Store, Now: now, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	plain, hash := auth.NewToken(auth.SessionPrefix)
	err = env.Store.CreateSession(context.Background(), store.Session{TokenHash: hash, UserID: env.UserID, OrgID: env.OrgID,
		CreatedAt: benchdata.Now, ExpiresAt: benchdata.Now.Add(time.Hour)})
	if err != nil {
		b.Fatal(err)
	}
	pageBenchData = &pageBench{env: env, handler: h, cookie: &http.Cookie{Name: web.SessionCookie, Value: plain}}
	return pageBenchData
}

func (p *pageBench) get(b *testing.B, target string) time.Duration {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.AddCookie(p.cookie)
	rec := httptest.NewRecorder()
	start := time.Now()
	p.handler.ServeHTTP(rec, req)
	took := time.Since(start)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d", target, rec.Code)
	}
	return took
}

// portfolioShapes are the portfolio views people use, by query string.
func portfolioShapes(env *benchdata.Env) []struct{ name, query string } {
	middle := (env.MaxID - env.MinID + 1) / 2 / 50
	return []struct{ name, query string }{
		{"default", ""},
		{"page-2", "?page=2"},
		{"name-middle-page", fmt.Sprintf("?sort=name&dir=asc&page=%d", middle)},
		{"due-desc", "?sort=due&dir=desc"},
		{"days-late-desc", "?sort=days_late&dir=desc"},
		{"last-action-desc", "?sort=last_action&dir=desc"},
		{"search-name", "?q=boulangerie"},
		{"search-siren-prefix", "?q=552"},
		{"kind-public", "?kind=public"},
		{"bucket-90+", "?bucket=90%2B"},
		{"tag-export", "?tag=export"},
		{"due-business-1-30", "?due=1&kind=business&bucket=1-30"},
	}
}

// BenchmarkPortfolioPage serves GET /debtors: session, count, page, tags,
// template.
func BenchmarkPortfolioPage(b *testing.B) {
	p := openPageBench(b)
	for _, s := range portfolioShapes(p.env) {
		b.Run(s.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				lat = append(lat, p.get(b, "/debtors"+s.query))
			}
			b.StopTimer()
			benchdata.Report(b, lat, 50*len(lat))
		})
	}
}

// BenchmarkPortfolioPageBareSQL runs the SQL the default portfolio page
// needs — the count, the first 50 rows by amount overdue, the tags — as
// plain queries scanning raw bytes: the database's share of the page.
func BenchmarkPortfolioPageBareSQL(b *testing.B) {
	p := openPageBench(b)
	db := p.env.Store.Writer()
	lat := make([]time.Duration, 0, b.N)
	cols := make([]sql.RawBytes, 21)
	dest := make([]any, len(cols))
	for i := range cols {
		dest[i] = &cols[i]
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM debtors d WHERE d.org_id = $1`, p.env.OrgID).Scan(&n); err != nil {
			b.Fatal(err)
		}
		rows, err := db.Query(`SELECT d.id, d.org_id, d.creditor_id, d.ref, d.name, d.kind, d.siren, d.siret, d.vat_number, d.lang,
			d.credit_limit_minor, d.currency, d.created_at, d.due_minor, d.overdue_minor, d.credit_minor, d.open_count,
			d.late_count, d.oldest_due, d.last_action_at, d.last_event
			FROM debtors d WHERE d.org_id = $1 ORDER BY d.overdue_minor DESC, d.id DESC LIMIT 51`, p.env.OrgID)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				b.Fatal(err)
			}
		}
		rows.Close()
		tags, err := db.Query(`SELECT DISTINCT tag FROM debtor_tags WHERE org_id = $1 ORDER BY tag`, p.env.OrgID)
		if err != nil {
			b.Fatal(err)
		}
		for tags.Next() {
		}
		tags.Close()
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	benchdata.Report(b, lat, 50*len(lat))
}

// BenchmarkDebtorPage serves GET /debtors/{id} for debtors spread over
// the portfolio: identity, balance, every document, payments,
// allocations, the last 200 events.
func BenchmarkDebtorPage(b *testing.B) {
	p := openPageBench(b)
	span := p.env.MaxID - p.env.MinID + 1
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := p.env.MinID + int64(i)*7919%span
		lat = append(lat, p.get(b, fmt.Sprintf("/debtors/%d", id)))
	}
	b.StopTimer()
	benchdata.Report(b, lat, len(lat))
}

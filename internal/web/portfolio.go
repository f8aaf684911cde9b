package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// pageSize is the number of debtors on a portfolio page.
const pageSize = 50

// portfolioPage is the data of the portfolio.
type portfolioPage struct {
	*view
	Query   url.Values // the filters as submitted, for links
	Filter  store.DebtorQuery
	Page    store.DebtorPage
	Tags    []string
	Kinds   []ledger.DebtorKind
	Buckets []string
	Columns []column
	PageNo  int
	Pages   int
	First   int // 1-based index of the first row shown
	Last    int
}

// column is a sortable header of the portfolio.
type column struct {
	Key     store.DebtorSort
	Label   string // catalogue key
	Numeric bool
}

var portfolioColumns = []column{
	{store.SortName, "portfolio.col.debtor", false},
	{store.SortRef, "portfolio.col.ref", false},
	{"", "portfolio.col.kind", false},
	{store.SortDue, "portfolio.col.due", true},
	{store.SortOverdue, "portfolio.col.overdue", true},
	{store.SortDaysLate, "portfolio.col.days_late", true},
	{store.SortLastAction, "portfolio.col.last_action", false},
}

// SortLink is the query that sorts by col: descending first for figures
// and dates, ascending for names; a second click reverses.
func (p *portfolioPage) SortLink(col store.DebtorSort) string {
	dir := "asc"
	if col == p.Filter.Sort {
		if !p.Filter.Desc {
			dir = "desc"
		}
	} else if col != store.SortName && col != store.SortRef {
		dir = "desc"
	}
	return queryWith(p.Query, "sort", string(col), "dir", dir, "page", "")
}

// AriaSort is the aria-sort value of col's header.
func (p *portfolioPage) AriaSort(col store.DebtorSort) string {
	switch {
	case col == "" || col != p.Filter.Sort:
		return "none"
	case p.Filter.Desc:
		return "descending"
	default:
		return "ascending"
	}
}

// PageLink is the query of page n.
func (p *portfolioPage) PageLink(n int) string { return queryWith(p.Query, "page", strconv.Itoa(n)) }

// Bucket is the overdue bucket of a row.
func (p *portfolioPage) Bucket(r store.DebtorRow) string {
	return ledger.AgingBucket(r.Balance.DaysLate)
}

// Filtered reports whether any filter is set, to offer clearing them.
func (p *portfolioPage) Filtered() bool {
	f := p.Filter
	return f.Search != "" || f.Kind != "" || f.Bucket != "" || f.Tag != "" || f.OnlyDue
}

func (ui *UI) showPortfolioPage(w http.ResponseWriter, r *http.Request, v *view) error {
	v.Title, v.Nav = "portfolio.title", "portfolio"
	q := r.URL.Query()
	f := parsePortfolioQuery(q)
	pageNo := max(1, atoi(q.Get("page")))
	f.Offset = (pageNo - 1) * pageSize
	ctx := r.Context()
	page, err := ui.store.ListDebtors(ctx, f, v.Today)
	if err != nil {
		return err
	}
	tags, err := ui.store.Tags(ctx)
	if err != nil {
		return err
	}
	data := &portfolioPage{view: v, Query: q, Filter: f, Page: page, Tags: tags, PageNo: pageNo,
		Kinds:   []ledger.DebtorKind{ledger.KindConsumer, ledger.KindBusiness, ledger.KindPublic},
		Buckets: ledger.Buckets, Columns: portfolioColumns}
	data.Pages = max(1, (page.Total+pageSize-1)/pageSize)
	if len(page.Rows) > 0 {
		data.First = f.Offset + 1
		data.Last = f.Offset + len(page.Rows)
	}
	ui.render(w, r, http.StatusOK, "portfolio", data)
	return nil
}

// parsePortfolioQuery reads the filters and the order from the query;
// unknown values are ignored rather than refused, as a hand-edited URL
// should still show a page.
func parsePortfolioQuery(q url.Values) store.DebtorQuery {
	f := store.DebtorQuery{
		Search:  strings.TrimSpace(q.Get("q")),
		Tag:     q.Get("tag"),
		OnlyDue: q.Get("due") == "1",
		Limit:   pageSize,
		Sort:    store.SortOverdue,
		Desc:    true,
	}
	if k := ledger.DebtorKind(q.Get("kind")); k.Valid() {
		f.Kind = k
	}
	for _, b := range ledger.Buckets {
		if q.Get("bucket") == b {
			f.Bucket = b
		}
	}
	for _, c := range portfolioColumns {
		if c.Key != "" && string(c.Key) == q.Get("sort") {
			f.Sort = c.Key
			f.Desc = q.Get("dir") == "desc"
		}
	}
	return f
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0
	}
	return n
}

package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// sortColumns maps a portfolio order to its indexed column. Days late is
// the oldest overdue due date reversed.
var sortColumns = map[store.DebtorSort]struct {
	col     string
	reverse bool
}{
	store.SortName:       {"d.search_key", false}, // the folded name first: accent-blind order
	store.SortRef:        {"d.ref", false},
	store.SortDue:        {"d.due_minor", false},
	store.SortOverdue:    {"d.overdue_minor", false},
	store.SortDaysLate:   {"d.oldest_due", true},
	store.SortLastAction: {"d.last_action_at", false},
}

// ListDebtors returns a page of the portfolio with each debtor's balance.
func (db *DB) ListDebtors(ctx context.Context, q store.DebtorQuery, today civil.Date) (store.DebtorPage, error) {
	page := store.DebtorPage{AsOf: today}
	orgID, err := org(ctx)
	if err != nil {
		return page, err
	}
	if err := db.ensureSummaries(ctx, orgID, today); err != nil {
		return page, err
	}
	var a args
	where, err := debtorWhere(&a, orgID, q, today)
	if err != nil {
		return page, err
	}
	n := limit(q.Limit, 50, 500)
	if q.After == 0 && !q.SkipTotal {
		if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM debtors d WHERE `+where, a...).Scan(&page.Total); err != nil {
			return page, fmt.Errorf("count debtors: %w", err)
		}
	}
	sqlText := `SELECT ` + debtorCols + `, d.due_minor, d.overdue_minor, d.credit_minor, d.open_count, d.late_count, d.oldest_due, d.last_action_at, d.last_event
		FROM debtors d WHERE ` + where + ` ORDER BY ` + debtorOrder(q) + ` LIMIT ` + a.add(n+1)
	if q.After == 0 && q.Offset > 0 {
		sqlText += ` OFFSET ` + a.add(q.Offset)
	}
	rows, err := db.r.QueryContext(ctx, sqlText, a...)
	if err != nil {
		return page, fmt.Errorf("list debtors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanDebtorRow(rows, today)
		if err != nil {
			return page, fmt.Errorf("scan debtor: %w", err)
		}
		page.Rows = append(page.Rows, r)
	}
	if len(page.Rows) > n {
		page.Rows = page.Rows[:n]
		if q.After > 0 || q.Sort == "" {
			page.Next = page.Rows[n-1].Debtor.ID
		}
	}
	return page, rows.Err()
}

func debtorWhere(a *args, orgID int64, q store.DebtorQuery, today civil.Date) (string, error) {
	w := []string{`d.org_id = ` + a.add(orgID)}
	if s := strings.TrimSpace(q.Search); s != "" {
		if digits := strings.ReplaceAll(s, " ", ""); isDigits(digits) {
			s = digits
		}
		w = append(w, `d.search_key LIKE `+a.add(likePattern(fold(s)))+` ESCAPE '\'`)
	}
	if q.Kind != "" {
		if !q.Kind.Valid() {
			return "", ledger.FieldError("kind", "unknown debtor kind %q", q.Kind)
		}
		w = append(w, `d.kind = `+a.add(string(q.Kind)))
	}
	if q.Tag != "" {
		// IN reads the tag's debtors from the (org_id, tag, debtor_id) index;
		// EXISTS would probe the tags once per debtor of the organization.
		w = append(w, `d.id IN (SELECT t.debtor_id FROM debtor_tags t WHERE t.org_id = `+a.add(orgID)+` AND t.tag = `+a.add(q.Tag)+`)`)
	}
	if q.OnlyDue {
		w = append(w, `d.due_minor > 0`)
	}
	if q.Bucket != "" {
		cond, err := bucketWhere(a, q.Bucket, today)
		if err != nil {
			return "", err
		}
		w = append(w, cond)
	}
	if q.After > 0 {
		w = append(w, `d.id > `+a.add(q.After))
	}
	return strings.Join(w, " AND "), nil
}

// bucketWhere selects debtors by the age of their oldest overdue invoice.
func bucketWhere(a *args, bucket string, today civil.Date) (string, error) {
	between := func(minDays, maxDays int) string {
		return `d.oldest_due >= ` + a.add(today.AddDays(-maxDays)) + ` AND d.oldest_due <= ` + a.add(today.AddDays(-minDays))
	}
	switch bucket {
	case "current":
		return `d.due_minor > 0 AND d.late_count = 0`, nil
	case "1-30":
		return between(1, 30), nil
	case "31-60":
		return between(31, 60), nil
	case "61-90":
		return between(61, 90), nil
	case "90+":
		return `d.oldest_due < ` + a.add(today.AddDays(-90)), nil
	}
	return "", ledger.FieldError("bucket", "unknown overdue bucket %q", bucket)
}

func debtorOrder(q store.DebtorQuery) string {
	if q.After > 0 || q.Sort == "" {
		return `d.id`
	}
	sc, ok := sortColumns[q.Sort]
	if !ok {
		sc = sortColumns[store.SortName]
	}
	desc := q.Desc != sc.reverse
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return sc.col + dir + `, d.id` + dir
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func scanDebtorRow(rows *sql.Rows, today civil.Date) (store.DebtorRow, error) {
	var r store.DebtorRow
	b := &r.Balance
	var last sql.NullTime
	err := scanDebtor(rows, &r.Debtor, &b.Due.Minor, &b.Overdue.Minor, &b.Credit.Minor, &b.OpenCount, &b.LateCount, &b.OldestDue, &last, &r.LastEvent)
	cur := money.Currency(r.Debtor.CreditLimit.Currency)
	b.Due.Currency, b.Overdue.Currency, b.Credit.Currency = cur, cur, cur
	if b.OldestDue.String() == noDate {
		b.OldestDue = civil.Date{}
	} else if !b.OldestDue.IsZero() {
		b.DaysLate = b.OldestDue.DaysUntil(today)
	}
	r.LastAction = last.Time
	return r, err
}

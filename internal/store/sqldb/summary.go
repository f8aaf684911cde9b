package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/store"
)

// noDate is the oldest_due of a debtor with nothing overdue: it sorts
// after every real date, so "most days late first" is an index scan.
const noDate = "9999-12-31"

// summarySQL recomputes the derived balance columns of debtors from the
// open documents, in one statement. $1 is the organization, $2 today; the
// DEBTOR placeholder narrows it to one debtor ($3) after a write.
const summarySQL = `
UPDATE debtors SET
    due_minor = s.due, overdue_minor = s.overdue, credit_minor = s.credit,
    open_count = s.open_count, late_count = s.late_count, oldest_due = s.oldest
FROM (
    SELECT d.id AS debtor_id,
        COALESCE(i.due, 0) AS due,
        COALESCE(i.overdue, 0) AS overdue,
        COALESCE(i.credit, 0) + COALESCE(p.credit, 0) AS credit,
        COALESCE(i.open_count, 0) AS open_count,
        COALESCE(i.late_count, 0) AS late_count,
        COALESCE(i.oldest, '` + noDate + `') AS oldest
    FROM debtors d
    LEFT JOIN (
        SELECT debtor_id,
            SUM(CASE WHEN kind = 'invoice' THEN amount_minor - allocated_minor ELSE 0 END) AS due,
            SUM(CASE WHEN kind = 'invoice' AND due_date < $2 THEN amount_minor - allocated_minor ELSE 0 END) AS overdue,
            SUM(CASE WHEN kind = 'credit_note' THEN amount_minor - allocated_minor ELSE 0 END) AS credit,
            SUM(CASE WHEN kind = 'invoice' THEN 1 ELSE 0 END) AS open_count,
            SUM(CASE WHEN kind = 'invoice' AND due_date < $2 THEN 1 ELSE 0 END) AS late_count,
            MIN(CASE WHEN kind = 'invoice' AND due_date < $2 THEN due_date END) AS oldest
        FROM invoices
        WHERE org_id = $1 AND amount_minor > allocated_minor DEBTOR
        GROUP BY debtor_id
    ) i ON i.debtor_id = d.id
    LEFT JOIN (
        SELECT debtor_id, SUM(amount_minor - allocated_minor) AS credit
        FROM payments
        WHERE org_id = $1 AND amount_minor > allocated_minor AND reversed_on IS NULL DEBTOR
        GROUP BY debtor_id
    ) p ON p.debtor_id = d.id
    WHERE d.org_id = $1 DEBTOR_D
) s
WHERE debtors.org_id = $1 AND debtors.id = s.debtor_id`

var (
	refreshAllSQL = strings.NewReplacer("DEBTOR_D", "", "DEBTOR", "").Replace(summarySQL)
	refreshOneSQL = strings.NewReplacer("DEBTOR_D", "AND d.id = $3", "DEBTOR", "AND debtor_id = $3").Replace(summarySQL)
)

// RefreshSummaries recomputes every debtor's balance as of today.
func (db *DB) RefreshSummaries(ctx context.Context, today civil.Date) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, refreshAllSQL, orgID, today); err != nil {
			return fmt.Errorf("refresh summaries: %w", err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE organizations SET summary_as_of = $1 WHERE id = $2`, today, orgID)
		return err
	})
}

// refreshDebtor recomputes one debtor's summary inside a write.
func (db *DB) refreshDebtor(ctx context.Context, tx *sql.Tx, orgID, debtorID int64) error {
	today := civil.Today(db.Now(), civil.Paris)
	if _, err := tx.ExecContext(ctx, refreshOneSQL, orgID, today, debtorID); err != nil {
		return fmt.Errorf("refresh debtor summary: %w", err)
	}
	return db.followUp(ctx, tx, orgID, debtorID)
}

// ensureSummaries refreshes the organization's summaries when they were
// computed for another day than today.
func (db *DB) ensureSummaries(ctx context.Context, orgID int64, today civil.Date) error {
	var asOf civil.Date
	err := db.r.QueryRowContext(ctx, `SELECT summary_as_of FROM organizations WHERE id = $1`, orgID).Scan(&asOf)
	if err != nil {
		return fmt.Errorf("read summary date: %w", err)
	}
	if asOf == today {
		return nil
	}
	return db.RefreshSummaries(ctx, today)
}

// RefreshStaleSummaries refreshes, organization by organization, the
// summaries computed for another day than today, and returns how many
// organizations it refreshed. serve runs it at start and after each
// midnight in Paris, so that no reader pays for the day's refresh.
func (db *DB) RefreshStaleSummaries(ctx context.Context, today civil.Date) (int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, summary_as_of FROM organizations ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("list organizations: %w", err)
	}
	var stale []int64
	for rows.Next() {
		var id int64
		var asOf civil.Date
		if err := rows.Scan(&id, &asOf); err != nil {
			rows.Close()
			return 0, err
		}
		if asOf != today {
			stale = append(stale, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for i, id := range stale {
		if err := db.RefreshSummaries(store.WithOrg(ctx, id), today); err != nil {
			return i, fmt.Errorf("organization %d: %w", id, err)
		}
	}
	return len(stale), nil
}

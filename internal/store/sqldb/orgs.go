package sqldb

import "context"

// OrganizationIDs lists every organization's id, for the jobs that run
// for each of them (the scheduler).
func (db *DB) OrganizationIDs(ctx context.Context) ([]int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM organizations ORDER BY id`)
	return column[int64](rows, err, "organizations")
}

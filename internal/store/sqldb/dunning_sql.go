package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
)

// The helpers the dunning storage shares: the action's columns and scan,
// times that may come back as text, lists of ids bound as one parameter,
// multi-row VALUES lists, the order of the stages.

// actionColumns are the columns of an action, in scan order.
var actionColumns = []string{"id", "org_id", "case_id", "debtor_id", "step_key", "channel", "scheduled_for", "status", "skip_reason",
	"created_at", "updated_at", "scenario_key", "template", "stage", "amount_due_minor", "currency", "approval", "attach_letter",
	"registered", "decided_by", "decided_at", "lease_owner", "lease_until", "attempts", "recipient", "message_id", "sent_at",
	"confirmed_at", "provider_ref", "error", "outcome", "note"}

var (
	// actionColsBare lists them unqualified (RETURNING), actionColsA
	// qualified by the alias a.
	actionColsBare = strings.Join(actionColumns, ", ")
	actionColsA    = qualify("a", actionColumns)
)

func qualify(alias string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = alias + "." + c
	}
	return strings.Join(parts, ", ")
}

// actionDest returns the scan destinations of actionColumns into a,
// followed by extra.
func actionDest(a *ledger.Action, extra ...any) []any {
	return append([]any{&a.ID, &a.OrgID, &a.CaseID, &a.DebtorID, &a.StepKey, &a.Channel, dbTime{&a.ScheduledFor}, &a.Status,
		&a.SkipReason, dbTime{&a.CreatedAt}, dbTime{&a.UpdatedAt}, &a.ScenarioKey, &a.Template, &a.Stage, &a.AmountDue.Minor,
		&a.AmountDue.Currency, &a.Approval, &a.AttachLetter, &a.Registered, &a.DecidedBy, dbTime{&a.DecidedAt}, &a.LeaseOwner,
		dbTime{&a.LeaseUntil}, &a.Attempts, &a.Recipient, &a.MessageID, dbTime{&a.SentAt}, dbTime{&a.ConfirmedAt}, &a.ProviderRef,
		&a.Error, &a.Outcome, &a.Note}, extra...)
}

func scanAction(sc scanner) (ledger.Action, error) {
	var a ledger.Action
	err := sc.Scan(actionDest(&a)...)
	return a, err
}

// dbTime scans a timestamp that may be NULL (the zero time) or, on
// SQLite, text: an aggregate such as MAX(at) loses the column's declared
// type, so the driver hands it over unparsed.
type dbTime struct{ t *time.Time }

// timeLayouts are the forms SQLite keeps times in (the driver writes
// the first).
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02",
}

// Scan implements sql.Scanner.
func (d dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d.t = time.Time{}
		return nil
	case time.Time:
		*d.t = v.UTC()
		return nil
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	}
	return fmt.Errorf("cannot scan %T into a time", src)
}

func (d dbTime) parse(s string) error {
	s = strings.TrimSuffix(s, " +0000 UTC")
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			*d.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("cannot read time %q", s)
}

// idList is a list of ids as the one parameter inIDs reads: a JSON
// array on SQLite, an array literal on PostgreSQL.
func (db *DB) idList(ids []int64) string {
	open, close := byte('['), byte(']')
	if db.pg() {
		open, close = '{', '}'
	}
	b := make([]byte, 0, len(ids)*8+2)
	b = append(b, open)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, close))
}

// pg says whether the database is PostgreSQL.
func (db *DB) pg() bool { return db.d.Name() == "postgres" }

// inIDs is the condition "col is one of the ids bound to placeholder"
// (see idList): one parameter for a list of any length, read in linear
// time — by json_each on SQLite; on PostgreSQL as an array, which an
// index scan takes key by key and a filter hashes (a list unnested from
// JSON in a subquery is planned as a nested loop re-reading the whole
// list for each row).
func (db *DB) inIDs(col, placeholder string) string {
	if db.pg() {
		return col + ` = ANY (` + placeholder + `::bigint[])`
	}
	return col + ` IN (SELECT value FROM json_each(` + placeholder + `))`
}

// valuesList is the VALUES list of n rows of cols parameters, numbered
// from 1 on PostgreSQL and anonymous on SQLite (the driver looks each
// numbered name up linearly, quadratic over a long statement).
func (db *DB) valuesList(n, cols int) string {
	var b strings.Builder
	k := 0
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := 0; j < cols; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			k++
			if db.pg() {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(k))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// stageRank orders the stages of an open case; 0 for others.
func stageRank(s ledger.Stage) int {
	switch s {
	case ledger.StagePreventive:
		return 1
	case ledger.StageAmicable:
		return 2
	case ledger.StageFormalNotice:
		return 3
	case ledger.StageLitigation:
		return 4
	}
	return 0
}

// jsonText encodes v as JSON text for a TEXT column.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// rowsAffected returns how many rows a statement changed.
func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// rowQueryer is a pool or a transaction.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// debtorExists fails with not found unless the debtor is the
// organization's.
func debtorExists(ctx context.Context, q rowQueryer, orgID, debtorID int64) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM debtors WHERE org_id = $1 AND id = $2`, orgID, debtorID).Scan(&n); err != nil {
		return fmt.Errorf("find debtor: %w", err)
	}
	if n == 0 {
		return notFound("debtor")
	}
	return nil
}

package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// importLines is the condition "the allocation or payment came with a
// line of import $2".
const importLines = `bank_line_id IN (SELECT id FROM bank_lines WHERE org_id = $1 AND import_id = $2)`

// bankUndoBlockers are the checks that forbid undoing a statement import
// ($1 organization, $2 import, $3 the journal's head after it), in order.
var bankUndoBlockers = []struct{ reason, query string }{
	{store.BankUndoReversals, `SELECT COUNT(*) FROM bank_lines WHERE org_id = $1 AND import_id = $2 AND status = 'reversed'`},
	{store.BankUndoResolved, `SELECT COUNT(*) FROM bank_lines WHERE org_id = $1 AND import_id = $2 AND status IN ('resolved', 'ignored')`},
	{store.BankUndoChanged, `SELECT COUNT(*) FROM events WHERE org_id = $1 AND seq > $3
		AND debtor_id IN (SELECT debtor_id FROM bank_lines WHERE org_id = $1 AND import_id = $2 AND debtor_id <> 0)`},
}

func (db *DB) bankUndoBlocked(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, b *store.BankImport) (string, error) {
	if b.Status == store.BatchUndone {
		return store.BankUndoUndone, nil
	}
	for _, u := range bankUndoBlockers {
		var n int
		params := []any{b.OrgID, b.ID, b.LastSeq}
		if !strings.Contains(u.query, "$3") {
			params = params[:2] // PostgreSQL wants every parameter used
		}
		if err := q.QueryRowContext(ctx, u.query, params...).Scan(&n); err != nil {
			return "", fmt.Errorf("check undo: %w", err)
		}
		if n > 0 {
			return u.reason, nil
		}
	}
	return "", nil
}

// BankImportUndoable says whether the statement import can still be
// undone, and why not.
func (db *DB) BankImportUndoable(ctx context.Context, id int64) (bool, string, error) {
	b, err := db.GetBankImport(ctx, id)
	if err != nil {
		return false, "", err
	}
	reason, err := db.bankUndoBlocked(ctx, db.r, b)
	return reason == "", reason, err
}

// bankUndoSteps take back what an import wrote, children first ($1
// organization, $2 import).
var bankUndoSteps = []string{
	`UPDATE invoices SET allocated_minor = allocated_minor - (SELECT COALESCE(SUM(a.amount_minor), 0) FROM allocations a
		WHERE a.org_id = $1 AND a.` + importLines + ` AND a.invoice_id = invoices.id)
	 WHERE org_id = $1 AND id IN (SELECT invoice_id FROM allocations WHERE org_id = $1 AND ` + importLines + `)`,
	`UPDATE invoices SET allocated_minor = allocated_minor - (SELECT COALESCE(SUM(a.amount_minor), 0) FROM allocations a
		WHERE a.org_id = $1 AND a.` + importLines + ` AND a.credit_note_id = invoices.id)
	 WHERE org_id = $1 AND id IN (SELECT credit_note_id FROM allocations WHERE org_id = $1 AND credit_note_id IS NOT NULL AND ` + importLines + `)`,
	`DELETE FROM allocations WHERE org_id = $1 AND ` + importLines,
	`DELETE FROM payments WHERE org_id = $1 AND ` + importLines,
	`DELETE FROM debtor_ibans WHERE org_id = $1 AND import_id = $2`,
	`DELETE FROM bank_lines WHERE org_id = $1 AND import_id = $2`,
}

// UndoBankImport takes back what a statement import wrote; the invoices
// it settled reopen, the reminders it cancelled come back.
func (db *DB) UndoBankImport(ctx context.Context, id int64) (*store.BankImport, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var b store.BankImport
	err = db.tx(ctx, func(tx *sql.Tx) error {
		// An import of receivables gives ids of its own: wait for one.
		if err := db.d.BeforeBulk(ctx, tx); err != nil {
			return err
		}
		b, err = scanBankImport(tx.QueryRowContext(ctx, `SELECT `+bankImportCols+` FROM bank_imports WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, id))
		if err := one(err, "bank import"); err != nil {
			return err
		}
		reason, err := db.bankUndoBlocked(ctx, tx, &b)
		if err != nil {
			return err
		}
		if reason != "" {
			return ledger.Errorf(ledger.EConflict, "bank import %d cannot be undone: %s", id, reason)
		}
		type removed struct {
			debtorID int64
			amount   money.Amount
			ref      string
		}
		rows, err := tx.QueryContext(ctx, `SELECT debtor_id, amount_minor, currency, reference FROM payments WHERE org_id = $1 AND `+importLines+` ORDER BY id`, orgID, id)
		pays, err := collect(rows, err, "payments of the import", func(sc scanner) (r removed, err error) {
			err = sc.Scan(&r.debtorID, &r.amount.Minor, &r.amount.Currency, &r.ref)
			return r, err
		})
		if err != nil {
			return err
		}
		for _, q := range bankUndoSteps {
			if _, err := tx.ExecContext(ctx, q, orgID, id); err != nil {
				return fmt.Errorf("undo bank import %d: %w", id, err)
			}
		}
		b.Status, b.UndoneAt, b.UndoneBy = store.BatchUndone, db.now(), store.ActorFrom(ctx).Name
		if _, err := tx.ExecContext(ctx, `UPDATE bank_imports SET status = $1, undone_at = $2, undone_by = $3 WHERE org_id = $4 AND id = $5`,
			b.Status, b.UndoneAt, b.UndoneBy, orgID, id); err != nil {
			return fmt.Errorf("mark bank import undone: %w", err)
		}
		for _, p := range pays {
			if err := db.appendEvent(ctx, tx, "payment.removed", p.debtorID, 0, obj("amount", money.Decimal(p.amount),
				"currency", string(p.amount.Currency), "reference", p.ref, "bank_import", id)); err != nil {
				return err
			}
		}
		if err := db.appendEvent(ctx, tx, "bank_import.undone", 0, 0, obj("bank_import", id, "file", b.FileName,
			"payments", len(pays))); err != nil {
			return err
		}
		return db.refreshInTx(ctx, tx, orgID)
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

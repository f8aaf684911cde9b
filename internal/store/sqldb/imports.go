package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// importWriter is the bulk writer of one import batch, with the lookups
// and the few direct writes an import needs on documents already stored.
type importWriter struct {
	*bulkWriter
	batch *store.ImportBatch
	// lookups counts the rows of this batch the lookups have seen
	// flushed; at nextAnalyze the planner's statistics are refreshed.
	lookups, nextAnalyze int
}

// firstAnalyze is how many rows an import writes before the statistics
// of the tables it fills are first refreshed; each refresh doubles it.
const firstAnalyze = 20000

// flushForLookup writes the buffered rows so that a lookup sees them, and
// keeps the planner's statistics in step with a fast-growing table.
func (w *importWriter) flushForLookup() error {
	w.lookups += w.pending
	if err := w.flush(); err != nil {
		return err
	}
	if w.lookups < w.nextAnalyze {
		return nil
	}
	w.nextAnalyze *= 2
	return w.db.d.Analyze(w.ctx, w.tx, "debtors", "invoices", "payments")
}

var _ store.ImportWriter = (*importWriter)(nil)

// Import runs fn inside one transaction that also records the batch,
// then refreshes the summaries.
func (db *DB) Import(ctx context.Context, b *store.ImportBatch, fn func(store.ImportWriter) error) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.importTx(ctx, orgID, b, fn)
}

// refreshInTx recomputes the organization's summaries inside tx, so that
// a write and the balances it changes commit together.
func (db *DB) refreshInTx(ctx context.Context, tx *sql.Tx, orgID int64) error {
	today := civil.Today(db.Now(), civil.Paris)
	if _, err := tx.ExecContext(ctx, refreshAllSQL, orgID, today); err != nil {
		return fmt.Errorf("refresh summaries: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE organizations SET summary_as_of = $1 WHERE id = $2`, today, orgID); err != nil {
		return fmt.Errorf("refresh summaries: %w", err)
	}
	return db.followUp(ctx, tx, orgID, 0)
}

// importTx holds one writer connection for the whole import, summaries
// refreshed included.
func (db *DB) importTx(ctx context.Context, orgID int64, b *store.ImportBatch, fn func(store.ImportWriter) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("import: connection: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	w := newBulkWriter(ctx, db, conn, tx, orgID)
	if err := w.start(); err != nil {
		return err
	}
	if !w.creditorIDs[b.CreditorID] {
		return notFound("creditor")
	}
	actor := store.ActorFrom(ctx)
	b.OrgID, b.Status, b.FirstSeq = orgID, store.BatchApplied, w.headSeq
	b.ActorID, b.Actor, b.CreatedAt = actor.UserID, actor.Name, db.now()
	if err := insertBatch(ctx, tx, b); err != nil {
		return err
	}
	w.batchID = b.ID
	if err := fn(&importWriter{bulkWriter: w, batch: b, nextAnalyze: firstAnalyze}); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	b.LastSeq = w.headSeq
	if err := updateBatch(ctx, tx, b); err != nil {
		return err
	}
	if err := db.refreshInTx(ctx, tx, orgID); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import: commit: %w", err)
	}
	return nil
}

// RecordRefusedImport keeps a batch that wrote nothing.
func (db *DB) RecordRefusedImport(ctx context.Context, b *store.ImportBatch) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	actor := store.ActorFrom(ctx)
	b.OrgID, b.Status = orgID, store.BatchRefused
	b.ActorID, b.Actor, b.CreatedAt = actor.UserID, actor.Name, db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM creditors WHERE org_id = $1 AND id = $2`, orgID, b.CreditorID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("creditor")
		}
		if err := insertBatch(ctx, tx, b); err != nil {
			return err
		}
		return updateBatch(ctx, tx, b)
	})
}

func insertBatch(ctx context.Context, tx *sql.Tx, b *store.ImportBatch) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO import_batches (org_id, creditor_id, file_name, sha256, size_bytes, format, encoding,
		mapping_name, snapshot, skip_invalid, status, actor_id, actor, created_at, first_seq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		b.OrgID, b.CreditorID, b.FileName, b.SHA256, b.Size, b.Format, b.Encoding, b.MappingName, b.Snapshot, b.SkipInvalid,
		b.Status, b.ActorID, b.Actor, b.CreatedAt, b.FirstSeq).Scan(&b.ID)
	if err != nil {
		return fmt.Errorf("insert import batch: %w", err)
	}
	return nil
}

func updateBatch(ctx context.Context, tx *sql.Tx, b *store.ImportBatch) error {
	errs := b.Errors
	if len(errs) > store.MaxStoredErrors {
		errs = errs[:store.MaxStoredErrors]
	}
	if errs == nil {
		errs = []store.ImportError{}
	}
	js, err := json.Marshal(errs)
	if err != nil {
		return fmt.Errorf("import batch errors: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE import_batches SET lines = $1, created_count = $2, updated_count = $3, unchanged_count = $4,
		settled_count = $5, debtors_created = $6, error_count = $7, errors = $8, last_seq = $9, encoding = $10, format = $11,
		sha256 = $12, size_bytes = $13
		WHERE org_id = $14 AND id = $15`,
		b.Lines, b.Created, b.Updated, b.Unchanged, b.Settled, b.DebtorsCreated, b.ErrorCount, string(js), b.LastSeq,
		b.Encoding, b.Format, b.SHA256, b.Size, b.OrgID, b.ID)
	if err != nil {
		return fmt.Errorf("update import batch: %w", err)
	}
	return nil
}

func (w *importWriter) Batch() *store.ImportBatch { return w.batch }

// in builds the condition "col is one of vals" with one parameter, or ""
// when vals is empty.
func (w *importWriter) in(a *args, col string, vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	js, err := json.Marshal(vals)
	if err != nil {
		panic(fmt.Sprintf("sqldb: list of strings: %v", err)) // strings always encode
	}
	return w.db.d.InJSON(col, a.add(string(js)))
}

func (w *importWriter) FindDebtors(creditorID int64, refs, sirens, names []string) ([]ledger.Debtor, error) {
	if err := w.flushForLookup(); err != nil {
		return nil, err
	}
	var a args
	var ors []string
	for _, c := range []string{w.in(&a, "d.ref", refs), w.in(&a, "d.siren", sirens), w.in(&a, "d.name", names)} {
		if c != "" {
			ors = append(ors, c)
		}
	}
	if len(ors) == 0 {
		return nil, nil
	}
	q := `SELECT ` + debtorCols + ` FROM debtors d WHERE d.org_id = ` + a.add(w.orgID) + ` AND d.creditor_id = ` + a.add(creditorID) +
		` AND (` + strings.Join(ors, " OR ") + `)`
	rows, err := w.tx.QueryContext(w.ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("import: find debtors: %w", err)
	}
	defer rows.Close()
	var out []ledger.Debtor
	for rows.Next() {
		var d ledger.Debtor
		if err := scanDebtor(rows, &d); err != nil {
			return nil, fmt.Errorf("import: scan debtor: %w", err)
		}
		w.creditorOf[d.ID] = d.CreditorID
		out = append(out, d)
	}
	return out, rows.Err()
}

func (w *importWriter) FindInvoices(creditorID int64, numbers []string) ([]ledger.Invoice, error) {
	if len(numbers) == 0 {
		return nil, nil
	}
	if err := w.flushForLookup(); err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + invoiceCols + ` FROM invoices WHERE org_id = ` + a.add(w.orgID) +
		` AND creditor_id = ` + a.add(creditorID) + ` AND ` + w.in(&a, "number", numbers)
	rows, err := w.tx.QueryContext(w.ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("import: find invoices: %w", err)
	}
	defer rows.Close()
	var out []ledger.Invoice
	for rows.Next() {
		ii, err := scanInvoice(rows)
		if err != nil {
			return nil, fmt.Errorf("import: scan invoice: %w", err)
		}
		w.creditorOf[ii.DebtorID] = ii.CreditorID
		out = append(out, ii)
	}
	return out, rows.Err()
}

func (w *importWriter) FindPayments(creditorID int64, keys []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(keys) == 0 {
		return out, nil
	}
	if err := w.flushForLookup(); err != nil {
		return nil, err
	}
	var a args
	q := `SELECT import_key, id FROM payments WHERE org_id = ` + a.add(w.orgID) + ` AND creditor_id = ` + a.add(creditorID) +
		` AND ` + w.in(&a, "import_key", keys)
	rows, err := w.tx.QueryContext(w.ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("import: find payments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}

// invoiceBefore is what an update changed, kept to undo it.
type invoiceBefore struct {
	AmountMinor int64      `json:"amount_minor"`
	IssueDate   civil.Date `json:"issue_date"`
	DueDate     civil.Date `json:"due_date"`
}

func (w *importWriter) UpdateInvoice(before, after ledger.Invoice) error {
	if err := w.flush(); err != nil {
		return err
	}
	if after.Amount.Minor < before.Allocated.Minor || after.Amount.Minor <= 0 {
		return ledger.FieldError("amount", "invoice %s: the new amount is below what is already settled", before.Number)
	}
	_, err := w.tx.ExecContext(w.ctx, `UPDATE invoices SET amount_minor = $1, issue_date = $2, due_date = $3 WHERE org_id = $4 AND id = $5`,
		after.Amount.Minor, after.IssueDate, nullDate(after.DueDate), w.orgID, before.ID)
	if err != nil {
		return fmt.Errorf("import: update invoice %s: %w", before.Number, err)
	}
	b, _ := json.Marshal(invoiceBefore{before.Amount.Minor, before.IssueDate, before.DueDate})
	if err := w.addChange("updated", before.ID, b); err != nil {
		return err
	}
	return w.AddEvent(&journal.Event{Type: "invoice.updated", DebtorID: before.DebtorID, InvoiceID: before.ID,
		Payload: obj("number", before.Number, "batch", w.batch.ID,
			"amount_before", money.Decimal(before.Amount), "amount", money.Decimal(after.Amount),
			"due_date_before", before.DueDate.String(), "due_date", after.DueDate.String(),
			"issue_date_before", before.IssueDate.String(), "issue_date", after.IssueDate.String())})
}

func (w *importWriter) addChange(action string, invoiceID int64, before []byte) error {
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO import_changes (org_id, batch_id, action, invoice_id, before) VALUES ($1, $2, $3, $4, $5)`,
		w.orgID, w.batch.ID, action, invoiceID, string(before))
	if err != nil {
		return fmt.Errorf("import: record change: %w", err)
	}
	return nil
}

// Settle writes the payment and its allocation directly: the invoice was
// stored before this batch, so it is not among the buffered rows.
func (w *importWriter) Settle(s store.Settlement) error {
	if err := w.flush(); err != nil {
		return err
	}
	if s.Amount.Minor <= 0 {
		return ledger.FieldError("amount", "a settlement must be positive")
	}
	creditorID, ok := w.creditorOf[s.DebtorID]
	if !ok {
		return fmt.Errorf("import: settle: debtor %d not found in this batch", s.DebtorID)
	}
	now := w.db.now()
	payID, allocID := w.id(tPayments), w.id(tAllocations)
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO payments (id, org_id, creditor_id, debtor_id, received_on, amount_minor, currency, method, reference,
		allocated_minor, created_at, import_batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $6, $10, $11)`,
		payID, w.orgID, creditorID, s.DebtorID, s.On, s.Amount.Minor, s.Amount.Currency, ledger.MethodOther, s.Reference, now, w.batch.ID)
	if err != nil {
		return fmt.Errorf("import: settlement payment: %w", err)
	}
	res, err := w.tx.ExecContext(w.ctx, `UPDATE invoices SET allocated_minor = allocated_minor + $1
		WHERE org_id = $2 AND id = $3 AND allocated_minor + $1 <= amount_minor AND currency = $4`, s.Amount.Minor, w.orgID, s.InvoiceID, s.Amount.Currency)
	if err != nil {
		return fmt.Errorf("import: settle invoice: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ledger.FieldError("amount", "the settlement exceeds the invoice's open amount")
	}
	_, err = w.tx.ExecContext(w.ctx, `INSERT INTO allocations (id, org_id, invoice_id, payment_id, amount_minor, currency, created_at, created_by, import_batch_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, allocID, w.orgID, s.InvoiceID, payID, s.Amount.Minor, s.Amount.Currency, now, w.actor.UserID, w.batch.ID)
	if err != nil {
		return fmt.Errorf("import: settlement allocation: %w", err)
	}
	if err := w.addChange(s.Action, s.InvoiceID, []byte("{}")); err != nil {
		return err
	}
	typ := "invoice.paid_outside"
	if s.Action == "settled" {
		typ = "invoice.settled_outside"
	}
	return w.AddEvent(&journal.Event{Type: typ, DebtorID: s.DebtorID, InvoiceID: s.InvoiceID,
		Payload: obj("amount", money.Decimal(s.Amount), "currency", string(s.Amount.Currency), "batch", w.batch.ID, "reference", s.Reference)})
}

func (w *importWriter) OpenInvoices(creditorID int64, fn func(ledger.Invoice) error) error {
	if err := w.flush(); err != nil {
		return err
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT `+invoiceCols+` FROM invoices
		WHERE org_id = $1 AND creditor_id = $2 AND kind = 'invoice' AND amount_minor > allocated_minor ORDER BY id`, w.orgID, creditorID)
	if err != nil {
		return fmt.Errorf("import: open invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return err
		}
		w.creditorOf[inv.DebtorID] = inv.CreditorID
		if err := fn(inv); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (w *importWriter) AddFile(invoiceID int64, f store.File) error {
	if err := w.flush(); err != nil {
		return err
	}
	sum := sha256.Sum256(f.Data)
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO invoice_files (org_id, invoice_id, name, content_type, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (org_id, invoice_id) DO UPDATE SET name = excluded.name, content_type = excluded.content_type, sha256 = excluded.sha256, data = excluded.data`,
		w.orgID, invoiceID, f.Name, f.ContentType, hex.EncodeToString(sum[:]), f.Data)
	if err != nil {
		return fmt.Errorf("import: keep document: %w", err)
	}
	return nil
}

// InvoiceFile returns the document kept with an invoice.
func (db *DB) InvoiceFile(ctx context.Context, invoiceID int64) (*store.File, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var f store.File
	err = db.r.QueryRowContext(ctx, `SELECT name, content_type, sha256, data FROM invoice_files WHERE org_id = $1 AND invoice_id = $2`, orgID, invoiceID).
		Scan(&f.Name, &f.ContentType, &f.SHA256, &f.Data)
	if err := one(err, "invoice document"); err != nil {
		return nil, err
	}
	return &f, nil
}

const batchCols = `id, org_id, creditor_id, file_name, sha256, size_bytes, format, encoding, mapping_name, snapshot, skip_invalid, status,
	lines, created_count, updated_count, unchanged_count, settled_count, debtors_created, error_count, errors, actor_id, actor, created_at,
	first_seq, last_seq, undone_at, undone_by`

func scanBatch(sc interface{ Scan(...any) error }) (store.ImportBatch, error) {
	var b store.ImportBatch
	var errs string
	var undone sql.NullTime
	err := sc.Scan(&b.ID, &b.OrgID, &b.CreditorID, &b.FileName, &b.SHA256, &b.Size, &b.Format, &b.Encoding, &b.MappingName, &b.Snapshot,
		&b.SkipInvalid, &b.Status, &b.Lines, &b.Created, &b.Updated, &b.Unchanged, &b.Settled, &b.DebtorsCreated, &b.ErrorCount, &errs,
		&b.ActorID, &b.Actor, &b.CreatedAt, &b.FirstSeq, &b.LastSeq, &undone, &b.UndoneBy)
	if err != nil {
		return b, err
	}
	b.UndoneAt = undone.Time
	if err := json.Unmarshal([]byte(errs), &b.Errors); err != nil {
		return b, fmt.Errorf("import batch %d errors: %w", b.ID, err)
	}
	return b, nil
}

// ImportBatches lists the organization's imports, newest first.
func (db *DB) ImportBatches(ctx context.Context, q store.ImportQuery) ([]store.ImportBatch, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	where := `org_id = ` + a.add(orgID)
	if q.Before > 0 {
		where += ` AND id < ` + a.add(q.Before)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+batchCols+` FROM import_batches WHERE `+where+` ORDER BY id DESC LIMIT `+a.add(limit(q.Limit, 50, 500)), a...)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	defer rows.Close()
	var out []store.ImportBatch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, fmt.Errorf("scan import: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// GetImportBatch returns one import of the organization.
func (db *DB) GetImportBatch(ctx context.Context, id int64) (*store.ImportBatch, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	b, err := scanBatch(db.r.QueryRowContext(ctx, `SELECT `+batchCols+` FROM import_batches WHERE org_id = $1 AND id = $2`, orgID, id))
	if err := one(err, "import"); err != nil {
		return nil, err
	}
	return &b, nil
}

// since selects the events after a batch ($3 its last sequence number)
// that still stand: neither the events of a later batch that was undone,
// nor the events that record an undo.
const since = `e.org_id = $1 AND e.seq > $3 AND e.type NOT IN ('invoice.import_undone', 'import.undone')
	AND NOT EXISTS (SELECT 1 FROM import_batches u WHERE u.org_id = $1 AND u.status = 'undone' AND e.seq > u.first_seq AND e.seq <= u.last_seq)`

// undoBlockers are the reasons a batch can no longer be undone, each a
// query counting what happened since to what the batch wrote or changed.
var undoBlockers = []struct{ reason, query string }{
	{store.UndoChanged, `SELECT COUNT(*) FROM events e WHERE ` + since + ` AND e.invoice_id IN (
		SELECT id FROM invoices WHERE org_id = $1 AND import_batch_id = $2
		UNION SELECT invoice_id FROM import_changes WHERE org_id = $1 AND batch_id = $2)`},
	{store.UndoDebtor, `SELECT COUNT(*) FROM events e WHERE ` + since + `
		AND e.debtor_id IN (SELECT id FROM debtors WHERE org_id = $1 AND import_batch_id = $2)`},
	{store.UndoAllocated, `SELECT COUNT(*) FROM allocations a WHERE a.org_id = $1 AND a.import_batch_id <> $2
		AND (a.payment_id IN (SELECT id FROM payments WHERE org_id = $1 AND import_batch_id = $2)
		  OR a.credit_note_id IN (SELECT id FROM invoices WHERE org_id = $1 AND import_batch_id = $2))`},
}

func (db *DB) undoBlocked(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, b *store.ImportBatch) (string, error) {
	switch b.Status {
	case store.BatchUndone:
		return store.UndoUndone, nil
	case store.BatchRefused:
		return store.UndoNothing, nil
	}
	for _, u := range undoBlockers {
		var n int
		params := []any{b.OrgID, b.ID, b.LastSeq}
		if !strings.Contains(u.query, "$3") {
			params = params[:2]
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

// ImportUndoable says whether the batch can still be undone.
func (db *DB) ImportUndoable(ctx context.Context, id int64) (bool, string, error) {
	b, err := db.GetImportBatch(ctx, id)
	if err != nil {
		return false, "", err
	}
	reason, err := db.undoBlocked(ctx, db.r, b)
	return reason == "", reason, err
}

// undoSteps remove what the batch wrote, children first, and put back
// the invoices it changed. $1 is the organization, $2 the batch.
var undoSteps = []string{
	`UPDATE invoices SET allocated_minor = allocated_minor - (SELECT COALESCE(SUM(a.amount_minor), 0) FROM allocations a
		WHERE a.org_id = $1 AND a.import_batch_id = $2 AND a.invoice_id = invoices.id)
	 WHERE org_id = $1 AND id IN (SELECT invoice_id FROM allocations WHERE org_id = $1 AND import_batch_id = $2)`,
	`DELETE FROM allocations WHERE org_id = $1 AND import_batch_id = $2`,
	`DELETE FROM payments WHERE org_id = $1 AND import_batch_id = $2`,
	`DELETE FROM invoice_files WHERE org_id = $1 AND invoice_id IN (SELECT id FROM invoices WHERE org_id = $1 AND import_batch_id = $2)`,
	`DELETE FROM invoices WHERE org_id = $1 AND import_batch_id = $2`,
	`DELETE FROM contacts WHERE org_id = $1 AND debtor_id IN (SELECT id FROM debtors WHERE org_id = $1 AND import_batch_id = $2)`,
	`DELETE FROM debtor_tags WHERE org_id = $1 AND debtor_id IN (SELECT id FROM debtors WHERE org_id = $1 AND import_batch_id = $2)`,
	`DELETE FROM debtors WHERE org_id = $1 AND import_batch_id = $2`,
}

// UndoImport removes what the batch created and restores what it changed.
func (db *DB) UndoImport(ctx context.Context, id int64) (*store.ImportBatch, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var b store.ImportBatch
	err = db.tx(ctx, func(tx *sql.Tx) error {
		b, err = scanBatch(tx.QueryRowContext(ctx, `SELECT `+batchCols+` FROM import_batches WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, id))
		if err := one(err, "import"); err != nil {
			return err
		}
		reason, err := db.undoBlocked(ctx, tx, &b)
		if err != nil {
			return err
		}
		if reason != "" {
			return ledger.Errorf(ledger.EConflict, "import %d cannot be undone: %s", id, reason)
		}
		changed, err := restoreUpdated(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		for _, q := range undoSteps {
			if _, err := tx.ExecContext(ctx, q, orgID, id); err != nil {
				return fmt.Errorf("undo import %d: %w", id, err)
			}
		}
		actor := store.ActorFrom(ctx)
		b.Status, b.UndoneAt, b.UndoneBy = store.BatchUndone, db.now(), actor.Name
		if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET status = $1, undone_at = $2, undone_by = $3 WHERE org_id = $4 AND id = $5`,
			b.Status, b.UndoneAt, b.UndoneBy, orgID, id); err != nil {
			return fmt.Errorf("mark import undone: %w", err)
		}
		for _, c := range changed {
			if err := db.appendEvent(ctx, tx, "invoice.import_undone", c[0], c[1], obj("batch", id)); err != nil {
				return err
			}
		}
		if err := db.appendEvent(ctx, tx, "import.undone", 0, 0, obj("batch", id, "file", b.FileName, "created", b.Created,
			"updated", b.Updated, "settled", b.Settled)); err != nil {
			return err
		}
		return db.refreshInTx(ctx, tx, orgID)
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// restoreUpdated puts back the amounts and dates the batch changed, the
// earliest change of each invoice last, and returns the (debtor, invoice)
// pairs the batch changed without creating them.
func restoreUpdated(ctx context.Context, tx *sql.Tx, orgID, batchID int64) ([][2]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.action, c.invoice_id, c.before, i.debtor_id FROM import_changes c
		JOIN invoices i ON i.org_id = c.org_id AND i.id = c.invoice_id
		WHERE c.org_id = $1 AND c.batch_id = $2 ORDER BY c.id DESC`, orgID, batchID)
	if err != nil {
		return nil, fmt.Errorf("read import changes: %w", err)
	}
	type upd struct {
		id int64
		b  invoiceBefore
	}
	var updates []upd
	var changed [][2]int64
	seen := map[int64]bool{}
	for rows.Next() {
		var action, before string
		var invID, debtorID int64
		if err := rows.Scan(&action, &invID, &before, &debtorID); err != nil {
			rows.Close()
			return nil, err
		}
		if !seen[invID] {
			seen[invID] = true
			changed = append(changed, [2]int64{debtorID, invID})
		}
		if action != "updated" {
			continue
		}
		var b invoiceBefore
		if err := json.Unmarshal([]byte(before), &b); err != nil {
			rows.Close()
			return nil, fmt.Errorf("import change of invoice %d: %w", invID, err)
		}
		updates = append(updates, upd{invID, b})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range updates {
		_, err := tx.ExecContext(ctx, `UPDATE invoices SET amount_minor = $1, issue_date = $2, due_date = $3 WHERE org_id = $4 AND id = $5`,
			u.b.AmountMinor, u.b.IssueDate, nullDate(u.b.DueDate), orgID, u.id)
		if err != nil {
			return nil, fmt.Errorf("restore invoice %d: %w", u.id, err)
		}
	}
	return changed, nil
}

// SaveImportMapping creates or replaces a named mapping.
func (db *DB) SaveImportMapping(ctx context.Context, m store.ImportMapping) error {
	return db.saveMapping(ctx, "import_mappings", m)
}

// ImportMappings lists the organization's saved mappings by name.
func (db *DB) ImportMappings(ctx context.Context) ([]store.ImportMapping, error) {
	return db.mappings(ctx, "import_mappings")
}

// DeleteImportMapping removes a named mapping.
func (db *DB) DeleteImportMapping(ctx context.Context, name string) error {
	return db.deleteMapping(ctx, "import_mappings", name)
}

// saveMapping creates or replaces a named mapping of table (import or
// bank mappings, which have the same shape).
func (db *DB) saveMapping(ctx context.Context, table string, m store.ImportMapping) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" || utf8.RuneCountInString(m.Name) > 100 {
		return ledger.FieldError("name", "a mapping needs a name of 1 to 100 characters")
	}
	if !json.Valid(m.Mapping) {
		return ledger.FieldError("mapping", "the mapping is not valid JSON")
	}
	_, err = db.w.ExecContext(ctx, `INSERT INTO `+table+` (org_id, name, mapping, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_id, name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`, orgID, m.Name, string(m.Mapping), db.now())
	if err != nil {
		return fmt.Errorf("save mapping: %w", err)
	}
	return nil
}

// mappings lists the saved mappings of table by name.
func (db *DB) mappings(ctx context.Context, table string) ([]store.ImportMapping, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT name, mapping, updated_at FROM `+table+` WHERE org_id = $1 ORDER BY name`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list mappings: %w", err)
	}
	defer rows.Close()
	var out []store.ImportMapping
	for rows.Next() {
		var m store.ImportMapping
		var js string
		if err := rows.Scan(&m.Name, &js, &m.UpdatedAt); err != nil {
			return nil, err
		}
		m.Mapping = []byte(js)
		out = append(out, m)
	}
	return out, rows.Err()
}

// deleteMapping removes a named mapping of table.
func (db *DB) deleteMapping(ctx context.Context, table, name string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	res, err := db.w.ExecContext(ctx, `DELETE FROM `+table+` WHERE org_id = $1 AND name = $2`, orgID, strings.TrimSpace(name))
	if err != nil {
		return fmt.Errorf("delete mapping: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("mapping")
	}
	return nil
}

// uploadTTL is how long an uploaded file waits for its confirmation.
const uploadTTL = 24 * time.Hour

// SaveImportUpload keeps an uploaded file, and forgets those older than a day.
func (db *DB) SaveImportUpload(ctx context.Context, u store.ImportUpload) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	now := db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_uploads WHERE created_at < $1`, now.Add(-uploadTTL)); err != nil {
			return fmt.Errorf("expire uploads: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO import_uploads (org_id, token, file_name, data, created_at) VALUES ($1, $2, $3, $4, $5)`,
			orgID, u.Token, u.FileName, u.Data, now)
		if err != nil {
			return fmt.Errorf("save upload: %w", err)
		}
		return nil
	})
}

// ImportUpload returns an upload of the organization by its token.
func (db *DB) ImportUpload(ctx context.Context, token string) (*store.ImportUpload, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var u store.ImportUpload
	err = db.r.QueryRowContext(ctx, `SELECT token, file_name, data, created_at FROM import_uploads WHERE org_id = $1 AND token = $2 AND created_at >= $3`,
		orgID, token, db.now().Add(-uploadTTL)).Scan(&u.Token, &u.FileName, &u.Data, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("upload")
	}
	if err != nil {
		return nil, fmt.Errorf("get upload: %w", err)
	}
	return &u, nil
}

// DeleteImportUpload forgets an upload.
func (db *DB) DeleteImportUpload(ctx context.Context, token string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	_, err = db.w.ExecContext(ctx, `DELETE FROM import_uploads WHERE org_id = $1 AND token = $2`, orgID, token)
	return err
}

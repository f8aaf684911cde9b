package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// bulkTables lists the tables a bulk load fills, parents first, with
// their columns in the order rows are built.
var bulkTables = []struct {
	name string
	cols []string
}{
	{"debtors", []string{"id", "org_id", "creditor_id", "ref", "name", "search_key", "kind", "siren", "siret", "vat_number", "lang", "credit_limit_minor", "currency", "created_at", "last_action_at", "last_event", "payment_term_days", "import_batch_id"}},
	{"debtor_tags", []string{"org_id", "debtor_id", "tag"}},
	{"contacts", []string{"id", "org_id", "debtor_id", "name", "role", "email", "phone", "line1", "line2", "postal_code", "city", "country", "preferred_channel", "sms_consent", "is_primary"}},
	{"invoices", []string{"id", "org_id", "creditor_id", "debtor_id", "kind", "number", "issue_date", "due_date", "amount_minor", "currency", "allocated_minor", "document_url", "disputed", "created_at", "import_batch_id"}},
	{"payments", []string{"id", "org_id", "creditor_id", "debtor_id", "received_on", "amount_minor", "currency", "method", "reference", "allocated_minor", "created_at", "import_batch_id", "import_key"}},
	{"allocations", []string{"id", "org_id", "invoice_id", "payment_id", "credit_note_id", "amount_minor", "currency", "created_at", "created_by", "import_batch_id"}},
	{"events", []string{"id", "org_id", "seq", "at", "actor_id", "actor", "type", "debtor_id", "invoice_id", "payload", "prev_hash", "hash"}},
}

const (
	tDebtors = iota
	tTags
	tContacts
	tInvoices
	tPayments
	tAllocations
	tEvents
	nTables
)

// Column positions the writer updates in buffered rows.
const (
	debtorLastAction = 14
	debtorLastEvent  = 15
	invoiceAllocated = 10
	paymentAllocated = 9
)

// flushRows is how many buffered rows trigger a flush at the next debtor.
const flushRows = 50000

type bulkWriter struct {
	db      *DB
	ctx     context.Context
	conn    *sql.Conn
	tx      *sql.Tx
	orgID   int64
	actor   store.Actor
	nextID  [nTables]int64
	rows    [nTables][][]any
	pending int
	// Index of the current batch's rows by id, so that allocations and
	// events can update their invoice, payment and debtor before flushing.
	debtorRow   map[int64][]any
	creditorOf  map[int64]int64
	invoiceRow  map[int64][]any
	paymentRow  map[int64][]any
	headSeq     int64
	headHash    []byte
	creditorIDs map[int64]bool
	// batchID is the import batch the rows belong to (0: not an import).
	batchID int64
	// startSeq is the journal's head before the batch; touched says an
	// event concerned a debtor whose row is not among the buffered ones
	// (written before the batch, or already flushed): finish then takes
	// those debtors' last action from the journal, in one statement,
	// rather than keeping one entry per debtor in memory.
	startSeq int64
	touched  bool
}

// Bulk runs fn with a writer that loads rows in one transaction, then
// refreshes the summaries. Nothing is written if fn fails.
func (db *DB) Bulk(ctx context.Context, fn func(store.BulkWriter) error) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if err := db.bulk(ctx, orgID, fn); err != nil {
		return err
	}
	return db.RefreshSummaries(ctx, civil.Today(db.Now(), civil.Paris))
}

// bulk holds one writer connection for the whole load; it is released
// before the summaries are refreshed (SQLite has a single writer).
func (db *DB) bulk(ctx context.Context, orgID int64, fn func(store.BulkWriter) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("bulk: connection: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk: begin: %w", err)
	}
	// Ends the transaction before conn.Close runs, also when fn panics:
	// closing a connection waits for its open transaction, so a panic
	// would otherwise hang the process instead of crashing it.
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	w := newBulkWriter(ctx, db, conn, tx, orgID)
	for _, step := range []func() error{w.start, func() error { return fn(w) }, w.finish} {
		if err := step(); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bulk: commit: %w", err)
	}
	return nil
}

func newBulkWriter(ctx context.Context, db *DB, conn *sql.Conn, tx *sql.Tx, orgID int64) *bulkWriter {
	w := &bulkWriter{db: db, ctx: ctx, conn: conn, tx: tx, orgID: orgID, actor: store.ActorFrom(ctx),
		creditorOf: map[int64]int64{}, creditorIDs: map[int64]bool{}}
	w.resetIndex()
	return w
}

func (w *bulkWriter) resetIndex() {
	w.debtorRow = map[int64][]any{}
	w.invoiceRow = map[int64][]any{}
	w.paymentRow = map[int64][]any{}
}

// start reads the next free ids, the journal head and the creditors.
func (w *bulkWriter) start() error {
	if err := w.db.d.BeforeBulk(w.ctx, w.tx); err != nil {
		return err
	}
	for i, t := range bulkTables {
		if t.name == "debtor_tags" {
			continue
		}
		if err := w.tx.QueryRowContext(w.ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+t.name).Scan(&w.nextID[i]); err != nil {
			return fmt.Errorf("bulk: next id of %s: %w", t.name, err)
		}
	}
	err := w.tx.QueryRowContext(w.ctx, `SELECT seq, hash FROM journal_heads WHERE org_id = $1 `+w.db.d.ForUpdate(), w.orgID).Scan(&w.headSeq, &w.headHash)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("bulk: journal head: %w", err)
	}
	w.startSeq = w.headSeq
	rows, err := w.tx.QueryContext(w.ctx, `SELECT id FROM creditors WHERE org_id = $1`, w.orgID)
	if err != nil {
		return fmt.Errorf("bulk: creditors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		w.creditorIDs[id] = true
	}
	return rows.Err()
}

func (w *bulkWriter) id(t int) int64 {
	id := w.nextID[t]
	w.nextID[t]++
	return id
}

func (w *bulkWriter) add(t int, row []any) {
	w.rows[t] = append(w.rows[t], row)
	w.pending++
}

// AddDebtor buffers a debtor with its contacts and tags. A flush happens
// only here, so that a debtor's documents always share its batch.
func (w *bulkWriter) AddDebtor(d *ledger.Debtor) error {
	if w.pending >= flushRows {
		if err := w.flush(); err != nil {
			return err
		}
	}
	if err := validateDebtor(d); err != nil {
		return fmt.Errorf("bulk: debtor %s: %w", d.Ref, err)
	}
	if !w.creditorIDs[d.CreditorID] {
		return ledger.Errorf(ledger.ENotFound, "bulk: creditor %d not found", d.CreditorID)
	}
	d.ID, d.OrgID = w.id(tDebtors), w.orgID
	if d.CreatedAt.IsZero() {
		d.CreatedAt = w.db.now()
	}
	row := []any{d.ID, w.orgID, d.CreditorID, d.Ref, d.Name, searchKey(d.Name, d.Ref, d.SIREN, d.SIRET), string(d.Kind), d.SIREN, d.SIRET,
		d.VATNumber, d.Lang, d.CreditLimit.Minor, string(d.CreditLimit.Currency), d.CreatedAt.UTC(), nil, "", d.PaymentTermDays, w.batchID}
	w.add(tDebtors, row)
	w.debtorRow[d.ID] = row
	w.creditorOf[d.ID] = d.CreditorID
	for _, t := range d.Tags {
		w.add(tTags, []any{w.orgID, d.ID, t})
	}
	for i := range d.Contacts {
		c := &d.Contacts[i]
		c.ID = w.id(tContacts)
		a := c.Address
		w.add(tContacts, []any{c.ID, w.orgID, d.ID, c.Name, c.Role, c.Email, c.Phone, a.Line1, a.Line2, a.PostalCode, a.City, a.Country,
			string(c.PreferredChannel), c.SMSConsent, c.Primary})
	}
	return nil
}

// AddInvoice buffers an invoice or credit note of a debtor of this batch.
func (w *bulkWriter) AddInvoice(inv *ledger.Invoice) error {
	if err := validateInvoice(inv); err != nil {
		return fmt.Errorf("bulk: invoice %s: %w", inv.Number, err)
	}
	if _, ok := w.creditorOf[inv.DebtorID]; !ok {
		return fmt.Errorf("bulk: invoice %s: debtor %d must be added or found in the same batch, before it", inv.Number, inv.DebtorID)
	}
	inv.ID, inv.OrgID, inv.CreditorID = w.id(tInvoices), w.orgID, w.creditorOf[inv.DebtorID]
	inv.Allocated = money.New(0, inv.Amount.Currency)
	if inv.CreatedAt.IsZero() {
		inv.CreatedAt = w.db.now()
	}
	row := []any{inv.ID, w.orgID, inv.CreditorID, inv.DebtorID, string(inv.Kind), inv.Number, inv.IssueDate.String(), nullDate(inv.DueDate),
		inv.Amount.Minor, string(inv.Amount.Currency), int64(0), inv.DocumentURL, inv.Disputed, inv.CreatedAt.UTC(), w.batchID}
	w.add(tInvoices, row)
	w.invoiceRow[inv.ID] = row
	return nil
}

func nullDate(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// AddPayment buffers a payment of a debtor of this batch.
func (w *bulkWriter) AddPayment(p *ledger.Payment) error {
	if _, ok := w.creditorOf[p.DebtorID]; !ok {
		return fmt.Errorf("bulk: payment: debtor %d must be added or found in the same batch, before it", p.DebtorID)
	}
	if p.Method == "" {
		p.Method = ledger.MethodTransfer
	}
	if p.Amount.Minor <= 0 || p.ReceivedOn.IsZero() || !p.Method.Valid() {
		return ledger.FieldError("payment", "bulk: payment needs a positive amount, a date and a known method")
	}
	p.ID, p.OrgID, p.CreditorID = w.id(tPayments), w.orgID, w.creditorOf[p.DebtorID]
	p.Allocated = money.New(0, p.Amount.Currency)
	if p.CreatedAt.IsZero() {
		p.CreatedAt = w.db.now()
	}
	row := []any{p.ID, w.orgID, p.CreditorID, p.DebtorID, p.ReceivedOn.String(), p.Amount.Minor, string(p.Amount.Currency),
		string(p.Method), p.Reference, int64(0), p.CreatedAt.UTC(), w.batchID, p.ImportKey}
	w.add(tPayments, row)
	w.paymentRow[p.ID] = row
	return nil
}

// AddAllocation buffers an allocation between documents of this batch,
// checking open amounts like Allocate does.
func (w *bulkWriter) AddAllocation(a *ledger.Allocation) error {
	inv, ok := w.invoiceRow[a.InvoiceID]
	if !ok {
		return fmt.Errorf("bulk: allocation: invoice %d is not in this batch", a.InvoiceID)
	}
	var src []any
	var srcCol int
	if a.PaymentID != 0 {
		src, srcCol = w.paymentRow[a.PaymentID], paymentAllocated
	} else {
		src, srcCol = w.invoiceRow[a.CreditNoteID], invoiceAllocated
	}
	if src == nil {
		return fmt.Errorf("bulk: allocation: payment or credit note not in this batch")
	}
	invDoc := ledger.Invoice{Kind: ledger.DocKind(inv[4].(string)), Amount: money.New(inv[8].(int64), money.Currency(inv[9].(string))),
		Allocated: money.New(inv[invoiceAllocated].(int64), money.Currency(inv[9].(string)))}
	// A payment row keeps its amount in column 5, a credit note (an
	// invoice row) in column 8.
	var srcAmount int64
	if srcCol == invoiceAllocated {
		srcAmount = src[8].(int64)
	} else {
		srcAmount = src[5].(int64)
	}
	srcOpen := money.New(srcAmount-src[srcCol].(int64), invDoc.Amount.Currency)
	if err := a.Validate(invDoc, srcOpen); err != nil {
		return fmt.Errorf("bulk: allocation on invoice %v: %w", inv[5], err)
	}
	inv[invoiceAllocated] = inv[invoiceAllocated].(int64) + a.Amount.Minor
	src[srcCol] = src[srcCol].(int64) + a.Amount.Minor
	a.ID, a.OrgID = w.id(tAllocations), w.orgID
	if a.CreatedAt.IsZero() {
		a.CreatedAt = w.db.now()
	}
	var pay, cn any
	if a.PaymentID != 0 {
		pay = a.PaymentID
	} else {
		cn = a.CreditNoteID
	}
	w.add(tAllocations, []any{a.ID, w.orgID, a.InvoiceID, pay, cn, a.Amount.Minor, string(a.Amount.Currency), a.CreatedAt.UTC(), a.CreatedBy, w.batchID})
	return nil
}

// AddEvent seals e onto the journal chain and buffers it.
func (w *bulkWriter) AddEvent(e *journal.Event) error {
	if e.Type == "" {
		return ledger.FieldError("type", "bulk: an event needs a type")
	}
	e.OrgID = w.orgID
	if e.Actor == "" && e.ActorID == 0 {
		e.ActorID, e.Actor = w.actor.UserID, w.actor.Name
	}
	if e.At.IsZero() {
		e.At = w.db.now()
	}
	journal.Seal(e, w.headSeq, w.headHash)
	w.headSeq, w.headHash = e.Seq, e.Hash
	e.ID = w.id(tEvents)
	w.add(tEvents, []any{e.ID, w.orgID, e.Seq, e.At, e.ActorID, e.Actor, e.Type, e.DebtorID, e.InvoiceID, []byte(e.Payload), e.PrevHash, e.Hash})
	if row := w.debtorRow[e.DebtorID]; row != nil {
		if prev, _ := row[debtorLastAction].(time.Time); prev.IsZero() || !e.At.Before(prev) {
			row[debtorLastAction] = e.At
			row[debtorLastEvent] = e.Type
		}
	} else if e.DebtorID != 0 {
		w.touched = true
	}
	return nil
}

func (w *bulkWriter) flush() error {
	for i, t := range bulkTables {
		rows := w.rows[i]
		if len(rows) == 0 {
			continue
		}
		if err := w.db.d.CopyRows(w.ctx, w.conn, w.tx, t.name, t.cols, rows); err != nil {
			return fmt.Errorf("bulk: load %s: %w", t.name, err)
		}
		w.rows[i] = rows[:0]
	}
	w.pending = 0
	w.resetIndex()
	return nil
}

// lastActionSQL sets the last action of the debtors the batch's events
// ($2: the head before it) concern from their latest event.
const lastActionSQL = `UPDATE debtors SET
	last_action_at = (SELECT e.at FROM events e WHERE e.org_id = debtors.org_id AND e.debtor_id = debtors.id ORDER BY e.seq DESC LIMIT 1),
	last_event = (SELECT e.type FROM events e WHERE e.org_id = debtors.org_id AND e.debtor_id = debtors.id ORDER BY e.seq DESC LIMIT 1)
WHERE org_id = $1 AND id IN (SELECT debtor_id FROM events WHERE org_id = $1 AND seq > $2 AND debtor_id <> 0)`

func (w *bulkWriter) finish() error {
	if err := w.flush(); err != nil {
		return err
	}
	if w.headSeq > 0 {
		_, err := w.tx.ExecContext(w.ctx, `INSERT INTO journal_heads (org_id, seq, hash) VALUES ($1, $2, $3)
			ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, w.orgID, w.headSeq, w.headHash)
		if err != nil {
			return fmt.Errorf("bulk: journal head: %w", err)
		}
	}
	if w.touched {
		if _, err := w.tx.ExecContext(w.ctx, lastActionSQL, w.orgID, w.startSeq); err != nil {
			return fmt.Errorf("bulk: last actions: %w", err)
		}
	}
	names := make([]string, 0, len(bulkTables))
	for _, t := range bulkTables {
		if t.name != "debtor_tags" {
			names = append(names, t.name)
		}
	}
	return w.db.d.AfterBulk(w.ctx, w.tx, names)
}

// BulkTable is a table Bulk fills and the columns it writes, in order.
type BulkTable struct {
	Name string
	Cols []string
}

// BulkTables lists the tables Bulk fills, parents first, with their
// columns, for baselines that load rows of the same shape.
func BulkTables() []BulkTable {
	out := make([]BulkTable, len(bulkTables))
	for i, t := range bulkTables {
		out[i] = BulkTable{Name: t.name, Cols: append([]string(nil), t.cols...)}
	}
	return out
}

// BareBulk runs fn in one write transaction on one connection, as Bulk
// does, handing it nothing but the dialect's raw CopyRows: no validation,
// no ids, no journal, no summaries. It is the baseline the load
// benchmarks measure Bulk against; ordinary code has no use for it.
func (db *DB) BareBulk(ctx context.Context, fn func(copyRows func(table string, cols []string, rows [][]any) error) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("bare bulk: connection: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bare bulk: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	err = fn(func(table string, cols []string, rows [][]any) error {
		return db.d.CopyRows(ctx, conn, tx, table, cols, rows)
	})
	if err != nil {
		return err
	}
	return tx.Commit()
}

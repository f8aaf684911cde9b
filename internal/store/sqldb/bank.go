package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// bankWriter writes one statement import inside its transaction.
type bankWriter struct {
	db      *DB
	ctx     context.Context
	tx      *sql.Tx
	orgID   int64
	imp     *store.BankImport
	debtors map[int64]bool // debtors whose summaries the import changed
}

var _ store.BankWriter = (*bankWriter)(nil)

// ImportBank runs fn inside one transaction that also records the
// import; the summaries are refreshed before it commits.
func (db *DB) ImportBank(ctx context.Context, imp *store.BankImport, fn func(store.BankWriter) error) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	actor := store.ActorFrom(ctx)
	imp.OrgID, imp.ActorID, imp.Actor, imp.CreatedAt, imp.Status = orgID, actor.UserID, actor.Name, db.now(), store.BatchApplied
	return db.tx(ctx, func(tx *sql.Tx) error {
		// Imports of receivables give their rows ids of their own (MAX + 1):
		// a statement import waits for one running, and the reverse.
		if err := db.d.BeforeBulk(ctx, tx); err != nil {
			return err
		}
		issues, err := json.Marshal(nonNil(imp.Issues))
		if err != nil {
			return fmt.Errorf("bank import: issues: %w", err)
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO bank_imports (org_id, file_name, sha256, size_bytes, format, encoding, mapping_name,
				issues, actor_id, actor, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			orgID, imp.FileName, imp.SHA256, imp.Size, imp.Format, imp.Encoding, imp.Mapping, string(issues),
			imp.ActorID, imp.Actor, imp.CreatedAt).Scan(&imp.ID)
		if err != nil {
			return fmt.Errorf("insert bank import: %w", err)
		}
		cctx, cache := withTxCache(ctx, tx, orgID)
		if imp.FirstSeq, _, err = cache.head(cctx, db); err != nil {
			return err
		}
		w := &bankWriter{db: db, ctx: cctx, tx: tx, orgID: orgID, imp: imp, debtors: map[int64]bool{}}
		if err := fn(w); err != nil {
			return err
		}
		if err := w.refresh(); err != nil {
			return err
		}
		imp.LastSeq = cache.seq
		if err := cache.flush(cctx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE bank_imports SET entries = $1, payments = $2, payments_created = $3, duplicates_skipped = $4,
				auto_matched = $5, to_review = $6, reversals = $7, debits_ignored = $8, pending = $9, first_seq = $10, last_seq = $11
			WHERE org_id = $12 AND id = $13`,
			imp.Entries, imp.Payments, imp.PaymentsCreated, imp.DuplicatesSkipped, imp.AutoMatched, imp.ToReview, imp.Reversals,
			imp.DebitsIgnored, imp.Pending, imp.FirstSeq, imp.LastSeq, orgID, imp.ID)
		if err != nil {
			return fmt.Errorf("update bank import: %w", err)
		}
		return nil
	})
}

// refresh recomputes the summaries of the debtors the import touched:
// one at a time for a few, all in one pass for many.
func (w *bankWriter) refresh() error {
	if len(w.debtors) > 50 {
		return w.db.refreshInTx(w.ctx, w.tx, w.orgID)
	}
	for id := range w.debtors {
		if err := w.db.refreshDebtor(w.ctx, w.tx, w.orgID, id); err != nil {
			return err
		}
	}
	return nil
}

// qualified prefixes each column of a column list with a table alias.
func qualified(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (w *bankWriter) Import() *store.BankImport { return w.imp }

// KnownKeys returns which keys are lines of the organization already.
func (w *bankWriter) KnownKeys(keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	const chunk = 5000
	for len(keys) > 0 {
		n := min(len(keys), chunk)
		js, err := json.Marshal(keys[:n])
		if err != nil {
			return nil, err
		}
		keys = keys[n:]
		var a args
		cond := w.db.d.InJSON("line_key", a.add(string(js)))
		rows, err := w.tx.QueryContext(w.ctx, `SELECT line_key FROM bank_lines WHERE org_id = `+a.add(w.orgID)+` AND `+cond, a...)
		found, err := column[string](rows, err, "known bank lines")
		if err != nil {
			return nil, err
		}
		for _, k := range found {
			out[k] = true
		}
	}
	return out, nil
}

// AddLine records a statement line.
func (w *bankWriter) AddLine(l *store.BankLine) error {
	if !l.Status.Valid() {
		return ledger.FieldError("status", "unknown bank line status %q", l.Status)
	}
	l.OrgID, l.ImportID = w.orgID, w.imp.ID
	proposals := l.Proposals
	if len(proposals) == 0 {
		proposals = []byte("[]")
	}
	err := queryRow(w.ctx, w.tx, `INSERT INTO bank_lines (org_id, import_id, line_key, account, booking_date, value_date, amount_minor,
			currency, reversal, return_reason, counterparty, counterparty_iban, remittance, bank_ref, file_line, status, payment_id,
			debtor_id, confidence, proposals)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
		w.orgID, w.imp.ID, l.Key, l.Account, l.BookingDate, nullDate(l.ValueDate), l.Amount.Minor, l.Amount.Currency, l.Reversal,
		l.ReturnReason, l.Counterparty, l.CounterpartyIBAN, l.Remittance, l.BankRef, l.FileLine, l.Status, l.PaymentID,
		l.DebtorID, l.Confidence, string(proposals)).Scan(&l.ID)
	if err != nil {
		return w.db.conflict(fmt.Errorf("insert bank line: %w", err), "bank line %s already imported", l.Key)
	}
	return nil
}

// Pay records the payments of a line and links the first one to it.
func (w *bankWriter) Pay(l *store.BankLine, entries []store.PaymentEntry) error {
	if err := w.db.payLine(w.ctx, w.tx, w.orgID, l, entries); err != nil {
		return err
	}
	w.debtors[l.DebtorID] = true
	return nil
}

// payLine records entries for line l inside tx and links them.
func (db *DB) payLine(ctx context.Context, tx *sql.Tx, orgID int64, l *store.BankLine, entries []store.PaymentEntry) error {
	if len(entries) == 0 {
		return ledger.FieldError("payments", "a bank line needs a payment")
	}
	for i := range entries {
		p := &entries[i].Payment
		p.BankLineID = l.ID
		if p.PayerName == "" {
			p.PayerName = l.Counterparty
		}
		if p.PayerIBAN == "" {
			p.PayerIBAN = l.CounterpartyIBAN
		}
		if err := db.recordPaymentTx(ctx, tx, orgID, &entries[i]); err != nil {
			return err
		}
	}
	l.PaymentID, l.DebtorID = entries[0].Payment.ID, entries[0].Payment.DebtorID
	_, err := exec(ctx, tx, `UPDATE bank_lines SET payment_id = $1, debtor_id = $2 WHERE org_id = $3 AND id = $4`,
		l.PaymentID, l.DebtorID, orgID, l.ID)
	if err != nil {
		return fmt.Errorf("link bank line: %w", err)
	}
	return nil
}

// FindReversed finds the payment a reversal line returns.
func (w *bankWriter) FindReversed(l *store.BankLine) (*ledger.Payment, error) {
	return w.db.findReversed(w.ctx, w.tx, w.orgID, l)
}

func (db *DB) findReversed(ctx context.Context, tx *sql.Tx, orgID int64, l *store.BankLine) (*ledger.Payment, error) {
	cols := qualified("p", paymentCols)
	if l.BankRef != "" {
		p, err := scanPayment(tx.QueryRowContext(ctx, `SELECT `+cols+` FROM bank_lines b
			JOIN payments p ON p.org_id = b.org_id AND p.bank_line_id = b.id
			WHERE b.org_id = $1 AND b.bank_ref = $2 AND b.reversal = $3 AND p.method <> $4 AND p.reversed_on IS NULL AND p.amount_minor = $5
			ORDER BY p.id DESC LIMIT 1`, orgID, l.BankRef, false, ledger.MethodBankFee, l.Amount.Minor))
		if err == nil {
			return &p, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("find reversed payment: %w", err)
		}
	}
	if l.CounterpartyIBAN == "" {
		return nil, nil
	}
	p, err := scanPayment(tx.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments
		WHERE org_id = $1 AND payer_iban = $2 AND amount_minor = $3 AND currency = $4 AND reversed_on IS NULL AND received_on <= $5
			AND method <> $6
		ORDER BY received_on DESC, id DESC LIMIT 1`, orgID, l.CounterpartyIBAN, l.Amount.Minor, l.Amount.Currency, l.BookingDate, ledger.MethodBankFee))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find reversed payment: %w", err)
	}
	return &p, nil
}

// Reverse reverses a payment for a reversal line.
func (w *bankWriter) Reverse(l *store.BankLine, paymentID int64) error {
	debtorID, err := w.db.reverseLine(w.ctx, w.tx, w.orgID, l, paymentID)
	if err != nil {
		return err
	}
	w.debtors[debtorID] = true
	return nil
}

func (db *DB) reverseLine(ctx context.Context, tx *sql.Tx, orgID int64, l *store.BankLine, paymentID int64) (int64, error) {
	reason := l.ReturnReason
	if reason == "" {
		reason = "bank reversal"
	}
	debtorID, err := db.reverseTx(ctx, tx, orgID, paymentID, l.BookingDate, reason)
	if err != nil {
		return 0, err
	}
	l.PaymentID, l.DebtorID = paymentID, debtorID
	_, err = tx.ExecContext(ctx, `UPDATE bank_lines SET payment_id = $1, debtor_id = $2, status = $3 WHERE org_id = $4 AND id = $5`,
		paymentID, debtorID, store.LineReversed, orgID, l.ID)
	if err != nil {
		return 0, fmt.Errorf("link reversal: %w", err)
	}
	l.Status = store.LineReversed
	return debtorID, nil
}

// LearnIBAN remembers that an IBAN pays for a debtor.
func (w *bankWriter) LearnIBAN(iban string, debtorID int64) error {
	return w.db.learnIBAN(w.ctx, w.tx, w.orgID, iban, debtorID, w.imp.ID)
}

// learnIBAN remembers an IBAN for a debtor, taught by a statement import
// (importID) or by the user (0).
func (db *DB) learnIBAN(ctx context.Context, tx *sql.Tx, orgID int64, iban string, debtorID, importID int64) error {
	iban, ok := ledger.NormalizeIBAN(iban)
	if !ok || debtorID == 0 {
		return nil
	}
	_, err := exec(ctx, tx, `INSERT INTO debtor_ibans (org_id, iban, debtor_id, learned_at, import_id) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (org_id, iban) DO UPDATE SET debtor_id = excluded.debtor_id, learned_at = excluded.learned_at, import_id = excluded.import_id`,
		orgID, iban, debtorID, db.now(), importID)
	if err != nil {
		return fmt.Errorf("learn IBAN: %w", err)
	}
	return nil
}

// DebtorIBANs returns the IBAN memory.
func (db *DB) DebtorIBANs(ctx context.Context) (map[string]int64, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	type pair struct {
		iban string
		id   int64
	}
	rows, err := db.r.QueryContext(ctx, `SELECT iban, debtor_id FROM debtor_ibans WHERE org_id = $1`, orgID)
	pairs, err := collect(rows, err, "debtor IBANs", func(sc scanner) (p pair, err error) {
		err = sc.Scan(&p.iban, &p.id)
		return p, err
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(pairs))
	for _, p := range pairs {
		out[p.iban] = p.id
	}
	return out, nil
}

const bankImportCols = `id, org_id, file_name, sha256, size_bytes, format, encoding, mapping_name, entries, payments, payments_created,
	duplicates_skipped, auto_matched, to_review, reversals, debits_ignored, pending, issues, actor_id, actor, created_at,
	status, first_seq, last_seq, undone_at, undone_by`

func scanBankImport(sc scanner) (store.BankImport, error) {
	var b store.BankImport
	var issues string
	var undone sql.NullTime
	err := sc.Scan(&b.ID, &b.OrgID, &b.FileName, &b.SHA256, &b.Size, &b.Format, &b.Encoding, &b.Mapping, &b.Entries, &b.Payments,
		&b.PaymentsCreated, &b.DuplicatesSkipped, &b.AutoMatched, &b.ToReview, &b.Reversals, &b.DebitsIgnored, &b.Pending, &issues,
		&b.ActorID, &b.Actor, &b.CreatedAt, &b.Status, &b.FirstSeq, &b.LastSeq, &undone, &b.UndoneBy)
	if err != nil {
		return b, err
	}
	if undone.Valid {
		b.UndoneAt = undone.Time
	}
	if err := json.Unmarshal([]byte(issues), &b.Issues); err != nil {
		return b, fmt.Errorf("bank import issues: %w", err)
	}
	return b, nil
}

// BankImports pages the statement imports, newest first.
func (db *DB) BankImports(ctx context.Context, q store.ImportQuery) ([]store.BankImport, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	w := `org_id = ` + a.add(orgID)
	if q.Before > 0 {
		w += ` AND id < ` + a.add(q.Before)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+bankImportCols+` FROM bank_imports WHERE `+w+` ORDER BY id DESC LIMIT `+a.add(limit(q.Limit, 50, 500)), a...)
	return collect(rows, err, "bank imports", scanBankImport)
}

// GetBankImport returns one statement import.
func (db *DB) GetBankImport(ctx context.Context, id int64) (*store.BankImport, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	b, err := scanBankImport(db.r.QueryRowContext(ctx, `SELECT `+bankImportCols+` FROM bank_imports WHERE org_id = $1 AND id = $2`, orgID, id))
	if err := one(err, "bank import"); err != nil {
		return nil, err
	}
	return &b, nil
}

const bankLineCols = `id, org_id, import_id, line_key, account, booking_date, value_date, amount_minor, currency, reversal, return_reason,
	counterparty, counterparty_iban, remittance, bank_ref, file_line, status, payment_id, debtor_id, confidence, proposals, note,
	resolved_at, resolved_by`

func scanBankLine(sc scanner) (store.BankLine, error) {
	var l store.BankLine
	var proposals string
	var resolved sql.NullTime
	err := sc.Scan(&l.ID, &l.OrgID, &l.ImportID, &l.Key, &l.Account, &l.BookingDate, &l.ValueDate, &l.Amount.Minor, &l.Amount.Currency,
		&l.Reversal, &l.ReturnReason, &l.Counterparty, &l.CounterpartyIBAN, &l.Remittance, &l.BankRef, &l.FileLine, &l.Status,
		&l.PaymentID, &l.DebtorID, &l.Confidence, &proposals, &l.Note, &resolved, &l.ResolvedBy)
	l.Proposals = []byte(proposals)
	if resolved.Valid {
		l.ResolvedAt = resolved.Time
	}
	return l, err
}

// BankLines lists statement lines in id order; a negative Limit means all.
func (db *DB) BankLines(ctx context.Context, q store.BankLineQuery) ([]store.BankLine, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	w := []string{`org_id = ` + a.add(orgID)}
	if q.Status != "" {
		w = append(w, `status = `+a.add(string(q.Status)))
	}
	if q.ImportID != 0 {
		w = append(w, `import_id = `+a.add(q.ImportID))
	}
	if q.After > 0 {
		w = append(w, `id > `+a.add(q.After))
	}
	text := `SELECT ` + bankLineCols + ` FROM bank_lines WHERE ` + strings.Join(w, " AND ") + ` ORDER BY id`
	if q.Limit >= 0 {
		text += ` LIMIT ` + a.add(limit(q.Limit, 50, 500))
	}
	rows, err := db.r.QueryContext(ctx, text, a...)
	return collect(rows, err, "bank lines", scanBankLine)
}

// CountBankLines counts the lines of a status ("" for all).
func (db *DB) CountBankLines(ctx context.Context, status store.BankLineStatus) (int, error) {
	orgID, err := org(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	if status == "" {
		err = db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM bank_lines WHERE org_id = $1`, orgID).Scan(&n)
	} else {
		err = db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM bank_lines WHERE org_id = $1 AND status = $2`, orgID, status).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("count bank lines: %w", err)
	}
	return n, nil
}

// GetBankLine returns one statement line.
func (db *DB) GetBankLine(ctx context.Context, id int64) (*store.BankLine, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	l, err := scanBankLine(db.r.QueryRowContext(ctx, `SELECT `+bankLineCols+` FROM bank_lines WHERE org_id = $1 AND id = $2`, orgID, id))
	if err := one(err, "bank line"); err != nil {
		return nil, err
	}
	return &l, nil
}

// reviewLine locks a line that must be under review.
func (db *DB) reviewLine(ctx context.Context, tx *sql.Tx, orgID, id int64) (*store.BankLine, error) {
	l, err := scanBankLine(tx.QueryRowContext(ctx, `SELECT `+bankLineCols+` FROM bank_lines WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, id))
	if err := one(err, "bank line"); err != nil {
		return nil, err
	}
	if l.Status != store.LineReview {
		return nil, ledger.Errorf(ledger.EConflict, "bank line %d is not under review (%s)", id, l.Status)
	}
	return &l, nil
}

// resolve marks a line as dealt with by the current actor.
func (db *DB) resolve(ctx context.Context, tx *sql.Tx, orgID int64, l *store.BankLine, status store.BankLineStatus, note string) error {
	l.Status, l.Note, l.ResolvedAt, l.ResolvedBy = status, note, db.now(), store.ActorFrom(ctx).Name
	_, err := tx.ExecContext(ctx, `UPDATE bank_lines SET status = $1, note = $2, resolved_at = $3, resolved_by = $4 WHERE org_id = $5 AND id = $6`,
		status, note, l.ResolvedAt, l.ResolvedBy, orgID, l.ID)
	if err != nil {
		return fmt.Errorf("resolve bank line: %w", err)
	}
	return nil
}

// ResolveBankLine records what a line under review pays.
func (db *DB) ResolveBankLine(ctx context.Context, lineID int64, entries []store.PaymentEntry, learnIBAN bool) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		l, err := db.reviewLine(ctx, tx, orgID, lineID)
		if err != nil {
			return err
		}
		if l.Reversal {
			return ledger.FieldError("payment_id", "a reversal is resolved by naming the payment it returns")
		}
		var total int64
		for _, e := range entries {
			total += e.Payment.Amount.Minor
		}
		// A fee written off with the line may exceed it; the money itself
		// is what the bank says.
		if len(entries) > 0 && (entries[0].Payment.Amount != l.Amount || entries[0].Payment.Method == ledger.MethodBankFee) {
			return ledger.FieldError("amount", "the payment must be the line's amount, %d, not %d", l.Amount.Minor, entries[0].Payment.Amount.Minor)
		}
		if err := db.payLine(ctx, tx, orgID, l, entries); err != nil {
			return err
		}
		if learnIBAN {
			if err := db.learnIBAN(ctx, tx, orgID, l.CounterpartyIBAN, l.DebtorID, 0); err != nil {
				return err
			}
		}
		if err := db.resolve(ctx, tx, orgID, l, store.LineResolved, ""); err != nil {
			return err
		}
		return db.refreshDebtor(ctx, tx, orgID, l.DebtorID)
	})
}

// ResolveReversal applies a reversal line under review to a payment.
func (db *DB) ResolveReversal(ctx context.Context, lineID, paymentID int64) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		l, err := db.reviewLine(ctx, tx, orgID, lineID)
		if err != nil {
			return err
		}
		if !l.Reversal {
			return ledger.FieldError("line", "bank line %d is not a reversal", lineID)
		}
		var amount int64
		err = tx.QueryRowContext(ctx, `SELECT amount_minor FROM payments WHERE org_id = $1 AND id = $2`, orgID, paymentID).Scan(&amount)
		if err := one(err, "payment"); err != nil {
			return err
		}
		if amount != l.Amount.Minor {
			return ledger.FieldError("payment_id", "the payment's amount is not the reversal's")
		}
		debtorID, err := db.reverseLine(ctx, tx, orgID, l, paymentID)
		if err != nil {
			return err
		}
		if err := db.resolve(ctx, tx, orgID, l, store.LineReversed, ""); err != nil {
			return err
		}
		return db.refreshDebtor(ctx, tx, orgID, debtorID)
	})
}

// IgnoreBankLine takes a line out of the review queue.
func (db *DB) IgnoreBankLine(ctx context.Context, lineID int64, note string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		l, err := db.reviewLine(ctx, tx, orgID, lineID)
		if err != nil {
			return err
		}
		return db.resolve(ctx, tx, orgID, l, store.LineIgnored, note)
	})
}

// BankSettings returns the matching settings, the defaults when none
// were saved.
func (db *DB) BankSettings(ctx context.Context) (store.BankSettings, error) {
	s := store.DefaultBankSettings()
	orgID, err := org(ctx)
	if err != nil {
		return s, err
	}
	var updated time.Time
	err = db.r.QueryRowContext(ctx, `SELECT auto_threshold, fee_tolerance_minor, currency, updated_at FROM bank_settings WHERE org_id = $1`, orgID).
		Scan(&s.AutoThreshold, &s.FeeTolerance.Minor, &s.FeeTolerance.Currency, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("bank settings: %w", err)
	}
	s.UpdatedAt = updated
	return s, nil
}

// SaveBankSettings validates and saves the matching settings.
func (db *DB) SaveBankSettings(ctx context.Context, s store.BankSettings) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	switch {
	case s.AutoThreshold < 50 || s.AutoThreshold > 100:
		return ledger.FieldError("auto_threshold", "the threshold must be between 50 and 100")
	case s.FeeTolerance.Minor < 0 || s.FeeTolerance.Minor > 100000:
		return ledger.FieldError("fee_tolerance", "the fee tolerance must be between 0 and 1000")
	}
	if s.FeeTolerance.Currency == "" {
		s.FeeTolerance.Currency = "EUR"
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO bank_settings (org_id, auto_threshold, fee_tolerance_minor, currency, updated_at)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (org_id) DO UPDATE SET auto_threshold = excluded.auto_threshold, fee_tolerance_minor = excluded.fee_tolerance_minor,
				currency = excluded.currency, updated_at = excluded.updated_at`,
			orgID, s.AutoThreshold, s.FeeTolerance.Minor, s.FeeTolerance.Currency, db.now())
		if err != nil {
			return fmt.Errorf("save bank settings: %w", err)
		}
		return db.appendEvent(ctx, tx, "settings.bank", 0, 0, obj("auto_threshold", s.AutoThreshold,
			"fee_tolerance_minor", s.FeeTolerance.Minor))
	})
}

// SaveBankMapping saves a named bank CSV mapping.
func (db *DB) SaveBankMapping(ctx context.Context, m store.ImportMapping) error {
	return db.saveMapping(ctx, "bank_mappings", m)
}

// BankMappings lists the saved bank CSV mappings by name.
func (db *DB) BankMappings(ctx context.Context) ([]store.ImportMapping, error) {
	return db.mappings(ctx, "bank_mappings")
}

// DeleteBankMapping deletes a saved bank CSV mapping.
func (db *DB) DeleteBankMapping(ctx context.Context, name string) error {
	return db.deleteMapping(ctx, "bank_mappings", name)
}

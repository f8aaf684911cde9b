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

// CreatePayment records money received from a debtor of the organization.
func (db *DB) CreatePayment(ctx context.Context, p *ledger.Payment) error {
	e := store.PaymentEntry{Payment: *p}
	if err := db.RecordPayment(ctx, &e); err != nil {
		return err
	}
	*p = e.Payment
	return nil
}

// RecordPayment records a payment and its allocations in one transaction.
func (db *DB) RecordPayment(ctx context.Context, e *store.PaymentEntry) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.recordPaymentTx(ctx, tx, orgID, e); err != nil {
			return err
		}
		return db.refreshDebtor(ctx, tx, orgID, e.Payment.DebtorID)
	})
}

// validPayment checks what a payment needs before it is written.
func validPayment(p *ledger.Payment) error {
	if p.Method == "" {
		p.Method = ledger.MethodTransfer
	}
	switch {
	case p.DebtorID == 0:
		return ledger.FieldError("debtor_id", "a payment needs a debtor")
	case p.Amount.Minor <= 0:
		return ledger.FieldError("amount", "amount must be positive")
	case p.Amount.Currency == "":
		return ledger.FieldError("currency", "currency is required")
	case p.ReceivedOn.IsZero():
		return ledger.FieldError("received_on", "a payment needs a date")
	case !p.Method.Valid():
		return ledger.FieldError("method", "unknown payment method %q", p.Method)
	}
	return nil
}

// recordPaymentTx inserts a payment and makes its allocations inside tx,
// journaled; the caller refreshes the debtor's summary.
func (db *DB) recordPaymentTx(ctx context.Context, tx *sql.Tx, orgID int64, e *store.PaymentEntry) error {
	p := &e.Payment
	if err := validPayment(p); err != nil {
		return err
	}
	p.OrgID, p.CreatedAt = orgID, db.now()
	p.ReversedOn, p.ReversalReason = civil.Date{}, ""
	// What the payment gives is known before it is written: its allocated
	// amount is written with it, once.
	var allocated int64
	for _, al := range e.Allocations {
		if al.CreditNoteID == 0 {
			allocated += al.Amount.Minor
		}
	}
	if allocated > p.Amount.Minor {
		return ledger.FieldError("amount", "allocation exceeds what the payment or credit note has left")
	}
	p.Allocated = money.New(allocated, p.Amount.Currency)
	creditorID, err := db.creditorOf(ctx, tx, orgID, p.DebtorID)
	if err != nil {
		return err
	}
	p.CreditorID = creditorID
	err = queryRow(ctx, tx, `INSERT INTO payments (org_id, creditor_id, debtor_id, received_on, amount_minor, currency, method, reference,
			created_at, payer_name, payer_iban, bank_line_id, allocated_minor)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		orgID, p.CreditorID, p.DebtorID, p.ReceivedOn, p.Amount.Minor, p.Amount.Currency, p.Method, p.Reference, p.CreatedAt,
		p.PayerName, p.PayerIBAN, p.BankLineID, allocated).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("insert payment: %w", err)
	}
	kv := []any{"amount", money.Decimal(p.Amount), "currency", string(p.Amount.Currency), "method", string(p.Method),
		"reference", p.Reference, "received_on", p.ReceivedOn.String()}
	if p.PayerName != "" {
		kv = append(kv, "payer", p.PayerName)
	}
	if p.PayerIBAN != "" {
		kv = append(kv, "iban", p.PayerIBAN)
	}
	if p.BankLineID != 0 {
		kv = append(kv, "bank_line", p.BankLineID)
	}
	if err := db.appendEvent(ctx, tx, "payment.recorded", p.DebtorID, 0, obj(kv...)); err != nil {
		return err
	}
	src := &paymentSource{id: p.ID, debtorID: p.DebtorID, left: p.Amount, label: "payment " + p.Reference}
	for i := range e.Allocations {
		al := &e.Allocations[i]
		if al.CreditNoteID == 0 {
			al.PaymentID = p.ID
		} else {
			al.PaymentID = 0
		}
		al.BankLineID = p.BankLineID
		if err := db.allocateTx(ctx, tx, orgID, al, p.DebtorID, src); err != nil {
			return err
		}
	}
	return nil
}

// paymentSource is a payment being written, whose allocations are made
// from what it has left in memory: its allocated amount is written with
// it.
type paymentSource struct {
	id, debtorID int64
	left         money.Amount
	label        string
}

// creditorOf reads a debtor's creditor, once per transaction when it
// carries a cache.
func (db *DB) creditorOf(ctx context.Context, tx *sql.Tx, orgID, debtorID int64) (int64, error) {
	c := cacheOf(ctx, tx)
	if c != nil {
		if id, ok := c.creditors[debtorID]; ok {
			return id, nil
		}
	}
	var id int64
	err := queryRow(ctx, tx, `SELECT creditor_id FROM debtors WHERE org_id = $1 AND id = $2`, orgID, debtorID).Scan(&id)
	if err := one(err, "debtor"); err != nil {
		return 0, err
	}
	if c != nil {
		c.creditors[debtorID] = id
	}
	return id, nil
}

const paymentCols = `id, org_id, creditor_id, debtor_id, received_on, amount_minor, currency, method, reference, allocated_minor, created_at,
	payer_name, payer_iban, bank_line_id, reversed_on, reversal_reason, import_key`

func scanPayment(sc interface{ Scan(...any) error }) (ledger.Payment, error) {
	var p ledger.Payment
	err := sc.Scan(&p.ID, &p.OrgID, &p.CreditorID, &p.DebtorID, &p.ReceivedOn, &p.Amount.Minor, &p.Amount.Currency,
		&p.Method, &p.Reference, &p.Allocated.Minor, &p.CreatedAt, &p.PayerName, &p.PayerIBAN, &p.BankLineID, &p.ReversedOn,
		&p.ReversalReason, &p.ImportKey)
	p.Allocated.Currency = p.Amount.Currency
	return p, err
}

// GetPayment returns a payment of the organization.
func (db *DB) GetPayment(ctx context.Context, id int64) (*ledger.Payment, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	p, err := scanPayment(db.r.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE org_id = $1 AND id = $2`, orgID, id))
	if err := one(err, "payment"); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListPayments lists payments in id order; a negative Limit means all.
func (db *DB) ListPayments(ctx context.Context, q store.PaymentQuery) (store.PaymentPage, error) {
	var page store.PaymentPage
	orgID, err := org(ctx)
	if err != nil {
		return page, err
	}
	var a args
	w := []string{`org_id = ` + a.add(orgID)}
	if q.DebtorID != 0 {
		w = append(w, `debtor_id = `+a.add(q.DebtorID))
	}
	if q.Amount != 0 {
		w = append(w, `amount_minor = `+a.add(q.Amount))
	}
	if q.After > 0 {
		w = append(w, `id > `+a.add(q.After))
	}
	sqlText := `SELECT ` + paymentCols + ` FROM payments WHERE ` + strings.Join(w, " AND ") + ` ORDER BY id`
	n := -1
	if q.Limit >= 0 {
		n = limit(q.Limit, 50, 500)
		sqlText += ` LIMIT ` + a.add(n+1)
	}
	rows, err := db.r.QueryContext(ctx, sqlText, a...)
	if err != nil {
		return page, fmt.Errorf("list payments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return page, fmt.Errorf("scan payment: %w", err)
		}
		page.Payments = append(page.Payments, p)
	}
	if n >= 0 && len(page.Payments) > n {
		page.Payments = page.Payments[:n]
		page.Next = page.Payments[n-1].ID
	}
	return page, rows.Err()
}

// Allocate applies a payment or a credit note to an invoice of the same
// debtor, checking both ends' open amounts inside the transaction.
func (db *DB) Allocate(ctx context.Context, al *ledger.Allocation) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.allocateTx(ctx, tx, orgID, al, 0, nil); err != nil {
			return err
		}
		var debtorID int64
		if err := tx.QueryRowContext(ctx, `SELECT debtor_id FROM invoices WHERE org_id = $1 AND id = $2`, orgID, al.InvoiceID).Scan(&debtorID); err != nil {
			return fmt.Errorf("read invoice debtor: %w", err)
		}
		return db.refreshDebtor(ctx, tx, orgID, debtorID)
	})
}

// allocateTx makes one allocation inside tx, journaled; debtorID, when
// not 0, is the debtor both ends must belong to. pay, when not nil, is
// the payment being written, whose allocated amount its writer keeps.
func (db *DB) allocateTx(ctx context.Context, tx *sql.Tx, orgID int64, al *ledger.Allocation, debtorID int64, pay *paymentSource) error {
	al.OrgID, al.CreatedAt, al.CreatedBy = orgID, db.now(), store.ActorFrom(ctx).UserID
	inv, err := scanInvoice(queryRow(ctx, tx, `SELECT `+invoiceCols+` FROM invoices WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, al.InvoiceID))
	if err := one(err, "invoice"); err != nil {
		return err
	}
	known := pay != nil && al.PaymentID == pay.id && al.PaymentID != 0
	var src money.Amount
	var srcDebtor int64
	var label string
	if known {
		src, srcDebtor, label = pay.left, pay.debtorID, pay.label
	} else if src, srcDebtor, label, err = db.allocationSource(ctx, tx, orgID, al); err != nil {
		return err
	}
	if srcDebtor != inv.DebtorID || debtorID != 0 && inv.DebtorID != debtorID {
		return ledger.FieldError("invoice_id", "the invoice and the payment belong to different debtors")
	}
	if err := al.Validate(inv, src); err != nil {
		return err
	}
	if err := db.insertAllocation(ctx, tx, al, !known); err != nil {
		return err
	}
	if known {
		pay.left.Minor -= al.Amount.Minor
	}
	payload := obj("invoice", inv.Number, "amount", money.Decimal(al.Amount), "currency", string(al.Amount.Currency), "source", label)
	return db.appendEvent(ctx, tx, "allocation.created", inv.DebtorID, inv.ID, payload)
}

// allocationSource reads what the payment or credit note has left to give.
func (db *DB) allocationSource(ctx context.Context, tx *sql.Tx, orgID int64, al *ledger.Allocation) (money.Amount, int64, string, error) {
	if al.PaymentID != 0 {
		p, err := scanPayment(tx.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, al.PaymentID))
		if err := one(err, "payment"); err != nil {
			return money.Amount{}, 0, "", err
		}
		if p.Reversed() {
			return money.Amount{}, 0, "", ledger.Errorf(ledger.EConflict, "%s", store.ReverseAlready)
		}
		return p.Unallocated(), p.DebtorID, "payment " + p.Reference, nil
	}
	cn, err := scanInvoice(tx.QueryRowContext(ctx, `SELECT `+invoiceCols+` FROM invoices WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, al.CreditNoteID))
	if err := one(err, "credit note"); err != nil {
		return money.Amount{}, 0, "", err
	}
	if cn.Kind != ledger.DocCreditNote {
		return money.Amount{}, 0, "", ledger.FieldError("credit_note_id", "document %s is not a credit note", cn.Number)
	}
	return cn.Open(), cn.DebtorID, "credit note " + cn.Number, nil
}

// insertAllocation writes an allocation and adds it to its invoice's and
// its credit note's allocated amounts, and to its payment's when
// payment says so.
func (db *DB) insertAllocation(ctx context.Context, tx *sql.Tx, al *ledger.Allocation, payment bool) error {
	var pay, cn any
	if al.PaymentID != 0 {
		pay = al.PaymentID
	} else {
		cn = al.CreditNoteID
	}
	err := queryRow(ctx, tx, `INSERT INTO allocations (org_id, invoice_id, payment_id, credit_note_id, amount_minor, currency, created_at, created_by,
			bank_line_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		al.OrgID, al.InvoiceID, pay, cn, al.Amount.Minor, al.Amount.Currency, al.CreatedAt, al.CreatedBy, al.BankLineID).Scan(&al.ID)
	if err != nil {
		return fmt.Errorf("insert allocation: %w", err)
	}
	upd := []struct {
		table string
		id    int64
	}{{"invoices", al.InvoiceID}, {"payments", al.PaymentID}, {"invoices", al.CreditNoteID}}
	for _, u := range upd {
		if u.id == 0 || u.table == "payments" && !payment {
			continue
		}
		if _, err := exec(ctx, tx, `UPDATE `+u.table+` SET allocated_minor = allocated_minor + $1 WHERE org_id = $2 AND id = $3`,
			al.Amount.Minor, al.OrgID, u.id); err != nil {
			return fmt.Errorf("update %s allocated amount: %w", u.table, err)
		}
	}
	return nil
}

// ListAllocations lists allocations touching a debtor, an invoice (as the
// settled invoice or as the credit note) or a payment.
func (db *DB) ListAllocations(ctx context.Context, q store.AllocationQuery) ([]store.AllocationView, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	w := []string{`a.org_id = ` + a.add(orgID)}
	if q.DebtorID != 0 {
		w = append(w, `i.debtor_id = `+a.add(q.DebtorID))
	}
	if q.InvoiceID != 0 {
		p := a.add(q.InvoiceID)
		w = append(w, `(a.invoice_id = `+p+` OR a.credit_note_id = `+p+`)`)
	}
	if q.PaymentID != 0 {
		w = append(w, `a.payment_id = `+a.add(q.PaymentID))
	}
	rows, err := db.r.QueryContext(ctx, `SELECT a.id, a.org_id, a.invoice_id, COALESCE(a.payment_id, 0), COALESCE(a.credit_note_id, 0),
			a.amount_minor, a.currency, a.created_at, a.created_by, i.number, COALESCE(c.number, ''), COALESCE(p.reference, ''), p.received_on
		FROM allocations a
		JOIN invoices i ON i.org_id = a.org_id AND i.id = a.invoice_id
		LEFT JOIN invoices c ON c.org_id = a.org_id AND c.id = a.credit_note_id
		LEFT JOIN payments p ON p.org_id = a.org_id AND p.id = a.payment_id
		WHERE `+strings.Join(w, " AND ")+` ORDER BY a.id`, a...)
	if err != nil {
		return nil, fmt.Errorf("list allocations: %w", err)
	}
	defer rows.Close()
	var out []store.AllocationView
	for rows.Next() {
		var v store.AllocationView
		if err := rows.Scan(&v.ID, &v.OrgID, &v.InvoiceID, &v.PaymentID, &v.CreditNoteID, &v.Amount.Minor, &v.Amount.Currency,
			&v.CreatedAt, &v.CreatedBy, &v.InvoiceNumber, &v.CreditNoteNumber, &v.PaymentRef, &v.PaymentDate); err != nil {
			return nil, fmt.Errorf("scan allocation: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Unallocate removes an allocation, journaled with the reason given.
func (db *DB) Unallocate(ctx context.Context, allocationID int64, reason string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		debtorID, err := db.unallocateTx(ctx, tx, orgID, allocationID, reason)
		if err != nil {
			return err
		}
		return db.refreshDebtor(ctx, tx, orgID, debtorID)
	})
}

// unallocateTx deletes one allocation inside tx, gives its amount back to
// both ends and journals allocation.removed; it returns the debtor.
func (db *DB) unallocateTx(ctx context.Context, tx *sql.Tx, orgID, id int64, reason string) (int64, error) {
	var al ledger.Allocation
	var pay, cn sql.NullInt64
	var debtorID int64
	var number, srcLabel string
	err := tx.QueryRowContext(ctx, `SELECT a.invoice_id, a.payment_id, a.credit_note_id, a.amount_minor, a.currency, i.debtor_id, i.number,
			COALESCE(p.reference, c.number, '')
		FROM allocations a
		JOIN invoices i ON i.org_id = a.org_id AND i.id = a.invoice_id
		LEFT JOIN payments p ON p.org_id = a.org_id AND p.id = a.payment_id
		LEFT JOIN invoices c ON c.org_id = a.org_id AND c.id = a.credit_note_id
		WHERE a.org_id = $1 AND a.id = $2`, orgID, id).
		Scan(&al.InvoiceID, &pay, &cn, &al.Amount.Minor, &al.Amount.Currency, &debtorID, &number, &srcLabel)
	if err := one(err, "allocation"); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM allocations WHERE org_id = $1 AND id = $2`, orgID, id); err != nil {
		return 0, fmt.Errorf("delete allocation: %w", err)
	}
	upd := []struct {
		table string
		id    int64
	}{{"invoices", al.InvoiceID}, {"payments", pay.Int64}, {"invoices", cn.Int64}}
	for _, u := range upd {
		if u.id == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+u.table+` SET allocated_minor = allocated_minor - $1 WHERE org_id = $2 AND id = $3`,
			al.Amount.Minor, orgID, u.id); err != nil {
			return 0, fmt.Errorf("update %s allocated amount: %w", u.table, err)
		}
	}
	source := "payment " + srcLabel
	if cn.Valid {
		source = "credit note " + srcLabel
	}
	payload := obj("invoice", number, "amount", money.Decimal(al.Amount), "currency", string(al.Amount.Currency), "source", source, "reason", reason)
	if err := db.appendEvent(ctx, tx, "allocation.removed", debtorID, al.InvoiceID, payload); err != nil {
		return 0, err
	}
	return debtorID, nil
}

// ReversePayment reverses a payment: its allocations are removed (the
// invoices reopen) and it is marked returned. A bank fee written off with
// it, from the same statement line, is reversed with it.
func (db *DB) ReversePayment(ctx context.Context, paymentID int64, on civil.Date, reason string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		debtorID, err := db.reverseTx(ctx, tx, orgID, paymentID, on, reason)
		if err != nil {
			return err
		}
		return db.refreshDebtor(ctx, tx, orgID, debtorID)
	})
}

func (db *DB) reverseTx(ctx context.Context, tx *sql.Tx, orgID, paymentID int64, on civil.Date, reason string) (int64, error) {
	p, err := scanPayment(tx.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE org_id = $1 AND id = $2 `+db.d.ForUpdate(), orgID, paymentID))
	if err := one(err, "payment"); err != nil {
		return 0, err
	}
	switch {
	case p.Reversed():
		return 0, ledger.Errorf(ledger.EConflict, "%s", store.ReverseAlready)
	case p.Method == ledger.MethodBankFee:
		return 0, ledger.Errorf(ledger.EConflict, "%s", store.ReverseFee)
	case on.IsZero():
		return 0, ledger.FieldError("on", "a reversal needs a date")
	case on.Before(p.ReceivedOn):
		return 0, ledger.FieldError("on", "a payment cannot be reversed before it was received")
	}
	ids := []int64{p.ID}
	if p.BankLineID != 0 {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM payments WHERE org_id = $1 AND bank_line_id = $2 AND id <> $3 AND method = $4 AND reversed_on IS NULL`,
			orgID, p.BankLineID, p.ID, ledger.MethodBankFee)
		fees, err := column[int64](rows, err, "fee write-offs")
		if err != nil {
			return 0, err
		}
		ids = append(ids, fees...)
	}
	for _, pid := range ids {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM allocations WHERE org_id = $1 AND payment_id = $2 ORDER BY id`, orgID, pid)
		allocs, err := column[int64](rows, err, "allocations")
		if err != nil {
			return 0, err
		}
		for _, id := range allocs {
			if _, err := db.unallocateTx(ctx, tx, orgID, id, "reversal"); err != nil {
				return 0, err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET reversed_on = $1, reversal_reason = $2 WHERE org_id = $3 AND id = $4`,
			on, reason, orgID, pid); err != nil {
			return 0, fmt.Errorf("reverse payment: %w", err)
		}
	}
	payload := obj("amount", money.Decimal(p.Amount), "currency", string(p.Amount.Currency), "reference", p.Reference,
		"received_on", p.ReceivedOn.String(), "reversed_on", on.String(), "reason", reason)
	if err := db.appendEvent(ctx, tx, "payment.reversed", p.DebtorID, 0, payload); err != nil {
		return 0, err
	}
	return p.DebtorID, nil
}

// OpenDocuments calls fn for each open invoice and credit note of the
// organization, in id order, with what matching reads of them (kind,
// number, dates, amounts, debtor): a statement import loads them all.
func (db *DB) OpenDocuments(ctx context.Context, fn func(ledger.Invoice) error) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, debtor_id, kind, number, issue_date, due_date, amount_minor, currency, allocated_minor
		FROM invoices WHERE org_id = $1 AND amount_minor > allocated_minor ORDER BY id`, orgID)
	if err != nil {
		return fmt.Errorf("open documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		inv := ledger.Invoice{OrgID: orgID}
		if err := rows.Scan(&inv.ID, &inv.DebtorID, &inv.Kind, &inv.Number, &inv.IssueDate, &inv.DueDate, &inv.Amount.Minor,
			&inv.Amount.Currency, &inv.Allocated.Minor); err != nil {
			return fmt.Errorf("scan invoice: %w", err)
		}
		inv.Allocated.Currency = inv.Amount.Currency
		if err := fn(inv); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DebtorIdentities calls fn for each debtor of the organization.
func (db *DB) DebtorIdentities(ctx context.Context, fn func(store.DebtorIdentity) error) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, ref, name, siren FROM debtors WHERE org_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return fmt.Errorf("debtor identities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d store.DebtorIdentity
		if err := rows.Scan(&d.ID, &d.Ref, &d.Name, &d.SIREN); err != nil {
			return fmt.Errorf("scan debtor: %w", err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

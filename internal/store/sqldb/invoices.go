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

func validateInvoice(inv *ledger.Invoice) error {
	inv.Number = strings.TrimSpace(inv.Number)
	if inv.Kind == "" {
		inv.Kind = ledger.DocInvoice
	}
	switch {
	case inv.Number == "":
		return ledger.FieldError("number", "an invoice needs a number")
	case inv.Kind != ledger.DocInvoice && inv.Kind != ledger.DocCreditNote:
		return ledger.FieldError("kind", "kind must be invoice or credit_note")
	case inv.DebtorID == 0:
		return ledger.FieldError("debtor_id", "an invoice needs a debtor")
	case inv.IssueDate.IsZero():
		return ledger.FieldError("issue_date", "an invoice needs an issue date")
	case inv.Kind == ledger.DocInvoice && inv.DueDate.IsZero():
		return ledger.FieldError("due_date", "an invoice needs a due date")
	case inv.Amount.Minor <= 0:
		return ledger.FieldError("amount", "amount must be positive")
	case inv.Amount.Currency == "":
		return ledger.FieldError("currency", "currency is required")
	}
	return nil
}

func eventType(k ledger.DocKind) string {
	if k == ledger.DocCreditNote {
		return "credit_note.created"
	}
	return "invoice.created"
}

// CreateInvoice inserts an invoice or credit note for a debtor of the
// organization; its creditor is the debtor's.
func (db *DB) CreateInvoice(ctx context.Context, inv *ledger.Invoice) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if err := validateInvoice(inv); err != nil {
		return err
	}
	inv.OrgID, inv.CreatedAt = orgID, db.now()
	inv.Allocated = money.New(0, inv.Amount.Currency)
	return db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT creditor_id FROM debtors WHERE org_id = $1 AND id = $2`, orgID, inv.DebtorID).Scan(&inv.CreditorID)
		if err := one(err, "debtor"); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO invoices (org_id, creditor_id, debtor_id, kind, number, issue_date, due_date, amount_minor, currency, document_url, disputed, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			orgID, inv.CreditorID, inv.DebtorID, inv.Kind, inv.Number, inv.IssueDate, inv.DueDate, inv.Amount.Minor, inv.Amount.Currency,
			inv.DocumentURL, inv.Disputed, inv.CreatedAt).Scan(&inv.ID)
		if err != nil {
			return db.conflict(fmt.Errorf("insert invoice: %w", err), "invoice %s already exists for this creditor", inv.Number)
		}
		payload := obj("number", inv.Number, "amount", money.Decimal(inv.Amount), "currency", string(inv.Amount.Currency), "due_date", inv.DueDate.String())
		if err := db.appendEvent(ctx, tx, eventType(inv.Kind), inv.DebtorID, inv.ID, payload); err != nil {
			return err
		}
		return db.refreshDebtor(ctx, tx, orgID, inv.DebtorID)
	})
}

const invoiceCols = `id, org_id, creditor_id, debtor_id, kind, number, issue_date, due_date, amount_minor, currency, allocated_minor, document_url, disputed, created_at, import_batch_id`

func scanInvoice(sc interface{ Scan(...any) error }) (ledger.Invoice, error) {
	var inv ledger.Invoice
	err := sc.Scan(&inv.ID, &inv.OrgID, &inv.CreditorID, &inv.DebtorID, &inv.Kind, &inv.Number, &inv.IssueDate, &inv.DueDate,
		&inv.Amount.Minor, &inv.Amount.Currency, &inv.Allocated.Minor, &inv.DocumentURL, &inv.Disputed, &inv.CreatedAt, &inv.ImportBatchID)
	inv.Allocated.Currency = inv.Amount.Currency
	return inv, err
}

// GetInvoice returns an invoice of the organization.
func (db *DB) GetInvoice(ctx context.Context, id int64) (*ledger.Invoice, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	inv, err := scanInvoice(db.r.QueryRowContext(ctx, `SELECT `+invoiceCols+` FROM invoices WHERE org_id = $1 AND id = $2`, orgID, id))
	if err := one(err, "invoice"); err != nil {
		return nil, err
	}
	return &inv, nil
}

// ListInvoices lists invoices in id order (by due date for one debtor).
// A negative Limit means all rows (internal use).
func (db *DB) ListInvoices(ctx context.Context, q store.InvoiceQuery) (store.InvoicePage, error) {
	var page store.InvoicePage
	orgID, err := org(ctx)
	if err != nil {
		return page, err
	}
	var a args
	w := []string{`org_id = ` + a.add(orgID)}
	if q.DebtorID != 0 {
		w = append(w, `debtor_id = `+a.add(q.DebtorID))
	}
	if q.Kind != "" {
		w = append(w, `kind = `+a.add(string(q.Kind)))
	}
	today := q.Today
	if today.IsZero() {
		today = civil.Today(db.Now(), civil.Paris)
	}
	if q.Overdue {
		w = append(w, `kind = 'invoice' AND amount_minor > allocated_minor AND due_date < `+a.add(today))
	}
	if q.Status != "" {
		cond, err := statusWhere(&a, q.Status, today)
		if err != nil {
			return page, err
		}
		w = append(w, cond)
	}
	if q.After > 0 {
		w = append(w, `id > `+a.add(q.After))
	}
	order := `id`
	if q.DebtorID != 0 && q.After == 0 && q.Limit < 0 {
		order = `issue_date, id`
	}
	sqlText := `SELECT ` + invoiceCols + ` FROM invoices WHERE ` + strings.Join(w, " AND ") + ` ORDER BY ` + order
	n := -1
	if q.Limit >= 0 {
		n = limit(q.Limit, 50, 500)
		sqlText += ` LIMIT ` + a.add(n+1)
	}
	rows, err := db.r.QueryContext(ctx, sqlText, a...)
	if err != nil {
		return page, fmt.Errorf("list invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return page, fmt.Errorf("scan invoice: %w", err)
		}
		page.Invoices = append(page.Invoices, inv)
	}
	if n >= 0 && len(page.Invoices) > n {
		page.Invoices = page.Invoices[:n]
		page.Next = page.Invoices[n-1].ID
	}
	return page, rows.Err()
}

// statusWhere mirrors ledger.Invoice.Status in SQL.
func statusWhere(a *args, s ledger.InvoiceStatus, today civil.Date) (string, error) {
	const open = `amount_minor > allocated_minor`
	switch s {
	case ledger.StatusPaid:
		return `kind = 'invoice' AND NOT ` + open, nil
	case ledger.StatusDisputed:
		return `kind = 'invoice' AND ` + open + ` AND disputed = ` + a.add(true), nil
	case ledger.StatusOverdue:
		return `kind = 'invoice' AND ` + open + ` AND disputed = ` + a.add(false) + ` AND due_date < ` + a.add(today), nil
	case ledger.StatusPartial:
		return `kind = 'invoice' AND ` + open + ` AND allocated_minor > 0 AND disputed = ` + a.add(false) + ` AND due_date >= ` + a.add(today), nil
	case ledger.StatusNotDue:
		return `kind = 'invoice' AND allocated_minor = 0 AND disputed = ` + a.add(false) + ` AND due_date >= ` + a.add(today), nil
	case ledger.StatusCredit:
		return `kind = 'credit_note' AND ` + open, nil
	case ledger.StatusApplied:
		return `kind = 'credit_note' AND NOT ` + open, nil
	}
	return "", ledger.FieldError("status", "unknown invoice status %q", s)
}

package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// CreateCreditor adds a creditor to the organization.
func (db *DB) CreateCreditor(ctx context.Context, c *ledger.Creditor) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if strings.TrimSpace(c.Name) == "" {
		return ledger.FieldError("name", "a creditor needs a name")
	}
	c.OrgID, c.CreatedAt = orgID, db.now()
	if c.Address.Country == "" {
		c.Address.Country = "FR"
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO creditors (org_id, name, siren, vat_number, iban, line1, line2, postal_code, city, country, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			orgID, c.Name, c.SIREN, c.VATNumber, c.IBAN, c.Address.Line1, c.Address.Line2, c.Address.PostalCode, c.Address.City, c.Address.Country, c.CreatedAt).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("insert creditor: %w", err)
		}
		return db.appendEvent(ctx, tx, "creditor.created", 0, 0, obj("creditor_id", c.ID, "name", c.Name))
	})
}

// ListCreditors lists the organization's creditors.
func (db *DB) ListCreditors(ctx context.Context) ([]ledger.Creditor, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, org_id, name, siren, vat_number, iban, line1, line2, postal_code, city, country, created_at
		FROM creditors WHERE org_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list creditors: %w", err)
	}
	defer rows.Close()
	var out []ledger.Creditor
	for rows.Next() {
		var c ledger.Creditor
		a := &c.Address
		if err := rows.Scan(&c.ID, &c.OrgID, &c.Name, &c.SIREN, &c.VATNumber, &c.IBAN, &a.Line1, &a.Line2, &a.PostalCode, &a.City, &a.Country, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func validateDebtor(d *ledger.Debtor) error {
	d.Name = strings.TrimSpace(d.Name)
	d.Ref = strings.TrimSpace(d.Ref)
	switch {
	case d.Name == "":
		return ledger.FieldError("name", "a debtor needs a name")
	case d.Ref == "":
		return ledger.FieldError("ref", "a debtor needs a reference")
	case !d.Kind.Valid():
		return ledger.FieldError("kind", "kind must be consumer, business or public")
	case d.SIREN != "" && !ledger.ValidSIREN(d.SIREN):
		return ledger.FieldError("siren", "invalid SIREN %q", d.SIREN)
	case d.SIRET != "" && !ledger.ValidSIRET(d.SIRET):
		return ledger.FieldError("siret", "invalid SIRET %q", d.SIRET)
	case d.CreditorID == 0:
		return ledger.FieldError("creditor_id", "a debtor belongs to a creditor")
	}
	if d.Lang == "" {
		d.Lang = "fr"
	}
	if d.CreditLimit.Currency == "" {
		d.CreditLimit.Currency = "EUR"
	}
	d.Tags = normTags(d.Tags)
	return nil
}

func normTags(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// CreateDebtor inserts a debtor with its contacts and tags.
func (db *DB) CreateDebtor(ctx context.Context, d *ledger.Debtor) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if err := validateDebtor(d); err != nil {
		return err
	}
	d.OrgID, d.CreatedAt = orgID, db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		// Another organization's creditor is not found, like a missing one.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM creditors WHERE org_id = $1 AND id = $2`, orgID, d.CreditorID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("creditor")
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO debtors (org_id, creditor_id, ref, name, search_key, kind, siren, siret, vat_number, lang, credit_limit_minor, currency, created_at, payment_term_days)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			orgID, d.CreditorID, d.Ref, d.Name, searchKey(d.Name, d.Ref, d.SIREN, d.SIRET), d.Kind, d.SIREN, d.SIRET, d.VATNumber, d.Lang,
			d.CreditLimit.Minor, d.CreditLimit.Currency, d.CreatedAt, d.PaymentTermDays).Scan(&d.ID)
		if err != nil {
			return db.conflict(fmt.Errorf("insert debtor: %w", err), "a debtor with reference %s already exists", d.Ref)
		}
		for i := range d.Contacts {
			if err := insertContact(ctx, tx, orgID, d.ID, &d.Contacts[i]); err != nil {
				return err
			}
		}
		for _, t := range d.Tags {
			if _, err := tx.ExecContext(ctx, `INSERT INTO debtor_tags (org_id, debtor_id, tag) VALUES ($1, $2, $3)`, orgID, d.ID, t); err != nil {
				return fmt.Errorf("insert tag: %w", err)
			}
		}
		return db.appendEvent(ctx, tx, "debtor.created", d.ID, 0, obj("ref", d.Ref, "name", d.Name, "kind", string(d.Kind)))
	})
}

func insertContact(ctx context.Context, tx *sql.Tx, orgID, debtorID int64, c *ledger.Contact) error {
	a := c.Address
	err := tx.QueryRowContext(ctx, `INSERT INTO contacts (org_id, debtor_id, name, role, email, phone, line1, line2, postal_code, city, country, preferred_channel, sms_consent, is_primary)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		orgID, debtorID, c.Name, c.Role, c.Email, c.Phone, a.Line1, a.Line2, a.PostalCode, a.City, a.Country, c.PreferredChannel, c.SMSConsent, c.Primary).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("insert contact: %w", err)
	}
	return nil
}

const debtorCols = `d.id, d.org_id, d.creditor_id, d.ref, d.name, d.kind, d.siren, d.siret, d.vat_number, d.lang, d.credit_limit_minor, d.currency, d.created_at, d.payment_term_days`

func scanDebtor(sc interface{ Scan(...any) error }, d *ledger.Debtor, extra ...any) error {
	dest := append([]any{&d.ID, &d.OrgID, &d.CreditorID, &d.Ref, &d.Name, &d.Kind, &d.SIREN, &d.SIRET, &d.VATNumber, &d.Lang,
		&d.CreditLimit.Minor, &d.CreditLimit.Currency, &d.CreatedAt, &d.PaymentTermDays}, extra...)
	return sc.Scan(dest...)
}

// GetDebtor returns a debtor of the organization with contacts and tags.
func (db *DB) GetDebtor(ctx context.Context, id int64) (*ledger.Debtor, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	var d ledger.Debtor
	err = scanDebtor(db.r.QueryRowContext(ctx, `SELECT `+debtorCols+` FROM debtors d WHERE d.org_id = $1 AND d.id = $2`, orgID, id), &d)
	if err := one(err, "debtor"); err != nil {
		return nil, err
	}
	if d.Contacts, err = db.contacts(ctx, orgID, id); err != nil {
		return nil, err
	}
	if d.Tags, err = db.debtorTags(ctx, orgID, id); err != nil {
		return nil, err
	}
	return &d, nil
}

func (db *DB) contacts(ctx context.Context, orgID, debtorID int64) ([]ledger.Contact, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, name, role, email, phone, line1, line2, postal_code, city, country, preferred_channel, sms_consent, is_primary
		FROM contacts WHERE org_id = $1 AND debtor_id = $2 ORDER BY is_primary DESC, id`, orgID, debtorID)
	if err != nil {
		return nil, fmt.Errorf("list contacts: %w", err)
	}
	defer rows.Close()
	var out []ledger.Contact
	for rows.Next() {
		var c ledger.Contact
		a := &c.Address
		if err := rows.Scan(&c.ID, &c.Name, &c.Role, &c.Email, &c.Phone, &a.Line1, &a.Line2, &a.PostalCode, &a.City, &a.Country, &c.PreferredChannel, &c.SMSConsent, &c.Primary); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (db *DB) debtorTags(ctx context.Context, orgID, debtorID int64) ([]string, error) {
	return db.strings(ctx, `SELECT tag FROM debtor_tags WHERE org_id = $1 AND debtor_id = $2 ORDER BY tag`, orgID, debtorID)
}

// Tags lists the tags in use in the organization.
func (db *DB) Tags(ctx context.Context) ([]string, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	return db.strings(ctx, `SELECT DISTINCT tag FROM debtor_tags WHERE org_id = $1 ORDER BY tag`, orgID)
}

func (db *DB) strings(ctx context.Context, q string, a ...any) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// DebtorBalance derives a debtor's balance from its documents on day
// today, directly from invoices and payments (not the summary).
func (db *DB) DebtorBalance(ctx context.Context, id int64, today civil.Date) (ledger.Balance, error) {
	orgID, err := org(ctx)
	if err != nil {
		return ledger.Balance{}, err
	}
	var cur money.Currency
	err = db.r.QueryRowContext(ctx, `SELECT currency FROM debtors WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&cur)
	if err := one(err, "debtor"); err != nil {
		return ledger.Balance{}, err
	}
	invs, err := db.ListInvoices(ctx, store.InvoiceQuery{DebtorID: id, Limit: -1})
	if err != nil {
		return ledger.Balance{}, err
	}
	pays, err := db.ListPayments(ctx, store.PaymentQuery{DebtorID: id, Limit: -1})
	if err != nil {
		return ledger.Balance{}, err
	}
	return ledger.ComputeBalance(cur, invs.Invoices, pays.Payments, today), nil
}

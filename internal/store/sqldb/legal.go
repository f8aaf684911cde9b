package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// LegalSettings returns the organization's conventions; the law's
// defaults when none were saved.
func (db *DB) LegalSettings(ctx context.Context) (ledger.LegalSettings, error) {
	orgID, err := org(ctx)
	if err != nil {
		return ledger.LegalSettings{}, err
	}
	s := ledger.LegalSettings{OrgID: orgID, NoticeDays: 8, DefaultTermDays: ledger.DefaultTermDays}
	var rate sql.NullInt64
	err = db.r.QueryRowContext(ctx, `SELECT year365, principal_first, contract_rate_bp, creditor_is_consumer, notice_days, place, signatory, signatory_role, default_term_days
		FROM legal_settings WHERE org_id = $1`, orgID).
		Scan(&s.Year365, &s.PrincipalFirst, &rate, &s.CreditorIsConsumer, &s.NoticeDays, &s.Place, &s.Signatory, &s.SignatoryRole, &s.DefaultTermDays)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("legal settings: %w", err)
	}
	s.ContractRateBP, s.HasContractRate = rate.Int64, rate.Valid
	return s, nil
}

// SaveLegalSettings stores the organization's conventions and journals
// the change.
func (db *DB) SaveLegalSettings(ctx context.Context, s ledger.LegalSettings) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if s.NoticeDays < 1 || s.NoticeDays > 90 {
		return ledger.FieldError("notice_days", "the notice's deadline must be from 1 to 90 days")
	}
	if s.HasContractRate && (s.ContractRateBP < 0 || s.ContractRateBP > 10000) {
		return ledger.FieldError("contract_rate", "a contract rate must be between 0 and 100 %%")
	}
	if s.DefaultTermDays == 0 {
		s.DefaultTermDays = ledger.DefaultTermDays
	}
	if s.DefaultTermDays < 1 || s.DefaultTermDays > 120 {
		return ledger.FieldError("default_term_days", "the default payment term must be from 1 to 120 days")
	}
	var rate any
	if s.HasContractRate {
		rate = s.ContractRateBP
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO legal_settings (org_id, year365, principal_first, contract_rate_bp, creditor_is_consumer, notice_days, place, signatory, signatory_role, default_term_days)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (org_id) DO UPDATE SET year365 = excluded.year365, principal_first = excluded.principal_first,
				contract_rate_bp = excluded.contract_rate_bp, creditor_is_consumer = excluded.creditor_is_consumer,
				notice_days = excluded.notice_days, place = excluded.place, signatory = excluded.signatory, signatory_role = excluded.signatory_role,
				default_term_days = excluded.default_term_days`,
			orgID, s.Year365, s.PrincipalFirst, rate, s.CreditorIsConsumer, s.NoticeDays, s.Place, s.Signatory, s.SignatoryRole, s.DefaultTermDays)
		if err != nil {
			return fmt.Errorf("save legal settings: %w", err)
		}
		return db.appendEvent(ctx, tx, "settings.legal_changed", 0, 0, obj("year365", s.Year365, "principal_first", s.PrincipalFirst,
			"contract_rate_bp", rate, "creditor_is_consumer", s.CreditorIsConsumer, "notice_days", s.NoticeDays, "default_term_days", s.DefaultTermDays))
	})
}

// RecordInsolvency marks a debtor as in collective proceedings (or
// replaces the record), and journals it.
func (db *DB) RecordInsolvency(ctx context.Context, in *ledger.Insolvency) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	switch {
	case !in.Kind.Valid():
		return ledger.FieldError("kind", "unknown proceedings %q (want sauvegarde, redressement or liquidation)", in.Kind)
	case in.JudgmentDate.IsZero():
		return ledger.FieldError("judgment_date", "the date of the judgment is required")
	case !in.PublicationDate.IsZero() && in.PublicationDate.Before(in.JudgmentDate):
		return ledger.FieldError("publication_date", "the publication cannot precede the judgment")
	}
	in.OrgID, in.CreatedAt = orgID, db.now()
	addr, err := json.Marshal(in.MandataireAddr)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM debtors WHERE org_id = $1 AND id = $2`, orgID, in.DebtorID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("debtor")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO insolvencies (org_id, debtor_id, kind, judgment_date, court, mandataire, mandataire_addr, publication_date, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (org_id, debtor_id) DO UPDATE SET kind = excluded.kind, judgment_date = excluded.judgment_date, court = excluded.court,
				mandataire = excluded.mandataire, mandataire_addr = excluded.mandataire_addr, publication_date = excluded.publication_date`,
			orgID, in.DebtorID, string(in.Kind), in.JudgmentDate, in.Court, in.Mandataire, string(addr), nullDate(in.PublicationDate), in.CreatedAt)
		if err != nil {
			return fmt.Errorf("record insolvency: %w", err)
		}
		return db.appendEvent(ctx, tx, "debtor.insolvency_recorded", in.DebtorID, 0, obj("kind", string(in.Kind),
			"judgment_date", in.JudgmentDate.String(), "court", in.Court, "mandataire", in.Mandataire))
	})
}

// Insolvency returns the debtor's proceedings; not found when none.
func (db *DB) Insolvency(ctx context.Context, debtorID int64) (*ledger.Insolvency, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	in := &ledger.Insolvency{OrgID: orgID, DebtorID: debtorID}
	var kind, addr string
	err = db.r.QueryRowContext(ctx, `SELECT kind, judgment_date, court, mandataire, mandataire_addr, publication_date, created_at
		FROM insolvencies WHERE org_id = $1 AND debtor_id = $2`, orgID, debtorID).
		Scan(&kind, &in.JudgmentDate, &in.Court, &in.Mandataire, &addr, &in.PublicationDate, &in.CreatedAt)
	if err := one(err, "insolvency"); err != nil {
		return nil, err
	}
	in.Kind = ledger.InsolvencyKind(kind)
	if err := json.Unmarshal([]byte(addr), &in.MandataireAddr); err != nil {
		return nil, fmt.Errorf("mandataire address: %w", err)
	}
	return in, nil
}

// RecordFormalNotice keeps a formal notice issued, and journals it on the
// debtor and on each invoice it claims.
func (db *DB) RecordFormalNotice(ctx context.Context, n *ledger.FormalNotice) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if n.IssuedOn.IsZero() || n.Deadline.Before(n.IssuedOn) || len(n.InvoiceIDs) == 0 || strings.TrimSpace(n.Reference) == "" {
		return ledger.FieldError("notice", "a formal notice needs a reference, a date, a deadline after it and at least one invoice")
	}
	n.OrgID, n.CreatedAt = orgID, db.now()
	ids, _ := json.Marshal(n.InvoiceIDs)
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range n.InvoiceIDs {
			var n2 int
			err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices WHERE org_id = $1 AND id = $2 AND debtor_id = $3`, orgID, id, n.DebtorID).Scan(&n2)
			if err != nil {
				return err
			}
			if n2 == 0 {
				return notFound("invoice")
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO formal_notices (org_id, debtor_id, reference, issued_on, deadline, invoice_ids, total_minor, currency, pdf, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			orgID, n.DebtorID, n.Reference, n.IssuedOn, n.Deadline, string(ids), n.Total.Minor, string(n.Total.Currency), n.PDF, n.CreatedAt).Scan(&n.ID)
		if err != nil {
			return db.conflict(err, "formal notice %s already exists", n.Reference)
		}
		payload := obj("reference", n.Reference, "issued_on", n.IssuedOn.String(), "deadline", n.Deadline.String(),
			"amount", money.Decimal(n.Total), "currency", string(n.Total.Currency))
		if err := db.appendEvent(ctx, tx, "formal_notice.issued", n.DebtorID, 0, payload); err != nil {
			return err
		}
		for _, id := range n.InvoiceIDs {
			if err := db.appendEvent(ctx, tx, "formal_notice.issued", n.DebtorID, id, payload); err != nil {
				return err
			}
		}
		return nil
	})
}

// FormalNotices lists a debtor's formal notices, oldest first.
func (db *DB) FormalNotices(ctx context.Context, debtorID int64) ([]ledger.FormalNotice, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, reference, issued_on, deadline, invoice_ids, total_minor, currency, created_at
		FROM formal_notices WHERE org_id = $1 AND debtor_id = $2 ORDER BY issued_on, id`, orgID, debtorID)
	if err != nil {
		return nil, fmt.Errorf("list formal notices: %w", err)
	}
	defer rows.Close()
	var out []ledger.FormalNotice
	for rows.Next() {
		n := ledger.FormalNotice{OrgID: orgID, DebtorID: debtorID}
		var ids string
		if err := rows.Scan(&n.ID, &n.Reference, &n.IssuedOn, &n.Deadline, &ids, &n.Total.Minor, &n.Total.Currency, &n.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan formal notice: %w", err)
		}
		if err := json.Unmarshal([]byte(ids), &n.InvoiceIDs); err != nil {
			return nil, fmt.Errorf("formal notice %d invoices: %w", n.ID, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// FormalNoticePDF returns the letter of a formal notice as it was sent.
func (db *DB) FormalNoticePDF(ctx context.Context, id int64) (*ledger.FormalNotice, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	n := &ledger.FormalNotice{ID: id, OrgID: orgID}
	var ids string
	err = db.r.QueryRowContext(ctx, `SELECT debtor_id, reference, issued_on, deadline, invoice_ids, total_minor, currency, pdf, created_at
		FROM formal_notices WHERE org_id = $1 AND id = $2`, orgID, id).
		Scan(&n.DebtorID, &n.Reference, &n.IssuedOn, &n.Deadline, &ids, &n.Total.Minor, &n.Total.Currency, &n.PDF, &n.CreatedAt)
	if err := one(err, "formal notice"); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(ids), &n.InvoiceIDs); err != nil {
		return nil, fmt.Errorf("formal notice %d invoices: %w", id, err)
	}
	return n, nil
}

// maxProof bounds a proof's size: a scanned invoice or a bailiff's bill.
const maxProof = 10 << 20

// AddRecoveryCost records a proven recovery cost on an invoice, with its
// proof, and journals it.
func (db *DB) AddRecoveryCost(ctx context.Context, c *ledger.RecoveryCost) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	switch {
	case c.Amount.Minor <= 0:
		return ledger.FieldError("amount", "a cost must be positive")
	case c.IncurredOn.IsZero():
		return ledger.FieldError("incurred_on", "the date of the cost is required")
	case strings.TrimSpace(c.Description) == "":
		return ledger.FieldError("description", "say what the cost is")
	case len(c.Proof) == 0 || strings.TrimSpace(c.ProofName) == "":
		return ledger.FieldError("proof", "a recovery cost needs its proof attached")
	case len(c.Proof) > maxProof:
		return ledger.FieldError("proof", "the proof exceeds %d MiB", maxProof>>20)
	}
	if c.ProofType == "" {
		c.ProofType = "application/octet-stream"
	}
	c.OrgID, c.CreatedAt = orgID, db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT debtor_id, currency FROM invoices WHERE org_id = $1 AND id = $2 AND kind = 'invoice'`, orgID, c.InvoiceID).
			Scan(&c.DebtorID, &cur)
		if err := one(err, "invoice"); err != nil {
			return err
		}
		if string(c.Amount.Currency) != cur {
			return ledger.FieldError("amount", "the cost must be in the invoice's currency %s", cur)
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO recovery_costs (org_id, invoice_id, amount_minor, currency, incurred_on, description, proof_name, proof_type, proof, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			orgID, c.InvoiceID, c.Amount.Minor, cur, c.IncurredOn, c.Description, c.ProofName, c.ProofType, c.Proof, c.CreatedAt).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("insert recovery cost: %w", err)
		}
		return db.appendEvent(ctx, tx, "recovery_cost.recorded", c.DebtorID, c.InvoiceID, obj("amount", money.Decimal(c.Amount),
			"currency", cur, "description", c.Description, "proof", c.ProofName))
	})
}

// RecoveryCosts lists the recovery costs of a debtor's invoices, without
// their proofs.
func (db *DB) RecoveryCosts(ctx context.Context, debtorID int64) ([]ledger.RecoveryCost, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT c.id, c.invoice_id, c.amount_minor, c.currency, c.incurred_on, c.description, c.proof_name, c.proof_type, c.created_at
		FROM recovery_costs c JOIN invoices i ON i.org_id = c.org_id AND i.id = c.invoice_id
		WHERE c.org_id = $1 AND i.debtor_id = $2 ORDER BY c.id`, orgID, debtorID)
	if err != nil {
		return nil, fmt.Errorf("list recovery costs: %w", err)
	}
	defer rows.Close()
	var out []ledger.RecoveryCost
	for rows.Next() {
		c := ledger.RecoveryCost{OrgID: orgID, DebtorID: debtorID}
		if err := rows.Scan(&c.ID, &c.InvoiceID, &c.Amount.Minor, &c.Amount.Currency, &c.IncurredOn, &c.Description, &c.ProofName, &c.ProofType, &c.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan recovery cost: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RecoveryCostProof returns a recovery cost with its proof.
func (db *DB) RecoveryCostProof(ctx context.Context, id int64) (*ledger.RecoveryCost, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	c := &ledger.RecoveryCost{ID: id, OrgID: orgID}
	err = db.r.QueryRowContext(ctx, `SELECT c.invoice_id, i.debtor_id, c.amount_minor, c.currency, c.incurred_on, c.description, c.proof_name, c.proof_type, c.proof, c.created_at
		FROM recovery_costs c JOIN invoices i ON i.org_id = c.org_id AND i.id = c.invoice_id WHERE c.org_id = $1 AND c.id = $2`, orgID, id).
		Scan(&c.InvoiceID, &c.DebtorID, &c.Amount.Minor, &c.Amount.Currency, &c.IncurredOn, &c.Description, &c.ProofName, &c.ProofType, &c.Proof, &c.CreatedAt)
	if err := one(err, "recovery cost"); err != nil {
		return nil, err
	}
	return c, nil
}

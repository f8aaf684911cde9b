-- +goose Up
-- An organization's conventions for interest and letters.
CREATE TABLE legal_settings (
    org_id               INTEGER PRIMARY KEY REFERENCES organizations (id),
    year365              INTEGER NOT NULL DEFAULT 0,
    principal_first      INTEGER NOT NULL DEFAULT 0,
    contract_rate_bp     INTEGER,
    creditor_is_consumer INTEGER NOT NULL DEFAULT 0,
    notice_days          INTEGER NOT NULL DEFAULT 8,
    place                TEXT NOT NULL DEFAULT '',
    signatory            TEXT NOT NULL DEFAULT '',
    signatory_role       TEXT NOT NULL DEFAULT ''
);

-- A debtor in collective proceedings: collection stops.
CREATE TABLE insolvencies (
    org_id           INTEGER NOT NULL,
    debtor_id        INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('sauvegarde', 'redressement', 'liquidation')),
    judgment_date    TEXT NOT NULL,
    court            TEXT NOT NULL DEFAULT '',
    mandataire       TEXT NOT NULL DEFAULT '',
    mandataire_addr  TEXT NOT NULL DEFAULT '{}',
    publication_date TEXT,
    created_at       DATETIME NOT NULL,
    PRIMARY KEY (org_id, debtor_id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);

-- Formal notices issued.
CREATE TABLE formal_notices (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL,
    debtor_id   INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    issued_on   TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    invoice_ids TEXT NOT NULL,
    total_minor INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    -- The letter as sent: the proof, never re-rendered.
    pdf         BLOB,
    created_at  DATETIME NOT NULL,
    UNIQUE (org_id, reference),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX formal_notices_debtor ON formal_notices (org_id, debtor_id, issued_on);

-- Recovery costs a creditor can prove, above the flat €40 (D441-5 C. com.),
-- each with its proof.
CREATE TABLE recovery_costs (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    invoice_id   INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency     TEXT NOT NULL,
    incurred_on  TEXT NOT NULL,
    description  TEXT NOT NULL,
    proof_name   TEXT NOT NULL,
    proof_type   TEXT NOT NULL,
    proof        BLOB NOT NULL,
    created_at   DATETIME NOT NULL,
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
);
CREATE INDEX recovery_costs_invoice ON recovery_costs (org_id, invoice_id);

-- +goose Down
DROP TABLE recovery_costs;
DROP TABLE formal_notices;
DROP TABLE insolvencies;
DROP TABLE legal_settings;

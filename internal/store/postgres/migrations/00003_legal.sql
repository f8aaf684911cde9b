-- +goose Up
-- An organization's conventions for interest and letters.
CREATE TABLE legal_settings (
    org_id               BIGINT PRIMARY KEY REFERENCES organizations (id),
    year365              BOOLEAN NOT NULL DEFAULT FALSE,
    principal_first      BOOLEAN NOT NULL DEFAULT FALSE,
    contract_rate_bp     BIGINT,
    creditor_is_consumer BOOLEAN NOT NULL DEFAULT FALSE,
    notice_days          INTEGER NOT NULL DEFAULT 8,
    place                TEXT NOT NULL DEFAULT '',
    signatory            TEXT NOT NULL DEFAULT '',
    signatory_role       TEXT NOT NULL DEFAULT ''
);

-- A debtor in collective proceedings: collection stops.
CREATE TABLE insolvencies (
    org_id           BIGINT NOT NULL,
    debtor_id        BIGINT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('sauvegarde', 'redressement', 'liquidation')),
    judgment_date    DATE NOT NULL,
    court            TEXT NOT NULL DEFAULT '',
    mandataire       TEXT NOT NULL DEFAULT '',
    mandataire_addr  TEXT NOT NULL DEFAULT '{}',
    publication_date DATE,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, debtor_id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);

-- Formal notices issued.
CREATE TABLE formal_notices (
    id          BIGSERIAL PRIMARY KEY,
    org_id      BIGINT NOT NULL,
    debtor_id   BIGINT NOT NULL,
    reference   TEXT NOT NULL,
    issued_on   DATE NOT NULL,
    deadline    DATE NOT NULL,
    invoice_ids TEXT NOT NULL,
    total_minor BIGINT NOT NULL,
    currency    TEXT NOT NULL,
    -- The letter as sent: the proof, never re-rendered.
    pdf         BYTEA,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, reference),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX formal_notices_debtor ON formal_notices (org_id, debtor_id, issued_on);

-- Recovery costs a creditor can prove, above the flat €40 (D441-5 C. com.),
-- each with its proof.
CREATE TABLE recovery_costs (
    id           BIGSERIAL PRIMARY KEY,
    org_id       BIGINT NOT NULL,
    invoice_id   BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency     TEXT NOT NULL,
    incurred_on  DATE NOT NULL,
    description  TEXT NOT NULL,
    proof_name   TEXT NOT NULL,
    proof_type   TEXT NOT NULL,
    proof        BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
);
CREATE INDEX recovery_costs_invoice ON recovery_costs (org_id, invoice_id);

-- +goose Down
DROP TABLE recovery_costs;
DROP TABLE formal_notices;
DROP TABLE insolvencies;
DROP TABLE legal_settings;

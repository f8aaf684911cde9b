-- +goose Up
-- A bank statement file read into recouvre, with what became of it.
CREATE TABLE bank_imports (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES organizations (id),
    file_name          TEXT NOT NULL,
    sha256             TEXT NOT NULL,
    size_bytes         INTEGER NOT NULL DEFAULT 0,
    format             TEXT NOT NULL,
    encoding           TEXT NOT NULL DEFAULT '',
    mapping_name       TEXT NOT NULL DEFAULT '',
    entries            INTEGER NOT NULL DEFAULT 0,
    payments           INTEGER NOT NULL DEFAULT 0,
    payments_created   INTEGER NOT NULL DEFAULT 0,
    duplicates_skipped INTEGER NOT NULL DEFAULT 0,
    auto_matched       INTEGER NOT NULL DEFAULT 0,
    to_review          INTEGER NOT NULL DEFAULT 0,
    reversals          INTEGER NOT NULL DEFAULT 0,
    debits_ignored     INTEGER NOT NULL DEFAULT 0,
    pending            INTEGER NOT NULL DEFAULT 0,
    issues             TEXT NOT NULL DEFAULT '[]',
    actor_id           INTEGER NOT NULL DEFAULT 0,
    actor              TEXT NOT NULL DEFAULT '',
    created_at         DATETIME NOT NULL,
    -- The journal's sequence numbers before and after the import: later
    -- events on the debtors it paid forbid undoing it.
    first_seq          INTEGER NOT NULL DEFAULT 0,
    last_seq           INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'undone')),
    undone_at          DATETIME,
    undone_by          TEXT NOT NULL DEFAULT '',
    UNIQUE (org_id, id)
);

-- One incoming amount (or reversal) of a statement. line_key is stable
-- across imports of the same statement and of overlapping ones: a line
-- is never imported twice.
CREATE TABLE bank_lines (
    id                INTEGER PRIMARY KEY,
    org_id            INTEGER NOT NULL,
    import_id         INTEGER NOT NULL,
    line_key          TEXT NOT NULL,
    account           TEXT NOT NULL DEFAULT '',
    booking_date      TEXT NOT NULL,
    value_date        TEXT,
    amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
    currency          TEXT NOT NULL,
    reversal          INTEGER NOT NULL DEFAULT 0,
    return_reason     TEXT NOT NULL DEFAULT '',
    counterparty      TEXT NOT NULL DEFAULT '',
    counterparty_iban TEXT NOT NULL DEFAULT '',
    remittance        TEXT NOT NULL DEFAULT '',
    bank_ref          TEXT NOT NULL DEFAULT '',
    file_line         INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL CHECK (status IN ('matched', 'review', 'resolved', 'ignored', 'reversed')),
    payment_id        INTEGER NOT NULL DEFAULT 0,
    debtor_id         INTEGER NOT NULL DEFAULT 0,
    confidence        INTEGER NOT NULL DEFAULT 0,
    proposals         TEXT NOT NULL DEFAULT '[]',
    note              TEXT NOT NULL DEFAULT '',
    resolved_at       DATETIME,
    resolved_by       TEXT NOT NULL DEFAULT '',
    UNIQUE (org_id, line_key),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, import_id) REFERENCES bank_imports (org_id, id)
);
CREATE INDEX bank_lines_import ON bank_lines (org_id, import_id, id);
CREATE INDEX bank_lines_status ON bank_lines (org_id, status, id);
CREATE INDEX bank_lines_ref ON bank_lines (org_id, bank_ref) WHERE bank_ref <> '';

-- The IBAN memory: an account that paid for a debtor in a confirmed
-- match designates it next time.
CREATE TABLE debtor_ibans (
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    iban       TEXT NOT NULL,
    debtor_id  INTEGER NOT NULL,
    learned_at DATETIME NOT NULL,
    -- The statement import whose match taught it, 0 when the user did.
    import_id  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, iban),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);

-- Matching settings and saved bank CSV mappings.
CREATE TABLE bank_settings (
    org_id              INTEGER PRIMARY KEY REFERENCES organizations (id),
    auto_threshold      INTEGER NOT NULL DEFAULT 90,
    fee_tolerance_minor INTEGER NOT NULL DEFAULT 0,
    currency            TEXT NOT NULL DEFAULT 'EUR',
    updated_at          DATETIME NOT NULL
);
CREATE TABLE bank_mappings (
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    name       TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (org_id, name)
);

ALTER TABLE payments ADD COLUMN payer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN payer_iban TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN bank_line_id INTEGER NOT NULL DEFAULT 0;
-- A reversed payment (returned direct debit, bounced cheque) settles
-- nothing and is no credit.
ALTER TABLE payments ADD COLUMN reversed_on TEXT;
ALTER TABLE payments ADD COLUMN reversal_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX payments_bank_line ON payments (org_id, bank_line_id) WHERE bank_line_id > 0;
-- The statement line an allocation was made with, so that undoing the
-- import takes back exactly what it wrote.
ALTER TABLE allocations ADD COLUMN bank_line_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX allocations_bank_line ON allocations (org_id, bank_line_id) WHERE bank_line_id > 0;
CREATE INDEX payments_payer_iban ON payments (org_id, payer_iban, amount_minor) WHERE payer_iban <> '';
-- The payments a reversal may return, by amount.
CREATE INDEX payments_amount ON payments (org_id, amount_minor);

-- +goose Down
DROP INDEX payments_amount;
DROP INDEX allocations_bank_line;
ALTER TABLE allocations DROP COLUMN bank_line_id;
DROP INDEX payments_payer_iban;
DROP INDEX payments_bank_line;
ALTER TABLE payments DROP COLUMN reversal_reason;
ALTER TABLE payments DROP COLUMN reversed_on;
ALTER TABLE payments DROP COLUMN bank_line_id;
ALTER TABLE payments DROP COLUMN payer_iban;
ALTER TABLE payments DROP COLUMN payer_name;
DROP TABLE bank_mappings;
DROP TABLE bank_settings;
DROP TABLE debtor_ibans;
DROP TABLE bank_lines;
DROP TABLE bank_imports;

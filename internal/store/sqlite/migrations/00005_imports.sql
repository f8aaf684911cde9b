-- +goose Up
-- An import of receivables: one file, its counts and errors, undoable
-- while nothing has happened to what it wrote.
CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES organizations (id),
    creditor_id     INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL DEFAULT 0,
    format          TEXT NOT NULL,
    encoding        TEXT NOT NULL DEFAULT '',
    mapping_name    TEXT NOT NULL DEFAULT '',
    snapshot        INTEGER NOT NULL DEFAULT 0,
    skip_invalid    INTEGER NOT NULL DEFAULT 0,
    lines           INTEGER NOT NULL DEFAULT 0,
    created_count   INTEGER NOT NULL DEFAULT 0,
    updated_count   INTEGER NOT NULL DEFAULT 0,
    unchanged_count INTEGER NOT NULL DEFAULT 0,
    settled_count   INTEGER NOT NULL DEFAULT 0,
    debtors_created INTEGER NOT NULL DEFAULT 0,
    error_count     INTEGER NOT NULL DEFAULT 0,
    errors          TEXT NOT NULL DEFAULT '[]',
    actor_id        INTEGER NOT NULL DEFAULT 0,
    actor           TEXT NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    -- The journal's sequence numbers before and after the batch: later
    -- events on its documents forbid undoing it.
    first_seq       INTEGER NOT NULL DEFAULT 0,
    last_seq        INTEGER NOT NULL DEFAULT 0,
    undone_at       DATETIME,
    undone_by       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'refused', 'undone')),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, creditor_id) REFERENCES creditors (org_id, id)
);
CREATE INDEX import_batches_org ON import_batches (org_id, id);
CREATE INDEX import_batches_sha ON import_batches (org_id, creditor_id, sha256);

-- What a batch changed on documents it did not create, with the values
-- before, so that undo can put them back.
CREATE TABLE import_changes (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL,
    batch_id   INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('updated', 'settled', 'paid')),
    invoice_id INTEGER NOT NULL,
    before     TEXT NOT NULL DEFAULT '{}',
    FOREIGN KEY (org_id, batch_id) REFERENCES import_batches (org_id, id)
);
CREATE INDEX import_changes_batch ON import_changes (org_id, batch_id);

-- Column mappings saved under a name, per organization.
CREATE TABLE import_mappings (
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    name       TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (org_id, name)
);

-- A file uploaded through the web, kept between its preview and its
-- confirmation (any process may serve the confirmation).
CREATE TABLE import_uploads (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    token      TEXT NOT NULL UNIQUE,
    file_name  TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at DATETIME NOT NULL
);

-- The document an invoice came as (the Factur-X PDF).
CREATE TABLE invoice_files (
    org_id       INTEGER NOT NULL,
    invoice_id   INTEGER NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    PRIMARY KEY (org_id, invoice_id),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
);

ALTER TABLE debtors ADD COLUMN import_batch_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE debtors ADD COLUMN payment_term_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN import_batch_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN import_batch_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE allocations ADD COLUMN import_batch_id INTEGER NOT NULL DEFAULT 0;
-- A payment read from a file (a FEC's unlettered credit) by its key there.
ALTER TABLE payments ADD COLUMN import_key TEXT NOT NULL DEFAULT '';
ALTER TABLE legal_settings ADD COLUMN default_term_days INTEGER NOT NULL DEFAULT 30;
CREATE INDEX debtors_import ON debtors (org_id, import_batch_id) WHERE import_batch_id > 0;
CREATE INDEX invoices_import ON invoices (org_id, import_batch_id) WHERE import_batch_id > 0;
CREATE INDEX payments_import ON payments (org_id, import_batch_id) WHERE import_batch_id > 0;
CREATE INDEX allocations_import ON allocations (org_id, import_batch_id) WHERE import_batch_id > 0;
CREATE UNIQUE INDEX payments_import_key ON payments (org_id, creditor_id, import_key) WHERE import_key <> '';
-- Debtors matched by exact name when a file gives neither code nor SIREN.
CREATE INDEX debtors_org_creditor_name ON debtors (org_id, creditor_id, name);

-- +goose Down
DROP INDEX debtors_org_creditor_name;
DROP INDEX payments_import_key;
DROP INDEX allocations_import;
DROP INDEX payments_import;
DROP INDEX invoices_import;
DROP INDEX debtors_import;
ALTER TABLE legal_settings DROP COLUMN default_term_days;
ALTER TABLE payments DROP COLUMN import_key;
ALTER TABLE allocations DROP COLUMN import_batch_id;
ALTER TABLE payments DROP COLUMN import_batch_id;
ALTER TABLE invoices DROP COLUMN import_batch_id;
ALTER TABLE debtors DROP COLUMN payment_term_days;
ALTER TABLE debtors DROP COLUMN import_batch_id;
DROP TABLE invoice_files;
DROP TABLE import_uploads;
DROP TABLE import_mappings;
DROP TABLE import_changes;
DROP TABLE import_batches;

-- +goose Up
CREATE TABLE organizations (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'creditor' CHECK (kind IN ('creditor', 'agency')),
    summary_as_of TEXT,
    created_at    DATETIME NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT 'fr',
    created_at    DATETIME NOT NULL
);

CREATE TABLE memberships (
    org_id  INTEGER NOT NULL REFERENCES organizations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'viewer')),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL DEFAULT '',
    token_hash   BLOB NOT NULL UNIQUE,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME
);

CREATE TABLE creditors (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations (id),
    name        TEXT NOT NULL,
    siren       TEXT NOT NULL DEFAULT '',
    vat_number  TEXT NOT NULL DEFAULT '',
    iban        TEXT NOT NULL DEFAULT '',
    line1       TEXT NOT NULL DEFAULT '',
    line2       TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT 'FR',
    created_at  DATETIME NOT NULL,
    UNIQUE (org_id, id)
);

CREATE TABLE debtors (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES organizations (id),
    creditor_id        INTEGER NOT NULL,
    ref                TEXT NOT NULL,
    name               TEXT NOT NULL,
    search_key         TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('consumer', 'business', 'public')),
    siren              TEXT NOT NULL DEFAULT '',
    siret              TEXT NOT NULL DEFAULT '',
    vat_number         TEXT NOT NULL DEFAULT '',
    lang               TEXT NOT NULL DEFAULT 'fr',
    credit_limit_minor INTEGER NOT NULL DEFAULT 0,
    currency           TEXT NOT NULL DEFAULT 'EUR',
    created_at         DATETIME NOT NULL,
    -- Summary derived from invoices, payments and allocations by the store
    -- (RefreshSummaries); never written from input.
    due_minor          INTEGER NOT NULL DEFAULT 0,
    overdue_minor      INTEGER NOT NULL DEFAULT 0,
    credit_minor       INTEGER NOT NULL DEFAULT 0,
    open_count         INTEGER NOT NULL DEFAULT 0,
    late_count         INTEGER NOT NULL DEFAULT 0,
    oldest_due         TEXT NOT NULL DEFAULT '9999-12-31', -- no overdue invoice: sorts last
    last_action_at     DATETIME,
    last_event         TEXT NOT NULL DEFAULT '',
    UNIQUE (org_id, creditor_id, ref),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, creditor_id) REFERENCES creditors (org_id, id)
);
CREATE INDEX debtors_org_name ON debtors (org_id, search_key, id);
CREATE INDEX debtors_org_due ON debtors (org_id, due_minor, id);
CREATE INDEX debtors_org_overdue ON debtors (org_id, overdue_minor, id);
CREATE INDEX debtors_org_oldest ON debtors (org_id, oldest_due, id);
CREATE INDEX debtors_org_last ON debtors (org_id, last_action_at, id);
CREATE INDEX debtors_org_siren ON debtors (org_id, siren);

CREATE TABLE debtor_tags (
    org_id    INTEGER NOT NULL,
    debtor_id INTEGER NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (debtor_id, tag),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX debtor_tags_org_tag ON debtor_tags (org_id, tag);

CREATE TABLE contacts (
    id                INTEGER PRIMARY KEY,
    org_id            INTEGER NOT NULL,
    debtor_id         INTEGER NOT NULL,
    name              TEXT NOT NULL DEFAULT '',
    role              TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    line1             TEXT NOT NULL DEFAULT '',
    line2             TEXT NOT NULL DEFAULT '',
    postal_code       TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    preferred_channel TEXT NOT NULL DEFAULT '',
    sms_consent       INTEGER NOT NULL DEFAULT 0,
    is_primary        INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX contacts_debtor ON contacts (debtor_id);

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    creditor_id     INTEGER NOT NULL,
    debtor_id       INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    number          TEXT NOT NULL,
    issue_date      TEXT NOT NULL,
    due_date        TEXT,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        TEXT NOT NULL,
    -- Sum of the allocations on this document, kept by the store in the
    -- same transaction as each allocation; checked by the contract suite.
    allocated_minor INTEGER NOT NULL DEFAULT 0 CHECK (allocated_minor >= 0 AND allocated_minor <= amount_minor),
    document_url    TEXT NOT NULL DEFAULT '',
    disputed        INTEGER NOT NULL DEFAULT 0,
    created_at      DATETIME NOT NULL,
    UNIQUE (org_id, creditor_id, number),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX invoices_org_debtor ON invoices (org_id, debtor_id, due_date);
CREATE INDEX invoices_org_due ON invoices (org_id, due_date);
CREATE INDEX invoices_open ON invoices (org_id, debtor_id) WHERE amount_minor > allocated_minor;

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    creditor_id     INTEGER NOT NULL,
    debtor_id       INTEGER NOT NULL,
    received_on     TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        TEXT NOT NULL,
    method          TEXT NOT NULL,
    reference       TEXT NOT NULL DEFAULT '',
    allocated_minor INTEGER NOT NULL DEFAULT 0 CHECK (allocated_minor >= 0 AND allocated_minor <= amount_minor),
    created_at      DATETIME NOT NULL,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX payments_org_debtor ON payments (org_id, debtor_id, received_on);

CREATE TABLE allocations (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL,
    invoice_id     INTEGER NOT NULL,
    payment_id     INTEGER,
    credit_note_id INTEGER,
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    currency       TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    created_by     INTEGER NOT NULL DEFAULT 0,
    CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL)),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id),
    FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, id),
    FOREIGN KEY (org_id, credit_note_id) REFERENCES invoices (org_id, id)
);
CREATE INDEX allocations_invoice ON allocations (invoice_id);
CREATE INDEX allocations_payment ON allocations (payment_id);
CREATE INDEX allocations_credit_note ON allocations (credit_note_id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    seq        INTEGER NOT NULL,
    at         DATETIME NOT NULL,
    actor_id   INTEGER NOT NULL DEFAULT 0,
    actor      TEXT NOT NULL DEFAULT '',
    type       TEXT NOT NULL,
    debtor_id  INTEGER NOT NULL DEFAULT 0,
    invoice_id INTEGER NOT NULL DEFAULT 0,
    payload    BLOB,
    prev_hash  BLOB,
    hash       BLOB NOT NULL,
    UNIQUE (org_id, seq)
);
CREATE INDEX events_debtor ON events (org_id, debtor_id, seq);
CREATE INDEX events_invoice ON events (org_id, invoice_id, seq);

CREATE TABLE journal_heads (
    org_id INTEGER PRIMARY KEY REFERENCES organizations (id),
    seq    INTEGER NOT NULL,
    hash   BLOB NOT NULL
);

-- +goose Down
DROP TABLE journal_heads;
DROP TABLE events;
DROP TABLE allocations;
DROP TABLE payments;
DROP TABLE invoices;
DROP TABLE contacts;
DROP TABLE debtor_tags;
DROP TABLE debtors;
DROP TABLE creditors;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE organizations;

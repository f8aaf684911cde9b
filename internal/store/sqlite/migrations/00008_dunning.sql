-- +goose Up
-- The dunning engine: its settings, scenarios, segments and templates;
-- what pauses it (disputes, promises, payment plans, contact holds,
-- addresses that bounced); the planner's decisions and the dispatch of
-- each action (lease, sending, confirmation) with what it carried.
CREATE TABLE dunning_settings (
    org_id         INTEGER PRIMARY KEY REFERENCES organizations (id),
    auto_run       INTEGER NOT NULL DEFAULT 1,
    run_hour       INTEGER NOT NULL DEFAULT 8,
    quiet_start    INTEGER NOT NULL DEFAULT 9,
    quiet_end      INTEGER NOT NULL DEFAULT 19,
    weekly_cap     INTEGER NOT NULL DEFAULT 2,
    alsace_moselle INTEGER NOT NULL DEFAULT 0,
    smtp_url       TEXT NOT NULL DEFAULT '',
    from_email     TEXT NOT NULL DEFAULT '',
    from_name      TEXT NOT NULL DEFAULT '',
    reply_to       TEXT NOT NULL DEFAULT '',
    sms_provider   TEXT NOT NULL DEFAULT '',
    sms_key        TEXT NOT NULL DEFAULT '',
    sms_sender     TEXT NOT NULL DEFAULT '',
    portal_url     TEXT NOT NULL DEFAULT '',
    updated_at     DATETIME NOT NULL
);

-- A scenario's steps are kept as the JSON of []ledger.Step.
CREATE TABLE scenarios (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    key        TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    steps      TEXT NOT NULL DEFAULT '[]',
    updated_at DATETIME NOT NULL,
    UNIQUE (org_id, key)
);

-- Segments, tried in position order; kinds and tags are JSON arrays.
CREATE TABLE segments (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organizations (id),
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    kinds         TEXT NOT NULL DEFAULT '[]',
    min_due_minor INTEGER NOT NULL DEFAULT 0,
    max_due_minor INTEGER NOT NULL DEFAULT 0,
    currency      TEXT NOT NULL DEFAULT 'EUR',
    min_age_days  INTEGER NOT NULL DEFAULT 0,
    max_age_days  INTEGER NOT NULL DEFAULT 0,
    min_risk      INTEGER NOT NULL DEFAULT 0,
    max_risk      INTEGER NOT NULL DEFAULT 0,
    tags          TEXT NOT NULL DEFAULT '[]',
    scenario_key  TEXT NOT NULL,
    UNIQUE (org_id, position)
);
CREATE INDEX segments_scenario ON segments (org_id, scenario_key);

-- The organization's own templates, over the shipped ones by key.
CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations (id),
    key        TEXT NOT NULL,
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'letter', 'call')),
    lang       TEXT NOT NULL DEFAULT 'fr',
    name       TEXT NOT NULL DEFAULT '',
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL,
    UNIQUE (org_id, key, channel, lang)
);

-- A debtor contesting an invoice: the invoice is disputed while one is
-- open.
CREATE TABLE disputes (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    debtor_id    INTEGER NOT NULL,
    invoice_id   INTEGER NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    amount_minor INTEGER NOT NULL DEFAULT 0,
    currency     TEXT NOT NULL,
    opened_on    TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'upheld')),
    resolved_on  TEXT,
    resolution   TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
);
CREATE INDEX disputes_debtor ON disputes (org_id, debtor_id, id);
CREATE INDEX disputes_invoice ON disputes (org_id, invoice_id);
CREATE INDEX disputes_open ON disputes (org_id, id) WHERE status = 'open';

-- Promises to pay. paid_base_minor is what the debtor had paid in all
-- when it promised.
CREATE TABLE promises (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    debtor_id       INTEGER NOT NULL,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'kept', 'broken', 'cancelled')),
    note            TEXT NOT NULL DEFAULT '',
    paid_base_minor INTEGER NOT NULL DEFAULT 0,
    created_at      DATETIME NOT NULL,
    closed_on       TEXT,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX promises_debtor ON promises (org_id, debtor_id, id);
CREATE INDEX promises_pending ON promises (org_id, debtor_id) WHERE status = 'pending';

-- Payment plans; instalments are the JSON of []ledger.Instalment.
CREATE TABLE payment_plans (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    debtor_id       INTEGER NOT NULL,
    instalments     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
    note            TEXT NOT NULL DEFAULT '',
    paid_base_minor INTEGER NOT NULL DEFAULT 0,
    currency        TEXT NOT NULL,
    grace_days      INTEGER NOT NULL DEFAULT 0,
    created_at      DATETIME NOT NULL,
    closed_on       TEXT,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE INDEX payment_plans_debtor ON payment_plans (org_id, debtor_id, id);
CREATE INDEX payment_plans_active ON payment_plans (org_id, debtor_id) WHERE status = 'active';

-- Addresses (emails, phone numbers) of a debtor that failed: not used
-- again.
CREATE TABLE contact_bounces (
    id        INTEGER PRIMARY KEY,
    org_id    INTEGER NOT NULL,
    debtor_id INTEGER NOT NULL,
    address   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    reason    TEXT NOT NULL DEFAULT '',
    at        DATETIME NOT NULL,
    UNIQUE (org_id, debtor_id, kind, address),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);

-- What an action carried when it went out: the proof of what was sent.
CREATE TABLE action_contents (
    org_id    INTEGER NOT NULL,
    action_id INTEGER NOT NULL,
    subject   TEXT NOT NULL DEFAULT '',
    body      TEXT NOT NULL DEFAULT '',
    html      TEXT NOT NULL DEFAULT '',
    data      BLOB,
    PRIMARY KEY (org_id, action_id),
    FOREIGN KEY (org_id, action_id) REFERENCES actions (org_id, id)
);

-- A debtor's contact holds and risk score (NULL: none).
ALTER TABLE debtors ADD COLUMN risk_score INTEGER;
ALTER TABLE debtors ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE debtors ADD COLUMN paused_until TEXT;
ALTER TABLE debtors ADD COLUMN pause_reason TEXT NOT NULL DEFAULT '';

-- What the planner decided for an action, and its dispatch.
ALTER TABLE actions ADD COLUMN scenario_key TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN stage TEXT NOT NULL DEFAULT ''
    CHECK (stage IN ('', 'preventive', 'amicable', 'formal_notice', 'litigation'));
ALTER TABLE actions ADD COLUMN amount_due_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN approval INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN attach_letter INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN registered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN decided_at DATETIME;
ALTER TABLE actions ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN lease_until DATETIME;
ALTER TABLE actions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN sent_at DATETIME;
ALTER TABLE actions ADD COLUMN confirmed_at DATETIME;
ALTER TABLE actions ADD COLUMN provider_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- The planner's read of the open documents, debtor by debtor, oldest
-- due first, from the index alone.
CREATE INDEX invoices_open_due ON invoices (org_id, debtor_id, due_date, id, kind) WHERE amount_minor > allocated_minor;
-- A debtor's contacts in order without scanning every organization's.
CREATE INDEX contacts_org_debtor ON contacts (org_id, debtor_id, id);
-- The contacts of the last days (weekly cap).
CREATE INDEX actions_sent ON actions (org_id, sent_at) WHERE sent_at IS NOT NULL;
-- Sent actions waiting for their channel's confirmation.
CREATE INDEX actions_unconfirmed ON actions (org_id, lease_until) WHERE status = 'sent' AND confirmed_at IS NULL;
-- Calls that reached the debtor (last reply).
CREATE INDEX actions_calls ON actions (org_id, debtor_id) WHERE channel = 'call' AND outcome <> '';

-- +goose Down
DROP INDEX actions_calls;
DROP INDEX actions_unconfirmed;
DROP INDEX actions_sent;
DROP INDEX contacts_org_debtor;
DROP INDEX invoices_open_due;
ALTER TABLE actions DROP COLUMN note;
ALTER TABLE actions DROP COLUMN outcome;
ALTER TABLE actions DROP COLUMN error;
ALTER TABLE actions DROP COLUMN provider_ref;
ALTER TABLE actions DROP COLUMN confirmed_at;
ALTER TABLE actions DROP COLUMN sent_at;
ALTER TABLE actions DROP COLUMN message_id;
ALTER TABLE actions DROP COLUMN recipient;
ALTER TABLE actions DROP COLUMN attempts;
ALTER TABLE actions DROP COLUMN lease_until;
ALTER TABLE actions DROP COLUMN lease_owner;
ALTER TABLE actions DROP COLUMN decided_at;
ALTER TABLE actions DROP COLUMN decided_by;
ALTER TABLE actions DROP COLUMN registered;
ALTER TABLE actions DROP COLUMN attach_letter;
ALTER TABLE actions DROP COLUMN approval;
ALTER TABLE actions DROP COLUMN currency;
ALTER TABLE actions DROP COLUMN amount_due_minor;
ALTER TABLE actions DROP COLUMN stage;
ALTER TABLE actions DROP COLUMN template;
ALTER TABLE actions DROP COLUMN scenario_key;
ALTER TABLE debtors DROP COLUMN pause_reason;
ALTER TABLE debtors DROP COLUMN paused_until;
ALTER TABLE debtors DROP COLUMN do_not_contact;
ALTER TABLE debtors DROP COLUMN risk_score;
DROP TABLE action_contents;
DROP TABLE contact_bounces;
DROP TABLE payment_plans;
DROP TABLE promises;
DROP TABLE disputes;
DROP TABLE templates;
DROP TABLE segments;
DROP TABLE scenarios;
DROP TABLE dunning_settings;

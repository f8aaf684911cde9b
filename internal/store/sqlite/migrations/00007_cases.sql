-- +goose Up
-- A case (dossier) gathers one debtor's open receivables for its
-- creditor. It opens when something is due and closes by itself when
-- nothing is; the dunning engine moves it through the stages.
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id),
    creditor_id  INTEGER NOT NULL,
    debtor_id    INTEGER NOT NULL,
    stage        TEXT NOT NULL DEFAULT 'amicable'
                 CHECK (stage IN ('preventive', 'amicable', 'formal_notice', 'litigation', 'closed')),
    owner_id     INTEGER NOT NULL DEFAULT 0,
    opened_at    DATETIME NOT NULL,
    closed_at    DATETIME,
    close_reason TEXT NOT NULL DEFAULT '',
    -- The stage the case had when it closed, to go back to if a reversal
    -- reopens what closed it.
    stage_before TEXT NOT NULL DEFAULT '',
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, debtor_id) REFERENCES debtors (org_id, id)
);
CREATE UNIQUE INDEX cases_open_debtor ON cases (org_id, debtor_id) WHERE closed_at IS NULL;
CREATE INDEX cases_debtor ON cases (org_id, debtor_id, id);

-- The reminders the dunning engine plans, one per (case, step): its
-- durable outbox. Each lists the invoices it is about; when none of them
-- is open any more the reminder is cancelled (reason "paid"), and a
-- reversal that reopens one puts it back while its time has not come.
CREATE TABLE actions (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organizations (id),
    case_id       INTEGER NOT NULL,
    debtor_id     INTEGER NOT NULL,
    step_key      TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'letter', 'call')),
    scheduled_for DATETIME NOT NULL,
    status        TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'awaiting_approval', 'sent', 'skipped', 'cancelled', 'failed')),
    skip_reason   TEXT NOT NULL DEFAULT '',
    -- The status a cancelled action had, to go back to.
    status_before TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    UNIQUE (org_id, case_id, step_key),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, id)
);
CREATE INDEX actions_debtor ON actions (org_id, debtor_id, status);
CREATE INDEX actions_due ON actions (org_id, status, scheduled_for);

CREATE TABLE action_invoices (
    org_id     INTEGER NOT NULL,
    action_id  INTEGER NOT NULL,
    invoice_id INTEGER NOT NULL,
    PRIMARY KEY (action_id, invoice_id),
    FOREIGN KEY (org_id, action_id) REFERENCES actions (org_id, id),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
);
CREATE INDEX action_invoices_invoice ON action_invoices (org_id, invoice_id);

-- +goose Down
DROP TABLE action_invoices;
DROP TABLE actions;
DROP TABLE cases;

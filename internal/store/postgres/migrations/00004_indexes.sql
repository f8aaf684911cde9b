-- +goose Up
-- A debtor's documents and payments in id order, without a sort and
-- without scanning the organization's (the debtor and invoice pages, the
-- API's lists filtered by debtor).
CREATE INDEX invoices_org_debtor_id ON invoices (org_id, debtor_id, id);
CREATE INDEX payments_org_debtor_id ON payments (org_id, debtor_id, id);
-- The portfolio filtered by kind: the count reads the index alone.
CREATE INDEX debtors_org_kind ON debtors (org_id, kind, overdue_minor, id);
-- The portfolio filtered by tag: the debtors of a tag, from the index.
CREATE INDEX debtor_tags_org_tag_debtor ON debtor_tags (org_id, tag, debtor_id);

-- +goose Down
DROP INDEX debtor_tags_org_tag_debtor;
DROP INDEX debtors_org_kind;
DROP INDEX payments_org_debtor_id;
DROP INDEX invoices_org_debtor_id;

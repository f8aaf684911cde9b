-- +goose Up
-- Rate files imported with `recouvre rates import`, applied in order over
-- the rates shipped in the binary. Rates are law, the same for every
-- organization: the table is instance-wide, like users.
CREATE TABLE rate_imports (
    id          INTEGER PRIMARY KEY,
    imported_at DATETIME NOT NULL,
    actor       TEXT NOT NULL DEFAULT '',
    file_name   TEXT NOT NULL DEFAULT '',
    sha256      TEXT NOT NULL,
    content     TEXT NOT NULL
);

-- +goose Down
DROP TABLE rate_imports;

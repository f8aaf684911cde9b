package sqldb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/recouvre/recouvre/internal/store"
)

// AddRateImport keeps a rate file as imported.
func (db *DB) AddRateImport(ctx context.Context, ri *store.RateImport) error {
	ri.ImportedAt = db.now()
	sum := sha256.Sum256([]byte(ri.Content))
	ri.SHA256 = hex.EncodeToString(sum[:])
	if ri.Actor == "" {
		ri.Actor = store.ActorFrom(ctx).Name
	}
	err := db.w.QueryRowContext(ctx, `INSERT INTO rate_imports (imported_at, actor, file_name, sha256, content)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, ri.ImportedAt, ri.Actor, ri.FileName, ri.SHA256, ri.Content).Scan(&ri.ID)
	if err != nil {
		return fmt.Errorf("insert rate import: %w", err)
	}
	return nil
}

// RateImports lists the imported rate files, oldest first.
func (db *DB) RateImports(ctx context.Context) ([]store.RateImport, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, imported_at, actor, file_name, sha256, content FROM rate_imports ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list rate imports: %w", err)
	}
	defer rows.Close()
	var out []store.RateImport
	for rows.Next() {
		var ri store.RateImport
		if err := rows.Scan(&ri.ID, &ri.ImportedAt, &ri.Actor, &ri.FileName, &ri.SHA256, &ri.Content); err != nil {
			return nil, fmt.Errorf("scan rate import: %w", err)
		}
		out = append(out, ri)
	}
	return out, rows.Err()
}

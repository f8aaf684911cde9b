// Package legal is the service between the store and the French legal
// rules of package legalfr: it loads the rate table in force (the rates
// shipped in the binary, then every imported rate file in order) and
// validates and keeps new rate files.
package legal

import (
	"bytes"
	"context"
	"fmt"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/store"
)

// RateStore is what this package needs of the store.
type RateStore interface {
	AddRateImport(ctx context.Context, ri *store.RateImport) error
	RateImports(ctx context.Context) ([]store.RateImport, error)
}

// Rates returns the table in force: the shipped rates with every imported
// file applied over them, oldest first.
func Rates(ctx context.Context, st RateStore) (*legalfr.Table, error) {
	t := legalfr.Default()
	imports, err := st.RateImports(ctx)
	if err != nil {
		return nil, err
	}
	for _, ri := range imports {
		u, err := legalfr.ParseTable(bytes.NewReader([]byte(ri.Content)))
		if err != nil {
			return nil, fmt.Errorf("rate import %d (%s): %w", ri.ID, ri.FileName, err)
		}
		t.Merge(u)
	}
	return t, nil
}

// ImportRates checks a rate file and keeps it; a file with any bad line is
// refused whole, naming the line. It returns the rates the file holds.
func ImportRates(ctx context.Context, st RateStore, fileName string, content []byte) (*legalfr.Table, error) {
	u, err := legalfr.ParseTable(bytes.NewReader(content))
	if err != nil {
		return nil, ledger.FieldError("file", "%s: %v", fileName, err)
	}
	if len(u.ECB) == 0 && len(u.Legal) == 0 && u.ECBThrough.IsZero() {
		return nil, ledger.FieldError("file", "%s holds no rate", fileName)
	}
	if err := st.AddRateImport(ctx, &store.RateImport{FileName: fileName, Content: string(content)}); err != nil {
		return nil, err
	}
	return u, nil
}

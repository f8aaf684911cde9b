package importer

import (
	"time"

	"github.com/recouvre/recouvre/internal/store"
)

// ReportJSON is an import's report as `recouvre import invoices --json`
// prints it and POST /api/v1/imports answers it: one shape, so that a
// client can move between the CLI and the API.
type ReportJSON struct {
	BatchID         int64       `json:"batch_id,omitempty"`
	Format          string      `json:"format"`
	Encoding        string      `json:"encoding,omitempty"`
	Lines           int         `json:"lines"`
	Created         int         `json:"created"`
	Updated         int         `json:"updated"`
	Unchanged       int         `json:"unchanged"`
	Settled         int         `json:"settled"`
	DebtorsCreated  int         `json:"debtors_created"`
	Written         bool        `json:"written"`
	DryRun          bool        `json:"dry_run"`
	SnapshotSkipped bool        `json:"snapshot_skipped,omitempty"`
	ErrorCount      int         `json:"error_count"`
	Errors          []ErrorJSON `json:"errors"`
}

// ErrorJSON is a line of the file that could not be read, with its reason
// in the language asked for.
type ErrorJSON struct {
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// JSON is the report with its messages in lang.
func (rep *Report) JSON(lang string) ReportJSON {
	return ReportJSON{BatchID: rep.BatchID, Format: rep.Format, Encoding: rep.Encoding, Lines: rep.Lines, Created: rep.Created,
		Updated: rep.Updated, Unchanged: rep.Unchanged, Settled: rep.Settled, DebtorsCreated: rep.DebtorsCreated,
		Written: rep.Written, DryRun: rep.DryRun, SnapshotSkipped: rep.SnapshotSkipped, ErrorCount: rep.ErrorCount,
		Errors: ErrorsJSON(rep.Errors, lang)}
}

// ErrorsJSON words errors in lang.
func ErrorsJSON(errs []store.ImportError, lang string) []ErrorJSON {
	out := make([]ErrorJSON, 0, len(errs))
	for _, e := range errs {
		out = append(out, ErrorJSON{Line: e.Line, Column: e.Column, Value: e.Value, Message: e.Text(lang)})
	}
	return out
}

// BatchJSON is an import of the history, as `recouvre import history
// --json` and GET /api/v1/imports list it.
type BatchJSON struct {
	ID             int64      `json:"id"`
	CreditorID     int64      `json:"creditor_id"`
	FileName       string     `json:"file_name"`
	SHA256         string     `json:"sha256"`
	Format         string     `json:"format"`
	Encoding       string     `json:"encoding"`
	Status         string     `json:"status"`
	Snapshot       bool       `json:"snapshot"`
	Lines          int        `json:"lines"`
	Created        int        `json:"created"`
	Updated        int        `json:"updated"`
	Unchanged      int        `json:"unchanged"`
	Settled        int        `json:"settled"`
	DebtorsCreated int        `json:"debtors_created"`
	ErrorCount     int        `json:"error_count"`
	Actor          string     `json:"actor"`
	CreatedAt      time.Time  `json:"created_at"`
	UndoneAt       *time.Time `json:"undone_at"`
}

// BatchToJSON converts a batch of the history.
func BatchToJSON(b store.ImportBatch) BatchJSON {
	out := BatchJSON{ID: b.ID, CreditorID: b.CreditorID, FileName: b.FileName, SHA256: b.SHA256, Format: b.Format,
		Encoding: b.Encoding, Status: b.Status, Snapshot: b.Snapshot, Lines: b.Lines, Created: b.Created, Updated: b.Updated,
		Unchanged: b.Unchanged, Settled: b.Settled, DebtorsCreated: b.DebtorsCreated, ErrorCount: b.ErrorCount, Actor: b.Actor,
		CreatedAt: b.CreatedAt.UTC()}
	if !b.UndoneAt.IsZero() {
		at := b.UndoneAt.UTC()
		out.UndoneAt = &at
	}
	return out
}

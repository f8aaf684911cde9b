// Package importer brings receivables into recouvre from the files French
// firms really have — CSV and Excel exports, the FEC, Factur-X, CII and
// UBL e-invoices — and keeps them in step with each weekly re-import.
//
// A file is read as a stream by its parser (packages tabular, fec,
// einvoice), record by record; records are resolved in chunks against the
// store (one query per chunk for debtors and one for invoices, never one
// per line) and written through the store's import writer, all in one
// transaction:
//
//   - an invoice is known by (creditor, number); a debtor by its
//     reference, else its SIREN, else its exact name;
//   - a new number creates the document (and its debtor when new); a
//     remaining amount below the amount records the difference as paid
//     before the import; a changed amount or date updates the invoice and
//     journals it; a lower remaining amount on a known invoice records what
//     was paid outside recouvre; anything else is unchanged;
//   - in snapshot mode, a creditor's open invoice absent from the file was
//     settled outside recouvre;
//   - any invalid line and nothing is written, unless the caller skips
//     invalid lines; a dry run writes nothing either way.
//
// Every import is a batch (file name, hash, format, counts, errors) that
// can be undone while nothing else has touched what it wrote.
package importer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// Options say how to import one file.
type Options struct {
	// CreditorID is whose receivables the file holds; 0 means the
	// organization's first creditor.
	CreditorID int64
	// Format forces a format; "" detects it from the content.
	Format receivable.Format
	// Encoding forces the character set of a text file ("" detects it).
	Encoding string
	// Mapping is a column mapping for CSV and Excel files (JSON of
	// tabular.Mapping), nil to recognise the headers; MappingName is the
	// saved mapping it came from, kept in the history.
	Mapping     []byte
	MappingName string
	Snapshot    bool
	SkipInvalid bool
	DryRun      bool
	FileName    string
	// PreviewRows is how many rows of a table the report shows.
	PreviewRows int
	// Kinds are the debtor kinds the user confirmed in the preview, by
	// debtor key (DebtorKey).
	Kinds map[string]ledger.DebtorKind
	// Today is the import's day (Paris); the store's clock when zero.
	Today civil.Date
}

// Report is what an import did, or would do in a dry run.
type Report struct {
	BatchID   int64  `json:"batch_id,omitempty"`
	Format    string `json:"format"`
	Encoding  string `json:"encoding,omitempty"`
	Delimiter string `json:"delimiter,omitempty"`
	Lines     int    `json:"lines"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Settled   int    `json:"settled"`
	// DebtorsCreated counts the new debtors among the created documents'.
	DebtorsCreated int                 `json:"debtors_created"`
	Errors         []store.ImportError `json:"errors"`
	ErrorCount     int                 `json:"error_count"`
	// Written says whether anything was stored.
	Written bool `json:"written"`
	DryRun  bool `json:"dry_run"`
	// SnapshotSkipped: the file had errors, so no absent invoice was
	// taken for settled.
	SnapshotSkipped bool `json:"snapshot_skipped,omitempty"`
	// Previous is the last import of the same file (same hash), if any.
	Previous *store.ImportBatch `json:"-"`
	Header   []string           `json:"-"`
	Preview  [][]string         `json:"-"`
	// NewDebtors are the debtors the file creates, with the kind read or
	// guessed, for the user to confirm (the first MaxListed).
	NewDebtors []NewDebtor `json:"-"`
	// Changes are the updates the file makes (the first MaxListed).
	Changes []Change `json:"-"`
	SHA256  string   `json:"-"`
}

// MaxListed caps the new debtors and changes a report lists.
const MaxListed = 200

// NewDebtor is a debtor an import creates.
type NewDebtor struct {
	Key        string
	Ref        string
	Name       string
	SIREN      string
	Kind       ledger.DebtorKind
	KindSource receivable.KindSource
	Line       int
}

// Change is an update an import makes to a known invoice.
type Change struct {
	Line   int
	Number string
	Field  string // "amount", "due_date", "issue_date", "paid", "settled"
	Before string
	After  string
}

// ErrNoCreditor is returned when the organization has no creditor yet.
var ErrNoCreditor = ledger.Errorf(ledger.EInvalid, "the organization has no creditor to import for")

// errRollback ends the import transaction without writing.
var errRollback = errors.New("importer: roll back")

// Run imports the file read from r into the organization of ctx.
func Run(ctx context.Context, st store.Store, r io.Reader, opts Options) (*Report, error) {
	creditorID, err := creditor(ctx, st, opts.CreditorID)
	if err != nil {
		return nil, err
	}
	settings, err := st.LegalSettings(ctx)
	if err != nil {
		return nil, err
	}
	if opts.Today.IsZero() {
		opts.Today = civil.Today(time.Now(), civil.Paris)
	}
	h := sha256.New()
	counted := &countingReader{r: io.TeeReader(r, h)}
	br := bufio.NewReaderSize(counted, sniffSize)
	format := opts.Format
	if format == "" {
		sample, _ := br.Peek(sniffSize)
		format = Detect(sample)
	}
	if !format.Valid() {
		return nil, ledger.FieldError("format", "unknown format %q", format)
	}
	batch := &store.ImportBatch{CreditorID: creditorID, FileName: opts.FileName, Format: string(format), MappingName: opts.MappingName,
		Snapshot: opts.Snapshot, SkipInvalid: opts.SkipInvalid}
	rep := &Report{Format: string(format), DryRun: opts.DryRun, Errors: []store.ImportError{}}
	var info receivable.Info
	hist, err := readHistory(ctx, st, creditorID)
	if err != nil {
		return nil, err
	}
	err = st.Import(ctx, batch, func(w store.ImportWriter) error {
		p := newPass(ctx, w, creditorID, settings, opts, rep)
		p.since = hist.lastDay
		info, err = parse(ctx, format, br, opts, p)
		if err != nil {
			return err
		}
		if err := p.finish(); err != nil {
			return err
		}
		// Hash the whole file, also what a parser left unread.
		if _, err := io.Copy(io.Discard, br); err != nil {
			return fmt.Errorf("importer: read %s: %w", opts.FileName, err)
		}
		rep.SHA256 = hex.EncodeToString(h.Sum(nil))
		batch.SHA256, batch.Size = rep.SHA256, counted.n
		fillInfo(rep, batch, info)
		if opts.DryRun || (rep.ErrorCount > 0 && !opts.SkipInvalid) {
			return errRollback
		}
		rep.Written = true
		return nil
	})
	var is receivable.Issue
	switch {
	case errors.As(err, &is):
		// The file cannot be read at all: one error for the report.
		rep.addIssue(is)
		err = errRollback
	case err != nil && !errors.Is(err, errRollback):
		return nil, err
	}
	if rep.SHA256 == "" {
		// The parser gave up early: the history still names the file by
		// its hash.
		if _, err := io.Copy(io.Discard, br); err != nil {
			return nil, fmt.Errorf("importer: read %s: %w", opts.FileName, err)
		}
		rep.SHA256 = hex.EncodeToString(h.Sum(nil))
		batch.SHA256, batch.Size = rep.SHA256, counted.n
	}
	if rep.Written {
		rep.BatchID = batch.ID
	}
	if b, ok := hist.bySHA[rep.SHA256]; ok {
		rep.Previous = &b
	}
	if !rep.Written {
		// A dry run or a refused file still shows what was read of it.
		fillInfo(rep, batch, info)
	}
	if !rep.Written && !opts.DryRun {
		batch.Created, batch.Updated, batch.Unchanged, batch.Settled, batch.DebtorsCreated = 0, 0, 0, 0, 0
		if err := st.RecordRefusedImport(ctx, batch); err != nil {
			return nil, err
		}
		rep.BatchID = batch.ID
	}
	return rep, nil
}

// fillInfo copies what the parser learnt and the counts into the report
// and the batch.
func fillInfo(rep *Report, b *store.ImportBatch, info receivable.Info) {
	if info.Format != "" {
		rep.Format = string(info.Format)
		b.Format = rep.Format
	}
	rep.Encoding, rep.Delimiter, rep.Lines = info.Encoding, info.Delimiter, info.Lines
	rep.Header, rep.Preview = info.Header, info.Preview
	b.Encoding, b.Lines = info.Encoding, info.Lines
	b.Created, b.Updated, b.Unchanged, b.Settled, b.DebtorsCreated = rep.Created, rep.Updated, rep.Unchanged, rep.Settled, rep.DebtorsCreated
	b.ErrorCount, b.Errors = rep.ErrorCount, rep.Errors
}

// history is what the creditor's earlier imports tell this one: the day
// of the last one applied, and the last applied import of each file (by
// hash). It is read once, before the import.
type history struct {
	lastDay civil.Date
	bySHA   map[string]store.ImportBatch
}

func readHistory(ctx context.Context, st store.Store, creditorID int64) (history, error) {
	h := history{bySHA: map[string]store.ImportBatch{}}
	var before int64
	for {
		page, err := st.ImportBatches(ctx, store.ImportQuery{Limit: 500, Before: before})
		if err != nil {
			return h, err
		}
		for _, b := range page {
			if b.CreditorID != creditorID || b.Status != store.BatchApplied {
				continue
			}
			if h.lastDay.IsZero() {
				h.lastDay = civil.Of(b.CreatedAt.In(civil.Paris))
			}
			if _, seen := h.bySHA[b.SHA256]; !seen {
				h.bySHA[b.SHA256] = b
			}
		}
		if len(page) < 500 {
			return h, nil
		}
		before = page[len(page)-1].ID
	}
}

func creditor(ctx context.Context, st store.Store, id int64) (int64, error) {
	cs, err := st.ListCreditors(ctx)
	if err != nil {
		return 0, err
	}
	if len(cs) == 0 {
		return 0, ErrNoCreditor
	}
	if id == 0 {
		return cs[0].ID, nil
	}
	for _, c := range cs {
		if c.ID == id {
			return id, nil
		}
	}
	return 0, ledger.Errorf(ledger.ENotFound, "creditor not found")
}

// addIssue keeps an error for the report, in both languages.
func (rep *Report) addIssue(is receivable.Issue) {
	rep.ErrorCount++
	if len(rep.Errors) >= store.MaxStoredErrors {
		return
	}
	rep.Errors = append(rep.Errors, store.ImportError{Line: is.Line, Column: is.Column, Value: is.Value, Key: is.Key,
		Message: i18n.T("fr", is.Key, is.Args...), MessageEN: i18n.T("en", is.Key, is.Args...)})
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// maxStatementSize caps the body of POST /api/v1/bank-statements, which
// is read whole: a year of camt.053 of a busy account is a few MiB.
const maxStatementSize = 64 << 20

// rawStatementTypes are the media types POST /api/v1/bank-statements
// takes as the file itself; the format is detected from the content.
var rawStatementTypes = []string{"application/xml", "text/xml", "application/x-ofx", "application/vnd.intu.qfx",
	"text/plain", "text/csv", xlsxType, "application/octet-stream"}

// The list of the statement history's cursor.
const listBankImports = "bank-statements"

// bankImport is one statement file read, with what became of its lines.
type bankImport struct {
	ID                int64               `json:"id"`
	FileName          string              `json:"file_name"`
	SHA256            string              `json:"sha256"`
	Size              int64               `json:"size"`
	Format            string              `json:"format"`
	Encoding          string              `json:"encoding"`
	Mapping           string              `json:"mapping"`
	Actor             string              `json:"actor"`
	CreatedAt         time.Time           `json:"created_at"`
	Entries           int                 `json:"entries"`
	Payments          int                 `json:"payments"`
	PaymentsCreated   int                 `json:"payments_created"`
	DuplicatesSkipped int                 `json:"duplicates_skipped"`
	AutoMatched       int                 `json:"auto_matched"`
	ToReview          int                 `json:"to_review"`
	Reversals         int                 `json:"reversals"`
	DebitsIgnored     int                 `json:"debits_ignored"`
	Pending           int                 `json:"pending"`
	Issues            []store.ImportError `json:"issues"`
	Status            string              `json:"status"`
	UndoneAt          *time.Time          `json:"undone_at,omitempty"`
	UndoneBy          string              `json:"undone_by,omitempty"`
	// Undoable says whether POST …/undo would be accepted (one import
	// only, not in lists); UndoBlocker says why not.
	Undoable    *bool  `json:"undoable,omitempty"`
	UndoBlocker string `json:"undo_blocker,omitempty"`
}

func toBankImport(b store.BankImport) bankImport {
	out := toBankImportFields(b)
	if !b.UndoneAt.IsZero() {
		t := b.UndoneAt.UTC()
		out.UndoneAt = &t
	}
	return out
}

func toBankImportFields(b store.BankImport) bankImport {
	issues := b.Issues
	if issues == nil {
		issues = []store.ImportError{}
	}
	return bankImport{ID: b.ID, FileName: b.FileName, SHA256: b.SHA256, Size: b.Size, Format: b.Format, Encoding: b.Encoding,
		Mapping: b.Mapping, Actor: b.Actor, CreatedAt: b.CreatedAt.UTC(), Entries: b.Entries, Payments: b.Payments,
		PaymentsCreated: b.PaymentsCreated, DuplicatesSkipped: b.DuplicatesSkipped, AutoMatched: b.AutoMatched,
		ToReview: b.ToReview, Reversals: b.Reversals, DebitsIgnored: b.DebitsIgnored, Pending: b.Pending, Issues: issues,
		Status: b.Status, UndoneBy: b.UndoneBy}
}

// createBankStatement serves POST /api/v1/bank-statements: a camt.053 or
// .054, OFX, CFONB 120 or bank CSV/Excel file, as the multipart field
// "file" or the whole body. The lines already imported are skipped, the
// sure matches recorded, the rest queued for review. The answer is the
// report `recouvre import bank --json` prints: 201 when written, 200 for
// a dry run, 422 when the file could not be read and nothing was written.
func (a *API) createBankStatement(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	var opt banking.ImportOptions
	if opt.DryRun, err = boolParam(q, "dry_run"); err != nil {
		return err
	}
	if q.Has("mapping") {
		if opt.Mapping, err = a.bankMappingName(r.Context(), q.Get("mapping")); err != nil {
			return err
		}
	}
	data, name, err := a.readStatement(w, r)
	if err != nil {
		return err
	}
	for _, p := range []string{"file_name", "filename"} {
		if q.Has(p) {
			name = q.Get(p)
		}
	}
	opt.FileName = cleanFileName(name)
	rep, err := a.bank.Import(r.Context(), data, opt)
	if errors.Is(err, banking.ErrRefused) {
		// The file could not be read: the report says why.
		rep.ImportID, err = 0, nil
	}
	if err != nil {
		return fmt.Errorf("import statement %q: %w", opt.FileName, err)
	}
	status := http.StatusOK
	switch {
	case rep.ImportID != 0 && !rep.DryRun:
		status = http.StatusCreated
		w.Header().Set("Location", fmt.Sprintf("%s/bank-statements/%d", Prefix, rep.ImportID))
	case len(rep.Issues) > 0 && rep.ImportID == 0:
		status = http.StatusUnprocessableEntity
	}
	if rep.Issues == nil {
		rep.Issues = []store.ImportError{}
	}
	return writeJSON(w, status, rep)
}

// readStatement reads the whole statement file of the request, and the
// name its client gave it.
func (a *API) readStatement(w http.ResponseWriter, r *http.Request) ([]byte, string, error) {
	limit := min(a.maxUpload, maxStatementSize)
	if r.ContentLength > limit {
		return nil, "", tooLarge(limit)
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return nil, "", &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
			fmt.Sprintf("Content-Encoding %q is not supported: send the file as it is", enc)}
	}
	body := &readRecorder{r: http.MaxBytesReader(w, r.Body, limit)}
	part, name, err := openUpload(r, body, rawStatementTypes)
	if err != nil {
		if ferr := uploadFailure(body, nil, limit); ferr != nil {
			return nil, "", ferr
		}
		return nil, "", err
	}
	file := &readRecorder{r: part}
	data, err := io.ReadAll(file)
	if ferr := uploadFailure(body, file, limit); ferr != nil {
		return nil, "", ferr
	}
	if err != nil {
		return nil, "", fmt.Errorf("read statement upload: %w", err)
	}
	if len(data) == 0 {
		return nil, "", ledger.FieldError("file", "the file is empty")
	}
	return data, name, nil
}

// bankMappingName checks that a saved bank mapping has that name.
func (a *API) bankMappingName(ctx context.Context, name string) (string, error) {
	m, err := a.bankMappings().find(ctx, name)
	if err != nil {
		return "", err
	}
	if m == nil {
		return "", ledger.FieldError("mapping", "no bank mapping is saved under %q", name)
	}
	return m.Name, nil
}

// listBankStatements serves GET /api/v1/bank-statements: the history,
// newest first.
func (a *API) listBankStatements(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	pg, err := pageParams(q, listBankImports)
	if err != nil {
		return err
	}
	imps, next, err := newestFirst(r.Context(), pg, a.store.BankImports, func(b store.BankImport) int64 { return b.ID })
	if err != nil {
		return fmt.Errorf("list bank statements: %w", err)
	}
	out := list[bankImport]{Data: make([]bankImport, 0, len(imps)), NextCursor: encodeCursor(listBankImports, next)}
	for _, b := range imps {
		out.Data = append(out.Data, toBankImport(b))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getBankStatement serves GET /api/v1/bank-statements/{id}.
func (a *API) getBankStatement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b, err := a.store.GetBankImport(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get bank statement %d: %w", id, err)
	}
	return a.writeBankImport(w, r, b)
}

// writeBankImport answers a statement import with whether it can be
// undone.
func (a *API) writeBankImport(w http.ResponseWriter, r *http.Request, b *store.BankImport) error {
	out := toBankImport(*b)
	ok, reason, err := a.store.BankImportUndoable(r.Context(), b.ID)
	if err != nil {
		return fmt.Errorf("can bank statement %d be undone: %w", b.ID, err)
	}
	out.Undoable, out.UndoBlocker = &ok, reason
	return writeJSON(w, http.StatusOK, out)
}

// undoBankStatement serves POST /api/v1/bank-statements/{id}/undo: what
// the import wrote is taken back (409 with the reason when something
// else has happened to the debtors it paid since).
func (a *API) undoBankStatement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b, err := a.store.UndoBankImport(r.Context(), id)
	if err != nil {
		return fmt.Errorf("undo bank statement %d: %w", id, err)
	}
	return a.writeBankImport(w, r, b)
}

package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/textenc"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// maxImportSize caps the body of POST /api/v1/imports: far above a real
// aged balance or FEC, low enough that nobody fills the disk through it.
const maxImportSize = 256 << 20

// maxFileNameLen caps the file name kept in the history, in bytes.
const maxFileNameLen = 255

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// rawImportTypes are the media types POST /api/v1/imports takes as the file
// itself. They say how the client sent the file, not what it is: the
// format is detected from the content unless ?format= forces it.
var rawImportTypes = []string{"text/csv", "application/xml", "text/xml", "application/pdf", xlsxType, "application/octet-stream"}

var (
	importFormats   = []string{"auto", "csv", "xlsx", "fec", "facturx", "cii", "ubl"}
	importEncodings = []string{textenc.UTF8, textenc.Windows1252, textenc.ISO885915}
	messageLangs    = []string{"en", "fr"}
)

// importDetail adds what GET /imports/{id} shows of one import: how it was
// asked for, its errors, and whether it can still be undone.
type importDetail struct {
	importer.BatchJSON
	MappingName string               `json:"mapping_name"`
	SkipInvalid bool                 `json:"skip_invalid"`
	Size        int64                `json:"size"`
	UndoneBy    string               `json:"undone_by"`
	Undoable    bool                 `json:"undoable"`
	UndoBlocker string               `json:"undo_blocker"` // why it cannot be undone, "" when it can
	Errors      []importer.ErrorJSON `json:"errors"`
}

// createImport serves POST /api/v1/imports: the file is the multipart
// field "file", or the whole body. It is streamed to the importer, never
// held whole here. The answer is the report: 201 when written, 200 for a
// dry run, 422 when the file had errors and nothing was written.
func (a *API) createImport(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	opts, lang, err := a.importOptions(r.Context(), q)
	if err != nil {
		return err
	}
	if r.ContentLength > a.maxUpload {
		return tooLarge(a.maxUpload)
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
			fmt.Sprintf("Content-Encoding %q is not supported: send the file as it is", enc)}
	}
	body := &readRecorder{r: http.MaxBytesReader(w, r.Body, a.maxUpload)}
	part, name, err := openUpload(r, body, rawImportTypes)
	if err != nil {
		if ferr := uploadFailure(body, nil, a.maxUpload); ferr != nil {
			return ferr
		}
		return err
	}
	if q.Has("file_name") {
		name = q.Get("file_name")
	}
	opts.FileName = cleanFileName(name)
	file := &readRecorder{r: part}
	rep, err := importer.Run(r.Context(), a.store, file, opts)
	if ferr := uploadFailure(body, file, a.maxUpload); ferr != nil {
		// The file was cut short: whatever the importer made of its
		// beginning is not the file's report. It refuses a file it
		// cannot read to its end, so nothing was written.
		if rep != nil && rep.Written {
			a.log.ErrorContext(r.Context(), "api: an import was written from a truncated upload",
				"batch", rep.BatchID, "err", ferr)
		}
		return ferr
	}
	if err != nil {
		return fmt.Errorf("import %q: %w", opts.FileName, err)
	}
	status := http.StatusUnprocessableEntity
	switch {
	case rep.DryRun:
		status = http.StatusOK
	case rep.Written:
		status = http.StatusCreated
		w.Header().Set("Location", fmt.Sprintf("%s/imports/%d", Prefix, rep.BatchID))
	}
	return writeJSON(w, status, rep.JSON(lang))
}

// importOptions reads the query of POST /api/v1/imports, and the language
// of the report's messages. A saved mapping is loaded by its name.
func (a *API) importOptions(ctx context.Context, q url.Values) (importer.Options, string, error) {
	opts := importer.Options{Today: a.today()}
	format, err := enumParam(q, "format", importFormats)
	if err != nil {
		return opts, "", err
	}
	if format != "" && format != "auto" {
		opts.Format = receivable.Format(format)
	}
	if opts.Encoding, err = enumParam(q, "encoding", importEncodings); err != nil {
		return opts, "", err
	}
	for _, p := range []struct {
		name string
		v    *bool
	}{{"snapshot", &opts.Snapshot}, {"skip_invalid", &opts.SkipInvalid}, {"dry_run", &opts.DryRun}} {
		if *p.v, err = boolParam(q, p.name); err != nil {
			return opts, "", err
		}
	}
	lang, err := langParam(q)
	if err != nil {
		return opts, "", err
	}
	if opts.CreditorID, err = optionalID(q, "creditor_id"); err != nil {
		return opts, "", err
	}
	if opts.CreditorID != 0 {
		if err := a.checkCreditor(ctx, opts.CreditorID); err != nil {
			return opts, "", err
		}
	}
	if q.Has("mapping") {
		name := q.Get("mapping")
		m, err := a.importMappings().find(ctx, name)
		if err != nil {
			return opts, "", err
		}
		if m == nil {
			return opts, "", ledger.FieldError("mapping", "no mapping is saved under %q", name)
		}
		opts.Mapping, opts.MappingName = m.Mapping, m.Name
	}
	return opts, lang, nil
}

// checkCreditor refuses a creditor_id that is not one of the
// organization's creditors, another organization's included.
func (a *API) checkCreditor(ctx context.Context, id int64) error {
	cs, err := a.store.ListCreditors(ctx)
	if err != nil {
		return fmt.Errorf("list creditors: %w", err)
	}
	for _, c := range cs {
		if c.ID == id {
			return nil
		}
	}
	return ledger.FieldError("creditor_id", "no creditor %d in the organization", id)
}

// langParam reads ?lang=, the language of the messages of an import's
// errors: English by default, like every message of the API.
func langParam(q url.Values) (string, error) {
	lang, err := enumParam(q, "lang", messageLangs)
	if lang == "" {
		lang = "en"
	}
	return lang, err
}

// tooLarge answers a body beyond limit bytes.
func tooLarge(limit int64) error {
	size := fmt.Sprintf("%d bytes", limit)
	if limit >= 1<<20 && limit%(1<<20) == 0 {
		size = fmt.Sprintf("%d MiB", limit>>20)
	}
	return &httpError{http.StatusRequestEntityTooLarge, codeTooLarge, "the file is larger than the limit of " + size + ": nothing was imported"}
}

// openUpload returns the file a POST of a file (an import, a statement)
// carries and the name its client gave it: the part named "file" of a
// multipart/form-data body, read as a stream, or the raw body of one of
// the raw media types.
func openUpload(r *http.Request, body io.Reader, raw []string) (io.Reader, string, error) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil, "", &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
			"a Content-Type is required: multipart/form-data, or the file's own type"}
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, "", ledger.FieldError("Content-Type", "malformed media type %q", ct)
	}
	switch {
	case mt == "multipart/form-data":
		return filePart(body, params["boundary"])
	case slices.Contains(raw, mt):
		return body, "", nil
	}
	return nil, "", &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
		fmt.Sprintf("media type %q is not accepted: send multipart/form-data with a file field, or the file as %s", mt, strings.Join(raw, ", "))}
}

// filePart returns the field "file" of a multipart/form-data body, which
// must come first. Options are query parameters: a form field of any other
// name is refused rather than ignored, so that a client learns its option
// was not applied. What follows the file is not read.
func filePart(body io.Reader, boundary string) (io.Reader, string, error) {
	if boundary == "" {
		return nil, "", ledger.FieldError("Content-Type", "multipart/form-data without a boundary")
	}
	p, err := multipart.NewReader(body, boundary).NextPart()
	// The reader's own io.EOF is the form's closing boundary; a wrapped
	// one is a body that ends without it.
	if err == io.EOF { //nolint:errorlint // see above
		return nil, "", ledger.FieldError("file", "the form has no field named file")
	}
	if err != nil {
		return nil, "", ledger.FieldError("body", "malformed multipart body: %v", err)
	}
	if name := p.FormName(); name != "file" {
		return nil, "", ledger.FieldError("body", "unexpected form field %q before the file: send the file as the field file, the options as query parameters", name)
	}
	return p, p.FileName(), nil
}

// readRecorder remembers the first failure to read what it wraps, other
// than its end: the importer may turn a failure into anything, the answer
// must say what it was.
type readRecorder struct {
	r   io.Reader
	err error
}

func (rr *readRecorder) Read(p []byte) (int, error) {
	n, err := rr.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && rr.err == nil {
		rr.err = err
	}
	return n, err
}

// uploadFailure is the answer to an upload that could not be read to its
// end, nil when it could: the request's body beyond limit or broken off,
// else the file's multipart part ending before its boundary. file is nil
// until the file is found.
func uploadFailure(body, file *readRecorder, limit int64) error {
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(body.err, &maxBytes):
		return tooLarge(limit)
	case body.err != nil:
		return ledger.FieldError("body", "the upload could not be read to its end")
	case file != nil && file.err != nil:
		return ledger.FieldError("body", "the multipart body ends inside the file, before its closing boundary")
	}
	return nil
}

// cleanFileName keeps the base name of what a client calls its file,
// without control characters, within maxFileNameLen bytes.
func cleanFileName(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = path.Base(strings.ReplaceAll(s, `\`, "/"))
	if s == "." || s == "/" {
		return ""
	}
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
	for len(s) > maxFileNameLen {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// newestFirst reads a page of a history kept newest first (imports,
// statements) and the cursor of the next page: there is one only if an
// older entry exists, so that no cursor leads to an empty page.
func newestFirst[T any](ctx context.Context, pg page, fetch func(context.Context, store.ImportQuery) ([]T, error), id func(T) int64) ([]T, int64, error) {
	items, err := fetch(ctx, store.ImportQuery{Limit: pg.limit, Before: pg.after})
	if err != nil {
		return nil, 0, err
	}
	n := len(items)
	if n == 0 || n < pg.limit {
		return items, 0, nil
	}
	last := id(items[n-1])
	more, err := fetch(ctx, store.ImportQuery{Limit: 1, Before: last})
	if err != nil {
		return nil, 0, fmt.Errorf("before %d: %w", last, err)
	}
	if len(more) == 0 {
		return items, 0, nil
	}
	return items, last, nil
}

// listImports serves GET /api/v1/imports: the history, newest first.
func (a *API) listImports(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	pg, err := pageParams(q, listImports)
	if err != nil {
		return err
	}
	batches, next, err := newestFirst(r.Context(), pg, a.store.ImportBatches, func(b store.ImportBatch) int64 { return b.ID })
	if err != nil {
		return fmt.Errorf("list imports: %w", err)
	}
	out := list[importer.BatchJSON]{Data: make([]importer.BatchJSON, 0, len(batches)), NextCursor: encodeCursor(listImports, next)}
	for _, b := range batches {
		out.Data = append(out.Data, importer.BatchToJSON(b))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getImport serves GET /api/v1/imports/{id}.
func (a *API) getImport(w http.ResponseWriter, r *http.Request) error {
	id, lang, err := importParams(r)
	if err != nil {
		return err
	}
	b, err := a.store.GetImportBatch(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get import %d: %w", id, err)
	}
	return a.writeImportDetail(r.Context(), w, http.StatusOK, b, lang)
}

// undoImport serves POST /api/v1/imports/{id}/undo: what the import
// created is removed, what it changed put back. 409 when something has
// touched its documents since, or it was refused or undone already.
func (a *API) undoImport(w http.ResponseWriter, r *http.Request) error {
	id, lang, err := importParams(r)
	if err != nil {
		return err
	}
	b, err := a.store.UndoImport(r.Context(), id)
	if err != nil {
		return fmt.Errorf("undo import %d: %w", id, err)
	}
	return a.writeImportDetail(r.Context(), w, http.StatusOK, b, lang)
}

// importParams reads the {id} and ?lang= of an import's routes.
func importParams(r *http.Request) (int64, string, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, "", err
	}
	q, err := query(r)
	if err != nil {
		return 0, "", err
	}
	lang, err := langParam(q)
	return id, lang, err
}

// writeImportDetail answers one import with its errors and whether it can
// still be undone.
func (a *API) writeImportDetail(ctx context.Context, w http.ResponseWriter, status int, b *store.ImportBatch, lang string) error {
	ok, why, err := a.store.ImportUndoable(ctx, b.ID)
	if err != nil {
		return fmt.Errorf("can import %d be undone: %w", b.ID, err)
	}
	out := importDetail{BatchJSON: importer.BatchToJSON(*b), MappingName: b.MappingName, SkipInvalid: b.SkipInvalid, Size: b.Size,
		UndoneBy: b.UndoneBy, Undoable: ok, Errors: importer.ErrorsJSON(b.Errors, lang)}
	if !ok {
		out.UndoBlocker = why
	}
	return writeJSON(w, status, out)
}

// invoiceDocument serves GET /api/v1/invoices/{id}/document: the document
// an invoice was imported from (a Factur-X PDF), byte for byte.
func (a *API) invoiceDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := a.store.InvoiceFile(r.Context(), id)
	if err != nil {
		return fmt.Errorf("document of invoice %d: %w", id, err)
	}
	ct := f.ContentType
	if _, _, err := mime.ParseMediaType(ct); err != nil {
		ct = "application/octet-stream"
	}
	name := cleanFileName(f.Name)
	if name == "" {
		name = fmt.Sprintf("invoice-%d", id)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if disposition == "" {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(f.Data)
	return nil
}

package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// registerBank mounts the pages of bank statements, the review queue and
// the payments.
func (ui *UI) registerBank(mux *http.ServeMux) {
	mux.Handle("GET /bank", ui.page(ui.showBankPage))
	mux.Handle("POST /bank/imports", ui.page(ui.uploadStatement))
	mux.Handle("GET /bank/imports/{id}", ui.page(ui.showBankImport))
	mux.Handle("POST /bank/imports/{id}/undo", ui.page(ui.undoBankImport))
	mux.Handle("GET /bank/review", ui.page(ui.showReviewQueue))
	mux.Handle("GET /bank/lines/{id}", ui.page(ui.showBankLine))
	mux.Handle("POST /bank/lines/{id}/accept", ui.page(ui.acceptProposal))
	mux.Handle("POST /bank/lines/{id}/assign", ui.page(ui.assignLine))
	mux.Handle("POST /bank/lines/{id}/ignore", ui.page(ui.ignoreLine))
	mux.Handle("POST /bank/lines/{id}/reversal", ui.page(ui.resolveReversal))
	mux.Handle("GET /payments/{id}", ui.page(ui.showPaymentPage))
	mux.Handle("POST /payments/{id}/allocate", ui.page(ui.allocatePayment))
	mux.Handle("POST /payments/{id}/reverse", ui.page(ui.reversePayment))
	mux.Handle("POST /allocations/{id}/delete", ui.page(ui.deleteAllocation))
	mux.Handle("POST /debtors/{id}/credit-notes", ui.page(ui.applyCreditNote))
}

// bankPage is the data of the bank page: the statement upload above the
// history of the statements imported.
type bankPage struct {
	*view
	CanImport bool
	Mappings  []store.ImportMapping
	Imports   []store.BankImport
	Older     string // the link to the next page of the history
	ToReview  int
	MaxMB     int64
	// What the form said, shown again after a refusal or a dry run.
	Mapping string
	DryRun  bool
	// Report is a dry run's, or a refused file's.
	Report *banking.Report
	Issues *issueList
	Error  string // translated
}

// issueList is what the shared import_errors template shows.
type issueList struct {
	ErrorCount int
	Errors     []store.ImportError
}

// showBankPage serves GET /bank.
func (ui *UI) showBankPage(w http.ResponseWriter, r *http.Request, v *view) error {
	return ui.renderBank(w, r, v, http.StatusOK, &bankPage{})
}

// renderBank fills the page's lists and renders it with status.
func (ui *UI) renderBank(w http.ResponseWriter, r *http.Request, v *view, status int, data *bankPage) error {
	v.Title, v.Nav = "bankui.title", "bank"
	ctx := r.Context()
	data.view = v
	data.CanImport = v.User.Can(auth.PermWriteLedger)
	data.MaxMB = max(ui.maxImport>>20, 1)
	var err error
	if data.Mappings, err = ui.store.BankMappings(ctx); err != nil {
		return fmt.Errorf("list bank mappings: %w", err)
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if data.Imports, err = ui.store.BankImports(ctx, store.ImportQuery{Limit: historySize, Before: max(before, 0)}); err != nil {
		return fmt.Errorf("list statement imports: %w", err)
	}
	if len(data.Imports) == historySize {
		data.Older = fmt.Sprintf("/bank?before=%d#history", data.Imports[len(data.Imports)-1].ID)
	}
	if data.ToReview, err = ui.store.CountBankLines(ctx, store.LineReview); err != nil {
		return fmt.Errorf("count lines to review: %w", err)
	}
	ui.render(w, r, status, "bank", data)
	return nil
}

// uploadStatement serves POST /bank/imports: the statement is read,
// matched and recorded, and its page shown; a dry run shows what it
// would do, and a file that cannot be read its issues, writing nothing.
func (ui *UI) uploadStatement(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not import statements", v.User.Role)
	}
	data := &bankPage{}
	refuse := func(status int, key string, args ...any) error {
		data.Error = v.T(key, args...)
		return ui.renderBank(w, r, v, status, data)
	}
	r.Body = http.MaxBytesReader(w, r.Body, ui.maxImport+1<<20)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			return refuse(http.StatusRequestEntityTooLarge, "imports.err.too_large", max(ui.maxImport>>20, 1))
		}
		return refuse(http.StatusBadRequest, "imports.err.no_file")
	}
	data.Mapping, data.DryRun = r.FormValue("mapping"), r.FormValue("dry_run") != ""
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return refuse(http.StatusBadRequest, "imports.err.no_file")
	}
	defer file.Close()
	raw, err := io.ReadAll(io.LimitReader(file, ui.maxImport+1))
	if err != nil {
		return fmt.Errorf("read the uploaded statement: %w", err)
	}
	switch {
	case int64(len(raw)) > ui.maxImport:
		return refuse(http.StatusRequestEntityTooLarge, "imports.err.too_large", max(ui.maxImport>>20, 1))
	case len(raw) == 0:
		return refuse(http.StatusBadRequest, "imports.err.empty")
	}
	opt := banking.ImportOptions{FileName: uploadName(hdr.Filename), Mapping: data.Mapping, DryRun: data.DryRun}
	rep, err := ui.banking.Import(r.Context(), raw, opt)
	if rep != nil && len(rep.Issues) > 0 && (err != nil || rep.ImportID == 0) {
		// The file cannot be read: nothing was written; say where.
		data.Report, data.Issues = rep, &issueList{ErrorCount: len(rep.Issues), Errors: rep.Issues}
		return refuse(http.StatusUnprocessableEntity, "bankui.err.unreadable", opt.FileName)
	}
	if data.Mapping != "" && ledger.IsNotFound(err) {
		return refuse(http.StatusBadRequest, "imports.err.mapping_unknown")
	}
	if err != nil {
		if status, msg, ok := v.refusal(err); ok {
			data.Error = msg
			return ui.renderBank(w, r, v, status, data)
		}
		return fmt.Errorf("import statement: %w", err)
	}
	if rep.DryRun || rep.ImportID == 0 {
		data.Report = rep
		return ui.renderBank(w, r, v, http.StatusOK, data)
	}
	http.Redirect(w, r, fmt.Sprintf("/bank/imports/%d?done=1", rep.ImportID), http.StatusSeeOther)
	return nil
}

// bankImportPage is the data of one statement import's page.
type bankImportPage struct {
	*view
	Import   *store.BankImport
	Lines    []store.BankLine
	Next     string // the link to the next page of lines
	Done     bool   // the import was just made
	Issues   *issueList
	Undoable bool
	Reason   string // translated: why the import cannot be undone
	Undone   bool   // the import was just undone
	Alert    string // translated
	CanWrite bool
}

// bankUndoReasons translates the store's reasons why a statement import
// cannot be undone (store.BankImportUndoable).
var bankUndoReasons = map[string]string{
	store.BankUndoUndone:    "bankui.undo.reason.undone",
	store.BankUndoReversals: "bankui.undo.reason.reversals",
	store.BankUndoResolved:  "bankui.undo.reason.resolved",
	store.BankUndoChanged:   "bankui.undo.reason.changed",
}

// bankLinesPage is how many lines a page of an import lists.
const bankLinesPage = 200

// showBankImport serves GET /bank/imports/{id}.
func (ui *UI) showBankImport(w http.ResponseWriter, r *http.Request, v *view) error {
	q := r.URL.Query()
	return ui.renderBankImport(w, r, v, http.StatusOK, &bankImportPage{Done: q.Get("done") == "1", Undone: q.Get("undone") == "1"})
}

// undoBankImport serves POST /bank/imports/{id}/undo.
func (ui *UI) undoBankImport(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not undo a statement import", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	_, err = ui.store.UndoBankImport(r.Context(), id)
	if ledger.ErrorCode(err) == ledger.EConflict {
		return ui.renderBankImport(w, r, v, http.StatusConflict, &bankImportPage{Alert: v.T("bankui.undo.refused")})
	}
	if err != nil {
		return fmt.Errorf("undo statement import %d: %w", id, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/bank/imports/%d?undone=1", id), http.StatusSeeOther)
	return nil
}

// renderBankImport shows a statement import, its lines and whether it
// can be undone.
func (ui *UI) renderBankImport(w http.ResponseWriter, r *http.Request, v *view, status int, data *bankImportPage) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	imp, err := ui.store.GetBankImport(ctx, id)
	if err != nil {
		return err
	}
	data.view, data.Import, data.CanWrite = v, imp, v.User.Can(auth.PermWriteLedger)
	ok, reason, err := ui.store.BankImportUndoable(ctx, id)
	if err != nil {
		return fmt.Errorf("can statement import %d be undone: %w", id, err)
	}
	data.Undoable = ok
	if !ok {
		data.Reason = v.translated(bankUndoReasons[reason], reason)
	}
	v.Nav, v.Title, v.titleArgs = "bank", "bankui.import_title", []any{imp.ID}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	if data.Lines, err = ui.store.BankLines(ctx, store.BankLineQuery{ImportID: id, Limit: bankLinesPage, After: max(after, 0)}); err != nil {
		return fmt.Errorf("list the lines of statement import %d: %w", id, err)
	}
	if len(data.Lines) == bankLinesPage {
		data.Next = fmt.Sprintf("/bank/imports/%d?after=%d#lines", id, data.Lines[len(data.Lines)-1].ID)
	}
	if len(imp.Issues) > 0 {
		data.Issues = &issueList{ErrorCount: len(imp.Issues), Errors: imp.Issues}
	}
	ui.render(w, r, status, "bank_import", data)
	return nil
}

// LineStatus names where a statement line stands.
func (v *view) LineStatus(s store.BankLineStatus) string {
	return v.translated("bankui.status."+string(s), string(s))
}

// StatementFormat names a statement's file format.
func (v *view) StatementFormat(f string) string {
	return v.translated("bankui.format."+f, f)
}

// IBAN prints an account number in groups of four, as banks write it.
func (v *view) IBAN(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

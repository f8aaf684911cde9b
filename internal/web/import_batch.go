package web

import (
	"fmt"
	"net/http"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// batchPage is the data of one import's page.
type batchPage struct {
	*view
	Batch    *store.ImportBatch
	Creditor string // the creditor's name, when the organization has several
	Undoable bool
	Reason   string // translated: why the import cannot be undone
	CanWrite bool
	Done     bool   // the import was just confirmed
	Undone   bool   // the import was just undone
	Alert    string // translated
}

// Size is the file's size in bytes.
func (p *batchPage) Size() int { return int(p.Batch.Size) }

// undoReasons translates the store's reasons why an import cannot be
// undone (store.ImportUndoable).
var undoReasons = map[string]string{
	store.UndoChanged:   "imports.undo.reason.changed",
	store.UndoDebtor:    "imports.undo.reason.debtor",
	store.UndoAllocated: "imports.undo.reason.allocated",
	store.UndoUndone:    "imports.undo.reason.undone",
	store.UndoNothing:   "imports.undo.reason.nothing",
}

// undoReason words a reason in the page's language; one the catalogue
// does not know yet is shown as the store gives it.
func (v *view) undoReason(reason string) string {
	if key, ok := undoReasons[reason]; ok {
		return v.T(key)
	}
	return reason
}

// showImportBatch serves GET /imports/{id}.
func (ui *UI) showImportBatch(w http.ResponseWriter, r *http.Request, v *view) error {
	q := r.URL.Query()
	return ui.renderBatch(w, r, v, http.StatusOK, &batchPage{Done: q.Get("done") == "1", Undone: q.Get("undone") == "1"})
}

// renderBatch loads the import of the path and renders its page.
func (ui *UI) renderBatch(w http.ResponseWriter, r *http.Request, v *view, status int, data *batchPage) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	b, err := ui.store.GetImportBatch(ctx, id)
	if err != nil {
		return err
	}
	data.view, data.Batch = v, b
	v.Nav, v.Title, v.titleArgs = "imports", "imports.batch_title", []any{b.ID}
	data.CanWrite = v.User.Can(auth.PermWriteLedger)
	ok, reason, err := ui.store.ImportUndoable(ctx, id)
	if err != nil {
		return fmt.Errorf("can import %d be undone: %w", id, err)
	}
	data.Undoable, data.Reason = ok, v.undoReason(reason)
	cs, err := ui.listCreditors(ctx)
	if err != nil {
		return err
	}
	if len(cs) > 1 {
		data.Creditor = creditorName(cs, b.CreditorID)
	}
	ui.render(w, r, status, "import_batch", data)
	return nil
}

// undoImport serves POST /imports/{id}/undo: what the import wrote is
// removed and what it changed put back, unless something touched it
// since; then the page says why.
func (ui *UI) undoImport(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not undo an import", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	_, err = ui.store.UndoImport(r.Context(), id)
	if ledger.ErrorCode(err) == ledger.EConflict {
		return ui.renderBatch(w, r, v, http.StatusConflict, &batchPage{Alert: v.T("imports.undo.refused")})
	}
	if err != nil {
		return fmt.Errorf("undo import %d: %w", id, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/imports/%d?undone=1", id), http.StatusSeeOther)
	return nil
}

package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// historySize is how many imports a page of the history lists.
const historySize = 50

// importsPage is the data of the import page: the upload form above the
// history of the organization's imports.
type importsPage struct {
	*view
	CanImport bool
	Creditors []ledger.Creditor
	Mappings  []store.ImportMapping
	Formats   []receivable.Format
	Batches   []store.ImportBatch
	Older     string // the link to the next page of the history
	Form      importForm
	Error     string // translated
	Notice    string // translated
	MaxMB     int64
}

// CreditorName names a creditor of the organization.
func (p *importsPage) CreditorName(id int64) string { return creditorName(p.Creditors, id) }

func creditorName(cs []ledger.Creditor, id int64) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Name
		}
	}
	return fmt.Sprint(id)
}

// showImportsPage serves GET /imports.
func (ui *UI) showImportsPage(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &importsPage{Form: importForm{Format: "auto"}}
	if r.URL.Query().Get("deleted") != "" {
		data.Notice = v.T("imports.mapping_deleted", r.URL.Query().Get("deleted"))
	}
	return ui.renderImports(w, r, v, http.StatusOK, data)
}

// renderImports fills the upload form's lists and the history, and
// renders the import page with status.
func (ui *UI) renderImports(w http.ResponseWriter, r *http.Request, v *view, status int, data *importsPage) error {
	v.Title, v.Nav = "imports.title", "imports"
	ctx := r.Context()
	data.view = v
	data.CanImport = v.User.Can(auth.PermWriteLedger)
	data.Formats = receivable.Formats
	data.MaxMB = max(ui.maxImport>>20, 1)
	var err error
	if data.Creditors, err = ui.listCreditors(ctx); err != nil {
		return err
	}
	if data.Mappings, err = ui.importMappings(ctx); err != nil {
		return err
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if data.Batches, err = ui.store.ImportBatches(ctx, store.ImportQuery{Limit: historySize, Before: max(before, 0)}); err != nil {
		return fmt.Errorf("list imports: %w", err)
	}
	if len(data.Batches) == historySize {
		data.Older = fmt.Sprintf("/imports?before=%d#history", data.Batches[len(data.Batches)-1].ID)
	}
	ui.render(w, r, status, "imports", data)
	return nil
}

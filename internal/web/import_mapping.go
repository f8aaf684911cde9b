package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// maxMappingName bounds a saved mapping's name, as the store does.
const maxMappingName = 100

// saveImportMapping serves POST /imports/mappings, the preview's « Enregistrer
// ce modèle sous… »: the columns as mapped on the page are kept under a
// name, offered by the next uploads, and the preview is shown again.
func (ui *UI) saveImportMapping(w http.ResponseWriter, r *http.Request, v *view) error {
	up, f, err := ui.previewForm(w, r, v)
	if errors.Is(err, errRendered) {
		return nil
	}
	if err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("save_as"))
	if name == "" || len([]rune(name)) > maxMappingName || f.Mapping == nil {
		return ui.preview(w, r, v, up, f, previewMessages{Status: http.StatusBadRequest, Alert: v.T("imports.err.mapping_name", maxMappingName)})
	}
	b, err := json.Marshal(f.Mapping)
	if err != nil {
		return fmt.Errorf("encode mapping %q: %w", name, err)
	}
	err = ui.store.SaveImportMapping(r.Context(), store.ImportMapping{Name: name, Mapping: b})
	if ledger.ErrorCode(err) == ledger.EInvalid {
		return ui.preview(w, r, v, up, f, previewMessages{Status: http.StatusBadRequest, Alert: v.T("imports.err.mapping_name", maxMappingName)})
	}
	if err != nil {
		return fmt.Errorf("save mapping %q: %w", name, err)
	}
	f.MappingName = name
	return ui.preview(w, r, v, up, f, previewMessages{Notice: v.T("imports.mapping_saved", name)})
}

// deleteImportMapping serves POST /imports/mappings/delete.
func (ui *UI) deleteImportMapping(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not change import mappings", v.User.Role)
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if err := ui.store.DeleteImportMapping(r.Context(), name); err != nil {
		return fmt.Errorf("delete mapping %q: %w", name, err)
	}
	http.Redirect(w, r, "/imports?deleted="+url.QueryEscape(name), http.StatusSeeOther)
	return nil
}

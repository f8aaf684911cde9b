package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/recouvre/recouvre/internal/importer"
)

// confirmImport serves POST /imports/confirm: the file is imported for
// real with the preview's mapping, kinds and options. A file the importer
// refuses (invalid lines, and not skipped) writes nothing: the preview
// comes back with the refusal, and the upload is kept for another try.
func (ui *UI) confirmImport(w http.ResponseWriter, r *http.Request, v *view) error {
	up, f, err := ui.previewForm(w, r, v)
	if errors.Is(err, errRendered) {
		return nil
	}
	if err != nil {
		return err
	}
	o, err := f.options(up.FileName, v.Today, false)
	if err != nil {
		return err
	}
	ctx := r.Context()
	rep, err := importer.Run(ctx, ui.store, bytes.NewReader(up.Data), o)
	if err != nil {
		return ui.runFailed(w, r, v, f, err)
	}
	if !rep.Written {
		return ui.renderPreview(w, r, v, up, f, rep, previewMessages{Status: http.StatusUnprocessableEntity,
			Alert: v.T("imports.refused", rep.BatchID)})
	}
	if err := ui.store.DeleteImportUpload(ctx, up.Token); err != nil {
		// The import is done; a stale upload expires by itself.
		ui.log.WarnContext(ctx, "forget import upload", "batch", rep.BatchID, "err", err)
	}
	http.Redirect(w, r, fmt.Sprintf("/imports/%d?done=1", rep.BatchID), http.StatusSeeOther)
	return nil
}

package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// maxImportSize bounds a file uploaded for import (UI.maxImport, which a
// test may lower).
const maxImportSize = 64 << 20

// uploadMemory is how much of a multipart form is held in memory; the
// rest of the file waits in a temporary file until the handler ends.
const uploadMemory = 8 << 20

// uploadImport serves POST /imports: the file is kept until it is
// confirmed, and a dry run of it is shown.
func (ui *UI) uploadImport(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not import", v.User.Role)
	}
	ctx := r.Context()
	refuse := func(status int, f importForm, key string, args ...any) error {
		return ui.renderImports(w, r, v, status, &importsPage{Form: f, Error: v.T(key, args...)})
	}
	r.Body = http.MaxBytesReader(w, r.Body, ui.maxImport+1<<20)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			return refuse(http.StatusRequestEntityTooLarge, importForm{Format: "auto"}, "imports.err.too_large", max(ui.maxImport>>20, 1))
		}
		return refuse(http.StatusBadRequest, importForm{Format: "auto"}, "imports.err.no_file")
	}
	f, err := ui.parseImportForm(ctx, r)
	if ledger.ErrorCode(err) == ledger.EInvalid {
		return refuse(http.StatusBadRequest, f, importFormError(err))
	}
	if err != nil {
		return err
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return refuse(http.StatusBadRequest, f, "imports.err.no_file")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, ui.maxImport+1))
	if err != nil {
		return fmt.Errorf("read the uploaded file: %w", err)
	}
	switch {
	case int64(len(data)) > ui.maxImport:
		return refuse(http.StatusRequestEntityTooLarge, f, "imports.err.too_large", max(ui.maxImport>>20, 1))
	case len(data) == 0:
		return refuse(http.StatusBadRequest, f, "imports.err.empty")
	}
	cs, err := ui.listCreditors(ctx)
	if err != nil {
		return err
	}
	if f.CreditorID, err = creditorChoice(cs, f.CreditorID); err != nil {
		if ledger.ErrorCode(err) == ledger.EInvalid {
			return refuse(http.StatusBadRequest, f, "imports.err.no_creditor")
		}
		return err
	}
	token, err := uploadToken()
	if err != nil {
		return err
	}
	up := store.ImportUpload{Token: token, FileName: uploadName(hdr.Filename), Data: data}
	if err := ui.store.SaveImportUpload(ctx, up); err != nil {
		return fmt.Errorf("keep the upload: %w", err)
	}
	return ui.preview(w, r, v, &up, f, previewMessages{})
}

// uploadToken names an upload between its preview and its confirmation:
// 192 random bits, URL-safe.
func uploadToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("upload token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// uploadName is the base name of an uploaded file, as a browser on any
// system sends it, cut to a sensible length.
func uploadName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" {
		name = ""
	}
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "_")
	}
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" {
		return "fichier"
	}
	return name
}

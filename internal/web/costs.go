package web

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// maxUpload bounds a proof's upload.
const maxUpload = 10 << 20

// addRecoveryCost serves POST /invoices/{id}/recovery-costs: a proven
// cost with its proof (multipart form).
func (ui *UI) addRecoveryCost(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not record costs", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	inv, err := ui.store.GetInvoice(r.Context(), id)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return ledger.FieldError("proof", "the upload could not be read (at most %d MiB)", maxUpload>>20)
	}
	c := &ledger.RecoveryCost{InvoiceID: id, Description: strings.TrimSpace(r.FormValue("description"))}
	if c.Amount, err = money.Parse(r.FormValue("amount"), inv.Amount.Currency); err != nil {
		return ledger.FieldError("amount", "%v", err)
	}
	if c.IncurredOn, err = civil.Parse(strings.TrimSpace(r.FormValue("incurred_on"))); err != nil {
		return ledger.FieldError("incurred_on", "want YYYY-MM-DD")
	}
	f, hdr, err := r.FormFile("proof")
	if err != nil {
		return ledger.FieldError("proof", "a recovery cost needs its proof attached")
	}
	defer f.Close()
	if c.Proof, err = io.ReadAll(io.LimitReader(f, maxUpload+1)); err != nil {
		return fmt.Errorf("read proof: %w", err)
	}
	c.ProofName, c.ProofType = filepath.Base(hdr.Filename), hdr.Header.Get("Content-Type")
	if err := ui.store.AddRecoveryCost(r.Context(), c); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/invoices/%d#costs", id), http.StatusSeeOther)
	return nil
}

// showCostProof serves GET /recovery-costs/{id}/proof.
func (ui *UI) showCostProof(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return ledger.Errorf(ledger.ENotFound, "no such cost")
	}
	c, err := ui.store.RecoveryCostProof(r.Context(), id)
	if err != nil {
		return err
	}
	// A proof is served as a download whatever its type, never rendered
	// in our origin.
	sendFile(w, "application/octet-stream", c.ProofName, c.Proof)
	return nil
}

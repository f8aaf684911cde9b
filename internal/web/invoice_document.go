package web

import (
	"fmt"
	"net/http"
)

// showInvoiceDocument serves GET /invoices/{id}/document: the file an
// invoice was imported from (its Factur-X PDF), as a download.
func (ui *UI) showInvoiceDocument(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	// The invoice first: another organization's id is not found, exactly
	// like an id that does not exist.
	if _, err := ui.store.GetInvoice(ctx, id); err != nil {
		return err
	}
	f, err := ui.store.InvoiceFile(ctx, id)
	if err != nil {
		return fmt.Errorf("document of invoice %d: %w", id, err)
	}
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	name := f.Name
	if name == "" {
		name = fmt.Sprintf("facture-%d", id)
	}
	sendFile(w, ct, uploadName(name), f.Data)
	return nil
}

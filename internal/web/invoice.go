package web

import (
	"fmt"
	"net/http"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/store"
)

// invoicePage is the data of an invoice's (or a credit note's) page.
type invoicePage struct {
	*view
	Invoice     *ledger.Invoice
	Debtor      *ledger.Debtor
	Allocations []store.AllocationView
	Timeline    []timelineEntry
	Legal       *legal.Invoice // nil for a credit note
	Stopped     bool           // the debtor is in collective proceedings
	CanWrite    bool
	// File is the document the invoice was imported from (a Factur-X
	// PDF), nil when none is kept.
	File *store.File
}

// Rate prints a rate for the page's language.
func (p *invoicePage) Rate(r legalfr.BP) string { return rateText(p.Lang, r) }

func (ui *UI) showInvoicePage(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	inv, err := ui.store.GetInvoice(ctx, id)
	if err != nil {
		return err
	}
	d, err := ui.store.GetDebtor(ctx, inv.DebtorID)
	if err != nil {
		return err
	}
	data := &invoicePage{view: v, Invoice: inv, Debtor: d, CanWrite: v.User.Can(auth.PermWriteLedger)}
	v.Nav, v.Title, v.titleArgs = "portfolio", "invoice.title."+string(inv.Kind), []any{inv.Number}
	// By invoice id, the store returns what settles an invoice and what a
	// credit note settled.
	if data.Allocations, err = ui.store.ListAllocations(ctx, store.AllocationQuery{InvoiceID: id}); err != nil {
		return err
	}
	if inv.Kind == ledger.DocInvoice {
		pos, err := legal.Position(ctx, ui.store, d.ID, v.Today)
		if err != nil {
			return err
		}
		data.Legal, data.Stopped = pos.Find(id), pos.Stopped()
	}
	switch data.File, err = ui.store.InvoiceFile(ctx, id); {
	case ledger.IsNotFound(err):
		data.File = nil
	case err != nil:
		return fmt.Errorf("document of invoice %d: %w", id, err)
	}
	events, err := ui.timelineEvents(r, v, store.EventQuery{InvoiceID: id})
	if err != nil {
		return err
	}
	data.Timeline = timeline(v, events)
	ui.render(w, r, http.StatusOK, "invoice", data)
	return nil
}

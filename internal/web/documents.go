package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/courtfile"
	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
)

// sendFile answers a document as a download.
func sendFile(w http.ResponseWriter, contentType, name string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = bytes.NewReader(b).WriteTo(w)
}

// dateParam reads ?date=YYYY-MM-DD, today when absent.
func dateParam(r *http.Request, today civil.Date) (civil.Date, error) {
	s := strings.TrimSpace(r.URL.Query().Get("date"))
	if s == "" {
		return today, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return d, ledger.FieldError("date", "%q: want YYYY-MM-DD", s)
	}
	return d, nil
}

// previewNotice serves GET /debtors/{id}/formal-notice.pdf: the letter as
// it would be issued today, recorded nowhere.
func (ui *UI) previewNotice(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, _, err := legal.Notice(r.Context(), ui.store, id, v.Today, v.Lang)
	if err != nil {
		return err
	}
	pdf, err := document.RenderFormalNotice(n)
	if err != nil {
		return err
	}
	sendFile(w, "application/pdf", "projet-"+n.Reference+".pdf", pdf)
	return nil
}

// issueNotice serves POST /debtors/{id}/formal-notice: the notice is
// issued today, kept as sent and journaled.
func (ui *UI) issueNotice(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not issue a formal notice", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := legal.IssueNotice(r.Context(), ui.store, id, v.Today, v.Lang)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/debtors/%d?notice=%d#documents", id, n.ID), http.StatusSeeOther)
	return nil
}

// showNotice serves GET /formal-notices/{id}.pdf: the letter as sent.
func (ui *UI) showNotice(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := strconv.ParseInt(strings.TrimSuffix(r.PathValue("file"), ".pdf"), 10, 64)
	if err != nil || !strings.HasSuffix(r.PathValue("file"), ".pdf") {
		return ledger.Errorf(ledger.ENotFound, "no such notice")
	}
	n, err := ui.store.FormalNoticePDF(r.Context(), id)
	if err != nil {
		return err
	}
	sendFile(w, "application/pdf", n.Reference+".pdf", n.PDF)
	return nil
}

// showStatement serves GET /debtors/{id}/statement.pdf?date=: the
// statement of account at any date.
func (ui *UI) showStatement(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	date, err := dateParam(r, v.Today)
	if err != nil {
		return err
	}
	pdf, err := legal.StatementOfAccount(r.Context(), ui.store, id, date, v.Lang)
	if err != nil {
		return err
	}
	sendFile(w, "application/pdf", fmt.Sprintf("releve-%d-%s.pdf", id, date), pdf)
	return nil
}

// showDeclaration serves GET /debtors/{id}/declaration.pdf.
func (ui *UI) showDeclaration(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pdf, err := legal.Declaration(r.Context(), ui.store, id, v.Today, v.Lang)
	if err != nil {
		return err
	}
	sendFile(w, "application/pdf", fmt.Sprintf("declaration-de-creance-%d.pdf", id), pdf)
	return nil
}

// showCourtFile serves GET /debtors/{id}/court-file.zip?procedure=.
func (ui *UI) showCourtFile(w http.ResponseWriter, r *http.Request, v *view) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := courtfile.Procedure(r.URL.Query().Get("procedure"))
	if p == "" {
		p = courtfile.InjonctionDePayer
	}
	if !p.Valid() {
		return ledger.FieldError("procedure", "unknown procedure %q", p)
	}
	b, err := legal.CourtFile(r.Context(), ui.store, id, v.Today, p)
	if err != nil {
		return err
	}
	sendFile(w, "application/zip", fmt.Sprintf("dossier-%s-%d.zip", p, id), b)
	return nil
}

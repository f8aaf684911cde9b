package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// recordInsolvency serves POST /debtors/{id}/insolvency: the debtor is in
// collective proceedings; collection stops and interest with it.
func (ui *UI) recordInsolvency(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermWriteLedger) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not record proceedings", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := insolvencyFromForm(r)
	if err != nil {
		return err
	}
	in.DebtorID = id
	if err := ui.store.RecordInsolvency(r.Context(), in); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/debtors/%d#insolvency", id), http.StatusSeeOther)
	return nil
}

// insolvencyFromForm reads the proceedings' form; dates are YYYY-MM-DD, as
// date inputs send them.
func insolvencyFromForm(r *http.Request) (*ledger.Insolvency, error) {
	date := func(name string) (civil.Date, error) {
		s := strings.TrimSpace(r.PostFormValue(name))
		if s == "" {
			return civil.Date{}, nil
		}
		d, err := civil.Parse(s)
		if err != nil {
			return d, ledger.FieldError(name, "%q: want YYYY-MM-DD", s)
		}
		return d, nil
	}
	in := &ledger.Insolvency{
		Kind:       ledger.InsolvencyKind(r.PostFormValue("kind")),
		Court:      strings.TrimSpace(r.PostFormValue("court")),
		Mandataire: strings.TrimSpace(r.PostFormValue("mandataire")),
		MandataireAddr: ledger.Address{Line1: strings.TrimSpace(r.PostFormValue("mandataire_line1")),
			PostalCode: strings.TrimSpace(r.PostFormValue("mandataire_postal_code")),
			City:       strings.TrimSpace(r.PostFormValue("mandataire_city")), Country: "FR"},
	}
	var err error
	if in.JudgmentDate, err = date("judgment_date"); err != nil {
		return nil, err
	}
	if in.PublicationDate, err = date("publication_date"); err != nil {
		return nil, err
	}
	return in, nil
}

package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// ownerBox is the « Responsable du dossier » form of the debtor page's
// case block: who owns the open case, the organization's members to
// choose from, and what the last post did.
type ownerBox struct {
	Done  bool   // the owner was just saved
	Error string // translated
}

// OwnerName names the current case's owner, "" when it has none.
func (p *debtorPage) OwnerName() string {
	c := p.Case()
	if c == nil || c.OwnerID == 0 {
		return ""
	}
	for _, m := range p.Members {
		if m.UserID == c.OwnerID {
			return m.Label()
		}
	}
	// No longer a member: the id is all there is to show.
	return fmt.Sprintf("#%d", c.OwnerID)
}

// loadOwner fills what the case block's owner form needs.
func (ui *UI) loadOwner(r *http.Request, data *debtorPage) error {
	var err error
	if data.Members, err = ui.store.Members(r.Context()); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	if data.Owner.Error == "" && r.URL.Query().Get("case") == "owner" {
		data.Owner.Done = true
	}
	return nil
}

// openCaseOf is the open case among a debtor's cases, nil when none is.
func openCaseOf(cs []ledger.Case) *ledger.Case {
	for i := range cs {
		if cs[i].Open() {
			return &cs[i]
		}
	}
	return nil
}

// assignCaseOwner serves POST /debtors/{id}/case/owner: the member of the
// organization who owns the debtor's open case (owner 0 for nobody); the
// case's calls then go on their list (« mes appels »).
func (ui *UI) assignCaseOwner(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := ui.dunningTarget(r, v)
	if err != nil {
		return err
	}
	fail := func(status int, key string) error {
		return ui.renderDebtor(w, r, v, status, &debtorPage{Owner: ownerBox{Error: v.T(key)}})
	}
	owner, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("owner")), 10, 64)
	if err != nil || owner < 0 {
		return fail(http.StatusBadRequest, "dunningui.owner.err_member")
	}
	ctx := r.Context()
	cs, err := ui.store.Cases(ctx, d.ID)
	if err != nil {
		return err
	}
	c := openCaseOf(cs)
	if c == nil {
		return fail(http.StatusConflict, "dunningui.owner.err_no_case")
	}
	if err := ui.store.AssignCase(ctx, c.ID, owner); err != nil {
		var le *ledger.Error
		if errors.As(err, &le) && le.Code == ledger.EInvalid {
			return fail(http.StatusBadRequest, "dunningui.owner.err_member")
		}
		return fmt.Errorf("assign case %d: %w", c.ID, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/debtors/%d?case=owner#case", d.ID), http.StatusSeeOther)
	return nil
}

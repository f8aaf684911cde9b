package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
)

// TestCaseOwner: a case given to an agent puts its call on their list
// (« mes appels ») and names them on the debtor's page; a non-member is
// refused, a viewer may not assign, another organization's debtor is not
// found, and a debtor without an open case has no owner to take.
func TestCaseOwner(t *testing.T) {
	t.Parallel()
	b := setup(t)
	x := newTenant(t, b, "Alpha")
	planCall(t, b, x) // opens Acmé's case, with a call due today
	hash, err := auth.HashPassword(password, auth.TestParams)
	must(t, err)
	agent := &ledger.User{Email: "appels@alpha.test", Name: "Zoé Appels", PasswordHash: hash, Lang: "fr"}
	must(t, b.st.CreateUser(t.Context(), agent))
	must(t, b.st.AddMembership(t.Context(), ledger.Membership{OrgID: x.Org.ID, UserID: agent.ID, Role: "agent"}))
	owner := func() int64 {
		t.Helper()
		cs, err := b.st.Cases(x.Ctx, x.acme.ID)
		must(t, err)
		return cs[0].OwnerID
	}

	c := b.browser(t)
	c.login(agent.Email)
	page := fmt.Sprintf("/debtors/%d", x.acme.ID)
	path := page + "/case/owner"
	c.get(page).want(t, http.StatusOK, `id="owner-form"`, "Responsable du dossier\u00a0:", `<option value="0" selected>personne</option>`,
		fmt.Sprintf(`<option value="%d">Zoé Appels</option>`, agent.ID), "Admin Alpha")
	c.get("/dunning/calls?who=mine").want(t, http.StatusOK, "Aucun appel à passer aujourd’hui.")

	loc := c.post(path, url.Values{"owner": {fmt.Sprint(agent.ID)}}).redirected(t)
	if loc != page+"?case=owner#case" {
		t.Errorf("back to %s", loc)
	}
	c.get(loc).want(t, http.StatusOK, "Responsable du dossier enregistré.", "<strong>Zoé Appels</strong>",
		fmt.Sprintf(`<option value="%d" selected>Zoé Appels</option>`, agent.ID), "Dossier\u00a0: responsable désigné")
	if got := owner(); got != agent.ID {
		t.Fatalf("owner %d, want %d", got, agent.ID)
	}
	c.get("/dunning/calls?who=mine").want(t, http.StatusOK, x.acme.Name, "F2025-001").without(t, "Aucun appel à passer aujourd’hui.")

	// Someone who is not a member, or no one at all: refused, nothing
	// changes.
	y := newTenant(t, b, "Beta")
	c.post(path, url.Values{"owner": {fmt.Sprint(y.User.ID)}}).want(t, http.StatusBadRequest, "Choisissez un membre de l’organisation.")
	c.post(path, url.Values{"owner": {"moi"}}).want(t, http.StatusBadRequest, "Choisissez un membre de l’organisation.")
	if got := owner(); got != agent.ID {
		t.Fatalf("a refused owner changed the case's: %d", got)
	}

	// A debtor without an open case has no form, and a post is refused.
	dupont := fmt.Sprintf("/debtors/%d", x.dupont.ID)
	c.get(dupont).want(t, http.StatusOK).without(t, `id="owner-form"`)
	c.post(dupont+"/case/owner", url.Values{"owner": {fmt.Sprint(agent.ID)}}).want(t, http.StatusConflict, "Le débiteur n’a pas de dossier ouvert.")

	// Another organization's debtor is not found.
	other := planCall(t, b, y)
	c.post(fmt.Sprintf("/debtors/%d/case/owner", y.acme.ID), url.Values{"owner": {fmt.Sprint(agent.ID)}}).want(t, http.StatusNotFound)
	if a := actionOf(t, b, y, other.ID); a.OwnerID != 0 {
		t.Errorf("another organization's case got owner %d", a.OwnerID)
	}

	// A viewer sees who owns the case, and may not change it.
	addUser(t, b.st, x.Org.ID, "lecture@alpha.test", "viewer")
	v := b.browser(t)
	v.login("lecture@alpha.test")
	v.get(page).want(t, http.StatusOK, "<strong>Zoé Appels</strong>").without(t, `id="owner-form"`)
	v.post(path, url.Values{"owner": {"0"}}).want(t, http.StatusForbidden)
	if got := owner(); got != agent.ID {
		t.Fatalf("a viewer changed the owner: %d", got)
	}

	// « personne » leaves the case to nobody: the call leaves the list.
	c.post(path, url.Values{"owner": {"0"}}).redirected(t)
	if got := owner(); got != 0 {
		t.Fatalf("owner %d after « personne »", got)
	}
	c.get(page).want(t, http.StatusOK, `<option value="0" selected>personne</option>`)
	c.get("/dunning/calls?who=mine").want(t, http.StatusOK, "Aucun appel à passer aujourd’hui.")
}

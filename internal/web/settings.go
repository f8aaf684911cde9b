package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
)

// settingsPage is the data of the organization's settings.
type settingsPage struct {
	*view
	Legal    ledger.LegalSettings
	CanEdit  bool
	Saved    bool
	Error    string // translated
	RateText string // the contract rate as typed
	Bank     bankSettingsBox
}

func (ui *UI) showSettingsPage(w http.ResponseWriter, r *http.Request, v *view) error {
	v.Title, v.Nav = "settings.title", "settings"
	s, err := ui.store.LegalSettings(r.Context())
	if err != nil {
		return err
	}
	data := &settingsPage{view: v, Legal: s, CanEdit: v.User.Can(auth.PermManageSettings), Saved: r.URL.Query().Get("saved") == "1"}
	if s.HasContractRate {
		data.RateText = contractRateText(v.Lang, s.ContractRateBP)
	}
	if err := ui.fillBankSettings(r, v, &data.Bank, true); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "settings", data)
	return nil
}

// contractRateText writes a contract rate for its text field, without
// the percent sign.
func contractRateText(lang string, bp int64) string {
	s := rateText(lang, legalfr.BP(bp))
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "%"), "\u00a0"))
}

// saveLegalSettings serves POST /settings/legal (admins and managers).
func (ui *UI) saveLegalSettings(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermManageSettings) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not change settings", v.User.Role)
	}
	v.Title, v.Nav = "settings.title", "settings"
	s := ledger.LegalSettings{
		Year365:            r.PostFormValue("year365") != "",
		PrincipalFirst:     r.PostFormValue("principal_first") != "",
		CreditorIsConsumer: r.PostFormValue("creditor_is_consumer") != "",
		Place:              strings.TrimSpace(r.PostFormValue("place")),
		Signatory:          strings.TrimSpace(r.PostFormValue("signatory")),
		SignatoryRole:      strings.TrimSpace(r.PostFormValue("signatory_role")),
	}
	data := &settingsPage{view: v, Legal: s, CanEdit: true, RateText: r.PostFormValue("contract_rate")}
	fail := func(key string) error {
		data.Error = v.T(key)
		if err := ui.fillBankSettings(r, v, &data.Bank, true); err != nil {
			return err
		}
		ui.render(w, r, http.StatusBadRequest, "settings", data)
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("notice_days")))
	if err != nil || n < 1 || n > 90 {
		return fail("settings.err.notice_days")
	}
	s.NoticeDays = n
	if txt := strings.TrimSpace(r.PostFormValue("default_term_days")); txt != "" {
		t, err := strconv.Atoi(txt)
		if err != nil || t < 1 || t > 120 {
			return fail("settings.err.default_term_days")
		}
		s.DefaultTermDays = t
	}
	if txt := strings.TrimSpace(data.RateText); txt != "" {
		bp, err := legalfr.ParseBP(txt)
		if err != nil || bp < 0 || bp > 10000 {
			return fail("calc.err.contract_rate")
		}
		s.ContractRateBP, s.HasContractRate = int64(bp), true
	}
	data.Legal = s
	if err := ui.store.SaveLegalSettings(r.Context(), s); err != nil {
		return err
	}
	http.Redirect(w, r, "/settings?saved=1", http.StatusSeeOther)
	return nil
}

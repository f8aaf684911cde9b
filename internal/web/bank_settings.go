package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// maxFeeTolerance is the largest fee tolerance the store accepts, in
// minor units (1 000,00 €).
const maxFeeTolerance = 1000_00

// bankSettingsBox is the settings page's « Rapprochement bancaire »
// section: the matching settings as saved or typed, and the saved bank
// CSV mappings.
type bankSettingsBox struct {
	Threshold string
	Fee       string
	Mappings  []store.ImportMapping
	Saved     bool
	Deleted   string // the mapping just deleted
	Error     string // translated
}

// fillBankSettings loads the section; with fromStore the fields show the
// saved settings, else they keep what was typed.
func (ui *UI) fillBankSettings(r *http.Request, v *view, box *bankSettingsBox, fromStore bool) error {
	ctx := r.Context()
	if fromStore {
		s, err := ui.store.BankSettings(ctx)
		if err != nil {
			return fmt.Errorf("load bank settings: %w", err)
		}
		box.Threshold, box.Fee = strconv.Itoa(s.AutoThreshold), v.AmountInput(s.FeeTolerance)
	}
	ms, err := ui.store.BankMappings(ctx)
	if err != nil {
		return fmt.Errorf("list bank mappings: %w", err)
	}
	box.Mappings = ms
	q := r.URL.Query()
	box.Saved = q.Get("bank_saved") == "1"
	box.Deleted = q.Get("mapping_deleted")
	return nil
}

// saveBankSettings serves POST /settings/bank (admins and managers): the
// confidence from which a line is lettered by itself, and the bank fee a
// payer may have deducted.
func (ui *UI) saveBankSettings(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermManageSettings) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not change settings", v.User.Role)
	}
	ctx := r.Context()
	box := bankSettingsBox{Threshold: strings.TrimSpace(r.PostFormValue("auto_threshold")), Fee: strings.TrimSpace(r.PostFormValue("fee_tolerance"))}
	fail := func(msg string) error {
		box.Error = msg
		return ui.renderSettingsWithBank(w, r, v, box)
	}
	cur, err := ui.store.BankSettings(ctx)
	if err != nil {
		return fmt.Errorf("load bank settings: %w", err)
	}
	n, err := strconv.Atoi(box.Threshold)
	if err != nil || n < 50 || n > 100 {
		return fail(v.T("bankui.err.threshold"))
	}
	currency := cur.FeeTolerance.Currency
	if !currency.Valid() {
		currency = "EUR"
	}
	fee := money.New(0, currency)
	if box.Fee != "" {
		if fee, err = money.Parse(box.Fee, currency); err != nil {
			return fail(v.amountError(err))
		}
		switch {
		case fee.Minor < 0:
			return fail(v.T("bankui.err.fee_negative"))
		case fee.Minor > maxFeeTolerance:
			return fail(v.T("bankui.err.fee_large", v.Money(money.New(maxFeeTolerance, currency))))
		}
	}
	if err := ui.store.SaveBankSettings(ctx, store.BankSettings{AutoThreshold: n, FeeTolerance: fee}); err != nil {
		if _, msg, ok := v.refusal(err); ok {
			return fail(msg)
		}
		return fmt.Errorf("save bank settings: %w", err)
	}
	http.Redirect(w, r, "/settings?bank_saved=1#bank", http.StatusSeeOther)
	return nil
}

// renderSettingsWithBank shows the settings page again with the bank
// section as typed and its error.
func (ui *UI) renderSettingsWithBank(w http.ResponseWriter, r *http.Request, v *view, box bankSettingsBox) error {
	v.Title, v.Nav = "settings.title", "settings"
	s, err := ui.store.LegalSettings(r.Context())
	if err != nil {
		return err
	}
	data := &settingsPage{view: v, Legal: s, CanEdit: true, Bank: box}
	if err := ui.fillBankSettings(r, v, &data.Bank, false); err != nil {
		return err
	}
	if s.HasContractRate {
		data.RateText = contractRateText(v.Lang, s.ContractRateBP)
	}
	ui.render(w, r, http.StatusBadRequest, "settings", data)
	return nil
}

// deleteBankMapping serves POST /settings/bank/mappings/delete.
func (ui *UI) deleteBankMapping(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.Can(auth.PermManageSettings) {
		return ledger.Errorf(ledger.EForbidden, "role %q may not change settings", v.User.Role)
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if err := ui.store.DeleteBankMapping(r.Context(), name); err != nil {
		return err
	}
	http.Redirect(w, r, "/settings?mapping_deleted="+url.QueryEscape(name)+"#bank", http.StatusSeeOther)
	return nil
}

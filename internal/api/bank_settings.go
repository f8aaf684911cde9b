package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/bank/bankcsv"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// bankSettings are the organization's matching settings.
type bankSettings struct {
	AutoThreshold int        `json:"auto_threshold"`
	FeeTolerance  amount     `json:"fee_tolerance"`
	UpdatedAt     *time.Time `json:"updated_at"`
}

func toBankSettings(s store.BankSettings) bankSettings {
	out := bankSettings{AutoThreshold: s.AutoThreshold, FeeTolerance: toAmount(s.FeeTolerance)}
	if !s.UpdatedAt.IsZero() {
		t := s.UpdatedAt.UTC()
		out.UpdatedAt = &t
	}
	return out
}

// bankSettingsIn is the body of PUT /api/v1/settings/bank.
type bankSettingsIn struct {
	AutoThreshold *int    `json:"auto_threshold"`
	FeeTolerance  *string `json:"fee_tolerance"`
}

// getBankSettings serves GET /api/v1/settings/bank.
func (a *API) getBankSettings(w http.ResponseWriter, r *http.Request) error {
	s, err := a.store.BankSettings(r.Context())
	if err != nil {
		return fmt.Errorf("bank settings: %w", err)
	}
	return writeJSON(w, http.StatusOK, toBankSettings(s))
}

// putBankSettings serves PUT /api/v1/settings/bank: from which confidence
// a match applies by itself, and how much bank fee a payer may deduct.
func (a *API) putBankSettings(w http.ResponseWriter, r *http.Request) error {
	var in bankSettingsIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	cur, err := a.store.BankSettings(ctx)
	if err != nil {
		return fmt.Errorf("bank settings: %w", err)
	}
	s := store.BankSettings{}
	switch {
	case in.AutoThreshold == nil:
		return ledger.FieldError("auto_threshold", "required: a confidence from 50 to 100")
	case *in.AutoThreshold < 50 || *in.AutoThreshold > 100:
		return ledger.FieldError("auto_threshold", "want a confidence from 50 to 100, got %d", *in.AutoThreshold)
	case in.FeeTolerance == nil:
		return ledger.FieldError("fee_tolerance", `required: an amount such as "0.50", "0" for none`)
	}
	s.AutoThreshold = *in.AutoThreshold
	c := cur.FeeTolerance.Currency
	if c == "" {
		c = "EUR"
	}
	if s.FeeTolerance, err = money.Parse(*in.FeeTolerance, c); err != nil {
		return ledger.FieldError("fee_tolerance", "%v", err)
	}
	if s.FeeTolerance.Minor < 0 {
		return ledger.FieldError("fee_tolerance", "want an amount of 0 or more, got %q", *in.FeeTolerance)
	}
	if err := a.store.SaveBankSettings(ctx, s); err != nil {
		return fmt.Errorf("save bank settings: %w", err)
	}
	return a.getBankSettings(w, r)
}

// checkBankMapping refuses a mapping no statement could be read with: an
// unknown field, a column without a header, no booking date, no amount
// (amount, or debit and/or credit), a date order or currency it does not
// know.
func checkBankMapping(m bankcsv.Mapping) error {
	if err := checkColumns(m.Columns, bankcsv.Field.Valid, bankcsv.Fields()); err != nil {
		return err
	}
	has := func(f bankcsv.Field) bool { return m.Columns[f] != "" }
	switch {
	case !has(bankcsv.FieldBookingDate):
		return ledger.FieldError("columns", "the booking date needs a column (booking_date)")
	case !has(bankcsv.FieldAmount) && !has(bankcsv.FieldDebit) && !has(bankcsv.FieldCredit):
		return ledger.FieldError("columns", "an amount needs a column (amount, or debit and credit)")
	case !knownDateFormat(m.DateFormat):
		return ledger.FieldError("date_format", "want one of %s, or nothing to decide from the file; got %q",
			strings.Join(bankcsv.DateFormats, ", "), m.DateFormat)
	case m.Currency != "" && !m.Currency.Valid():
		return ledger.FieldError("currency", "want an ISO 4217 code such as EUR, got %q", m.Currency)
	}
	return nil
}

// knownDateFormat reports whether s names one of bankcsv.DateFormats,
// whatever its separators, in English or French letters (JJ/MM/AAAA).
func knownDateFormat(s string) bool {
	letters := strings.NewReplacer("J", "D", "A", "Y").Replace(strings.ToUpper(strings.TrimSpace(s)))
	if letters == "" {
		return true
	}
	bare := func(f string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r
			}
			return -1
		}, f)
	}
	for _, f := range bankcsv.DateFormats {
		if bare(letters) == bare(f) {
			return true
		}
	}
	return false
}

package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
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

// bankMapping is a saved bank CSV/Excel mapping.
type bankMapping struct {
	Name      string          `json:"name"`
	Mapping   json.RawMessage `json:"mapping"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// toBankMapping shows a saved mapping as the statement reader reads it,
// or as stored when it could not.
func toBankMapping(m store.ImportMapping) bankMapping {
	out := bankMapping{Name: m.Name, Mapping: json.RawMessage(m.Mapping), UpdatedAt: m.UpdatedAt.UTC()}
	var bm bankcsv.Mapping
	if err := json.Unmarshal(m.Mapping, &bm); err != nil {
		return out
	}
	if bm.Columns == nil {
		bm.Columns = map[bankcsv.Field]string{}
	}
	if b, err := json.Marshal(bm); err == nil {
		out.Mapping = b
	}
	return out
}

// findBankMapping returns the organization's bank mapping saved under
// name, nil when there is none.
func (a *API) findBankMapping(ctx context.Context, name string) (*store.ImportMapping, error) {
	ms, err := a.store.BankMappings(ctx)
	if err != nil {
		return nil, fmt.Errorf("list bank mappings: %w", err)
	}
	for i := range ms {
		if ms[i].Name == name {
			return &ms[i], nil
		}
	}
	return nil, nil
}

// listBankMappings serves GET /api/v1/bank-mappings, by name; the list is
// whole.
func (a *API) listBankMappings(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.store.BankMappings(r.Context())
	if err != nil {
		return fmt.Errorf("list bank mappings: %w", err)
	}
	out := list[bankMapping]{Data: make([]bankMapping, 0, len(ms))}
	for _, m := range ms {
		out.Data = append(out.Data, toBankMapping(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

// putBankMapping serves PUT /api/v1/bank-mappings/{name}: the body is the
// mapping, {"columns": {field: header, …}, "date_format": …, "currency":
// …}. 201 when the name was new, 200 when it replaced a mapping.
func (a *API) putBankMapping(w http.ResponseWriter, r *http.Request) error {
	name, err := mappingName(r)
	if err != nil {
		return err
	}
	var m bankcsv.Mapping
	if err := decodeBody(r, &m); err != nil {
		return err
	}
	if err := checkBankMapping(m); err != nil {
		return err
	}
	js, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode bank mapping %q: %w", name, err)
	}
	ctx := r.Context()
	before, err := a.findBankMapping(ctx, name)
	if err != nil {
		return err
	}
	if err := a.store.SaveBankMapping(ctx, store.ImportMapping{Name: name, Mapping: js}); err != nil {
		return fmt.Errorf("save bank mapping %q: %w", name, err)
	}
	saved, err := a.findBankMapping(ctx, name)
	if err != nil {
		return err
	}
	if saved == nil {
		return fmt.Errorf("bank mapping %q is not found after it was saved", name)
	}
	status := http.StatusOK
	if before == nil {
		status = http.StatusCreated
		w.Header().Set("Location", Prefix+"/bank-mappings/"+url.PathEscape(name))
	}
	return writeJSON(w, status, toBankMapping(*saved))
}

// deleteBankMapping serves DELETE /api/v1/bank-mappings/{name}.
func (a *API) deleteBankMapping(w http.ResponseWriter, r *http.Request) error {
	name, err := mappingName(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	m, err := a.findBankMapping(ctx, name)
	if err != nil {
		return err
	}
	if m == nil {
		return ledger.Errorf(ledger.ENotFound, "no bank mapping of that name")
	}
	if err := a.store.DeleteBankMapping(ctx, name); err != nil {
		return fmt.Errorf("delete bank mapping %q: %w", name, err)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// checkBankMapping refuses a mapping no statement could be read with: an
// unknown field, a column without a header, no booking date, no amount
// (amount, or debit and/or credit), a date order or currency it does not
// know.
func checkBankMapping(m bankcsv.Mapping) error {
	fields := make([]string, 0, len(m.Columns))
	for f := range m.Columns {
		fields = append(fields, string(f))
	}
	slices.Sort(fields)
	for _, f := range fields {
		field := bankcsv.Field(f)
		if !field.Valid() {
			known := make([]string, 0, len(bankcsv.Fields()))
			for _, fi := range bankcsv.Fields() {
				known = append(known, string(fi))
			}
			return ledger.FieldError("columns", "unknown field %q: want one of %s", f, strings.Join(known, ", "))
		}
		if strings.TrimSpace(m.Columns[field]) == "" {
			return ledger.FieldError("columns."+f, "the column's header is empty")
		}
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

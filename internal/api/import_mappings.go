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
	"unicode"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/importer/tabular"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// maxMappingName is the longest name the store keeps for a mapping, in
// bytes.
const maxMappingName = 100

// importMapping is a saved column mapping.
type importMapping struct {
	Name      string          `json:"name"`
	Mapping   json.RawMessage `json:"mapping"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// toImportMapping shows a saved mapping as the importer reads it: the
// stored JSON is decoded and encoded again, so that the answer has the
// documented shape whoever saved it. JSON the importer could not read is
// shown as stored.
func toImportMapping(m store.ImportMapping) importMapping {
	out := importMapping{Name: m.Name, Mapping: json.RawMessage(m.Mapping), UpdatedAt: m.UpdatedAt.UTC()}
	var tm tabular.Mapping
	if err := json.Unmarshal(m.Mapping, &tm); err != nil {
		return out
	}
	if tm.Columns == nil {
		tm.Columns = map[tabular.Field]string{}
	}
	if b, err := json.Marshal(tm); err == nil {
		out.Mapping = b
	}
	return out
}

// findMapping returns the organization's mapping saved under name, nil
// when there is none.
func (a *API) findMapping(ctx context.Context, name string) (*store.ImportMapping, error) {
	ms, err := a.store.ImportMappings(ctx)
	if err != nil {
		return nil, fmt.Errorf("list import mappings: %w", err)
	}
	for i := range ms {
		if ms[i].Name == name {
			return &ms[i], nil
		}
	}
	return nil, nil
}

// listImportMappings serves GET /api/v1/import-mappings, by name. The
// list is short and whole: next_cursor is always null.
func (a *API) listImportMappings(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.store.ImportMappings(r.Context())
	if err != nil {
		return fmt.Errorf("list import mappings: %w", err)
	}
	out := list[importMapping]{Data: make([]importMapping, 0, len(ms))}
	for _, m := range ms {
		out.Data = append(out.Data, toImportMapping(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

// putImportMapping serves PUT /api/v1/import-mappings/{name}: the body is
// the mapping, {"columns": {field: header, …}, "currency": "EUR"}. 201
// when the name was new, 200 when it replaced a mapping.
func (a *API) putImportMapping(w http.ResponseWriter, r *http.Request) error {
	name, err := mappingName(r)
	if err != nil {
		return err
	}
	var m tabular.Mapping
	if err := decodeBody(r, &m); err != nil {
		return err
	}
	if err := checkMapping(m); err != nil {
		return err
	}
	js, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode mapping %q: %w", name, err)
	}
	ctx := r.Context()
	before, err := a.findMapping(ctx, name)
	if err != nil {
		return err
	}
	if err := a.store.SaveImportMapping(ctx, store.ImportMapping{Name: name, Mapping: js}); err != nil {
		return fmt.Errorf("save import mapping %q: %w", name, err)
	}
	saved, err := a.findMapping(ctx, name)
	if err != nil {
		return err
	}
	if saved == nil {
		return fmt.Errorf("import mapping %q is not found after it was saved", name)
	}
	status := http.StatusOK
	if before == nil {
		status = http.StatusCreated
		w.Header().Set("Location", Prefix+"/import-mappings/"+url.PathEscape(name))
	}
	return writeJSON(w, status, toImportMapping(*saved))
}

// deleteImportMapping serves DELETE /api/v1/import-mappings/{name}.
func (a *API) deleteImportMapping(w http.ResponseWriter, r *http.Request) error {
	name, err := mappingName(r)
	if err != nil {
		return err
	}
	if err := a.store.DeleteImportMapping(r.Context(), name); err != nil {
		return fmt.Errorf("delete import mapping %q: %w", name, err)
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// mappingName reads the {name} of a mapping's path: what the store keeps
// as it is, so no spaces around it, no control characters, 1 to 100 bytes.
func mappingName(r *http.Request) (string, error) {
	name := r.PathValue("name")
	switch {
	case name == "" || len(name) > maxMappingName:
		return "", ledger.FieldError("name", "want 1 to %d bytes, got %d", maxMappingName, len(name))
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", ledger.FieldError("name", "want printable UTF-8 text")
	case strings.TrimSpace(name) != name:
		return "", ledger.FieldError("name", "want no spaces around the name, got %q", name)
	}
	return name, nil
}

// checkMapping refuses a mapping the importer could never apply: an
// unknown field, a column without a header, no column for the invoice
// number, an amount or the debtor, a currency that is not an ISO code.
func checkMapping(m tabular.Mapping) error {
	fields := make([]string, 0, len(m.Columns))
	for f := range m.Columns {
		fields = append(fields, string(f))
	}
	slices.Sort(fields)
	for _, f := range fields {
		field := tabular.Field(f)
		if !field.Valid() {
			known := make([]string, 0, len(tabular.Fields()))
			for _, fi := range tabular.Fields() {
				known = append(known, string(fi.Field))
			}
			return ledger.FieldError("columns", "unknown field %q: want one of %s", f, strings.Join(known, ", "))
		}
		if strings.TrimSpace(m.Columns[field]) == "" {
			return ledger.FieldError("columns."+f, "the column's header is empty")
		}
	}
	has := func(fs ...tabular.Field) bool {
		for _, f := range fs {
			if _, ok := m.Columns[f]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case !has(tabular.FieldNumber):
		return ledger.FieldError("columns", "the invoice number needs a column (number)")
	case !has(tabular.FieldAmount, tabular.FieldOpen, tabular.FieldDebit, tabular.FieldCredit):
		return ledger.FieldError("columns", "an amount needs a column (amount, open, debit or credit)")
	case !has(tabular.FieldDebtorRef, tabular.FieldDebtorName):
		return ledger.FieldError("columns", "the debtor needs a column (debtor_ref or debtor_name)")
	}
	if m.Currency != "" && !m.Currency.Valid() {
		return ledger.FieldError("currency", "want an ISO 4217 code such as EUR, got %q", m.Currency)
	}
	return nil
}

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
	"github.com/recouvre/recouvre/internal/importer/tabular"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// savedMapping is a column mapping saved under a name.
type savedMapping struct {
	Name      string          `json:"name"`
	Mapping   json.RawMessage `json:"mapping"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// mappingKind is one kind of saved column mapping — the receivables
// importer's or the bank statement reader's — served alike.
type mappingKind struct {
	what   string // "import mapping", in errors
	path   string // under Prefix, with a trailing slash
	list   func(context.Context) ([]store.ImportMapping, error)
	save   func(context.Context, store.ImportMapping) error
	remove func(context.Context, string) error
	// read decodes and checks a request's mapping, and encodes it as it
	// is stored.
	read func(*http.Request) ([]byte, error)
	// show decodes stored JSON and encodes it again, so that the answer
	// has the documented shape whoever saved it; false leaves it as
	// stored.
	show func([]byte) ([]byte, bool)
}

// importMappings are the receivables importer's mappings.
func (a *API) importMappings() mappingKind {
	return mappingKind{what: "import mapping", path: "/import-mappings/",
		list: a.store.ImportMappings, save: a.store.SaveImportMapping, remove: a.store.DeleteImportMapping,
		read: func(r *http.Request) ([]byte, error) { return readMapping(r, checkMapping) },
		show: func(b []byte) ([]byte, bool) {
			return reencode(b, func(m *tabular.Mapping) {
				if m.Columns == nil {
					m.Columns = map[tabular.Field]string{}
				}
			})
		}}
}

// bankMappings are the bank statement reader's mappings.
func (a *API) bankMappings() mappingKind {
	return mappingKind{what: "bank mapping", path: "/bank-mappings/",
		list: a.store.BankMappings, save: a.store.SaveBankMapping, remove: a.store.DeleteBankMapping,
		read: func(r *http.Request) ([]byte, error) { return readMapping(r, checkBankMapping) },
		show: func(b []byte) ([]byte, bool) {
			return reencode(b, func(m *bankcsv.Mapping) {
				if m.Columns == nil {
					m.Columns = map[bankcsv.Field]string{}
				}
			})
		}}
}

// readMapping decodes a request's mapping of type T, checks it and
// encodes it.
func readMapping[T any](r *http.Request, check func(T) error) ([]byte, error) {
	var m T
	if err := decodeBody(r, &m); err != nil {
		return nil, err
	}
	if err := check(m); err != nil {
		return nil, err
	}
	return json.Marshal(m)
}

// reencode decodes b as a T, lets fix complete it, and encodes it again.
func reencode[T any](b []byte, fix func(*T)) ([]byte, bool) {
	var m T
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, false
	}
	fix(&m)
	out, err := json.Marshal(m)
	return out, err == nil
}

// toJSON shows a saved mapping.
func (k mappingKind) toJSON(m store.ImportMapping) savedMapping {
	out := savedMapping{Name: m.Name, Mapping: json.RawMessage(m.Mapping), UpdatedAt: m.UpdatedAt.UTC()}
	if b, ok := k.show(m.Mapping); ok {
		out.Mapping = b
	}
	return out
}

// find returns the mapping saved under name, nil when there is none.
func (k mappingKind) find(ctx context.Context, name string) (*store.ImportMapping, error) {
	ms, err := k.list(ctx)
	if err != nil {
		return nil, fmt.Errorf("list %ss: %w", k.what, err)
	}
	for i := range ms {
		if ms[i].Name == name {
			return &ms[i], nil
		}
	}
	return nil, nil
}

// listMappings answers the whole list, by name (next_cursor is always
// null: the list is short).
func listMappings(w http.ResponseWriter, r *http.Request, k mappingKind) error {
	ms, err := k.list(r.Context())
	if err != nil {
		return fmt.Errorf("list %ss: %w", k.what, err)
	}
	out := list[savedMapping]{Data: make([]savedMapping, 0, len(ms))}
	for _, m := range ms {
		out.Data = append(out.Data, k.toJSON(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

// putMapping saves the body under the path's name: 201 when the name was
// new, 200 when it replaced a mapping.
func putMapping(w http.ResponseWriter, r *http.Request, k mappingKind) error {
	name, err := mappingName(r)
	if err != nil {
		return err
	}
	js, err := k.read(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	before, err := k.find(ctx, name)
	if err != nil {
		return err
	}
	if err := k.save(ctx, store.ImportMapping{Name: name, Mapping: js}); err != nil {
		return fmt.Errorf("save %s %q: %w", k.what, name, err)
	}
	saved, err := k.find(ctx, name)
	if err != nil {
		return err
	}
	if saved == nil {
		return fmt.Errorf("%s %q is not found after it was saved", k.what, name)
	}
	status := http.StatusOK
	if before == nil {
		status = http.StatusCreated
		w.Header().Set("Location", Prefix+k.path+url.PathEscape(name))
	}
	return writeJSON(w, status, k.toJSON(*saved))
}

// deleteMapping deletes the path's mapping: 204, or 404 when there is
// none of that name.
func deleteMapping(w http.ResponseWriter, r *http.Request, k mappingKind) error {
	name, err := mappingName(r)
	if err != nil {
		return err
	}
	if err := k.remove(r.Context(), name); err != nil {
		return fmt.Errorf("delete %s %q: %w", k.what, name, err)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listImportMappings serves GET /api/v1/import-mappings.
func (a *API) listImportMappings(w http.ResponseWriter, r *http.Request) error {
	return listMappings(w, r, a.importMappings())
}

// putImportMapping serves PUT /api/v1/import-mappings/{name}: the body is
// the mapping, {"columns": {field: header, …}, "currency": "EUR"}.
func (a *API) putImportMapping(w http.ResponseWriter, r *http.Request) error {
	return putMapping(w, r, a.importMappings())
}

// deleteImportMapping serves DELETE /api/v1/import-mappings/{name}.
func (a *API) deleteImportMapping(w http.ResponseWriter, r *http.Request) error {
	return deleteMapping(w, r, a.importMappings())
}

// listBankMappings serves GET /api/v1/bank-mappings.
func (a *API) listBankMappings(w http.ResponseWriter, r *http.Request) error {
	return listMappings(w, r, a.bankMappings())
}

// putBankMapping serves PUT /api/v1/bank-mappings/{name}: the body is the
// mapping, {"columns": {field: header, …}, "date_format": …, "currency":
// …}.
func (a *API) putBankMapping(w http.ResponseWriter, r *http.Request) error {
	return putMapping(w, r, a.bankMappings())
}

// deleteBankMapping serves DELETE /api/v1/bank-mappings/{name}.
func (a *API) deleteBankMapping(w http.ResponseWriter, r *http.Request) error {
	return deleteMapping(w, r, a.bankMappings())
}

// checkColumns refuses a mapping's columns when a field is unknown or a
// header empty, in the fields' order.
func checkColumns[F ~string](cols map[F]string, valid func(F) bool, known []F) error {
	fields := make([]string, 0, len(cols))
	for f := range cols {
		fields = append(fields, string(f))
	}
	slices.Sort(fields)
	for _, f := range fields {
		if !valid(F(f)) {
			names := make([]string, 0, len(known))
			for _, k := range known {
				names = append(names, string(k))
			}
			return ledger.FieldError("columns", "unknown field %q: want one of %s", f, strings.Join(names, ", "))
		}
		if strings.TrimSpace(cols[F(f)]) == "" {
			return ledger.FieldError("columns."+f, "the column's header is empty")
		}
	}
	return nil
}

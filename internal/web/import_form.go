package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/tabular"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// maxFormColumns bounds the columns and the new debtors a preview form
// may post back.
const maxFormColumns = 1000

// importForm is what the upload form and the preview form say about an
// import: the options, and once a preview was shown, the column mapping
// and the debtor kinds the user confirmed.
type importForm struct {
	Format      string // "auto" or a receivable.Format
	CreditorID  int64
	Snapshot    bool
	SkipInvalid bool
	// MappingName is the saved mapping the import started from ("" when
	// none), kept in the history.
	MappingName string
	// Mapping is the mapping to apply; nil lets the importer recognise
	// the headers.
	Mapping *tabular.Mapping
	// Kinds are the debtor kinds the user chose or confirmed, by debtor
	// key (importer.DebtorKey).
	Kinds map[string]ledger.DebtorKind
	// Twice names the fields chosen for more than one column (only the
	// first column is kept).
	Twice []tabular.Field
}

// parseImportForm reads the options of an upload or a preview form
// (r.ParseForm or r.ParseMultipartForm has run). A saved mapping named
// without a mapping in the form is loaded from the store.
func (ui *UI) parseImportForm(ctx context.Context, r *http.Request) (importForm, error) {
	f := importForm{
		Format:      strings.TrimSpace(r.FormValue("format")),
		Snapshot:    r.FormValue("snapshot") != "",
		SkipInvalid: r.FormValue("skip_invalid") != "",
		MappingName: strings.TrimSpace(r.FormValue("mapping_name")),
		Kinds:       map[string]ledger.DebtorKind{},
	}
	if f.Format == "" {
		f.Format = "auto"
	}
	if f.Format != "auto" && !receivable.Format(f.Format).Valid() {
		return f, ledger.FieldError("format", "unknown format %q", f.Format)
	}
	if s := strings.TrimSpace(r.FormValue("creditor")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return f, ledger.FieldError("creditor", "malformed creditor id %q", s)
		}
		f.CreditorID = id
	}
	if r.FormValue("has_mapping") != "" {
		f.Mapping = mappingFromForm(r, &f)
	} else if f.MappingName != "" {
		m, err := ui.savedMapping(ctx, f.MappingName)
		if err != nil {
			return f, err
		}
		f.Mapping = m
	}
	for i := range maxFormColumns {
		key := r.FormValue(fmt.Sprintf("dk%d", i))
		if key == "" {
			break
		}
		kind := ledger.DebtorKind(r.FormValue(fmt.Sprintf("dv%d", i)))
		if !kind.Valid() {
			continue
		}
		// A kind counts as the user's when it differs from the one the
		// page showed, or when the user had already set it: a guess left
		// alone stays a guess in the journal.
		if string(kind) != r.FormValue(fmt.Sprintf("dg%d", i)) || r.FormValue(fmt.Sprintf("dc%d", i)) != "" {
			f.Kinds[key] = kind
		}
	}
	return f, nil
}

// importFormError is the catalogue key that explains a form refused by
// parseImportForm.
func importFormError(err error) string {
	var e *ledger.Error
	if errors.As(err, &e) && e.Field == "mapping_name" {
		return "imports.err.mapping_unknown"
	}
	return "imports.err.options"
}

// mappingFromForm builds the mapping of a preview's column selects: hN
// is the header of column N, cN the field chosen for it.
func mappingFromForm(r *http.Request, f *importForm) *tabular.Mapping {
	m := &tabular.Mapping{Columns: map[tabular.Field]string{}}
	if c := strings.TrimSpace(r.FormValue("currency")); c != "" {
		m.Currency = money.Currency(strings.ToUpper(c))
	}
	for i := range maxFormColumns {
		header, ok := r.Form[fmt.Sprintf("h%d", i)]
		if !ok {
			break
		}
		field := tabular.Field(r.FormValue(fmt.Sprintf("c%d", i)))
		if len(header) == 0 || strings.TrimSpace(header[0]) == "" || field == "" || !field.Valid() {
			continue
		}
		if _, taken := m.Columns[field]; taken {
			f.Twice = append(f.Twice, field)
			continue
		}
		m.Set(field, header[0])
	}
	return m
}

// savedMapping loads a mapping saved under name.
func (ui *UI) savedMapping(ctx context.Context, name string) (*tabular.Mapping, error) {
	ms, err := ui.store.ImportMappings(ctx)
	if err != nil {
		return nil, fmt.Errorf("load saved mappings: %w", err)
	}
	for _, sm := range ms {
		if sm.Name != name {
			continue
		}
		var m tabular.Mapping
		if err := json.Unmarshal(sm.Mapping, &m); err != nil {
			return nil, fmt.Errorf("saved mapping %q: %w", name, err)
		}
		return &m, nil
	}
	return nil, ledger.FieldError("mapping_name", "no mapping is saved under %q", name)
}

// options are the importer's options for this form.
func (f importForm) options(fileName string, today civil.Date, dryRun bool) (importer.Options, error) {
	o := importer.Options{CreditorID: f.CreditorID, Snapshot: f.Snapshot, SkipInvalid: f.SkipInvalid, DryRun: dryRun,
		FileName: fileName, MappingName: f.MappingName, Kinds: f.Kinds, Today: today, PreviewRows: previewRows}
	if f.Format != "auto" {
		o.Format = receivable.Format(f.Format)
	}
	if f.Mapping != nil {
		b, err := json.Marshal(f.Mapping)
		if err != nil {
			return o, fmt.Errorf("encode the column mapping: %w", err)
		}
		o.Mapping = b
	}
	return o, nil
}

// creditorChoice checks the creditor the form names against the
// organization's, the first when the form names none.
func creditorChoice(cs []ledger.Creditor, id int64) (int64, error) {
	if len(cs) == 0 {
		return 0, importer.ErrNoCreditor
	}
	if id == 0 {
		return cs[0].ID, nil
	}
	for _, c := range cs {
		if c.ID == id {
			return id, nil
		}
	}
	return 0, ledger.Errorf(ledger.ENotFound, "no creditor %d", id)
}

// listCreditors is the organization's creditors, wrapped for the pages.
func (ui *UI) listCreditors(ctx context.Context) ([]ledger.Creditor, error) {
	cs, err := ui.store.ListCreditors(ctx)
	if err != nil {
		return nil, fmt.Errorf("list creditors: %w", err)
	}
	return cs, nil
}

// importMappings lists the saved mappings for a select.
func (ui *UI) importMappings(ctx context.Context) ([]store.ImportMapping, error) {
	ms, err := ui.store.ImportMappings(ctx)
	if err != nil {
		return nil, fmt.Errorf("list saved mappings: %w", err)
	}
	return ms, nil
}

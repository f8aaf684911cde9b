package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/tabular"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// previewRows is how many rows of a table the preview shows.
const previewRows = 10

// previewPage is the data of an import's preview: what the dry run found,
// the columns to map, the new customers to check.
type previewPage struct {
	*view
	Token     string
	FileName  string
	Form      importForm
	Report    *importer.Report
	Creditor  string // the creditor's name, when the organization has several
	Encoding  string
	Delimiter string
	// Tabular: the file is a CSV or an Excel workbook, whose columns the
	// user maps.
	Tabular bool
	Columns []previewColumn
	Rows    [][]string // as read, one cell per column
	Fields  []tabular.FieldInfo
	Debtors []previewDebtor
	Kinds   []ledger.DebtorKind
	// Currency is the mapping's currency, posted back as it came.
	Currency   string
	CanWrite   bool
	CanConfirm bool
	Notice     string // translated
	Alert      string // translated
}

// previewColumn is one column of the file with the field mapped to it.
type previewColumn struct {
	Index  int
	Header string
	Field  tabular.Field
	// Twin: an earlier column has the same header, and a mapping, which
	// names columns by their header, cannot point at this one.
	Twin bool
}

// previewDebtor is a customer the import creates, with the kind to check.
type previewDebtor struct {
	importer.NewDebtor
	// Chosen: the user set the kind in an earlier preview.
	Chosen bool
}

// previewMessages is what a preview says besides the dry run.
type previewMessages struct {
	Status int    // 200 when zero
	Notice string // translated
	Alert  string // translated
}

// SourceKey is the catalogue key of where a new customer's kind comes from.
func (p *previewPage) SourceKey(d previewDebtor) string {
	if d.Chosen {
		return "imports.kind_source.user"
	}
	return "imports.kind_source." + string(d.KindSource)
}

// Guessed reports whether the kind was inferred and not yet confirmed.
func (p *previewPage) Guessed(d previewDebtor) bool {
	return !d.Chosen && d.KindSource == receivable.KindInferred
}

// Nothing reports whether confirming would change nothing.
func (p *previewPage) Nothing() bool {
	r := p.Report
	return r.Created+r.Updated+r.Settled == 0
}

// TwiceNames lists, translated, the fields chosen for several columns.
func (p *previewPage) TwiceNames() string {
	var names []string
	for _, f := range p.Form.Twice {
		names = append(names, p.T("imports.quoted", p.T(f.LabelKey())))
	}
	return strings.Join(names, ", ")
}

// recalculateImport serves POST /imports/preview: the same file again with
// the mapping, the kinds and the options of the preview form.
func (ui *UI) recalculateImport(w http.ResponseWriter, r *http.Request, v *view) error {
	up, f, err := ui.previewForm(w, r, v)
	if errors.Is(err, errRendered) {
		return nil
	}
	if err != nil {
		return err
	}
	return ui.preview(w, r, v, up, f, previewMessages{})
}

// errRendered says a handler's helper already answered the request (a
// form shown again with its error).
var errRendered = errors.New("web: page already rendered")

// rendered is errRendered once a page was rendered without error.
func rendered(err error) error {
	if err != nil {
		return err
	}
	return errRendered
}

// previewForm reads a preview form and the upload it names. A form that
// cannot be used is answered here, and errRendered returned.
func (ui *UI) previewForm(w http.ResponseWriter, r *http.Request, v *view) (*store.ImportUpload, importForm, error) {
	if !v.User.Can(auth.PermWriteLedger) {
		return nil, importForm{}, ledger.Errorf(ledger.EForbidden, "role %q may not import", v.User.Role)
	}
	if err := r.ParseForm(); err != nil {
		return nil, importForm{}, ledger.FieldError("form", "unreadable form: %v", err)
	}
	ctx := r.Context()
	f, err := ui.parseImportForm(ctx, r)
	if ledger.ErrorCode(err) == ledger.EInvalid {
		return nil, f, rendered(ui.renderImports(w, r, v, http.StatusBadRequest, &importsPage{Form: f, Error: v.T(importFormError(err))}))
	}
	if err != nil {
		return nil, f, err
	}
	up, err := ui.store.ImportUpload(ctx, r.PostFormValue("token"))
	if ledger.IsNotFound(err) {
		return nil, f, rendered(ui.renderImports(w, r, v, http.StatusNotFound, &importsPage{Form: f, Error: v.T("imports.err.gone")}))
	}
	if err != nil {
		return nil, f, fmt.Errorf("load upload: %w", err)
	}
	return up, f, nil
}

// preview dry-runs the upload with the form's options and shows it.
func (ui *UI) preview(w http.ResponseWriter, r *http.Request, v *view, up *store.ImportUpload, f importForm, msg previewMessages) error {
	o, err := f.options(up.FileName, v.Today, true)
	if err != nil {
		return err
	}
	rep, err := importer.Run(r.Context(), ui.store, bytes.NewReader(up.Data), o)
	if err != nil {
		return ui.runFailed(w, r, v, f, err)
	}
	return ui.renderPreview(w, r, v, up, f, rep, msg)
}

// runFailed answers an import the importer would not start: no creditor
// yet, or options it refuses.
func (ui *UI) runFailed(w http.ResponseWriter, r *http.Request, v *view, f importForm, err error) error {
	switch {
	case errors.Is(err, importer.ErrNoCreditor):
		return ui.renderImports(w, r, v, http.StatusBadRequest, &importsPage{Form: f, Error: v.T("imports.err.no_creditor")})
	case ledger.ErrorCode(err) == ledger.EInvalid:
		ui.log.WarnContext(r.Context(), "import refused", "err", err)
		var e *ledger.Error
		if errors.As(err, &e) && (e.Field == "format" || e.Field == "mapping") {
			return ui.renderImports(w, r, v, http.StatusBadRequest, &importsPage{Form: f, Error: v.T("imports.err.options")})
		}
		// A record the ledger refuses, that the parser let through.
		return ui.renderImports(w, r, v, http.StatusUnprocessableEntity, &importsPage{Form: f, Error: v.T("imports.err.rejected", err.Error())})
	}
	return fmt.Errorf("import: %w", err)
}

// renderPreview shows the report of a dry run (or of a refused import).
func (ui *UI) renderPreview(w http.ResponseWriter, r *http.Request, v *view, up *store.ImportUpload, f importForm, rep *importer.Report, msg previewMessages) error {
	v.Title, v.Nav = "imports.preview_title", "imports"
	ctx := r.Context()
	data := &previewPage{view: v, Token: up.Token, FileName: up.FileName, Form: f, Report: rep,
		Encoding: rep.Encoding, Delimiter: rep.Delimiter, Notice: msg.Notice, Alert: msg.Alert,
		Kinds: []ledger.DebtorKind{ledger.KindConsumer, ledger.KindBusiness, ledger.KindPublic}}
	data.CanWrite = v.User.Can(auth.PermWriteLedger)
	data.CanConfirm = data.CanWrite && (rep.ErrorCount == 0 || f.SkipInvalid)
	cs, err := ui.listCreditors(ctx)
	if err != nil {
		return err
	}
	if len(cs) > 1 {
		data.Creditor = creditorName(cs, f.CreditorID)
	}
	for _, d := range rep.NewDebtors {
		_, chosen := f.Kinds[d.Key]
		data.Debtors = append(data.Debtors, previewDebtor{NewDebtor: d, Chosen: chosen})
	}
	format := receivable.Format(rep.Format)
	data.Tabular = format == receivable.FormatCSV || format == receivable.FormatXLSX
	data.layOut(rep.Header, rep.Preview, f.Mapping)
	status := msg.Status
	if status == 0 {
		status = http.StatusOK
	}
	ui.render(w, r, status, "import_preview", data)
	return nil
}

// layOut lines up the preview's columns and rows; for a table, each
// column shows the field mapped to it: the form's mapping, else the one
// the headers suggest.
func (p *previewPage) layOut(header []string, rows [][]string, m *tabular.Mapping) {
	width := len(header)
	for _, row := range rows {
		width = max(width, len(row))
	}
	if width == 0 {
		return
	}
	if p.Tabular {
		p.Fields = tabular.Fields()
		if m == nil {
			detected := tabular.DetectMapping(header)
			m = &detected
		}
		p.Currency = string(m.Currency)
	}
	seen := map[string]bool{}
	for i := range width {
		c := previewColumn{Index: i}
		if i < len(header) {
			c.Header = header[i]
		}
		// A header met again is a column the mapping cannot name: only
		// the first of the same name is read.
		name := strings.TrimSpace(c.Header)
		switch {
		case name == "":
		case seen[name]:
			c.Twin = true
		case p.Tabular:
			c.Field = m.FieldOf(c.Header)
		}
		seen[name] = true
		p.Columns = append(p.Columns, c)
	}
	for _, row := range rows {
		cells := make([]string, width)
		copy(cells, row)
		p.Rows = append(p.Rows, cells)
	}
}

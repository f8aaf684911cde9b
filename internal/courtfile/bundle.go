package courtfile

import (
	"archive/zip"
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// File is what Bundle needs to write a court file.
type File struct {
	Case      Case
	Procedure Procedure
	Exhibits  []Exhibit
	// Place is the town of « fait à … »; the creditor's city when empty.
	Place string
	// Date is the day of « le … »; Case.On when zero.
	Date civil.Date
}

// The fixed names of the ZIP's entries. Exhibits go under ExhibitDir.
const (
	IndexHTML     = "index.html"
	IndexText     = "index.txt"
	RequestHTML   = "request.html"    // injonction de payer
	RequestText   = "request.txt"     // injonction de payer
	CoverNoteHTML = "cover-note.html" // L126-1 and L125-1: to the commissaire de justice
	CoverNoteText = "cover-note.txt"
	CaseJSON      = "case.json"
	ExhibitDir    = "pieces/"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// The templates are parsed once, at start: a broken template is a build
// error that the tests catch, not a failure in front of a user.
var (
	htmlTemplates = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/*.html.tmpl"))
	textTemplates = texttemplate.Must(texttemplate.ParseFS(templateFS, "templates/*.txt.tmpl"))
)

// Bundle writes the court file for f as one ZIP to w:
//
//   - index.html and index.txt: the case, the procedure and the court, the
//     amounts invoice by invoice with the interest periods, and the
//     numbered exhibits, missing ones flagged — in French, printable, with
//     no external resource;
//   - for an injonction de payer, request.html and request.txt: the data of
//     the request in the order of the Cerfa form (CPC 1407: the parties,
//     the amount claimed with the breakdown of its elements and its basis,
//     the exhibits); for the L126-1 and L125-1 procedures, cover-note.html
//     and cover-note.txt: the letter to the commissaire de justice;
//   - case.json: the same data for machines, amounts as decimal strings;
//   - pieces/NN-name.ext: each exhibit that has content, as given.
//
// It refuses a procedure that Procedures says is unavailable for the case,
// with the reasons, rather than produce a request the judge would reject.
// Errors about the input are *ledger.Error with code invalid, returned
// before anything is written; after a write error, what reached w is not
// a valid ZIP and must be discarded.
func Bundle(w io.Writer, f File) error {
	if err := f.Case.Validate(); err != nil {
		return err
	}
	if !f.Procedure.Valid() {
		return ledger.FieldError("procedure", "unknown procedure %q", f.Procedure)
	}
	opts := Procedures(f.Case)
	opt, _ := Find(opts, f.Procedure)
	if !opt.Available {
		codes := make([]string, len(opt.Reasons))
		for i, r := range opt.Reasons {
			codes[i] = r.Code
		}
		return ledger.FieldError("procedure", "%s is not available for this case: %s", f.Procedure, strings.Join(codes, ", "))
	}
	exhibits, err := numbered(f.Exhibits)
	if err != nil {
		return err
	}
	if f.Date.IsZero() {
		f.Date = f.Case.On
	}
	if strings.TrimSpace(f.Place) == "" {
		f.Place = f.Case.Creditor.Address.City
	}
	v, err := newView(f, opts, exhibits)
	if err != nil {
		return err
	}
	letterName := [2]string{RequestHTML, RequestText}
	if f.Procedure != InjonctionDePayer {
		letterName = [2]string{CoverNoteHTML, CoverNoteText}
	}
	js, err := caseJSON(f, v, exhibits)
	if err != nil {
		return err
	}
	z := newZipWriter(w, f.Date)
	z.template(IndexHTML, htmlTemplates, "index.html.tmpl", v)
	z.template(IndexText, textTemplates, "index.txt.tmpl", v)
	z.template(letterName[0], htmlTemplates, "letter.html.tmpl", v.Letter)
	z.template(letterName[1], textTemplates, "letter.txt.tmpl", v.Letter)
	z.file(CaseJSON, js)
	for i, e := range exhibits {
		if !e.IsMissing() {
			z.file(v.Exhibits[i].Path, e.Content)
		}
	}
	return z.close()
}

// executor is what html/template and text/template have in common.
type executor interface {
	ExecuteTemplate(w io.Writer, name string, data any) error
}

// zipWriter writes entries and keeps the first error, so that Bundle reads
// as the list of what the file holds.
type zipWriter struct {
	zw  *zip.Writer
	mod time.Time
	err error
}

func newZipWriter(w io.Writer, d civil.Date) *zipWriter {
	// Every entry carries the file's date, never the clock's: the same
	// file gives the same bytes, which makes it easy to check.
	return &zipWriter{zw: zip.NewWriter(w), mod: time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)}
}

func (z *zipWriter) template(name string, t executor, tmpl string, data any) {
	if z.err != nil {
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, tmpl, data); err != nil {
		z.err = fmt.Errorf("courtfile: render %s: %w", name, err)
		return
	}
	z.file(name, b.Bytes())
}

func (z *zipWriter) file(name string, content []byte) {
	if z.err != nil {
		return
	}
	fw, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mod})
	if err == nil {
		_, err = fw.Write(content)
	}
	if err != nil {
		z.err = fmt.Errorf("courtfile: write %s: %w", name, err)
	}
}

func (z *zipWriter) close() error {
	if z.err != nil {
		return z.err
	}
	if err := z.zw.Close(); err != nil {
		return fmt.Errorf("courtfile: close zip: %w", err)
	}
	return nil
}

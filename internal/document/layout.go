package document

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-pdf/fpdf"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// Page geometry in millimetres. The recipient block sits where the window
// of a French DL envelope (window on the right) shows it.
const (
	pageH      = 297.0
	margin     = 20.0
	bodyW      = 210.0 - 2*margin
	footerH    = 18.0 // room kept at the bottom for the footer
	lineH      = 4.8
	fontSize   = 9.5
	recipientX = 110.0
	recipientW = 210.0 - margin - recipientX
	recipientY = 48.0
	family     = "dejavu"
	pageAlias  = "{nb}"
)

// writer lays out one document. Every document shares its header, party
// blocks, paragraphs, tables and footer, so the three letters look alike
// and a layout fix reaches all of them.
type writer struct {
	pdf  *fpdf.Fpdf
	lang string
}

// meta is what the footer and the PDF's properties say about a document.
type meta struct {
	title     string
	reference string
	author    string
	date      civil.Date
}

// newWriter starts an A4 document in lang with its first page open.
func newWriter(lang string, m meta) *writer {
	p := fpdf.New("P", "mm", "A4", "")
	w := &writer{pdf: p, lang: i18n.Normalize(lang)}
	p.AddUTF8FontFromBytes(family, "", dejavusans.TTF)
	p.AddUTF8FontFromBytes(family, "B", dejavusansbold.TTF)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, footerH)
	p.AliasNbPages(pageAlias)
	// Fixed dates and a sorted catalogue make the bytes a function of the
	// input, so a letter can be rendered again and compared.
	at := m.date.Time(civil.Paris)
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetCatalogSort(true)
	p.SetTitle(m.title, true)
	p.SetAuthor(m.author, true)
	p.SetCreator("recouvre", true)
	p.SetLang(w.lang)
	p.SetFooterFunc(func() { w.footer(m) })
	p.AddPage()
	w.font("", fontSize)
	return w
}

// footer prints the title and reference on the left and « Page n/N » on
// the right of every page, so that a loose page can be put back in order.
func (w *writer) footer(m meta) {
	p := w.pdf
	p.SetY(-footerH + 6)
	w.font("", 7.5)
	p.SetTextColor(90, 90, 90)
	left := m.title
	if m.reference != "" {
		left += " — " + w.t("common.ref") + " " + m.reference
	}
	p.CellFormat(bodyW*0.75, lineH, left, "T", 0, "L", false, 0, "")
	page := w.t("common.page", p.PageNo(), pageAlias)
	p.CellFormat(bodyW*0.25, lineH, page, "T", 0, "R", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// bytes closes the document and returns the PDF, or the first error fpdf
// met while laying it out.
func (w *writer) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := w.pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("document: render PDF: %w", err)
	}
	return b.Bytes(), nil
}

func (w *writer) font(style string, size float64) { w.pdf.SetFont(family, style, size) }

// t returns the wording of key in the writer's language.
func (w *writer) t(key string, args ...any) string { return tr(w.lang, key, args...) }

// money prints an amount the writer's way: "1 234,56 €" or "€1,234.56".
func (w *writer) money(a money.Amount) string { return i18n.Money(w.lang, a) }

// amount is money for an amount that may be the zero value, which has no
// currency: it prints as zero in cur rather than as "0,00 " with no sign.
func (w *writer) amount(a money.Amount, cur money.Currency) string {
	if a.Minor == 0 {
		a = money.New(0, cur)
	}
	return w.money(a)
}

// date prints a date the writer's way: "31/01/2025" or "31 Jan 2025".
func (w *writer) date(d civil.Date) string { return i18n.Date(w.lang, d) }

// rate prints a rate: "13,15 %" in French, "13.15%" in English.
func (w *writer) rate(r legalfr.BP) string {
	if w.lang == "en" {
		return r.String() + "%"
	}
	return r.FormatFR()
}

// need starts a new page unless h millimetres still fit on this one: it
// keeps a paragraph, a table row or a heading and its first lines together.
func (w *writer) need(h float64) {
	if w.pdf.GetY()+h > pageH-footerH {
		w.pdf.AddPage()
	}
}

// keep is need for a block that may be taller than a page: such a block
// starts where it is and breaks where it must.
func (w *writer) keep(h float64) {
	if h < pageH-footerH-margin {
		w.need(h)
	}
}

// space adds vertical space, in lines.
func (w *writer) space(lines float64) { w.pdf.Ln(lineH * lines) }

// title prints the document's heading, centred, with an optional line under it.
func (w *writer) title(main, sub string) {
	w.space(1)
	w.need(3 * lineH)
	w.font("B", 15)
	w.pdf.CellFormat(bodyW, 8, main, "", 1, "C", false, 0, "")
	if sub != "" {
		w.font("", fontSize)
		w.pdf.CellFormat(bodyW, lineH, sub, "", 1, "C", false, 0, "")
	}
	w.font("", fontSize)
	w.space(1)
}

// heading prints a section heading, kept with the three lines after it.
func (w *writer) heading(s string) {
	w.space(0.6)
	w.need(4 * lineH)
	w.font("B", 10.5)
	w.lines(wrap(w.pdf, s, bodyW), bodyW, "L")
	w.font("", fontSize)
	w.space(0.3)
}

// para prints a wrapped paragraph, on one page, followed by a gap.
func (w *writer) para(s string) { w.paraStyle("", s) }

// strong prints a paragraph in bold.
func (w *writer) strong(s string) { w.paraStyle("B", s) }

func (w *writer) paraStyle(style, s string) {
	if s == "" {
		return
	}
	w.font(style, fontSize)
	ls := wrap(w.pdf, s, bodyW)
	w.need(float64(len(ls)) * lineH)
	w.lines(ls, bodyW, "L")
	w.font("", fontSize)
	w.space(0.5)
}

// lines prints already wrapped lines at the current position.
func (w *writer) lines(ls []string, width float64, align string) {
	x := w.pdf.GetX()
	for _, l := range ls {
		w.pdf.SetX(x)
		w.pdf.CellFormat(width, lineH, l, "", 2, align, false, 0, "")
	}
}

// field prints "label : value" lines, the label in bold, for the reference
// and object lines of a letter.
func (w *writer) field(label, value string) {
	if value == "" {
		return
	}
	w.font("B", fontSize)
	lw := w.pdf.GetStringWidth(label) + 1.5
	w.pdf.CellFormat(lw, lineH, label, "", 0, "L", false, 0, "")
	w.font("", fontSize)
	w.lines(wrap(w.pdf, value, bodyW-lw), bodyW-lw, "L")
	w.pdf.SetX(margin)
}

// placeDate prints "Lyon, le 15/10/2025" aligned right.
func (w *writer) placeDate(place string, d civil.Date) {
	s := w.t("common.date", w.date(d))
	if place != "" {
		s = w.t("common.place_date", place, w.date(d))
	}
	w.pdf.CellFormat(bodyW, lineH, s, "", 1, "R", false, 0, "")
	w.space(0.5)
}

// closing prints the closing formula and the signatory's block, on the
// right half of the page, kept together: a signature alone on a last page
// looks detached from the letter it signs.
func (w *writer) closing(formula, name, role, firm string) {
	w.font("", fontSize)
	ls := wrap(w.pdf, formula, bodyW)
	w.need(float64(len(ls)+9) * lineH)
	w.para(formula)
	w.space(1)
	x := margin + bodyW/2
	w.pdf.SetX(x)
	w.font("B", fontSize)
	w.pdf.CellFormat(bodyW/2, lineH, name, "", 2, "L", false, 0, "")
	w.font("", fontSize)
	for _, l := range []string{role, firm} {
		if l != "" {
			w.pdf.SetX(x)
			w.lines(wrap(w.pdf, l, bodyW/2), bodyW/2, "L")
		}
	}
	w.pdf.SetXY(margin, w.pdf.GetY()+3*lineH)
}

// wrap breaks s into lines no wider than width in the current font. It
// breaks at ordinary spaces and newlines only: fpdf's own splitter also
// breaks at no-break spaces, which would cut "1 234,56 €" or "art. 1344-1".
func wrap(p *fpdf.Fpdf, s string, width float64) []string {
	width -= 2 * p.GetCellMargin()
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Split(para, " ") {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if p.GetStringWidth(try) <= width || line == "" && p.GetStringWidth(word) <= width {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			parts := cut(p, word, width)
			out = append(out, parts[:len(parts)-1]...)
			line = parts[len(parts)-1]
		}
		out = append(out, line)
	}
	return out
}

// cut splits a word wider than width (a long URL or IBAN) into pieces
// that fit, so that nothing runs off the page.
func cut(p *fpdf.Fpdf, word string, width float64) []string {
	var parts []string
	cur := ""
	for _, r := range word {
		if cur != "" && p.GetStringWidth(cur+string(r)) > width {
			parts = append(parts, cur)
			cur = ""
		}
		cur += string(r)
	}
	return append(parts, cur)
}

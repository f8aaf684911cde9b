package document

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
)

// The unofficial English translations of L111-8 CPCE paragraphs 2 and 3,
// for messages written outside this package (package message).
const (
	L111_8Paragraph2EN = l111_8Paragraph2EN
	L111_8Paragraph3EN = l111_8Paragraph3EN
)

// ReminderLetter is a reminder (relance) on paper, laid out like the
// other letters: the sender at the top left, the recipient in the window
// of a French DL envelope, place and date, reference and object, then the
// words the caller wrote — paragraphs and tables in order — and the
// signature. The wording is the caller's (package message renders it
// from the organization's templates); this package only lays it out.
type ReminderLetter struct {
	Lang       string     // "fr" (the default) or "en": the labels and formats
	Date       civil.Date // the letter's date, also the PDF's dates
	Place      string     // "Lyon"
	Reference  string     // the letter's reference, printed and in the footer
	Registered bool       // prints « Lettre recommandée avec accusé de réception »
	// Title is the short name of the letter in the footer and the PDF's
	// properties; « Courrier » / "Letter" when empty.
	Title     string
	Sender    Party
	Recipient Party // only its name and postal address are printed
	// Attention is the person the letter is for, printed under the
	// recipient's name (« À l’attention de … »); empty for none.
	Attention     string
	Object        string
	Blocks        []ReminderBlock
	Signatory     string
	SignatoryRole string
}

// ReminderBlock is a paragraph of text or, when Table is set, a table.
// A paragraph may hold line breaks; lines starting with "- " read as a
// list.
type ReminderBlock struct {
	Text  string
	Table *ReminderTable
}

// ReminderTable is a ruled table with a heading row, optional bold total
// rows, and optional label/amount lines printed under it on the right.
type ReminderTable struct {
	Columns []ReminderColumn
	Rows    [][]string
	Totals  [][]string
	Summary []ReminderSum
}

// ReminderColumn is a column of a ReminderTable. Widths are relative:
// the table always spans the text width.
type ReminderColumn struct {
	Title string
	Width float64
	Align string // "L", "C" or "R" (amounts)
}

// ReminderSum is a line under a table: a label and its amount.
type ReminderSum struct {
	Label, Value string
	Bold         bool
}

// reminderWords is the wording this file adds to the catalogues; it is
// kept here so that the existing catalogues stay as they are.
var reminderWords = map[string]map[string]string{
	"fr": {
		"title":        "Courrier",
		"attention":    "À l’attention de %s",
		"cover.title":  "BORDEREAU D’IMPRESSION",
		"cover.sub":    "Courrier du %s",
		"cover.footer": "Bordereau d’impression",
		"cover.count":  "%d lettre(s), dont %d en recommandé avec accusé de réception ; %d pages, soit %d feuilles en recto verso.",
		"cover.duplex": "Chaque lettre commence sur une page impaire : une page blanche est insérée au verso de la dernière page d’une lettre qui en compte un nombre impair, afin que l’impression recto verso ne mêle jamais deux lettres.",
		"col.n":        "N°",
		"col.to":       "Destinataire",
		"col.city":     "Ville",
		"col.ref":      "Référence",
		"col.send":     "Envoi",
		"col.pages":    "Pages",
		"col.count":    "Nb",
		"send.lrar":    "Recommandé AR",
		"send.simple":  "Lettre simple",
	},
	"en": {
		"title":        "Letter",
		"attention":    "For the attention of %s",
		"cover.title":  "PRINT BATCH SHEET",
		"cover.sub":    "Mail of %s",
		"cover.footer": "Print batch sheet",
		"cover.count":  "%d letter(s), %d of them by registered post with acknowledgment of receipt; %d pages, that is %d sheets printed double-sided.",
		"cover.duplex": "Each letter starts on an odd page: a blank page is inserted on the back of the last page of a letter with an odd number of pages, so that double-sided printing never mixes two letters.",
		"col.n":        "No.",
		"col.to":       "Recipient",
		"col.city":     "City",
		"col.ref":      "Reference",
		"col.send":     "Postage",
		"col.pages":    "Pages",
		"col.count":    "Qty",
		"send.lrar":    "Registered AR",
		"send.simple":  "Ordinary mail",
	},
}

// rt returns this file's wording of key in the writer's language.
func (w *writer) rt(key string, args ...any) string {
	m, ok := reminderWords[w.lang]
	if !ok {
		m = reminderWords["fr"]
	}
	s, ok := m[key]
	if !ok {
		s = key
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	if w.lang != "en" {
		s = frenchSpacing(s)
	}
	return s
}

// RenderReminder renders one reminder letter as an A4 PDF. The same
// letter gives the same bytes.
func RenderReminder(l ReminderLetter) ([]byte, error) {
	if err := l.validate(); err != nil {
		return nil, err
	}
	w := newWriter(l.Lang, l.meta())
	w.reminder(l)
	return w.bytes()
}

func (l ReminderLetter) validate() error {
	if l.Recipient.Name == "" {
		return errors.New("document: a reminder letter needs a recipient name")
	}
	if l.Date.IsZero() {
		return errors.New("document: a reminder letter needs a date")
	}
	return nil
}

func (l ReminderLetter) meta() meta {
	title := l.Title
	if title == "" {
		title = (&writer{lang: i18n.Normalize(l.Lang)}).rt("title")
	}
	return meta{title: title, reference: l.Reference, author: l.Sender.Name, date: l.Date}
}

// reminder lays out l from the top of the current page.
func (w *writer) reminder(l ReminderLetter) {
	w.lang = i18n.Normalize(l.Lang)
	w.font("", fontSize)
	recipient := block{name: l.Recipient.Name}
	if l.Attention != "" {
		recipient.lines = append(recipient.lines, w.rt("attention", l.Attention))
	}
	recipient.lines = append(recipient.lines, addressLines(l.Recipient.Address)...)
	w.parties(w.partyBlock("", l.Sender), recipient)
	w.placeDate(l.Place, l.Date)
	if l.Registered {
		w.strong(w.t("common.lrar"))
	}
	w.field(w.t("common.reference"), l.Reference)
	w.field(w.t("common.object"), l.Object)
	w.space(1)
	blocks, formula := l.Blocks, ""
	signed := l.Signatory != "" || l.Sender.Name != ""
	// The last paragraph (the closing formula) goes with the signature,
	// so that a signature never stands alone on a last page.
	if n := len(blocks); signed && n > 0 && blocks[n-1].Table == nil {
		blocks, formula = blocks[:n-1], strings.TrimSpace(blocks[n-1].Text)
	}
	for _, b := range blocks {
		switch {
		case b.Table != nil:
			w.reminderTable(*b.Table)
		default:
			w.para(strings.TrimSpace(b.Text))
		}
	}
	if signed {
		name, firm := l.Signatory, l.Sender.Name
		if name == "" {
			name, firm = firm, ""
		}
		w.closing(formula, name, l.SignatoryRole, firm)
	}
}

// reminderTable prints a caller's table, its widths scaled to the text
// width, then its summary lines.
func (w *writer) reminderTable(rt ReminderTable) {
	sum := 0.0
	for _, c := range rt.Columns {
		sum += c.Width
	}
	rows := 0
	if sum > 0 && len(rt.Rows)+len(rt.Totals) > 0 {
		rows = len(rt.Rows) + len(rt.Totals) + 1
	}
	// Keep a short table with its summary on one page.
	w.keep(float64(rows)*rowH + float64(len(rt.Summary)+1)*lineH)
	if rows > 0 {
		t := table{rows: rt.Rows, totals: rt.Totals}
		for _, c := range rt.Columns {
			align := c.Align
			if align == "" {
				align = "L"
			}
			t.cols = append(t.cols, column{title: c.Title, width: c.Width * bodyW / sum, align: align})
		}
		w.table(t)
	}
	if len(rt.Summary) > 0 {
		var kvs []kv
		for _, s := range rt.Summary {
			kvs = append(kvs, kv{label: s.Label, value: s.Value, bold: s.Bold})
		}
		w.summary(kvs)
	}
}

// ReminderBatch is the day's letters, printed as one PDF: a cover sheet
// listing them, then each letter starting on an odd page, so that a
// double-sided print keeps every letter on its own sheets.
type ReminderBatch struct {
	Lang    string     // the cover's language
	Date    civil.Date // the day of the batch
	Letters []ReminderLetter
}

// BatchPage says where a letter of a batch is: its first page in the PDF
// (1-based) and its number of pages, blank verso excluded.
type BatchPage struct {
	First, Count int
}

// RenderBatch renders the batch. The same batch gives the same bytes.
func RenderBatch(b ReminderBatch) ([]byte, error) {
	pdf, _, err := RenderBatchPages(b)
	return pdf, err
}

// RenderBatchPages is RenderBatch that also says where each letter is.
func RenderBatchPages(b ReminderBatch) ([]byte, []BatchPage, error) {
	if len(b.Letters) == 0 {
		return nil, nil, errors.New("document: an empty print batch")
	}
	if b.Date.IsZero() {
		return nil, nil, errors.New("document: a print batch needs a date")
	}
	counts := make([]int, len(b.Letters))
	for i, l := range b.Letters {
		if err := l.validate(); err != nil {
			return nil, nil, fmt.Errorf("letter %d: %w", i+1, err)
		}
		w := newWriter(l.Lang, l.meta())
		w.reminder(l)
		if err := w.pdf.Error(); err != nil {
			return nil, nil, fmt.Errorf("document: letter %d: %w", i+1, err)
		}
		counts[i] = w.pdf.PageNo()
	}
	// The cover's length hardly depends on the page numbers it prints
	// (table cells never wrap), so a first layout with a one-page cover
	// assumed gives it; should it not, the checks below say so.
	place := func(coverPages int) []BatchPage {
		pages := make([]BatchPage, len(counts))
		next := coverPages + 1
		for i, n := range counts {
			if next%2 == 0 {
				next++
			}
			pages[i] = BatchPage{First: next, Count: n}
			next += n
		}
		return pages
	}
	scratch := newWriter(b.Lang, meta{date: b.Date})
	scratch.cover(b, counts, place(1))
	coverPages := scratch.pdf.PageNo()
	pages := place(coverPages)

	lang := i18n.Normalize(b.Lang)
	w := newWriter(lang, meta{title: (&writer{lang: lang}).rt("cover.footer"), date: b.Date})
	// What the page being closed is: the footer runs when the next page
	// starts, so the state changes only after each AddPage.
	state := struct {
		letter int // index of the letter, -1 for the cover, -2 for a blank verso
		lang   string
	}{letter: -1, lang: lang}
	w.pdf.SetFooterFunc(func() {
		switch {
		case state.letter == -1:
			w.lang = state.lang
			w.batchFooter(w.rt("cover.footer"), "", w.pdf.PageNo(), coverPages)
		case state.letter >= 0:
			l := b.Letters[state.letter]
			w.lang = state.lang
			w.batchFooter(l.meta().title, l.Reference, w.pdf.PageNo()-pages[state.letter].First+1, counts[state.letter])
		}
	})
	w.cover(b, counts, pages)
	for i, l := range b.Letters {
		if w.pdf.PageNo()%2 == 1 {
			w.pdf.AddPage()
			state.letter = -2
		}
		w.pdf.AddPage()
		state.letter, state.lang = i, i18n.Normalize(l.Lang)
		if w.pdf.PageNo() != pages[i].First {
			return nil, nil, fmt.Errorf("document: letter %d starts on page %d, not %d", i+1, w.pdf.PageNo(), pages[i].First)
		}
		w.reminder(l)
		if got := w.pdf.PageNo() - pages[i].First + 1; got != counts[i] {
			return nil, nil, fmt.Errorf("document: letter %d has %d pages in the batch, %d alone", i+1, got, counts[i])
		}
	}
	out, err := w.bytes()
	if err != nil {
		return nil, nil, err
	}
	return out, pages, nil
}

// batchFooter is the footer of a page of a batch: a letter's pages are
// numbered on their own, « Page 2/3 », so that each reads as if alone.
func (w *writer) batchFooter(title, reference string, page, of int) {
	p := w.pdf
	p.SetY(-footerH + 6)
	w.font("", 7.5)
	p.SetTextColor(90, 90, 90)
	left := title
	if reference != "" {
		left += " — " + w.t("common.ref") + " " + reference
	}
	p.CellFormat(bodyW*0.75, lineH, left, "T", 0, "L", false, 0, "")
	p.CellFormat(bodyW*0.25, lineH, w.t("common.page", page, strconv.Itoa(of)), "T", 0, "R", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// cover prints the batch's cover sheet: one row per letter with where it
// is in the pile.
func (w *writer) cover(b ReminderBatch, counts []int, pages []BatchPage) {
	w.lang = i18n.Normalize(b.Lang)
	w.title(w.rt("cover.title"), w.rt("cover.sub", w.date(b.Date)))
	registered := 0
	for _, l := range b.Letters {
		if l.Registered {
			registered++
		}
	}
	last := pages[len(pages)-1]
	total := last.First + last.Count - 1
	w.para(w.rt("cover.count", len(b.Letters), registered, total, (total+1)/2))
	w.para(w.rt("cover.duplex"))
	t := table{cols: []column{
		{w.rt("col.n"), 10, "R"}, {w.rt("col.to"), 52, "L"}, {w.rt("col.city"), 30, "L"},
		{w.rt("col.ref"), 28, "L"}, {w.rt("col.send"), 26, "L"}, {w.rt("col.pages"), 14, "C"}, {w.rt("col.count"), 10, "R"},
	}}
	for i, l := range b.Letters {
		send := w.rt("send.simple")
		if l.Registered {
			send = w.rt("send.lrar")
		}
		span := ""
		if p := pages[i]; p.Count > 1 {
			span = strconv.Itoa(p.First) + "–" + strconv.Itoa(p.First+p.Count-1)
		} else {
			span = strconv.Itoa(p.First)
		}
		t.rows = append(t.rows, []string{strconv.Itoa(i + 1), l.Recipient.Name, cityLine(l.Recipient.Address),
			l.Reference, send, span, strconv.Itoa(counts[i])})
	}
	w.table(t)
}

// cityLine is "75016 Paris", with the country outside France.
func cityLine(a ledger.Address) string {
	s := strings.TrimSpace(a.PostalCode + " " + a.City)
	if c := strings.ToUpper(a.Country); c != "" && c != "FR" {
		s += " (" + c + ")"
	}
	return s
}

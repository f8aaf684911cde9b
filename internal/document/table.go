package document

// column is one column of a table: its heading, width in millimetres and
// alignment ("L", "C" or "R"; amounts are right-aligned).
type column struct {
	title string
	width float64
	align string
}

// table is a grid of text with a heading row and optional bold rows at the
// end (totals).
type table struct {
	cols   []column
	rows   [][]string
	totals [][]string
}

const (
	tableFont = 8.5
	rowH      = 5.6
)

// table prints t. A row never splits across pages, and the heading row is
// printed again at the top of each new page so that every page reads alone.
func (w *writer) table(t table) {
	w.need(3 * rowH)
	w.tableHead(t.cols)
	for _, r := range t.rows {
		w.tableRow(t.cols, r, "", false)
	}
	for _, r := range t.totals {
		w.tableRow(t.cols, r, "B", true)
	}
	w.font("", fontSize)
	w.space(0.6)
}

func (w *writer) tableHead(cols []column) {
	w.pdf.SetFillColor(230, 230, 230)
	w.pdf.SetX(margin)
	for _, c := range cols {
		w.cell(c.width, c.title, c.align, "B", true)
	}
	w.pdf.Ln(rowH)
}

func (w *writer) tableRow(cols []column, r []string, style string, fill bool) {
	if w.pdf.GetY()+rowH > pageH-footerH {
		w.pdf.AddPage()
		w.tableHead(cols)
	}
	w.pdf.SetFillColor(245, 245, 245)
	w.pdf.SetX(margin)
	for i, c := range cols {
		text := ""
		if i < len(r) {
			text = r[i]
		}
		w.cell(c.width, text, c.align, style, fill)
	}
	w.pdf.Ln(rowH)
}

// cell prints one table cell on a single line, shrinking the font when the
// text is wider than the cell: an amount or an invoice number must never
// wrap or be cut.
func (w *writer) cell(width float64, text, align, style string, fill bool) {
	size := tableFont
	w.font(style, size)
	room := width - 2*w.pdf.GetCellMargin()
	if tw := w.pdf.GetStringWidth(text); tw > room {
		size = size * room / tw
		w.font(style, size)
	}
	w.pdf.CellFormat(width, rowH, text, "1", 0, align, fill, 0, "")
}

// kv is one line of a summary: a label and its amount.
type kv struct {
	label, value string
	bold         bool
}

// summary prints label/amount lines, the amounts right-aligned under each
// other, on the right part of the page: totals read at a glance.
func (w *writer) summary(rows []kv) {
	w.need(float64(len(rows)) * lineH)
	const valueW = 40.0
	labelW := bodyW - valueW
	for _, r := range rows {
		style := ""
		if r.bold {
			style = "B"
		}
		w.font(style, fontSize)
		w.pdf.SetX(margin)
		w.pdf.CellFormat(labelW, lineH+0.6, r.label, "", 0, "R", false, 0, "")
		w.pdf.CellFormat(valueW, lineH+0.6, r.value, "", 1, "R", false, 0, "")
	}
	w.font("", fontSize)
	w.space(0.5)
}

package message

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// longDate is « 15 juin 2026 », « 1er mai 2026 » or "15 June 2026"; ""
// for the zero date.
func longDate(lang string, d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return day + nbsp + monthsFR[d.Month-1] + " " + strconv.Itoa(d.Year)
}

// shortDate is "15/06/2026" in both languages, for tables and SMS.
func shortDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// formatMoney prints a in lang; the zero value prints as zero in cur.
func formatMoney(lang string, a money.Amount, cur money.Currency) string {
	if a.Currency == "" {
		a.Currency = cur
	}
	return money.Format(a, lang)
}

// plural picks the singular for n = 0 or 1 in French, n = 1 in English.
func plural(lang string, n int, one, other string) string {
	if n == 1 || n == 0 && lang != "en" {
		return one
	}
	return other
}

// groupIBAN prints an IBAN in groups of four joined by no-break spaces.
func groupIBAN(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(r)
	}
	return b.String()
}

var channelNames = map[string]map[ledger.Channel]string{
	"fr": {ledger.ChannelEmail: "courriel", ledger.ChannelSMS: "SMS", ledger.ChannelLetter: "courrier", ledger.ChannelCall: "appel"},
	"en": {ledger.ChannelEmail: "email", ledger.ChannelSMS: "SMS", ledger.ChannelLetter: "letter", ledger.ChannelCall: "call"},
}

// funcs are the template functions for d, a completed Data, rendered for
// channel ch. The signatures are fixed: Check reads their types.
func funcs(d Data, ch ledger.Channel) template.FuncMap {
	lang, cur := d.Lang, d.currency()
	return template.FuncMap{
		"money": func(a money.Amount) string { return formatMoney(lang, a, cur) },
		"date": func(t civil.Date) string {
			if ch == ledger.ChannelSMS {
				return shortDate(t)
			}
			return longDate(lang, t)
		},
		"invoiceTable": func() string { return textTable(d) },
		"plural":       func(n int, one, other string) string { return plural(lang, n, one, other) },
		"iban":         groupIBAN,
		"channel": func(c ledger.Channel) string {
			if s, ok := channelNames[lang][c]; ok {
				return s
			}
			return string(c)
		},
	}
}

// tableModel is the invoices table of d in cells, shared by the text,
// HTML and PDF forms so that the three always say the same.
type tableModel struct {
	cols []tableCol
	rows [][]string
	sums []tableSum
}

type tableCol struct {
	title string
	width float64 // relative width in a letter
	right bool    // amounts and numbers
}

type tableSum struct {
	label, value string
	bold         bool
}

// words of the table, by language.
var tableWords = map[string]map[string]string{
	"fr": {
		"number": "Facture", "chorus": "N° Chorus Pro", "issue": "Date", "due": "Échéance",
		"amount": "Montant TTC", "outstanding": "Reste dû", "late": "Retard (jours)",
		"not_due":           "à échoir",
		"total":             "Total restant dû",
		"interest.business": "Pénalités de retard",
		"interest.public":   "Intérêts moratoires",
		"interest.consumer": "Intérêts au taux légal",
		"indemnity":         "Indemnité forfaitaire pour frais de recouvrement",
		"indemnities":       "Indemnités forfaitaires pour frais de recouvrement (%d × 40 €)",
		"grand":             "Total à régler",
		"none":              "Aucune facture.",
	},
	"en": {
		"number": "Invoice", "chorus": "Chorus Pro no.", "issue": "Date", "due": "Due date",
		"amount": "Amount incl. VAT", "outstanding": "Outstanding", "late": "Days late",
		"not_due":           "not yet due",
		"total":             "Total outstanding",
		"interest.business": "Late-payment penalties",
		"interest.public":   "Late-payment interest",
		"interest.consumer": "Interest at the statutory rate",
		"indemnity":         "Fixed recovery indemnity",
		"indemnities":       "Fixed recovery indemnities (%d × €40)",
		"grand":             "Total to pay",
		"none":              "No invoice.",
	},
}

func tw(lang, key string) string {
	if m, ok := tableWords[lang]; ok {
		return m[key]
	}
	return tableWords["fr"][key]
}

// model builds the table of d (a completed Data).
func model(d Data) tableModel {
	lang, cur := d.Lang, d.currency()
	m := func(a money.Amount) string { return formatMoney(lang, a, cur) }
	chorus := d.HasChorus()
	t := tableModel{cols: []tableCol{{title: tw(lang, "number"), width: 32}}}
	if chorus {
		t.cols = append(t.cols, tableCol{title: tw(lang, "chorus"), width: 28})
	}
	t.cols = append(t.cols,
		tableCol{title: tw(lang, "issue"), width: 22},
		tableCol{title: tw(lang, "due"), width: 22},
		tableCol{title: tw(lang, "amount"), width: 30, right: true},
		tableCol{title: tw(lang, "outstanding"), width: 30, right: true},
		tableCol{title: tw(lang, "late"), width: 22, right: true})
	for _, l := range d.Invoices {
		row := []string{l.Number}
		if chorus {
			row = append(row, l.ChorusRef)
		}
		late := tw(lang, "not_due")
		if l.DaysLate > 0 {
			late = strconv.Itoa(l.DaysLate)
		} else if !l.DueDate.IsZero() && !d.Today.IsZero() && !l.DueDate.After(d.Today) {
			late = "0"
		}
		row = append(row, shortDate(l.IssueDate), shortDate(l.DueDate), m(l.Amount), m(l.Outstanding), late)
		t.rows = append(t.rows, row)
	}
	t.sums = append(t.sums, tableSum{label: tw(lang, "total"), value: m(d.Total), bold: !d.HasInterest() && !d.HasIndemnity()})
	if d.HasInterest() {
		label := tw(lang, "interest."+string(d.Debtor.Kind))
		if d.InterestRateText != "" {
			label += " (" + d.InterestRateText + ")"
		}
		t.sums = append(t.sums, tableSum{label: label, value: m(d.Interest)})
	}
	if d.HasIndemnity() {
		label := tw(lang, "indemnity")
		if n := indemnityCount(d); n > 1 && d.Indemnity.Minor == int64(n)*40_00 && cur == "EUR" {
			label = fmt.Sprintf(tw(lang, "indemnities"), n)
		}
		t.sums = append(t.sums, tableSum{label: label, value: m(d.Indemnity)})
	}
	if d.HasInterest() || d.HasIndemnity() {
		t.sums = append(t.sums, tableSum{label: tw(lang, "grand"), value: m(d.Grand), bold: true})
	}
	if lang != "en" {
		for i := range t.cols {
			t.cols[i].title = frenchSpacing(t.cols[i].title)
		}
		for i := range t.sums {
			t.sums[i].label = frenchSpacing(t.sums[i].label)
		}
	}
	return t
}

func indemnityCount(d Data) int {
	n := 0
	for _, l := range d.Invoices {
		if l.Indemnity.Minor != 0 {
			n++
		}
	}
	return n
}

// textTable is the invoices table as aligned text: columns padded with
// spaces (it reads best in a fixed-width font, and still reads in any
// other), then the totals, one per line, amounts aligned on the right.
func textTable(d Data) string {
	t := model(d)
	var b strings.Builder
	if len(t.rows) > 0 {
		widths := make([]int, len(t.cols))
		for i, c := range t.cols {
			widths[i] = runeLen(c.title)
		}
		for _, r := range t.rows {
			for i, cell := range r {
				widths[i] = max(widths[i], runeLen(cell))
			}
		}
		line := func(cells []string) {
			var parts []string
			for i, c := range t.cols {
				parts = append(parts, pad(cells[i], widths[i], c.right))
			}
			b.WriteString(strings.TrimRight(strings.Join(parts, "  "), " "))
			b.WriteByte('\n')
		}
		heads := make([]string, len(t.cols))
		for i, c := range t.cols {
			heads[i] = c.title
		}
		line(heads)
		for _, r := range t.rows {
			line(r)
		}
		b.WriteByte('\n')
	} else {
		b.WriteString(tw(d.Lang, "none") + "\n\n")
	}
	sep := " : "
	if d.Lang == "en" {
		sep = ": "
	}
	lw, vw := 0, 0
	for _, s := range t.sums {
		lw, vw = max(lw, runeLen(s.label)), max(vw, runeLen(s.value))
	}
	for i, s := range t.sums {
		b.WriteString(pad(s.label+sep, lw+runeLen(sep), false) + pad(s.value, vw, true))
		if i < len(t.sums)-1 {
			b.WriteByte('\n')
		}
	}
	out := b.String()
	if d.Lang != "en" {
		out = frenchSpacing(out)
	}
	return out
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func pad(s string, w int, right bool) string {
	n := w - runeLen(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

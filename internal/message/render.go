package message

import (
	"bytes"
	"regexp"
	"strings"
	"text/template"

	"github.com/recouvre/recouvre/internal/ledger"
)

const (
	nbsp  = "\u00a0" // no-break space: before : and inside « »
	nnbsp = "\u202f" // narrow no-break space: before ; ! ?
)

// Rendered is a message ready to send.
type Rendered struct {
	// Subject is the email's subject, or the letter's object line; one
	// line. Empty for an SMS or a call.
	Subject string
	// Text is the message: the email's text part, the SMS, the letter's
	// words, the call script or task.
	Text string
	// HTML is the email's HTML part, derived from Text; empty for the
	// other channels.
	HTML string
}

// Render executes t with d and lays the result out for t's channel. An
// error in the template comes back as a *CheckError, with its line and
// column; Check finds the same errors, and more, before the template is
// saved.
func Render(t ledger.Template, d Data) (Rendered, error) {
	d = d.complete()
	fm := funcs(d, t.Channel)
	var r Rendered
	if t.Subject != "" {
		s, err := execute("subject", t.Subject, fm, d)
		if err != nil {
			return Rendered{}, err
		}
		r.Subject = strings.Join(asciiSpaces.Split(strings.TrimSpace(s), -1), " ")
	}
	body, err := execute("body", t.Body, fm, d)
	if err != nil {
		return Rendered{}, err
	}
	r.Text = clean(body)
	table := textTable(d)
	switch {
	case t.Channel == ledger.ChannelSMS:
		r.Subject = ""
		r.Text = gsmFriendly(r.Text)
	case d.Lang == "fr":
		r.Subject = frenchTypography(r.Subject)
		r.Text = outsideTable(r.Text, table, frenchTypography)
	}
	if t.Channel == ledger.ChannelEmail {
		r.HTML = emailHTML(d, r.Subject, r.Text, table)
	}
	return r, nil
}

// execute parses and runs one field of a template.
func execute(field, src string, fm template.FuncMap, d Data) (string, error) {
	tmpl, err := template.New(field).Funcs(fm).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", parseError(field, src, err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, d); err != nil {
		return "", execError(field, src, err)
	}
	return b.String(), nil
}

var (
	blankLines = regexp.MustCompile(`\n{3,}`)
	// asciiSpaces are the runs of white space a subject line loses; the
	// no-break spaces of amounts and French punctuation stay.
	asciiSpaces = regexp.MustCompile(`[ \t\r\n]+`)
)

// clean tidies what a template printed: Windows line ends, spaces at the
// ends of lines, more than one blank line in a row (left by {{if}} blocks
// on their own lines), and blank lines at the start and the end.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.Trim(s, "\n")
}

// outsideTable applies f to text except where the invoices table is, so
// that the table stays exactly as textTable printed it: the HTML and PDF
// forms find it there to put their own tables in its place.
func outsideTable(text, table string, f func(string) string) string {
	parts := strings.Split(text, table)
	for i := range parts {
		parts[i] = f(parts[i])
	}
	return strings.Join(parts, table)
}

var frenchSpaces = strings.NewReplacer(
	" :", nbsp+":",
	" ;", nnbsp+";",
	" !", nnbsp+"!",
	" ?", nnbsp+"?",
	nbsp+";", nnbsp+";",
	nbsp+"!", nnbsp+"!",
	nbsp+"?", nnbsp+"?",
	"« ", "«"+nbsp,
	" »", nbsp+"»",
	" €", nbsp+"€",
	" %", nbsp+"%",
	"n° ", "n°"+nbsp,
	"N° ", "N°"+nbsp,
)

// frenchSpacing puts the no-break spaces of French typography where a
// template wrote ordinary ones. It changes one space for another, never
// the length of a line.
func frenchSpacing(s string) string { return frenchSpaces.Replace(s) }

var asciiApostrophe = regexp.MustCompile(`(\pL)'(\pL)`)

// frenchTypography is frenchSpacing plus the typographic apostrophe
// between two letters (« l’échéance »).
func frenchTypography(s string) string {
	s = frenchSpacing(s)
	// Twice, for "l'a'b" patterns where matches share a letter.
	for range 2 {
		s = asciiApostrophe.ReplaceAllString(s, "$1’$2")
	}
	return s
}

var gsmReplacer = strings.NewReplacer(
	"«"+nbsp, `"`, nbsp+"»", `"`, "« ", `"`, " »", `"`, "«", `"`, "»", `"`,
	nbsp, " ", nnbsp, " ", "\u2009", " ",
	"’", "'", "‘", "'", "“", `"`, "”", `"`,
	"–", "-", "—", "-", "…", "...", "œ", "oe", "Œ", "OE",
)

// gsmFriendly replaces the typographic characters outside the GSM 03.38
// alphabet with their plain forms, so that an SMS is not sent in UCS-2
// (70 characters a segment instead of 160) for a quote or a no-break
// space. Letters are left as they are.
func gsmFriendly(s string) string { return gsmReplacer.Replace(s) }

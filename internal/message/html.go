package message

import (
	"html"
	"regexp"
	"strings"
)

// The HTML part is the text part dressed: the same paragraphs, escaped,
// with links made clickable and the invoices as a real table, inside a
// small layout whose styles are all inline (mail clients drop <style>
// blocks and must never fetch anything to show the message).
const (
	styleBody  = "margin:0;padding:0;background-color:#f3f4f6;"
	styleOuter = "max-width:640px;margin:0 auto;padding:24px 12px;"
	styleCard  = "background-color:#ffffff;border:1px solid #e5e7eb;border-radius:6px;padding:24px;" +
		"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937;"
	styleP      = "margin:0 0 16px 0;"
	styleUL     = "margin:0 0 16px 0;padding-left:20px;"
	styleA      = "color:#1d4ed8;text-decoration:underline;"
	styleTable  = "border-collapse:collapse;width:100%;margin:0 0 12px 0;font-size:14px;"
	styleTH     = "padding:6px 8px;border-bottom:2px solid #d1d5db;background-color:#f3f4f6;font-weight:bold;"
	styleTD     = "padding:6px 8px;border-bottom:1px solid #e5e7eb;"
	styleSums   = "border-collapse:collapse;margin:0 0 16px auto;font-size:14px;"
	styleSumTD  = "padding:2px 8px;text-align:right;"
	styleFooter = "margin:16px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.4;color:#6b7280;text-align:center;"
)

// emailHTML builds the HTML part of an email from its text part.
func emailHTML(d Data, subject, text, table string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>` + "\n" + `<html lang="` + d.Lang + `">` + "\n<head>\n" +
		`<meta charset="utf-8">` + "\n" +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n" +
		"<title>" + html.EscapeString(subject) + "</title>\n</head>\n" +
		`<body style="` + styleBody + `">` + "\n" +
		`<div style="` + styleOuter + `">` + "\n" +
		`<div style="` + styleCard + `">` + "\n")
	for i, part := range strings.Split(text, table) {
		if i > 0 {
			htmlTable(&b, model(d))
		}
		for _, p := range strings.Split(part, "\n\n") {
			if p = strings.Trim(p, "\n"); p != "" {
				htmlParagraph(&b, p)
			}
		}
	}
	b.WriteString("</div>\n")
	if f := footerLine(d); f != "" {
		b.WriteString(`<p style="` + styleFooter + `">` + html.EscapeString(f) + "</p>\n")
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.String()
}

// footerLine says who writes, under the message: name, SIREN, address.
func footerLine(d Data) string {
	name, siren, addr := d.Creditor.Name, d.Creditor.SIREN, d.Creditor.AddressLine()
	if d.IsAgency() {
		name, siren, addr = d.Agency.Name, d.Agency.SIREN, d.Agency.AddressLine()
	}
	var parts []string
	for _, s := range []string{name, sirenText(d.Lang, siren), addr} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " — ")
}

func sirenText(lang, s string) string {
	if s == "" {
		return ""
	}
	if len(s) == 9 {
		s = s[:3] + nbsp + s[3:6] + nbsp + s[6:]
	}
	return "SIREN " + s
}

// htmlParagraph prints one paragraph: lines starting with "- " make a
// list, other lines are joined by <br>.
func htmlParagraph(b *strings.Builder, p string) {
	var plain []string
	var items []string
	flushPlain := func() {
		if len(plain) > 0 {
			b.WriteString(`<p style="` + styleP + `">` + strings.Join(plain, "<br>\n") + "</p>\n")
			plain = nil
		}
	}
	flushItems := func() {
		if len(items) > 0 {
			b.WriteString(`<ul style="` + styleUL + `">`)
			for _, it := range items {
				b.WriteString("<li>" + it + "</li>")
			}
			b.WriteString("</ul>\n")
			items = nil
		}
	}
	for _, line := range strings.Split(p, "\n") {
		if rest, ok := strings.CutPrefix(line, "- "); ok {
			flushPlain()
			items = append(items, linkify(rest))
			continue
		}
		flushItems()
		plain = append(plain, linkify(line))
	}
	flushPlain()
	flushItems()
}

func htmlTable(b *strings.Builder, t tableModel) {
	align := func(c tableCol) string {
		if c.right {
			return "text-align:right;white-space:nowrap;"
		}
		return "text-align:left;"
	}
	if len(t.rows) > 0 {
		b.WriteString(`<table style="` + styleTable + `">` + "\n<thead><tr>")
		for _, c := range t.cols {
			b.WriteString(`<th style="` + styleTH + align(c) + `">` + html.EscapeString(c.title) + "</th>")
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		for _, r := range t.rows {
			b.WriteString("<tr>")
			for i, c := range t.cols {
				b.WriteString(`<td style="` + styleTD + align(c) + `">` + html.EscapeString(r[i]) + "</td>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	b.WriteString(`<table style="` + styleSums + `">` + "\n")
	for _, s := range t.sums {
		weight := ""
		if s.bold {
			weight = "font-weight:bold;"
		}
		b.WriteString(`<tr><td style="` + styleSumTD + weight + `">` + html.EscapeString(s.label) +
			`</td><td style="` + styleSumTD + weight + `white-space:nowrap;">` + html.EscapeString(s.value) + "</td></tr>\n")
	}
	b.WriteString("</table>\n")
}

var linkRE = regexp.MustCompile(`https?://[^\s<>"'«»\x{a0}\x{202f}]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// linkify escapes s and makes its web and e-mail addresses clickable. A
// full stop or comma right after an address ends the sentence, not the
// address.
func linkify(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkRE.FindAllStringIndex(s, -1) {
		start, end := m[0], m[1]
		for end > start && strings.ContainsRune(".,;:!?)", rune(s[end-1])) {
			end--
		}
		target := s[start:end]
		b.WriteString(html.EscapeString(s[last:start]))
		href := target
		if !strings.HasPrefix(target, "http") {
			href = "mailto:" + target
		}
		b.WriteString(`<a href="` + html.EscapeString(href) + `" style="` + styleA + `">` + html.EscapeString(target) + "</a>")
		last = end
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

package document

import (
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// Party is a person or firm named in a letter: a creditor, a debtor, a
// collection agency or a mandataire judiciaire. Empty fields are left out.
type Party struct {
	Name      string
	SIREN     string // nine digits, printed in groups of three
	VATNumber string // intra-EU VAT number
	Address   ledger.Address
	Email     string
	Phone     string
}

// addressLines are the postal lines of a, in the order La Poste reads
// them; the country is printed only outside France.
func addressLines(a ledger.Address) []string {
	var out []string
	for _, l := range []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City)} {
		if l != "" {
			out = append(out, l)
		}
	}
	if c := strings.ToUpper(a.Country); c != "" && c != "FR" {
		out = append(out, c)
	}
	return out
}

// oneLine is p's name and address on one line, for the body of a letter
// (R124-4 CPCE wants both the agency's and the creditor's address said).
func oneLine(p Party) string {
	parts := append([]string{p.Name}, addressLines(p.Address)...)
	return strings.Join(parts, ", ")
}

// groupSIREN prints a SIREN as "123 456 789", the way INSEE shows it, with
// no-break spaces so that it never wraps.
func groupSIREN(s string) string {
	if len(s) != 9 {
		return s
	}
	return s[:3] + "\u00a0" + s[3:6] + "\u00a0" + s[6:]
}

// partyLines are the lines of p's block after its name: the address, then
// the identifiers and contacts a debtor needs to check who writes.
func (w *writer) partyLines(p Party) []string {
	out := addressLines(p.Address)
	if p.SIREN != "" {
		out = append(out, w.t("party.siren", groupSIREN(p.SIREN)))
	}
	if p.VATNumber != "" {
		out = append(out, w.t("party.vat", p.VATNumber))
	}
	if p.Email != "" {
		out = append(out, p.Email)
	}
	if p.Phone != "" {
		out = append(out, w.t("party.phone", p.Phone))
	}
	return out
}

// block is a party block: an optional small caption ("Créancier"), the
// name in bold and its lines.
type block struct {
	caption string
	name    string
	lines   []string
}

func (w *writer) partyBlock(caption string, p Party) block {
	return block{caption: caption, name: p.Name, lines: w.partyLines(p)}
}

// parties prints the sender at the top left and the recipient in the
// envelope window on the right, then moves below the lower of the two.
func (w *writer) parties(sender, recipient block) {
	top := w.pdf.GetY()
	w.printBlock(sender, margin, top, recipientX-margin-8)
	yLeft := w.pdf.GetY()
	w.printBlock(recipient, recipientX, max(top, recipientY), recipientW)
	w.pdf.SetXY(margin, max(yLeft, w.pdf.GetY())+lineH)
}

func (w *writer) printBlock(b block, x, y, width float64) {
	w.pdf.SetXY(x, y)
	if b.caption != "" {
		w.font("", 7.5)
		w.pdf.SetTextColor(90, 90, 90)
		w.pdf.CellFormat(width, lineH-0.6, b.caption, "", 2, "L", false, 0, "")
		w.pdf.SetTextColor(0, 0, 0)
	}
	w.font("B", fontSize+0.5)
	w.pdf.SetX(x)
	w.lines(wrap(w.pdf, b.name, width), width, "L")
	w.font("", fontSize)
	for _, l := range b.lines {
		w.pdf.SetX(x)
		w.lines(wrap(w.pdf, l, width), width, "L")
	}
}

// contactLine is p's e-mail and phone on one line, or "" when it has none.
func contactLine(p Party) string {
	var ways []string
	for _, s := range []string{p.Email, p.Phone} {
		if s != "" {
			ways = append(ways, s)
		}
	}
	return strings.Join(ways, " — ")
}

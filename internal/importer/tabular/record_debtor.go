package tabular

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// debtor reads who owes the row. Without a kind column (or with the cell
// empty) the kind is inferred from the name and identifiers, for the user
// to confirm.
func (c *converter) debtor(f []string, line int) receivable.Debtor {
	l := &c.l
	d := receivable.Debtor{
		Ref:   cell(f, l.debtorRef),
		Name:  cell(f, l.debtorName),
		Phone: cell(f, l.phone),
	}
	if first := cell(f, l.firstName); first != "" {
		d.Name = strings.TrimSpace(first + " " + d.Name)
	}
	if d.Ref == "" && d.Name == "" {
		col := l.debtorRef
		if !col.ok() {
			col = l.debtorName
		}
		c.add(line, col, raw(f, col), KeyMissingDebtor)
	}
	if s := cell(f, l.debtorKind); s != "" {
		if k, ok := c.memo.kindWord(s); ok {
			d.Kind, d.KindSource = k, receivable.KindFromColumn
		} else {
			c.add(line, l.debtorKind, raw(f, l.debtorKind), KeyKind, s)
		}
	}
	c.identifiers(f, line, &d)
	if s := cell(f, l.email); s != "" {
		if e, ok := parseEmail(s); ok {
			d.Email = e
		} else {
			c.add(line, l.email, raw(f, l.email), KeyEmail, s)
		}
	}
	c.address(f, line, &d)
	if s := cell(f, l.terms); s != "" {
		days, known, bad := parseTermDays(s, c.memo.fold(s))
		switch {
		case bad:
			c.add(line, l.terms, raw(f, l.terms), KeyTerms, s)
		case known:
			d.TermDays = days
		}
	}
	c.memo.fillKind(&d)
	return d
}

// identifiers reads the SIREN, SIRET and VAT number; each may give the
// SIREN when its own column is empty.
func (c *converter) identifiers(f []string, line int, d *receivable.Debtor) {
	l := &c.l
	if s := cell(f, l.siren); s != "" {
		if siren, siret, ok := parseSIREN(s); ok {
			d.SIREN, d.SIRET = siren, siret
		} else {
			c.add(line, l.siren, raw(f, l.siren), KeySIREN, s)
		}
	}
	if s := cell(f, l.siret); s != "" {
		if siret, ok := parseSIRET(s); ok {
			d.SIRET = siret
			if d.SIREN == "" {
				d.SIREN = siret[:9]
			}
		} else {
			c.add(line, l.siret, raw(f, l.siret), KeySIRET, s)
		}
	}
	if s := cell(f, l.vat); s != "" {
		if vat, siren, ok := parseVAT(s); ok {
			d.VATNumber = vat
			if d.SIREN == "" {
				d.SIREN = siren
			}
		} else {
			c.add(line, l.vat, raw(f, l.vat), KeyVAT, s)
		}
	}
}

// address reads the postal address.
func (c *converter) address(f []string, line int, d *receivable.Debtor) {
	l := &c.l
	d.Address.Line1 = cell(f, l.address1)
	d.Address.Line2 = cell(f, l.address2)
	// A quoted address over two lines, and no second column: split it.
	if first, rest, ok := strings.Cut(strings.TrimSpace(raw(f, l.address1)), "\n"); ok && d.Address.Line2 == "" {
		d.Address.Line1, d.Address.Line2 = cleanCell(first), cleanCell(rest)
	}
	d.Address.City = cell(f, l.city)
	if s := cell(f, l.country); s != "" {
		if cc, ok := parseCountry(c.memo.fold(s)); ok {
			d.Address.Country = cc
		} else {
			c.add(line, l.country, raw(f, l.country), KeyCountry, s)
		}
	}
	d.Address.PostalCode = postalCode(cell(f, l.postalCode), d.Address.Country)
}

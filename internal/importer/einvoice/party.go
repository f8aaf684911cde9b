package einvoice

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
)

// debtorOf makes the debtor of the buyer party.
//
// SIREN and SIRET come from the legal registration identifier (BT-47,
// scheme 0002, tolerating the 14-digit SIRET some files put there: its
// first nine digits are the SIREN), the global identifiers (scheme 0009
// SIRET, 0002 SIREN, 0225 the French directory's SIREN-based address),
// an unqualified legal identifier of a French buyer, and last the French
// VAT number, which is FR, a two-digit key and the SIREN. Only numbers
// that pass the Luhn check are kept (the store refuses the others); a
// SIRET must belong to the SIREN kept.
//
// Ref is the identifier the seller gives the buyer (CII ram:ID, UBL
// PartyIdentification without a scheme), else the SIREN, else empty: the
// importer then matches the debtor by SIREN or name. A scheme-qualified
// global identifier (GLN, DUNS, a Danish CVR) is not the creditor's
// customer code and is not used as Ref.
func debtorOf(p *rawParty) receivable.Debtor {
	d := receivable.Debtor{
		Name:    p.name,
		Phone:   p.phone,
		Address: p.address,
	}
	for _, v := range p.vat {
		if vat := normalizeVAT(v); vat != "" {
			d.VATNumber = vat
			break
		}
	}
	d.Email = firstNonEmpty(emailOf(p.email), emailOf(p.contactEmail))
	var anyID bool
	d.SIREN, d.SIRET, anyID = identity(p, d.VATNumber)
	d.Ref = firstNonEmpty(p.ref, d.SIREN)
	d.Kind, d.KindSource = kindOf(d, anyID || d.VATNumber != "")
	return d
}

// identity returns the buyer's SIREN and SIRET, and whether the party
// carries a French registration number at all (valid or not).
func identity(p *rawParty, vat string) (siren, siret string, anyID bool) {
	var sirens, sirets []string
	french := p.address.Country == "" || p.address.Country == "FR"
	for _, id := range p.legal {
		n := digits(id.id)
		switch {
		case n == "":
			continue
		case id.scheme == "0002", id.scheme == "0009", id.scheme == "" && french:
			switch len(n) {
			case 9:
				sirens = append(sirens, n)
				anyID = true
			case 14:
				sirets = append(sirets, n)
				sirens = append(sirens, n[:9])
				anyID = true
			}
		case id.scheme == "0225":
			// SIREN, optionally followed by "_" and a suffix.
			if s, _, _ := strings.Cut(strings.TrimSpace(id.id), "_"); len(s) == 9 && digits(s) == s {
				sirens = append(sirens, s)
			}
		}
	}
	if s := sirenOfVAT(vat); s != "" {
		sirens = append(sirens, s)
	}
	for _, s := range sirens {
		if ledger.ValidSIREN(s) {
			siren = s
			break
		}
	}
	for _, s := range sirets {
		if ledger.ValidSIRET(s) && (siren == "" || s[:9] == siren) {
			siret = s
			siren = s[:9]
			break
		}
	}
	return siren, siret, anyID
}

// kindOf decides the debtor's kind. A public body's name (FillKind's
// rules) or a SIREN that starts with 1 or 2 (INSEE numbers the State's
// services and the local authorities so) make it public, for the user to
// confirm; an identity (SIREN, SIRET, VAT number, even one that fails its
// check) makes it a business; otherwise FillKind's name rules decide.
func kindOf(d receivable.Debtor, hasID bool) (ledger.DebtorKind, receivable.KindSource) {
	k, src := receivable.InferKind(d.Name, d.SIREN, d.SIRET)
	switch {
	case k == ledger.KindPublic:
		return k, src
	case d.SIREN != "" && (d.SIREN[0] == '1' || d.SIREN[0] == '2'):
		return ledger.KindPublic, receivable.KindInferred
	case k == ledger.KindBusiness:
		return k, src
	case hasID:
		return ledger.KindBusiness, receivable.KindFromIdentity
	}
	d.FillKind()
	return d.Kind, d.KindSource
}

// digits returns s without its separators (spaces, dots, dashes) when
// what remains is all digits, else "".
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0' || r == '\u202f':
		default:
			return ""
		}
	}
	return b.String()
}

// normalizeVAT returns a VAT number in capitals without separators
// ("FR 05 987 654 321" gives "FR05987654321"), or "" when it is not one:
// two letters and 2 to 13 letters or digits.
func normalizeVAT(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0' || r == '\u202f':
		default:
			return ""
		}
	}
	v := b.String()
	if len(v) < 4 || len(v) > 15 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
		return ""
	}
	return v
}

// sirenOfVAT returns the SIREN inside a French VAT number whose key
// checks: FR, then (12 + 3 × (SIREN mod 97)) mod 97 on two digits, then
// the nine digits of the SIREN.
func sirenOfVAT(vat string) string {
	if len(vat) != 13 || !strings.HasPrefix(vat, "FR") || digits(vat[2:]) != vat[2:] {
		return ""
	}
	key := int(vat[2]-'0')*10 + int(vat[3]-'0')
	siren := vat[4:]
	mod := 0
	for i := 0; i < len(siren); i++ {
		mod = (mod*10 + int(siren[i]-'0')) % 97
	}
	if (12+3*mod)%97 != key {
		return ""
	}
	return siren
}

// emailOf returns s when it looks like an email address ("mailto:"
// removed), else "".
func emailOf(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "mailto:"))
	at := strings.IndexByte(s, '@')
	if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t<>,;") || strings.Count(s, "@") != 1 {
		return ""
	}
	return s
}

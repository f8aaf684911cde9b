package demo

import (
	"fmt"
	"strconv"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// siren draws nine digits with a valid Luhn check digit; public bodies'
// start with 2, firms' with 3 to 9.
func (g *gen) siren(public bool) string {
	first := 3 + g.r.IntN(7)
	if public {
		first = 2
	}
	s := strconv.Itoa(first) + fmt.Sprintf("%07d", g.r.IntN(10_000_000))
	return s + string(ledger.SIRENCheckDigit(s))
}

// siret appends an establishment number whose last digit makes the
// fourteen digits pass the Luhn check.
func (g *gen) siret(siren string) string {
	base := siren + fmt.Sprintf("%04d", 1+g.r.IntN(40))
	for d := byte('0'); d <= '9'; d++ {
		if s := base + string(d); ledger.ValidSIRET(s) {
			return s
		}
	}
	return base + "0"
}

// VATNumber computes the French intra-community VAT number of a SIREN:
// FR, a two-digit key (12 + 3 × (SIREN mod 97)) mod 97, then the SIREN.
func VATNumber(siren string) string {
	n, _ := strconv.Atoi(siren)
	return fmt.Sprintf("FR%02d%s", (12+3*(n%97))%97, siren)
}

// phone draws a number from the ranges ARCEP reserves for fiction
// (01 99 00 xx xx, 06 39 98 xx xx), so no real line is ever called.
func (g *gen) phone(mobile bool) string {
	if mobile {
		return fmt.Sprintf("+33 6 39 98 %02d %02d", g.r.IntN(100), g.r.IntN(100))
	}
	return fmt.Sprintf("+33 1 99 00 %02d %02d", g.r.IntN(100), g.r.IntN(100))
}

func (g *gen) address() ledger.Address {
	c := cities[g.r.IntN(len(cities))]
	return ledger.Address{Line1: strconv.Itoa(1+g.r.IntN(120)) + " " + g.pick(streets), PostalCode: c.postal, City: c.name, Country: "FR"}
}

// identity fills a debtor's name, numbers, contacts and tags for its
// segment. E-mail domains are under .example, which never resolves.
func (g *gen) identity(d *ledger.Debtor, seg segment) {
	addr := g.address()
	switch seg {
	case segConsumer:
		first, last := g.pick(firstNames), g.pick(lastNames)
		title := "M."
		if g.r.IntN(2) == 0 {
			title = "Mme"
		}
		d.Name, d.Kind = title+" "+first+" "+last, ledger.KindConsumer
		sms := g.r.IntN(3) == 0
		ch := ledger.ChannelEmail
		if sms {
			ch = ledger.ChannelSMS
		}
		d.Contacts = []ledger.Contact{{Name: d.Name, Email: slug(first) + "." + slug(last) + "@courriel.example",
			Phone: g.phone(true), Address: addr, PreferredChannel: ch, SMSConsent: sms, Primary: true}}
		return
	case segPublic:
		d.Name, d.Kind = fmt.Sprintf(g.pick(publicBodies), addr.City), ledger.KindPublic
		d.SIREN = g.siren(true)
		d.Tags = []string{"collectivité"}
	case segLarge:
		d.Name, d.Kind = g.pick(largeFirms)+" "+g.pick([]string{"SA", "SAS"}), ledger.KindBusiness
		d.SIREN = g.siren(false)
		d.CreditLimit = g.amountLimit(50_000, 400_000)
		d.Tags = []string{"grand compte"}
	default:
		d.Name, d.Kind = g.pick(trades)+" "+g.pick(firmWords)+" "+g.pick(legalForms), ledger.KindBusiness
		if g.r.IntN(3) == 0 {
			d.Name = g.pick(trades) + " " + g.pick(lastNames) + " " + g.pick(legalForms)
		}
		d.SIREN = g.siren(false)
		d.CreditLimit = g.amountLimit(3_000, 40_000)
	}
	d.SIRET = g.siret(d.SIREN)
	d.VATNumber = VATNumber(d.SIREN)
	if g.r.IntN(5) == 0 {
		d.Tags = append(d.Tags, g.pick(tags))
	}
	domain := slug(d.Name) + ".example"
	d.Contacts = []ledger.Contact{{Name: "Service " + contactRoles[0], Role: contactRoles[0], Email: "compta@" + domain,
		Phone: g.phone(false), Address: addr, PreferredChannel: ledger.ChannelEmail, Primary: true}}
	if seg == segLarge || g.r.IntN(3) == 0 {
		first, last := g.pick(firstNames), g.pick(lastNames)
		d.Contacts = append(d.Contacts, ledger.Contact{Name: first + " " + last, Role: g.pick(contactRoles[1:]),
			Email: slug(first) + "." + slug(last) + "@" + domain, Phone: g.phone(true), PreferredChannel: ledger.ChannelCall})
	}
}

func (g *gen) amountLimit(lo, hi int) money.Amount {
	return money.Amount{Minor: int64(lo+g.r.IntN(hi-lo)) / 1000 * 1000 * 100, Currency: g.currency}
}

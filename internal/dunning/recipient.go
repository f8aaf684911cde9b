package dunning

import (
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// Bounce kinds.
const (
	BounceEmail = "email"
	BouncePhone = "phone"
)

// orderedContacts is the debtor's contacts, primary ones first, the
// others in their order.
func orderedContacts(d ledger.Debtor) []ledger.Contact {
	out := make([]ledger.Contact, 0, len(d.Contacts))
	for _, c := range d.Contacts {
		if c.Primary {
			out = append(out, c)
		}
	}
	for _, c := range d.Contacts {
		if !c.Primary {
			out = append(out, c)
		}
	}
	return out
}

// bouncedAddr reports whether address addr of kind is in bounced: emails
// compared without case, phone numbers by their digits.
func bouncedAddr(addr, kind string, bounced []Bounce) bool {
	for _, b := range bounced {
		if b.Kind != kind {
			continue
		}
		switch kind {
		case BounceEmail:
			if strings.EqualFold(strings.TrimSpace(b.Address), strings.TrimSpace(addr)) {
				return true
			}
		case BouncePhone:
			if phoneKey(b.Address) == phoneKey(addr) {
				return true
			}
		}
	}
	return false
}

// phoneDigits is p without spaces, dots, dashes and brackets, "00"
// turned into "+".
func phoneDigits(p string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(p) {
		switch {
		case r >= '0' && r <= '9', r == '+':
			b.WriteRune(r)
		}
	}
	s := b.String()
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	return s
}

// phoneKey is a French number in national form ("0612345678") when it is
// one, so that "+33 6 12 34 56 78" and "06 12 34 56 78" compare equal.
func phoneKey(p string) string {
	s := phoneDigits(p)
	if strings.HasPrefix(s, "+33") && len(s) == 12 {
		return "0" + s[3:]
	}
	return s
}

// IsMobile reports whether p is a French mobile number, the only kind an
// SMS goes to: 06 or 07 followed by 8 digits (overseas mobiles, 0690,
// 0694, 0696, 0692, 0639…, are in it), +33 6 or +33 7 followed by 8
// digits, or an overseas mobile in international form: +590 6, +594 6,
// +596 6, +262 6 followed by 8 digits. Separators are ignored. A landline,
// a 08/09 number or a foreign number is not, since no SMS provider
// contract is assumed for them.
func IsMobile(p string) bool {
	s := phoneDigits(p)
	digits := func(x string) bool { return strings.Trim(x, "0123456789") == "" }
	switch {
	case len(s) == 10 && (strings.HasPrefix(s, "06") || strings.HasPrefix(s, "07")):
		return digits(s)
	case len(s) == 12 && (strings.HasPrefix(s, "+336") || strings.HasPrefix(s, "+337")):
		return digits(s[1:])
	case len(s) == 13:
		for _, cc := range []string{"+5906", "+5946", "+5966", "+2626"} {
			if strings.HasPrefix(s, cc) {
				return digits(s[1:])
			}
		}
	}
	return false
}

// hasPostalAddress reports whether a letter can be sent to a.
func hasPostalAddress(a ledger.Address) bool {
	return strings.TrimSpace(a.Line1) != "" && strings.TrimSpace(a.PostalCode+a.City) != ""
}

// Recipient is the contact a message goes to through channel ch, primary
// contacts first:
//   - email: one with an email address that did not bounce;
//   - sms: one with a mobile number (IsMobile), SMS consent, not bounced;
//   - letter: one with a postal address (a street line and a postal code
//     or a city);
//   - call: one with a phone number, landline or mobile, not bounced.
//
// It reports false when no contact fits.
func Recipient(d ledger.Debtor, ch ledger.Channel, bounced []Bounce) (ledger.Contact, bool) {
	for _, c := range orderedContacts(d) {
		switch ch {
		case ledger.ChannelEmail:
			if strings.TrimSpace(c.Email) != "" && !bouncedAddr(c.Email, BounceEmail, bounced) {
				return c, true
			}
		case ledger.ChannelSMS:
			if c.SMSConsent && IsMobile(c.Phone) && !bouncedAddr(c.Phone, BouncePhone, bounced) {
				return c, true
			}
		case ledger.ChannelLetter:
			if hasPostalAddress(c.Address) {
				return c, true
			}
		case ledger.ChannelCall:
			if phoneDigits(c.Phone) != "" && !bouncedAddr(c.Phone, BouncePhone, bounced) {
				return c, true
			}
		}
	}
	return ledger.Contact{}, false
}

// fallbacks is the chain of channels tried for a step's channel.
var fallbacks = map[ledger.Channel][]ledger.Channel{
	ledger.ChannelEmail:  {ledger.ChannelEmail, ledger.ChannelLetter},
	ledger.ChannelSMS:    {ledger.ChannelSMS, ledger.ChannelEmail, ledger.ChannelLetter},
	ledger.ChannelLetter: {ledger.ChannelLetter},
	ledger.ChannelCall:   {ledger.ChannelCall},
}

// ChannelFor is the channel a step with that channel and template goes
// out through for this debtor: the step's own when a recipient is
// reachable by it, else the next of its fallback chain (email → letter;
// sms → email → letter) that has both a recipient and a version of the
// template (TemplateAllowed: there is no pre-due or first-reminder letter,
// so such an email never falls back to post). When none fits, the reason
// is ReasonNoAddress for a chain ending with a letter, ReasonNoPhone for a
// call, and ReasonNoContact when the template exists on no reachable
// channel.
func ChannelFor(d ledger.Debtor, ch ledger.Channel, template string, bounced []Bounce) (ledger.Channel, ledger.Contact, string) {
	if ch == ledger.ChannelCall && template == TemplateHandoff {
		// The hand-off is a task for a person (prepare the court file),
		// not a call: it needs no phone number.
		c, ok := Recipient(d, ledger.ChannelCall, bounced)
		if cs := orderedContacts(d); !ok && len(cs) > 0 {
			c = cs[0]
		}
		return ch, c, ""
	}
	chain, ok := fallbacks[ch]
	if !ok {
		return ch, ledger.Contact{}, ReasonNoContact
	}
	reason := ReasonNoContact
	for _, c := range chain {
		if !TemplateAllowed(c, template) {
			continue
		}
		if ct, ok := Recipient(d, c, bounced); ok {
			return c, ct, ""
		}
		switch c {
		case ledger.ChannelLetter:
			reason = ReasonNoAddress
		case ledger.ChannelCall:
			reason = ReasonNoPhone
		}
	}
	return ch, ledger.Contact{}, reason
}

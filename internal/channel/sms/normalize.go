package sms

import (
	"fmt"
	"strings"
)

// territory is where a French national number rings, by its first three
// digits after the 0, when that is not metropolitan France (+33).
type territory struct {
	code   string // country calling code
	name   string
	mobile bool
}

// overseas are the overseas departments with their own calling codes, by
// the prefixes of the national numbering plan (ARCEP).
var overseas = map[string]territory{
	"262": {"262", "La Réunion", false},
	"263": {"262", "La Réunion", false},
	"692": {"262", "La Réunion", true},
	"693": {"262", "La Réunion", true},
	"269": {"262", "Mayotte", false},
	"639": {"262", "Mayotte", true},
	"590": {"590", "Guadeloupe, Saint-Martin, Saint-Barthélemy", false},
	"690": {"590", "Guadeloupe, Saint-Martin, Saint-Barthélemy", true},
	"691": {"590", "Guadeloupe, Saint-Martin, Saint-Barthélemy", true},
	"594": {"594", "Guyane", false},
	"694": {"594", "Guyane", true},
	"596": {"596", "Martinique", false},
	"696": {"596", "Martinique", true},
	"697": {"596", "Martinique", true},
}

// frenchCodes are the calling codes NormalizeFR knows, longest first.
var frenchCodes = []string{"262", "590", "594", "596", "33"}

// frenchCode reports whether digits start with a calling code of
// NormalizeFR's.
func frenchCode(digits string) bool {
	for _, c := range frenchCodes {
		if strings.HasPrefix(digits, c) {
			return true
		}
	}
	return false
}

// NormalizeFR turns a French phone number as people write it into E.164:
// "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56
// 78", "+33 (0)6 12…", "0033 6 12…", "33612345678" all give
// "+33612345678". Overseas numbers get their territory's code whichever
// way they are written: "0692 12 34 56", "+33 692 12 34 56" and "+262 692
// 12 34 56" give "+262692123456" (La Réunion and Mayotte +262,
// Guadeloupe +590, Guyane +594, Martinique +596). mobile is true for the
// 06 and 07 ranges and the overseas mobile ranges (0639, 0690, 0691,
// 0692, 0693, 0694, 0696, 0697).
func NormalizeFR(phone string) (e164 string, mobile bool, err error) {
	fail := func(format string, args ...any) (string, bool, error) {
		return "", false, fmt.Errorf("normalize French phone number %q: %s", phone, fmt.Sprintf(format, args...))
	}
	s := strings.TrimSpace(phone)
	if s == "" {
		return fail("empty")
	}
	s = strings.Replace(s, "(0)", "", 1)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
			b.WriteRune(r)
		case strings.ContainsRune(" .-/()\t\u00a0\u202f", r):
		default:
			return fail("unexpected character %q", r)
		}
	}
	d := b.String()
	var intl string // digits after an international prefix
	switch {
	case strings.HasPrefix(d, "+"):
		intl = d[1:]
	case strings.HasPrefix(d, "00"):
		intl = d[2:]
	case len(d) == 10 && d[0] == '0':
		return fromNational(fail, "", d[1:])
	case len(d) > 10 && frenchCode(d):
		intl = d // "33612345678", as some providers write it
	default:
		return fail("want 10 digits starting with 0, or an international number")
	}
	for _, cc := range frenchCodes {
		if !strings.HasPrefix(intl, cc) {
			continue
		}
		nsn := intl[len(cc):]
		if len(nsn) == 10 && nsn[0] == '0' {
			nsn = nsn[1:] // "+33 06 12…": the trunk 0 written anyway
		}
		return fromNational(fail, cc, nsn)
	}
	return fail("not a French calling code (+33, +262, +590, +594, +596)")
}

// fromNational checks the 9-digit national significant number nsn, given
// with calling code cc ("" when written in the national form).
func fromNational(fail func(string, ...any) (string, bool, error), cc, nsn string) (string, bool, error) {
	if len(nsn) != 9 {
		return fail("want 9 digits after the calling code or the 0, got %d", len(nsn))
	}
	if nsn[0] == '0' {
		return fail("no French number starts with 00 after the prefix")
	}
	if t, ok := overseas[nsn[:3]]; ok {
		if cc != "" && cc != "33" && cc != t.code {
			return fail("the range 0%s belongs to %s (+%s), not to +%s", nsn[:3], t.name, t.code, cc)
		}
		return "+" + t.code + nsn, t.mobile, nil
	}
	if cc != "" && cc != "33" {
		return fail("0%s is not a number range of +%s", nsn[:3], cc)
	}
	return "+33" + nsn, nsn[0] == '6' || nsn[0] == '7', nil
}

package reconcile

import (
	"strings"
	"unicode"
)

// number is a candidate invoice number read in a remittance text.
type number struct {
	written  string  // as ExtractNumbers shows it
	groups   []group // its runs of letters and digits
	prefix   string  // a prefix word written just before it ("F 2024-0012"), folded
	prefixed bool    // it follows an invoice word ("facture", "n°"), maybe through a list
	rf       bool    // a valid ISO 11649 creditor reference
	weak     bool    // kept only if merged with the next one (a bare year, "12" alone)
	parts    []number
}

// ExtractNumbers returns the candidate invoice numbers text holds, as
// written, without the invoice word in front ("FACT 2024-0012" →
// "2024-0012"; "fac 12 et 13" → "12", "13"). Dates, amounts and IBANs
// are left out; a year followed by a number ("2024 0012") is read as one
// number; a number of one or two digits counts only after an invoice
// word, and a lone year never.
func ExtractNumbers(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range scan(text) {
		if !seen[n.written] {
			seen[n.written] = true
			out = append(out, n.written)
		}
	}
	return out
}

// maxScan bounds the text read: remittance information is 140
// characters per line in SEPA; a longer text is someone else's.
const maxScan = 4096

// scan reads the candidate numbers of a text.
func scan(text string) []number {
	if len(text) > maxScan {
		text = text[:maxScan]
	}
	fields := strings.FieldsFunc(text, unicode.IsSpace)
	var out []number
	prefixed := false
	prefix := ""
	merge := false // the previous field was a number, alone in its field
	for i, f := range fields {
		if isAmount(fields, i, prefixed) {
			prefixed, prefix, merge = false, "", false
			continue
		}
		pieces := strings.FieldsFunc(f, isHardDelim)
		alone := len(pieces) == 1
		mergeNext := false
		for _, p := range pieces {
			p = strings.Trim(p, softSeps)
			if p == "" {
				continue
			}
			if isDate(p) || looksLikeIBAN(p) {
				prefixed, prefix = false, ""
				continue
			}
			if strings.HasPrefix(strings.ToUpper(p), "RF") && ValidRF(p) {
				out = append(out, number{written: p, rf: true, groups: splitGroups(p)})
				prefix = ""
				continue
			}
			gs := splitGroups(p)
			if len(gs) == 0 {
				continue
			}
			if !hasDigitGroup(gs) {
				last := gs[len(gs)-1].s
				switch {
				case prefixWords[last]:
					prefixed, prefix = true, ""
					if len(gs) == 1 {
						prefix = last
					}
				case joinWords[last] && len(gs) == 1:
					prefix = ""
				default:
					prefixed, prefix = false, ""
				}
				continue
			}
			if len(gs) > 12 {
				prefixed, prefix = false, ""
				continue
			}
			n := number{written: written(p, gs), groups: gs, prefix: prefix, prefixed: prefixed}
			n.weak = !prefixed && (digitsOnly(gs) && len(gs[0].s) <= 2 || isYear(gs))
			prefix = ""
			if merge && alone && len(out) > 0 && canMerge(out[len(out)-1], n) {
				prev := out[len(out)-1]
				out[len(out)-1] = number{
					written: prev.written + " " + n.written, groups: append(append([]group{}, prev.groups...), n.groups...),
					prefix: prev.prefix, prefixed: prev.prefixed, parts: []number{prev, n},
				}
				continue
			}
			out = append(out, n)
			mergeNext = alone
		}
		merge = mergeNext
	}
	kept := out[:0]
	for _, n := range out {
		if !n.weak {
			kept = append(kept, n)
		}
	}
	return kept
}

// softSeps separate the groups of one number; trimmed at its ends.
const softSeps = "-/.:#_°º*"

// isHardDelim separates numbers within a word ("12,13", "(F2024-0012)").
func isHardDelim(r rune) bool {
	switch r {
	case ',', ';', '+', '&', '(', ')', '[', ']', '{', '}', '<', '>', '"', '\'', '’', '=', '|', '!', '?', '«', '»':
		return true
	}
	return false
}

// written is the number as shown: the word without an invoice word in
// front ("N°FA-000123" → "FA-000123", "FACT2024-0012" → "2024-0012",
// "INV/F2024-0012" → "F2024-0012"), keeping a house prefix that the
// digits follow ("F2024/12", "INV-7781").
func written(p string, gs []group) string {
	k := 0
	for k < len(gs)-1 && !gs[k].digit && prefixWords[gs[k].s] && (!houseWords[gs[k].s] || !gs[k+1].digit) {
		k++
	}
	return p[gs[k].at:]
}

func hasDigitGroup(gs []group) bool {
	for _, g := range gs {
		if g.digit {
			return true
		}
	}
	return false
}

func digitsOnly(gs []group) bool { return len(gs) == 1 && gs[0].digit }

// isYear reports whether the groups are a lone year 1990–2099.
func isYear(gs []group) bool {
	return digitsOnly(gs) && len(gs[0].s) == 4 && (gs[0].s[:2] == "20" || gs[0].s[:3] == "199")
}

// canMerge reports whether two numbers written apart are one: a year,
// maybe after a house prefix ("2024", "F2024"), then a digit group
// ("2024 0012").
func canMerge(a, b number) bool {
	if len(a.parts) > 0 || a.rf || len(a.groups) > 2 || !digitsOnly(b.groups) || len(b.groups[0].s) < 2 || len(b.groups[0].s) > 6 {
		return false
	}
	last := a.groups[len(a.groups)-1]
	if len(a.groups) == 2 && (a.groups[0].digit || !prefixWords[a.groups[0].s]) {
		return false
	}
	return isYear([]group{last})
}

// isDate recognizes 31/12/2024, 31.12.24, 2024-12-31, 31/12 and 12/2024.
func isDate(p string) bool {
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	v := make([]int, len(parts))
	for i, s := range parts {
		if len(s) > 4 {
			return false
		}
		for j := 0; j < len(s); j++ {
			if !isDigit(s[j]) {
				return false
			}
			v[i] = v[i]*10 + int(s[j]-'0')
		}
	}
	day := func(d int) bool { return d >= 1 && d <= 31 }
	month := func(m int) bool { return m >= 1 && m <= 12 }
	year := func(s string, y int) bool { return len(s) == 2 || len(s) == 4 && y >= 1990 && y <= 2099 }
	if len(parts) == 3 {
		if len(parts[0]) <= 2 && len(parts[1]) <= 2 {
			return day(v[0]) && month(v[1]) && year(parts[2], v[2])
		}
		return len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2 && year(parts[0], v[0]) && month(v[1]) && day(v[2])
	}
	if len(parts[0]) <= 2 && len(parts[1]) <= 2 {
		return day(v[0]) && month(v[1])
	}
	return len(parts[0]) <= 2 && len(parts[1]) == 4 && month(v[0]) && year(parts[1], v[1])
}

// isAmount reports whether fields[i] is an amount: digits followed or
// preceded by a currency ("150,00 EUR", "EUR 150.00", "150€"), or digits
// with a decimal comma and two decimals ("1 234,56"), except right after
// an invoice word, where "12,13" lists two invoices.
func isAmount(fields []string, i int, prefixed bool) bool {
	f := fields[i]
	core, cur := trimCurrency(f)
	if core == "" {
		return false
	}
	if !cur {
		cur = i+1 < len(fields) && isCurrency(fields[i+1]) || i > 0 && isCurrency(fields[i-1])
	}
	dec := -1
	for j := 0; j < len(core); j++ {
		switch c := core[j]; {
		case isDigit(c):
		case c == ',' || c == '.' || c == '\'':
			dec = j
		default:
			return false
		}
	}
	if cur {
		return true
	}
	return !prefixed && dec > 0 && core[dec] == ',' && len(core)-dec-1 == 2
}

// trimCurrency cuts a trailing "€" or "EUR" off a word.
func trimCurrency(f string) (string, bool) {
	for _, c := range []string{"€", "EUR", "eur", "Eur"} {
		if strings.HasSuffix(f, c) && len(f) > len(c) {
			return strings.TrimSuffix(f, c), true
		}
	}
	return f, false
}

func isCurrency(f string) bool {
	switch strings.ToLower(strings.Trim(f, ".,;")) {
	case "€", "eur", "euro", "euros":
		return true
	}
	return false
}

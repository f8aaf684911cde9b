package reconcile

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// An invoice number, as stored or as typed in a remittance text, is read
// as groups: runs of letters and runs of digits, whatever separates them
// ("F2024-0012" → f, 2024, 0012). Its keys drop what people change when
// they type it again: case, accents, separators, leading zeros, the
// invoice word in front.

// group is a run of letters or of digits.
type group struct {
	s     string // folded lower-case letters, or the digits as written
	digit bool
	at    int // byte offset of the run in the text it was read from
}

// splitGroups cuts s into runs of letters and runs of digits; anything
// else separates them.
func splitGroups(s string) []group {
	var out []group
	start, kind := -1, 0 // kind: 1 letters, 2 digits
	var b strings.Builder
	flush := func() {
		if start >= 0 && b.Len() > 0 {
			out = append(out, group{s: b.String(), digit: kind == 2, at: start})
		}
		b.Reset()
		start, kind = -1, 0
	}
	for i, r := range s {
		k := 0
		var letters string
		switch {
		case '0' <= r && r <= '9':
			k = 2
		case 'a' <= r && r <= 'z':
			k, letters = 1, string(r)
		case 'A' <= r && r <= 'Z':
			k, letters = 1, string(r+'a'-'A')
		case r >= utf8.RuneSelf && unicode.IsLetter(r) && r != 'º' && r != 'ª':
			if letters = receivable.Fold(string(r)); letters != "" {
				k = 1
			}
		}
		if k != kind {
			flush()
		}
		if k == 0 {
			continue
		}
		if start < 0 {
			start, kind = i, k
		}
		if k == 2 {
			b.WriteRune(r)
		} else {
			b.WriteString(letters)
		}
	}
	flush()
	return out
}

// prefixWords are the words put before an invoice number: they are not
// part of it ("FACT 2024-0012", "N° 12", "INV-7781" typed "7781").
var prefixWords = map[string]bool{
	"f": true, "fa": true, "fac": true, "fact": true, "facture": true, "factures": true, "fct": true,
	"ft": true, "fae": true, "inv": true, "invoice": true, "invoices": true, "av": true,
	"avoir": true, "avoirs": true, "n": true, "no": true, "nos": true, "num": true, "numero": true,
	"numeros": true, "nr": true, "nb": true, "ref": true, "refs": true, "reference": true,
	"references": true, "fre": true, "fc": true,
}

// houseWords are the prefix words an invoice number itself often starts
// with ("F2024-0012", "FA-000123", "INV-7781", "AV-0003"): they stay in
// the number ExtractNumbers shows, where an "N°" or a "FACT" is dropped.
var houseWords = map[string]bool{"f": true, "fa": true, "inv": true, "av": true, "fc": true}

// joinWords link the numbers of a list ("fac 12 et 13").
var joinWords = map[string]bool{"et": true, "and": true, "ou": true, "or": true}

// keys are the normalized forms of one number, from the most to the
// least faithful.
type keys struct {
	full        string // every group, digits without leading zeros: "f.2024.12"
	compact     string // every character, leading zeros trimmed: "f20240012"
	norm        string // full without the leading prefix words: "2024.12"
	compactNorm string // compact without them: "20240012"
	digits      string // the digit groups only: "2024.12"
	last        string // the last digit group: "12"
}

// keysOf computes the keys of groups; prefix is a prefix word written
// apart in front of them ("F 2024-0012"), kept only in full and compact.
func keysOf(gs []group, prefix string) keys {
	var k keys
	body := 0
	for body < len(gs)-1 && !gs[body].digit && prefixWords[gs[body].s] {
		body++
	}
	var full, compact, norm, compactNorm, digits []string
	if prefix != "" {
		full, compact = append(full, prefix), append(compact, prefix)
	}
	for i, g := range gs {
		v := g.s
		if g.digit {
			v = stripZeros(g.s)
			digits = append(digits, v)
			k.last = v
		}
		full, compact = append(full, v), append(compact, g.s)
		if i >= body {
			norm, compactNorm = append(norm, v), append(compactNorm, g.s)
		}
	}
	k.full = strings.Join(full, ".")
	k.compact = stripZeros(strings.Join(compact, ""))
	k.norm = strings.Join(norm, ".")
	k.compactNorm = stripZeros(strings.Join(compactNorm, ""))
	k.digits = strings.Join(digits, ".")
	return k
}

// stripZeros drops the leading zeros of s, keeping one for an all-zero s.
func stripZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

// distinctive reports whether a key is long enough that a hit is
// unlikely to be chance: "2024.12", "us.20291092", "inv.7781", "fa.123"
// are; "7781", "123" are not.
func distinctive(key string) bool {
	digits, letters, groups := 0, 0, 1
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.':
			groups++
		default:
			letters++
		}
	}
	return digits >= 5 || digits >= 4 && (letters > 0 || groups > 1) || digits >= 3 && letters >= 2
}

// countDigits counts the digits of a key.
func countDigits(key string) int {
	n := 0
	for i := 0; i < len(key); i++ {
		if '0' <= key[i] && key[i] <= '9' {
			n++
		}
	}
	return n
}

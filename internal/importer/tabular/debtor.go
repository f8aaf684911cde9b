package tabular

import (
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// identDigits strips the spaces, dots and dashes people put in a SIREN
// or SIRET ("552 100 554 00013"); ok is false when anything but digits
// remains.
func identDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0' || r == '\u202f':
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// parseSIREN reads a SIREN column, which some files fill with the SIRET:
// a valid 14-digit SIRET gives both.
func parseSIREN(s string) (siren, siret string, ok bool) {
	d, ok := identDigits(s)
	switch {
	case !ok:
		return "", "", false
	case len(d) == 9 && ledger.ValidSIREN(d):
		return d, "", true
	case len(d) == 14 && ledger.ValidSIRET(d):
		return d[:9], d, true
	}
	return "", "", false
}

// parseSIRET reads a SIRET column.
func parseSIRET(s string) (string, bool) {
	d, ok := identDigits(s)
	if !ok || len(d) != 14 || !ledger.ValidSIRET(d) {
		return "", false
	}
	return d, true
}

// parseVAT reads an intra-community VAT number: a country prefix and 2 to
// 13 letters or digits. A French number's key is checked against its
// SIREN, which it also gives.
func parseVAT(s string) (vat, siren string, ok bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0' || r == '\u202f':
		default:
			return "", "", false
		}
	}
	v := b.String()
	if len(v) < 4 || len(v) > 15 || v[0] < 'A' || v[1] < 'A' || v[0] > 'Z' || v[1] > 'Z' {
		return "", "", false
	}
	if !strings.HasPrefix(v, "FR") {
		return v, "", true
	}
	if len(v) != 13 || !isDigits(v[4:]) || !ledger.ValidSIREN(v[4:]) {
		return "", "", false
	}
	if isDigits(v[2:4]) {
		n, _ := strconv.Atoi(v[4:])
		key, _ := strconv.Atoi(v[2:4])
		if key != (12+3*(n%97))%97 {
			return "", "", false
		}
	}
	return v, v[4:], true
}

// parseEmail reads an email column. Several addresses ("a@x.fr; b@y.fr")
// are accepted when each is well formed; the first is kept.
func parseEmail(s string) (string, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' })
	if len(parts) == 0 {
		return "", false
	}
	for _, p := range parts {
		if !validEmail(strings.TrimPrefix(p, "mailto:")) {
			return "", false
		}
	}
	return strings.TrimPrefix(parts[0], "mailto:"), true
}

// validEmail checks the shape of an address: one @, something before,
// a dotted domain after, no spaces or brackets.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " <>()[]\\\",:\t") || strings.Contains(domain, "@") {
		return false
	}
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.Contains(domain, "..") || strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") {
		return false
	}
	return true
}

// countryNames maps the country names and ISO 3166 alpha-3 codes files
// use, folded, to alpha-2 codes.
var countryNames = map[string]string{
	"france": "FR", "fra": "FR", "belgique": "BE", "belgium": "BE", "bel": "BE",
	"suisse": "CH", "switzerland": "CH", "che": "CH", "luxembourg": "LU", "lux": "LU",
	"allemagne": "DE", "germany": "DE", "deu": "DE", "espagne": "ES", "spain": "ES", "esp": "ES",
	"italie": "IT", "italy": "IT", "ita": "IT", "monaco": "MC", "mco": "MC",
	"royaume uni": "GB", "united kingdom": "GB", "gbr": "GB", "pays bas": "NL", "netherlands": "NL",
	"nld": "NL", "portugal": "PT", "prt": "PT", "irlande": "IE", "ireland": "IE", "irl": "IE",
	"autriche": "AT", "austria": "AT", "aut": "AT", "etats unis": "US", "united states": "US",
	"usa": "US", "canada": "CA", "can": "CA", "andorre": "AD", "andorra": "AD", "and": "AD",
	"guadeloupe": "GP", "martinique": "MQ", "guyane": "GF", "reunion": "RE", "la reunion": "RE",
	"mayotte": "YT", "nouvelle caledonie": "NC", "polynesie francaise": "PF",
}

// parseCountry reads a country, folded, as an ISO 3166 alpha-2 code.
func parseCountry(f string) (string, bool) {
	if c, ok := countryNames[f]; ok {
		return c, true
	}
	if len(f) == 2 && f[0] >= 'a' && f[0] <= 'z' && f[1] >= 'a' && f[1] <= 'z' {
		return strings.ToUpper(f), true
	}
	return "", false
}

// postalCode restores the leading zero a spreadsheet drops from a French
// postal code stored as a number ("1000" for 01000, Ain).
func postalCode(s, country string) string {
	if len(s) == 4 && isDigits(s) && (country == "" || country == "FR") {
		return "0" + s
	}
	return s
}

// termWords may follow the number of days of a payment term.
var termWords = map[string]bool{
	"": true, "j": true, "jour": true, "jours": true, "jours net": true, "jours nets": true,
	"net": true, "d": true, "day": true, "days": true, "days net": true,
}

// parseTermDays reads a payment term as a number of days: "30", "30 j",
// "à 30 jours", "Net 30" (folded is s folded). known is false for terms that are not a plain
// number of days ("45 jours fin de mois", "comptant"), kept as words;
// bad is set for a negative or implausible number.
func parseTermDays(s, folded string) (days int, known, bad bool) {
	if strings.HasPrefix(strings.TrimSpace(s), "-") {
		return 0, false, true
	}
	words := strings.Fields(folded)
	if len(words) > 0 && words[0] == "a" {
		words = words[1:]
	}
	if len(words) == 2 && words[0] == "net" {
		words[0], words[1] = words[1], ""
	}
	if len(words) == 0 || !isDigits(words[0]) {
		return 0, false, false
	}
	if !termWords[strings.TrimSpace(strings.Join(words[1:], " "))] {
		return 0, false, false
	}
	if len(words[0]) > 3 {
		return 0, false, true
	}
	n, _ := strconv.Atoi(words[0])
	if n > 365 {
		return 0, false, true
	}
	return n, true, false
}

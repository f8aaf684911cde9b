package receivable

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/recouvre/recouvre/internal/ledger"
)

// Fold lowers s and strips its accents and punctuation to single spaces:
// "Centre Hospitalier d'Arles" → "centre hospitalier d arles". It runs on
// every line of a large import: the letters of French names are mapped
// directly, only rarer ones go through Unicode decomposition.
func Fold(s string) string {
	b := make([]byte, 0, len(s))
	space := true
	for _, r := range s {
		r = unicode.ToLower(r)
		var base string
		switch {
		case r < utf8.RuneSelf:
			if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
				b = append(b, byte(r))
				space = false
				continue
			}
		case strings.ContainsRune("àâäáãå", r):
			base = "a"
		case strings.ContainsRune("éèêë", r):
			base = "e"
		case strings.ContainsRune("îïíì", r):
			base = "i"
		case strings.ContainsRune("ôöóòõø", r):
			base = "o"
		case strings.ContainsRune("ûüúù", r):
			base = "u"
		case r == 'ç':
			base = "c"
		case r == 'ÿ' || r == 'ý':
			base = "y"
		case r == 'ñ':
			base = "n"
		case r == 'œ':
			base = "oe"
		case r == 'æ':
			base = "ae"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			base = stripMarks(r)
		}
		if base != "" {
			b = append(b, base...)
			space = false
		} else if !space {
			b = append(b, ' ')
			space = true
		}
	}
	return strings.TrimSpace(string(b))
}

// stripMarks decomposes one letter and drops its combining marks.
func stripMarks(r rune) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, string(r))
	if err != nil || out == "" {
		return string(r)
	}
	return out
}

// kindWords maps the words a "Type client" column holds to a kind.
var kindWords = map[string]ledger.DebtorKind{
	"particulier": ledger.KindConsumer, "particuliers": ledger.KindConsumer, "b2c": ledger.KindConsumer,
	"consommateur": ledger.KindConsumer, "consumer": ledger.KindConsumer, "individual": ledger.KindConsumer,
	"personne physique": ledger.KindConsumer, "private": ledger.KindConsumer, "c": ledger.KindConsumer,
	"professionnel": ledger.KindBusiness, "professionnels": ledger.KindBusiness, "pro": ledger.KindBusiness,
	"b2b": ledger.KindBusiness, "entreprise": ledger.KindBusiness, "societe": ledger.KindBusiness,
	"business": ledger.KindBusiness, "company": ledger.KindBusiness, "personne morale": ledger.KindBusiness,
	"commercant": ledger.KindBusiness, "p": ledger.KindBusiness,
	"public": ledger.KindPublic, "publique": ledger.KindPublic, "b2g": ledger.KindPublic,
	"administration": ledger.KindPublic, "collectivite": ledger.KindPublic, "organisme public": ledger.KindPublic,
	"secteur public": ledger.KindPublic, "acheteur public": ledger.KindPublic, "government": ledger.KindPublic,
}

// ParseKind reads the value of a "Type client" column; ok is false for a
// value it does not know.
func ParseKind(s string) (ledger.DebtorKind, bool) {
	k, ok := kindWords[Fold(s)]
	return k, ok
}

// legalForms are the words of a business name that say it is a company.
var legalForms = map[string]bool{
	"sarl": true, "sas": true, "sasu": true, "sa": true, "eurl": true, "sci": true, "snc": true, "scp": true,
	"scm": true, "selarl": true, "selas": true, "selafa": true, "selca": true, "gie": true, "gaec": true,
	"earl": true, "scea": true, "scop": true, "scic": true, "sca": true, "scs": true, "sem": true, "spl": true,
	"eirl": true, "ei": true, "micro entreprise": true, "ste": true, "societe": true, "ets": true,
	"etablissements": true, "holding": true, "ltd": true, "llc": true, "inc": true, "gmbh": true, "ag": true,
	"bv": true, "nv": true, "srl": true, "spa": true, "sl": true, "plc": true, "se": true,
}

// publicWords are the beginnings of a public body's name.
var publicWords = []string{
	"mairie", "commune de", "ville de", "departement", "conseil departemental", "conseil general",
	"region", "conseil regional", "centre hospitalier", "chu", "chr", "hopital", "ehpad public",
	"universite", "lycee", "college", "ecole publique", "ecole primaire", "ecole maternelle", "groupe scolaire",
	"ministere", "prefecture", "sous prefecture", "tresor public", "dgfip", "direction generale",
	"communaute de communes", "communaute d agglomeration", "communaute urbaine", "metropole",
	"syndicat intercommunal", "syndicat mixte", "sivom", "sivu", "ccas", "cias", "sdis", "office public",
	"etablissement public", "assistance publique", "agence regionale de sante", "caisse primaire",
	"rectorat", "academie de", "conservatoire municipal", "etat",
}

// InferKind guesses a debtor's kind from what the file says of them when
// no column gives it: a SIREN or SIRET, or a legal form in the name, means
// a business; a public body's name means public; anything else a
// consumer. The guess is shown to the user, who confirms or corrects it.
func InferKind(name, siren, siret string) (ledger.DebtorKind, KindSource) {
	f := " " + Fold(name) + " "
	for _, w := range publicWords {
		if strings.HasPrefix(f, " "+w+" ") {
			return ledger.KindPublic, KindInferred
		}
	}
	if digitsOnly(siren) != "" || digitsOnly(siret) != "" {
		return ledger.KindBusiness, KindFromIdentity
	}
	words := strings.Fields(f)
	for i, w := range words {
		if legalForms[w] || (i+1 < len(words) && legalForms[w+" "+words[i+1]]) {
			return ledger.KindBusiness, KindFromIdentity
		}
	}
	// "S.A.R.L." folds to "s a r l": join runs of single letters.
	var run strings.Builder
	for _, w := range append(words, "") {
		if len(w) == 1 {
			run.WriteString(w)
			continue
		}
		if run.Len() > 1 && legalForms[run.String()] {
			return ledger.KindBusiness, KindFromIdentity
		}
		run.Reset()
	}
	return ledger.KindConsumer, KindInferred
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if r != ' ' && r != '.' && r != '-' {
			return ""
		}
	}
	if b.Len() != 9 && b.Len() != 14 {
		return ""
	}
	return b.String()
}

// FillKind sets d.Kind by InferKind when the file gave none.
func (d *Debtor) FillKind() {
	if d.Kind != "" {
		return
	}
	d.Kind, d.KindSource = InferKind(d.Name, d.SIREN, d.SIRET)
}

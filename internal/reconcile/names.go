package reconcile

import (
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// A name is compared as the set of its words, folded (case, accents,
// punctuation: receivable.Fold), without the words that say what kind of
// person it is — legal forms ("SARL", "S.A.S."), titles ("M.", "Mme") —
// nor the bank's own words around it ("VIR SEPA DE"). Word order does not
// matter: "DUPONT JEAN" is "Jean Dupont".

// dropWords are the words left out of a name.
var dropWords = map[string]bool{
	// legal forms
	"sarl": true, "sas": true, "sasu": true, "sa": true, "eurl": true, "sci": true, "snc": true, "scp": true,
	"scm": true, "selarl": true, "selas": true, "gie": true, "gaec": true, "earl": true, "scea": true,
	"scop": true, "eirl": true, "ei": true, "ste": true, "societe": true, "ets": true, "etablissements": true,
	"ltd": true, "llc": true, "inc": true, "gmbh": true, "srl": true,
	// titles
	"m": true, "mr": true, "mme": true, "mlle": true, "mm": true, "monsieur": true, "madame": true,
	"mademoiselle": true, "messieurs": true, "dr": true, "me": true, "epoux": true, "ou": true, "et": true,
	// what banks put around a payer's name
	"vir": true, "virement": true, "sepa": true, "recu": true, "de": true, "inst": true, "instantane": true,
	"prlv": true, "sct": true, "from": true, "ordre": true, "donneur": true,
}

// nameWords returns the significant words of a name, sorted and unique.
func nameWords(name string) []string {
	words := strings.Fields(receivable.Fold(name))
	out := make([]string, 0, len(words))
	run := ""
	flush := func() {
		if len(run) > 1 && !dropWords[run] {
			out = append(out, run)
		}
		run = ""
	}
	for _, w := range words {
		// "S.A.R.L." folds to "s a r l": single letters are joined back.
		if len(w) == 1 {
			run += w
			continue
		}
		flush()
		if !dropWords[w] {
			out = append(out, w)
		}
	}
	flush()
	slices.Sort(out)
	return slices.Compact(out)
}

// nameKey is the exact-match key of a name: its words, sorted.
func nameKey(words []string) string { return strings.Join(words, " ") }

// nameLevel says how well a payer's name designates a debtor.
type nameLevel int

const (
	nameNone      nameLevel = iota
	nameAmbiguous           // the payer's name fits several debtors
	nameWordsFit            // one debtor's words contain the payer's, or the other way round
	nameExact               // the same words, and no other debtor has them
)

// contains reports whether the sorted words a hold every word of b; one
// word of b may be the beginning of a word of a (a bank truncates long
// names) if it has three letters, or two beside two whole words.
func contains(a, b []string) bool {
	whole := 0
	for _, w := range b {
		if _, ok := slices.BinarySearch(a, w); ok {
			whole++
		}
	}
	cut := false
	for _, w := range b {
		if _, ok := slices.BinarySearch(a, w); ok {
			continue
		}
		if cut || len(w) < 2 || len(w) == 2 && whole < 2 {
			return false
		}
		found := false
		for _, v := range a {
			if strings.HasPrefix(v, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
		cut = true
	}
	return true
}

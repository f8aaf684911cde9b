package reconcile

import (
	"cmp"
	"slices"
)

// namesOf finds the debtors a payer's name designates: the same words,
// else the debtors whose words hold the payer's ("DUPONT" for Jean
// Dupont) or are held by them ("M JEAN DUPONT OU MME").
func (m *Matcher) namesOf(ev *evidence, words []string) {
	if len(words) == 0 {
		return
	}
	fits := m.nameFits(words)
	if same := m.byName[nameKey(words)]; len(same) > 0 {
		switch {
		case len(same) == 1 && len(fits) == 1:
			ev.names[m.debtors[same[0]].ID] = nameExact
		case len(same) == 1 && len(fits) <= maxNameDebtors:
			// "CARROSSERIE ROCHE" is Carrosserie Roche, or maybe
			// Carrosserie Roche et Fils.
			for i := range fits {
				ev.names[m.debtors[i].ID] = nameAmbiguous
			}
			ev.names[m.debtors[same[0]].ID] = nameWordsFit
		case len(same) <= maxNameDebtors:
			for _, i := range same {
				ev.names[m.debtors[i].ID] = nameAmbiguous
			}
		}
		return
	}
	m.setFits(ev, fits)
}

// nameFits returns the debtors whose words hold the payer's or are held
// by them (the same words included).
func (m *Matcher) nameFits(words []string) map[int32]bool {
	fits := map[int32]bool{}
	// Debtors holding every word of the payer's: those in the lists of
	// all its known words (one word may be cut short, and unknown).
	var lists [][]int32
	for _, w := range words {
		if ds, ok := m.byWord[w]; ok {
			lists = append(lists, ds)
		}
	}
	if significant(words) && len(lists) > 0 && len(lists) >= len(words)-1 {
		slices.SortFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
	next:
		for _, i := range capped(lists[0]) {
			for _, l := range lists[1:] {
				if _, ok := slices.BinarySearch(l, i); !ok {
					continue next
				}
			}
			if contains(m.debtorWords[i], words) {
				fits[i] = true
			}
		}
	}
	// Debtors whose every word the payer's name holds.
	m.heldBy(words, func(i int32) {
		if dw := m.debtorWords[i]; !fits[i] && significant(dw) && contains(words, dw) {
			fits[i] = true
		}
	})
	return fits
}

// maxHeldWords bounds the words of a text searched for whole names.
const maxHeldWords = 40

// heldBy calls f with the debtors whose two rarest words (or one word)
// are among words, sorted: those whose every word words may hold.
func (m *Matcher) heldBy(words []string, f func(int32)) {
	words = words[:min(len(words), maxHeldWords)]
	for j, a := range words {
		for _, i := range m.byRare[a] {
			f(i)
		}
		for _, b := range words[j+1:] {
			for _, i := range m.byRare[a+" "+b] {
				f(i)
			}
		}
	}
}

// namesInText finds the debtors whose whole name the text of an entry
// without a counterparty holds ("VIR SEPA RECU /DE JEAN DUPONT /MOTIF …").
func (m *Matcher) namesInText(ev *evidence, words []string) {
	fits := map[int32]bool{}
	m.heldBy(words, func(i int32) {
		if dw := m.debtorWords[i]; !fits[i] && len(dw) >= 2 && contains(words, dw) {
			fits[i] = true
		}
	})
	m.setFits(ev, fits)
}

// setFits records the debtors a name fits: one is a fit, a few are
// ambiguous, many are nothing.
func (m *Matcher) setFits(ev *evidence, fits map[int32]bool) {
	switch {
	case len(fits) == 1:
		for i := range fits {
			ev.names[m.debtors[i].ID] = nameWordsFit
		}
	case len(fits) <= maxNameDebtors:
		for i := range fits {
			ev.names[m.debtors[i].ID] = nameAmbiguous
		}
	}
}

// significant reports whether words say enough of a name to designate
// someone: two words, or one of four letters or more.
func significant(words []string) bool {
	return len(words) >= 2 || len(words) == 1 && len(words[0]) >= 4
}

// capped bounds the debtors looked at for one word of a name: a word
// hundreds of debtors share ("transports") designates none of them.
func capped(ds []int32) []int32 {
	if len(ds) > 500 {
		return nil
	}
	return ds
}

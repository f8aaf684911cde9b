package reconcile

import (
	"slices"
	"strings"
)

// lookupRefs looks a number up, from the most faithful key to the least,
// and records the documents of the first level that finds any; it
// reports whether it found some.
func (m *Matcher) lookupRefs(ev *evidence, n number) bool {
	if n.rf {
		body := strings.ToLower(stripZeros(rfBody(n.written)))
		for _, lv := range []uint8{lvCompact, lvCompactNorm} {
			if hits := m.hits(ev, lv, body); len(hits) > 0 {
				m.addRefs(ev, n.written, hits, ptsRF, CodeRF)
				return true
			}
		}
		return false
	}
	if len(n.parts) > 0 {
		if m.lookupNumber(ev, n) {
			return true
		}
		found := true
		for _, p := range n.parts {
			if !p.weak {
				found = m.lookupNumber(ev, p) && found
			}
		}
		return found
	}
	return m.lookupNumber(ev, n)
}

// lookupNumber looks one number up; it reports whether it found any
// document.
func (m *Matcher) lookupNumber(ev *evidence, n number) bool {
	type try struct {
		lv        uint8
		key       string
		minDigits int
	}
	// When the number is typed with leading zeros, the keys that keep
	// them come first: "2025-0058" is F2025-0058 rather than 2025/00058,
	// "2025-00058" the other way round. Otherwise, zeros are what people
	// drop: "2025-58" may be either.
	own, with := keysOf(n.groups, ""), keys{}
	if n.prefix != "" {
		with = keysOf(n.groups, n.prefix)
	}
	zeros := []try{{lvCompact, with.compact, 2}, {lvCompact, own.compact, 2}, {lvCompactNorm, own.compactNorm, 3}}
	stripped := []try{{lvFull, with.full, 2}, {lvFull, own.full, 2}, {lvNorm, own.norm, 3}, {lvDigits, own.digits, 3}}
	tries := append(stripped, zeros...)
	if leadingZero(n.groups) {
		tries = append(zeros, stripped...)
	}
	// The first key that finds documents wins, with the later levels of
	// the same key: "2025-58" is as much F2025-0058 (its key without the
	// F) as 2025/00058 (its whole key).
	var hits []int32
	found := ""
	for _, t := range tries {
		if d := countDigits(t.key); t.key == "" || d < t.minDigits && (d == 0 || !hasLetter(t.key)) || found != "" && t.key != found {
			continue
		}
		for _, i := range m.hits(ev, t.lv, t.key) {
			if !slices.Contains(hits, i) {
				hits = append(hits, i)
			}
		}
		if len(hits) > 0 {
			found = t.key
		}
	}
	if found == "" {
		return false
	}
	pts := ptsWeak
	if distinctive(found) {
		pts = ptsStrong
	}
	m.addRefs(ev, n.written, hits, pts, CodeNumber)
	return true
}

// hasLetter reports whether a key holds a letter ("fa.8").
func hasLetter(key string) bool {
	return strings.ContainsFunc(key, func(r rune) bool { return r >= 'a' && r <= 'z' })
}

// leadingZero reports whether a group of digits is written with leading
// zeros.
func leadingZero(gs []group) bool {
	for _, g := range gs {
		if g.digit && len(g.s) > 1 && g.s[0] == '0' {
			return true
		}
	}
	return false
}

// hits returns the documents of a key in the payment's currency.
func (m *Matcher) hits(ev *evidence, lv uint8, key string) []int32 {
	var out []int32
	for _, r := range m.byKey[key] {
		if r.levels&lv != 0 && m.docs[r.doc].Open.Currency == ev.amount.Currency {
			out = append(out, r.doc)
		}
	}
	return out
}

// addRefs records the documents one number designates.
func (m *Matcher) addRefs(ev *evidence, written string, docs []int32, pts int, code string) {
	ambiguous := false
	for _, i := range docs[1:] {
		if m.docs[i].DebtorID != m.docs[docs[0]].DebtorID {
			ambiguous = true
		}
	}
	for _, i := range docs {
		ev.refs = append(ev.refs, refHit{doc: i, written: written, pts: pts, code: code, ambiguous: ambiguous})
	}
}

// lookupLastGroups reads the short numbers of a list ("fac 12 et 13")
// as the ends of the numbers of the debtors the account or the name
// designates.
func (m *Matcher) lookupLastGroups(ev *evidence, numbers []number) {
	debtors := ev.knownDebtors()
	if len(debtors) == 0 {
		return
	}
	for _, n := range numbers {
		if n.rf || !digitsOnly(n.groups) || len(n.groups[0].s) > 6 {
			continue
		}
		last := stripZeros(n.groups[0].s)
		for _, d := range debtors {
			for _, i := range m.byLast[lastKey{d, last}] {
				if m.docs[i].Open.Currency != ev.amount.Currency || ev.cites(i) {
					continue
				}
				ev.refs = append(ev.refs, refHit{doc: i, written: n.written, pts: ptsLastGroup, code: CodeLastGroup})
			}
		}
	}
}

package reconcile

import (
	"cmp"
	"slices"

	"github.com/recouvre/recouvre/internal/money"
)

// Matcher holds a book's indexes. It is built once per statement file
// (NewMatcher); Apply and Learn change it as the file is worked through.
// A Matcher is not safe for concurrent use.
type Matcher struct {
	threshold int
	feeTol    money.Amount
	maxComb   int

	docs     []Invoice // a copy of the book's: Apply lowers Open
	byID     map[int64]int32
	byKey    map[string][]keyRef // a key → the documents having it, at which levels
	byLast   map[lastKey][]int32
	byDebtor map[int64][]int32 // open documents of a debtor, oldest first
	byAmount map[amountKey][]int32

	debtors     []Debtor
	debtorIdx   map[int64]int32
	debtorWords [][]string
	byName      map[string][]int32 // name key → debtors
	byWord      map[string][]int32 // name word → debtors
	byRare      map[string][]int32 // the two rarest words of a debtor's name ("a b"), or its one word → debtors

	ibans map[string]int64
}

// The levels of byKey (see keys). A key string shared by several levels
// of one number ("2024.45" is the full, norm and digits key of
// 2024/00045) is stored once, with the levels as bits.
const (
	lvFull uint8 = 1 << iota
	lvCompact
	lvNorm
	lvCompactNorm
	lvDigits
)

// keyRef is a document having a key at some levels.
type keyRef struct {
	doc    int32
	levels uint8
}

// lastKey finds a debtor's documents by the last digit group of their
// number ("fac 12" for F2024-0012).
type lastKey struct {
	debtor int64
	last   string
}

// amountKey finds the invoices of an open amount.
type amountKey struct {
	minor    int64
	currency money.Currency
}

// NewMatcher indexes a book: invoice numbers under each of their keys,
// documents by debtor (oldest first) and by open amount, debtors by name
// and by the words of their names, and the IBAN memory. The book is
// copied: the matcher never changes it.
func NewMatcher(b Book, o Options) *Matcher {
	m := &Matcher{
		threshold: o.AutoThreshold,
		feeTol:    o.FeeTolerance,
		maxComb:   o.MaxInvoicesPerCombination,
		docs:      slices.Clone(b.Invoices),
		byID:      make(map[int64]int32, len(b.Invoices)),
		byKey:     make(map[string][]keyRef, 3*len(b.Invoices)),
		byLast:    make(map[lastKey][]int32, len(b.Invoices)),
		byDebtor:  map[int64][]int32{},
		byAmount:  make(map[amountKey][]int32, len(b.Invoices)),
		debtors:   slices.Clone(b.Debtors),
		debtorIdx: make(map[int64]int32, len(b.Debtors)),
		byName:    make(map[string][]int32, len(b.Debtors)),
		byWord:    map[string][]int32{},
		byRare:    map[string][]int32{},
		ibans:     make(map[string]int64, len(b.IBANs)),
	}
	if m.threshold <= 0 {
		m.threshold = DefaultAutoThreshold
	}
	m.feeTol.Minor = max(0, min(m.feeTol.Minor, maxMinor))
	if m.maxComb <= 0 {
		m.maxComb = DefaultMaxInvoicesPerCombination
	}
	m.maxComb = min(m.maxComb, maxCombination)
	for i := range m.docs {
		m.indexDoc(int32(i))
	}
	for _, ids := range m.byDebtor {
		slices.SortFunc(ids, m.older)
	}
	for i, d := range m.debtors {
		m.indexDebtor(int32(i), d)
	}
	for i, words := range m.debtorWords {
		if k := m.rareKey(words); k != "" {
			m.byRare[k] = append(m.byRare[k], int32(i))
		}
	}
	for iban, id := range b.IBANs {
		if n := NormalizeIBAN(iban); n != "" && id > 0 {
			m.ibans[n] = id
		}
	}
	return m
}

// indexDoc adds one document to the indexes.
func (m *Matcher) indexDoc(i int32) {
	d := &m.docs[i]
	// A negative open amount is nothing due; one beyond maxMinor is
	// read as maxMinor, so that no sum overflows.
	d.Open.Minor = max(0, min(d.Open.Minor, maxMinor))
	if _, dup := m.byID[d.ID]; dup {
		return
	}
	m.byID[d.ID] = i
	m.byDebtor[d.DebtorID] = append(m.byDebtor[d.DebtorID], i)
	if !d.creditNote() && d.Open.Minor > 0 {
		k := amountKey{d.Open.Minor, d.Open.Currency}
		m.byAmount[k] = append(m.byAmount[k], i)
	}
	gs := splitGroups(d.Number)
	if len(gs) == 0 {
		return
	}
	k := keysOf(gs, "")
	for _, lk := range [...]struct {
		lv  uint8
		key string
	}{{lvFull, k.full}, {lvCompact, k.compact}, {lvNorm, k.norm}, {lvCompactNorm, k.compactNorm}, {lvDigits, k.digits}} {
		if lk.key == "" {
			continue
		}
		refs := m.byKey[lk.key]
		if n := len(refs); n > 0 && refs[n-1].doc == i {
			refs[n-1].levels |= lk.lv
			continue
		}
		m.byKey[lk.key] = append(refs, keyRef{i, lk.lv})
	}
	if k.last != "" {
		lk := lastKey{d.DebtorID, k.last}
		m.byLast[lk] = append(m.byLast[lk], i)
	}
}

// rareKey is the key of byRare: the two words of a name fewest debtors
// share, in alphabetical order, or its one word.
func (m *Matcher) rareKey(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	byRarity := slices.Clone(words)
	slices.SortStableFunc(byRarity, func(a, b string) int { return cmp.Compare(len(m.byWord[a]), len(m.byWord[b])) })
	a, b := byRarity[0], byRarity[1]
	if b < a {
		a, b = b, a
	}
	return a + " " + b
}

// indexDebtor adds one debtor's name to the indexes.
func (m *Matcher) indexDebtor(i int32, d Debtor) {
	words := nameWords(d.Name)
	m.debtorWords = append(m.debtorWords, words)
	if _, dup := m.debtorIdx[d.ID]; dup {
		return
	}
	m.debtorIdx[d.ID] = i
	if len(words) == 0 {
		return
	}
	key := nameKey(words)
	m.byName[key] = append(m.byName[key], i)
	for _, w := range words {
		m.byWord[w] = append(m.byWord[w], i)
	}
}

// older orders documents oldest first: by due date (the issue date when
// there is none; undated last), then issue date, then id.
func (m *Matcher) older(a, b int32) int {
	x, y := &m.docs[a], &m.docs[b]
	dx, dy := x.DueDate, y.DueDate
	if dx.IsZero() {
		dx = x.IssueDate
	}
	if dy.IsZero() {
		dy = y.IssueDate
	}
	switch {
	case dx.IsZero() != dy.IsZero():
		if dx.IsZero() {
			return 1
		}
		return -1
	case dx != dy:
		return dx.Compare(dy)
	case x.IssueDate != y.IssueDate:
		return x.IssueDate.Compare(y.IssueDate)
	}
	return cmp.Compare(x.ID, y.ID)
}

// openDocs returns a debtor's documents still open in currency c, oldest
// first.
func (m *Matcher) openDocs(debtor int64, c money.Currency) []int32 {
	var out []int32
	for _, i := range m.byDebtor[debtor] {
		if d := &m.docs[i]; d.Open.Minor > 0 && d.Open.Currency == c {
			out = append(out, i)
		}
	}
	return out
}

// debtorName returns a debtor's name, "" when unknown.
func (m *Matcher) debtorName(id int64) string {
	if i, ok := m.debtorIdx[id]; ok {
		return m.debtors[i].Name
	}
	return ""
}

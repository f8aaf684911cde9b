package fec

import (
	"cmp"
	"slices"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// openItem is an invoice, credit note or payment of the file, before an
// open one becomes a receivable.Record.
type openItem struct {
	kind    receivable.RecordKind
	amount  int64 // positive
	open    int64 // 0 <= open <= amount
	line    int32 // the first line of the document
	date    day
	debtor  int32
	journal int32
	num     string
	piece   string
	number  string // set by numberItems
	bad     bool   // a line of it has an unreadable date: no record
}

// group is the customer lines of one debtor that share a lettering
// code; the unlettered lines of a debtor make a group too, whose debits
// and credits are not set against each other.
type group struct {
	debtor int32
	letter string
	items  []int32 // indices in book.items, in file order
}

// groups gathers the kept customer lines by debtor and lettering code,
// in the order the groups first appear.
func (b *book) groups() []group {
	type key struct {
		debtor int32
		letter string
	}
	index := map[key]int{}
	var gs []group
	for i := range b.items {
		it := &b.items[i]
		if b.anyAux && b.debtors[it.debtor].account {
			continue
		}
		k := key{it.debtor, it.letter}
		g, ok := index[k]
		if !ok {
			g = len(gs)
			index[k] = g
			gs = append(gs, group{debtor: it.debtor, letter: it.letter})
		}
		gs[g].items = append(gs[g].items, int32(i))
	}
	return gs
}

// documents returns the documents of group g (open or not, since every
// document counts in numbering), Open set to what the group leaves
// unsettled; ok is false when its sums leave the int64 range.
func (b *book) documents(g group, sales func(journal int32) bool) (docs []openItem, ok bool) {
	var total int64 // the balance of a lettering group
	if g.letter != "" {
		for _, i := range g.items {
			if total, ok = checkedAdd(total, b.items[i].amount); !ok {
				return nil, false
			}
		}
	}
	invoices, credits, ok := b.split(g)
	if !ok {
		return nil, false
	}
	switch {
	case g.letter == "":
		// Unlettered: each document is open for its whole amount.
	case total == 0:
		for i := range invoices {
			invoices[i].open = 0
		}
		for i := range credits {
			credits[i].open = 0
		}
	default:
		allocate(invoices, credits)
	}
	for i := range credits {
		credits[i].kind = receivable.Payment
		if sales(credits[i].journal) {
			credits[i].kind = receivable.CreditNote
		}
	}
	return append(invoices, credits...), true
}

// split makes the invoices and credits of group g, each open for its
// whole amount. The debit lines of one entry with one PieceRef are one
// invoice.
func (b *book) split(g group) (invoices, credits []openItem, ok bool) {
	type entry struct {
		journal int32
		num     string
		date    day
		piece   string
	}
	merged := map[entry]int{}
	for _, i := range g.items {
		it := &b.items[i]
		doc := openItem{
			line: it.line, date: it.date, debtor: it.debtor, journal: it.journal,
			num: it.num, piece: it.piece, bad: it.bad,
		}
		if it.amount < 0 {
			doc.amount, doc.open = -it.amount, -it.amount
			credits = append(credits, doc)
			continue
		}
		k := entry{it.journal, it.num, it.entry, it.piece}
		if j, seen := merged[k]; seen {
			inv := &invoices[j]
			if inv.amount, ok = checkedAdd(inv.amount, it.amount); !ok {
				return nil, nil, false
			}
			inv.open = inv.amount
			inv.bad = inv.bad || it.bad
			continue
		}
		merged[k] = len(invoices)
		doc.kind, doc.amount, doc.open = receivable.Invoice, it.amount, it.amount
		invoices = append(invoices, doc)
	}
	return invoices, credits, true
}

// allocate lowers the open amounts of a lettering group: its credits,
// oldest first, settle its invoices, oldest first.
func allocate(invoices, credits []openItem) {
	byDate := func(a, b openItem) int {
		if c := cmp.Compare(a.date, b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.line, b.line)
	}
	slices.SortStableFunc(invoices, byDate)
	slices.SortStableFunc(credits, byDate)
	i := 0
	for c := range credits {
		cr := &credits[c]
		for cr.open > 0 && i < len(invoices) {
			inv := &invoices[i]
			paid := min(cr.open, inv.open)
			cr.open -= paid
			inv.open -= paid
			if inv.open == 0 {
				i++
			}
		}
	}
}

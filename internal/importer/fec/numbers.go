package fec

import (
	"strconv"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// numberItems sets the Number of each document: its PieceRef, else
// JournalCode-EcritureNum.
//
// A Number must name one document: the importer knows invoices and
// credit notes by Number alone, whatever the debtor, and payments by
// debtor and Number. Some packages write a period ("VE  0323") or a
// payment type ("REM CB") as PieceRef, so a Number that several
// documents of the file share, open or settled, grows until it is
// unique: first " (JournalCode-EcritureNum)", then the debtor's ref
// within the brackets (invoices and credit notes), then " #n", n being
// its rank among the documents that still share it. Counting settled
// documents too keeps a Number the same from one export to the next as
// invoices get paid.
//
// docs are in line order.
func numberItems(docs []openItem, b *book, js *journals) {
	base := make([]string, len(docs))
	for i := range docs {
		d := &docs[i]
		base[i] = d.piece
		if base[i] == "" {
			base[i] = entryRef(d, js)
		}
		d.number = base[i]
	}
	widen := []func(i int){
		func(i int) { docs[i].number = base[i] + " (" + entryRef(&docs[i], js) + ")" },
		func(i int) {
			if docs[i].kind != receivable.Payment { // payments are already per debtor
				docs[i].number = base[i] + " (" + entryRef(&docs[i], js) + ", " + b.debtors[docs[i].debtor].ref + ")"
			}
		},
	}
	for _, w := range widen {
		if !shared(docs, w) {
			return
		}
	}
	rank := map[numberKey]int{}
	shared(docs, func(i int) {
		k := keyOf(&docs[i])
		rank[k]++
		docs[i].number += " #" + strconv.Itoa(rank[k])
	})
}

// numberKey is what a Number must be unique within.
type numberKey struct {
	payment bool
	debtor  int32 // payments only
	number  string
}

func keyOf(d *openItem) numberKey {
	if d.kind == receivable.Payment {
		return numberKey{true, d.debtor, d.number}
	}
	return numberKey{number: d.number}
}

// shared calls widen, in line order, with the index of each document
// whose Number another document shares, and reports whether there were
// any.
func shared(docs []openItem, widen func(i int)) bool {
	count := map[numberKey]int{}
	for i := range docs {
		count[keyOf(&docs[i])]++
	}
	found := false
	for i := range docs {
		if count[keyOf(&docs[i])] > 1 {
			widen(i)
			found = true
		}
	}
	return found
}

// entryRef names the entry of a document: JournalCode-EcritureNum.
func entryRef(d *openItem, js *journals) string {
	return js.list[d.journal].code + "-" + d.num
}

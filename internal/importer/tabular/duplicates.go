package tabular

import (
	"hash/maphash"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// duplicates remembers each document number read, to tell a number read
// twice with different content (an error) from a line repeated as is
// (skipped). It keeps one small entry per number — hashes of the number
// and of the content, and the line — never the rows. Two numbers of equal
// 64-bit hash (odds of about 1 in 10^7 for a million invoices) would be
// reported as a duplicate.
type duplicates struct {
	seed maphash.Seed
	seen map[uint64]dupEntry
}

type dupKey struct {
	kind   receivable.RecordKind
	number string
}

type dupEntry struct {
	line int
	sum  uint64
}

// dupContent is what a record says, its line aside.
type dupContent struct {
	amount, open    money.Amount
	hasOpen         bool
	issue, due      civil.Date
	debtorRef, name string
}

// check notes rec and returns the line where its number was first read
// (0 the first time) and whether the content was the same then.
func (d *duplicates) check(rec receivable.Record) (first int, same bool) {
	if d.seen == nil {
		d.seed, d.seen = maphash.MakeSeed(), map[uint64]dupEntry{}
	}
	key := maphash.Comparable(d.seed, dupKey{rec.Kind, rec.Number})
	sum := maphash.Comparable(d.seed, dupContent{
		rec.Amount, rec.Open, rec.HasOpen, rec.IssueDate, rec.DueDate, rec.Debtor.Ref, rec.Debtor.Name,
	})
	if e, ok := d.seen[key]; ok {
		return e.line, e.sum == sum
	}
	d.seen[key] = dupEntry{line: rec.Line, sum: sum}
	return 0, false
}

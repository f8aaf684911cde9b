package tabular

import (
	"hash/maphash"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// duplicates remembers each document number read, to tell a number read
// twice with different content (an error) from a line repeated as is
// (skipped). It keeps one 16-byte entry per number — the number's 64-bit
// hash, and the line and a 32-bit hash of the content packed in one word —
// never the rows. Two numbers of equal 64-bit hash (odds of about 1 in
// 10^7 for a million invoices) would be reported as a duplicate.
type duplicates struct {
	seed maphash.Seed
	seen map[uint64]uint64
}

type dupKey struct {
	kind   receivable.RecordKind
	number string
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
		d.seed, d.seen = maphash.MakeSeed(), map[uint64]uint64{}
	}
	key := maphash.Comparable(d.seed, dupKey{rec.Kind, rec.Number})
	sum := uint32(maphash.Comparable(d.seed, dupContent{
		rec.Amount, rec.Open, rec.HasOpen, rec.IssueDate, rec.DueDate, rec.Debtor.Ref, rec.Debtor.Name,
	}))
	if e, ok := d.seen[key]; ok {
		return int(e >> 32), uint32(e) == sum
	}
	d.seen[key] = uint64(uint32(rec.Line))<<32 | uint64(sum)
	return 0, false
}

package fec

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// emit works out what is open once the file is read and hands it to the
// sink in line order, with the issues that needed the whole file.
func (p *parser) emit(ctx context.Context) error {
	b := p.book
	var late []receivable.Issue
	if b.anyAux {
		for i := range b.items {
			if it := &b.items[i]; b.debtors[it.debtor].account {
				late = append(late, receivable.Issue{Line: int(it.line), Column: p.h.name(fCompAuxNum), Key: keyNoDebtor})
			}
		}
	}
	sales := make([]bool, len(p.journals.list))
	for i := range p.journals.list {
		sales[i] = p.journals.list[i].sales()
	}
	isSales := func(j int32) bool { return sales[j] }
	var docs []openItem
	for _, g := range b.groups() {
		out, ok := b.documents(g, isSales)
		if !ok {
			first := &b.items[g.items[0]]
			// The first line's amount, written as the FEC writes it.
			v := strings.Replace(money.Decimal(money.New(max(first.amount, -first.amount), p.s.currency)), ".", ",", 1)
			late = append(late, receivable.Issue{
				Line: int(first.line), Column: p.amountColumn(first.amount), Value: v, Key: keyAmountTooLarge, Args: []any{v},
			})
			continue
		}
		docs = append(docs, out...)
	}
	slices.SortStableFunc(docs, func(a, b openItem) int { return cmp.Compare(a.line, b.line) })
	slices.SortStableFunc(late, func(a, b receivable.Issue) int { return cmp.Compare(a.Line, b.Line) })
	numberItems(docs, p.book, p.journals)
	items := slices.DeleteFunc(docs, func(it openItem) bool { return it.open == 0 || it.bad })

	debtors := make([]*receivable.Debtor, len(b.debtors))
	li := 0
	for n, it := range items {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("fec: %w", err)
			}
		}
		for ; li < len(late) && late[li].Line <= int(it.line); li++ {
			p.sink.Issue(late[li])
		}
		if debtors[it.debtor] == nil {
			d := b.debtors[it.debtor]
			debtors[it.debtor] = &receivable.Debtor{Ref: d.ref, Name: d.name}
			debtors[it.debtor].FillKind()
		}
		rec := receivable.Record{
			Line:      int(it.line),
			Kind:      it.kind,
			Number:    it.number,
			IssueDate: it.date.civil(),
			Amount:    money.New(it.amount, p.s.currency),
			Open:      money.New(it.open, p.s.currency),
			HasOpen:   true,
			Debtor:    *debtors[it.debtor],
		}
		if err := p.sink.Record(rec); err != nil {
			return fmt.Errorf("fec: record of line %d: %w", it.line, err)
		}
	}
	for ; li < len(late); li++ {
		p.sink.Issue(late[li])
	}
	return nil
}

// amountColumn names the column an amount of sign v was read from.
func (p *parser) amountColumn(v int64) string {
	switch {
	case p.h.montant:
		return p.h.name(fMontant)
	case v < 0:
		return p.h.name(fCredit)
	}
	return p.h.name(fDebit)
}

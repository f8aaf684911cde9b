package banking

import (
	"context"
	"fmt"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/reconcile"
	"github.com/recouvre/recouvre/internal/store"
)

// book is the matcher over the organization's open documents, with what
// a proposal shows of them.
type book struct {
	matcher *reconcile.Matcher
	numbers map[int64]string // document id → number
	debtors map[int64]store.DebtorIdentity
}

// loadBook reads the open documents, the debtors and the IBAN memory.
func (s *Service) loadBook(ctx context.Context, settings store.BankSettings) (*book, error) {
	var b reconcile.Book
	bk := &book{numbers: map[int64]string{}, debtors: map[int64]store.DebtorIdentity{}}
	err := s.store.OpenDocuments(ctx, func(inv ledger.Invoice) error {
		b.Invoices = append(b.Invoices, reconcile.Invoice{ID: inv.ID, DebtorID: inv.DebtorID, Number: inv.Number, Kind: inv.Kind,
			Open: inv.Open(), IssueDate: inv.IssueDate, DueDate: inv.DueDate})
		bk.numbers[inv.ID] = inv.Number
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load open documents: %w", err)
	}
	err = s.store.DebtorIdentities(ctx, func(d store.DebtorIdentity) error {
		b.Debtors = append(b.Debtors, reconcile.Debtor{ID: d.ID, Ref: d.Ref, Name: d.Name, SIREN: d.SIREN})
		bk.debtors[d.ID] = d
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load debtors: %w", err)
	}
	if b.IBANs, err = s.store.DebtorIBANs(ctx); err != nil {
		return nil, err
	}
	bk.matcher = reconcile.NewMatcher(b, reconcile.Options{AutoThreshold: settings.AutoThreshold, FeeTolerance: settings.FeeTolerance})
	return bk, nil
}

// proposal turns a matcher's proposal into the kept shape.
func (bk *book) proposal(p reconcile.Proposal) Proposal {
	d := bk.debtors[p.DebtorID]
	out := Proposal{DebtorID: p.DebtorID, DebtorRef: d.Ref, DebtorName: d.Name, Currency: p.Unapplied.Currency,
		Unapplied: p.Unapplied.Minor, Fee: p.Fee.Minor, Confidence: p.Confidence}
	for _, a := range p.Allocations {
		al := Allocation{InvoiceID: a.InvoiceID, Number: bk.numbers[a.InvoiceID], Minor: a.Amount.Minor}
		if a.Amount.Minor < 0 {
			al.CreditNote, al.Minor = true, -a.Amount.Minor
		}
		if out.Currency == "" {
			out.Currency = a.Amount.Currency
		}
		out.Allocations = append(out.Allocations, al)
	}
	for _, r := range p.Reasons {
		args := make([]string, len(r.Args))
		for i, a := range r.Args {
			args[i] = fmt.Sprint(a)
		}
		out.Reasons = append(out.Reasons, Reason{Code: r.Code, Key: r.Key, Args: args})
	}
	return out
}

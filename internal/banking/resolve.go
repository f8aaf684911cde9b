package banking

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/reconcile"
	"github.com/recouvre/recouvre/internal/store"
)

// Message renders the reason in lang.
func (r Reason) Message(lang string) string {
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = a
	}
	return i18n.T(lang, r.Key, args...)
}

// Proposals decodes the proposals a line keeps, best first.
func Proposals(l *store.BankLine) ([]Proposal, error) {
	var out []Proposal
	if len(l.Proposals) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(l.Proposals, &out); err != nil {
		return nil, fmt.Errorf("bank line %d proposals: %w", l.ID, err)
	}
	return out, nil
}

// Accept records the proposal of rank index (0 the best) for a line under
// review, cut down to what its documents still owe, and teaches the IBAN
// memory.
func (s *Service) Accept(ctx context.Context, lineID int64, index int) error {
	l, err := s.store.GetBankLine(ctx, lineID)
	if err != nil {
		return err
	}
	ps, err := Proposals(l)
	if err != nil {
		return err
	}
	if index < 0 || index >= len(ps) || ps[index].DebtorID == 0 {
		return ledger.FieldError("proposal", "%s", i18n.T("en", "banking.no_proposal"))
	}
	p := ps[index]
	open := map[int64]int64{}
	for _, a := range p.Allocations {
		inv, err := s.store.GetInvoice(ctx, a.InvoiceID)
		if err != nil {
			return err
		}
		open[a.InvoiceID] = inv.Open().Minor
	}
	es := entries(l, p, "", func(id int64) int64 { return open[id] })
	return s.store.ResolveBankLine(ctx, lineID, es, true)
}

// Assign records a line under review as a payment of debtorID split over
// the invoices the user chose (the rest stays as credit), and teaches the
// IBAN memory.
func (s *Service) Assign(ctx context.Context, lineID, debtorID int64, splits []Split) error {
	l, err := s.store.GetBankLine(ctx, lineID)
	if err != nil {
		return err
	}
	es, err := splitEntries(l, debtorID, splits)
	if err != nil {
		return err
	}
	return s.store.ResolveBankLine(ctx, lineID, es, true)
}

// Ignore takes a line out of the review queue: not a customer's payment.
func (s *Service) Ignore(ctx context.Context, lineID int64, note string) error {
	return s.store.IgnoreBankLine(ctx, lineID, strings.TrimSpace(note))
}

// Reverse reverses a payment by hand (a bounced cheque the bank did not
// list): what it settled reopens.
func (s *Service) Reverse(ctx context.Context, paymentID int64, on civil.Date, reason string) error {
	return s.store.ReversePayment(ctx, paymentID, on, strings.TrimSpace(reason))
}

// RecordPayment records a payment entered by hand or through the API.
// With splits nil it is lettered by itself: first the invoices its
// reference names, then the oldest due; what is left stays as credit.
func (s *Service) RecordPayment(ctx context.Context, p ledger.Payment, splits []Split) (*store.PaymentEntry, error) {
	if p.DebtorID == 0 {
		return nil, ledger.FieldError("debtor_id", "a payment needs a debtor")
	}
	if splits == nil {
		page, err := s.store.ListInvoices(ctx, store.InvoiceQuery{DebtorID: p.DebtorID, Limit: -1})
		if err != nil {
			return nil, err
		}
		splits = Plan(p.Amount, p.Reference, page.Invoices)
	}
	e := &store.PaymentEntry{Payment: p}
	for _, sp := range splits {
		if sp.Amount.Minor != 0 {
			e.Allocations = append(e.Allocations, ledger.Allocation{InvoiceID: sp.InvoiceID, Amount: sp.Amount})
		}
	}
	if err := s.store.RecordPayment(ctx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// Plan letters an amount over a debtor's documents: first the open
// invoices its reference names (in the order it names them), then the
// others by due date, oldest first. Credit notes and other currencies are
// left alone; what no invoice takes is not planned (it stays as credit).
func Plan(amount money.Amount, reference string, docs []ledger.Invoice) []Split {
	var open []ledger.Invoice
	for _, d := range docs {
		if d.Kind == ledger.DocInvoice && d.Open().Minor > 0 && d.Amount.Currency == amount.Currency {
			open = append(open, d)
		}
	}
	slices.SortStableFunc(open, func(a, b ledger.Invoice) int {
		return cmp.Or(a.DueDate.Compare(b.DueDate), a.IssueDate.Compare(b.IssueDate), cmp.Compare(a.ID, b.ID))
	})
	var order []int
	used := make([]bool, len(open))
	for _, n := range reconcile.ExtractNumbers(reference) {
		if i := cited(open, used, n); i >= 0 {
			used[i] = true
			order = append(order, i)
		}
	}
	for i := range open {
		if !used[i] {
			order = append(order, i)
		}
	}
	var out []Split
	left := amount.Minor
	for _, i := range order {
		if left <= 0 {
			break
		}
		take := min(left, open[i].Open().Minor)
		out = append(out, Split{InvoiceID: open[i].ID, Amount: money.New(take, amount.Currency)})
		left -= take
	}
	return out
}

// cited returns the index of the one unused invoice a number written in a
// reference designates: its whole number (ignoring case and separators),
// else its last group of digits (ignoring leading zeros); -1 when none or
// several.
func cited(open []ledger.Invoice, used []bool, written string) int {
	w := alnum(written)
	if w == "" {
		return -1
	}
	for i, inv := range open {
		if !used[i] && alnum(inv.Number) == w {
			return i
		}
	}
	digits := strings.TrimLeft(lastDigits(written), "0")
	if digits == "" {
		return -1
	}
	found := -1
	for i, inv := range open {
		if used[i] || strings.TrimLeft(lastDigits(inv.Number), "0") != digits {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

// alnum keeps the letters and digits of s, in capitals.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lastDigits is the last run of digits of s ("0030" in "FA-2025-0030").
func lastDigits(s string) string {
	end := len(s)
	for end > 0 && (s[end-1] < '0' || s[end-1] > '9') {
		end--
	}
	start := end
	for start > 0 && s[start-1] >= '0' && s[start-1] <= '9' {
		start--
	}
	return s[start:end]
}

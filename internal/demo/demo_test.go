package demo

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// recorder is an in-memory BulkWriter that assigns ids and keeps rows.
type recorder struct {
	debtors  []ledger.Debtor
	invoices map[int64]*ledger.Invoice
	payments map[int64]*ledger.Payment
	allocs   []ledger.Allocation
	events   []journal.Event
	id       int64
}

func newRecorder() *recorder {
	return &recorder{invoices: map[int64]*ledger.Invoice{}, payments: map[int64]*ledger.Payment{}}
}

func (r *recorder) next() int64 { r.id++; return r.id }

func (r *recorder) AddDebtor(d *ledger.Debtor) error {
	d.ID = r.next()
	r.debtors = append(r.debtors, *d)
	return nil
}

func (r *recorder) AddInvoice(inv *ledger.Invoice) error {
	inv.ID = r.next()
	cp := *inv
	r.invoices[inv.ID] = &cp
	return nil
}

func (r *recorder) AddPayment(p *ledger.Payment) error {
	p.ID = r.next()
	cp := *p
	r.payments[p.ID] = &cp
	return nil
}

func (r *recorder) AddAllocation(a *ledger.Allocation) error {
	inv := r.invoices[a.InvoiceID]
	var src = inv.Amount
	if a.PaymentID != 0 {
		p := r.payments[a.PaymentID]
		src = p.Unallocated()
		p.Allocated.Minor += a.Amount.Minor
	} else {
		cn := r.invoices[a.CreditNoteID]
		src = cn.Open()
		cn.Allocated.Minor += a.Amount.Minor
	}
	if err := a.Validate(*inv, src); err != nil {
		return err
	}
	inv.Allocated.Minor += a.Amount.Minor
	a.ID = r.next()
	r.allocs = append(r.allocs, *a)
	return nil
}

func (r *recorder) AddEvent(e *journal.Event) error {
	e.ID = r.next()
	r.events = append(r.events, *e)
	return nil
}

var _ store.BulkWriter = (*recorder)(nil)

var today = civil.MustParse("2025-06-15")

func generate(t *testing.T, o Options) (*recorder, Stats) {
	t.Helper()
	r := newRecorder()
	for _, inv := range r.invoices {
		_ = inv
	}
	st, err := Generate(r, o)
	if err != nil {
		t.Fatal(err)
	}
	return r, st
}

func digest(r *recorder) string {
	h := sha256.New()
	fmt.Fprint(h, r.debtors, len(r.invoices), r.allocs)
	for id := int64(1); id <= r.id; id++ {
		if inv, ok := r.invoices[id]; ok {
			fmt.Fprint(h, *inv)
		}
		if p, ok := r.payments[id]; ok {
			fmt.Fprint(h, *p)
		}
	}
	for _, e := range r.events {
		fmt.Fprint(h, e.Type, e.At.UnixNano(), e.DebtorID, e.InvoiceID, string(e.Payload))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestReproducible(t *testing.T) {
	o := Options{Debtors: 200, Invoices: 2000, Seed: 42, Today: today, CreditorID: 1}
	a, _ := generate(t, o)
	b, _ := generate(t, o)
	if digest(a) != digest(b) {
		t.Fatal("the same seed gave two portfolios")
	}
	o.Seed = 43
	c, _ := generate(t, o)
	if digest(a) == digest(c) {
		t.Fatal("two seeds gave the same portfolio")
	}
}

func TestPortfolioIsBelievable(t *testing.T) {
	r, st := generate(t, Options{Debtors: 1000, Invoices: 10000, Seed: 7, Today: today, CreditorID: 1})
	if st.Debtors != 1000 || st.Invoices != 10000 {
		t.Fatalf("stats = %+v", st)
	}
	kinds := map[ledger.DebtorKind]int{}
	for _, d := range r.debtors {
		kinds[d.Kind]++
		if d.SIREN != "" && (!ledger.ValidSIREN(d.SIREN) || !ledger.ValidSIRET(d.SIRET) || d.SIRET[:9] != d.SIREN) {
			t.Fatalf("%s: SIREN %s SIRET %s", d.Ref, d.SIREN, d.SIRET)
		}
		if d.Kind != ledger.KindConsumer && d.VATNumber != VATNumber(d.SIREN) {
			t.Fatalf("%s: VAT %s", d.Ref, d.VATNumber)
		}
		if len(d.Contacts) == 0 || d.Contacts[0].Address.City == "" {
			t.Fatalf("%s has no contact or address", d.Ref)
		}
	}
	within := func(k ledger.DebtorKind, lo, hi int) {
		if kinds[k] < lo || kinds[k] > hi {
			t.Errorf("%d %s debtors, want %d–%d", kinds[k], k, lo, hi)
		}
	}
	within(ledger.KindBusiness, 580, 720)
	within(ledger.KindConsumer, 240, 360)
	within(ledger.KindPublic, 25, 80)

	numbers := map[string]bool{}
	paid, open, overdue, partial := 0, 0, 0, 0
	for _, inv := range r.invoices {
		if numbers[inv.Number] {
			t.Fatalf("number %s twice", inv.Number)
		}
		numbers[inv.Number] = true
		if inv.Kind != ledger.DocInvoice {
			continue
		}
		if inv.IssueDate.After(today) || inv.DueDate.Before(inv.IssueDate) {
			t.Fatalf("%s: issued %s due %s", inv.Number, inv.IssueDate, inv.DueDate)
		}
		switch inv.Status(today) {
		case ledger.StatusPaid:
			paid++
		case ledger.StatusOverdue:
			overdue++
			if inv.Allocated.Minor > 0 {
				partial++
			}
		default:
			open++
		}
	}
	t.Logf("paid %d, not due %d, overdue %d (of which partly paid %d), credit notes %d", paid, open, overdue, partial, st.CreditNotes)
	if paid < 6000 || overdue < 500 || overdue > 3000 || partial < 50 || st.CreditNotes < 100 {
		t.Errorf("implausible mix: paid %d, overdue %d, partial %d, credit notes %d", paid, overdue, partial, st.CreditNotes)
	}
	over := 0
	for _, p := range r.payments {
		if p.ReceivedOn.After(today) {
			t.Fatalf("payment on %s, after today", p.ReceivedOn)
		}
		if p.Unallocated().Minor > 0 {
			over++
		}
	}
	if over == 0 {
		t.Error("no overpayment at all")
	}
	for _, e := range r.events {
		if !json.Valid(e.Payload) {
			t.Fatalf("invalid payload %s", e.Payload)
		}
	}
}

// TestIntoStore loads the default demo into a real store and checks the
// store's derived balances against the ledger's own computation.
func TestIntoStore(t *testing.T) {
	db := storetest.Open(t)
	f := storetest.NewFixture(t, db, "Démo")
	var st Stats
	err := db.Bulk(f.Ctx, func(w store.BulkWriter) error {
		var err error
		st, err = Generate(w, Options{Debtors: 300, Invoices: 3000, Seed: 1, Today: civil.Today(db.Now(), civil.Paris), CreditorID: f.Creditor.ID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := f.Ctx
	now := civil.Today(db.Now(), civil.Paris)
	page, err := db.ListDebtors(ctx, store.DebtorQuery{Limit: 500}, now)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != st.Debtors {
		t.Fatalf("%d debtors in the store, %d generated", page.Total, st.Debtors)
	}
	for _, row := range page.Rows[:40] {
		b, err := db.DebtorBalance(ctx, row.Debtor.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if b != row.Balance {
			t.Fatalf("%s: summary %+v, derived %+v", row.Debtor.Ref, row.Balance, b)
		}
	}
	if _, err := db.VerifyJournal(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkGenerateCPU measures the generator alone, writing nowhere.
func BenchmarkGenerateCPU(b *testing.B) {
	for b.Loop() {
		st, err := Generate(discard{}, Options{Debtors: 2000, Invoices: 10000, Seed: 1, Today: today, CreditorID: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Invoices+st.Debtors+st.Payments+st.Allocations+st.Events+st.Contacts)/st.Elapsed.Seconds(), "rows/s")
	}
}

type discard struct{}

func (discard) AddDebtor(*ledger.Debtor) error         { return nil }
func (discard) AddInvoice(*ledger.Invoice) error       { return nil }
func (discard) AddPayment(*ledger.Payment) error       { return nil }
func (discard) AddAllocation(*ledger.Allocation) error { return nil }
func (discard) AddEvent(*journal.Event) error          { return nil }

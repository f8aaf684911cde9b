package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

func openOf(t *testing.T, db *sqldb.DB, f Fixture, id int64) int64 {
	t.Helper()
	inv, err := db.GetInvoice(f.Ctx, id)
	must(t, err)
	return inv.Open().Minor
}

func testLettrage(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-05-01", "2025-05-31", 50000)

	// A payment and its allocations in one write.
	e := &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: civil.MustParse("2025-06-02"), Amount: eur(120000),
		Method: ledger.MethodDirectDebit, Reference: "PRLV", PayerIBAN: "FR7630006000011234567890189"},
		Allocations: []ledger.Allocation{{InvoiceID: i1.ID, Amount: eur(100000)}, {InvoiceID: i2.ID, Amount: eur(15000)}}}
	must(t, db.RecordPayment(f.Ctx, e))
	if e.Payment.ID == 0 || e.Payment.Allocated != eur(115000) || e.Allocations[1].PaymentID != e.Payment.ID {
		t.Fatalf("entry = %+v", e)
	}
	if openOf(t, db, f, i1.ID) != 0 || openOf(t, db, f, i2.ID) != 35000 {
		t.Fatal("allocations not applied")
	}
	b, _ := db.DebtorBalance(f.Ctx, d.ID, Today)
	if b.Due != eur(35000) || b.Credit != eur(5000) {
		t.Fatalf("balance = %+v", b)
	}
	// An allocation that does not fit writes nothing at all.
	bad := &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: Today, Amount: eur(1000)},
		Allocations: []ledger.Allocation{{InvoiceID: i2.ID, Amount: eur(500)}, {InvoiceID: i1.ID, Amount: eur(500)}}}
	wantCode(t, db.RecordPayment(f.Ctx, bad), ledger.EInvalid)
	if page, _ := db.ListPayments(f.Ctx, store.PaymentQuery{DebtorID: d.ID}); len(page.Payments) != 1 {
		t.Fatalf("a refused payment was written: %d payments", len(page.Payments))
	}

	// Un-allocation reopens the invoice and gives the money back.
	allocs, err := db.ListAllocations(f.Ctx, store.AllocationQuery{InvoiceID: i2.ID})
	must(t, err)
	must(t, db.Unallocate(f.Ctx, allocs[0].ID, "wrong invoice"))
	if openOf(t, db, f, i2.ID) != 50000 {
		t.Fatal("un-allocation did not reopen F2")
	}
	p, _ := db.GetPayment(f.Ctx, e.Payment.ID)
	if p.Unallocated() != eur(20000) {
		t.Fatalf("unallocated = %v", p.Unallocated())
	}
	wantCode(t, db.Unallocate(f.Ctx, allocs[0].ID, ""), ledger.ENotFound)
	CheckCaches(t, db, f.Org.ID)

	// Reversal: everything it settled reopens, and it is no credit.
	wantCode(t, db.ReversePayment(f.Ctx, p.ID, civil.MustParse("2025-06-01"), "AM04"), ledger.EInvalid)
	must(t, db.ReversePayment(f.Ctx, p.ID, civil.MustParse("2025-06-10"), "AM04"))
	p, _ = db.GetPayment(f.Ctx, p.ID)
	if !p.Reversed() || p.ReversalReason != "AM04" || p.Allocated.Minor != 0 || p.Unallocated().Minor != 0 {
		t.Fatalf("reversed payment = %+v", p)
	}
	if openOf(t, db, f, i1.ID) != 100000 {
		t.Fatal("reversal did not reopen F1")
	}
	b, _ = db.DebtorBalance(f.Ctx, d.ID, Today)
	if b.Due != eur(150000) || b.Credit.Minor != 0 {
		t.Fatalf("balance after reversal = %+v", b)
	}
	// The portfolio's stored summary agrees.
	pg, err := db.ListDebtors(f.Ctx, store.DebtorQuery{Search: "Dupont"}, Today)
	must(t, err)
	if len(pg.Rows) != 1 || pg.Rows[0].Balance.Due != eur(150000) || pg.Rows[0].Balance.Credit.Minor != 0 {
		t.Fatalf("portfolio after reversal = %+v", pg.Rows)
	}
	err = db.ReversePayment(f.Ctx, p.ID, Today, "again")
	wantCode(t, err, ledger.EConflict)
	wantCode(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i1.ID, PaymentID: p.ID, Amount: eur(100)}), ledger.EConflict)
	CheckCaches(t, db, f.Org.ID)

	f.Payment(t, db, d.ID, "2025-06-11", 120001, "")
	byAmount, err := db.ListPayments(f.Ctx, store.PaymentQuery{Amount: 120000, Limit: -1})
	must(t, err)
	if len(byAmount.Payments) != 1 || byAmount.Payments[0].ID != p.ID {
		t.Fatalf("payments of 1 200,00 = %+v", byAmount.Payments)
	}
	evs, err := db.Events(f.Ctx, store.EventQuery{DebtorID: d.ID})
	must(t, err)
	counts := map[string]int{}
	for _, e := range evs {
		counts[e.Type]++
	}
	if counts["payment.reversed"] != 1 || counts["allocation.removed"] != 2 || counts["allocation.created"] != 2 {
		t.Fatalf("journal = %v", counts)
	}
	if _, err := db.VerifyJournal(f.Ctx); err != nil {
		t.Fatal(err)
	}
}

// bankLine is a line of an imported statement.
func bankLine(key string, minor int64, on string) *store.BankLine {
	return &store.BankLine{Key: key, Account: "FR7630004000031234567890143", BookingDate: civil.MustParse(on), Amount: eur(minor),
		Counterparty: "DUPONT SARL", CounterpartyIBAN: "FR7630006000011234567890189", Remittance: "FACT F1", BankRef: "E2E-" + key, FileLine: 3}
}

func testBankImport(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-05-01", "2025-05-31", 50000)

	imp := &store.BankImport{FileName: "releve.xml", SHA256: "ab", Format: "camt053"}
	var line1 *store.BankLine
	err := db.ImportBank(f.Ctx, imp, func(w store.BankWriter) error {
		if known, err := w.KnownKeys([]string{"k1", "k2"}); err != nil || len(known) != 0 {
			t.Fatalf("known = %v, %v", known, err)
		}
		line1 = bankLine("k1", 98000, "2025-06-03")
		line1.Status, line1.DebtorID, line1.Confidence, line1.Proposals = store.LineMatched, d.ID, 95, []byte(`[{"debtor_id":1}]`)
		must(t, w.AddLine(line1))
		fee := ledger.Payment{DebtorID: d.ID, ReceivedOn: line1.BookingDate, Amount: eur(2000), Method: ledger.MethodBankFee}
		must(t, w.Pay(line1, []store.PaymentEntry{
			{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: line1.BookingDate, Amount: line1.Amount, Reference: "FACT F1"},
				Allocations: []ledger.Allocation{{InvoiceID: i1.ID, Amount: eur(98000)}}},
			{Payment: fee, Allocations: []ledger.Allocation{{InvoiceID: i1.ID, Amount: eur(2000)}}},
		}))
		must(t, w.LearnIBAN("fr76 3000 6000 0112 3456 7890 189", d.ID))
		review := bankLine("k2", 50000, "2025-06-04")
		review.Status, review.Confidence = store.LineReview, 60
		must(t, w.AddLine(review))
		if known, _ := w.KnownKeys([]string{"k1", "k2", "k3"}); len(known) != 2 || !known["k1"] || !known["k2"] {
			t.Fatalf("known after = %v", known)
		}
		imp.Entries, imp.Payments, imp.PaymentsCreated, imp.AutoMatched, imp.ToReview = 2, 2, 1, 1, 1
		return nil
	})
	must(t, err)
	if line1.PaymentID == 0 || openOf(t, db, f, i1.ID) != 0 {
		t.Fatalf("line 1 = %+v, F1 open %d", line1, openOf(t, db, f, i1.ID))
	}
	got, err := db.GetBankImport(f.Ctx, imp.ID)
	must(t, err)
	if got.Entries != 2 || got.PaymentsCreated != 1 || got.ToReview != 1 || got.Format != "camt053" || got.Actor == "" {
		t.Fatalf("import = %+v", got)
	}
	var open []ledger.Invoice
	must(t, db.OpenDocuments(f.Ctx, func(inv ledger.Invoice) error { open = append(open, inv); return nil }))
	if len(open) != 1 || open[0].ID != i2.ID || open[0].Number != "F2" || open[0].Open() != eur(50000) || open[0].DebtorID != d.ID ||
		open[0].DueDate != civil.MustParse("2025-05-31") || open[0].Kind != ledger.DocInvoice {
		t.Fatalf("open documents = %+v", open)
	}
	ibans, _ := db.DebtorIBANs(f.Ctx)
	if ibans["FR7630006000011234567890189"] != d.ID {
		t.Fatalf("IBAN memory = %v", ibans)
	}
	b, _ := db.DebtorBalance(f.Ctx, d.ID, Today)
	if b.Due != eur(50000) {
		t.Fatalf("balance after import = %+v", b)
	}

	// The same line again: refused by its key, and the failed import
	// leaves nothing behind.
	imp2 := &store.BankImport{FileName: "releve2.xml", Format: "camt053"}
	err = db.ImportBank(f.Ctx, imp2, func(w store.BankWriter) error {
		l := bankLine("k3", 100, "2025-06-05")
		l.Status = store.LineReview
		must(t, w.AddLine(l))
		dup := bankLine("k1", 98000, "2025-06-03")
		dup.Status = store.LineReview
		return w.AddLine(dup)
	})
	wantCode(t, err, ledger.EConflict)
	if n, _ := db.CountBankLines(f.Ctx, ""); n != 2 {
		t.Fatalf("%d lines after a failed import, want 2", n)
	}
	if imps, _ := db.BankImports(f.Ctx, store.ImportQuery{}); len(imps) != 1 {
		t.Fatalf("imports = %d", len(imps))
	}

	// A reversal finds its payment by the bank reference and reopens the
	// invoice, the fee written off with it included.
	imp3 := &store.BankImport{FileName: "retour.xml", Format: "camt053"}
	must(t, db.ImportBank(f.Ctx, imp3, func(w store.BankWriter) error {
		r := bankLine("k1-R", 98000, "2025-06-12")
		r.Reversal, r.ReturnReason, r.BankRef = true, "AM04", line1.BankRef
		orig, err := w.FindReversed(r)
		must(t, err)
		if orig == nil || orig.ID != line1.PaymentID {
			t.Fatalf("reversed payment = %+v, want %d", orig, line1.PaymentID)
		}
		r.Status = store.LineReversed
		must(t, w.AddLine(r))
		return w.Reverse(r, orig.ID)
	}))
	if openOf(t, db, f, i1.ID) != 100000 {
		t.Fatalf("F1 open %d after the reversal", openOf(t, db, f, i1.ID))
	}
	pays, _ := db.ListPayments(f.Ctx, store.PaymentQuery{DebtorID: d.ID})
	for _, p := range pays.Payments {
		if !p.Reversed() {
			t.Fatalf("payment %+v not reversed with its line", p)
		}
	}
	CheckCaches(t, db, f.Org.ID)

	// Without a reference, the latest payment of that amount from that
	// IBAN; none: nil.
	must(t, db.ImportBank(f.Ctx, &store.BankImport{FileName: "x", Format: "ofx"}, func(w store.BankWriter) error {
		l := bankLine("k4", 30000, "2025-06-13")
		l.Status, l.DebtorID = store.LineMatched, d.ID
		must(t, w.AddLine(l))
		must(t, w.Pay(l, []store.PaymentEntry{{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: l.BookingDate, Amount: l.Amount},
			Allocations: []ledger.Allocation{{InvoiceID: i2.ID, Amount: eur(30000)}}}}))
		r := bankLine("k4-R", 30000, "2025-06-14")
		r.Reversal, r.BankRef = true, ""
		orig, err := w.FindReversed(r)
		must(t, err)
		if orig == nil || orig.ID != l.PaymentID {
			t.Fatalf("by IBAN: %+v", orig)
		}
		r.CounterpartyIBAN = "DE89370400440532013000"
		if orig, _ := w.FindReversed(r); orig != nil {
			t.Fatalf("another IBAN found %+v", orig)
		}
		return nil
	}))
}

func testReviewQueue(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	var lines []*store.BankLine
	must(t, db.ImportBank(f.Ctx, &store.BankImport{FileName: "r.csv", Format: "csv"}, func(w store.BankWriter) error {
		for i, k := range []string{"a", "b", "c", "d"} {
			l := bankLine(k, 40000, "2025-06-03")
			l.Status = store.LineReview
			if i == 3 {
				l.Reversal = true
			}
			must(t, w.AddLine(l))
			lines = append(lines, l)
		}
		return nil
	}))
	if n, _ := db.CountBankLines(f.Ctx, store.LineReview); n != 4 {
		t.Fatalf("to review = %d", n)
	}
	entry := func(minor int64) []store.PaymentEntry {
		return []store.PaymentEntry{{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: lines[0].BookingDate, Amount: eur(minor)},
			Allocations: []ledger.Allocation{{InvoiceID: i1.ID, Amount: eur(minor)}}}}
	}
	wantCode(t, db.ResolveBankLine(f.Ctx, lines[0].ID, entry(39999), true), ledger.EInvalid)
	must(t, db.ResolveBankLine(f.Ctx, lines[0].ID, entry(40000), true))
	wantCode(t, db.ResolveBankLine(f.Ctx, lines[0].ID, entry(40000), true), ledger.EConflict)
	got, _ := db.GetBankLine(f.Ctx, lines[0].ID)
	if got.Status != store.LineResolved || got.PaymentID == 0 || got.DebtorID != d.ID || got.ResolvedBy == "" {
		t.Fatalf("resolved line = %+v", got)
	}
	if ibans, _ := db.DebtorIBANs(f.Ctx); ibans["FR7630006000011234567890189"] != d.ID {
		t.Fatalf("the user's choice did not teach the IBAN: %v", ibans)
	}
	must(t, db.IgnoreBankLine(f.Ctx, lines[1].ID, "virement interne"))
	got, _ = db.GetBankLine(f.Ctx, lines[1].ID)
	if got.Status != store.LineIgnored || got.Note != "virement interne" {
		t.Fatalf("ignored line = %+v", got)
	}
	wantCode(t, db.ResolveReversal(f.Ctx, lines[2].ID, got.PaymentID), ledger.EInvalid)
	wantCode(t, db.ResolveBankLine(f.Ctx, lines[3].ID, entry(40000), false), ledger.EInvalid)
	resolved, _ := db.GetBankLine(f.Ctx, lines[0].ID)
	must(t, db.ResolveReversal(f.Ctx, lines[3].ID, resolved.PaymentID))
	if openOf(t, db, f, i1.ID) != 100000 {
		t.Fatal("the reversal did not reopen F1")
	}
	review, err := db.BankLines(f.Ctx, store.BankLineQuery{Status: store.LineReview})
	must(t, err)
	if len(review) != 1 || review[0].ID != lines[2].ID {
		t.Fatalf("queue = %+v", review)
	}
	all, _ := db.BankLines(f.Ctx, store.BankLineQuery{Limit: 2})
	next, _ := db.BankLines(f.Ctx, store.BankLineQuery{Limit: 2, After: all[1].ID})
	if len(all) != 2 || len(next) != 2 || next[0].ID <= all[1].ID {
		t.Fatalf("paging = %d then %d", len(all), len(next))
	}

	// Another organization sees none of it.
	g := NewFixture(t, db, "Other")
	_, err = db.GetBankLine(g.Ctx, lines[2].ID)
	wantCode(t, err, ledger.ENotFound)
	wantCode(t, db.IgnoreBankLine(g.Ctx, lines[2].ID, ""), ledger.ENotFound)
	if n, _ := db.CountBankLines(g.Ctx, ""); n != 0 {
		t.Fatalf("other org counts %d lines", n)
	}
	wantCode(t, db.ReversePayment(g.Ctx, resolved.PaymentID, Today, ""), ledger.ENotFound)
}

func testBankSettings(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	s, err := db.BankSettings(f.Ctx)
	must(t, err)
	if s.AutoThreshold != 90 || s.FeeTolerance.Minor != 0 {
		t.Fatalf("defaults = %+v", s)
	}
	wantCode(t, db.SaveBankSettings(f.Ctx, store.BankSettings{AutoThreshold: 40}), ledger.EInvalid)
	must(t, db.SaveBankSettings(f.Ctx, store.BankSettings{AutoThreshold: 95, FeeTolerance: eur(500)}))
	s, _ = db.BankSettings(f.Ctx)
	if s.AutoThreshold != 95 || s.FeeTolerance != eur(500) {
		t.Fatalf("saved = %+v", s)
	}
	must(t, db.SaveBankMapping(f.Ctx, store.ImportMapping{Name: "Banque X", Mapping: []byte(`{"columns":{"amount":"Montant"}}`)}))
	ms, err := db.BankMappings(f.Ctx)
	must(t, err)
	if len(ms) != 1 || ms[0].Name != "Banque X" {
		t.Fatalf("mappings = %+v", ms)
	}
	if im, _ := db.ImportMappings(f.Ctx); len(im) != 0 {
		t.Fatal("a bank mapping shows among the invoice mappings")
	}
	must(t, db.DeleteBankMapping(f.Ctx, "Banque X"))
	err = db.DeleteBankMapping(f.Ctx, "Banque X")
	if !errors.Is(err, err) || ledger.ErrorCode(err) != ledger.ENotFound {
		t.Fatalf("delete again = %v", err)
	}
}

func testBankUndo(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	e := f.Debtor(t, db, "C002", "Martin SAS")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	cn := &ledger.Invoice{DebtorID: d.ID, Kind: ledger.DocCreditNote, Number: "A1", IssueDate: civil.MustParse("2025-05-10"), Amount: eur(10000)}
	must(t, db.CreateInvoice(f.Ctx, cn))
	i3 := f.Invoice(t, db, e.ID, "F3", "2025-04-01", "2025-05-01", 30000)
	c, err := db.OpenCase(f.Ctx, d.ID)
	must(t, err)
	must(t, db.PlanAction(f.Ctx, &ledger.Action{CaseID: c.ID, StepKey: "relance-1", Channel: ledger.ChannelEmail,
		ScheduledFor: Now.Add(72 * time.Hour), InvoiceIDs: []int64{i1.ID}}))

	imp := &store.BankImport{FileName: "juin.xml", Format: "camt053"}
	must(t, db.ImportBank(f.Ctx, imp, func(w store.BankWriter) error {
		l := bankLine("k1", 90000, "2025-06-03")
		l.Status, l.DebtorID = store.LineMatched, d.ID
		must(t, w.AddLine(l))
		must(t, w.Pay(l, []store.PaymentEntry{{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: l.BookingDate, Amount: l.Amount},
			Allocations: []ledger.Allocation{{InvoiceID: i1.ID, CreditNoteID: cn.ID, Amount: eur(10000)}, {InvoiceID: i1.ID, Amount: eur(90000)}}}}))
		must(t, w.LearnIBAN(l.CounterpartyIBAN, d.ID))
		r := bankLine("k2", 5000, "2025-06-04")
		r.Status = store.LineReview
		return w.AddLine(r)
	}))
	if imp.LastSeq <= imp.FirstSeq || imp.Status != store.BatchApplied {
		t.Fatalf("import = %+v", imp)
	}
	if st := actionStatus(t, db, f, d.ID); st["relance-1"].Status != ledger.ActionCancelled || openOf(t, db, f, i1.ID) != 0 {
		t.Fatalf("before the undo: %+v", st)
	}
	ok, reason, err := db.BankImportUndoable(f.Ctx, imp.ID)
	must(t, err)
	if !ok || reason != "" {
		t.Fatalf("undoable = %v, %q", ok, reason)
	}
	g := NewFixture(t, db, "Other")
	_, err = db.UndoBankImport(g.Ctx, imp.ID)
	wantCode(t, err, ledger.ENotFound)

	got, err := db.UndoBankImport(f.Ctx, imp.ID)
	must(t, err)
	if got.Status != store.BatchUndone || got.UndoneBy == "" || got.UndoneAt.IsZero() {
		t.Fatalf("undone = %+v", got)
	}
	if openOf(t, db, f, i1.ID) != 100000 || openOf(t, db, f, cn.ID) != 10000 {
		t.Fatal("the undo did not reopen F1 and A1")
	}
	if pays, _ := db.ListPayments(f.Ctx, store.PaymentQuery{DebtorID: d.ID}); len(pays.Payments) != 0 {
		t.Fatalf("payments left: %+v", pays.Payments)
	}
	if n, _ := db.CountBankLines(f.Ctx, ""); n != 0 {
		t.Fatalf("%d lines left", n)
	}
	if ibans, _ := db.DebtorIBANs(f.Ctx); len(ibans) != 0 {
		t.Fatalf("IBANs left: %v", ibans)
	}
	if st := actionStatus(t, db, f, d.ID); st["relance-1"].Status != ledger.ActionPlanned {
		t.Fatalf("the reminder did not come back: %+v", st)
	}
	_, err = db.UndoBankImport(f.Ctx, imp.ID)
	wantCode(t, err, ledger.EConflict)
	CheckCaches(t, db, f.Org.ID)
	if _, err := db.VerifyJournal(f.Ctx); err != nil {
		t.Fatal(err)
	}

	// The same line again is a new line; once its debtor has another
	// event, or once a line was resolved, the import stays.
	imp2 := &store.BankImport{FileName: "juin.xml", Format: "camt053"}
	must(t, db.ImportBank(f.Ctx, imp2, func(w store.BankWriter) error {
		l := bankLine("k1", 30000, "2025-06-03")
		l.Status, l.DebtorID = store.LineMatched, e.ID
		must(t, w.AddLine(l))
		return w.Pay(l, []store.PaymentEntry{{Payment: ledger.Payment{DebtorID: e.ID, ReceivedOn: l.BookingDate, Amount: l.Amount},
			Allocations: []ledger.Allocation{{InvoiceID: i3.ID, Amount: eur(30000)}}}})
	}))
	f.Payment(t, db, e.ID, "2025-06-10", 100, "chèque")
	if ok, reason, _ := db.BankImportUndoable(f.Ctx, imp2.ID); ok || reason != store.BankUndoChanged {
		t.Fatalf("undoable after another event = %v, %q", ok, reason)
	}
	_, err = db.UndoBankImport(f.Ctx, imp2.ID)
	wantCode(t, err, ledger.EConflict)
	imp3 := &store.BankImport{FileName: "x.csv", Format: "csv"}
	var line *store.BankLine
	must(t, db.ImportBank(f.Ctx, imp3, func(w store.BankWriter) error {
		line = bankLine("k9", 700, "2025-06-05")
		line.Status = store.LineReview
		return w.AddLine(line)
	}))
	must(t, db.IgnoreBankLine(f.Ctx, line.ID, ""))
	if ok, reason, _ := db.BankImportUndoable(f.Ctx, imp3.ID); ok || reason != store.BankUndoResolved {
		t.Fatalf("undoable after a resolution = %v, %q", ok, reason)
	}
}

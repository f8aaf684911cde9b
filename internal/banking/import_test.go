package banking

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

const (
	ourIBAN    = "FR7630004000031234567890143"
	dupontIBAN = "FR7630006000011234567890189"
	lilasIBAN  = "FR1420041010050500013M02606"
)

// world is an organization with three debtors and their invoices.
type world struct {
	st       *sqldb.DB
	f        storetest.Fixture
	svc      *Service
	debtors  map[string]*ledger.Debtor
	invoices map[string]*ledger.Invoice
}

func newWorld(t *testing.T) *world {
	t.Helper()
	st := storetest.Open(t)
	now := time.Date(2025, 6, 30, 9, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	w := &world{st: st, f: storetest.NewFixture(t, st, "Acme"), debtors: map[string]*ledger.Debtor{}, invoices: map[string]*ledger.Invoice{}}
	w.svc = New(st, st.Now)
	for _, d := range []struct{ ref, name string }{{"C001", "Dupont SARL"}, {"C002", "Martin Transports SAS"}, {"C003", "Durand Élodie"}} {
		w.debtors[d.ref] = w.f.Debtor(t, st, d.ref, d.name)
	}
	for _, inv := range []struct {
		debtor, number, due string
		minor               int64
	}{
		{"C001", "F2025-0001", "2025-05-01", 100000}, {"C001", "F2025-0002", "2025-05-15", 50000},
		{"C002", "F2025-0003", "2025-05-20", 120000}, {"C002", "F2025-0004", "2025-06-10", 35050},
		{"C003", "F2025-0005", "2025-06-01", 8000},
	} {
		w.invoices[inv.number] = w.f.Invoice(t, st, w.debtors[inv.debtor].ID, inv.number, "2025-04-01", inv.due, inv.minor)
	}
	return w
}

func (w *world) open(t *testing.T, number string) int64 {
	t.Helper()
	inv, err := w.st.GetInvoice(w.f.Ctx, w.invoices[number].ID)
	if err != nil {
		t.Fatal(err)
	}
	return inv.Open().Minor
}

func day(s string) civil.Date { return civil.MustParse(s) }

// juneStatement: a payment citing its invoice, a batch of two, an unknown
// payer, a supplier paid, a pending credit, and the first payment
// returned.
func juneStatement() []genEntry {
	return []genEntry{
		{Ref: "N1", On: day("2025-06-02"), Minor: 100000, Txs: []genTx{{E2E: "E2E-1", Minor: 100000, Payer: "DUPONT", IBAN: dupontIBAN, Text: "FACT F2025-0001"}}},
		{Ref: "N2", On: day("2025-06-03"), Minor: 128000, Txs: []genTx{
			{E2E: "E2E-2", Minor: 120000, Payer: "MARTIN TRANSPORTS", Text: "F2025/3"},
			{E2E: "E2E-3", Minor: 8000, Payer: "MME DURAND ELODIE", Text: "reglement facture 2025-0005"}}},
		{Ref: "N3", On: day("2025-06-04"), Minor: 12345, Txs: []genTx{{E2E: "E2E-4", Minor: 12345, Payer: "SCI DES LILAS", IBAN: lilasIBAN}}},
		{Ref: "N4", On: day("2025-06-05"), Minor: 5000, Debit: true, Txs: []genTx{{E2E: "E2E-5", Minor: 5000, Payer: "FOURNISSEUR SA", Text: "Facture achat"}}},
		{Ref: "N5", On: day("2025-06-06"), Minor: 7000, Pending: true, Txs: []genTx{{E2E: "E2E-6", Minor: 7000, Payer: "DUPONT"}}},
		{Ref: "N6", On: day("2025-06-12"), Minor: 100000, Debit: true, Reversal: true, Return: "AC04",
			Txs: []genTx{{E2E: "E2E-1", Minor: 100000, Payer: "DUPONT", IBAN: dupontIBAN, Text: "FACT F2025-0001"}}},
	}
}

func TestImportStatement(t *testing.T) {
	w := newWorld(t)
	ctx := w.f.Ctx
	data := genCAMT(ourIBAN, juneStatement())

	// A dry run counts and writes nothing.
	dry, err := w.svc.Import(ctx, data, ImportOptions{FileName: "juin.xml", DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := w.st.CountBankLines(ctx, ""); n != 0 || dry.ImportID != 0 || dry.AutoMatched != 3 {
		t.Fatalf("dry run: %d lines written, report %+v", n, dry)
	}

	rep, err := w.svc.Import(ctx, data, ImportOptions{FileName: "juin.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := Report{ImportID: rep.ImportID, FileName: "juin.xml", Format: "camt053", Entries: 6, PaymentsCreated: 3, AutoMatched: 3,
		ToReview: 1, Reversals: 1, DebitsIgnored: 1, Pending: 1}
	rep.Encoding = ""
	if len(rep.Issues) != 0 {
		t.Fatalf("issues = %+v", rep.Issues)
	}
	rep.Issues = nil
	if rep.ImportID == 0 || !reflect.DeepEqual(*rep, want) {
		t.Fatalf("report = %+v\nwant     %+v", *rep, want)
	}
	// F2025-0001 was paid, then the payment came back: open again.
	for number, open := range map[string]int64{"F2025-0001": 100000, "F2025-0002": 50000, "F2025-0003": 0, "F2025-0004": 35050, "F2025-0005": 0} {
		if got := w.open(t, number); got != open {
			t.Errorf("%s open %d, want %d", number, got, open)
		}
	}
	pays, _ := w.st.ListPayments(ctx, store.PaymentQuery{DebtorID: w.debtors["C001"].ID})
	if len(pays.Payments) != 1 || !pays.Payments[0].Reversed() || pays.Payments[0].ReversalReason != "AC04" ||
		pays.Payments[0].PayerIBAN != dupontIBAN || pays.Payments[0].BankLineID == 0 {
		t.Fatalf("Dupont's payments = %+v", pays.Payments)
	}
	// Whoever cited an invoice taught its IBAN.
	if ibans, _ := w.st.DebtorIBANs(ctx); ibans[dupontIBAN] != w.debtors["C001"].ID {
		t.Fatalf("IBAN memory = %v", ibans)
	}

	// The same statement again: nothing new.
	again, err := w.svc.Import(ctx, data, ImportOptions{FileName: "juin.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if again.DuplicatesSkipped != 5 || again.PaymentsCreated != 0 || again.ToReview != 0 || again.Reversals != 0 {
		t.Fatalf("second import = %+v", again)
	}
	// An overlapping statement: one line known, one new.
	overlap := genCAMT(ourIBAN, []genEntry{juneStatement()[2],
		{Ref: "N7", On: day("2025-06-20"), Minor: 50000, Txs: []genTx{{E2E: "E2E-7", Minor: 50000, Payer: "Dupont", IBAN: dupontIBAN}}}})
	ov, err := w.svc.Import(ctx, overlap, ImportOptions{FileName: "fin-juin.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if ov.DuplicatesSkipped != 1 || ov.PaymentsCreated != 1 || ov.AutoMatched != 1 {
		t.Fatalf("overlapping import = %+v", ov)
	}
	if w.open(t, "F2025-0002") != 0 {
		t.Fatal("the payment from Dupont's known IBAN did not settle F2025-0002")
	}
	storetest.CheckCaches(t, w.st, w.f.Org.ID)
	// The journal, written from memory during the import, still chains,
	// and each debtor's last action is its last event.
	if _, err := w.st.VerifyJournal(ctx); err != nil {
		t.Fatal(err)
	}
	pg, err := w.st.ListDebtors(ctx, store.DebtorQuery{Sort: store.SortRef}, day("2025-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range pg.Rows {
		evs, err := w.st.Events(ctx, store.EventQuery{DebtorID: row.Debtor.ID, Limit: 1})
		if err != nil || len(evs) != 1 {
			t.Fatalf("events of %s: %v", row.Debtor.Ref, err)
		}
		if row.LastEvent != evs[0].Type || !row.LastAction.Equal(evs[0].At) {
			t.Errorf("%s: last action %s %v, last event %s %v", row.Debtor.Ref, row.LastEvent, row.LastAction, evs[0].Type, evs[0].At)
		}
	}
}

func TestReviewQueue(t *testing.T) {
	w := newWorld(t)
	ctx := w.f.Ctx
	if _, err := w.svc.Import(ctx, genCAMT(ourIBAN, juneStatement()), ImportOptions{FileName: "juin.xml"}); err != nil {
		t.Fatal(err)
	}
	queue, err := w.st.BankLines(ctx, store.BankLineQuery{Status: store.LineReview})
	if err != nil || len(queue) != 1 {
		t.Fatalf("queue = %+v, %v", queue, err)
	}
	l := queue[0]
	if l.Counterparty != "SCI DES LILAS" || l.CounterpartyIBAN != lilasIBAN || l.Amount != money.EUR(12345) || l.BookingDate != day("2025-06-04") {
		t.Fatalf("line = %+v", l)
	}
	if _, err := Proposals(&l); err != nil {
		t.Fatal(err)
	}
	// The user puts it on Martin's F2025-0004: the rest of that invoice
	// will be recognized by the IBAN next time.
	err = w.svc.Assign(ctx, l.ID, w.debtors["C002"].ID, []Split{{InvoiceID: w.invoices["F2025-0004"].ID, Amount: money.EUR(20000)}})
	if ledger.ErrorCode(err) != ledger.EInvalid {
		t.Fatalf("a split above the line's amount: %v", err)
	}
	err = w.svc.Assign(ctx, l.ID, w.debtors["C002"].ID, []Split{{InvoiceID: w.invoices["F2025-0004"].ID, Amount: money.EUR(12345)}})
	if err != nil {
		t.Fatal(err)
	}
	if w.open(t, "F2025-0004") != 35050-12345 {
		t.Fatalf("F2025-0004 open %d", w.open(t, "F2025-0004"))
	}
	if err := w.svc.Accept(ctx, l.ID, 0); ledger.ErrorCode(err) != ledger.EConflict && ledger.ErrorCode(err) != ledger.EInvalid {
		t.Fatalf("accepting a resolved line: %v", err)
	}
	next := genCAMT(ourIBAN, []genEntry{
		{Ref: "M1", On: day("2025-06-25"), Minor: 35050 - 12345, Txs: []genTx{{E2E: "E2E-M1", Minor: 35050 - 12345, Payer: "SCI DES LILAS", IBAN: lilasIBAN}}},
		{Ref: "M2", On: day("2025-06-26"), Minor: 999, Txs: []genTx{{E2E: "E2E-M2", Minor: 999, Payer: "INCONNU"}}},
		{Ref: "M3", On: day("2025-06-26"), Minor: 50000, Txs: []genTx{{E2E: "E2E-M3", Minor: 50000, Payer: "DUPONT S.A.R.L."}}},
	})
	rep, err := w.svc.Import(ctx, next, ImportOptions{FileName: "juillet.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if w.open(t, "F2025-0004") != 0 {
		t.Fatalf("the learnt IBAN did not settle the rest of F2025-0004 (report %+v)", rep)
	}
	queue, _ = w.st.BankLines(ctx, store.BankLineQuery{Status: store.LineReview})
	byPayer := map[string]store.BankLine{}
	for _, l := range queue {
		byPayer[l.Counterparty] = l
	}
	if _, ok := byPayer["INCONNU"]; !ok {
		t.Fatalf("queue = %+v", queue)
	}
	if err := w.svc.Ignore(ctx, byPayer["INCONNU"].ID, "remboursement assurance"); err != nil {
		t.Fatal(err)
	}
	// Dupont paid 500.00 without a reference: if it waits for review, its
	// best proposal is F2025-0002, and accepting it settles the invoice.
	if l, ok := byPayer["DUPONT S.A.R.L."]; ok {
		ps, _ := Proposals(&l)
		if len(ps) == 0 || ps[0].DebtorID != w.debtors["C001"].ID {
			t.Fatalf("proposals = %+v", ps)
		}
		if err := w.svc.Accept(ctx, l.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	if w.open(t, "F2025-0002") != 0 {
		t.Fatal("F2025-0002 still open")
	}
	if n, _ := w.st.CountBankLines(ctx, store.LineReview); n != 0 {
		t.Fatalf("%d lines still to review", n)
	}
	storetest.CheckCaches(t, w.st, w.f.Org.ID)
}

func TestRefusedStatementWritesNothing(t *testing.T) {
	w := newWorld(t)
	ctx := w.f.Ctx
	whole := genCAMT(ourIBAN, juneStatement())
	for name, data := range map[string][]byte{
		"truncated": whole[:len(whole)/2],
		"empty":     nil,
		"unknown":   []byte("%PDF-1.7 not a statement"),
		"bad amount": []byte(`<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>X</MsgId></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>` + ourIBAN + `</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">12,3x</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-06-02</Dt></BookgDt></Ntry>
</Stmt></BkToCstmrStmt></Document>`),
	} {
		rep, err := w.svc.Import(ctx, data, ImportOptions{FileName: name})
		if !errors.Is(err, ErrRefused) || rep == nil || len(rep.Issues) == 0 || rep.Issues[0].Message == "" || rep.Issues[0].MessageEN == "" {
			t.Fatalf("%s: %v, %+v", name, err, rep)
		}
		if name == "bad amount" && rep.Issues[0].Line != 3 {
			t.Errorf("%s: issue at line %d, want 3: %+v", name, rep.Issues[0].Line, rep.Issues[0])
		}
	}
	if n, _ := w.st.CountBankLines(ctx, ""); n != 0 {
		t.Fatalf("%d lines written", n)
	}
	if imps, _ := w.st.BankImports(ctx, store.ImportQuery{}); len(imps) != 0 {
		t.Fatalf("%d imports written", len(imps))
	}
}

func TestManualPaymentLettrage(t *testing.T) {
	w := newWorld(t)
	ctx := w.f.Ctx
	d := w.debtors["C001"]
	e, err := w.svc.RecordPayment(ctx, ledger.Payment{DebtorID: d.ID, ReceivedOn: day("2025-06-20"), Amount: money.EUR(120000),
		Method: ledger.MethodCheque, Reference: "chèque 1234567 fact F2025-0002"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Allocations) != 2 || e.Allocations[0].InvoiceID != w.invoices["F2025-0002"].ID || e.Allocations[1].Amount != money.EUR(70000) {
		t.Fatalf("allocations = %+v", e.Allocations)
	}
	if w.open(t, "F2025-0002") != 0 || w.open(t, "F2025-0001") != 30000 {
		t.Fatal("cited invoice first, then the oldest")
	}
	// The cheque bounces: both invoices reopen.
	if err := w.svc.Reverse(ctx, e.Payment.ID, day("2025-06-25"), "chèque impayé"); err != nil {
		t.Fatal(err)
	}
	if w.open(t, "F2025-0002") != 50000 || w.open(t, "F2025-0001") != 100000 {
		t.Fatal("the bounced cheque did not reopen its invoices")
	}
	// An overpayment stays as credit on the debtor.
	if _, err := w.svc.RecordPayment(ctx, ledger.Payment{DebtorID: d.ID, ReceivedOn: day("2025-06-26"), Amount: money.EUR(160000)}, nil); err != nil {
		t.Fatal(err)
	}
	b, _ := w.st.DebtorBalance(ctx, d.ID, day("2025-06-30"))
	if b.Due.Minor != 0 || b.Credit != money.EUR(10000) {
		t.Fatalf("balance = %+v", b)
	}
}

// TestPaymentCancelsReminder: a reminder planned for an invoice is
// cancelled when the statement brings its payment, and comes back when
// the next statement returns that payment.
func TestPaymentCancelsReminder(t *testing.T) {
	w := newWorld(t)
	ctx := w.f.Ctx
	d := w.debtors["C001"]
	c, err := w.st.OpenCase(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	reminder := &ledger.Action{CaseID: c.ID, StepKey: "relance-2", Channel: ledger.ChannelEmail,
		ScheduledFor: time.Date(2025, 7, 3, 9, 0, 0, 0, time.UTC), InvoiceIDs: []int64{w.invoices["F2025-0001"].ID}}
	if err := w.st.PlanAction(ctx, reminder); err != nil {
		t.Fatal(err)
	}
	status := func() ledger.Action {
		t.Helper()
		as, err := w.st.Actions(ctx, store.ActionQuery{DebtorID: d.ID})
		if err != nil || len(as) != 1 {
			t.Fatalf("actions = %+v, %v", as, err)
		}
		return as[0]
	}
	st := juneStatement()
	if _, err := w.svc.Import(ctx, genCAMT(ourIBAN, st[:1]), ImportOptions{FileName: "paid.xml"}); err != nil {
		t.Fatal(err)
	}
	if a := status(); a.Status != ledger.ActionCancelled || a.SkipReason != ledger.SkipPaid {
		t.Fatalf("after the payment: %+v", a)
	}
	if _, err := w.svc.Import(ctx, genCAMT(ourIBAN, st[5:]), ImportOptions{FileName: "returned.xml"}); err != nil {
		t.Fatal(err)
	}
	if a := status(); a.Status != ledger.ActionPlanned || a.SkipReason != "" {
		t.Fatalf("after the reversal: %+v", a)
	}
	if w.open(t, "F2025-0001") != 100000 {
		t.Fatal("the reversal did not reopen F2025-0001")
	}
}

package importer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// today is the import day of every test.
var today = civil.D(2026, time.March, 2)

type bundle struct {
	st *sqldb.DB
	f  storetest.Fixture
}

func setup(t *testing.T) bundle {
	t.Helper()
	st := storetest.Open(t)
	st.Now = func() time.Time { return today.Time(civil.Paris).Add(10 * time.Hour) }
	return bundle{st: st, f: storetest.NewFixture(t, st, "Alpha")}
}

func (b bundle) run(t *testing.T, body string, opts importer.Options) *importer.Report {
	t.Helper()
	if opts.FileName == "" {
		opts.FileName = "balance.csv"
	}
	opts.Today = today
	rep, err := importer.Run(b.f.Ctx, b.st, strings.NewReader(body), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// invoices returns the organization's documents by number.
func (b bundle) invoices(t *testing.T) map[string]ledger.Invoice {
	t.Helper()
	page, err := b.st.ListInvoices(b.f.Ctx, store.InvoiceQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ledger.Invoice{}
	for _, inv := range page.Invoices {
		out[inv.Number] = inv
	}
	return out
}

func (b bundle) debtor(t *testing.T, ref string) (ledger.Debtor, ledger.Balance) {
	t.Helper()
	page, err := b.st.ListDebtors(b.f.Ctx, store.DebtorQuery{Search: ref, Limit: 10}, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Rows {
		if r.Debtor.Ref == ref {
			return r.Debtor, r.Balance
		}
	}
	t.Fatalf("no debtor %s", ref)
	return ledger.Debtor{}, ledger.Balance{}
}

func (b bundle) check(t *testing.T) {
	t.Helper()
	storetest.CheckCaches(t, b.st, b.f.Org.ID)
	if _, err := b.st.VerifyJournal(context.Background()); err != nil {
		t.Fatalf("journal: %v", err)
	}
}

func counts(t *testing.T, rep *importer.Report, created, updated, unchanged, settled int) {
	t.Helper()
	if rep.Created != created || rep.Updated != updated || rep.Unchanged != unchanged || rep.Settled != settled {
		t.Fatalf("created %d updated %d unchanged %d settled %d, want %d %d %d %d (errors %+v)",
			rep.Created, rep.Updated, rep.Unchanged, rep.Settled, created, updated, unchanged, settled, rep.Errors)
	}
}

const header = "N° facture;Client;Code client;SIREN;Email;Date facture;Échéance;Montant TTC;Reste dû\n"

// week1 is a firm's first export of its open invoices.
const week1 = header +
	"F-001;Boulangerie Martin SARL;C001;;compta@martin.test;05/01/2026;04/02/2026;1 200,00;1 200,00\n" +
	"F-002;Boulangerie Martin SARL;C001;;compta@martin.test;10/01/2026;09/02/2026;300,50;100,50\n" +
	"F-003;Jean Dupont;C002;;;15/01/2026;14/02/2026;80,00;80,00\n" +
	"AV-004;Jean Dupont;C002;;;20/01/2026;;-20,00;-20,00\n"

func TestFirstImportAndReimport(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rep := b.run(t, week1, importer.Options{})
	counts(t, rep, 4, 0, 0, 0)
	if !rep.Written || rep.DebtorsCreated != 2 || rep.ErrorCount != 0 || rep.Format != "csv" || rep.BatchID == 0 {
		t.Fatalf("report %+v", rep)
	}
	invs := b.invoices(t)
	if f2 := invs["F-002"]; f2.Amount != money.EUR(30050) || f2.Open() != money.EUR(10050) || f2.DueDate != civil.D(2026, 2, 9) {
		t.Errorf("F-002 = %+v, open %v", f2, f2.Open())
	}
	if av := invs["AV-004"]; av.Kind != ledger.DocCreditNote || av.Amount != money.EUR(2000) {
		t.Errorf("AV-004 = %+v", av)
	}
	// The open balance equals the file's: 1 200,00 + 100,50.
	martin, bal := b.debtor(t, "C001")
	if bal.Due != money.EUR(130050) || martin.Kind != ledger.KindBusiness {
		t.Errorf("C001: kind %s, due %v", martin.Kind, bal.Due)
	}
	dupont, bal := b.debtor(t, "C002")
	if dupont.Kind != ledger.KindConsumer || bal.Due != money.EUR(8000) || bal.Credit != money.EUR(2000) {
		t.Errorf("C002: kind %s, due %v, credit %v", dupont.Kind, bal.Due, bal.Credit)
	}
	// The part paid before the import is dated at the invoice's issue.
	pays, err := b.st.ListPayments(b.f.Ctx, store.PaymentQuery{DebtorID: martin.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(pays.Payments) != 1 || pays.Payments[0].Amount != money.EUR(20000) || pays.Payments[0].ReceivedOn != civil.D(2026, 1, 10) {
		t.Errorf("payments before import = %+v", pays.Payments)
	}
	b.check(t)

	// The same file again changes nothing, and says so.
	again := b.run(t, week1, importer.Options{})
	counts(t, again, 0, 0, 4, 0)
	if again.Previous == nil || again.Previous.ID != rep.BatchID || again.DebtorsCreated != 0 {
		t.Errorf("re-import: previous %+v, debtors %d", again.Previous, again.DebtorsCreated)
	}
	if n := len(b.invoices(t)); n != 4 {
		t.Errorf("%d documents after a re-import, want 4", n)
	}
	b.check(t)
}

func TestWeeklyChanges(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.run(t, week1, importer.Options{})
	// A week later: F-001's amount corrected, F-002 paid in full, F-003's
	// due date moved; a new invoice.
	week2 := header +
		"F-001;Boulangerie Martin SARL;C001;;;05/01/2026;04/02/2026;1 150,00;1 150,00\n" +
		"F-002;Boulangerie Martin SARL;C001;;;10/01/2026;09/02/2026;300,50;0\n" +
		"F-003;Jean Dupont;C002;;;15/01/2026;28/02/2026;80,00;80,00\n" +
		"AV-004;Jean Dupont;C002;;;20/01/2026;;-20,00;-20,00\n" +
		"F-005;Jean Dupont;C002;;;25/02/2026;27/03/2026;45,00;45,00\n"
	rep := b.run(t, week2, importer.Options{})
	counts(t, rep, 1, 3, 1, 0)
	invs := b.invoices(t)
	if invs["F-001"].Amount != money.EUR(115000) || invs["F-002"].Open().Minor != 0 || invs["F-003"].DueDate != civil.D(2026, 2, 28) {
		t.Errorf("after week 2: F-001 %v, F-002 open %v, F-003 due %v", invs["F-001"].Amount, invs["F-002"].Open(), invs["F-003"].DueDate)
	}
	fields := map[string]bool{}
	for _, c := range rep.Changes {
		fields[c.Number+" "+c.Field] = true
	}
	// The debtors' last action is the import's latest event on them.
	page, err := b.st.ListDebtors(b.f.Ctx, store.DebtorQuery{Limit: 10}, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Rows {
		want := map[string]string{"C001": "invoice.paid_outside", "C002": "invoice.created"}[r.Debtor.Ref]
		if r.LastEvent != want || r.LastAction.IsZero() {
			t.Errorf("%s: last action %q at %v, want %q", r.Debtor.Ref, r.LastEvent, r.LastAction, want)
		}
	}
	for _, want := range []string{"F-001 amount", "F-002 paid", "F-003 due_date"} {
		if !fields[want] {
			t.Errorf("changes %+v lack %s", rep.Changes, want)
		}
	}
	// Each change is journaled on its invoice.
	for number, typ := range map[string]string{"F-001": "invoice.updated", "F-002": "invoice.paid_outside", "F-003": "invoice.updated"} {
		evs, err := b.st.Events(b.f.Ctx, store.EventQuery{InvoiceID: invs[number].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 || evs[0].Type != typ {
			t.Errorf("%s: last event %+v, want %s", number, evs, typ)
		}
	}
	b.check(t)
}

func TestSnapshotSettlesAbsentInvoices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// The first import ran a week before: what was paid since was paid
	// on its morrow at the earliest.
	now := b.st.Now
	b.st.Now = func() time.Time { return now().AddDate(0, 0, -7) }
	b.run(t, week1, importer.Options{})
	// F-001 is gone from the full aged balance: paid outside recouvre.
	week2 := header +
		"F-002;Boulangerie Martin SARL;C001;;;10/01/2026;09/02/2026;300,50;100,50\n" +
		"F-003;Jean Dupont;C002;;;15/01/2026;14/02/2026;80,00;80,00\n" +
		"AV-004;Jean Dupont;C002;;;20/01/2026;;-20,00;-20,00\n"
	// Without --snapshot, an absent invoice stays open.
	counts(t, b.run(t, week2, importer.Options{}), 0, 0, 3, 0)
	if b.invoices(t)["F-001"].Open().Minor == 0 {
		t.Fatal("F-001 settled without --snapshot")
	}
	b.st.Now = now
	rep := b.run(t, week2, importer.Options{Snapshot: true})
	counts(t, rep, 0, 0, 3, 1)
	f1 := b.invoices(t)["F-001"]
	if f1.Open().Minor != 0 {
		t.Errorf("F-001 still open: %v", f1.Open())
	}
	evs, _ := b.st.Events(b.f.Ctx, store.EventQuery{InvoiceID: f1.ID})
	if len(evs) == 0 || evs[0].Type != "invoice.settled_outside" {
		t.Errorf("F-001 events %+v", evs)
	}
	pays, _ := b.st.ListPayments(b.f.Ctx, store.PaymentQuery{DebtorID: f1.DebtorID})
	if n := len(pays.Payments); n == 0 || pays.Payments[n-1].ReceivedOn != today.AddDays(-6) || pays.Payments[n-1].Amount != money.EUR(120000) {
		t.Errorf("settlement of F-001: %+v, want 1200.00 on %v", pays.Payments, today.AddDays(-6))
	}
	// A snapshot with an invalid line settles nothing.
	bad := header + "F-002;Boulangerie Martin SARL;C001;;;10/01/2026;31/02/2026;300,50;100,50\n"
	rep = b.run(t, bad, importer.Options{Snapshot: true, SkipInvalid: true})
	if !rep.SnapshotSkipped || rep.Settled != 0 || b.invoices(t)["F-003"].Open().Minor == 0 {
		t.Errorf("snapshot with errors: %+v", rep)
	}
	b.check(t)
}

func TestAllOrNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	bad := header +
		"F-001;Boulangerie Martin SARL;C001;;;05/01/2026;04/02/2026;1 200,00;1 200,00\n" +
		"F-002;Boulangerie Martin SARL;C001;;;10/01/2026;31/02/2026;300,50;100,50\n" +
		"F-003;Jean Dupont;C002;;;15/01/2026;14/02/2026;quatre-vingts;80,00\n"
	rep := b.run(t, bad, importer.Options{})
	if rep.Written || rep.ErrorCount != 2 || len(b.invoices(t)) != 0 {
		t.Fatalf("refused import: %+v, %d invoices", rep, len(b.invoices(t)))
	}
	if e := rep.Errors[0]; e.Line != 3 || e.Column != "Échéance" || e.Value != "31/02/2026" || !strings.Contains(e.Message, "31/02/2026") {
		t.Errorf("first error %+v", e)
	}
	if e := rep.Errors[1]; e.Line != 4 || e.Column != "Montant TTC" || e.MessageEN == "" || e.MessageEN == e.Message {
		t.Errorf("second error %+v", e)
	}
	// The refused batch is in the history with its errors.
	hist, err := b.st.ImportBatches(b.f.Ctx, store.ImportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 || hist[0].Status != store.BatchRefused || hist[0].ErrorCount != 2 || len(hist[0].Errors) != 2 || hist[0].SHA256 == "" {
		t.Fatalf("history %+v", hist)
	}
	// With --skip-invalid the valid line goes in.
	rep = b.run(t, bad, importer.Options{SkipInvalid: true})
	counts(t, rep, 1, 0, 0, 0)
	if !rep.Written || rep.ErrorCount != 2 {
		t.Errorf("skip invalid: %+v", rep)
	}
	b.check(t)
}

func TestDryRunWritesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	rep := b.run(t, week1, importer.Options{DryRun: true, PreviewRows: 2})
	counts(t, rep, 4, 0, 0, 0)
	if rep.Written || rep.BatchID != 0 || len(rep.NewDebtors) != 2 || len(rep.Preview) != 2 || len(rep.Header) != 9 {
		t.Fatalf("dry run %+v", rep)
	}
	if rep.NewDebtors[0].Kind != ledger.KindBusiness || rep.NewDebtors[1].Kind != ledger.KindConsumer {
		t.Errorf("kinds shown for confirmation: %+v", rep.NewDebtors)
	}
	hist, _ := b.st.ImportBatches(b.f.Ctx, store.ImportQuery{})
	if len(b.invoices(t)) != 0 || len(hist) != 0 {
		t.Fatalf("a dry run wrote %d invoices, %d batches", len(b.invoices(t)), len(hist))
	}
	// The user corrects a kind in the preview: the import follows it.
	rep = b.run(t, week1, importer.Options{Kinds: map[string]ledger.DebtorKind{"ref:C002": ledger.KindBusiness}})
	if d, _ := b.debtor(t, "C002"); d.Kind != ledger.KindBusiness {
		t.Errorf("confirmed kind not applied: %s (%+v)", d.Kind, rep.NewDebtors)
	}
}

func TestUndo(t *testing.T) {
	t.Parallel()
	b := setup(t)
	first := b.run(t, week1, importer.Options{})
	week2 := header +
		"F-001;Boulangerie Martin SARL;C001;;;05/01/2026;04/02/2026;1 150,00;1 000,00\n" +
		"F-006;Nouveau Client SAS;C009;552100554;;01/02/2026;03/03/2026;99,00;99,00\n"
	second := b.run(t, week2, importer.Options{Snapshot: true})
	counts(t, second, 1, 1, 0, 2)
	if ok, why, err := b.st.ImportUndoable(b.f.Ctx, first.BatchID); err != nil || ok {
		t.Errorf("the first batch is undoable although the second changed its invoices: %v %q %v", ok, why, err)
	}
	if _, err := b.st.UndoImport(b.f.Ctx, first.BatchID); ledger.ErrorCode(err) != ledger.EConflict {
		t.Errorf("undo of a batch changed since: %v", err)
	}
	if _, err := b.st.UndoImport(b.f.Ctx, second.BatchID); err != nil {
		t.Fatalf("undo: %v", err)
	}
	invs := b.invoices(t)
	if _, ok := invs["F-006"]; ok {
		t.Error("F-006 survived the undo")
	}
	if f1 := invs["F-001"]; f1.Amount != money.EUR(120000) || f1.Open() != money.EUR(120000) {
		t.Errorf("F-001 after undo: amount %v open %v", f1.Amount, f1.Open())
	}
	if f3 := invs["F-003"]; f3.Open() != money.EUR(8000) {
		t.Errorf("F-003 still settled after undo: %v", f3.Open())
	}
	page, _ := b.st.ListDebtors(b.f.Ctx, store.DebtorQuery{Search: "C009"}, today)
	if len(page.Rows) != 0 {
		t.Error("the debtor the batch created survived the undo")
	}
	b.check(t)
	// The first batch is undoable again; after a payment is allocated to
	// one of its invoices, it is not.
	if ok, why, _ := b.st.ImportUndoable(b.f.Ctx, first.BatchID); !ok {
		t.Fatalf("first batch not undoable: %s", why)
	}
	d, _ := b.debtor(t, "C002")
	p := b.f.Payment(t, b.st, d.ID, "2026-03-01", 1000, "VIR DUPONT")
	if err := b.st.Allocate(b.f.Ctx, &ledger.Allocation{InvoiceID: invs["F-003"].ID, PaymentID: p.ID, Amount: money.EUR(1000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.UndoImport(b.f.Ctx, first.BatchID); ledger.ErrorCode(err) != ledger.EConflict {
		t.Errorf("undo after an allocation: %v", err)
	}
	b.check(t)
}

func TestConflicts(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.run(t, week1, importer.Options{})
	tests := []struct {
		name, body, key string
		line            int
	}{
		{"number twice", header + "F-010;A SARL;C100;;;05/01/2026;04/02/2026;10,00;10,00\nF-010;A SARL;C100;;;05/01/2026;04/02/2026;12,00;12,00\n",
			"import.err.duplicate", 3},
		{"another debtor's invoice", header + "F-001;Jean Dupont;C002;;;05/01/2026;04/02/2026;1 200,00;1 200,00\n", "import.err.other_debtor", 2},
		{"invoice becomes a credit note", header + "F-003;Jean Dupont;C002;;;15/01/2026;14/02/2026;-80,00;-80,00\n", "import.err.kind_changed", 2},
		{"amount below what is settled", header + "F-002;Boulangerie Martin SARL;C001;;;10/01/2026;09/02/2026;150,00;0\n", "import.err.below_settled", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := b.run(t, tt.body, importer.Options{})
			if rep.Written || rep.ErrorCount != 1 || rep.Errors[0].Key != tt.key || rep.Errors[0].Line != tt.line {
				t.Fatalf("report %+v", rep)
			}
		})
	}
	// The same line twice is harmless.
	rep := b.run(t, header+"F-011;A SARL;C100;;;05/01/2026;04/02/2026;10,00;10,00\nF-011;A SARL;C100;;;05/01/2026;04/02/2026;10,00;10,00\n", importer.Options{})
	if rep.Created != 1 || rep.ErrorCount != 0 || !rep.Written {
		t.Errorf("the same line twice: %+v", rep)
	}
	b.check(t)
}

func TestDebtorKeysAndTerms(t *testing.T) {
	t.Parallel()
	b := setup(t)
	s, _ := b.st.LegalSettings(b.f.Ctx)
	s.DefaultTermDays = 45
	if err := b.st.SaveLegalSettings(b.f.Ctx, s); err != nil {
		t.Fatal(err)
	}
	// No customer code: the SIREN, else the exact name, finds the debtor
	// again; without a due date, the organization's term applies.
	body := "Facture;Client;SIREN;Date;Montant\n" +
		"G-1;Transports Léa;552 100 554;01/02/2026;100,00\n" +
		"G-2;Mairie de Lyon;;01/02/2026;200,00\n"
	counts(t, b.run(t, body, importer.Options{}), 2, 0, 0, 0)
	body2 := "Facture;Client;SIREN;Date;Montant\n" +
		"G-3;Transports Léa (Lyon);552100554;03/02/2026;10,00\n" +
		"G-4;Mairie de Lyon;;03/02/2026;20,00\n"
	rep := b.run(t, body2, importer.Options{})
	counts(t, rep, 2, 0, 0, 0)
	if rep.DebtorsCreated != 0 {
		t.Errorf("%d debtors created, want the two known ones found again", rep.DebtorsCreated)
	}
	invs := b.invoices(t)
	if invs["G-1"].DebtorID != invs["G-3"].DebtorID || invs["G-2"].DebtorID != invs["G-4"].DebtorID {
		t.Error("debtors not found again by SIREN and name")
	}
	if invs["G-1"].DueDate != civil.D(2026, 3, 18) {
		t.Errorf("G-1 due %v, want 45 days after the issue", invs["G-1"].DueDate)
	}
	lea, _ := b.debtor(t, "552100554")
	mairie, _ := b.st.GetDebtor(b.f.Ctx, invs["G-2"].DebtorID)
	if lea.Kind != ledger.KindBusiness || mairie.Kind != ledger.KindPublic {
		t.Errorf("kinds: %s, %s", lea.Kind, mairie.Kind)
	}
}

func TestTenancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.run(t, week1, importer.Options{})
	other := storetest.NewFixture(t, b.st, "Beta")
	rep, err := importer.Run(other.Ctx, b.st, strings.NewReader(week1), importer.Options{FileName: "b.csv", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	// Another organization's same numbers are new to Beta.
	counts(t, rep, 4, 0, 0, 0)
	if rep.Previous != nil {
		t.Error("Beta sees Alpha's import as a previous one")
	}
	if _, err := b.st.UndoImport(other.Ctx, 1); !ledger.IsNotFound(err) {
		t.Errorf("Beta undoes Alpha's batch: %v", err)
	}
	if _, err := importer.Run(other.Ctx, b.st, strings.NewReader(week1), importer.Options{CreditorID: b.f.Creditor.ID}); !ledger.IsNotFound(err) {
		t.Errorf("Beta imports for Alpha's creditor: %v", err)
	}
}

// TestIncompleteRecord: a line without a date is an error of that line,
// not a failure of the import.
func TestIncompleteRecord(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := "N° facture;Client;Code client;Date facture;Échéance;Montant TTC\n" +
		"F-1;Martin SARL;C001;05/01/2026;04/02/2026;10,00\n" +
		"F-2;Martin SARL;C001;;04/02/2026;12,00\n"
	rep := b.run(t, body, importer.Options{SkipInvalid: true})
	if rep.Created != 1 || rep.ErrorCount != 1 || rep.Errors[0].Line != 3 {
		t.Fatalf("report %+v", rep)
	}
	// A dry run of a file whose header cannot be read still shows it.
	dry := b.run(t, "Quoi;Qui\nF-1;Martin\n", importer.Options{DryRun: true, PreviewRows: 5})
	if dry.ErrorCount == 0 || len(dry.Preview) != 2 {
		t.Errorf("dry run of an unreadable file: %+v", dry)
	}
}

// TestConcurrentImports: two organizations importing at the same moment
// both succeed — bulk loads take their ids one after the other.
func TestConcurrentImports(t *testing.T) {
	t.Parallel()
	b := setup(t)
	other := storetest.NewFixture(t, b.st, "Beta")
	errs := make(chan error, 2)
	for _, ctx := range []context.Context{b.f.Ctx, other.Ctx} {
		go func() {
			rep, err := importer.Run(ctx, b.st, strings.NewReader(week1), importer.Options{FileName: "w.csv", Today: today})
			if err == nil && (!rep.Written || rep.Created != 4) {
				err = fmt.Errorf("report %+v", rep)
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	b.check(t)
}

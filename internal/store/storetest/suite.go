package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// Now is the fixed clock of the contract suite: 15 June 2025, 10:00 Paris.
var Now = time.Date(2025, 6, 15, 8, 0, 0, 0, time.UTC)

// Today is Now's civil date.
var Today = civil.MustParse("2025-06-15")

// Run runs the contract suite against stores made by open.
func Run(t *testing.T, open func(t testing.TB) *sqldb.DB) {
	tests := []struct {
		name string
		fn   func(t *testing.T, db *sqldb.DB)
	}{
		{"Accounts", testAccounts},
		{"Sessions", testSessions},
		{"RateImports", testRateImports},
		{"LegalSettings", testLegalSettings},
		{"Insolvency", testInsolvency},
		{"FormalNotices", testFormalNotices},
		{"RecoveryCosts", testRecoveryCosts},
		{"Debtors", testDebtors},
		{"Allocations", testAllocations},
		{"InvoiceFilters", testInvoiceFilters},
		{"Portfolio", testPortfolio},
		{"SummaryFollowsTheDate", testSummaryFollowsTheDate},
		{"RefreshStaleSummaries", testRefreshStaleSummaries},
		{"Tenancy", testTenancy},
		{"JournalVerify", testJournalVerify},
		{"JournalConcurrent", testJournalConcurrent},
		{"Bulk", testBulk},
		{"BulkRollback", testBulkRollback},
		{"BulkCreditNote", testBulkCreditNote},
		{"BulkPanic", testBulkPanic},
		{"Lettrage", testLettrage},
		{"BankImport", testBankImport},
		{"ReviewQueue", testReviewQueue},
		{"BankSettings", testBankSettings},
		{"CasesFollowPayments", testCasesFollowPayments},
		{"AssignCase", testAssignCase},
		{"BankUndo", testBankUndo},
		{"DunningSettings", testDunningSettings},
		{"ScenariosSegmentsTemplates", testScenariosSegmentsTemplates},
		{"Disputes", testDisputes},
		{"PromisesAndPlans", testPromisesAndPlans},
		{"ContactHolds", testContactHolds},
		{"PlanningFacts", testPlanningFacts},
		{"WritePlan", testWritePlan},
		{"Outbox", testOutbox},
		{"ListActions", testListActions},
		{"ConcurrentClaims", testConcurrentClaims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := open(t)
			db.Now = func() time.Time { return Now }
			tt.fn(t, db)
		})
	}
}

func eur(minor int64) money.Amount { return money.New(minor, "EUR") }

// Fixture is an organization with a creditor, an admin and a scoped ctx.
type Fixture struct {
	Org      ledger.Organization
	Creditor ledger.Creditor
	User     ledger.User
	Ctx      context.Context
}

// NewFixture creates an organization named name with its creditor and an
// admin user, and returns a context scoped to it.
func NewFixture(t testing.TB, st store.Store, name string) Fixture {
	t.Helper()
	ctx := context.Background()
	f := Fixture{Org: ledger.Organization{Name: name}}
	must(t, st.CreateOrganization(ctx, &f.Org))
	f.User = ledger.User{Email: fmt.Sprintf("admin-%d@%s.test", f.Org.ID, "recouvre"), Name: "Admin " + name}
	must(t, st.CreateUser(ctx, &f.User))
	must(t, st.AddMembership(ctx, ledger.Membership{OrgID: f.Org.ID, UserID: f.User.ID, Role: "admin"}))
	f.Ctx = store.WithActor(store.WithOrg(ctx, f.Org.ID), store.Actor{UserID: f.User.ID, Name: f.User.Email})
	f.Creditor = ledger.Creditor{Name: name, SIREN: "732829320"}
	must(t, st.CreateCreditor(f.Ctx, &f.Creditor))
	return f
}

// Debtor creates a business debtor.
func (f Fixture) Debtor(t testing.TB, st store.Store, ref, name string) *ledger.Debtor {
	t.Helper()
	d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: ref, Name: name, Kind: ledger.KindBusiness}
	must(t, st.CreateDebtor(f.Ctx, d))
	return d
}

// Invoice creates an invoice.
func (f Fixture) Invoice(t testing.TB, st store.Store, debtorID int64, number, issue, due string, minor int64) *ledger.Invoice {
	t.Helper()
	inv := &ledger.Invoice{DebtorID: debtorID, Number: number, IssueDate: civil.MustParse(issue), DueDate: civil.MustParse(due), Amount: eur(minor)}
	must(t, st.CreateInvoice(f.Ctx, inv))
	return inv
}

// Payment records a payment.
func (f Fixture) Payment(t testing.TB, st store.Store, debtorID int64, on string, minor int64, ref string) *ledger.Payment {
	t.Helper()
	p := &ledger.Payment{DebtorID: debtorID, ReceivedOn: civil.MustParse(on), Amount: eur(minor), Reference: ref}
	must(t, st.CreatePayment(f.Ctx, p))
	return p
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := ledger.ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
}

func testAccounts(t *testing.T, db *sqldb.DB) {
	ctx := context.Background()
	f := NewFixture(t, db, "Acme")
	o, err := db.GetOrganization(ctx, f.Org.ID)
	must(t, err)
	if o.Name != "Acme" || o.Kind != ledger.OrgCreditor {
		t.Fatalf("org = %+v", o)
	}
	u, err := db.UserByEmail(ctx, "  "+f.User.Email+" ")
	must(t, err)
	if u.ID != f.User.ID || u.Lang != "fr" {
		t.Fatalf("user = %+v", u)
	}
	wantCode(t, db.CreateUser(ctx, &ledger.User{Email: f.User.Email}), ledger.EConflict)
	must(t, db.SetUserLang(ctx, u.ID, "en"))
	u, _ = db.UserByID(ctx, u.ID)
	if u.Lang != "en" {
		t.Fatalf("lang = %s", u.Lang)
	}
	ms, err := db.Memberships(ctx, u.ID)
	must(t, err)
	if len(ms) != 1 || ms[0].Role != "admin" || ms[0].OrgName != "Acme" {
		t.Fatalf("memberships = %+v", ms)
	}
	wantCode(t, db.AddMembership(ctx, ledger.Membership{OrgID: f.Org.ID, UserID: u.ID, Role: "boss"}), ledger.EInvalid)
	tok := &store.APIToken{OrgID: f.Org.ID, UserID: u.ID, Name: "ci", TokenHash: []byte("hash-1")}
	must(t, db.CreateAPIToken(ctx, tok))
	got, err := db.APITokenByHash(ctx, []byte("hash-1"))
	must(t, err)
	if got.ID != tok.ID || got.OrgID != f.Org.ID {
		t.Fatalf("token = %+v", got)
	}
	_, err = db.APITokenByHash(ctx, []byte("hash-2"))
	wantCode(t, err, ledger.ENotFound)
}

func testRateImports(t *testing.T, db *sqldb.DB) {
	ctx := store.WithActor(context.Background(), store.Actor{Name: "cli"})
	none, err := db.RateImports(ctx)
	must(t, err)
	if len(none) != 0 {
		t.Fatalf("a new database has rate imports: %+v", none)
	}
	for _, c := range []string{"legal\t2027-S1\t6.50\t2.60\tconfirmed\tJO\n", "ecb\t2026-12-23\t2.40\tconfirmed\tBCE\n"} {
		must(t, db.AddRateImport(ctx, &store.RateImport{FileName: "taux.tsv", Content: c}))
	}
	got, err := db.RateImports(ctx)
	must(t, err)
	if len(got) != 2 || got[0].ID >= got[1].ID || !strings.HasPrefix(got[0].Content, "legal\t2027-S1") ||
		got[1].Actor != "cli" || got[1].FileName != "taux.tsv" || len(got[1].SHA256) != 64 || !got[1].ImportedAt.Equal(Now) {
		t.Fatalf("rate imports = %+v", got)
	}
}

func testLegalSettings(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	s, err := db.LegalSettings(f.Ctx)
	must(t, err)
	if s.Year365 || s.PrincipalFirst || s.HasContractRate || s.Deadline() != 8 || s.DefaultTermDays != 30 {
		t.Fatalf("defaults = %+v", s)
	}
	want := ledger.LegalSettings{Year365: true, PrincipalFirst: true, ContractRateBP: 1250, HasContractRate: true,
		CreditorIsConsumer: false, NoticeDays: 15, Place: "Lyon", Signatory: "Camille Martin", SignatoryRole: "Gérante", DefaultTermDays: 45}
	must(t, db.SaveLegalSettings(f.Ctx, want))
	want.NoticeDays = 10
	want.HasContractRate, want.ContractRateBP = false, 0
	must(t, db.SaveLegalSettings(f.Ctx, want)) // an update
	got, err := db.LegalSettings(f.Ctx)
	must(t, err)
	want.OrgID = f.Org.ID
	if got != want {
		t.Fatalf("settings = %+v, want %+v", got, want)
	}
	if other, _ := db.LegalSettings(g.Ctx); other.Year365 || other.Place != "" {
		t.Fatalf("another organization sees %+v", other)
	}
	wantCode(t, db.SaveLegalSettings(f.Ctx, ledger.LegalSettings{NoticeDays: 0}), ledger.EInvalid)
	wantCode(t, db.SaveLegalSettings(f.Ctx, ledger.LegalSettings{NoticeDays: 8, HasContractRate: true, ContractRateBP: -1}), ledger.EInvalid)
}

func testInsolvency(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	_, err := db.Insolvency(f.Ctx, d.ID)
	wantCode(t, err, ledger.ENotFound)
	in := &ledger.Insolvency{DebtorID: d.ID, Kind: ledger.InsolvencyRecovery, JudgmentDate: civil.MustParse("2025-05-20"),
		Court: "Tribunal de commerce de Lyon", Mandataire: "Me Durand", MandataireAddr: ledger.Address{Line1: "1 quai", City: "Lyon"},
		PublicationDate: civil.MustParse("2025-06-01")}
	must(t, db.RecordInsolvency(f.Ctx, in))
	got, err := db.Insolvency(f.Ctx, d.ID)
	must(t, err)
	if got.Kind != in.Kind || got.JudgmentDate != in.JudgmentDate || got.PublicationDate != in.PublicationDate ||
		got.MandataireAddr.City != "Lyon" || got.Mandataire != "Me Durand" {
		t.Fatalf("insolvency = %+v", got)
	}
	// A liquidation replaces the recovery; no publication yet is kept as none.
	must(t, db.RecordInsolvency(f.Ctx, &ledger.Insolvency{DebtorID: d.ID, Kind: ledger.InsolvencyLiquidation, JudgmentDate: civil.MustParse("2025-06-10")}))
	got, err = db.Insolvency(f.Ctx, d.ID)
	must(t, err)
	if got.Kind != ledger.InsolvencyLiquidation || !got.PublicationDate.IsZero() {
		t.Fatalf("after the update: %+v", got)
	}
	_, err = db.Insolvency(g.Ctx, d.ID)
	wantCode(t, err, ledger.ENotFound)
	wantCode(t, db.RecordInsolvency(g.Ctx, &ledger.Insolvency{DebtorID: d.ID, Kind: ledger.InsolvencyRecovery, JudgmentDate: civil.MustParse("2025-05-20")}), ledger.ENotFound)
	wantCode(t, db.RecordInsolvency(f.Ctx, &ledger.Insolvency{DebtorID: d.ID, Kind: "faillite", JudgmentDate: civil.MustParse("2025-05-20")}), ledger.EInvalid)
	evs, err := db.Events(f.Ctx, store.EventQuery{DebtorID: d.ID})
	must(t, err)
	if len(evs) == 0 || evs[0].Type != "debtor.insolvency_recorded" {
		t.Fatalf("not journaled: %+v", evs)
	}
}

func testFormalNotices(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	other := f.Debtor(t, db, "C2", "Autre")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-01-01", "2025-01-31", 1000)
	i2 := f.Invoice(t, db, other.ID, "F2", "2025-01-01", "2025-01-31", 1000)
	n := &ledger.FormalNotice{DebtorID: d.ID, Reference: "MED-2025-0001", IssuedOn: civil.MustParse("2025-06-01"),
		Deadline: civil.MustParse("2025-06-09"), InvoiceIDs: []int64{i1.ID}, Total: eur(1040), PDF: []byte("%PDF-1.4 test")}
	must(t, db.RecordFormalNotice(f.Ctx, n))
	kept, err := db.FormalNoticePDF(f.Ctx, n.ID)
	must(t, err)
	if string(kept.PDF) != "%PDF-1.4 test" || kept.Reference != n.Reference || kept.DebtorID != d.ID {
		t.Fatalf("kept notice %+v", kept)
	}
	_, err = db.FormalNoticePDF(g.Ctx, n.ID)
	wantCode(t, err, ledger.ENotFound)
	wantCode(t, db.RecordFormalNotice(f.Ctx, &ledger.FormalNotice{DebtorID: d.ID, Reference: "MED-2025-0001", IssuedOn: civil.MustParse("2025-06-02"),
		Deadline: civil.MustParse("2025-06-10"), InvoiceIDs: []int64{i1.ID}, Total: eur(1040)}), ledger.EConflict)
	// Another debtor's invoice, or another organization's, is not claimable.
	wantCode(t, db.RecordFormalNotice(f.Ctx, &ledger.FormalNotice{DebtorID: d.ID, Reference: "MED-X", IssuedOn: civil.MustParse("2025-06-02"),
		Deadline: civil.MustParse("2025-06-10"), InvoiceIDs: []int64{i2.ID}, Total: eur(1)}), ledger.ENotFound)
	wantCode(t, db.RecordFormalNotice(g.Ctx, &ledger.FormalNotice{DebtorID: d.ID, Reference: "MED-Y", IssuedOn: civil.MustParse("2025-06-02"),
		Deadline: civil.MustParse("2025-06-10"), InvoiceIDs: []int64{i1.ID}, Total: eur(1)}), ledger.ENotFound)
	wantCode(t, db.RecordFormalNotice(f.Ctx, &ledger.FormalNotice{DebtorID: d.ID, Reference: "MED-Z", IssuedOn: civil.MustParse("2025-06-02"),
		Deadline: civil.MustParse("2025-06-01"), InvoiceIDs: []int64{i1.ID}, Total: eur(1)}), ledger.EInvalid)
	got, err := db.FormalNotices(f.Ctx, d.ID)
	must(t, err)
	if len(got) != 1 || got[0].ID != n.ID || got[0].Reference != "MED-2025-0001" || got[0].IssuedOn != n.IssuedOn ||
		len(got[0].InvoiceIDs) != 1 || got[0].InvoiceIDs[0] != i1.ID || got[0].Total != eur(1040) {
		t.Fatalf("notices = %+v", got)
	}
	if none, _ := db.FormalNotices(g.Ctx, d.ID); len(none) != 0 {
		t.Fatalf("another organization sees %+v", none)
	}
	evs, err := db.Events(f.Ctx, store.EventQuery{InvoiceID: i1.ID})
	must(t, err)
	if len(evs) == 0 || evs[0].Type != "formal_notice.issued" {
		t.Fatalf("not journaled on the invoice: %+v", evs)
	}
}

func testRecoveryCosts(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	inv := f.Invoice(t, db, d.ID, "F1", "2025-01-01", "2025-01-31", 1000_00)
	c := &ledger.RecoveryCost{InvoiceID: inv.ID, Amount: eur(120_00), IncurredOn: civil.MustParse("2025-03-01"),
		Description: "Frais de commissaire de justice", ProofName: "facture-cj.pdf", ProofType: "application/pdf", Proof: []byte("%PDF-proof")}
	must(t, db.AddRecoveryCost(f.Ctx, c))
	list, err := db.RecoveryCosts(f.Ctx, d.ID)
	must(t, err)
	if len(list) != 1 || list[0].Amount != eur(120_00) || list[0].Proof != nil || list[0].InvoiceID != inv.ID || list[0].IncurredOn != c.IncurredOn {
		t.Fatalf("costs = %+v", list)
	}
	got, err := db.RecoveryCostProof(f.Ctx, c.ID)
	must(t, err)
	if string(got.Proof) != "%PDF-proof" || got.DebtorID != d.ID {
		t.Fatalf("proof = %+v", got)
	}
	_, err = db.RecoveryCostProof(g.Ctx, c.ID)
	wantCode(t, err, ledger.ENotFound)
	if none, _ := db.RecoveryCosts(g.Ctx, d.ID); len(none) != 0 {
		t.Fatalf("another organization sees %+v", none)
	}
	bad := *c
	bad.Proof = nil
	wantCode(t, db.AddRecoveryCost(f.Ctx, &bad), ledger.EInvalid)
	bad = *c
	bad.Amount = money.New(100, "USD")
	wantCode(t, db.AddRecoveryCost(f.Ctx, &bad), ledger.EInvalid)
	wantCode(t, db.AddRecoveryCost(g.Ctx, &ledger.RecoveryCost{InvoiceID: inv.ID, Amount: eur(1), IncurredOn: civil.MustParse("2025-03-01"),
		Description: "x", ProofName: "p", Proof: []byte("p")}), ledger.ENotFound)
}

func testRefreshStaleSummaries(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C1", "Client")
	f.Invoice(t, db, d.ID, "F1", "2025-06-01", "2025-06-20", 1000)
	// On 21 June the invoice is overdue; the refresh makes the portfolio say so.
	n, err := db.RefreshStaleSummaries(context.Background(), civil.MustParse("2025-06-21"))
	must(t, err)
	if n < 1 {
		t.Fatalf("refreshed %d organizations", n)
	}
	page, err := db.ListDebtors(f.Ctx, store.DebtorQuery{}, civil.MustParse("2025-06-21"))
	must(t, err)
	if len(page.Rows) != 1 || page.Rows[0].Balance.Overdue.Minor != 1000 {
		t.Fatalf("after the refresh: %+v", page.Rows)
	}
	// A second pass the same day has nothing to do.
	n, err = db.RefreshStaleSummaries(context.Background(), civil.MustParse("2025-06-21"))
	must(t, err)
	if n != 0 {
		t.Fatalf("second pass refreshed %d organizations", n)
	}
}

func testSessions(t *testing.T, db *sqldb.DB) {
	ctx := context.Background()
	f := NewFixture(t, db, "Acme")
	s := store.Session{TokenHash: []byte("s1"), UserID: f.User.ID, OrgID: f.Org.ID, CreatedAt: Now, ExpiresAt: Now.Add(time.Hour)}
	must(t, db.CreateSession(ctx, s))
	got, err := db.SessionByHash(ctx, []byte("s1"), Now.Add(59*time.Minute))
	must(t, err)
	if got.UserID != f.User.ID || got.OrgID != f.Org.ID {
		t.Fatalf("session = %+v", got)
	}
	_, err = db.SessionByHash(ctx, []byte("s1"), Now.Add(61*time.Minute))
	wantCode(t, err, ledger.ENotFound)
	must(t, db.DeleteSession(ctx, []byte("s1")))
	_, err = db.SessionByHash(ctx, []byte("s1"), Now)
	wantCode(t, err, ledger.ENotFound)
}

func testDebtors(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C001", Name: "Société Générale d'Équipement", Kind: ledger.KindBusiness,
		SIREN: "732829320", Tags: []string{"sensible", "BTP", "BTP", " "}, CreditLimit: eur(500000),
		Contacts: []ledger.Contact{
			{Name: "Service comptabilité", Email: "compta@sge.test", Primary: true, PreferredChannel: ledger.ChannelEmail,
				Address: ledger.Address{Line1: "1 rue de la Paix", PostalCode: "75002", City: "Paris", Country: "FR"}},
			{Name: "DAF", Phone: "+33612345678", SMSConsent: true},
		}}
	must(t, db.CreateDebtor(f.Ctx, d))
	got, err := db.GetDebtor(f.Ctx, d.ID)
	must(t, err)
	if got.Name != d.Name || got.SIREN != "732829320" || got.CreditLimit != eur(500000) || got.Lang != "fr" {
		t.Fatalf("debtor = %+v", got)
	}
	if fmt.Sprint(got.Tags) != "[BTP sensible]" {
		t.Fatalf("tags = %v", got.Tags)
	}
	if len(got.Contacts) != 2 || !got.Contacts[0].Primary || got.Contacts[0].Address.City != "Paris" || !got.Contacts[1].SMSConsent {
		t.Fatalf("contacts = %+v", got.Contacts)
	}
	dup := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C001", Name: "Autre", Kind: ledger.KindConsumer}
	wantCode(t, db.CreateDebtor(f.Ctx, dup), ledger.EConflict)
	bad := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "C002", Name: "X", Kind: ledger.KindBusiness, SIREN: "732829321"}
	wantCode(t, db.CreateDebtor(f.Ctx, bad), ledger.EInvalid)
	tags, err := db.Tags(f.Ctx)
	must(t, err)
	if fmt.Sprint(tags) != "[BTP sensible]" {
		t.Fatalf("Tags = %v", tags)
	}
}

// checkCaches verifies the allocated amounts kept on documents equal the
// sums of their allocations.
// CheckCaches fails t when an allocated amount kept on a document differs
// from the sum of its allocations.
func CheckCaches(t testing.TB, db *sqldb.DB, orgID int64) {
	t.Helper()
	for _, q := range []string{
		`SELECT COUNT(*) FROM invoices i WHERE i.org_id = $1 AND i.allocated_minor <>
			COALESCE((SELECT SUM(amount_minor) FROM allocations a WHERE a.invoice_id = i.id OR a.credit_note_id = i.id), 0)`,
		`SELECT COUNT(*) FROM payments p WHERE p.org_id = $1 AND p.allocated_minor <>
			COALESCE((SELECT SUM(amount_minor) FROM allocations a WHERE a.payment_id = p.id), 0)`,
	} {
		var n int
		must(t, db.Writer().QueryRow(q, orgID).Scan(&n))
		if n != 0 {
			t.Fatalf("%d documents whose allocated amount differs from their allocations", n)
		}
	}
}

func testAllocations(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	other := f.Debtor(t, db, "C002", "Martin SAS")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-05-01", "2025-06-30", 50000)
	cn := &ledger.Invoice{DebtorID: d.ID, Kind: ledger.DocCreditNote, Number: "A1", IssueDate: civil.MustParse("2025-05-10"), Amount: eur(10000)}
	must(t, db.CreateInvoice(f.Ctx, cn))
	p := f.Payment(t, db, d.ID, "2025-06-01", 70000, "VIR F1")
	po := f.Payment(t, db, other.ID, "2025-06-01", 70000, "VIR X")

	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i1.ID, PaymentID: p.ID, Amount: eur(60000)}))
	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i1.ID, CreditNoteID: cn.ID, Amount: eur(10000)}))
	wantCode(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i2.ID, PaymentID: p.ID, Amount: eur(10001)}), ledger.EInvalid)
	wantCode(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i1.ID, PaymentID: po.ID, Amount: eur(100)}), ledger.EInvalid)
	wantCode(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i1.ID, CreditNoteID: i2.ID, Amount: eur(100)}), ledger.EInvalid)
	wantCode(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: cn.ID, PaymentID: p.ID, Amount: eur(100)}), ledger.EInvalid)
	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i2.ID, PaymentID: p.ID, Amount: eur(10000)}))
	wantCode(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: i1.ID, PaymentID: p.ID, Amount: eur(1)}), ledger.EInvalid)

	got, err := db.GetInvoice(f.Ctx, i1.ID)
	must(t, err)
	if got.Open() != eur(30000) || got.Status(Today) != ledger.StatusOverdue {
		t.Fatalf("F1 open %v status %s", got.Open(), got.Status(Today))
	}
	got, _ = db.GetInvoice(f.Ctx, i2.ID)
	if got.Open() != eur(40000) || got.Status(Today) != ledger.StatusPartial {
		t.Fatalf("F2 open %v status %s", got.Open(), got.Status(Today))
	}
	pay, _ := db.GetPayment(f.Ctx, p.ID)
	if pay.Unallocated() != eur(0) {
		t.Fatalf("payment unallocated %v", pay.Unallocated())
	}
	allocs, err := db.ListAllocations(f.Ctx, store.AllocationQuery{DebtorID: d.ID})
	must(t, err)
	if len(allocs) != 3 || allocs[0].InvoiceNumber != "F1" || allocs[0].PaymentRef != "VIR F1" || allocs[1].CreditNoteNumber != "A1" {
		t.Fatalf("allocations = %+v", allocs)
	}
	byCN, _ := db.ListAllocations(f.Ctx, store.AllocationQuery{InvoiceID: cn.ID})
	if len(byCN) != 1 {
		t.Fatalf("allocations of the credit note = %+v", byCN)
	}
	CheckCaches(t, db, f.Org.ID)

	b, err := db.DebtorBalance(f.Ctx, d.ID, Today)
	must(t, err)
	if b.Due != eur(70000) || b.Overdue != eur(30000) || b.Credit != eur(0) || b.DaysLate != 45 || b.OpenCount != 2 || b.LateCount != 1 {
		t.Fatalf("balance = %+v", b)
	}
	bo, _ := db.DebtorBalance(f.Ctx, other.ID, Today)
	if bo.Credit != eur(70000) || bo.Net() != eur(-70000) {
		t.Fatalf("other balance = %+v", bo)
	}
}

func testInvoiceFilters(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	var ids []int64
	for i := 1; i <= 7; i++ {
		due := "2025-05-01"
		if i > 4 {
			due = "2025-07-01"
		}
		ids = append(ids, f.Invoice(t, db, d.ID, fmt.Sprintf("F%d", i), "2025-04-01", due, 1000).ID)
	}
	p := f.Payment(t, db, d.ID, "2025-06-01", 1500, "")
	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: ids[0], PaymentID: p.ID, Amount: eur(1000)}))
	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: ids[6], PaymentID: p.ID, Amount: eur(500)}))
	count := func(q store.InvoiceQuery) int {
		q.Today = Today
		page, err := db.ListInvoices(f.Ctx, q)
		must(t, err)
		for _, inv := range page.Invoices {
			if q.Status != "" && inv.Status(Today) != q.Status {
				t.Fatalf("status filter %s returned %s", q.Status, inv.Status(Today))
			}
		}
		return len(page.Invoices)
	}
	for _, tt := range []struct {
		q    store.InvoiceQuery
		want int
	}{
		{store.InvoiceQuery{}, 7},
		{store.InvoiceQuery{Overdue: true}, 3},
		{store.InvoiceQuery{Status: ledger.StatusPaid}, 1},
		{store.InvoiceQuery{Status: ledger.StatusOverdue}, 3},
		{store.InvoiceQuery{Status: ledger.StatusNotDue}, 2},
		{store.InvoiceQuery{Status: ledger.StatusPartial}, 1},
		{store.InvoiceQuery{DebtorID: d.ID + 1000}, 0},
	} {
		if got := count(tt.q); got != tt.want {
			t.Errorf("%+v: %d invoices, want %d", tt.q, got, tt.want)
		}
	}
	_, err := db.ListInvoices(f.Ctx, store.InvoiceQuery{Status: "lost"})
	wantCode(t, err, ledger.EInvalid)
	// Cursor pagination walks every invoice once.
	var seen []int64
	var after int64
	for {
		page, err := db.ListInvoices(f.Ctx, store.InvoiceQuery{Limit: 3, After: after})
		must(t, err)
		for _, inv := range page.Invoices {
			seen = append(seen, inv.ID)
		}
		if page.Next == 0 {
			break
		}
		after = page.Next
	}
	if fmt.Sprint(seen) != fmt.Sprint(ids) {
		t.Fatalf("walked %v, want %v", seen, ids)
	}
}

func testPortfolio(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	mk := func(ref, name string, kind ledger.DebtorKind, siren string, tags ...string) *ledger.Debtor {
		d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: ref, Name: name, Kind: kind, SIREN: siren, Tags: tags}
		must(t, db.CreateDebtor(f.Ctx, d))
		return d
	}
	a := mk("C001", "Électricité Dupont SARL", ledger.KindBusiness, "732829320", "BTP")
	b := mk("C002", "Mme Chloé Martin", ledger.KindConsumer, "")
	c := mk("C003", "Mairie de Lyon", ledger.KindPublic, "", "sensible")
	mk("C004", "Boulangerie Petit", ledger.KindBusiness, "")
	f.Invoice(t, db, a.ID, "F1", "2025-01-01", "2025-02-01", 500000) // 134 days late
	f.Invoice(t, db, b.ID, "F2", "2025-05-01", "2025-06-01", 12000)  // 14 days late
	f.Invoice(t, db, c.ID, "F3", "2025-05-01", "2025-07-01", 90000)  // not due
	f.Invoice(t, db, c.ID, "F4", "2025-04-01", "2025-05-10", 1000)   // 36 days late
	refs := func(q store.DebtorQuery) string {
		page, err := db.ListDebtors(f.Ctx, q, Today)
		must(t, err)
		var s []string
		for _, r := range page.Rows {
			s = append(s, r.Debtor.Ref)
		}
		return fmt.Sprint(s)
	}
	for _, tt := range []struct {
		q    store.DebtorQuery
		want string
	}{
		{store.DebtorQuery{Sort: store.SortName}, "[C004 C001 C003 C002]"},
		{store.DebtorQuery{Sort: store.SortDue, Desc: true}, "[C001 C003 C002 C004]"},
		{store.DebtorQuery{Sort: store.SortOverdue, Desc: true}, "[C001 C002 C003 C004]"},
		{store.DebtorQuery{Sort: store.SortDaysLate, Desc: true}, "[C001 C003 C002 C004]"},
		{store.DebtorQuery{Search: "electricite"}, "[C001]"},
		{store.DebtorQuery{Search: "CHLOÉ"}, "[C002]"},
		{store.DebtorQuery{Search: "732 829"}, "[C001]"},
		{store.DebtorQuery{Search: "c003"}, "[C003]"},
		{store.DebtorQuery{Search: "100%_"}, "[]"},
		{store.DebtorQuery{Kind: ledger.KindPublic}, "[C003]"},
		{store.DebtorQuery{Tag: "BTP"}, "[C001]"},
		{store.DebtorQuery{OnlyDue: true, Sort: store.SortRef}, "[C001 C002 C003]"},
		{store.DebtorQuery{Bucket: "1-30"}, "[C002]"},
		{store.DebtorQuery{Bucket: "31-60"}, "[C003]"},
		{store.DebtorQuery{Bucket: "90+"}, "[C001]"},
		{store.DebtorQuery{Bucket: "61-90"}, "[]"},
		{store.DebtorQuery{Sort: store.SortRef, Limit: 2, Offset: 2}, "[C003 C004]"},
		{store.DebtorQuery{Limit: 2, After: a.ID}, "[C002 C003]"},
	} {
		if got := refs(tt.q); got != tt.want {
			t.Errorf("%+v: got %s, want %s", tt.q, got, tt.want)
		}
	}
	page, err := db.ListDebtors(f.Ctx, store.DebtorQuery{Sort: store.SortRef, Limit: 2}, Today)
	must(t, err)
	if page.Total != 4 || len(page.Rows) != 2 {
		t.Fatalf("total %d rows %d", page.Total, len(page.Rows))
	}
	r := page.Rows[0]
	if r.Balance.Due != eur(500000) || r.Balance.Overdue != eur(500000) || r.Balance.DaysLate != 134 || r.LastEvent != "invoice.created" || r.LastAction.IsZero() {
		t.Fatalf("row = %+v", r)
	}
	// The summary agrees with the balance derived from the documents.
	all, _ := db.ListDebtors(f.Ctx, store.DebtorQuery{Limit: 500}, Today)
	for _, r := range all.Rows {
		b, err := db.DebtorBalance(f.Ctx, r.Debtor.ID, Today)
		must(t, err)
		if b != r.Balance {
			t.Errorf("%s: summary %+v, derived %+v", r.Debtor.Ref, r.Balance, b)
		}
	}
	_, err = db.ListDebtors(f.Ctx, store.DebtorQuery{Bucket: "120+"}, Today)
	wantCode(t, err, ledger.EInvalid)
}

func testSummaryFollowsTheDate(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	f.Invoice(t, db, d.ID, "F1", "2025-05-01", "2025-06-20", 1000)
	page, err := db.ListDebtors(f.Ctx, store.DebtorQuery{}, Today)
	must(t, err)
	if page.Rows[0].Balance.Overdue != eur(0) {
		t.Fatalf("overdue before the due date: %+v", page.Rows[0].Balance)
	}
	later := civil.MustParse("2025-06-25")
	page, err = db.ListDebtors(f.Ctx, store.DebtorQuery{}, later)
	must(t, err)
	if b := page.Rows[0].Balance; b.Overdue != eur(1000) || b.DaysLate != 5 {
		t.Fatalf("five days after the due date: %+v", b)
	}
}

func testTenancy(t *testing.T, db *sqldb.DB) {
	a := NewFixture(t, db, "A")
	b := NewFixture(t, db, "B")
	da := a.Debtor(t, db, "C001", "Client de A")
	ia := a.Invoice(t, db, da.ID, "F1", "2025-05-01", "2025-06-01", 1000)
	pa := a.Payment(t, db, da.ID, "2025-06-01", 1000, "")
	db2 := b.Debtor(t, db, "C001", "Client de B")
	pb := b.Payment(t, db, db2.ID, "2025-06-01", 1000, "")

	_, err := db.GetDebtor(context.Background(), da.ID)
	if err == nil {
		t.Fatal("a query without organization succeeded")
	}
	_, err = db.GetDebtor(b.Ctx, da.ID)
	wantCode(t, err, ledger.ENotFound)
	_, err = db.GetInvoice(b.Ctx, ia.ID)
	wantCode(t, err, ledger.ENotFound)
	_, err = db.GetPayment(b.Ctx, pa.ID)
	wantCode(t, err, ledger.ENotFound)
	_, err = db.DebtorBalance(b.Ctx, da.ID, Today)
	wantCode(t, err, ledger.ENotFound)
	wantCode(t, db.CreateInvoice(b.Ctx, &ledger.Invoice{DebtorID: da.ID, Number: "X", IssueDate: Today, DueDate: Today, Amount: eur(1)}), ledger.ENotFound)
	wantCode(t, db.CreatePayment(b.Ctx, &ledger.Payment{DebtorID: da.ID, ReceivedOn: Today, Amount: eur(1)}), ledger.ENotFound)
	wantCode(t, db.Allocate(b.Ctx, &ledger.Allocation{InvoiceID: ia.ID, PaymentID: pb.ID, Amount: eur(1)}), ledger.ENotFound)
	wantCode(t, db.Allocate(a.Ctx, &ledger.Allocation{InvoiceID: ia.ID, PaymentID: pb.ID, Amount: eur(1)}), ledger.ENotFound)
	wantCode(t, db.CreateDebtor(b.Ctx, &ledger.Debtor{CreditorID: a.Creditor.ID, Ref: "Z", Name: "Z", Kind: ledger.KindConsumer}), ledger.ENotFound)

	page, _ := db.ListDebtors(b.Ctx, store.DebtorQuery{}, Today)
	if len(page.Rows) != 1 || page.Rows[0].Debtor.ID != db2.ID {
		t.Fatalf("B sees %+v", page.Rows)
	}
	invs, _ := db.ListInvoices(b.Ctx, store.InvoiceQuery{DebtorID: da.ID})
	pays, _ := db.ListPayments(b.Ctx, store.PaymentQuery{DebtorID: da.ID})
	allocs, _ := db.ListAllocations(b.Ctx, store.AllocationQuery{DebtorID: da.ID})
	evs, _ := db.Events(b.Ctx, store.EventQuery{DebtorID: da.ID})
	if len(invs.Invoices)+len(pays.Payments)+len(allocs)+len(evs) != 0 {
		t.Fatal("B lists A's documents")
	}
	creds, _ := db.ListCreditors(b.Ctx)
	if len(creds) != 1 || creds[0].ID != b.Creditor.ID {
		t.Fatalf("B's creditors = %+v", creds)
	}
}

func testJournalVerify(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	d := f.Debtor(t, db, "C001", "Dupont SARL")
	inv := f.Invoice(t, db, d.ID, "F1", "2025-05-01", "2025-06-01", 1000)
	p := f.Payment(t, db, d.ID, "2025-06-01", 1000, "VIR")
	must(t, db.Allocate(f.Ctx, &ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: eur(1000)}))
	NewFixture(t, db, "Other")

	rep, err := db.VerifyJournal(context.Background())
	must(t, err)
	if rep.Orgs != 2 || rep.Events < 10 {
		t.Fatalf("report = %+v", rep)
	}
	evs, err := db.Events(f.Ctx, store.EventQuery{DebtorID: d.ID})
	must(t, err)
	var types []string
	for _, e := range evs {
		types = append(types, e.Type)
		if e.Actor != f.User.Email {
			t.Fatalf("actor = %q", e.Actor)
		}
	}
	if fmt.Sprint(types) != "[allocation.created payment.recorded invoice.created debtor.created]" {
		t.Fatalf("timeline = %v", types)
	}
	invEvents, _ := db.Events(f.Ctx, store.EventQuery{InvoiceID: inv.ID})
	if len(invEvents) != 2 {
		t.Fatalf("invoice events = %v", invEvents)
	}
	target := evs[1] // payment.recorded
	w := db.Writer()
	breakAt := func() *journal.Break {
		_, err := db.VerifyJournal(context.Background())
		var b *journal.Break
		if !errors.As(err, &b) {
			t.Fatalf("verify = %v, want a break", err)
		}
		return b
	}
	// Edit a row behind the application's back.
	_, err = w.Exec(`UPDATE events SET payload = $1 WHERE id = $2`, []byte(`{"amount":"1.00"}`), target.ID)
	must(t, err)
	if b := breakAt(); b.Seq != target.Seq || b.ID != target.ID {
		t.Fatalf("edit: break at %+v, want seq %d", b, target.Seq)
	}
	_, err = w.Exec(`UPDATE events SET payload = $1 WHERE id = $2`, []byte(target.Payload), target.ID)
	must(t, err)
	_, err = db.VerifyJournal(context.Background())
	must(t, err)
	// Delete a row.
	_, err = w.Exec(`DELETE FROM events WHERE id = $1`, target.ID)
	must(t, err)
	if b := breakAt(); b.Seq != target.Seq || b.OrgID != f.Org.ID {
		t.Fatalf("delete: break at %+v, want seq %d", b, target.Seq)
	}
}

func testJournalConcurrent(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: fmt.Sprintf("G%d-%d", g, i), Name: "X", Kind: ledger.KindConsumer}
				if err := db.CreateDebtor(f.Ctx, d); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	rep, err := db.VerifyJournal(context.Background())
	must(t, err)
	if rep.Events < 40 {
		t.Fatalf("report = %+v", rep)
	}
}

func testBulk(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	before := f.Debtor(t, db, "C000", "Avant")
	var first *ledger.Debtor
	err := db.Bulk(f.Ctx, func(w store.BulkWriter) error {
		for i := 1; i <= 30; i++ {
			d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: fmt.Sprintf("B%03d", i), Name: fmt.Sprintf("Débiteur %d", i), Kind: ledger.KindBusiness,
				Tags: []string{"bulk"}, Contacts: []ledger.Contact{{Email: "x@y.test", Primary: true}}}
			must(t, w.AddDebtor(d))
			if first == nil {
				first = d
			}
			must(t, w.AddEvent(&journal.Event{Type: "debtor.created", DebtorID: d.ID, At: Now.Add(-time.Hour)}))
			inv := &ledger.Invoice{DebtorID: d.ID, Number: fmt.Sprintf("BF%03d", i), IssueDate: civil.MustParse("2025-04-01"), DueDate: civil.MustParse("2025-05-01"), Amount: eur(10000)}
			must(t, w.AddInvoice(inv))
			must(t, w.AddEvent(&journal.Event{Type: "invoice.created", DebtorID: d.ID, InvoiceID: inv.ID, At: Now.Add(-30 * time.Minute)}))
			if i%3 == 0 {
				p := &ledger.Payment{DebtorID: d.ID, ReceivedOn: civil.MustParse("2025-05-20"), Amount: eur(4000)}
				must(t, w.AddPayment(p))
				must(t, w.AddAllocation(&ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: eur(3000)}))
				if err := w.AddAllocation(&ledger.Allocation{InvoiceID: inv.ID, PaymentID: p.ID, Amount: eur(1001)}); err == nil {
					t.Error("bulk accepted an allocation beyond the payment")
				}
			}
		}
		return nil
	})
	must(t, err)
	CheckCaches(t, db, f.Org.ID)
	rep, err := db.VerifyJournal(context.Background())
	must(t, err)
	if rep.Events < 60 {
		t.Fatalf("report = %+v", rep)
	}
	page, err := db.ListDebtors(f.Ctx, store.DebtorQuery{Tag: "bulk", Sort: store.SortDue, Desc: true, Limit: 100}, Today)
	must(t, err)
	if page.Total != 30 || page.Rows[0].Balance.Due != eur(10000) || page.Rows[29].Balance.Due != eur(7000) {
		t.Fatalf("bulk portfolio: total %d first %+v last %+v", page.Total, page.Rows[0].Balance, page.Rows[29].Balance)
	}
	if page.Rows[0].LastEvent != "invoice.created" {
		t.Fatalf("last event = %q", page.Rows[0].LastEvent)
	}
	got, err := db.GetDebtor(f.Ctx, first.ID)
	must(t, err)
	if len(got.Contacts) != 1 || got.Tags[0] != "bulk" {
		t.Fatalf("bulk debtor = %+v", got)
	}
	// Ids keep growing after a bulk load.
	after := f.Debtor(t, db, "C999", "Après")
	if after.ID <= first.ID+29 || after.ID <= before.ID {
		t.Fatalf("id after bulk = %d", after.ID)
	}
	_, err = db.VerifyJournal(context.Background())
	must(t, err)
}

func testBulkRollback(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	boom := errors.New("boom")
	err := db.Bulk(f.Ctx, func(w store.BulkWriter) error {
		d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "B1", Name: "X", Kind: ledger.KindBusiness}
		must(t, w.AddDebtor(d))
		must(t, w.AddEvent(&journal.Event{Type: "debtor.created", DebtorID: d.ID}))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	page, _ := db.ListDebtors(f.Ctx, store.DebtorQuery{}, Today)
	if page.Total != 0 {
		t.Fatalf("a failed bulk load left %d debtors", page.Total)
	}
	_, err = db.VerifyJournal(context.Background())
	must(t, err)
}

// testBulkCreditNote settles an invoice with a credit note in a bulk load
// (the demo generator does, for 3% of its invoices).
func testBulkCreditNote(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	var d *ledger.Debtor
	err := db.Bulk(f.Ctx, func(w store.BulkWriter) error {
		d = &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "B1", Name: "Avoir SARL", Kind: ledger.KindBusiness}
		must(t, w.AddDebtor(d))
		inv := &ledger.Invoice{DebtorID: d.ID, Number: "F1", IssueDate: civil.MustParse("2025-04-01"), DueDate: civil.MustParse("2025-05-01"), Amount: eur(10000)}
		must(t, w.AddInvoice(inv))
		cn := &ledger.Invoice{DebtorID: d.ID, Kind: ledger.DocCreditNote, Number: "AV1", IssueDate: civil.MustParse("2025-04-10"), Amount: eur(2500)}
		must(t, w.AddInvoice(cn))
		must(t, w.AddAllocation(&ledger.Allocation{InvoiceID: inv.ID, CreditNoteID: cn.ID, Amount: eur(2000)}))
		if err := w.AddAllocation(&ledger.Allocation{InvoiceID: inv.ID, CreditNoteID: cn.ID, Amount: eur(501)}); err == nil {
			t.Error("bulk accepted an allocation beyond the credit note")
		}
		return nil
	})
	must(t, err)
	CheckCaches(t, db, f.Org.ID)
	b, err := db.DebtorBalance(f.Ctx, d.ID, Today)
	must(t, err)
	if b.Due != eur(8000) || b.Credit != eur(500) {
		t.Fatalf("balance after a credit note = %+v", b)
	}
}

// testBulkPanic checks that a panic in a bulk load's function reaches the
// caller, with the transaction rolled back, instead of hanging on the
// connection it holds.
func testBulkPanic(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		_ = db.Bulk(f.Ctx, func(w store.BulkWriter) error {
			must(t, w.AddDebtor(&ledger.Debtor{CreditorID: f.Creditor.ID, Ref: "B1", Name: "X", Kind: ledger.KindBusiness}))
			panic("boom")
		})
	}()
	select {
	case v := <-done:
		if v != "boom" {
			t.Fatalf("recovered %v, want the panic", v)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a panic in a bulk load hangs")
	}
	f.Debtor(t, db, "C1", "After") // the writer is free again
	page, err := db.ListDebtors(f.Ctx, store.DebtorQuery{}, Today)
	must(t, err)
	if page.Total != 1 {
		t.Fatalf("%d debtors after a panicking bulk load, want 1", page.Total)
	}
}

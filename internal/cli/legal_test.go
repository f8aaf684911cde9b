package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// acmeOrg creates an organization through the CLI, and in it the business
// debtor C001 « Acme SARL », at an address in Lyon, owing the invoice F1 of
// amount minor units, due 31 March 2025. It returns the --org value, the
// store and a context scoped to the organization.
func acmeOrg(t *testing.T, db string, amount int64) (string, *sqldb.DB, context.Context, *ledger.Debtor) {
	t.Helper()
	r := mustRun(t, db, "", "org", "create", "--name", "Alpha", "--json")
	var org struct{ ID int64 }
	if err := json.Unmarshal([]byte(r.stdout), &org); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, db)
	ctx := store.WithOrg(t.Context(), org.ID)
	creds, err := st.ListCreditors(ctx)
	if err != nil || len(creds) != 1 {
		t.Fatalf("creditors %v %v", creds, err)
	}
	d := &ledger.Debtor{CreditorID: creds[0].ID, Ref: "C001", Name: "Acme SARL", Kind: ledger.KindBusiness,
		Contacts: []ledger.Contact{{Address: ledger.Address{Line1: "1 rue A", PostalCode: "69003", City: "Lyon"}}}}
	if err := st.CreateDebtor(ctx, d); err != nil {
		t.Fatal(err)
	}
	inv := &ledger.Invoice{DebtorID: d.ID, Number: "F1", IssueDate: civil.MustParse("2025-03-01"), DueDate: civil.MustParse("2025-03-31"), Amount: money.EUR(amount)}
	if err := st.CreateInvoice(ctx, inv); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(org.ID), st, ctx, d
}

// statementJSON is the documented output of `legal interest --json`.
type statementJSON struct {
	Principal string `json:"principal"`
	Interest  string `json:"interest"`
	Indemnity string `json:"indemnity"`
	Total     string `json:"total"`
	Periods   []struct {
		From     string `json:"from"`
		To       string `json:"to"`
		Days     int    `json:"days"`
		Base     string `json:"base"`
		Rate     string `json:"rate"`
		Interest string `json:"interest"`
	} `json:"periods"`
	Warnings []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"warnings"`
}

func TestLegalInterest(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "none", "recouvre.db") // no database: the shipped rates
	r := mustRun(t, db, "", "legal", "interest", "--kind", "b2b", "--principal", "10000.00", "--due", "2025-03-31", "--until", "2025-09-30", "--json")
	var s statementJSON
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if s.Principal != "10000.00" || s.Interest != "634.10" || s.Indemnity != "40.00" || s.Total != "10674.10" || len(s.Periods) != 2 {
		t.Fatalf("statement %+v", s)
	}
	if p := s.Periods[0]; p.From != "2025-04-01" || p.To != "2025-06-30" || p.Days != 91 || p.Base != "10000.00" || p.Rate != "13.15" || p.Interest != "327.85" {
		t.Errorf("first period %+v", p)
	}
	if p := s.Periods[1]; p.Rate != "12.15" || p.Interest != "306.25" || p.Days != 92 {
		t.Errorf("second period %+v", p)
	}
	if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
		t.Errorf("computing interest created the database folder (%v)", err)
	}

	// B2C from a notice, with a payment, in French amounts.
	r = mustRun(t, db, "", "legal", "interest", "--kind", "b2c", "--principal", "1 200,00", "--due", "2025-01-31",
		"--notice", "2025-05-10", "--until", "2025-08-09", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Interest != "9.85" || s.Indemnity != "0.00" || s.Total != "1209.85" {
		t.Errorf("B2C statement %+v", s)
	}
	// Without a notice, the consumer owes no interest, and the output says why.
	r = mustRun(t, db, "", "legal", "interest", "--kind", "b2c", "--principal", "100", "--due", "2025-01-31", "--until", "2025-08-09")
	if !strings.Contains(r.stdout, "warning: No formal notice") || !strings.Contains(r.stdout, "interest  0.00 EUR") {
		t.Errorf("no-notice output:\n%s", r.stdout)
	}
	// Payments and a contract rate below the floor.
	r = mustRun(t, db, "", "legal", "interest", "--kind", "b2b", "--principal", "10000", "--due", "2025-03-31", "--until", "2025-06-30",
		"--payment", "2025-05-15=4000", "--contract-rate", "5", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Periods) != 2 || s.Periods[1].Base == "10000.00" || len(s.Warnings) != 1 || s.Warnings[0].Code != "below_floor" {
		t.Errorf("with a payment and a contract rate: %+v", s)
	}

	for _, bad := range [][]string{
		{"--kind", "b2x", "--principal", "1", "--due", "2025-01-01"},
		{"--kind", "b2b", "--principal", "abc", "--due", "2025-01-01"},
		{"--kind", "b2b", "--principal", "1", "--due", "31/01/2025"},
		{"--kind", "b2b", "--principal", "1", "--due", "2025-01-01", "--payment", "2025-02-01"},
	} {
		if r := run(t, db, "", append([]string{"legal", "interest"}, bad...)...); r.code != 2 {
			t.Errorf("%v: %v", bad, r)
		}
	}
	if r := run(t, db, "", "legal", "interest", "--kind", "b2b", "--principal", "1", "--due", "2025-03-01", "--until", "2025-01-01"); r.code != 1 ||
		!strings.Contains(r.stderr, "before the due date") {
		t.Errorf("until before due: %v", r)
	}
}

func TestRatesImportAndList(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	mustRun(t, db, "", "migrate")
	list := mustRun(t, db, "", "rates", "list", "--json")
	var tbl struct {
		ECB []struct {
			Effective, Rate string
			Confirmed       bool
		} `json:"ecb"`
		Legal []struct {
			Semester, Consumer, Other string
			Confirmed                 bool
		} `json:"legal"`
	}
	if err := json.Unmarshal([]byte(list.stdout), &tbl); err != nil {
		t.Fatal(err)
	}
	if len(tbl.ECB) < 30 || len(tbl.Legal) < 24 || tbl.Legal[len(tbl.Legal)-1].Semester != "2026-S2" || tbl.Legal[len(tbl.Legal)-1].Confirmed {
		t.Fatalf("shipped table: %d ECB, %d legal, last %+v", len(tbl.ECB), len(tbl.Legal), tbl.Legal[len(tbl.Legal)-1])
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("legal\t2027-S1\t6.50\t2.60\tconfirmed\tJO\nlegal\t2027-S2\t6,5\tx\tconfirmed\tJO\n"), 0o644)
	if r := run(t, db, "", "rates", "import", bad); r.code != 1 || !strings.Contains(r.stderr, "line 2") {
		t.Errorf("bad file: %v", r)
	}
	good := filepath.Join(dir, "taux-2027.tsv")
	os.WriteFile(good, []byte("# arrêté de décembre 2026\nlegal\t2027-S1\t6.50\t2.60\tconfirmed\tArrêté du 20 décembre 2026\nlegal\t2026-S2\t6.84\t2.75\tconfirmed\tJO du 30 juin 2026\n"), 0o644)
	r := mustRun(t, db, "", "rates", "import", good)
	if !strings.Contains(r.stdout, "imported 0 ECB rate(s) and 2 legal rate semester(s)") {
		t.Errorf("import: %v", r)
	}
	list = mustRun(t, db, "", "rates", "list")
	if !strings.Contains(list.stdout, "2027-S1") || !strings.Contains(list.stdout, "Arrêté du 20 décembre 2026") {
		t.Errorf("after the import:\n%s", list.stdout)
	}
	for _, line := range strings.Split(list.stdout, "\n") {
		if strings.HasPrefix(line, "2026-S2") && !strings.Contains(line, " confirmed ") {
			t.Errorf("2026-S2 still unconfirmed: %q", line)
		}
	}
	// The imported rate is used: a consumer claim into 2027 now computes.
	r = mustRun(t, db, "", "legal", "interest", "--kind", "b2c", "--principal", "1000", "--due", "2026-12-01", "--notice", "2026-12-10",
		"--until", "2027-01-10", "--json")
	if !strings.Contains(r.stdout, `"rate":"2.60"`) {
		t.Errorf("2027 rate not used: %s", r.stdout)
	}
}

func TestLegalPositionSettingsInsolvency(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	orgFlag, _, _, _ := acmeOrg(t, db, 10000_00)

	r := mustRun(t, db, "", "legal", "position", "--org", orgFlag, "--debtor", "C001", "--date", "2025-09-30", "--json")
	if !strings.Contains(r.stdout, `"interest":"634.10"`) || !strings.Contains(r.stdout, `"total":"10674.10"`) {
		t.Errorf("position: %s", r.stdout)
	}
	mustRun(t, db, "", "legal", "settings", "--org", orgFlag, "--contract-rate", "15", "--notice-days", "10", "--place", "Lyon")
	r = mustRun(t, db, "", "legal", "settings", "--org", orgFlag, "--json")
	if !strings.Contains(r.stdout, `"contract_rate":"15.00"`) || !strings.Contains(r.stdout, `"notice_days":10`) || !strings.Contains(r.stdout, `"place":"Lyon"`) {
		t.Errorf("settings: %s", r.stdout)
	}
	// 15 % for 183 days: 1,000,000 × 1500 × 183 / 3,650,000 = 75,205.48 → 752.05, in two periods:
	// 91 days 373.97 + 92 days 378.08 = 752.05.
	r = mustRun(t, db, "", "legal", "position", "--org", orgFlag, "--debtor", "C001", "--date", "2025-09-30")
	if !strings.Contains(r.stdout, "752.05") {
		t.Errorf("position with the contract rate:\n%s", r.stdout)
	}
	mustRun(t, db, "", "legal", "settings", "--org", orgFlag, "--contract-rate", "none")
	r = mustRun(t, db, "", "legal", "insolvency", "--org", orgFlag, "--debtor", "C001", "--kind", "liquidation", "--judgment", "2025-06-30", "--court", "TC Lyon")
	if !strings.Contains(r.stdout, "collection stopped") {
		t.Errorf("insolvency: %v", r)
	}
	r = mustRun(t, db, "", "legal", "position", "--org", orgFlag, "--debtor", "C001", "--date", "2025-09-30", "--json")
	if !strings.Contains(r.stdout, `"stopped":true`) || !strings.Contains(r.stdout, `"interest":"327.85"`) {
		t.Errorf("interest not stopped at the judgment: %s", r.stdout)
	}
	for _, bad := range [][]string{
		{"legal", "position", "--org", orgFlag, "--debtor", "NOPE"},
		{"legal", "insolvency", "--org", orgFlag, "--debtor", "C001", "--kind", "faillite", "--judgment", "2025-06-30"},
		{"legal", "settings", "--org", orgFlag, "--notice-days", "500"},
		{"legal", "position", "--org", "999", "--debtor", "C001"},
	} {
		if r := run(t, db, "", bad...); r.code != 1 {
			t.Errorf("%v: %v", bad, r)
		}
	}
	if r := run(t, db, "", "legal", "settings", "--org", orgFlag, "--year365", "maybe"); r.code != 2 {
		t.Errorf("--year365 maybe: %v", r)
	}
}

func TestLegalHolidays(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "none.db")
	r := mustRun(t, db, "", "legal", "holidays", "--year", "2026", "--json")
	var hs []struct{ Date, Name string }
	if err := json.Unmarshal([]byte(r.stdout), &hs); err != nil {
		t.Fatal(err)
	}
	if len(hs) != 11 || hs[1].Date != "2026-04-06" {
		t.Errorf("2026: %+v", hs)
	}
	r = mustRun(t, db, "", "legal", "holidays", "--year", "2026", "--postal-code", "67000")
	if !strings.Contains(r.stdout, "2026-04-03") || !strings.Contains(r.stdout, "2026-12-26") {
		t.Errorf("Alsace-Moselle:\n%s", r.stdout)
	}
	if r := run(t, db, "", "legal", "holidays", "--region", "atlantis"); r.code != 2 {
		t.Errorf("unknown region: %v", r)
	}
}

func TestLegalDocuments(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	o, st, ctx, d := acmeOrg(t, db, 10000_00)
	dir := t.TempDir()
	base := []string{"--org", o, "--debtor", "C001", "--date", "2025-09-30"}
	for _, c := range []struct {
		args []string
		out  string
		want string
	}{
		{append([]string{"legal", "notice"}, base...), "draft.pdf", "draft formal notice MED-2025-C001-1"},
		{append([]string{"legal", "notice", "--issue"}, base...), "notice.pdf", "formal notice MED-2025-C001-1 issued (deadline 2025-10-08, 10674.10 EUR)"},
		{append([]string{"legal", "statement"}, base...), "statement.pdf", "statement of account written"},
		{append([]string{"legal", "court-file"}, base...), "file.zip", "court file (injonction_de_payer) written"},
	} {
		path := filepath.Join(dir, c.out)
		r := mustRun(t, db, "", append(c.args, "-o", path)...)
		if !strings.Contains(r.stdout, c.want) {
			t.Errorf("%v: %s", c.args, r.stdout)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 1000 {
			t.Errorf("%s: %d bytes, %v", c.out, len(b), err)
		}
	}
	proof := filepath.Join(dir, "cj.pdf")
	os.WriteFile(proof, []byte("%PDF proof"), 0o644)
	r := mustRun(t, db, "", "legal", "cost", "--org", o, "--debtor", "C001", "--invoice", "F1", "--amount", "150,00", "--date", "2025-06-01",
		"--description", "Commissaire de justice", "--proof", proof)
	if !strings.Contains(r.stdout, "recorded on F1: 150.00 EUR") {
		t.Errorf("cost: %v", r)
	}
	r = mustRun(t, db, "", "legal", "position", "--org", o, "--debtor", "C001", "--date", "2025-09-30", "--json")
	if !strings.Contains(r.stdout, `"indemnity":"150.00"`) {
		t.Errorf("the proven cost does not replace the indemnity: %s", r.stdout)
	}
	if r := run(t, db, "", "legal", "cost", "--org", o, "--debtor", "C001", "--invoice", "F9", "--amount", "1", "--date", "2025-06-01",
		"--description", "x", "--proof", proof); r.code != 1 {
		t.Errorf("unknown invoice: %v", r)
	}
	if n, _ := st.FormalNotices(ctx, d.ID); len(n) != 1 {
		t.Errorf("notices recorded: %d, want 1 (the draft records nothing)", len(n))
	}
	if r := run(t, db, "", append([]string{"legal", "declaration", "-o", filepath.Join(dir, "d.pdf")}, base...)...); r.code != 1 ||
		!strings.Contains(r.stderr, "not in collective proceedings") {
		t.Errorf("declaration without proceedings: %v", r)
	}
	if r := run(t, db, "", append([]string{"legal", "statement"}, base...)...); r.code != 2 {
		t.Errorf("no -o: %v", r)
	}
}

func TestExport(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	o, _, _, _ := acmeOrg(t, db, 3600_50)
	r := mustRun(t, db, "", "export", "debtors", "--org", o, "--json")
	if !strings.Contains(r.stdout, `"ref":"C001"`) || !strings.Contains(r.stdout, `"balance_due":"3600.50"`) || !strings.Contains(r.stdout, `"kind":"business"`) {
		t.Errorf("debtors: %s", r.stdout)
	}
	r = mustRun(t, db, "", "export", "invoices", "--org", o, "--csv")
	if !strings.HasPrefix(r.stdout, "number,kind,debtor_ref,issue_date,due_date,amount,open_amount,currency,status\n") ||
		!strings.Contains(r.stdout, "F1,invoice,C001,2025-03-01,2025-03-31,3600.50,3600.50,EUR,") {
		t.Errorf("invoices: %s", r.stdout)
	}
	if r := run(t, db, "", "export", "debtors", "--org", o); r.code != 2 {
		t.Errorf("no format: %v", r)
	}
	if r := run(t, db, "", "export", "payments", "--org", o, "--json"); r.code != 2 {
		t.Errorf("unknown export: %v", r)
	}
}

package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/channel/smtptest"
	"github.com/recouvre/recouvre/internal/cli"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// The cycle's day in these tests: Monday 2 March 2026; the demo is
// generated as of that morning and `run --as-of 2026-03-02` means 9:00 in
// Paris, the default run hour and the start of the quiet hours' window.
var (
	cycleNow  = time.Date(2026, 3, 2, 7, 30, 0, 0, time.UTC)
	cycleAsOf = "2026-03-02"
)

// childEnv is set when the test binary runs as a `recouvre` child
// process: its value is the command line, one argument per line.
const childEnv = "RECOUVRE_TEST_CLI_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
			Now: func() time.Time { return cycleNow }}
		os.Exit(cli.Run(context.Background(), strings.Split(args, "\n"), env))
	}
	os.Exit(m.Run())
}

// runWith runs `recouvre --db db args…` in-process with the cycle's
// clock and the given environment.
func runWith(t *testing.T, db string, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return vars[k] }, Now: func() time.Time { return cycleNow }}
	code := cli.Run(context.Background(), append([]string{"--db", db}, args...), env)
	return result{code, out.String(), errOut.String()}
}

// child starts `recouvre --db db args…` as a separate process.
func child(t *testing.T, db string, vars map[string]string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(append([]string{"--db", db}, args...), "\n"))
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() && errOut.Len() > 0 {
			t.Logf("recouvre %s stderr:\n%s", args[0], errOut.String())
		}
	})
	return cmd, &out
}

// demoCycle loads the demo portfolio as of the cycle's day and returns
// the organization's --org value and an SMTP test server with the
// environment pointing the instance at it.
func demoCycle(t *testing.T, db string) (string, *smtptest.Server, map[string]string) {
	t.Helper()
	if r := runWith(t, db, nil, "demo", "--debtors", "250", "--invoices", "2000"); r.code != 0 {
		t.Fatalf("demo: %v", r)
	}
	srv := smtptest.Start(t, smtptest.Options{})
	vars := map[string]string{"RECOUVRE_SMTP_URL": srv.URL("", "") + "?from=" + url.QueryEscape("relances@menuiserie-lefevre.example")}
	if strings.Contains(srv.URL("", ""), "?") {
		vars["RECOUVRE_SMTP_URL"] = srv.URL("", "") + "&from=" + url.QueryEscape("relances@menuiserie-lefevre.example")
	}
	st := openStore(t, db)
	ids, err := st.OrganizationIDs(context.Background())
	if err != nil || len(ids) != 1 {
		t.Fatalf("organizations: %v %v", ids, err)
	}
	return fmt.Sprint(ids[0]), srv, vars
}

func decodeRun(t *testing.T, r result) cycle.Report {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("run: %v", r)
	}
	var rep cycle.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("run --json: %v\n%s", err, r.stdout)
	}
	return rep
}

// expectedEmails are the emails a dry run says go out at the cycle's
// clock, by debtor reference.
func expectedEmails(t *testing.T, rep cycle.Report, at time.Time) map[string]cycle.Item {
	t.Helper()
	out := map[string]cycle.Item{}
	for _, it := range rep.Actions {
		if it.Channel != "email" || it.Status != "planned" {
			continue
		}
		when, err := time.Parse(time.RFC3339, it.ScheduledFor)
		if err != nil {
			t.Fatalf("scheduled_for %q: %v", it.ScheduledFor, err)
		}
		if when.After(at) {
			continue
		}
		if _, dup := out[it.DebtorRef]; dup {
			t.Fatalf("two emails planned for debtor %s: consolidation failed", it.DebtorRef)
		}
		out[it.DebtorRef] = it
	}
	return out
}

// checkReceived compares what the SMTP server received with the
// expected emails: exactly one message per expected debtor, to one of
// its contacts, stating the amount due; returns the messages by the
// action id their Message-ID names.
func checkReceived(t *testing.T, st *sqldb.DB, org string, want map[string]cycle.Item, got []smtptest.Received) {
	t.Helper()
	var orgID int64
	fmt.Sscan(org, &orgID)
	ctx := store.WithOrg(context.Background(), orgID)
	byID := map[string]int{}
	for _, m := range got {
		byID[m.MessageID]++
	}
	for id, n := range byID {
		if n != 1 {
			t.Errorf("message %s received %d times", id, n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("received %d emails, want %d", len(got), len(want))
	}
	seen := map[string]bool{}
	for _, m := range got {
		if m.ParseErr != nil {
			t.Errorf("message %s: %v", m.MessageID, m.ParseErr)
			continue
		}
		var actionID int64
		if _, err := fmt.Sscanf(m.MessageID, "<action-%d.", &actionID); err != nil {
			t.Errorf("Message-ID %q does not name its action: %v", m.MessageID, err)
			continue
		}
		a, err := st.GetAction(ctx, actionID)
		if err != nil {
			t.Errorf("action %d: %v", actionID, err)
			continue
		}
		it, ok := want[a.DebtorRef]
		if !ok {
			t.Errorf("email to debtor %s (%v) was not in the plan", a.DebtorRef, m.To)
			continue
		}
		seen[a.DebtorRef] = true
		d, err := st.GetDebtor(ctx, a.DebtorID)
		if err != nil {
			t.Fatal(err)
		}
		okTo := false
		for _, c := range d.Contacts {
			if len(m.To) == 1 && strings.EqualFold(c.Email, m.To[0]) {
				okTo = true
			}
		}
		if !okTo {
			t.Errorf("email for %s went to %v, not one of its contacts", a.DebtorRef, m.To)
		}
		// The amount due on the listed invoices, from the ledger, is in the
		// text, written the way of the debtor's language.
		var due int64
		for _, id := range a.InvoiceIDs {
			inv, err := st.GetInvoice(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			due += inv.Amount.Minor - inv.Allocated.Minor
		}
		amount := money.Format(money.EUR(due), d.Lang)
		if !strings.Contains(m.Text, amount) {
			t.Errorf("email to %s does not state %s:\n%s", a.DebtorRef, amount, m.Text)
		}
		if it.AmountDue != money.Decimal(money.EUR(due)) {
			t.Errorf("plan said %s due for %s, the ledger %s", it.AmountDue, a.DebtorRef, money.Decimal(money.EUR(due)))
		}
		if due <= 0 {
			t.Errorf("email to %s who owes nothing", a.DebtorRef)
		}
		if a.Status != ledger.ActionSent && a.SkipReason != ledger.SkipUnconfirmed {
			t.Errorf("action %d of %s is %s after its email went", a.ID, a.DebtorRef, a.Status)
		}
	}
	for ref := range want {
		if !seen[ref] {
			t.Errorf("no email for debtor %s", ref)
		}
	}
}

// TestRunSendsOnce: the demo portfolio, the cycle run through the CLI,
// and a real SMTP server on 127.0.0.1 receiving exactly the planned
// emails — one per debtor, to its contact, with the amount due; the
// same run again the same day sends nothing more.
func TestRunSendsOnce(t *testing.T) {
	db := newDB(t)
	org, srv, vars := demoCycle(t, db)
	at, _ := time.ParseInLocation("2006-01-02 15", cycleAsOf+" 09", parisTZ(t))

	dry := decodeRun(t, runWith(t, db, vars, "run", "--org", org, "--as-of", cycleAsOf, "--dry-run", "--json"))
	want := expectedEmails(t, dry, at)
	if len(want) < 10 {
		t.Fatalf("the demo gives only %d emails to send: not a test", len(want))
	}
	if srv.Count() != 0 {
		t.Fatalf("the dry run sent %d emails", srv.Count())
	}
	st := openStore(t, db)
	var orgID int64
	fmt.Sscan(org, &orgID)
	if as, err := st.ListActions(store.WithOrg(context.Background(), orgID), store.ActionQuery{Limit: 10}); err != nil || len(as) != 0 {
		t.Fatalf("the dry run wrote %d actions (%v)", len(as), err)
	}

	rep := decodeRun(t, runWith(t, db, vars, "run", "--org", org, "--as-of", cycleAsOf, "--json"))
	got := srv.Messages()
	checkReceived(t, st, org, want, got)
	sent := 0
	for _, it := range rep.Actions {
		if it.Status == "sent" && it.Channel == "email" {
			sent++
		}
	}
	if sent != len(want) {
		t.Errorf("the report says %d emails sent, want %d", sent, len(want))
	}

	again := decodeRun(t, runWith(t, db, vars, "run", "--org", org, "--as-of", cycleAsOf, "--json"))
	if n := srv.Count(); n != len(got) {
		t.Errorf("the second run sent %d more emails", n-len(got))
	}
	for _, it := range again.Actions {
		if it.Status == "sent" {
			t.Errorf("the second run reports %s sent to %s", it.Step, it.DebtorRef)
		}
	}
	// The text report says the same in French.
	r := runWith(t, db, vars, "run", "--org", org, "--as-of", cycleAsOf)
	if r.code != 0 || !strings.Contains(r.stdout, "0 envoyée(s)") {
		t.Errorf("text report: %v", r)
	}
}

func parisTZ(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestRunKilled: the dispatcher killed (SIGKILL) in the middle of a
// batch, then run again once its leases ran out: every planned email
// received exactly once.
func TestRunKilled(t *testing.T) {
	db := newDB(t)
	org, srv, vars := demoCycle(t, db)
	at, _ := time.ParseInLocation("2006-01-02 15", cycleAsOf+" 09", parisTZ(t))
	want := expectedEmails(t, decodeRun(t, runWith(t, db, vars, "run", "--org", org, "--as-of", cycleAsOf, "--dry-run", "--json")), at)

	args := []string{"run", "--org", org, "--as-of", cycleAsOf, "--lease", "2s", "--workers", "2", "--json"}
	for kill := 0; kill < 3; kill++ {
		before := srv.Count()
		cmd, out := child(t, db, vars, args...)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Kill it once a few more messages went: mid-batch.
		var err error
	wait:
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			select {
			case err = <-done:
				break wait
			default:
			}
			if srv.Count() >= before+7+kill*5 {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				err = <-done
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		t.Logf("kill %d: %d messages so far (%v)", kill, srv.Count(), err)
		if err == nil {
			t.Logf("the run ended before the kill:\n%s", out)
			break
		}
		time.Sleep(2500 * time.Millisecond) // the killed worker's leases run out
	}
	cmd, out := child(t, db, vars, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("last run: %v\n%s", err, out)
	}
	checkReceived(t, openStore(t, db), org, want, srv.Messages())
}

// TestRunTwoProcesses: two `recouvre run` processes on one PostgreSQL
// database at once: each planned email goes out once, whichever process
// sends it.
func TestRunTwoProcesses(t *testing.T) {
	dsn, drop, err := storetest.CreateDatabase("recouvre_two")
	if err != nil {
		if os.Getenv("RECOUVRE_REQUIRE_BROWSER") == "1" || storetest.Kind() == "postgres" {
			t.Fatalf("postgres: %v", err)
		}
		t.Skipf("no PostgreSQL on 127.0.0.1:5432 (%v): two processes need a shared server", err)
	}
	t.Cleanup(drop)
	org, srv, vars := demoCycle(t, dsn)
	at, _ := time.ParseInLocation("2006-01-02 15", cycleAsOf+" 09", parisTZ(t))
	want := expectedEmails(t, decodeRun(t, runWith(t, dsn, vars, "run", "--org", org, "--as-of", cycleAsOf, "--dry-run", "--json")), at)

	var wg sync.WaitGroup
	outs := make([]*bytes.Buffer, 2)
	errs := make([]error, 2)
	for i := range 2 {
		cmd, out := child(t, dsn, vars, "run", "--org", org, "--as-of", cycleAsOf, "--workers", "2", "--json")
		outs[i] = out
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = cmd.Wait()
		}()
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Fatalf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	checkReceived(t, openStore(t, dsn), org, want, srv.Messages())
	sentBy := [2]int{}
	for i := range 2 {
		var rep cycle.Report
		if err := json.Unmarshal(outs[i].Bytes(), &rep); err != nil {
			t.Fatalf("process %d output: %v\n%s", i, err, outs[i])
		}
		for _, it := range rep.Actions {
			if it.Status == "sent" {
				sentBy[i]++
			}
		}
	}
	t.Logf("emails sent by each process: %v", sentBy)
	if sentBy[0]+sentBy[1] != len(want) {
		t.Errorf("the processes report %d sent in all, want %d", sentBy[0]+sentBy[1], len(want))
	}
}

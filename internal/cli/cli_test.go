package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/cli"
	"github.com/recouvre/recouvre/internal/store/postgres"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/sqlite"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// The tests drive cli.Run in-process on a database of their own: a SQLite
// file in a temp folder, or, with RECOUVRE_TEST_DB=postgres, a fresh
// PostgreSQL database dropped at the end.

type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// newDB returns the --db value of a fresh, empty database.
func newDB(t *testing.T) string {
	t.Helper()
	if storetest.Kind() == "postgres" {
		dsn, drop, err := storetest.CreateDatabase("recouvre_cli")
		if err != nil {
			t.Fatalf("postgres: %v", err)
		}
		t.Cleanup(drop)
		return dsn
	}
	return filepath.Join(t.TempDir(), "recouvre.db")
}

// run runs `recouvre --db db args…` with stdin.
func run(t *testing.T, db, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" }}
	code := cli.Run(context.Background(), append([]string{"--db", db}, args...), env)
	return result{code, out.String(), errOut.String()}
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, db, stdin string, args ...string) result {
	t.Helper()
	r := run(t, db, stdin, args...)
	if r.code != 0 {
		t.Fatalf("recouvre %s: %v", strings.Join(args, " "), r)
	}
	return r
}

// openStore opens the database the commands used, as the application does.
func openStore(t *testing.T, db string) *sqldb.DB {
	t.Helper()
	var st *sqldb.DB
	var err error
	if strings.HasPrefix(db, "postgres://") {
		st, err = postgres.Open(context.Background(), db)
	} else {
		st, err = sqlite.Open(context.Background(), db)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// rawDB opens the database with database/sql alone, to change it behind
// the application's back.
func rawDB(t *testing.T, db string) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", "file:"+db+"?_pragma=busy_timeout(10000)"
	if strings.HasPrefix(db, "postgres://") {
		driver, dsn = "pgx", db
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func createOrg(t *testing.T, db, name string) int64 {
	t.Helper()
	r := mustRun(t, db, "", "org", "create", "--name", name, "--kind", "creditor", "--json")
	var v struct{ ID int64 }
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.ID <= 0 {
		t.Fatalf("org create --json printed %q: %v", r.stdout, err)
	}
	return v.ID
}

func TestVersion(t *testing.T) {
	db := newDB(t)
	r := mustRun(t, db, "", "version")
	if r.stdout != "recouvre "+cli.Version+"\n" || r.stderr != "" {
		t.Fatalf("version: %v", r)
	}
}

func TestHelp(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "", "--help")
	if r.code != 0 || !strings.Contains(r.stderr, "Usage: recouvre") {
		t.Fatalf("--help: %v", r)
	}
	for _, cmd := range []string{"serve", "demo", "migrate", "org", "user", "token", "journal", "version"} {
		if !regexp.MustCompile(`(?m)^  ` + cmd + ` +\S`).MatchString(r.stderr) {
			t.Errorf("--help does not list %s:\n%s", cmd, r.stderr)
		}
	}
	for _, args := range [][]string{
		{"serve", "--help"}, {"demo", "--help"}, {"migrate", "--help"}, {"version", "--help"},
		{"org", "--help"}, {"org", "create", "--help"},
		{"user", "--help"}, {"user", "add", "--help"},
		{"token", "--help"}, {"token", "create", "--help"},
		{"journal", "--help"}, {"journal", "verify", "--help"},
		{"org", "create", "-h"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			r := run(t, db, "", args...)
			if r.code != 0 {
				t.Fatalf("%v", r)
			}
			if !strings.Contains(r.stderr, "Usage: recouvre "+args[0]) {
				t.Fatalf("no usage printed: %v", r)
			}
			if r.stdout != "" {
				t.Fatalf("help on stdout: %v", r)
			}
		})
	}
	// Asking for help touches no database.
	if !strings.HasPrefix(db, "postgres://") {
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("--help created the database (%v)", err)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	db := newDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{nil, "Usage: recouvre"},
		{[]string{"--no-such-flag"}, "flag provided but not defined"},
		{[]string{"org", "delete"}, "usage: recouvre org create"},
		{[]string{"org"}, "usage: recouvre org create"},
		{[]string{"journal", "verify", "extra"}, `unexpected argument "extra"`},
		{[]string{"demo", "--debtors", "0"}, "--debtors must be positive"},
	} {
		r := run(t, db, "", tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("recouvre %v: want exit 2 and %q, got %v", tc.args, tc.want, r)
		}
	}
}

// --db is accepted after the command too.
func TestDBAfterCommand(t *testing.T) {
	db := newDB(t)
	var out, errOut bytes.Buffer
	env := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	args := []string{"org", "create", "--db", db, "--name", "Acme", "--json"}
	if code := cli.Run(context.Background(), args, env); code != 0 {
		t.Fatalf("recouvre %v: exit %d: %s", args, code, errOut.String())
	}
	var v struct{ ID int64 }
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if _, err := openStore(t, db).GetOrganization(context.Background(), v.ID); err != nil {
		t.Fatalf("the organization is not in the --db given after the command: %v", err)
	}
}

func TestMigrateIdempotent(t *testing.T) {
	db := newDB(t)
	kind := storetest.Kind()
	for range 2 {
		r := mustRun(t, db, "", "migrate")
		if r.stdout != "database up to date ("+kind+")\n" {
			t.Fatalf("migrate: %v", r)
		}
	}
	id := createOrg(t, db, "Acme")
	mustRun(t, db, "", "migrate")
	st := openStore(t, db)
	o, err := st.GetOrganization(context.Background(), id)
	if err != nil || o.Name != "Acme" {
		t.Fatalf("after a second migrate: %+v, %v", o, err)
	}
	mustRun(t, db, "", "journal", "verify")
}

func TestOrgCreate(t *testing.T) {
	db := newDB(t)
	r := mustRun(t, db, "", "org", "create", "--name", "Menuiserie Dupont", "--kind", "creditor", "--json")
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("--json printed %q: %v", r.stdout, err)
	}
	id, ok := v["id"].(float64)
	if len(v) != 1 || !ok || id < 1 || id != float64(int64(id)) {
		t.Fatalf(`--json printed %q, want {"id": N}`, r.stdout)
	}
	st := openStore(t, db)
	o, err := st.GetOrganization(context.Background(), int64(id))
	if err != nil || o.Name != "Menuiserie Dupont" || o.Kind != "creditor" {
		t.Fatalf("organization %v: %+v, %v", id, o, err)
	}

	r = mustRun(t, db, "", "org", "create", "--name", "Cabinet Recouvre", "--kind", "agency")
	if !regexp.MustCompile(`^organization \d+ created: Cabinet Recouvre\n$`).MatchString(r.stdout) {
		t.Fatalf("org create: %v", r)
	}

	r = run(t, db, "", "org", "create", "--name", "Bad", "--kind", "bank", "--json")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, `--kind must be creditor or agency, not "bank"`) {
		t.Fatalf("bad --kind: %v", r)
	}
	r = run(t, db, "", "org", "create", "--kind", "creditor")
	if r.code != 2 || !strings.Contains(r.stderr, "--name is required") {
		t.Fatalf("no --name: %v", r)
	}
	// Neither failure created anything.
	var n int
	if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM organizations`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d organizations (%v), want 2", n, err)
	}
}

const password = "correct horse battery"

func TestUserAdd(t *testing.T) {
	db := newDB(t)
	org := createOrg(t, db, "Acme")
	orgArg := fmt.Sprint(org)
	r := mustRun(t, db, password+"\n", "user", "add", "--org", orgArg, "--email", "Alice@Example.test", "--role", "admin", "--name", "Alice")
	if !regexp.MustCompile(`^user \d+ added to organization ` + orgArg + ` as admin: alice@example.test\n$`).MatchString(r.stdout) {
		t.Fatalf("user add: %v", r)
	}
	st := openStore(t, db)
	ctx := context.Background()
	u, err := st.UserByEmail(ctx, "alice@example.test")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _, err := auth.VerifyPassword(password, u.PasswordHash); !ok || err != nil {
		t.Fatalf("the stored hash does not verify the password read from stdin (%v)", err)
	}
	ms, err := st.Memberships(ctx, u.ID)
	if err != nil || len(ms) != 1 || ms[0].OrgID != org || ms[0].Role != "admin" {
		t.Fatalf("memberships = %+v, %v", ms, err)
	}

	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		want        string
	}{
		{"wrong role", password + "\n", []string{"--email", "bob@example.test", "--role", "boss"}, 2, "boss"},
		{"short password", "short\n", []string{"--email", "bob@example.test", "--role", "agent"}, 2, "password too short"},
		{"no password", "", []string{"--email", "bob@example.test", "--role", "agent"}, 1, "read password from stdin"},
		{"empty password", "\n", []string{"--email", "bob@example.test", "--role", "agent"}, 2, "must not be empty"},
		{"no email", password + "\n", []string{"--role", "agent"}, 2, "--org and --email are required"},
		{"duplicate", password + "\n", []string{"--email", "alice@example.test", "--role", "agent"}, 1, "already exists"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, db, tc.stdin, append([]string{"user", "add", "--org", orgArg}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("want exit %d and %q, got %v", tc.code, tc.want, r)
			}
		})
	}
	r = run(t, db, password+"\n", "user", "add", "--org", "999", "--email", "bob@example.test", "--role", "agent")
	if r.code != 1 || !strings.Contains(r.stderr, "organization not found") {
		t.Fatalf("unknown organization: %v", r)
	}
	if _, err := st.UserByEmail(ctx, "bob@example.test"); err == nil {
		t.Fatal("a failed user add created the user")
	}
}

func TestTokenCreate(t *testing.T) {
	db := newDB(t)
	org := createOrg(t, db, "Acme")
	other := createOrg(t, db, "Other")
	mustRun(t, db, password+"\n", "user", "add", "--org", fmt.Sprint(org), "--email", "alice@example.test", "--role", "manager")

	r := mustRun(t, db, "", "token", "create", "--email", "alice@example.test", "--name", "erp")
	if !regexp.MustCompile(`^rcv_[A-Za-z0-9_-]{43}\n$`).MatchString(r.stdout) {
		t.Fatalf("token create printed %q, want the token alone on one line", r.stdout)
	}
	token := strings.TrimSuffix(r.stdout, "\n")
	st := openStore(t, db)
	ctx := context.Background()
	u, err := st.UserByEmail(ctx, "alice@example.test")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := st.APITokenByHash(ctx, auth.HashToken(token))
	if err != nil {
		t.Fatalf("the printed token's hash is not in the store: %v", err)
	}
	if tok.OrgID != org || tok.UserID != u.ID || tok.Name != "erp" {
		t.Fatalf("token = %+v", tok)
	}
	var plain int
	if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1`, []byte(token)).Scan(&plain); err != nil || plain != 0 {
		t.Fatalf("the plain token is stored (%d, %v)", plain, err)
	}

	r2 := mustRun(t, db, "", "token", "create", "--email", "alice@example.test")
	if r2.stdout == r.stdout {
		t.Fatal("two tokens are the same")
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--email", "nobody@example.test"}, 1, "user not found"},
		{[]string{"--email", "alice@example.test", "--org", fmt.Sprint(other)}, 1, "no membership"},
		{nil, 2, "--email is required"},
	} {
		r := run(t, db, "", append([]string{"token", "create"}, tc.args...)...)
		if r.code != tc.code || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("token create %v: want exit %d and %q, got %v", tc.args, tc.code, tc.want, r)
		}
	}
}

func TestDemo(t *testing.T) {
	db := newDB(t)
	r := mustRun(t, db, "", "demo", "--debtors", "50", "--invoices", "400", "--seed", "7")
	if !regexp.MustCompile(`demo loaded in \S+: 50 debtors, 400 invoices, \d+ credit notes, \d+ payments, \d+ allocations, \d+ events\n`).MatchString(r.stdout) {
		t.Fatalf("demo: %v", r)
	}
	if !strings.Contains(r.stdout, "demo login: "+cli.DemoEmail+" / "+cli.DemoPassword+"\n") {
		t.Fatalf("demo does not print the login: %v", r)
	}
	st := openStore(t, db)
	u, err := st.UserByEmail(context.Background(), cli.DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _, _ := auth.VerifyPassword(cli.DemoPassword, u.PasswordHash); !ok {
		t.Fatal("the printed demo password does not log in")
	}
	var debtors, invoices int
	raw := rawDB(t, db)
	if err := raw.QueryRow(`SELECT COUNT(*) FROM debtors`).Scan(&debtors); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT COUNT(*) FROM invoices WHERE kind = 'invoice'`).Scan(&invoices); err != nil {
		t.Fatal(err)
	}
	if debtors != 50 || invoices != 400 {
		t.Fatalf("%d debtors and %d invoices in the database", debtors, invoices)
	}
	// A second demo joins the same login to a second organization.
	mustRun(t, db, "", "demo", "--debtors", "5", "--invoices", "20")
	ms, err := st.Memberships(context.Background(), u.ID)
	if err != nil || len(ms) != 2 {
		t.Fatalf("memberships after two demos: %+v, %v", ms, err)
	}
	mustRun(t, db, "", "journal", "verify")
}

var intact = regexp.MustCompile(`^journal intact: (\d+) events in (\d+) organizations\n$`)

func TestJournalVerify(t *testing.T) {
	db := newDB(t)
	r := mustRun(t, db, "", "journal", "verify")
	if r.stdout != "journal intact: 0 events in 0 organizations\n" {
		t.Fatalf("verify on an empty database: %v", r)
	}
	mustRun(t, db, "", "demo", "--debtors", "50", "--invoices", "400", "--seed", "7")
	createOrg(t, db, "Other")
	r = mustRun(t, db, "", "journal", "verify")
	m := intact.FindStringSubmatch(r.stdout)
	if m == nil || m[2] != "2" || len(m[1]) < 4 {
		t.Fatalf("verify after the demo: %v", r)
	}
	raw := rawDB(t, db)
	var org int64
	if err := raw.QueryRow(`SELECT id FROM organizations ORDER BY id LIMIT 1`).Scan(&org); err != nil {
		t.Fatal(err)
	}
	// event returns the id and payload of the org's event at seq.
	event := func(seq int64) (id int64, payload []byte) {
		t.Helper()
		if err := raw.QueryRow(`SELECT id, payload FROM events WHERE org_id = $1 AND seq = $2`, org, seq).Scan(&id, &payload); err != nil {
			t.Fatalf("event #%d: %v", seq, err)
		}
		return id, payload
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	broken := func(what, want string) {
		t.Helper()
		r := run(t, db, "", "journal", "verify")
		if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, want) {
			t.Fatalf("%s: want exit 1 and %q, got %v", what, want, r)
		}
	}

	// (a) A payload edited by raw SQL: the first edited event is named,
	// by its sequence number and its row id.
	id100, payload100 := event(100)
	id200, payload200 := event(200)
	exec(`UPDATE events SET payload = $1 WHERE id = $2`, []byte(`{"amount":"1.00"}`), id200)
	exec(`UPDATE events SET payload = $1 WHERE id = $2`, bytes.Replace(payload100, []byte(`"`), []byte(`'`), 1), id100)
	broken("payload edited", fmt.Sprintf("journal of organization %d broken at event #100 (id %d): content does not match its hash: the row was altered", org, id100))
	exec(`UPDATE events SET payload = $1 WHERE id = $2`, payload100, id100)
	broken("second edit left", fmt.Sprintf("broken at event #200 (id %d)", id200))
	exec(`UPDATE events SET payload = $1 WHERE id = $2`, payload200, id200)
	mustRun(t, db, "", "journal", "verify")

	// Another column edited: the amount of money is not the only thing
	// that counts.
	exec(`UPDATE events SET debtor_id = debtor_id + 1 WHERE id = $1`, id100)
	broken("debtor_id edited", fmt.Sprintf("broken at event #100 (id %d)", id100))
	exec(`UPDATE events SET debtor_id = debtor_id - 1 WHERE id = $1`, id100)
	mustRun(t, db, "", "journal", "verify")

	// (b) A row deleted by raw SQL: the missing sequence number is named.
	exec(`DELETE FROM events WHERE id = $1`, id100)
	broken("row deleted", fmt.Sprintf("journal of organization %d broken at event #100: event #100 is missing (next found is #101): a row was deleted", org))

	// The last rows deleted: the recorded head catches it.
	db2 := newDB(t)
	mustRun(t, db2, "", "demo", "--debtors", "20", "--invoices", "100", "--seed", "3")
	raw2 := rawDB(t, db2)
	var last int64
	if err := raw2.QueryRow(`SELECT MAX(seq) FROM events`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if _, err := raw2.Exec(`DELETE FROM events WHERE seq >= $1`, last-1); err != nil {
		t.Fatal(err)
	}
	r = run(t, db2, "", "journal", "verify")
	if want := fmt.Sprintf("broken at event #%d: events #%d to #%d are missing", last-1, last-1, last); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Fatalf("tail deleted: want %q, got %v", want, r)
	}
}

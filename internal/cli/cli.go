// Package cli is the recouvre command line: one binary whose subcommands
// serve the product, load the demo, manage organizations, users and
// tokens, and verify the journal. Run takes its arguments and streams so
// that tests drive it in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/store/postgres"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/sqlite"
)

// Version is set at build time with -ldflags "-X …/cli.Version=…".
var Version = "dev"

// DefaultDB is the embedded default database.
const DefaultDB = "recouvre-data/recouvre.db"

// Env is what a command runs with.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
	// DB is the --db value (SQLite path or postgres:// URL).
	DB  string
	Log *slog.Logger
}

type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"serve":   {"start the web interface and the JSON API", runServe},
		"demo":    {"load a demo portfolio and print the demo login", runDemo},
		"migrate": {"apply the database migrations", runMigrate},
		"org":     {"manage organizations (org create)", runOrg},
		"user":    {"manage users (user add)", runUser},
		"token":   {"manage API tokens (token create)", runToken},
		"journal": {"check the journal (journal verify)", runJournal},
		"rates":   {"list or import the interest rate tables (rates list, rates import)", runRates},
		"export":  {"export debtors or invoices as JSON or CSV (export debtors, export invoices)", runExport},
		"import":  {"import receivables from CSV, Excel, FEC or e-invoices, or a bank statement (import invoices, bank, history, undo, mappings)", runImportAll},
		"bank":    {"work through the bank statement lines waiting for review (bank review)", runBank},
		"run":     {"run the daily dunning cycle of an organization: plan and send the reminders (run --org ID)", runCycle},
		"legal":   {"compute late-payment interest and indemnity (legal interest)", runLegal},
		"version": {"print the version", runVersion},
	}
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Run executes the command line args (without the program name) and
// returns the process exit code.
func Run(ctx context.Context, args []string, env *Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Log == nil {
		env.Log = slog.New(slog.NewTextHandler(env.Stderr, nil))
	}
	fs := flag.NewFlagSet("recouvre", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	def := env.Getenv("RECOUVRE_DB")
	if def == "" {
		def = DefaultDB
	}
	fs.StringVar(&env.DB, "db", def, "database: a SQLite file path or a postgres:// URL (env RECOUVRE_DB)")
	fs.Usage = func() { usage(env.Stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		usage(env.Stderr, fs)
		return 2
	}
	name := fs.Arg(0)
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "recouvre: unknown command %q\n\n", name)
		usage(env.Stderr, fs)
		return 2
	}
	err := cmd.run(ctx, env, fs.Args()[1:])
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "recouvre %s: %v\n", name, err)
		return 2
	}
	fmt.Fprintf(env.Stderr, "recouvre %s: %v\n", name, err)
	return 1
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "recouvre — receivables management and amicable debt collection")
	fmt.Fprintln(w, "\nUsage: recouvre [--db PATH|URL] COMMAND [options]   (COMMAND --help for its options)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nGlobal options:")
	fs.PrintDefaults()
}

// flags makes a subcommand's flag set writing its help to stderr. Every
// subcommand also takes --db, so that `recouvre demo --db x.db` works as
// well as `recouvre --db x.db demo`.
func flags(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&env.DB, "db", env.DB, "database: a SQLite file path or a postgres:// URL (also before the command)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses a subcommand's flags, refusing stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// isPostgres reports whether dsn names a PostgreSQL server.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the database the --db flag names.
func openStore(ctx context.Context, dsn string) (*sqldb.DB, error) {
	if isPostgres(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

func runVersion(_ context.Context, env *Env, args []string) error {
	if err := parse(flags(env, "version", "version"), args); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "recouvre %s\n", Version)
	return nil
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	if err := parse(flags(env, "migrate", "migrate"), args); err != nil {
		return err
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(env.Stdout, "database up to date (%s)\n", st.Dialect())
	return nil
}

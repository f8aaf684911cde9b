package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/store"
)

// ratesInForce loads the rate table: the shipped rates and the files
// imported into the database. A SQLite database that does not exist yet
// is not created for this: the shipped rates are in force.
func ratesInForce(ctx context.Context, env *Env) (*legalfr.Table, error) {
	if !isPostgres(env.DB) {
		if _, err := os.Stat(env.DB); errors.Is(err, fs.ErrNotExist) {
			return legalfr.Default(), nil
		}
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return legal.Rates(ctx, st)
}

func runRates(ctx context.Context, env *Env, args []string) error {
	const syn = "rates list [--json] | rates import FILE"
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n\nRun 'recouvre rates list --help' or 'recouvre rates import --help' for their options.\n", syn)
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return &usageError{"usage: recouvre " + syn}
	}
	switch args[0] {
	case "list":
		return ratesList(ctx, env, args[1:])
	case "import":
		return ratesImport(ctx, env, args[1:])
	}
	return &usageError{"usage: recouvre " + syn}
}

func ratesList(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "rates list", "rates list [--json]")
	asJSON := fs.Bool("json", false, "print the table as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	t, err := ratesInForce(ctx, env)
	if err != nil {
		return err
	}
	today := civil.Today(env.Now(), civil.Paris)
	missing := t.Missing(today)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(legal.RatesToJSON(t, today))
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ECB main refinancing rate\t\t\t")
	fmt.Fprintln(w, "effective\trate %\tstatus\tsource")
	for _, r := range t.ECB {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Effective, r.Rate, status(r.Confirmed), r.Source)
	}
	fmt.Fprintln(w, "\t\t\t")
	fmt.Fprintln(w, "Taux de l'intérêt légal\t\t\t\t")
	fmt.Fprintln(w, "semester\tconsumer %\tother %\tstatus\tsource")
	for _, r := range t.Legal {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Semester, r.Consumer, r.Other, status(r.Confirmed), r.Source)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, s := range missing {
		fmt.Fprintf(env.Stdout, "warning: semester %s has begun without a known rate (legal rate, or the ECB's decisions past %s): import it (recouvre rates import FILE)\n", s, t.ECBThrough)
	}
	return nil
}

func status(confirmed bool) string {
	if confirmed {
		return "confirmed"
	}
	return "UNCONFIRMED"
}

func ratesImport(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "rates import", "rates import FILE")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return &usageError{"usage: recouvre rates import FILE (tab-separated: ecb DATE RATE STATUS SOURCE / legal SEMESTER CONSUMER OTHER STATUS SOURCE)"}
	}
	path := fs.Arg(0)
	content, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := legal.ImportRates(store.WithActor(ctx, store.Actor{Name: "cli"}), st, filepath.Base(path), content)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %d ECB rate(s) and %d legal rate semester(s) from %s\n", len(u.ECB), len(u.Legal), path)
	return nil
}

func runLegal(ctx context.Context, env *Env, args []string) error {
	const syn = "legal interest|position|settings|insolvency|holidays|notice|statement|declaration|court-file|cost … (legal SUBCOMMAND --help for its options)"
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n", syn)
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return &usageError{"usage: recouvre " + syn}
	}
	switch args[0] {
	case "interest":
		return legalInterest(ctx, env, args)
	case "position":
		return legalPosition(ctx, env, args[1:])
	case "settings":
		return legalSettings(ctx, env, args[1:])
	case "insolvency":
		return legalInsolvency(ctx, env, args[1:])
	case "holidays":
		return legalHolidays(env, args[1:])
	case "notice":
		return legalNotice(ctx, env, args[1:])
	case "statement":
		return legalStatement(ctx, env, args[1:])
	case "declaration":
		return legalDeclaration(ctx, env, args[1:])
	case "court-file":
		return legalCourtFile(ctx, env, args[1:])
	case "cost":
		return legalCost(ctx, env, args[1:])
	}
	return &usageError{"usage: recouvre " + syn}
}

func legalInterest(ctx context.Context, env *Env, args []string) error {
	const syn = "legal interest --kind b2b|b2c|public --principal AMOUNT --due YYYY-MM-DD [--until YYYY-MM-DD] [--notice YYYY-MM-DD] [--payment YYYY-MM-DD=AMOUNT]... [--contract-rate PCT] [--costs AMOUNT] [--creditor-consumer] [--year365] [--principal-first] [--currency EUR] [--json]"
	rest, err := sub(env, args, "interest", syn)
	if err != nil {
		return err
	}
	// The flags carry the names of the API's parameters (dashes for
	// underscores), and are read by the same parser.
	fs := flags(env, "legal interest", syn)
	v := url.Values{}
	str := func(name, usage string) {
		fs.Func(name, usage, func(s string) error { v.Set(strings.ReplaceAll(name, "-", "_"), s); return nil })
	}
	boolean := func(name, usage string) {
		fs.BoolFunc(name, usage, func(s string) error { v.Set(strings.ReplaceAll(name, "-", "_"), s); return nil })
	}
	str("kind", "b2b (business debtor), b2c (consumer) or public (required)")
	str("principal", "amount including VAT, e.g. 10000.00 or \"10 000,00\" (required)")
	str("due", "due date, YYYY-MM-DD (required)")
	str("until", "last day of interest, YYYY-MM-DD (default today)")
	str("notice", "date of the formal notice, YYYY-MM-DD (consumers: interest runs from the day after)")
	fs.Func("payment", "a payment received, YYYY-MM-DD=AMOUNT (repeat the flag for several)", func(s string) error { v.Add("payment", s); return nil })
	str("contract-rate", "rate agreed in the contract, in percent, e.g. 12.5")
	str("costs", "proven recovery costs; above 40.00 they replace the flat indemnity")
	str("currency", "ISO currency of the amounts (default EUR)")
	boolean("creditor-consumer", "the creditor is a private individual (higher legal rate)")
	boolean("year365", "divide by 365 in leap years too")
	boolean("principal-first", "apply payments to the principal before the interest")
	asJSON := fs.Bool("json", false, `print {"principal":…,"interest":…,"indemnity":…,"total":…,"periods":[…]}`)
	if err := parse(fs, rest); err != nil {
		return err
	}
	c, settings, err := legal.ParseClaim(v, civil.Today(env.Now(), civil.Paris))
	if err != nil {
		var e *ledger.Error
		if errors.As(err, &e) && e.Field != "" {
			return &usageError{"--" + strings.ReplaceAll(e.Field, "_", "-") + ": " + e.Message}
		}
		return &usageError{err.Error()}
	}
	t, err := ratesInForce(ctx, env)
	if err != nil {
		return err
	}
	st, err := legalfr.Compute(t, c, settings)
	if err != nil {
		return err
	}
	out := legal.JSON(st, "en")
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(out)
	}
	return printStatement(env, out)
}

func printStatement(env *Env, s legal.Statement) error {
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "from\tto\tdays\tbase\trate %\tinterest\t")
	for _, p := range s.Periods {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\t\n", p.From, p.To, p.Days, p.Base, p.Rate, p.Interest)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nprincipal %s %s\ninterest  %s %s\nindemnity %s %s\ntotal     %s %s\nbasis: %s\n",
		s.Principal, s.Currency, s.Interest, s.Currency, s.Indemnity, s.Currency, s.Total, s.Currency, strings.Join(s.Basis, ", "))
	for _, wn := range s.Warnings {
		fmt.Fprintf(env.Stdout, "warning: %s\n", wn.Message)
	}
	return nil
}

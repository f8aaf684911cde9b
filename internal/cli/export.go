package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/export"
)

func runExport(ctx context.Context, env *Env, args []string) error {
	const syn = "export debtors|invoices --org ID (--json|--csv) [-o FILE]"
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n", syn)
		return flag.ErrHelp
	}
	if len(args) == 0 || (args[0] != "debtors" && args[0] != "invoices") {
		return &usageError{"usage: recouvre " + syn}
	}
	what := args[0]
	fs := flags(env, "export "+what, syn)
	orgID := fs.Int64("org", 0, "organization (required)")
	asJSON := fs.Bool("json", false, `write {"items":[…]}`)
	asCSV := fs.Bool("csv", false, "write CSV with a header line")
	out := fs.String("o", "", "the file to write (default standard output)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *asJSON == *asCSV {
		return &usageError{"choose one of --json and --csv"}
	}
	format := export.JSON
	if *asCSV {
		format = export.CSV
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	w := env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	write := export.Debtors
	if what == "invoices" {
		write = export.Invoices
	}
	n, err := write(ctx, st, w, format, civil.Today(env.Now(), civil.Paris))
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(env.Stderr, "%d %s written to %s\n", n, what, *out)
	}
	return nil
}

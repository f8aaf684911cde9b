package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/store"
)

const importSyn = `import invoices FILE --org ID [--creditor ID] [--format auto|csv|xlsx|fec|facturx|cii|ubl] [--encoding E]
                 [--mapping NAME] [--snapshot] [--skip-invalid] [--dry-run] [--json] [--lang fr|en]
       import history --org ID [--json]
       import undo --org ID --batch ID
       import mappings --org ID [--json]`

func runImport(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n", importSyn)
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return &usageError{"usage: recouvre " + importSyn}
	}
	switch args[0] {
	case "invoices":
		return importInvoices(ctx, env, args[1:])
	case "history":
		return importHistory(ctx, env, args[1:])
	case "undo":
		return importUndo(ctx, env, args[1:])
	case "mappings":
		return importMappings(ctx, env, args[1:])
	}
	return &usageError{"usage: recouvre " + importSyn}
}

// parseWithFile parses flags placed before or after one positional
// argument (the file), as people type them.
func parseWithFile(fs *flag.FlagSet, args []string) (string, error) {
	var file string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", err
			}
			return "", &usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			return "", &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
	if file == "" {
		return "", &usageError{"the file to import is required"}
	}
	return file, nil
}

// errImportRefused makes the exit code 1 once the report is printed.
var errImportRefused = errors.New("nothing was written")

func importInvoices(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import invoices", importSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	creditorID := fs.Int64("creditor", 0, "creditor (mandant) whose receivables these are (default: the organization's first)")
	format := fs.String("format", "auto", "auto, csv, xlsx, fec, facturx, cii or ubl")
	encoding := fs.String("encoding", "", "force the character set: UTF-8, Windows-1252 or ISO-8859-15")
	mappingName := fs.String("mapping", "", "a column mapping saved under this name (CSV and Excel)")
	snapshot := fs.Bool("snapshot", false, "the file is the full aged balance: an open invoice absent from it was settled outside recouvre")
	skipInvalid := fs.Bool("skip-invalid", false, "import the valid lines and report the invalid ones (default: all or nothing)")
	dryRun := fs.Bool("dry-run", false, "say what the import would do, write nothing")
	asJSON := fs.Bool("json", false, `print {"created":n,"updated":n,"unchanged":n,"settled":n,"errors":[…]}`)
	lang := fs.String("lang", "fr", "language of the error messages: fr or en")
	path, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	opts := importer.Options{CreditorID: *creditorID, Encoding: *encoding, Snapshot: *snapshot, SkipInvalid: *skipInvalid,
		DryRun: *dryRun, FileName: filepath.Base(path), MappingName: *mappingName, Today: civil.Today(env.Now(), civil.Paris)}
	if *format != "auto" && *format != "" {
		opts.Format = receivable.Format(*format)
		if !opts.Format.Valid() {
			return &usageError{fmt.Sprintf("--format: unknown format %q", *format)}
		}
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	if *mappingName != "" {
		if opts.Mapping, err = savedMapping(ctx, st, *mappingName); err != nil {
			return err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if bar := newProgress(env, f); bar != nil {
		r = bar.wrap(f)
		defer bar.done()
	}
	rep, err := importer.Run(ctx, st, r, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeImportJSON(env.Stdout, rep, *lang); err != nil {
			return err
		}
	} else {
		printImportReport(env.Stdout, rep, *lang)
	}
	if rep.ErrorCount > 0 && !rep.Written && !rep.DryRun {
		return errImportRefused
	}
	return nil
}

func savedMapping(ctx context.Context, st store.Store, name string) ([]byte, error) {
	ms, err := st.ImportMappings(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Name == name {
			return m.Mapping, nil
		}
	}
	return nil, &usageError{fmt.Sprintf("--mapping: no mapping is saved under %q", name)}
}

func writeImportJSON(w io.Writer, rep *importer.Report, lang string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep.JSON(lang))
}

func printImportReport(w io.Writer, rep *importer.Report, lang string) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	fmt.Fprintf(w, "%s %s", t("import.cli.format"), rep.Format)
	if rep.Encoding != "" {
		fmt.Fprintf(w, " (%s)", rep.Encoding)
	}
	fmt.Fprintf(w, ", %s\n", t("import.cli.lines", rep.Lines))
	fmt.Fprintln(w, t("import.cli.counts", rep.Created, rep.Updated, rep.Unchanged, rep.Settled, rep.DebtorsCreated))
	if rep.Previous != nil && rep.Created+rep.Updated+rep.Settled == 0 {
		fmt.Fprintln(w, t("import.cli.same_file", rep.Previous.ID, rep.Previous.CreatedAt.In(civil.Paris).Format("02/01/2006 15:04")))
	}
	if rep.SnapshotSkipped {
		fmt.Fprintln(w, t("import.cli.snapshot_skipped"))
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(w, "%s\n", t("import.cli.error", e.Line, e.Column, e.Value, e.Text(lang)))
	}
	if rep.ErrorCount > len(rep.Errors) {
		fmt.Fprintln(w, t("import.cli.more_errors", rep.ErrorCount-len(rep.Errors)))
	}
	switch {
	case rep.DryRun:
		fmt.Fprintln(w, t("import.cli.dry_run"))
	case rep.Written:
		fmt.Fprintln(w, t("import.cli.written", rep.BatchID))
	default:
		fmt.Fprintln(w, t("import.cli.refused"))
	}
}

func importHistory(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import history", importSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	asJSON := fs.Bool("json", false, "print the history as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	batches, err := st.ImportBatches(ctx, store.ImportQuery{Limit: 500})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"items": batchesJSON(batches)})
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tFILE\tFORMAT\tSTATUS\tCREATED\tUPDATED\tUNCHANGED\tSETTLED\tERRORS")
	for _, b := range batches {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\n", b.ID, b.CreatedAt.In(civil.Paris).Format("2006-01-02 15:04"),
			b.FileName, b.Format, b.Status, b.Created, b.Updated, b.Unchanged, b.Settled, b.ErrorCount)
	}
	return tw.Flush()
}

func batchesJSON(bs []store.ImportBatch) []importer.BatchJSON {
	out := make([]importer.BatchJSON, 0, len(bs))
	for _, b := range bs {
		out = append(out, importer.BatchToJSON(b))
	}
	return out
}

func importUndo(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import undo", importSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	batchID := fs.Int64("batch", 0, "the import to undo (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *batchID <= 0 {
		return &usageError{"--batch is required"}
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := st.UndoImport(ctx, *batchID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "import %d (%s) undone: %d created removed, %d updated and %d settled put back\n",
		b.ID, b.FileName, b.Created, b.Updated, b.Settled)
	return nil
}

func importMappings(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import mappings", importSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	asJSON := fs.Bool("json", false, "print the mappings as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	ms, err := st.ImportMappings(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		items := make([]map[string]any, 0, len(ms))
		for _, m := range ms {
			items = append(items, map[string]any{"name": m.Name, "mapping": json.RawMessage(m.Mapping), "updated_at": m.UpdatedAt})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"items": items})
	}
	for _, m := range ms {
		fmt.Fprintf(env.Stdout, "%s\t%s\n", m.Name, strings.TrimSpace(string(m.Mapping)))
	}
	return nil
}

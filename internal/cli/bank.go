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

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

const (
	importBankSyn = "import bank FILE --org ID [--mapping NAME] [--dry-run] [--json] [--lang fr|en]"
	bankSyn       = "bank review --org ID [--json] [--lang fr|en] | undo --org ID --import ID"
)

// runImportAll dispatches `recouvre import`: bank statements here, files
// of receivables in runImport.
func runImportAll(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "bank" {
		return importBank(ctx, env, args[1:])
	}
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n       %s\n", importSyn, importBankSyn)
		return flag.ErrHelp
	}
	return runImport(ctx, env, args)
}

// importBank runs `recouvre import bank`: a statement file read, matched
// and recorded as banking.Service.Import does, and its report printed.
// The exit status is 1 when the file could not be read.
func importBank(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "import bank", importBankSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	mapping := fs.String("mapping", "", "a bank column mapping saved under this name (CSV and Excel statements)")
	dryRun := fs.Bool("dry-run", false, "read, match and count, write nothing")
	asJSON := fs.Bool("json", false, `print {"entries":n,"payments_created":n,"duplicates_skipped":n,"auto_matched":n,"to_review":n,…}`)
	lang := fs.String("lang", "fr", "language of the report: fr or en")
	path, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	if *mapping != "" {
		if err := checkBankMapping(ctx, st, *mapping); err != nil {
			return err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	opt := banking.ImportOptions{FileName: filepath.Base(path), Mapping: *mapping, DryRun: *dryRun}
	rep, err := banking.New(st, env.Now).Import(ctx, data, opt)
	refused := false
	if errors.Is(err, banking.ErrRefused) {
		// The file could not be read: the report says why.
		rep.ImportID, refused, err = 0, true, nil
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printBankReport(env.Stdout, rep, *orgID, refused, i18n.Normalize(*lang))
	}
	if refused {
		return errImportRefused
	}
	return nil
}

// checkBankMapping refuses a --mapping no bank mapping is saved under.
func checkBankMapping(ctx context.Context, st store.Store, name string) error {
	ms, err := st.BankMappings(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Name == name {
			return nil
		}
	}
	return &usageError{fmt.Sprintf("--mapping: no bank mapping is saved under %q", name)}
}

// printBankReport writes the report of a statement import for people.
func printBankReport(w io.Writer, rep *banking.Report, orgID int64, refused bool, lang string) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	if rep.Format != "" {
		format := rep.Format
		if rep.Encoding != "" {
			format += " (" + rep.Encoding + ")"
		}
		fmt.Fprintln(w, t("bankcli.format", format))
	}
	if !refused {
		fmt.Fprintln(w, t("bankcli.counts", rep.Entries, rep.PaymentsCreated, rep.DuplicatesSkipped, rep.AutoMatched, rep.ToReview))
		if rep.Reversals+rep.DebitsIgnored+rep.Pending > 0 {
			fmt.Fprintln(w, t("bankcli.others", rep.Reversals, rep.DebitsIgnored, rep.Pending))
		}
	}
	const shown = 50
	for i, is := range rep.Issues {
		if i == shown {
			fmt.Fprintln(w, t("bankcli.more_issues", len(rep.Issues)-shown))
			break
		}
		fmt.Fprintln(w, t("bankcli.issue", is.Line, is.Column, is.Value, is.Text(lang)))
	}
	switch {
	case refused:
		fmt.Fprintln(w, t("bankcli.refused"))
	case rep.DryRun:
		fmt.Fprintln(w, t("bankcli.dry_run"))
	default:
		fmt.Fprintln(w, t("bankcli.written", rep.ImportID))
		if rep.ToReview > 0 {
			fmt.Fprintln(w, t("bankcli.to_review", orgID))
		}
	}
}

// runBank dispatches `recouvre bank`.
func runBank(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n", bankSyn)
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return &usageError{"usage: recouvre " + bankSyn}
	}
	switch args[0] {
	case "review":
		return bankReview(ctx, env, args[1:])
	case "undo":
		return bankUndo(ctx, env, args[1:])
	}
	return &usageError{"usage: recouvre " + bankSyn}
}

// bankUndo takes back a statement import (`recouvre bank undo`).
func bankUndo(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "bank undo", bankSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	importID := fs.Int64("import", 0, "the statement import to undo (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *importID <= 0 {
		return &usageError{"--import is required"}
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := st.UndoBankImport(ctx, *importID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "statement import %d (%s) undone: its %d payment(s) and their allocations removed\n",
		b.ID, b.FileName, b.PaymentsCreated)
	return nil
}

// reviewLine is a line waiting for review, as `bank review --json`
// prints it.
type reviewLine struct {
	ID           int64        `json:"id"`
	ImportID     int64        `json:"import_id"`
	Date         string       `json:"date"`
	Amount       string       `json:"amount"`
	Currency     string       `json:"currency"`
	Reversal     bool         `json:"reversal"`
	Payer        string       `json:"payer"`
	PayerIBAN    string       `json:"payer_iban"`
	Remittance   string       `json:"remittance"`
	Confidence   int          `json:"confidence"`
	Best         *reviewGuess `json:"best"` // null when the matcher found nothing
	Alternatives int          `json:"alternatives"`
}

// reviewGuess is the best proposal of a line.
type reviewGuess struct {
	DebtorID   int64          `json:"debtor_id"`
	DebtorRef  string         `json:"debtor_ref"`
	DebtorName string         `json:"debtor_name"`
	Invoices   []reviewTarget `json:"invoices"`
	Unapplied  string         `json:"unapplied"`
	Confidence int            `json:"confidence"`
	Reasons    []string       `json:"reasons"`
}

// reviewTarget is what a proposal puts on one document.
type reviewTarget struct {
	InvoiceID  int64  `json:"invoice_id"`
	Number     string `json:"number"`
	Amount     string `json:"amount"`
	CreditNote bool   `json:"credit_note,omitempty"`
}

// bankReview runs `recouvre bank review`: the lines waiting for review,
// oldest first, each with its best proposal.
func bankReview(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "bank review", bankSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	asJSON := fs.Bool("json", false, `print {"lines":[…]}`)
	lang := fs.String("lang", "fr", "language of the reasons: fr or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	l := i18n.Normalize(*lang)
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	lines, err := st.BankLines(ctx, store.BankLineQuery{Status: store.LineReview, Limit: -1})
	if err != nil {
		return err
	}
	out := make([]reviewLine, 0, len(lines))
	for i := range lines {
		rl, err := toReviewLine(&lines[i], l)
		if err != nil {
			return err
		}
		out = append(out, rl)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"lines": out})
	}
	return printReview(env.Stdout, out, l)
}

func toReviewLine(bl *store.BankLine, lang string) (reviewLine, error) {
	rl := reviewLine{ID: bl.ID, ImportID: bl.ImportID, Date: bl.BookingDate.String(), Amount: money.Decimal(bl.Amount),
		Currency: string(bl.Amount.Currency), Reversal: bl.Reversal, Payer: bl.Counterparty, PayerIBAN: bl.CounterpartyIBAN,
		Remittance: bl.Remittance, Confidence: bl.Confidence}
	ps, err := banking.Proposals(bl)
	if err != nil {
		return rl, err
	}
	if len(ps) == 0 {
		return rl, nil
	}
	p := ps[0]
	rl.Alternatives = len(ps) - 1
	g := &reviewGuess{DebtorID: p.DebtorID, DebtorRef: p.DebtorRef, DebtorName: p.DebtorName,
		Unapplied: money.Decimal(money.New(p.Unapplied, p.Currency)), Confidence: p.Confidence,
		Invoices: make([]reviewTarget, 0, len(p.Allocations)), Reasons: make([]string, 0, len(p.Reasons))}
	for _, a := range p.Allocations {
		g.Invoices = append(g.Invoices, reviewTarget{InvoiceID: a.InvoiceID, Number: a.Number,
			Amount: money.Decimal(money.New(a.Minor, p.Currency)), CreditNote: a.CreditNote})
	}
	for _, r := range p.Reasons {
		g.Reasons = append(g.Reasons, r.Message(lang))
	}
	rl.Best = g
	return rl, nil
}

// printReview writes the review queue as a table, the reasons of each
// best proposal under its line.
func printReview(w io.Writer, lines []reviewLine, lang string) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	if len(lines) == 0 {
		fmt.Fprintln(w, t("bankcli.review.none"))
		return nil
	}
	fmt.Fprintln(w, i18n.Count(lang, "bankcli.review.count", len(lines)))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tAMOUNT\tPAYER\tPROPOSAL\tCONFIDENCE")
	for _, l := range lines {
		amount := l.Amount + " " + l.Currency
		if l.Reversal {
			amount = "-" + amount
		}
		guess, conf := t("bankcli.review.no_proposal"), "-"
		switch {
		case l.Best != nil:
			guess, conf = describeGuess(l.Best, t), fmt.Sprintf("%d%%", l.Best.Confidence)
		case l.Reversal:
			guess = t("bankcli.review.reversal")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", l.ID, l.Date, amount, oneLine(l.Payer), guess, conf)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, l := range lines {
		if l.Best == nil {
			continue
		}
		for _, r := range l.Best.Reasons {
			fmt.Fprintf(w, "  %d: %s\n", l.ID, r)
		}
	}
	return nil
}

// describeGuess says in a few words whose payment a proposal sees and
// what it pays.
func describeGuess(g *reviewGuess, t func(string, ...any) string) string {
	parts := make([]string, 0, len(g.Invoices))
	for _, inv := range g.Invoices {
		parts = append(parts, inv.Number+" "+inv.Amount)
	}
	what := strings.Join(parts, ", ")
	if what == "" {
		what = t("bankcli.review.credit")
	}
	return fmt.Sprintf("%s %s: %s", g.DebtorRef, oneLine(g.DebtorName), what)
}

// oneLine keeps a text on one table row.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
)

const runSyn = "run --org ID [--as-of YYYY-MM-DD|RFC3339] [--dry-run] [--json] [--plan-only] [--lang fr|en]"

// runCycle runs `recouvre run`: the organization's daily dunning cycle,
// planned and dispatched at the --as-of clock.
func runCycle(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "run", runSyn)
	orgID := fs.Int64("org", 0, "organization (required)")
	asOf := fs.String("as-of", "", "the cycle's clock: a date (that day at the organization's run hour, Paris) or an RFC 3339 instant; now by default")
	dryRun := fs.Bool("dry-run", false, "decide and print the plan; write nothing, send nothing")
	asJSON := fs.Bool("json", false, `print {"actions":[{"debtor_ref":…,"case_id":…,"step":…,"channel":…,"scheduled_for":…,"invoices":[…],"amount_due":…,"status":…,"skip_reason":…}]}`)
	planOnly := fs.Bool("plan-only", false, "plan without dispatching (a server's dispatcher sends)")
	lease := fs.Duration("lease", 2*time.Minute, "how long a claimed action is held before another worker may take it")
	workers := fs.Int("workers", 4, "actions sent in parallel")
	lang := fs.String("lang", "fr", "language of the report: fr or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	settings, err := st.DunningSettings(ctx)
	if err != nil {
		return err
	}
	at, err := cycle.AsOf(*asOf, settings.RunHour, env.Now())
	if err != nil {
		return &usageError{err.Error()}
	}
	eng := &cycle.Engine{Store: st, Log: env.Log, Channels: cycle.DefaultChannels(env.Getenv), Lease: *lease, Workers: *workers, Now: env.Now}
	rep, err := eng.Run(ctx, *orgID, cycle.Options{AsOf: at, DryRun: *dryRun, PlanOnly: *planOnly})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return printRun(env, rep, *lang)
}

// printRun prints a run's report as a table.
func printRun(env *Env, rep *cycle.Report, lang string) error {
	fr := lang != "en"
	head := "Cycle du %s%s : %d envoyée(s), %d planifiée(s), %d à approuver, %d retenue(s), %d en échec\n"
	if !fr {
		head = "Cycle of %s%s: %d sent, %d planned, %d awaiting approval, %d held back, %d failed\n"
	}
	dry := ""
	if rep.DryRun {
		dry = map[bool]string{true: " (simulation)", false: " (dry run)"}[fr]
	}
	fmt.Fprintf(env.Stdout, head, rep.AsOf.In(civil.Paris).Format("2006-01-02 15:04"), dry, rep.Sent, rep.Planned, rep.Awaiting, rep.Skipped, rep.Failed)
	if len(rep.Actions) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEBTOR\tSTEP\tCHANNEL\tWHEN\tAMOUNT\tSTATUS\tREASON")
	for _, it := range rep.Actions {
		when := it.ScheduledFor
		if t, err := time.Parse(time.RFC3339, when); err == nil {
			when = t.In(civil.Paris).Format("2006-01-02 15:04")
		}
		reason := it.SkipReason
		if reason != "" {
			reason = dunning.ReasonLabel(reason, lang)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.DebtorRef, it.Step, it.Channel, when, it.AmountDue, it.Status, reason)
	}
	return tw.Flush()
}

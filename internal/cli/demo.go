package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/demo"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/store"
)

// The demo login. The demo is for trying recouvre on one's own machine;
// never load it on an instance reachable by others.
const (
	DemoEmail    = "demo@recouvre.test"
	DemoPassword = "recouvre-demo"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "demo", "demo [--debtors N] [--invoices M] [--seed S]")
	o := demo.Options{}
	fs.IntVar(&o.Debtors, "debtors", 300, "number of debtors")
	fs.IntVar(&o.Invoices, "invoices", 3000, "number of invoices")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed: the same seed gives the same portfolio")
	if err := parse(fs, args); err != nil {
		return err
	}
	if o.Debtors <= 0 || o.Invoices < 0 {
		return &usageError{"--debtors must be positive and --invoices not negative"}
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := loadDemo(ctx, env, st, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "demo loaded in %s: %d debtors, %d invoices, %d credit notes, %d payments, %d allocations, %d events\n",
		stats.Elapsed.Round(time.Millisecond), stats.Debtors, stats.Invoices, stats.CreditNotes, stats.Payments, stats.Allocations, stats.Events)
	printLogin(env)
	return nil
}

func printLogin(env *Env) {
	fmt.Fprintf(env.Stdout, "demo login: %s / %s\n", DemoEmail, DemoPassword)
}

// loadDemo creates the demo firm, its admin and its portfolio. The admin
// user is reused when it exists (a second demo organization joins it).
func loadDemo(ctx context.Context, env *Env, st store.Store, o demo.Options) (demo.Stats, error) {
	start := time.Now()
	ctx = store.WithActor(ctx, store.Actor{Name: "demo"})
	org := &ledger.Organization{Name: "Menuiserie Lefèvre & Fils", Kind: ledger.OrgCreditor}
	if err := st.CreateOrganization(ctx, org); err != nil {
		return demo.Stats{}, err
	}
	octx := store.WithOrg(ctx, org.ID)
	cred := &ledger.Creditor{Name: "Menuiserie Lefèvre & Fils SAS", SIREN: "732829320", VATNumber: "FR44732829320",
		IBAN:    "FR7630006000011234567890189",
		Address: ledger.Address{Line1: "14 avenue des Artisans", PostalCode: "69007", City: "Lyon", Country: "FR"}}
	if err := st.CreateCreditor(octx, cred); err != nil {
		return demo.Stats{}, err
	}
	if err := demoAdmin(ctx, st, org.ID); err != nil {
		return demo.Stats{}, err
	}
	o.Today = civil.Today(env.Now(), civil.Paris)
	o.CreditorID = cred.ID
	o.Currency = "EUR"
	var stats demo.Stats
	err := st.Bulk(octx, func(w store.BulkWriter) error {
		var err error
		stats, err = demo.Generate(w, o)
		return err
	})
	if err == nil {
		err = demoLegal(octx, st, o.Today)
	}
	if err == nil {
		err = demoBank(octx, st, o.Today, env.Now)
	}
	stats.Elapsed = time.Since(start)
	return stats, err
}

// demoLegal gives the demo firm its letter settings, sends the consumer
// who owes the most overdue a formal notice ten days ago (from which his
// interest runs), and puts one business debtor with something overdue in
// judicial recovery, so that the legal screens have something true to show.
func demoLegal(ctx context.Context, st store.Store, today civil.Date) error {
	err := st.SaveLegalSettings(ctx, ledger.LegalSettings{NoticeDays: 8, Place: "Lyon", Signatory: "Camille Demo", SignatoryRole: "Responsable du recouvrement"})
	if err != nil {
		return err
	}
	consumers, err := st.ListDebtors(ctx, store.DebtorQuery{Kind: ledger.KindConsumer, Sort: store.SortOverdue, Desc: true, Limit: 1}, today)
	if err != nil {
		return err
	}
	if len(consumers.Rows) == 1 && consumers.Rows[0].Balance.DaysLate > 10 {
		if _, err := legal.IssueNotice(ctx, st, consumers.Rows[0].Debtor.ID, today.AddDays(-10), "fr"); err != nil && ledger.ErrorCode(err) != ledger.EConflict {
			return err
		}
	}
	page, err := st.ListDebtors(ctx, store.DebtorQuery{Kind: ledger.KindBusiness, Sort: store.SortOverdue, Desc: true, Limit: 5}, today)
	if err != nil || len(page.Rows) < 5 || page.Rows[4].Balance.Overdue.Minor == 0 {
		return err
	}
	judgment := today.AddDays(-20)
	return st.RecordInsolvency(ctx, &ledger.Insolvency{DebtorID: page.Rows[4].Debtor.ID, Kind: ledger.InsolvencyRecovery,
		JudgmentDate: judgment, PublicationDate: judgment.AddDays(12), Court: "Tribunal des activités économiques de Lyon",
		Mandataire: "Maître Hélène Roux", MandataireAddr: ledger.Address{Line1: "12 quai de la Pêcherie", PostalCode: "69001", City: "Lyon", Country: "FR"}})
}

func demoAdmin(ctx context.Context, st store.Store, orgID int64) error {
	u, err := st.UserByEmail(ctx, DemoEmail)
	if ledger.IsNotFound(err) {
		hash, herr := auth.HashPassword(DemoPassword, auth.DefaultParams)
		if herr != nil {
			return herr
		}
		u = &ledger.User{Email: DemoEmail, Name: "Camille Demo", PasswordHash: hash, Lang: "fr"}
		err = st.CreateUser(ctx, u)
	}
	if err != nil {
		return err
	}
	return st.AddMembership(ctx, ledger.Membership{OrgID: orgID, UserID: u.ID, Role: "admin"})
}

package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/courtfile"
	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// orgScope opens the store and scopes ctx to the organization --org names.
func orgScope(ctx context.Context, env *Env, orgID int64) (context.Context, *sqldb.DB, error) {
	if orgID <= 0 {
		return nil, nil, &usageError{"--org is required"}
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return nil, nil, err
	}
	if _, err := st.GetOrganization(ctx, orgID); err != nil {
		st.Close()
		return nil, nil, err
	}
	ctx = store.WithActor(store.WithOrg(ctx, orgID), store.Actor{Name: "cli"})
	return ctx, st, nil
}

// openDebtor opens the store scoped to the organization and finds the
// debtor of customer code ref in it; the caller closes the store.
func openDebtor(ctx context.Context, env *Env, orgID int64, ref string) (context.Context, *sqldb.DB, *ledger.Debtor, error) {
	ctx, st, err := orgScope(ctx, env, orgID)
	if err != nil {
		return nil, nil, nil, err
	}
	d, err := debtorByRef(ctx, st, ref, civil.Today(env.Now(), civil.Paris))
	if err != nil {
		st.Close()
		return nil, nil, nil, err
	}
	return ctx, st, d, nil
}

// debtorByRef finds a debtor by its exact customer code.
func debtorByRef(ctx context.Context, st store.Store, ref string, today civil.Date) (*ledger.Debtor, error) {
	page, err := st.ListDebtors(ctx, store.DebtorQuery{Search: ref, Limit: 500, Sort: store.SortRef}, today)
	if err != nil {
		return nil, err
	}
	for _, r := range page.Rows {
		if r.Debtor.Ref == ref {
			return st.GetDebtor(ctx, r.Debtor.ID)
		}
	}
	return nil, ledger.Errorf(ledger.ENotFound, "no debtor with the code %q", ref)
}

func legalPosition(ctx context.Context, env *Env, args []string) error {
	const syn = "legal position --org ID --debtor REF [--date YYYY-MM-DD] [--json]"
	fs := flags(env, "legal position", syn)
	orgID := fs.Int64("org", 0, "organization (required)")
	ref := fs.String("debtor", "", "the debtor's customer code (required)")
	date := fs.String("date", "", "as of this day (default today)")
	asJSON := fs.Bool("json", false, "print the position as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	asOf := civil.Today(env.Now(), civil.Paris)
	if *date != "" {
		d, err := civil.Parse(*date)
		if err != nil {
			return &usageError{"--date: want YYYY-MM-DD"}
		}
		asOf = d
	}
	ctx, st, d, err := openDebtor(ctx, env, *orgID, *ref)
	if err != nil {
		return err
	}
	defer st.Close()
	pos, err := legal.Position(ctx, st, d.ID, asOf)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(pos.ToJSON("en"))
	}
	fmt.Fprintf(env.Stdout, "%s (%s), as of %s\n", d.Name, d.Ref, asOf)
	if pos.Stopped() {
		fmt.Fprintf(env.Stdout, "COLLECTIVE PROCEEDINGS (%s) since %s: collection stopped\n", pos.Insolvency.Kind, pos.Insolvency.JudgmentDate)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "invoice\tdue\topen\tinterest\tindemnity\ttime-barred after\tterms")
	for _, li := range pos.Invoices {
		interest, indemnity := "", ""
		if li.HasStatement {
			interest, indemnity = money.Decimal(li.Statement.Interest), money.Decimal(li.Statement.Indemnity)
		}
		barred := li.Limitation.Expires.String()
		if li.Limitation.Expired(asOf) {
			barred += " (EXPIRED)"
		}
		terms := ""
		if li.Terms.Over {
			terms = "over the legal term"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", li.Number, li.DueDate, money.Decimal(li.Open()), interest, indemnity, barred, terms)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nopen invoices past due: principal %s, interest %s, indemnities %s, total %s %s\n",
		money.Decimal(pos.Principal), money.Decimal(pos.Interest), money.Decimal(pos.Indemnity), money.Decimal(pos.Total), pos.Total.Currency)
	return nil
}

func legalSettings(ctx context.Context, env *Env, args []string) error {
	const syn = "legal settings --org ID [--contract-rate PCT|none] [--year365=true|false] [--principal-first=true|false] [--creditor-consumer=true|false] [--notice-days N] [--default-term DAYS] [--place P] [--signatory S] [--signatory-role R] [--json]"
	fs := flags(env, "legal settings", syn)
	orgID := fs.Int64("org", 0, "organization (required)")
	rate := fs.String("contract-rate", "", `the rate of the creditor's terms in percent, or "none" for the statutory rate`)
	year365 := fs.String("year365", "", "true or false: divide by 365 in leap years too")
	principalFirst := fs.String("principal-first", "", "true or false: apply payments to the principal first")
	creditorConsumer := fs.String("creditor-consumer", "", "true or false: the creditor is a private individual")
	noticeDays := fs.Int("notice-days", 0, "the formal notice's deadline in days (1 to 90)")
	defaultTerm := fs.Int("default-term", 0, "payment term in days for imported documents without a due date (1 to 120)")
	place := fs.String("place", "\x00", "where letters are signed")
	signatory := fs.String("signatory", "\x00", "who signs the letters")
	role := fs.String("signatory-role", "\x00", "the signatory's title")
	asJSON := fs.Bool("json", false, "print the settings as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, st, err := orgScope(ctx, env, *orgID)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.LegalSettings(ctx)
	if err != nil {
		return err
	}
	changed := false
	boolFlag := func(name, v string, dst *bool) error {
		switch v {
		case "":
			return nil
		case "true":
			*dst = true
		case "false":
			*dst = false
		default:
			return &usageError{fmt.Sprintf("--%s: want true or false, not %q", name, v)}
		}
		changed = true
		return nil
	}
	for _, b := range []struct {
		name, v string
		dst     *bool
	}{{"year365", *year365, &s.Year365}, {"principal-first", *principalFirst, &s.PrincipalFirst}, {"creditor-consumer", *creditorConsumer, &s.CreditorIsConsumer}} {
		if err := boolFlag(b.name, b.v, b.dst); err != nil {
			return err
		}
	}
	switch *rate {
	case "":
	case "none":
		s.HasContractRate, s.ContractRateBP, changed = false, 0, true
	default:
		bp, err := legalfr.ParseBP(*rate)
		if err != nil {
			return &usageError{"--contract-rate: " + err.Error()}
		}
		s.HasContractRate, s.ContractRateBP, changed = true, int64(bp), true
	}
	if *noticeDays != 0 {
		s.NoticeDays, changed = *noticeDays, true
	}
	if *defaultTerm != 0 {
		s.DefaultTermDays, changed = *defaultTerm, true
	}
	for _, t := range []struct {
		v   string
		dst *string
	}{{*place, &s.Place}, {*signatory, &s.Signatory}, {*role, &s.SignatoryRole}} {
		if t.v != "\x00" {
			*t.dst, changed = strings.TrimSpace(t.v), true
		}
	}
	if changed {
		if err := st.SaveLegalSettings(ctx, s); err != nil {
			return err
		}
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(legal.SettingsToJSON(s))
	}
	out := legal.SettingsToJSON(s)
	rateText := "statutory"
	if out.ContractRate != nil {
		rateText = *out.ContractRate + " %"
	}
	fmt.Fprintf(env.Stdout, "contract rate: %s\nyear365: %v\nprincipal first: %v\ncreditor a private individual: %v\nnotice deadline: %d days\ndefault payment term: %d days\nplace: %s\nsignatory: %s, %s\n",
		rateText, s.Year365, s.PrincipalFirst, s.CreditorIsConsumer, s.Deadline(), out.DefaultTermDays, s.Place, s.Signatory, s.SignatoryRole)
	return nil
}

func legalInsolvency(ctx context.Context, env *Env, args []string) error {
	const syn = "legal insolvency --org ID --debtor REF --kind sauvegarde|redressement|liquidation --judgment YYYY-MM-DD [--court C] [--mandataire M] [--publication YYYY-MM-DD]"
	fs := flags(env, "legal insolvency", syn)
	orgID := fs.Int64("org", 0, "organization (required)")
	ref := fs.String("debtor", "", "the debtor's customer code (required)")
	kind := fs.String("kind", "", "sauvegarde, redressement or liquidation (required)")
	judgment := fs.String("judgment", "", "date of the opening judgment, YYYY-MM-DD (required)")
	court := fs.String("court", "", "the court")
	mandataire := fs.String("mandataire", "", "the mandataire judiciaire")
	publication := fs.String("publication", "", "date of the BODACC publication, YYYY-MM-DD")
	if err := parse(fs, args); err != nil {
		return err
	}
	in := &ledger.Insolvency{Kind: ledger.InsolvencyKind(*kind), Court: *court, Mandataire: *mandataire}
	var err error
	if in.JudgmentDate, err = civil.Parse(*judgment); err != nil {
		return &usageError{"--judgment: want YYYY-MM-DD"}
	}
	if *publication != "" {
		if in.PublicationDate, err = civil.Parse(*publication); err != nil {
			return &usageError{"--publication: want YYYY-MM-DD"}
		}
	}
	ctx, st, d, err := openDebtor(ctx, env, *orgID, *ref)
	if err != nil {
		return err
	}
	defer st.Close()
	in.DebtorID = d.ID
	if err := st.RecordInsolvency(ctx, in); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s (%s): %s since %s recorded; collection stopped\n", d.Name, d.Ref, in.Kind, in.JudgmentDate)
	return nil
}

func legalHolidays(env *Env, args []string) error {
	const syn = "legal holidays [--year YYYY] [--region alsace-moselle|guadeloupe|martinique|guyane|reunion|mayotte|saint-martin|saint-barthelemy] [--postal-code CP] [--json]"
	fs := flags(env, "legal holidays", syn)
	year := fs.Int("year", civil.Today(env.Now(), civil.Paris).Year, "the year")
	region := fs.String("region", "", "a region with holidays of its own (default: metropolitan France)")
	postal := fs.String("postal-code", "", "find the region from a postal code")
	asJSON := fs.Bool("json", false, `print [{"date":…,"name":…}]`)
	if err := parse(fs, args); err != nil {
		return err
	}
	r := legalfr.Region(*region)
	if *postal != "" {
		r = legalfr.RegionOfPostalCode(*postal)
	}
	if !r.Valid() {
		return &usageError{fmt.Sprintf("--region %q is not a known region", *region)}
	}
	hs := legalfr.Holidays(*year, r)
	if *asJSON {
		type holiday struct {
			Date string `json:"date"`
			Name string `json:"name"`
		}
		out := make([]holiday, 0, len(hs))
		for _, h := range hs {
			out = append(out, holiday{h.Date.String(), h.Name})
		}
		return json.NewEncoder(env.Stdout).Encode(out)
	}
	for _, h := range hs {
		fmt.Fprintf(env.Stdout, "%s  %s\n", h.Date, h.Name)
	}
	return nil
}

// documentFlags are the flags every document command takes.
type documentFlags struct {
	org        *int64
	ref, out   *string
	date, lang *string
}

func newDocumentFlags(fs *flag.FlagSet) documentFlags {
	return documentFlags{
		org:  fs.Int64("org", 0, "organization (required)"),
		ref:  fs.String("debtor", "", "the debtor's customer code (required)"),
		out:  fs.String("o", "", "the file to write (required)"),
		date: fs.String("date", "", "the document's date, YYYY-MM-DD (default today)"),
		lang: fs.String("lang", "fr", "the document's language, fr or en"),
	}
}

// open checks the flags, scopes the store and finds the debtor.
func (f documentFlags) open(ctx context.Context, env *Env) (context.Context, *sqldb.DB, *ledger.Debtor, civil.Date, error) {
	if *f.out == "" {
		return nil, nil, nil, civil.Date{}, &usageError{"-o FILE is required"}
	}
	if *f.lang != "fr" && *f.lang != "en" {
		return nil, nil, nil, civil.Date{}, &usageError{"--lang: fr or en"}
	}
	date := civil.Today(env.Now(), civil.Paris)
	if *f.date != "" {
		d, err := civil.Parse(*f.date)
		if err != nil {
			return nil, nil, nil, date, &usageError{"--date: want YYYY-MM-DD"}
		}
		date = d
	}
	ctx, st, d, err := openDebtor(ctx, env, *f.org, *f.ref)
	return ctx, st, d, date, err
}

func (f documentFlags) write(env *Env, what string, b []byte) error {
	if err := os.WriteFile(*f.out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s written to %s (%d bytes)\n", what, *f.out, len(b))
	return nil
}

func legalNotice(ctx context.Context, env *Env, args []string) error {
	const syn = "legal notice --org ID --debtor REF -o FILE [--issue] [--date YYYY-MM-DD] [--lang fr|en]"
	fs := flags(env, "legal notice", syn)
	f := newDocumentFlags(fs)
	issue := fs.Bool("issue", false, "issue the notice: keep the letter and journal it (without it, a draft)")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, st, d, date, err := f.open(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if *issue {
		n, err := legal.IssueNotice(ctx, st, d.ID, date, *f.lang)
		if err != nil {
			return err
		}
		return f.write(env, fmt.Sprintf("formal notice %s issued (deadline %s, %s %s)", n.Reference, n.Deadline, money.Decimal(n.Total), n.Total.Currency), n.PDF)
	}
	n, _, err := legal.Notice(ctx, st, d.ID, date, *f.lang)
	if err != nil {
		return err
	}
	pdf, err := document.RenderFormalNotice(n)
	if err != nil {
		return err
	}
	return f.write(env, "draft formal notice "+n.Reference, pdf)
}

// renderer renders one of a debtor's documents on a date.
type renderer func(ctx context.Context, st store.Store, debtorID int64, date civil.Date, lang string) ([]byte, error)

// documentCommand is a command that writes one rendered document.
func documentCommand(name, what string, render renderer) func(context.Context, *Env, []string) error {
	return func(ctx context.Context, env *Env, args []string) error {
		fs := flags(env, "legal "+name, "legal "+name+" --org ID --debtor REF -o FILE [--date YYYY-MM-DD] [--lang fr|en]")
		f := newDocumentFlags(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		ctx, st, d, date, err := f.open(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		b, err := render(ctx, st, d.ID, date, *f.lang)
		if err != nil {
			return err
		}
		return f.write(env, what, b)
	}
}

var (
	legalStatement   = documentCommand("statement", "statement of account", legal.StatementOfAccount)
	legalDeclaration = documentCommand("declaration", "declaration of claim", legal.Declaration)
)

func legalCourtFile(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "legal court-file", "legal court-file --org ID --debtor REF -o FILE [--procedure injonction_de_payer|creances_commerciales_incontestees|petites_creances] [--date YYYY-MM-DD]")
	f := newDocumentFlags(fs)
	proc := fs.String("procedure", string(courtfile.InjonctionDePayer), "the procedure")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !courtfile.Procedure(*proc).Valid() {
		return &usageError{fmt.Sprintf("--procedure %q: want injonction_de_payer, creances_commerciales_incontestees or petites_creances", *proc)}
	}
	ctx, st, d, date, err := f.open(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := legal.CourtFile(ctx, st, d.ID, date, courtfile.Procedure(*proc))
	if err != nil {
		return err
	}
	return f.write(env, "court file ("+*proc+")", b)
}

func legalCost(ctx context.Context, env *Env, args []string) error {
	const syn = "legal cost --org ID --debtor REF --invoice NUMBER --amount AMOUNT --date YYYY-MM-DD --description TEXT --proof FILE"
	fs := flags(env, "legal cost", syn)
	orgID := fs.Int64("org", 0, "organization (required)")
	ref := fs.String("debtor", "", "the debtor's customer code (required)")
	number := fs.String("invoice", "", "the invoice's number (required)")
	amount := fs.String("amount", "", "the cost, e.g. 150.00 (required)")
	date := fs.String("date", "", "the day the cost was incurred, YYYY-MM-DD (required)")
	description := fs.String("description", "", "what the cost is (required)")
	proof := fs.String("proof", "", "the file that proves it (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	on, err := civil.Parse(*date)
	if err != nil {
		return &usageError{"--date: want YYYY-MM-DD"}
	}
	content, err := os.ReadFile(*proof)
	if err != nil {
		return &usageError{"--proof: " + err.Error()}
	}
	ctx, st, d, err := openDebtor(ctx, env, *orgID, *ref)
	if err != nil {
		return err
	}
	defer st.Close()
	page, err := st.ListInvoices(ctx, store.InvoiceQuery{DebtorID: d.ID, Limit: -1, Kind: ledger.DocInvoice})
	if err != nil {
		return err
	}
	var inv *ledger.Invoice
	for i := range page.Invoices {
		if page.Invoices[i].Number == *number {
			inv = &page.Invoices[i]
		}
	}
	if inv == nil {
		return ledger.Errorf(ledger.ENotFound, "debtor %s has no invoice %q", *ref, *number)
	}
	a, err := money.Parse(*amount, inv.Amount.Currency)
	if err != nil {
		return &usageError{"--amount: " + err.Error()}
	}
	c := &ledger.RecoveryCost{InvoiceID: inv.ID, Amount: a, IncurredOn: on, Description: *description,
		ProofName: filepath.Base(*proof), Proof: content}
	if err := st.AddRecoveryCost(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "recovery cost %d recorded on %s: %s %s\n", c.ID, inv.Number, money.Decimal(a), a.Currency)
	return nil
}

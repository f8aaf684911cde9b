package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// sub checks that args start with the subcommand want. Asked for help
// instead ("org --help"), it prints the synopsis and answers flag.ErrHelp,
// which Run turns into exit status 0 like any command's --help.
func sub(env *Env, args []string, want string, synopsis string) ([]string, error) {
	if len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h") {
		fmt.Fprintf(env.Stderr, "Usage: recouvre %s\n\nRun 'recouvre %s --help' for its options.\n", synopsis,
			strings.Join(strings.Fields(synopsis)[:2], " "))
		return nil, flag.ErrHelp
	}
	if len(args) == 0 || args[0] != want {
		return nil, &usageError{"usage: recouvre " + synopsis}
	}
	return args[1:], nil
}

func runOrg(ctx context.Context, env *Env, args []string) error {
	const syn = "org create --name NAME [--kind creditor|agency] [--json]"
	rest, err := sub(env, args, "create", syn)
	if err != nil {
		return err
	}
	fs := flags(env, "org create", syn)
	name := fs.String("name", "", "the organization's name (required)")
	kind := fs.String("kind", "creditor", "creditor (a firm collecting its own receivables) or agency")
	asJSON := fs.Bool("json", false, `print {"id": …}`)
	if err := parse(fs, rest); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return &usageError{"--name is required"}
	}
	if k := ledger.OrgKind(*kind); k != ledger.OrgCreditor && k != ledger.OrgAgency {
		return &usageError{fmt.Sprintf("--kind must be creditor or agency, not %q", *kind)}
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	o := &ledger.Organization{Name: *name, Kind: ledger.OrgKind(*kind)}
	ctx = store.WithActor(ctx, store.Actor{Name: "cli"})
	if err := st.CreateOrganization(ctx, o); err != nil {
		return err
	}
	// A firm is its own creditor; an agency adds its mandants later.
	if o.Kind == ledger.OrgCreditor {
		if err := st.CreateCreditor(store.WithOrg(ctx, o.ID), &ledger.Creditor{Name: o.Name}); err != nil {
			return err
		}
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(map[string]int64{"id": o.ID})
	}
	fmt.Fprintf(env.Stdout, "organization %d created: %s\n", o.ID, o.Name)
	return nil
}

func runUser(ctx context.Context, env *Env, args []string) error {
	const syn = "user add --org ID --email EMAIL --role admin|manager|agent|viewer [--name NAME]  (password on stdin)"
	rest, err := sub(env, args, "add", syn)
	if err != nil {
		return err
	}
	fs := flags(env, "user add", syn)
	orgID := fs.Int64("org", 0, "organization id (required)")
	email := fs.String("email", "", "login e-mail (required)")
	role := fs.String("role", "agent", "admin, manager, agent or viewer")
	name := fs.String("name", "", "display name")
	lang := fs.String("lang", "fr", "interface language: fr or en")
	if err := parse(fs, rest); err != nil {
		return err
	}
	if *orgID == 0 || *email == "" {
		return &usageError{"--org and --email are required"}
	}
	if _, err := auth.ParseRole(*role); err != nil {
		return &usageError{err.Error()}
	}
	pw, err := readPassword(env)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw, auth.DefaultParams)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.GetOrganization(ctx, *orgID); err != nil {
		return err
	}
	ctx = store.WithActor(ctx, store.Actor{Name: "cli"})
	u, err := st.UserByEmail(ctx, *email)
	if ledger.IsNotFound(err) {
		u = &ledger.User{Email: *email, Name: *name, PasswordHash: hash, Lang: *lang}
		err = st.CreateUser(ctx, u)
	} else if err == nil {
		return ledger.Errorf(ledger.EConflict, "user %s already exists", *email)
	}
	if err != nil {
		return err
	}
	if err := st.AddMembership(ctx, ledger.Membership{OrgID: *orgID, UserID: u.ID, Role: *role}); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "user %d added to organization %d as %s: %s\n", u.ID, *orgID, *role, u.Email)
	return nil
}

// readPassword reads the first line of stdin and checks its strength.
func readPassword(env *Env) (string, error) {
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		if err != nil {
			return "", fmt.Errorf("read password from stdin: %w", err)
		}
		return "", &usageError{"the password is read from stdin and must not be empty"}
	}
	if err := auth.ValidatePassword(pw); err != nil {
		return "", &usageError{"password too short (10 characters at least)"}
	}
	return pw, nil
}

func runToken(ctx context.Context, env *Env, args []string) error {
	const syn = "token create --email EMAIL [--org ID] [--name NAME]"
	rest, err := sub(env, args, "create", syn)
	if err != nil {
		return err
	}
	fs := flags(env, "token create", syn)
	email := fs.String("email", "", "the user the token acts as (required)")
	orgID := fs.Int64("org", 0, "organization (default: the user's first)")
	name := fs.String("name", "cli", "a label for the token")
	if err := parse(fs, rest); err != nil {
		return err
	}
	if *email == "" {
		return &usageError{"--email is required"}
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	ms, err := st.Memberships(ctx, u.ID)
	if err != nil {
		return err
	}
	org := int64(0)
	for _, m := range ms {
		if *orgID == 0 || m.OrgID == *orgID {
			org = m.OrgID
			break
		}
	}
	if org == 0 {
		return ledger.Errorf(ledger.ENotFound, "user %s has no membership in that organization", *email)
	}
	plain, hash := auth.NewToken(auth.APITokenPrefix)
	ctx = store.WithActor(ctx, store.Actor{UserID: u.ID, Name: "cli"})
	if err := st.CreateAPIToken(ctx, &store.APIToken{OrgID: org, UserID: u.ID, Name: *name, TokenHash: hash}); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, plain)
	return nil
}

func runJournal(ctx context.Context, env *Env, args []string) error {
	const syn = "journal verify"
	rest, err := sub(env, args, "verify", syn)
	if err != nil {
		return err
	}
	if err := parse(flags(env, "journal verify", syn), rest); err != nil {
		return err
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.VerifyJournal(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "journal intact: %d events in %d organizations\n", rep.Events, rep.Orgs)
	return nil
}

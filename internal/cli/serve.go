package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/demo"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/server"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := flags(env, "serve", "serve [--addr HOST:PORT] [--demo]")
	def := env.Getenv("RECOUVRE_ADDR")
	if def == "" {
		def = "127.0.0.1:8080"
	}
	addr := fs.String("addr", def, "address to listen on (env RECOUVRE_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo portfolio first when the database has none")
	noCycle := fs.Bool("no-cycle", env.Getenv("RECOUVRE_NO_CYCLE") == "1", "do not run the daily dunning cycle in this process (another one does)")
	secure := fs.Bool("secure-cookies", env.Getenv("RECOUVRE_SECURE_COOKIES") == "1", "mark cookies Secure (behind HTTPS)")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if *withDemo {
		if _, err := st.UserByEmail(ctx, DemoEmail); ledger.IsNotFound(err) {
			stats, err := loadDemo(ctx, env, st, demo.Options{Debtors: 300, Invoices: 3000, Seed: 1})
			if err != nil {
				return fmt.Errorf("load demo: %w", err)
			}
			env.Log.Info("demo loaded", "debtors", stats.Debtors, "invoices", stats.Invoices, "took", stats.Elapsed)
		} else if err != nil {
			return err
		}
	}
	eng := &cycle.Engine{Store: st, Log: env.Log, Channels: cycle.DefaultChannels(env.Getenv), Now: env.Now}
	h, err := server.Handler(server.Config{Store: st, Now: env.Now, Logger: env.Log, SecureCookies: *secure, Cycle: eng})
	if err != nil {
		return err
	}
	go refreshDaily(ctx, st, env)
	if !*noCycle {
		// The daily dunning cycle of each organization at its run hour,
		// and every minute the dispatch of what has come due.
		go eng.Schedule(ctx, time.Minute)
	}
	return server.Serve(ctx, *addr, h, env.Log, func(a net.Addr) {
		fmt.Fprintf(env.Stdout, "recouvre %s listening on http://%s (database: %s, %s)\n", Version, a, env.DB, st.Dialect())
		if *withDemo {
			printLogin(env)
		}
	})
}

package cli

import (
	"context"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/store"
)

// refreshDaily keeps the portfolio's summaries current: at start, then a
// minute after each midnight in Paris, it refreshes the organizations
// whose summaries were computed for another day. Without it the first
// reader of the day pays for the refresh (seconds on a million invoices).
func refreshDaily(ctx context.Context, st store.Store, env *Env) {
	for {
		start := time.Now()
		n, err := st.RefreshStaleSummaries(ctx, civil.Today(env.Now(), civil.Paris))
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			env.Log.Error("refresh summaries", "err", err)
		case n > 0:
			env.Log.Info("summaries refreshed", "organizations", n, "took", time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(untilNextDay(env.Now())):
		}
	}
}

// untilNextDay is the wait from now to one minute past the next midnight
// in Paris, whatever the length of the day (23 or 25 hours at a change of
// time).
func untilNextDay(now time.Time) time.Duration {
	next := civil.Today(now, civil.Paris).AddDays(1).Time(civil.Paris).Add(time.Minute)
	return next.Sub(now)
}

package cycle

import (
	"context"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/store"
)

// Schedule runs, until ctx ends, each organization's cycle once a day at
// its run hour (when it runs by itself) and, every tick, dispatches what
// has come due since: the actions planned for later in the day, the ones
// approved, the retries. Several processes may run it on one PostgreSQL:
// the outbox's leases keep each action to one of them.
func (e *Engine) Schedule(ctx context.Context, tick time.Duration) {
	if tick <= 0 {
		tick = time.Minute
	}
	ran := map[int64]civil.Date{}
	for {
		e.scheduleOnce(ctx, ran)
		select {
		case <-ctx.Done():
			return
		case <-time.After(tick):
		}
	}
}

// scheduleOnce is one tick of Schedule; ran remembers the day each
// organization last ran.
func (e *Engine) scheduleOnce(ctx context.Context, ran map[int64]civil.Date) {
	orgs, err := e.Store.OrganizationIDs(ctx)
	if err != nil {
		e.log().Error("scheduler: organizations", "err", err)
		return
	}
	now := e.now()
	today := civil.Today(now, civil.Paris)
	for _, id := range orgs {
		if ctx.Err() != nil {
			return
		}
		octx := store.WithActor(store.WithOrg(ctx, id), store.Actor{Name: "system"})
		s, err := e.Store.DunningSettings(octx)
		if err != nil {
			e.log().Error("scheduler: settings", "org", id, "err", err)
			continue
		}
		if !s.AutoRun {
			continue
		}
		if ran[id] != today && now.In(civil.Paris).Hour() >= s.RunHour {
			if _, err := e.Run(octx, id, Options{AsOf: now}); err != nil {
				e.log().Error("scheduler: run", "org", id, "err", err)
				continue
			}
			ran[id] = today
			continue
		}
		if _, err := e.Dispatch(octx, id, now); err != nil {
			e.log().Error("scheduler: dispatch", "org", id, "err", err)
		}
	}
}

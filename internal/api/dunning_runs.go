package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// runIn is the body of POST /api/v1/runs.
type runIn struct {
	// AsOf is the cycle's clock: a date (that day at the organization's
	// run hour in Paris) or an RFC 3339 instant; now when empty.
	AsOf     string `json:"as_of"`
	DryRun   bool   `json:"dry_run"`
	PlanOnly bool   `json:"plan_only"`
}

// decodeOptionalBody is decodeBody for a body that may be empty.
func decodeOptionalBody(r *http.Request, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
	if err != nil {
		return ledger.FieldError("body", "unreadable body: %v", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return decodeBody(r, v)
}

// orgOf is the organization the request is scoped to.
func orgOf(r *http.Request) (int64, error) {
	id, ok := store.OrgFrom(r.Context())
	if !ok {
		return 0, errors.New("no organization in the request context")
	}
	return id, nil
}

// createRun serves POST /api/v1/runs: the daily cycle of the
// organization, now or as of a date; its answer is what
// `recouvre run --json` prints. A dry run writes and sends nothing;
// plan_only plans without dispatching.
func (a *API) createRun(w http.ResponseWriter, r *http.Request) error {
	var in runIn
	if err := decodeOptionalBody(r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	orgID, err := orgOf(r)
	if err != nil {
		return err
	}
	s, err := a.store.DunningSettings(ctx)
	if err != nil {
		return fmt.Errorf("dunning settings: %w", err)
	}
	at, err := cycle.AsOf(strings.TrimSpace(in.AsOf), s.RunHour, a.now())
	if err != nil {
		return invalid("as_of", fmt.Sprintf("want a date YYYY-MM-DD or an RFC 3339 instant, got %q", in.AsOf))
	}
	rep, err := a.cycle.Run(ctx, orgID, cycle.Options{AsOf: at, DryRun: in.DryRun, PlanOnly: in.PlanOnly})
	if err != nil {
		return fmt.Errorf("dunning run: %w", err)
	}
	if rep.Actions == nil {
		rep.Actions = []cycle.Item{}
	}
	return writeJSON(w, http.StatusOK, rep)
}

// todayPlan is the day's plan as a person reads it.
type todayPlan struct {
	Day      string          `json:"day"`
	Now      time.Time       `json:"now"`
	Actions  []dunningAction `json:"actions"`
	Upcoming []cycle.Item    `json:"upcoming"`
	Held     []cycle.Item    `json:"held"`
}

// getTodayPlan serves GET /api/v1/plan/today: the actions scheduled or
// sent today, what a run now would add, and the debtors held back with
// the reason.
func (a *API) getTodayPlan(w http.ResponseWriter, r *http.Request) error {
	tp, err := a.cycle.Today(r.Context(), a.now())
	if err != nil {
		return fmt.Errorf("today's plan: %w", err)
	}
	out := todayPlan{Day: tp.Day.String(), Now: tp.Now.UTC(), Actions: make([]dunningAction, 0, len(tp.Actions)),
		Upcoming: tp.Upcoming, Held: tp.Held}
	for _, v := range tp.Actions {
		out.Actions = append(out.Actions, toDunningAction(v))
	}
	if out.Upcoming == nil {
		out.Upcoming = []cycle.Item{}
	}
	if out.Held == nil {
		out.Held = []cycle.Item{}
	}
	return writeJSON(w, http.StatusOK, out)
}

// getLetters serves GET /api/v1/dunning/letters?day=: the print batch of
// the letters sent that day (today by default) — one PDF, or a ZIP of it
// and the formal notices to post registered; 404 when no letter went out.
func (a *API) getLetters(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	day := a.today()
	if s := q.Get("day"); s != "" {
		if day, err = civil.Parse(s); err != nil {
			return ledger.FieldError("day", "want YYYY-MM-DD, got %q", s)
		}
	}
	name, data, err := a.cycle.PrintBatch(r.Context(), day)
	if err != nil {
		return err
	}
	ct := "application/pdf"
	if strings.HasSuffix(name, ".zip") {
		ct = "application/zip"
	}
	return writeFile(w, ct, name, data)
}

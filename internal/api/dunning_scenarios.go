package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// step is one step of a scenario.
type step struct {
	Key           string  `json:"key"`
	Name          string  `json:"name"`
	OffsetDays    int     `json:"offset_days"`
	Channel       string  `json:"channel"`
	Template      string  `json:"template"`
	Stage         string  `json:"stage"`
	MinAmount     *amount `json:"min_amount"`
	OnlyIfNoReply bool    `json:"only_if_no_reply"`
	Approval      bool    `json:"approval"`
	AttachLetter  bool    `json:"attach_letter"`
	Registered    bool    `json:"registered"`
}

// scenario is a scenario (plan de relance) with the segments that pick
// it.
type scenario struct {
	Key       string     `json:"key"`
	Name      string     `json:"name"`
	Steps     []step     `json:"steps"`
	Segments  []string   `json:"segments"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// optAmount is an amount that may be absent: null rather than zero.
func optAmount(m money.Amount) *amount {
	if m.IsZero() {
		return nil
	}
	out := toAmount(m)
	if out.Currency == "" {
		out.Currency = "EUR"
	}
	return &out
}

func toScenario(s ledger.Scenario, segs []ledger.Segment) scenario {
	out := scenario{Key: s.Key, Name: s.Name, Steps: make([]step, 0, len(s.Steps)), Segments: []string{}}
	for _, st := range s.Steps {
		out.Steps = append(out.Steps, step{Key: st.Key, Name: st.Name, OffsetDays: st.OffsetDays, Channel: string(st.Channel),
			Template: st.Template, Stage: string(st.Stage), MinAmount: optAmount(st.MinAmount), OnlyIfNoReply: st.OnlyIfNoReply,
			Approval: st.Approval, AttachLetter: st.AttachLetter, Registered: st.Registered})
	}
	for _, sg := range segs {
		if sg.ScenarioKey == s.Key {
			out.Segments = append(out.Segments, sg.Name)
		}
	}
	if !s.UpdatedAt.IsZero() {
		t := s.UpdatedAt.UTC()
		out.UpdatedAt = &t
	}
	return out
}

// loadConfig reads the organization's dunning configuration, saving the
// shipped scenarios and segments the first time so that they can be
// edited.
func (a *API) loadConfig(ctx context.Context) (*cycle.Config, error) {
	cfg, err := cycle.LoadConfig(ctx, a.store)
	if err != nil {
		return nil, fmt.Errorf("dunning configuration: %w", err)
	}
	return cfg, nil
}

// listScenarios serves GET /api/v1/scenarios, by key.
func (a *API) listScenarios(w http.ResponseWriter, r *http.Request) error {
	cfg, err := a.loadConfig(r.Context())
	if err != nil {
		return err
	}
	out := list[scenario]{Data: make([]scenario, 0, len(cfg.Scenarios))}
	for _, s := range cfg.Scenarios {
		out.Data = append(out.Data, toScenario(s, cfg.Segments))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getScenario serves GET /api/v1/scenarios/{key}.
func (a *API) getScenario(w http.ResponseWriter, r *http.Request) error {
	return a.writeScenario(w, r, http.StatusOK, r.PathValue("key"))
}

// writeScenario answers the scenario of key.
func (a *API) writeScenario(w http.ResponseWriter, r *http.Request, status int, key string) error {
	cfg, err := a.loadConfig(r.Context())
	if err != nil {
		return err
	}
	for _, s := range cfg.Scenarios {
		if s.Key == key {
			if status == http.StatusCreated {
				w.Header().Set("Location", Prefix+"/scenarios/"+key)
			}
			return writeJSON(w, status, toScenario(s, cfg.Segments))
		}
	}
	return ledger.Errorf(ledger.ENotFound, "scenario not found")
}

// stepIn is a step as PUT /api/v1/scenarios/{key} takes it: the minimum
// amount as a decimal string in the scenario's currency.
type stepIn struct {
	Key           string `json:"key"`
	Name          string `json:"name"`
	OffsetDays    *int   `json:"offset_days"`
	Channel       string `json:"channel"`
	Template      string `json:"template"`
	Stage         string `json:"stage"`
	MinAmount     string `json:"min_amount"`
	OnlyIfNoReply bool   `json:"only_if_no_reply"`
	Approval      bool   `json:"approval"`
	AttachLetter  bool   `json:"attach_letter"`
	Registered    bool   `json:"registered"`
}

// scenarioIn is the body of PUT /api/v1/scenarios/{key}.
type scenarioIn struct {
	Name     string   `json:"name"`
	Currency string   `json:"currency"`
	Steps    []stepIn `json:"steps"`
}

// maxSteps bounds a scenario.
const maxSteps = 50

// scenario checks the body as dunning.Validate does and builds the
// scenario of key.
func (in scenarioIn) scenario(key string) (ledger.Scenario, error) {
	s := ledger.Scenario{Key: key, Name: strings.TrimSpace(in.Name)}
	if !validKey(key) {
		return s, invalid("key", fmt.Sprintf("a scenario's key is 1 to 50 lowercase letters, digits, '-' and '_', got %q", key))
	}
	cur, err := currencyOf("currency", in.Currency)
	if err != nil {
		return s, err
	}
	if len(in.Steps) > maxSteps {
		return s, invalid("steps", fmt.Sprintf("at most %d steps", maxSteps))
	}
	for i, st := range in.Steps {
		field := fmt.Sprintf("steps[%d]", i)
		if st.OffsetDays == nil {
			return s, invalid(field+".offset_days", "required: the day of the step counted from the due date")
		}
		out := ledger.Step{Key: strings.TrimSpace(st.Key), Name: strings.TrimSpace(st.Name), OffsetDays: *st.OffsetDays,
			Channel: ledger.Channel(st.Channel), Template: st.Template, Stage: ledger.Stage(st.Stage),
			OnlyIfNoReply: st.OnlyIfNoReply, Approval: st.Approval, AttachLetter: st.AttachLetter, Registered: st.Registered}
		if st.MinAmount != "" {
			m, err := money.Parse(st.MinAmount, cur)
			if err != nil {
				return s, invalid(field+".min_amount", err.Error())
			}
			out.MinAmount = m
		}
		s.Steps = append(s.Steps, out)
	}
	return s, refuse(dunning.Validate(s))
}

// validKey reports whether k is a key the store keeps: lowercase
// letters, digits, '-' and '_', at most 50 bytes.
func validKey(k string) bool {
	if k == "" || len(k) > 50 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// currencyOf reads an optional currency, EUR when empty.
func currencyOf(field, s string) (money.Currency, error) {
	if s == "" {
		return "EUR", nil
	}
	c := money.Currency(s)
	if !c.Valid() {
		return "", invalid(field, fmt.Sprintf("want an ISO 4217 code such as EUR, got %q", s))
	}
	return c, nil
}

// putScenario serves PUT /api/v1/scenarios/{key}: creates the scenario
// of that key (201) or replaces it (200).
func (a *API) putScenario(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	var in scenarioIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	s, err := in.scenario(key)
	if err != nil {
		return err
	}
	ctx := r.Context()
	cfg, err := a.loadConfig(ctx) // seeds the shipped ones first
	if err != nil {
		return err
	}
	status := http.StatusCreated
	for _, old := range cfg.Scenarios {
		if old.Key == key {
			status = http.StatusOK
		}
	}
	if err := a.store.SaveScenario(ctx, &s); err != nil {
		return refuse(err)
	}
	return a.writeScenario(w, r, status, key)
}

// deleteScenario serves DELETE /api/v1/scenarios/{key}: refused (409)
// while a segment picks it.
func (a *API) deleteScenario(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if _, err := a.loadConfig(ctx); err != nil {
		return err
	}
	if err := a.store.DeleteScenario(ctx, r.PathValue("key")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// segment is a rule over a debtor that picks a scenario; the first that
// matches, in position order, wins.
type segment struct {
	Position   int      `json:"position"`
	Name       string   `json:"name"`
	Kinds      []string `json:"kinds"`
	MinDue     *amount  `json:"min_due"`
	MaxDue     *amount  `json:"max_due"`
	MinAgeDays int      `json:"min_age_days"`
	MaxAgeDays int      `json:"max_age_days"`
	MinRisk    int      `json:"min_risk"`
	MaxRisk    int      `json:"max_risk"`
	Tags       []string `json:"tags"`
	Scenario   string   `json:"scenario"`
}

func toSegments(segs []ledger.Segment) list[segment] {
	out := list[segment]{Data: make([]segment, 0, len(segs))}
	for _, s := range segs {
		sg := segment{Position: s.Position, Name: s.Name, Kinds: []string{}, MinDue: optAmount(s.MinDue), MaxDue: optAmount(s.MaxDue),
			MinAgeDays: s.MinAgeDays, MaxAgeDays: s.MaxAgeDays, MinRisk: s.MinRisk, MaxRisk: s.MaxRisk, Tags: []string{}, Scenario: s.ScenarioKey}
		for _, k := range s.Kinds {
			sg.Kinds = append(sg.Kinds, string(k))
		}
		sg.Tags = append(sg.Tags, s.Tags...)
		out.Data = append(out.Data, sg)
	}
	return out
}

// listSegments serves GET /api/v1/segments, in position order.
func (a *API) listSegments(w http.ResponseWriter, r *http.Request) error {
	cfg, err := a.loadConfig(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toSegments(cfg.Segments))
}

// segmentIn is a segment as PUT /api/v1/segments takes it: the bounds of
// the amount due as decimal strings in the segment's currency.
type segmentIn struct {
	Name       string   `json:"name"`
	Kinds      []string `json:"kinds"`
	MinDue     string   `json:"min_due"`
	MaxDue     string   `json:"max_due"`
	Currency   string   `json:"currency"`
	MinAgeDays int      `json:"min_age_days"`
	MaxAgeDays int      `json:"max_age_days"`
	MinRisk    int      `json:"min_risk"`
	MaxRisk    int      `json:"max_risk"`
	Tags       []string `json:"tags"`
	Scenario   string   `json:"scenario"`
}

// segmentsIn is the body of PUT /api/v1/segments.
type segmentsIn struct {
	Segments []segmentIn `json:"segments"`
}

// maxSegments bounds the list.
const maxSegments = 100

func (in segmentsIn) segments() ([]ledger.Segment, error) {
	switch {
	case len(in.Segments) == 0:
		// The cycle would bring the shipped segments back.
		return nil, invalid("segments", "at least one segment: without any, no debtor would be reminded")
	case len(in.Segments) > maxSegments:
		return nil, invalid("segments", fmt.Sprintf("at most %d segments", maxSegments))
	}
	out := make([]ledger.Segment, 0, len(in.Segments))
	for i, sg := range in.Segments {
		field := fmt.Sprintf("segments[%d]", i)
		s := ledger.Segment{Position: i + 1, Name: strings.TrimSpace(sg.Name), MinAgeDays: sg.MinAgeDays, MaxAgeDays: sg.MaxAgeDays,
			MinRisk: sg.MinRisk, MaxRisk: sg.MaxRisk, ScenarioKey: strings.TrimSpace(sg.Scenario)}
		if s.Name == "" {
			return nil, invalid(field+".name", "a segment needs a name")
		}
		if s.ScenarioKey == "" {
			return nil, invalid(field+".scenario", "a segment names the key of a scenario")
		}
		for _, k := range sg.Kinds {
			if !ledger.DebtorKind(k).Valid() {
				return nil, invalid(field+".kinds", fmt.Sprintf("want consumer, business or public, got %q", k))
			}
			s.Kinds = append(s.Kinds, ledger.DebtorKind(k))
		}
		for _, t := range sg.Tags {
			if t = strings.TrimSpace(t); t != "" {
				s.Tags = append(s.Tags, t)
			}
		}
		cur, err := currencyOf(field+".currency", sg.Currency)
		if err != nil {
			return nil, err
		}
		for _, b := range []struct {
			name string
			src  string
			dst  *money.Amount
		}{{"min_due", sg.MinDue, &s.MinDue}, {"max_due", sg.MaxDue, &s.MaxDue}} {
			if b.src == "" {
				continue
			}
			m, err := money.Parse(b.src, cur)
			if err != nil {
				return nil, invalid(field+"."+b.name, err.Error())
			}
			if m.IsNegative() {
				return nil, invalid(field+"."+b.name, fmt.Sprintf("want an amount of 0 or more, got %q", b.src))
			}
			*b.dst = m
		}
		switch {
		case s.MaxDue.Minor > 0 && s.MaxDue.Minor < s.MinDue.Minor:
			return nil, invalid(field+".max_due", "the upper bound of the amount due is below the lower one")
		case s.MinAgeDays < 0:
			return nil, invalid(field+".min_age_days", "want 0 or more days")
		case s.MaxAgeDays < 0:
			return nil, invalid(field+".max_age_days", "want 0 or more days, 0 for no bound")
		case s.MaxAgeDays > 0 && s.MaxAgeDays < s.MinAgeDays:
			return nil, invalid(field+".max_age_days", "the upper bound of the age is below the lower one")
		case s.MinRisk < 0 || s.MinRisk > 100:
			return nil, invalid(field+".min_risk", "want a risk score from 0 to 100")
		case s.MaxRisk < 0 || s.MaxRisk > 100:
			return nil, invalid(field+".max_risk", "want a risk score from 0 to 100, 0 for no bound")
		case s.MaxRisk > 0 && s.MaxRisk < s.MinRisk:
			return nil, invalid(field+".max_risk", "the upper bound of the risk score is below the lower one")
		}
		out = append(out, s)
	}
	return out, nil
}

// putSegments serves PUT /api/v1/segments: the whole ordered list
// replaces the organization's.
func (a *API) putSegments(w http.ResponseWriter, r *http.Request) error {
	var in segmentsIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	segs, err := in.segments()
	if err != nil {
		return err
	}
	ctx := r.Context()
	if _, err := a.loadConfig(ctx); err != nil { // the shipped scenarios exist
		return err
	}
	if err := a.store.SaveSegments(ctx, segs); err != nil {
		return refuse(err)
	}
	return a.listSegments(w, r)
}

package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// blankSteps is how many empty rows the editor offers for new steps.
const blankSteps = 2

// maxStepRows bounds the rows a scenario form may post.
const maxStepRows = 200

// scenariosPage is the data of the scenario list.
type scenariosPage struct {
	*view
	Scenarios []ledger.Scenario
	UsedBy    map[string][]string // scenario key → names of the segments that pick it
	Error     string              // translated
	Form      struct{ From, Key, Name string }
	Deleted   string // the key of the scenario just deleted
}

// showScenarios serves GET /dunning/scenarios.
func (ui *UI) showScenarios(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &scenariosPage{Deleted: r.URL.Query().Get("deleted")}
	return ui.renderScenarios(w, r, v, http.StatusOK, data)
}

func (ui *UI) renderScenarios(w http.ResponseWriter, r *http.Request, v *view, status int, data *scenariosPage) error {
	v.Title, v.Nav = "dunningui.scenarios.title", "dunning"
	data.view = v
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return err
	}
	data.Scenarios = cfg.Scenarios
	data.UsedBy = usedBy(cfg)
	ui.render(w, r, status, "dunning_scenarios", data)
	return nil
}

// usedBy lists, by scenario key, the segments that pick it.
func usedBy(cfg *cycle.Config) map[string][]string {
	out := map[string][]string{}
	for _, s := range cfg.Segments {
		out[s.ScenarioKey] = append(out[s.ScenarioKey], s.Name)
	}
	return out
}

// validKey reports whether k is a key as the store accepts it: lowercase
// letters, digits, '-' and '_'.
func validKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// findScenario is the organization's scenario of that key.
func findScenario(cfg *cycle.Config, key string) (ledger.Scenario, bool) {
	for _, s := range cfg.Scenarios {
		if s.Key == key {
			return s, true
		}
	}
	return ledger.Scenario{}, false
}

// copyScenario serves POST /dunning/scenarios: « Nouveau scénario », a
// copy of an existing one under a new key, then its editor.
func (ui *UI) copyScenario(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	ctx := r.Context()
	data := &scenariosPage{}
	data.Form.From = r.PostFormValue("from")
	data.Form.Key = strings.TrimSpace(r.PostFormValue("key"))
	data.Form.Name = strings.TrimSpace(r.PostFormValue("name"))
	fail := func(key string, args ...any) error {
		data.Error = v.T(key, args...)
		return ui.renderScenarios(w, r, v, http.StatusBadRequest, data)
	}
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	from, ok := findScenario(cfg, data.Form.From)
	switch {
	case !ok:
		return fail("dunningui.scenarios.err_from")
	case !validKey(data.Form.Key):
		return fail("dunningui.scenario.err_key")
	case data.Form.Name == "":
		return fail("dunningui.scenario.err_name")
	}
	if _, taken := findScenario(cfg, data.Form.Key); taken {
		return fail("dunningui.scenarios.err_taken", data.Form.Key)
	}
	s := ledger.Scenario{Key: data.Form.Key, Name: data.Form.Name, Steps: slices.Clone(from.Steps)}
	if err := ui.store.SaveScenario(ctx, &s); err != nil {
		var e *ledger.Error
		if errors.As(err, &e) && e.Code == ledger.EInvalid {
			_, _, msg := scenarioError(v, e, &s)
			data.Error = msg
			return ui.renderScenarios(w, r, v, http.StatusBadRequest, data)
		}
		return fmt.Errorf("copy scenario %s: %w", from.Key, err)
	}
	http.Redirect(w, r, "/dunning/scenarios/"+url.PathEscape(s.Key)+"?created=1", http.StatusSeeOther)
	return nil
}

// scenarioPage is the data of a scenario's editor.
type scenarioPage struct {
	*view
	Key    string
	Name   string
	Rows   []stepRow
	UsedBy []string
	Error  string // translated: a fault of the whole scenario
	Saved  bool
	// Created: the scenario was just copied from another.
	Created bool
}

// stepRow is one row of the editor's table, as the user typed it.
type stepRow struct {
	Index                                                  int
	Key, Name, Offset, Channel, Template, Stage, MinAmount string
	OnlyIfNoReply, Approval, AttachLetter, Registered      bool
	Delete                                                 bool
	Blank                                                  bool // a row for adding a step
	Error                                                  string
	ErrorField                                             string // the column the error is about
}

// Channels lists the channels a step may use.
func (p *scenarioPage) Channels() []ledger.Channel {
	return []ledger.Channel{ledger.ChannelEmail, ledger.ChannelSMS, ledger.ChannelLetter, ledger.ChannelCall}
}

// Stages lists the stages a step may bring the case to.
func (p *scenarioPage) Stages() []ledger.Stage {
	return []ledger.Stage{ledger.StagePreventive, ledger.StageAmicable, ledger.StageFormalNotice, ledger.StageLitigation}
}

// TemplatesFor lists the templates a step of channel ch may use (those
// of an email for a row without a channel yet).
func (p *scenarioPage) TemplatesFor(ch string) []string {
	c := ledger.Channel(ch)
	if !c.Valid() {
		c = ledger.ChannelEmail
	}
	keys := slices.Clone(dunning.Templates[c])
	return keys
}

// TemplateJSON gives the page's script the templates of each channel
// with their names, to narrow a row's choice when its channel changes.
func (p *scenarioPage) TemplateJSON() string {
	m := map[string][][2]string{}
	for _, ch := range p.Channels() {
		for _, k := range dunning.Templates[ch] {
			m[string(ch)] = append(m[string(ch)], [2]string{k, p.TemplateName(k)})
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// rowsOf is a scenario as editor rows, with blank rows to add steps.
func rowsOf(v *view, s ledger.Scenario) []stepRow {
	var out []stepRow
	for i, st := range s.Steps {
		row := stepRow{Index: i, Key: st.Key, Name: st.Name, Offset: strconv.Itoa(st.OffsetDays), Channel: string(st.Channel),
			Template: st.Template, Stage: string(st.Stage), OnlyIfNoReply: st.OnlyIfNoReply, Approval: st.Approval,
			AttachLetter: st.AttachLetter, Registered: st.Registered}
		if st.MinAmount.Minor != 0 {
			row.MinAmount = v.AmountInput(st.MinAmount)
		}
		out = append(out, row)
	}
	for i := 0; i < blankSteps; i++ {
		out = append(out, stepRow{Index: len(s.Steps) + i, Blank: true, Channel: string(ledger.ChannelEmail), Stage: string(ledger.StageAmicable)})
	}
	return out
}

// showScenario serves GET /dunning/scenarios/{key}: the editor.
func (ui *UI) showScenario(w http.ResponseWriter, r *http.Request, v *view) error {
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return err
	}
	s, ok := findScenario(cfg, r.PathValue("key"))
	if !ok {
		return ledger.Errorf(ledger.ENotFound, "no scenario %q", r.PathValue("key"))
	}
	q := r.URL.Query()
	data := &scenarioPage{Key: s.Key, Name: s.Name, Rows: rowsOf(v, s), Saved: q.Get("saved") == "1", Created: q.Get("created") == "1"}
	return ui.renderScenario(w, r, v, http.StatusOK, cfg, data)
}

func (ui *UI) renderScenario(w http.ResponseWriter, r *http.Request, v *view, status int, cfg *cycle.Config, data *scenarioPage) error {
	v.Title, v.Nav, v.titleArgs = "dunningui.scenario.title", "dunning", []any{data.Name}
	data.view = v
	data.UsedBy = usedBy(cfg)[data.Key]
	ui.render(w, r, status, "dunning_scenario", data)
	return nil
}

// saveScenario serves POST /dunning/scenarios/{key}: the steps as the
// table says, in the order of their offsets, checked (dunning.Validate)
// before anything is saved; each fault is shown next to its step.
func (ui *UI) saveScenario(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	ctx := r.Context()
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	old, ok := findScenario(cfg, r.PathValue("key"))
	if !ok {
		return ledger.Errorf(ledger.ENotFound, "no scenario %q", r.PathValue("key"))
	}
	data := &scenarioPage{Key: old.Key, Name: strings.TrimSpace(r.PostFormValue("name"))}
	data.Rows = postedRows(r)
	s := ledger.Scenario{ID: old.ID, Key: old.Key, Name: data.Name}
	// rowOf maps a step of s to its row in the form.
	var rowOf []int
	faulty := false
	for i := range data.Rows {
		row := &data.Rows[i]
		if row.Delete || row.Blank {
			continue
		}
		st, field, msg := parseStep(v, row)
		if msg != "" {
			row.Error, row.ErrorField, faulty = msg, field, true
			continue
		}
		s.Steps = append(s.Steps, st)
		rowOf = append(rowOf, i)
	}
	if faulty {
		return ui.renderScenario(w, r, v, http.StatusBadRequest, cfg, data)
	}
	// The steps go in the order of their offsets; the form's order only
	// matters for equal offsets.
	order := make([]int, len(s.Steps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return s.Steps[a].OffsetDays - s.Steps[b].OffsetDays })
	sorted := make([]ledger.Step, len(order))
	rows := make([]int, len(order))
	for i, j := range order {
		sorted[i], rows[i] = s.Steps[j], rowOf[j]
	}
	s.Steps = sorted
	check := func(err error) bool {
		var e *ledger.Error
		if !errors.As(err, &e) || e.Code != ledger.EInvalid {
			return false
		}
		i, field, msg := scenarioError(v, e, &s)
		if i >= 0 && i < len(rows) {
			data.Rows[rows[i]].Error, data.Rows[rows[i]].ErrorField = msg, field
		} else {
			data.Error = msg
		}
		return true
	}
	if err := dunning.Validate(s); err != nil {
		if check(err) {
			return ui.renderScenario(w, r, v, http.StatusBadRequest, cfg, data)
		}
		return err
	}
	if err := ui.store.SaveScenario(ctx, &s); err != nil {
		if check(err) {
			return ui.renderScenario(w, r, v, http.StatusBadRequest, cfg, data)
		}
		return fmt.Errorf("save scenario %s: %w", s.Key, err)
	}
	http.Redirect(w, r, "/dunning/scenarios/"+url.PathEscape(s.Key)+"?saved=1", http.StatusSeeOther)
	return nil
}

// deleteScenario serves POST /dunning/scenarios/{key}/delete; a scenario
// a segment picks is kept.
func (ui *UI) deleteScenario(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	ctx := r.Context()
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	s, ok := findScenario(cfg, r.PathValue("key"))
	if !ok {
		return ledger.Errorf(ledger.ENotFound, "no scenario %q", r.PathValue("key"))
	}
	err = ui.store.DeleteScenario(ctx, s.Key)
	if ledger.ErrorCode(err) == ledger.EConflict {
		data := &scenarioPage{Key: s.Key, Name: s.Name, Rows: rowsOf(v, s), Error: v.T("dunningui.scenario.err_used")}
		return ui.renderScenario(w, r, v, http.StatusConflict, cfg, data)
	}
	if err != nil {
		return fmt.Errorf("delete scenario %s: %w", s.Key, err)
	}
	http.Redirect(w, r, "/dunning/scenarios?deleted="+url.QueryEscape(s.Key), http.StatusSeeOther)
	return nil
}

// postedRows reads the editor's rows as typed.
func postedRows(r *http.Request) []stepRow {
	n, _ := strconv.Atoi(r.PostFormValue("rows"))
	n = max(0, min(n, maxStepRows))
	out := make([]stepRow, 0, n)
	for i := 0; i < n; i++ {
		f := func(name string) string { return strings.TrimSpace(r.PostFormValue(fmt.Sprintf("%s_%d", name, i))) }
		row := stepRow{Index: i, Key: f("key"), Name: f("name"), Offset: f("offset"), Channel: f("channel"),
			Template: f("template"), Stage: f("stage"), MinAmount: f("min_amount"),
			OnlyIfNoReply: f("no_reply") != "", Approval: f("approval") != "", AttachLetter: f("attach") != "",
			Registered: f("registered") != "", Delete: f("delete") != ""}
		row.Blank = row.Key == "" && row.Name == "" && row.Offset == ""
		out = append(out, row)
	}
	return out
}

// parseStep reads a row into a step; a field that cannot be read gives
// the field and the message.
func parseStep(v *view, row *stepRow) (ledger.Step, string, string) {
	st := ledger.Step{Key: row.Key, Name: row.Name, Channel: ledger.Channel(row.Channel), Template: row.Template,
		Stage: ledger.Stage(row.Stage), OnlyIfNoReply: row.OnlyIfNoReply, Approval: row.Approval,
		AttachLetter: row.AttachLetter, Registered: row.Registered}
	n, err := strconv.Atoi(strings.TrimPrefix(row.Offset, "+"))
	if err != nil {
		return st, "offset_days", v.T("dunningui.scenario.err_offset")
	}
	st.OffsetDays = n
	if row.MinAmount != "" {
		a, err := money.Parse(row.MinAmount, "EUR")
		if err != nil {
			return st, "min_amount", v.amountError(err)
		}
		st.MinAmount = a
	}
	return st, "", ""
}

var stepField = regexp.MustCompile(`^steps\[(\d+)\]\.([a-z_]+)$`)

// scenarioError words a fault of scenario s for the user: the index of
// the step it is about (-1 for the scenario itself), the field, and the
// message.
func scenarioError(v *view, e *ledger.Error, s *ledger.Scenario) (int, string, string) {
	m := stepField.FindStringSubmatch(e.Field)
	if m == nil {
		switch e.Field {
		case "key":
			return -1, "key", v.T("dunningui.scenario.err_key")
		case "name":
			return -1, "name", v.T("dunningui.scenario.err_name")
		case "steps":
			return -1, "steps", v.T("dunningui.scenario.err_steps")
		}
		return -1, e.Field, v.T("error.invalid")
	}
	i, _ := strconv.Atoi(m[1])
	field, msg := m[2], e.Message
	has := func(s string) bool { return strings.Contains(msg, s) }
	key := "error.invalid"
	var args []any
	switch field {
	case "key":
		key = "dunningui.scenario.err_step_key"
		if has("twice") || has("two steps") {
			key = "dunningui.scenario.err_step_key_twice"
		}
	case "name":
		key = "dunningui.scenario.err_step_name"
	case "offset_days":
		key = "dunningui.scenario.err_offset_range"
		if has("increase") {
			key = "dunningui.scenario.err_offset_order"
		}
	case "channel":
		key = "dunningui.scenario.err_channel"
		if has("formal notice") {
			key = "dunningui.scenario.err_notice_letter"
		}
	case "template":
		key = "dunningui.scenario.err_template"
		var names []string
		if i < len(s.Steps) {
			for _, k := range dunning.Templates[s.Steps[i].Channel] {
				names = append(names, v.TemplateName(k))
			}
		}
		args = []any{strings.Join(names, ", ")}
	case "stage":
		switch {
		case has("on or before the due date"):
			key = "dunningui.scenario.err_stage_preventive"
		case has("cannot be preventive"), has("only a step before the due date"):
			key = "dunningui.scenario.err_stage_not_preventive"
		case has("comes back"):
			key = "dunningui.scenario.err_stage_back"
		case has("only a formal notice"):
			key = "dunningui.scenario.err_stage_only_notice"
		case has("formal notice brings"):
			key = "dunningui.scenario.err_stage_notice"
		case has("hand-off"):
			key = "dunningui.scenario.err_stage_handoff"
		default:
			key = "dunningui.scenario.err_stage"
		}
	case "approval":
		key = "dunningui.scenario.err_approval"
	case "registered":
		key = "dunningui.scenario.err_registered"
	case "attach_letter":
		key = "dunningui.scenario.err_attach"
	case "min_amount":
		key = "dunningui.scenario.err_min_amount"
	}
	return i, field, v.T(key, args...)
}

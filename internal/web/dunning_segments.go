package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// maxSegmentRows bounds the rows the segments form may post.
const maxSegmentRows = 200

// segmentsPage is the data of the segments' editor.
type segmentsPage struct {
	*view
	Rows      []segmentRow
	Scenarios []ledger.Scenario
	Saved     bool
	Error     string // translated: a fault of the whole list
}

// segmentRow is one segment as the form shows it.
type segmentRow struct {
	Index            int
	Position, Name   string
	Kinds            []ledger.DebtorKind
	MinDue, MaxDue   string
	MinAge, MaxAge   string
	MinRisk, MaxRisk string
	Tags             string
	Scenario         string
	Blank            bool
	Error            string // translated
	ErrorField       string
	First, Last      bool
	segment          ledger.Segment
}

// HasKind reports whether the row picks debtors of kind k.
func (r segmentRow) HasKind(k ledger.DebtorKind) bool { return slices.Contains(r.Kinds, k) }

// DebtorKinds lists the kinds of debtors.
func (p *segmentsPage) DebtorKinds() []ledger.DebtorKind {
	return []ledger.DebtorKind{ledger.KindBusiness, ledger.KindConsumer, ledger.KindPublic}
}

// segmentRows shows the segments with a blank row to add one.
func segmentRows(v *view, segs []ledger.Segment) []segmentRow {
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	amount := func(a money.Amount) string {
		if a.Minor == 0 {
			return ""
		}
		return v.AmountInput(a)
	}
	var out []segmentRow
	for i, s := range segs {
		out = append(out, segmentRow{Index: i, Position: strconv.Itoa(i + 1), Name: s.Name, Kinds: s.Kinds,
			MinDue: amount(s.MinDue), MaxDue: amount(s.MaxDue), MinAge: num(s.MinAgeDays), MaxAge: num(s.MaxAgeDays),
			MinRisk: num(s.MinRisk), MaxRisk: num(s.MaxRisk), Tags: strings.Join(s.Tags, ", "), Scenario: s.ScenarioKey,
			First: i == 0, Last: i == len(segs)-1})
	}
	out = append(out, segmentRow{Index: len(segs), Position: strconv.Itoa(len(segs) + 1), Blank: true})
	return out
}

// showSegments serves GET /dunning/segments.
func (ui *UI) showSegments(w http.ResponseWriter, r *http.Request, v *view) error {
	cfg, err := cycle.LoadConfig(r.Context(), ui.store)
	if err != nil {
		return err
	}
	data := &segmentsPage{Rows: segmentRows(v, cfg.Segments), Saved: r.URL.Query().Get("saved") == "1"}
	return ui.renderSegments(w, r, v, http.StatusOK, cfg, data)
}

func (ui *UI) renderSegments(w http.ResponseWriter, r *http.Request, v *view, status int, cfg *cycle.Config, data *segmentsPage) error {
	v.Title, v.Nav = "dunningui.segments.title", "dunning"
	data.view = v
	data.Scenarios = cfg.Scenarios
	ui.render(w, r, status, "dunning_segments", data)
	return nil
}

// saveSegments serves POST /dunning/segments: the list as the form says,
// in the order of the positions typed, with the change the button asks
// for ("up:i", "down:i", "delete:i" of row i, or "save"), saved whole.
func (ui *UI) saveSegments(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := mayConfigure(v); err != nil {
		return err
	}
	ctx := r.Context()
	cfg, err := cycle.LoadConfig(ctx, ui.store)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return ledger.Errorf(ledger.EInvalid, "read the form: %v", err)
	}
	data := &segmentsPage{Rows: postedSegments(r)}
	faulty := false
	var list []int // rows that are segments, in the order they are saved
	for i := range data.Rows {
		row := &data.Rows[i]
		if row.Blank {
			continue
		}
		if field, msg := parseSegment(v, row); msg != "" {
			row.Error, row.ErrorField, faulty = msg, field, true
			continue
		}
		list = append(list, i)
	}
	if faulty {
		return ui.renderSegments(w, r, v, http.StatusBadRequest, cfg, data)
	}
	pos := func(i int) int {
		n, err := strconv.Atoi(data.Rows[i].Position)
		if err != nil {
			return maxSegmentRows + i
		}
		return n
	}
	slices.SortStableFunc(list, func(a, b int) int { return pos(a) - pos(b) })
	op, arg, _ := strings.Cut(r.PostFormValue("op"), ":")
	if target, err := strconv.Atoi(arg); err == nil {
		if k := slices.Index(list, target); k >= 0 {
			switch op {
			case "up":
				if k > 0 {
					list[k-1], list[k] = list[k], list[k-1]
				}
			case "down":
				if k < len(list)-1 {
					list[k+1], list[k] = list[k], list[k+1]
				}
			case "delete":
				list = slices.Delete(list, k, k+1)
			}
		}
	}
	segs := make([]ledger.Segment, len(list))
	for k, i := range list {
		segs[k] = data.Rows[i].segment
		segs[k].Position = k + 1
	}
	if err := ui.store.SaveSegments(ctx, segs); err != nil {
		var e *ledger.Error
		if !errors.As(err, &e) || e.Code != ledger.EInvalid {
			return fmt.Errorf("save segments: %w", err)
		}
		k, field, msg := segmentError(v, e)
		if k >= 0 && k < len(list) {
			data.Rows[list[k]].Error, data.Rows[list[k]].ErrorField = msg, field
		} else {
			data.Error = msg
		}
		return ui.renderSegments(w, r, v, http.StatusBadRequest, cfg, data)
	}
	http.Redirect(w, r, "/dunning/segments?saved=1", http.StatusSeeOther)
	return nil
}

// postedSegments reads the rows of the segments form as typed.
func postedSegments(r *http.Request) []segmentRow {
	n, _ := strconv.Atoi(r.PostFormValue("rows"))
	n = max(0, min(n, maxSegmentRows))
	out := make([]segmentRow, 0, n)
	for i := 0; i < n; i++ {
		f := func(name string) string { return strings.TrimSpace(r.PostFormValue(fmt.Sprintf("%s_%d", name, i))) }
		row := segmentRow{Index: i, Position: f("position"), Name: f("name"), MinDue: f("min_due"), MaxDue: f("max_due"),
			MinAge: f("min_age"), MaxAge: f("max_age"), MinRisk: f("min_risk"), MaxRisk: f("max_risk"), Tags: f("tags"),
			Scenario: f("scenario")}
		for _, k := range r.PostForm[fmt.Sprintf("kind_%d", i)] {
			row.Kinds = append(row.Kinds, ledger.DebtorKind(k))
		}
		row.Blank = row.Name == "" && row.Scenario == "" && len(row.Kinds) == 0 && row.MinDue == "" && row.MaxDue == "" &&
			row.MinAge == "" && row.MaxAge == "" && row.MinRisk == "" && row.MaxRisk == "" && row.Tags == ""
		out = append(out, row)
	}
	for i := range out {
		out[i].First, out[i].Last = i == 0, i == len(out)-1
	}
	return out
}

// parseSegment reads a row into its segment; a field that cannot be
// read gives the field and the message.
func parseSegment(v *view, row *segmentRow) (string, string) {
	s := ledger.Segment{Name: row.Name, Kinds: row.Kinds, ScenarioKey: row.Scenario}
	if s.Name == "" {
		return "name", v.T("dunningui.segments.err_name")
	}
	if s.ScenarioKey == "" {
		return "scenario", v.T("dunningui.segments.err_scenario")
	}
	for _, a := range []struct {
		text string
		to   *money.Amount
	}{{row.MinDue, &s.MinDue}, {row.MaxDue, &s.MaxDue}} {
		if a.text == "" {
			continue
		}
		x, err := money.Parse(a.text, "EUR")
		if err != nil {
			return "due", v.amountError(err)
		}
		*a.to = x
	}
	for _, n := range []struct {
		text, field, key string
		to               *int
	}{
		{row.MinAge, "age", "dunningui.segments.err_age", &s.MinAgeDays}, {row.MaxAge, "age", "dunningui.segments.err_age", &s.MaxAgeDays},
		{row.MinRisk, "risk", "dunningui.segments.err_risk", &s.MinRisk}, {row.MaxRisk, "risk", "dunningui.segments.err_risk", &s.MaxRisk},
	} {
		if n.text == "" {
			continue
		}
		x, err := strconv.Atoi(n.text)
		if err != nil {
			return n.field, v.T(n.key)
		}
		*n.to = x
	}
	for _, t := range strings.Split(row.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			s.Tags = append(s.Tags, t)
		}
	}
	row.segment = s
	return "", ""
}

var segmentField = regexp.MustCompile(`^segments\[(\d+)\]\.([a-z_]+)$`)

// segmentError words a fault of the segments for the user: the index of
// the segment (-1 for the list), the field, the message.
func segmentError(v *view, e *ledger.Error) (int, string, string) {
	m := segmentField.FindStringSubmatch(e.Field)
	if m == nil {
		return -1, e.Field, v.T("error.invalid")
	}
	k, _ := strconv.Atoi(m[1])
	key := map[string]string{
		"kinds":    "dunningui.segments.err_kinds",
		"scenario": "dunningui.segments.err_scenario",
		"due":      "dunningui.segments.err_due",
		"age":      "dunningui.segments.err_age",
		"risk":     "dunningui.segments.err_risk",
	}[m[2]]
	if key == "" {
		key = "error.invalid"
	}
	return k, m[2], v.T(key)
}

package dunning

import (
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

func TestDefaultScenariosValidate(t *testing.T) {
	scs := DefaultScenarios()
	keys := map[string]bool{}
	for _, s := range scs {
		keys[s.Key] = true
		if err := Validate(s); err != nil {
			t.Errorf("%s: %v", s.Key, err)
		}
	}
	for _, k := range []string{ScenarioTPE, ScenarioGrandsComptes, ScenarioParticuliers, ScenarioPublic} {
		if !keys[k] {
			t.Errorf("missing default scenario %q", k)
		}
	}
	if len(scs) != 4 {
		t.Errorf("%d default scenarios, want 4", len(scs))
	}
}

// TestDefaultScenariosShape pins what a credit manager signs: a courteous
// pre-due email first, amicable reminders, a final letter, a registered
// and approved formal notice, an approved litigation hand-off last; SMS
// for consumers only; French names; only the shared template keys.
func TestDefaultScenariosShape(t *testing.T) {
	for _, s := range DefaultScenarios() {
		first, last := s.Steps[0], s.Steps[len(s.Steps)-1]
		if first.OffsetDays >= 0 || first.Channel != ledger.ChannelEmail || first.Template != TemplatePreDue || first.Stage != ledger.StagePreventive {
			t.Errorf("%s: first step %+v is not a pre-due email", s.Key, first)
		}
		if last.Channel != ledger.ChannelCall || last.Template != TemplateHandoff || !last.Approval || last.Stage != ledger.StageLitigation {
			t.Errorf("%s: last step %+v is not an approved hand-off", s.Key, last)
		}
		var final, notice *ledger.Step
		calls, sms := 0, 0
		for i, st := range s.Steps {
			if !TemplateAllowed(st.Channel, st.Template) {
				t.Errorf("%s/%s: template %q on %s", s.Key, st.Key, st.Template, st.Channel)
			}
			if st.Name == "" || strings.ContainsAny(st.Name, "_") {
				t.Errorf("%s/%s: name %q", s.Key, st.Key, st.Name)
			}
			switch {
			case st.Template == TemplateFinal && st.Channel == ledger.ChannelLetter:
				final = &s.Steps[i]
			case st.Template == TemplateFormalNotice:
				notice = &s.Steps[i]
			}
			if st.Channel == ledger.ChannelCall && st.Template == TemplateCall {
				calls++
			}
			if st.Channel == ledger.ChannelSMS {
				sms++
			}
		}
		if final == nil || notice == nil {
			t.Fatalf("%s: no final letter or no formal notice", s.Key)
		}
		if final.OffsetDays >= notice.OffsetDays {
			t.Errorf("%s: the final letter must come before the formal notice", s.Key)
		}
		if notice.Channel != ledger.ChannelLetter || !notice.Registered || !notice.Approval || notice.Stage != ledger.StageFormalNotice {
			t.Errorf("%s: formal notice %+v", s.Key, *notice)
		}
		if calls == 0 {
			t.Errorf("%s: no call task", s.Key)
		}
		if (sms > 0) != (s.Key == ScenarioParticuliers) {
			t.Errorf("%s: %d SMS steps; SMS is for consumers only", s.Key, sms)
		}
		switch s.Key {
		case ScenarioParticuliers:
			if notice.OffsetDays < 30 {
				t.Errorf("particuliers: formal notice at %d days, want at least 30", notice.OffsetDays)
			}
		}
	}
	by := map[string]ledger.Scenario{}
	for _, s := range DefaultScenarios() {
		by[s.Key] = s
	}
	callsOf := func(k string) int {
		n := 0
		for _, st := range by[k].Steps {
			if st.Channel == ledger.ChannelCall && st.Template == TemplateCall {
				n++
			}
		}
		return n
	}
	lastOf := func(k string) int { return by[k].Steps[len(by[k].Steps)-1].OffsetDays }
	if callsOf(ScenarioGrandsComptes) <= callsOf(ScenarioTPE) {
		t.Error("grands-comptes should call more than tpe")
	}
	if lastOf(ScenarioGrandsComptes) <= lastOf(ScenarioTPE) || lastOf(ScenarioPublic) <= lastOf(ScenarioTPE) {
		t.Error("grands-comptes and public should be slower than tpe")
	}
	if lastOf(ScenarioParticuliers) >= lastOf(ScenarioTPE) {
		t.Error("particuliers should escalate sooner than tpe")
	}
	// tpe, as the brief gave it.
	var got []string
	for _, st := range by[ScenarioTPE].Steps {
		got = append(got, st.Key+" "+string(st.Channel)+" "+st.Template)
	}
	want := "j-3 email predue|j+3 email reminder1|j+10 email reminder2|j+18 call call|j+25 letter final|j+35 letter formal_notice|j+50 call handoff"
	if strings.Join(got, "|") != want {
		t.Errorf("tpe = %s\nwant  %s", strings.Join(got, "|"), want)
	}
}

func TestDefaultSegments(t *testing.T) {
	segs := DefaultSegments()
	scenarios := map[string]bool{}
	for _, s := range DefaultScenarios() {
		scenarios[s.Key] = true
	}
	want := []struct {
		name, scenario string
	}{
		{"Organismes publics", ScenarioPublic},
		{"Particuliers", ScenarioParticuliers},
		{"Grands comptes", ScenarioGrandsComptes},
		{"Entreprises", ScenarioTPE},
	}
	if len(segs) != len(want) {
		t.Fatalf("%d segments, want %d", len(segs), len(want))
	}
	for i, w := range want {
		s := segs[i]
		if s.Position != i+1 || s.Name != w.name || s.ScenarioKey != w.scenario || !scenarios[s.ScenarioKey] {
			t.Errorf("segment %d = %+v, want %s → %s", i+1, s, w.name, w.scenario)
		}
	}
	if segs[2].MinDue != money.EUR(10_000_00) {
		t.Errorf("Grands comptes MinDue = %s", segs[2].MinDue)
	}
}

func TestValidate(t *testing.T) {
	base := func() ledger.Scenario {
		return ledger.Scenario{Key: "x", Name: "X", Steps: []ledger.Step{
			{Key: "a", Name: "A", OffsetDays: -3, Channel: ledger.ChannelEmail, Template: TemplatePreDue, Stage: ledger.StagePreventive},
			{Key: "b", Name: "B", OffsetDays: 5, Channel: ledger.ChannelEmail, Template: TemplateReminder1, Stage: ledger.StageAmicable},
			{Key: "c", Name: "C", OffsetDays: 30, Channel: ledger.ChannelLetter, Template: TemplateFormalNotice, Stage: ledger.StageFormalNotice, Approval: true, Registered: true},
			{Key: "d", Name: "D", OffsetDays: 45, Channel: ledger.ChannelCall, Template: TemplateHandoff, Stage: ledger.StageLitigation, Approval: true},
		}}
	}
	if err := Validate(base()); err != nil {
		t.Fatalf("base: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(s *ledger.Scenario)
		field string
	}{
		{"no key", func(s *ledger.Scenario) { s.Key = " " }, "key"},
		{"no name", func(s *ledger.Scenario) { s.Name = "" }, "name"},
		{"no steps", func(s *ledger.Scenario) { s.Steps = nil }, "steps"},
		{"step without key", func(s *ledger.Scenario) { s.Steps[1].Key = "" }, "steps[1].key"},
		{"duplicate key", func(s *ledger.Scenario) { s.Steps[2].Key = "a" }, "steps[2].key"},
		{"step without name", func(s *ledger.Scenario) { s.Steps[0].Name = "" }, "steps[0].name"},
		{"equal offsets", func(s *ledger.Scenario) { s.Steps[2].OffsetDays = 5 }, "steps[2].offset_days"},
		{"decreasing offsets", func(s *ledger.Scenario) { s.Steps[1].OffsetDays = -4 }, "steps[1].offset_days"},
		{"offset too far", func(s *ledger.Scenario) { s.Steps[0].OffsetDays = -120 }, "steps[0].offset_days"},
		{"unknown channel", func(s *ledger.Scenario) { s.Steps[1].Channel = "fax" }, "steps[1].channel"},
		{"unknown template", func(s *ledger.Scenario) { s.Steps[1].Template = "relance" }, "steps[1].template"},
		{"sms final", func(s *ledger.Scenario) { s.Steps[1].Channel = ledger.ChannelSMS; s.Steps[1].Template = TemplateFinal }, "steps[1].template"},
		{"letter reminder1", func(s *ledger.Scenario) { s.Steps[1].Channel = ledger.ChannelLetter }, "steps[1].template"},
		{"call with an email template", func(s *ledger.Scenario) { s.Steps[1].Channel = ledger.ChannelCall }, "steps[1].template"},
		{"formal notice by email", func(s *ledger.Scenario) { s.Steps[2].Channel = ledger.ChannelEmail; s.Steps[2].Registered = false }, "steps[2].channel"},
		{"unknown stage", func(s *ledger.Scenario) { s.Steps[1].Stage = "closed" }, "steps[1].stage"},
		{"pre-due not preventive", func(s *ledger.Scenario) { s.Steps[0].Stage = ledger.StageAmicable }, "steps[0].stage"},
		{"overdue step preventive", func(s *ledger.Scenario) { s.Steps[1].Stage = ledger.StagePreventive }, "steps[1].stage"},
		{"stage going back", func(s *ledger.Scenario) {
			s.Steps = append(s.Steps, ledger.Step{Key: "e", Name: "E", OffsetDays: 60, Channel: ledger.ChannelEmail, Template: TemplateReminder2, Stage: ledger.StageAmicable})
		}, "steps[4].stage"},
		{"formal notice at amicable stage", func(s *ledger.Scenario) { s.Steps[2].Stage = ledger.StageAmicable }, "steps[2].stage"},
		{"formal notice stage without a notice", func(s *ledger.Scenario) { s.Steps[1].Stage = ledger.StageFormalNotice }, "steps[1].stage"},
		{"handoff not litigation", func(s *ledger.Scenario) { s.Steps[3].Stage = ledger.StageFormalNotice }, "steps[3].stage"},
		{"formal notice without approval", func(s *ledger.Scenario) { s.Steps[2].Approval = false }, "steps[2].approval"},
		{"litigation without approval", func(s *ledger.Scenario) { s.Steps[3].Approval = false }, "steps[3].approval"},
		{"registered email", func(s *ledger.Scenario) { s.Steps[1].Registered = true }, "steps[1].registered"},
		{"letter attached to a reminder1", func(s *ledger.Scenario) { s.Steps[1].AttachLetter = true }, "steps[1].attach_letter"},
		{"letter attached to a letter", func(s *ledger.Scenario) { s.Steps[2].AttachLetter = true }, "steps[2].attach_letter"},
		{"negative minimum", func(s *ledger.Scenario) { s.Steps[3].MinAmount = money.EUR(-1) }, "steps[3].min_amount"},
	}
	for _, tt := range tests {
		s := base()
		tt.edit(&s)
		err := Validate(s)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		e, ok := err.(*ledger.Error)
		if !ok || e.Code != ledger.EInvalid || e.Field != tt.field {
			t.Errorf("%s: %v, want an invalid error on %s", tt.name, err, tt.field)
		}
	}
	// Allowed variations.
	ok := base()
	ok.Steps[1].Template = TemplateReminder2
	ok.Steps[1].AttachLetter = true
	ok.Steps = append(ok.Steps[:3], ledger.Step{Key: "c2", Name: "Appel", OffsetDays: 40, Channel: ledger.ChannelCall, Template: TemplateCall, Stage: ledger.StageFormalNotice}, ok.Steps[3])
	if err := Validate(ok); err != nil {
		t.Errorf("a call after the formal notice, an email with its letter: %v", err)
	}
}

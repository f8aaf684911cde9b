package dunning

import (
	"fmt"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// The template keys steps may use. The templates themselves are written
// elsewhere; these are the ones that exist, per channel (Templates).
const (
	TemplatePreDue       = "predue"
	TemplateReminder1    = "reminder1"
	TemplateReminder2    = "reminder2"
	TemplateFinal        = "final"
	TemplateFormalNotice = "formal_notice"
	TemplateCall         = "call"
	TemplateHandoff      = "handoff"
)

// Templates lists, per channel, the template keys that exist for it. A
// formal notice goes only by letter; there is no pre-due or first-reminder
// letter, and no SMS beyond the second reminder.
var Templates = map[ledger.Channel][]string{
	ledger.ChannelEmail:  {TemplatePreDue, TemplateReminder1, TemplateReminder2, TemplateFinal},
	ledger.ChannelSMS:    {TemplatePreDue, TemplateReminder1, TemplateReminder2},
	ledger.ChannelLetter: {TemplateReminder2, TemplateFinal, TemplateFormalNotice},
	ledger.ChannelCall:   {TemplateCall, TemplateHandoff},
}

// TemplateAllowed reports whether template key exists for channel ch.
func TemplateAllowed(ch ledger.Channel, key string) bool {
	return slices.Contains(Templates[ch], key)
}

// Offset bounds of a step: a pre-due reminder at most 90 days ahead, a
// step at most five years (the commercial limitation period) late.
const (
	MinOffsetDays = -90
	MaxOffsetDays = 5 * 365
)

func stageRank(s ledger.Stage) int {
	switch s {
	case ledger.StagePreventive:
		return 1
	case ledger.StageAmicable:
		return 2
	case ledger.StageFormalNotice:
		return 3
	case ledger.StageLitigation:
		return 4
	}
	return 0
}

// Validate checks a scenario as the editor saves it and returns the first
// fault as a ledger field error (code invalid, field "key", "name",
// "steps", or "steps[i].<field>"):
//   - a key and a name; at least one step;
//   - each step: a key unique in the scenario, a name, an offset within
//     MinOffsetDays..MaxOffsetDays and strictly greater than the previous
//     step's, a known channel, a template that exists for that channel
//     (Templates — so a formal notice goes only by letter);
//   - its stage: preventive exactly for the steps before or on the due
//     date (offset ≤ 0), then never going back (preventive → amicable →
//     formal_notice → litigation); the formal notice template is at stage
//     formal_notice, the handoff template at stage litigation, and the
//     case reaches formal_notice only through a formal notice;
//   - approval is required for a formal notice and for every litigation
//     step: a person signs what may lead to court;
//   - Registered only on a letter, AttachLetter only on an email whose
//     template has a letter version, MinAmount not negative.
func Validate(s ledger.Scenario) error {
	if strings.TrimSpace(s.Key) == "" {
		return ledger.FieldError("key", "a scenario needs a key")
	}
	if strings.TrimSpace(s.Name) == "" {
		return ledger.FieldError("name", "a scenario needs a name")
	}
	if len(s.Steps) == 0 {
		return ledger.FieldError("steps", "a scenario needs at least one step")
	}
	seen := map[string]bool{}
	rank := 0
	for i, st := range s.Steps {
		field := func(name string) string { return fmt.Sprintf("steps[%d].%s", i, name) }
		key := strings.TrimSpace(st.Key)
		switch {
		case key == "":
			return ledger.FieldError(field("key"), "step %d needs a key", i+1)
		case seen[key]:
			return ledger.FieldError(field("key"), "step key %q is used twice", key)
		}
		seen[key] = true
		if strings.TrimSpace(st.Name) == "" {
			return ledger.FieldError(field("name"), "step %q needs a name", key)
		}
		if st.OffsetDays < MinOffsetDays || st.OffsetDays > MaxOffsetDays {
			return ledger.FieldError(field("offset_days"), "step %q: offset %d is outside %d..%d days", key, st.OffsetDays, MinOffsetDays, MaxOffsetDays)
		}
		if i > 0 && st.OffsetDays <= s.Steps[i-1].OffsetDays {
			return ledger.FieldError(field("offset_days"), "step %q: offsets must increase (%d after %d)", key, st.OffsetDays, s.Steps[i-1].OffsetDays)
		}
		if !st.Channel.Valid() {
			return ledger.FieldError(field("channel"), "step %q: unknown channel %q", key, st.Channel)
		}
		if !TemplateAllowed(st.Channel, st.Template) {
			if st.Template == TemplateFormalNotice {
				return ledger.FieldError(field("channel"), "step %q: a formal notice goes only by letter", key)
			}
			return ledger.FieldError(field("template"), "step %q: no template %q for channel %s (allowed: %s)",
				key, st.Template, st.Channel, strings.Join(Templates[st.Channel], ", "))
		}
		r := stageRank(st.Stage)
		switch {
		case r == 0:
			return ledger.FieldError(field("stage"), "step %q: unknown stage %q", key, st.Stage)
		case st.OffsetDays <= 0 && st.Stage != ledger.StagePreventive:
			return ledger.FieldError(field("stage"), "step %q: a step on or before the due date is preventive", key)
		case st.OffsetDays > 0 && st.Stage == ledger.StagePreventive:
			return ledger.FieldError(field("stage"), "step %q: a step after the due date cannot be preventive", key)
		case r < rank:
			return ledger.FieldError(field("stage"), "step %q: stage %s comes back from a later stage", key, st.Stage)
		case st.Template == TemplateFormalNotice && st.Stage != ledger.StageFormalNotice:
			return ledger.FieldError(field("stage"), "step %q: a formal notice brings the case to stage formal_notice", key)
		case st.Template == TemplateHandoff && st.Stage != ledger.StageLitigation:
			return ledger.FieldError(field("stage"), "step %q: the hand-off brings the case to stage litigation", key)
		case st.Stage == ledger.StageFormalNotice && rank < r && st.Template != TemplateFormalNotice:
			return ledger.FieldError(field("stage"), "step %q: only a formal notice brings the case to stage formal_notice", key)
		}
		rank = r
		if (st.Template == TemplateFormalNotice || st.Stage == ledger.StageLitigation) && !st.Approval {
			return ledger.FieldError(field("approval"), "step %q: a formal notice or a litigation step needs approval", key)
		}
		if st.Registered && st.Channel != ledger.ChannelLetter {
			return ledger.FieldError(field("registered"), "step %q: only a letter can be registered", key)
		}
		if st.AttachLetter && (st.Channel != ledger.ChannelEmail || !TemplateAllowed(ledger.ChannelLetter, st.Template)) {
			return ledger.FieldError(field("attach_letter"), "step %q: only an email whose template has a letter can attach it", key)
		}
		if st.MinAmount.IsNegative() {
			return ledger.FieldError(field("min_amount"), "step %q: the minimum amount cannot be negative", key)
		}
	}
	return nil
}

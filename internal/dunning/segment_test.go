package dunning

import (
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

func TestMatch(t *testing.T) {
	segs := []ledger.Segment{
		// Given out of order: Position decides.
		{Position: 5, Name: "any", ScenarioKey: "any"},
		{Position: 1, Name: "vip", Tags: []string{"VIP"}, ScenarioKey: "vip"},
		{Position: 2, Name: "risky", MinRisk: 70, ScenarioKey: "risky"},
		{Position: 3, Name: "small-old", Kinds: []ledger.DebtorKind{ledger.KindBusiness}, MaxDue: eur(500), MinAgeDays: 60, ScenarioKey: "small-old"},
		{Position: 4, Name: "mid", Kinds: []ledger.DebtorKind{ledger.KindBusiness, ledger.KindPublic}, MinDue: eur(1000), MaxDue: eur(5000), MaxAgeDays: 30, MaxRisk: 50, ScenarioKey: "mid"},
	}
	biz := func(due int64, age, risk int, tags ...string) Profile {
		return Profile{Kind: ledger.KindBusiness, Due: eur(due), OldestAgeDays: age, Risk: risk, Tags: tags}
	}
	tests := []struct {
		name string
		p    Profile
		want string
	}{
		{"tag wins first, case-insensitive", biz(100, 0, -1, "vip", "export"), "vip"},
		{"risk bound: 70 included", biz(100, 0, 70), "risky"},
		{"risk bound: 69 not", biz(100, 0, 69), "any"},
		{"no score never matches a risk bound", biz(2000, 10, -1), "any"},
		{"small and old: bounds included", biz(500, 60, -1), "small-old"},
		{"small but young", biz(500, 59, -1), "any"},
		{"just above max due", Profile{Kind: ledger.KindBusiness, Due: money.EUR(500_01), OldestAgeDays: 90, Risk: -1}, "any"},
		{"small-old is business only", Profile{Kind: ledger.KindConsumer, Due: eur(100), OldestAgeDays: 90, Risk: -1}, "any"},
		{"mid: all bounds hold", biz(1000, 30, 50), "mid"},
		{"mid: upper due included", biz(5000, 0, 0), "mid"},
		{"mid: due above", biz(5001, 0, 0), "any"},
		{"mid: too old", biz(2000, 31, 10), "any"},
		{"mid: risk above max", biz(2000, 10, 51), "any"},
		{"mid: public kind", Profile{Kind: ledger.KindPublic, Due: eur(2000), OldestAgeDays: 5, Risk: 0}, "mid"},
	}
	for _, tt := range tests {
		got, ok := Match(segs, tt.p)
		if !ok || got.Name != tt.want {
			t.Errorf("%s: Match = %q (%v), want %q", tt.name, got.Name, ok, tt.want)
		}
	}
	if _, ok := Match(segs[1:], biz(100, 0, -1)); ok {
		t.Error("no segment should match without the catch-all")
	}
	if _, ok := Match(nil, biz(100, 0, -1)); ok {
		t.Error("no segment, no match")
	}
	// Equal positions keep the given order.
	same := []ledger.Segment{{Position: 1, Name: "a"}, {Position: 1, Name: "b"}}
	if got, _ := Match(same, biz(1, 0, -1)); got.Name != "a" {
		t.Errorf("equal positions: got %q, want a", got.Name)
	}
}

func TestMatchDefaults(t *testing.T) {
	tests := []struct {
		kind ledger.DebtorKind
		due  int64
		want string
	}{
		{ledger.KindPublic, 50_000, ScenarioPublic},
		{ledger.KindConsumer, 20_000, ScenarioParticuliers},
		{ledger.KindBusiness, 10_000, ScenarioGrandsComptes},
		{ledger.KindBusiness, 9_999, ScenarioTPE},
		{ledger.KindBusiness, 0, ScenarioTPE},
	}
	for _, tt := range tests {
		seg, ok := Match(DefaultSegments(), Profile{Kind: tt.kind, Due: eur(tt.due), Risk: -1})
		if !ok || seg.ScenarioKey != tt.want {
			t.Errorf("%s owing %d €: scenario %q, want %q", tt.kind, tt.due, seg.ScenarioKey, tt.want)
		}
	}
}

func TestProfileOf(t *testing.T) {
	today := date("2026-03-16")
	f := factsOf(
		inv(1, "2026-02-14", 100), // 30 days overdue
		inv(2, "2026-03-10", 200),
		inv(3, "2026-03-20", 300), // not yet due: counts in the exposure
		inv(4, "2026-01-01", 999), // disputed: not counted
		inv(5, "2020-01-01", 999), // time-barred: the five years ended on 2025-01-01
	)
	f.Invoices[3].Disputed = true
	f.RiskScore = 42
	f.Debtor.Tags = []string{"export"}
	p := ProfileOf(f, today)
	if p.Due != eur(600) {
		t.Errorf("Due = %s, want 600 EUR", p.Due)
	}
	if p.OldestAgeDays != 30 {
		t.Errorf("OldestAgeDays = %d, want 30", p.OldestAgeDays)
	}
	if p.Kind != ledger.KindBusiness || p.Risk != 42 || len(p.Tags) != 1 {
		t.Errorf("profile = %+v", p)
	}
	if p := ProfileOf(factsOf(inv(1, "2026-03-20", 100)), today); p.OldestAgeDays != 0 || p.Due != eur(100) {
		t.Errorf("nothing overdue: %+v", p)
	}
}

package legalfr

import (
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// TestCheckTerms pins the boundaries. For a business the latest due date is
// the latest of issue + 60 days, end of month + 45 days (reading A) and
// issue + 45 days then end of month (reading B):
//
//	issue 2026-01-10: +60 = 03-11, A = 01-31 + 45 = 03-17, B = 02-24 → 02-28; latest 03-17 (A)
//	issue 2026-01-20: +60 = 03-21, A = 03-17, B = 03-06 → 03-31;           latest 03-31 (B)
//	issue 2026-01-31: +60 = 04-01, A = 03-17, B = 03-17 → 03-31;           latest 04-01 (60 days)
//	issue 2026-06-15: +60 = 08-14, A = 06-30 + 45 = 08-14, B = 07-30 → 07-31; latest 08-14
//	issue 2024-01-01 (leap year): +60 = 03-01, A = 03-16, B = 02-15 → 02-29; latest 03-16 (A)
func TestCheckTerms(t *testing.T) {
	const (
		b60 = "L441-10 I C. com."
		p30 = "L2192-10, R2192-10 C. commande publique"
	)
	for _, tt := range []struct {
		kind        ledger.DebtorKind
		issue, due  string
		days, limit int
		latest      string
		over        bool
		key         string
		article     string
	}{
		// Business, reading A gives the most.
		{ledger.KindBusiness, "2026-01-10", "2026-03-11", 60, 60, "2026-03-17", false, "", b60},
		{ledger.KindBusiness, "2026-01-10", "2026-03-17", 66, 60, "2026-03-17", false, "", b60},
		{ledger.KindBusiness, "2026-01-10", "2026-03-18", 67, 60, "2026-03-17", true, "legal.terms.over_60", b60},
		// Business, reading B gives the most.
		{ledger.KindBusiness, "2026-01-20", "2026-03-31", 70, 60, "2026-03-31", false, "", b60},
		{ledger.KindBusiness, "2026-01-20", "2026-04-01", 71, 60, "2026-03-31", true, "legal.terms.over_60", b60},
		// Business, 60 days give the most.
		{ledger.KindBusiness, "2026-01-31", "2026-04-01", 60, 60, "2026-04-01", false, "", b60},
		{ledger.KindBusiness, "2026-01-31", "2026-04-02", 61, 60, "2026-04-01", true, "legal.terms.over_60", b60},
		// Business, reading A and 60 days coincide.
		{ledger.KindBusiness, "2026-06-15", "2026-08-14", 60, 60, "2026-08-14", false, "", b60},
		{ledger.KindBusiness, "2026-06-15", "2026-08-15", 61, 60, "2026-08-14", true, "legal.terms.over_60", b60},
		// Business, a leap February.
		{ledger.KindBusiness, "2024-01-01", "2024-03-16", 75, 60, "2024-03-16", false, "", b60},
		{ledger.KindBusiness, "2024-01-01", "2024-03-17", 76, 60, "2024-03-16", true, "legal.terms.over_60", b60},
		// Business, cash and short terms.
		{ledger.KindBusiness, "2026-01-10", "2026-01-10", 0, 60, "2026-03-17", false, "", b60},
		{ledger.KindBusiness, "2026-01-10", "2026-02-09", 30, 60, "2026-03-17", false, "", b60},

		// Public bodies: 30 days, from the issue date.
		{ledger.KindPublic, "2026-01-10", "2026-02-09", 30, 30, "2026-02-09", false, "", p30},
		{ledger.KindPublic, "2026-01-10", "2026-02-10", 31, 30, "2026-02-09", true, "legal.terms.over_30_public", p30},
		{ledger.KindPublic, "2026-01-31", "2026-03-02", 30, 30, "2026-03-02", false, "", p30},
		{ledger.KindPublic, "2026-01-31", "2026-03-03", 31, 30, "2026-03-02", true, "legal.terms.over_30_public", p30},
		// No "end of month" for public bodies.
		{ledger.KindPublic, "2026-01-10", "2026-03-17", 66, 30, "2026-02-09", true, "legal.terms.over_30_public", p30},

		// Consumers: no maximum.
		{ledger.KindConsumer, "2026-01-10", "2026-02-10", 31, 0, "", false, "", ""},
		{ledger.KindConsumer, "2026-01-10", "2027-01-10", 365, 0, "", false, "", ""},
		{"", "2026-01-10", "2027-01-10", 365, 0, "", false, "", ""},

		// A due date before the issue date, whatever the kind.
		{ledger.KindBusiness, "2026-01-10", "2026-01-09", -1, 60, "2026-03-17", false, "legal.terms.due_before_issue", b60},
		{ledger.KindPublic, "2026-01-10", "2026-01-01", -9, 30, "2026-02-09", false, "legal.terms.due_before_issue", p30},
		{ledger.KindConsumer, "2026-01-10", "2025-12-31", -10, 0, "", false, "legal.terms.due_before_issue", ""},

		// Missing dates check nothing.
		{ledger.KindBusiness, "", "2026-01-09", 0, 60, "", false, "", b60},
		{ledger.KindPublic, "2026-01-10", "", 0, 30, "", false, "", p30},
	} {
		var issue, due civil.Date
		if tt.issue != "" {
			issue = civil.MustParse(tt.issue)
		}
		if tt.due != "" {
			due = civil.MustParse(tt.due)
		}
		got := CheckTerms(tt.kind, issue, due)
		want := TermCheck{Days: tt.days, Limit: tt.limit, Over: tt.over, Key: tt.key, Article: tt.article}
		if tt.latest != "" {
			want.Latest = civil.MustParse(tt.latest)
		}
		if got != want {
			t.Errorf("CheckTerms(%q, %s, %s)\n got %+v\nwant %+v", tt.kind, tt.issue, tt.due, got, want)
		}
	}
}

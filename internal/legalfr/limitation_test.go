package legalfr

import (
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

func lev(on string, k LimitationEventKind) LimitationEvent {
	return LimitationEvent{On: civil.MustParse(on), Kind: k}
}

func TestEventKinds(t *testing.T) {
	for _, tt := range []struct {
		k              LimitationEventKind
		valid, civil   bool
		public         bool // InterruptsFor(KindPublic)
		consumer, busi bool // InterruptsFor(KindConsumer), InterruptsFor(KindBusiness)
	}{
		{LimitationPartialPayment, true, true, true, true, true},
		{LimitationPaymentPlan, true, true, true, true, true},
		{LimitationCourtAction, true, true, true, true, true},
		{LimitationEnforcement, true, true, true, true, true},
		{LimitationReminder, true, false, false, false, false},
		{LimitationFormalNotice, true, false, true, false, false},
		{"phone_call", false, false, false, false, false},
		{"", false, false, false, false, false},
	} {
		if got := tt.k.Valid(); got != tt.valid {
			t.Errorf("%q.Valid() = %v", tt.k, got)
		}
		if got := tt.k.Interrupts(); got != tt.civil {
			t.Errorf("%q.Interrupts() = %v", tt.k, got)
		}
		if got := tt.k.InterruptsFor(ledger.KindPublic); got != tt.public {
			t.Errorf("%q.InterruptsFor(public) = %v", tt.k, got)
		}
		if got := tt.k.InterruptsFor(ledger.KindConsumer); got != tt.consumer {
			t.Errorf("%q.InterruptsFor(consumer) = %v", tt.k, got)
		}
		if got := tt.k.InterruptsFor(ledger.KindBusiness); got != tt.busi {
			t.Errorf("%q.InterruptsFor(business) = %v", tt.k, got)
		}
	}
}

func TestLimitationOf(t *testing.T) {
	const (
		notInt = "legal.limitation.not_interrupting"
		before = "legal.limitation.before_start"
		after  = "legal.limitation.after_expiry"
		l1104  = "L110-4 C. com."
		l2182  = "L218-2 C. conso."
		q1     = "art. 1 loi n° 68-1250 du 31 déc. 1968"
		q2     = "art. 2 loi n° 68-1250 du 31 déc. 1968"
	)
	for _, tt := range []struct {
		name           string
		kind           ledger.DebtorKind
		due            string
		events         []LimitationEvent
		years          int
		start, expires string
		by             string // "date kind" of InterruptedBy, "" when nil
		article, intr  string
		ignored        []string // "date kind reason"
	}{
		// The three debtor kinds, no event.
		{name: "business: 5 years to the day", kind: ledger.KindBusiness, due: "2025-03-15",
			years: 5, start: "2025-03-15", expires: "2030-03-15", article: l1104},
		{name: "consumer: 2 years to the day", kind: ledger.KindConsumer, due: "2025-03-15",
			years: 2, start: "2025-03-15", expires: "2027-03-15", article: l2182},
		{name: "public: 4 years from 1 January after", kind: ledger.KindPublic, due: "2025-03-15",
			years: 4, start: "2026-01-01", expires: "2029-12-31", article: q1},
		{name: "public: due on 31 December", kind: ledger.KindPublic, due: "2025-12-31",
			years: 4, start: "2026-01-01", expires: "2029-12-31", article: q1},
		{name: "public: due on 1 January", kind: ledger.KindPublic, due: "2026-01-01",
			years: 4, start: "2027-01-01", expires: "2030-12-31", article: q1},
		{name: "unknown debtor kind: the shortest period", kind: "", due: "2025-03-15",
			years: 2, start: "2025-03-15", expires: "2027-03-15", article: l2182},

		// Each event kind against a business.
		{name: "partial payment interrupts (2240)", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2026-06-10", LimitationPartialPayment)},
			years:  5, start: "2026-06-10", expires: "2031-06-10", by: "2026-06-10 partial_payment", article: l1104, intr: "2240 C. civ."},
		{name: "signed payment plan interrupts (2240)", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2026-06-10", LimitationPaymentPlan)},
			years:  5, start: "2026-06-10", expires: "2031-06-10", by: "2026-06-10 payment_plan_signed", article: l1104, intr: "2240 C. civ."},
		{name: "court action interrupts (2241)", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2027-01-20", LimitationCourtAction)},
			years:  5, start: "2027-01-20", expires: "2032-01-20", by: "2027-01-20 court_action", article: l1104, intr: "2241 C. civ."},
		{name: "enforcement interrupts (2244)", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2028-09-30", LimitationEnforcement)},
			years:  5, start: "2028-09-30", expires: "2033-09-30", by: "2028-09-30 enforcement", article: l1104, intr: "2244 C. civ."},
		{name: "reminder does not interrupt", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2026-06-10", LimitationReminder)},
			years:  5, start: "2025-03-15", expires: "2030-03-15", article: l1104,
			ignored: []string{"2026-06-10 reminder " + notInt}},
		{name: "formal notice by registered letter does not interrupt", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2029-12-01", LimitationFormalNotice)},
			years:  5, start: "2025-03-15", expires: "2030-03-15", article: l1104,
			ignored: []string{"2029-12-01 formal_notice " + notInt}},
		{name: "unknown event kind is ignored", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2026-06-10", "phone_call")},
			years:  5, start: "2025-03-15", expires: "2030-03-15", article: l1104,
			ignored: []string{"2026-06-10 phone_call " + notInt}},

		// Consumers.
		{name: "consumer: partial payment restarts 2 years", kind: ledger.KindConsumer, due: "2025-03-15",
			events: []LimitationEvent{lev("2026-01-10", LimitationPartialPayment), lev("2026-02-01", LimitationFormalNotice)},
			years:  2, start: "2026-01-10", expires: "2028-01-10", by: "2026-01-10 partial_payment", article: l2182, intr: "2240 C. civ.",
			ignored: []string{"2026-02-01 formal_notice " + notInt}},
		{name: "consumer: several interruptions, given out of order", kind: ledger.KindConsumer, due: "2024-01-31",
			events: []LimitationEvent{
				lev("2027-06-01", LimitationCourtAction),
				lev("2025-06-15", LimitationPartialPayment),
				lev("2026-01-01", LimitationReminder),
				lev("2026-12-01", LimitationPaymentPlan),
			},
			years: 2, start: "2027-06-01", expires: "2029-06-01", by: "2027-06-01 court_action", article: l2182, intr: "2241 C. civ.",
			ignored: []string{"2026-01-01 reminder " + notInt}},
		{name: "a chain: the second event is after the first expiry but within the new one", kind: ledger.KindConsumer, due: "2023-01-10",
			events: []LimitationEvent{lev("2024-12-01", LimitationPartialPayment), lev("2026-06-01", LimitationCourtAction)},
			years:  2, start: "2026-06-01", expires: "2028-06-01", by: "2026-06-01 court_action", article: l2182, intr: "2241 C. civ."},
		{name: "payment after expiry does not revive the claim", kind: ledger.KindConsumer, due: "2023-01-10",
			events: []LimitationEvent{lev("2025-01-11", LimitationPartialPayment), lev("2025-05-01", LimitationCourtAction)},
			years:  2, start: "2023-01-10", expires: "2025-01-10", article: l2182,
			ignored: []string{"2025-01-11 partial_payment " + after, "2025-05-01 court_action " + after}},
		{name: "payment on the last day still interrupts", kind: ledger.KindConsumer, due: "2023-01-10",
			events: []LimitationEvent{lev("2025-01-10", LimitationPartialPayment)},
			years:  2, start: "2025-01-10", expires: "2027-01-10", by: "2025-01-10 partial_payment", article: l2182, intr: "2240 C. civ."},
		{name: "payment before the due date: nothing was running", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2025-03-01", LimitationPartialPayment)},
			years:  5, start: "2025-03-15", expires: "2030-03-15", article: l1104,
			ignored: []string{"2025-03-01 partial_payment " + before}},
		{name: "payment on the due date", kind: ledger.KindBusiness, due: "2025-03-15",
			events: []LimitationEvent{lev("2025-03-15", LimitationPartialPayment)},
			years:  5, start: "2025-03-15", expires: "2030-03-15", by: "2025-03-15 partial_payment", article: l1104, intr: "2240 C. civ."},

		// 29 February ends on 28 February when the final year has none.
		{name: "business from 29 February", kind: ledger.KindBusiness, due: "2024-02-29",
			years: 5, start: "2024-02-29", expires: "2029-02-28", article: l1104},
		{name: "consumer from 29 February", kind: ledger.KindConsumer, due: "2024-02-29",
			years: 2, start: "2024-02-29", expires: "2026-02-28", article: l2182},
		{name: "consumer interrupted on 29 February", kind: ledger.KindConsumer, due: "2027-06-30",
			events: []LimitationEvent{lev("2028-02-29", LimitationPaymentPlan)},
			years:  2, start: "2028-02-29", expires: "2030-02-28", by: "2028-02-29 payment_plan_signed", article: l2182, intr: "2240 C. civ."},
		{name: "from 28 February in a leap final year: still 28", kind: ledger.KindBusiness, due: "2023-02-28",
			years: 5, start: "2023-02-28", expires: "2028-02-28", article: l1104},

		// Public bodies: the déchéance quadriennale.
		{name: "public: a formal notice interrupts, 4 years from 1 January after", kind: ledger.KindPublic, due: "2025-03-15",
			events: []LimitationEvent{lev("2027-05-01", LimitationFormalNotice), lev("2027-09-01", LimitationReminder)},
			years:  4, start: "2028-01-01", expires: "2031-12-31", by: "2027-05-01 formal_notice", article: q1, intr: q2,
			ignored: []string{"2027-09-01 reminder " + notInt}},
		{name: "public: a payment in the due date's year changes nothing but is recorded", kind: ledger.KindPublic, due: "2025-03-15",
			events: []LimitationEvent{lev("2025-06-01", LimitationPartialPayment)},
			years:  4, start: "2026-01-01", expires: "2029-12-31", by: "2025-06-01 partial_payment", article: q1, intr: q2},
		{name: "public: after 31 December of the fourth year, too late", kind: ledger.KindPublic, due: "2025-03-15",
			events: []LimitationEvent{lev("2030-01-01", LimitationCourtAction)},
			years:  4, start: "2026-01-01", expires: "2029-12-31", article: q1,
			ignored: []string{"2030-01-01 court_action " + after}},
		{name: "public: on 31 December of the fourth year, in time", kind: ledger.KindPublic, due: "2025-03-15",
			events: []LimitationEvent{lev("2029-12-31", LimitationCourtAction)},
			years:  4, start: "2030-01-01", expires: "2033-12-31", by: "2029-12-31 court_action", article: q1, intr: q2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]LimitationEvent(nil), tt.events...)
			l := LimitationOf(tt.kind, civil.MustParse(tt.due), tt.events)
			if l.Years != tt.years || l.Start.String() != tt.start || l.Expires.String() != tt.expires {
				t.Errorf("years %d, %s → %s; want %d, %s → %s", l.Years, l.Start, l.Expires, tt.years, tt.start, tt.expires)
			}
			by := ""
			if l.InterruptedBy != nil {
				by = fmt.Sprintf("%s %s", l.InterruptedBy.On, l.InterruptedBy.Kind)
			}
			if by != tt.by {
				t.Errorf("InterruptedBy %q, want %q", by, tt.by)
			}
			if l.Article != tt.article || l.InterruptionArticle != tt.intr {
				t.Errorf("articles %q, %q; want %q, %q", l.Article, l.InterruptionArticle, tt.article, tt.intr)
			}
			var ignored []string
			for _, e := range l.Ignored {
				ignored = append(ignored, fmt.Sprintf("%s %s %s", e.Event.On, e.Event.Kind, e.Reason))
			}
			if fmt.Sprint(ignored) != fmt.Sprint(tt.ignored) {
				t.Errorf("ignored %q, want %q", ignored, tt.ignored)
			}
			for i := range in {
				if tt.events[i] != in[i] {
					t.Fatalf("LimitationOf reordered its argument")
				}
			}
		})
	}
}

func TestLimitationAlert(t *testing.T) {
	l := LimitationOf(ledger.KindBusiness, civil.MustParse("2025-03-15"), nil) // expires 2030-03-15
	for _, tt := range []struct {
		today   string
		alert   int
		expired bool
	}{
		{"2025-03-15", 0, false},
		{"2029-12-14", 0, false},  // 91 days left
		{"2029-12-15", 90, false}, // 90 days left
		{"2030-02-12", 90, false}, // 31 days left
		{"2030-02-13", 30, false}, // 30 days left
		{"2030-03-14", 30, false},
		{"2030-03-15", 30, false}, // the last day the action can be brought
		{"2030-03-16", 0, true},   // barred
		{"2031-01-01", 0, true},
	} {
		today := civil.MustParse(tt.today)
		if got := l.Alert(today); got != tt.alert {
			t.Errorf("Alert(%s) = %d, want %d (%d days left)", tt.today, got, tt.alert, today.DaysUntil(l.Expires))
		}
		if got := l.Expired(today); got != tt.expired {
			t.Errorf("Expired(%s) = %v, want %v", tt.today, got, tt.expired)
		}
	}

	// A consumer's alert comes earlier; a partial payment pushes it back.
	c := LimitationOf(ledger.KindConsumer, civil.MustParse("2024-05-01"), nil) // expires 2026-05-01
	if got := c.Alert(civil.MustParse("2026-04-01")); got != 30 {
		t.Errorf("consumer Alert 30 days before = %d", got)
	}
	c = LimitationOf(ledger.KindConsumer, civil.MustParse("2024-05-01"), []LimitationEvent{lev("2026-03-01", LimitationPartialPayment)})
	if got := c.Alert(civil.MustParse("2026-04-01")); got != 0 || c.Expired(civil.MustParse("2026-06-01")) {
		t.Errorf("after a payment: Alert %d, expires %s", got, c.Expires)
	}

	// With no due date there is nothing to count.
	z := LimitationOf(ledger.KindBusiness, civil.Date{}, []LimitationEvent{lev("2026-03-01", LimitationPartialPayment)})
	if !z.Expires.IsZero() || z.Expired(civil.MustParse("2099-01-01")) || z.Alert(civil.MustParse("2099-01-01")) != 0 || z.InterruptedBy != nil {
		t.Errorf("zero due: %+v", z)
	}
}

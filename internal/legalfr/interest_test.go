package legalfr

import (
	"errors"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

func d(s string) civil.Date { return civil.MustParse(s) }

type wantPeriod struct {
	from, to string
	days     int
	base     int64
	rate     BP
	interest int64
}

// TestCompute pins worked cases computed by hand: each period's interest
// is base × rate × days / year days, rounded half-up to the cent.
func TestCompute(t *testing.T) {
	tbl := Default()
	for _, tt := range []struct {
		name      string
		claim     Claim
		settings  Settings
		periods   []wantPeriod
		principal int64
		interest  int64
		indemnity int64
		warnings  []string
	}{
		{
			// 2025 S1: ECB 3.15 on 1 Jan (since 18 Dec 2024) + 10 = 13.15;
			// S2: ECB 2.15 on 1 Jul (since 11 Jun 2025) + 10 = 12.15.
			// 1,000,000 × 1315 × 91 / 3,650,000 = 32,784.93 → 327.85
			// 1,000,000 × 1215 × 92 / 3,650,000 = 30,624.66 → 306.25
			name:  "B2B across a change of semester",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(10000_00), Due: d("2025-03-31"), Until: d("2025-09-30")},
			periods: []wantPeriod{
				{"2025-04-01", "2025-06-30", 91, 10000_00, 1315, 327_85},
				{"2025-07-01", "2025-09-30", 92, 10000_00, 1215, 306_25},
			},
			principal: 10000_00, interest: 634_10, indemnity: 40_00,
		},
		{
			// 2023 S2: ECB 4.00 on 1 Jul + 10 = 14.00, 365 days:
			// 500,000 × 1400 × 16 / 3,650,000 = 3,068.49 → 30.68.
			// 2024 S1: ECB 4.50 + 10 = 14.50, 2024 has 366 days:
			// 500,000 × 1450 × 31 / 3,660,000 = 6,140.71 → 61.41.
			name:  "B2B across a new leap year, actual days",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(5000_00), Due: d("2023-12-15"), Until: d("2024-01-31")},
			periods: []wantPeriod{
				{"2023-12-16", "2023-12-31", 16, 5000_00, 1400, 30_68},
				{"2024-01-01", "2024-01-31", 31, 5000_00, 1450, 61_41},
			},
			principal: 5000_00, interest: 92_09, indemnity: 40_00,
		},
		{
			// The 365 setting: 500,000 × 1450 × 31 / 3,650,000 = 6,157.53 → 61.58.
			name:     "B2B in a leap year, 365 setting",
			claim:    Claim{Kind: ledger.KindBusiness, Principal: money.EUR(5000_00), Due: d("2023-12-15"), Until: d("2024-01-31")},
			settings: Settings{Year365: true},
			periods: []wantPeriod{
				{"2023-12-16", "2023-12-31", 16, 5000_00, 1400, 30_68},
				{"2024-01-01", "2024-01-31", 31, 5000_00, 1450, 61_58},
			},
			principal: 5000_00, interest: 92_26, indemnity: 40_00,
		},
		{
			// From the day after the notice; creditor a business: "autres
			// cas" rate, 2025 S1 3.71, S2 2.76.
			// 120,000 × 371 × 51 / 3,650,000 = 622.06 → 6.22
			// 120,000 × 276 × 40 / 3,650,000 = 362.96 → 3.63
			name: "B2C from the formal notice",
			claim: Claim{Kind: ledger.KindConsumer, Principal: money.EUR(1200_00), Due: d("2025-01-31"),
				Notice: d("2025-05-10"), Until: d("2025-08-09")},
			periods: []wantPeriod{
				{"2025-05-11", "2025-06-30", 51, 1200_00, 371, 6_22},
				{"2025-07-01", "2025-08-09", 40, 1200_00, 276, 3_63},
			},
			principal: 1200_00, interest: 9_85,
		},
		{
			// The creditor is a private individual: 7.21 then 6.65.
			// 120,000 × 721 × 51 / 3,650,000 = 1,208.91 → 12.09
			// 120,000 × 665 × 40 / 3,650,000 = 874.52 → 8.75
			name: "B2C, creditor a private individual",
			claim: Claim{Kind: ledger.KindConsumer, Principal: money.EUR(1200_00), Due: d("2025-01-31"),
				Notice: d("2025-05-10"), Until: d("2025-08-09"), CreditorIsConsumer: true},
			periods: []wantPeriod{
				{"2025-05-11", "2025-06-30", 51, 1200_00, 721, 12_09},
				{"2025-07-01", "2025-08-09", 40, 1200_00, 665, 8_75},
			},
			principal: 1200_00, interest: 20_84,
		},
		{
			name:      "B2C without a notice: no interest, and said so",
			claim:     Claim{Kind: ledger.KindConsumer, Principal: money.EUR(1200_00), Due: d("2025-01-31"), Until: d("2025-08-09")},
			principal: 1200_00, warnings: []string{"legal.warn.no_notice"},
		},
		{
			// 1,000,000 × 1315 × 45 / 3,650,000 = 16,212.33 → 162.12.
			// 4,000.00 received on 15 May pays the 162.12 of interest first,
			// then 3,837.88 of principal: base 6,162.12 from 16 May.
			// 616,212 × 1315 × 46 / 3,650,000 = 10,212.24 → 102.12.
			name: "B2B partial payment, interest first",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(10000_00), Due: d("2025-03-31"), Until: d("2025-06-30"),
				Payments: []Payment{{On: d("2025-05-15"), Amount: money.EUR(4000_00)}}},
			periods: []wantPeriod{
				{"2025-04-01", "2025-05-15", 45, 10000_00, 1315, 162_12},
				{"2025-05-16", "2025-06-30", 46, 6162_12, 1315, 102_12},
			},
			principal: 6162_12, interest: 102_12, indemnity: 40_00,
		},
		{
			// 600,000 × 1315 × 46 / 3,650,000 = 9,943.56 → 99.44.
			name: "B2B partial payment, principal first",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(10000_00), Due: d("2025-03-31"), Until: d("2025-06-30"),
				Payments: []Payment{{On: d("2025-05-15"), Amount: money.EUR(4000_00)}}},
			settings: Settings{PrincipalFirst: true},
			periods: []wantPeriod{
				{"2025-04-01", "2025-05-15", 45, 10000_00, 1315, 162_12},
				{"2025-05-16", "2025-06-30", 46, 6000_00, 1315, 99_44},
			},
			principal: 6000_00, interest: 261_56, indemnity: 40_00,
		},
		{
			// Paid in full late: interest stops the day of payment, the
			// indemnity stays. 200,000 × 1315 × 10 / 3,650,000 = 720.55 → 7.21;
			// the 2,000.00 pays 7.21 of interest and 1,992.79 of principal.
			// 721 × 1315 × 20 / 3,650,000 = 5.19 → 0.05.
			name: "B2B paid late, interest first leaves a tail",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(2000_00), Due: d("2025-03-31"), Until: d("2025-04-30"),
				Payments: []Payment{{On: d("2025-04-10"), Amount: money.EUR(2000_00)}}},
			periods: []wantPeriod{
				{"2025-04-01", "2025-04-10", 10, 2000_00, 1315, 7_21},
				{"2025-04-11", "2025-04-30", 20, 7_21, 1315, 5},
			},
			principal: 7_21, interest: 5, indemnity: 40_00,
		},
		{
			// A credit note corrects the debt: it lowers the principal even
			// with interest first. 200,000 × 1315 × 10 / 3,650,000 = 7.21;
			// then 150,000 × 1315 × 20 / 3,650,000 = 1,080.82 → 10.81.
			name: "B2B credit note applied to the principal",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(2000_00), Due: d("2025-03-31"), Until: d("2025-04-30"),
				Payments: []Payment{{On: d("2025-04-10"), Amount: money.EUR(500_00), Credit: true}}},
			periods: []wantPeriod{
				{"2025-04-01", "2025-04-10", 10, 2000_00, 1315, 7_21},
				{"2025-04-11", "2025-04-30", 20, 1500_00, 1315, 10_81},
			},
			principal: 1500_00, interest: 18_02, indemnity: 40_00,
		},
		{
			name: "B2B paid on time: nothing",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(2000_00), Due: d("2025-03-31"), Until: d("2025-04-30"),
				Payments: []Payment{{On: d("2025-03-31"), Amount: money.EUR(2000_00)}}},
		},
		{
			// An agreed rate of 5 % replaces the default but is below three
			// times the legal rate (3 × 3.71 = 11.13 in 2025 S1).
			// 200,000 × 500 × 30 / 3,650,000 = 821.92 → 8.22.
			name: "B2B contract rate below the floor",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(2000_00), Due: d("2025-03-31"), Until: d("2025-04-30"),
				ContractRate: 500, HasContractRate: true},
			periods:   []wantPeriod{{"2025-04-01", "2025-04-30", 30, 2000_00, 500, 8_22}},
			principal: 2000_00, interest: 8_22, indemnity: 40_00, warnings: []string{"legal.warn.below_floor"},
		},
		{
			// Proven costs above €40 replace the flat indemnity.
			name: "B2B with proven recovery costs",
			claim: Claim{Kind: ledger.KindBusiness, Principal: money.EUR(2000_00), Due: d("2025-03-31"), Until: d("2025-04-30"),
				ContractRate: 1500, HasContractRate: true, RecoveryCosts: money.EUR(180_00)},
			periods:   []wantPeriod{{"2025-04-01", "2025-04-30", 30, 2000_00, 1500, 24_66}},
			principal: 2000_00, interest: 24_66, indemnity: 180_00,
		},
		{
			// R2192-31: the ECB rate of the first day of the semester the
			// interest starts in (3.15 on 1 Jan 2025) + 8 = 11.15, for the
			// whole delay, across the semester.
			// 1,000,000 × 1115 × 60 / 3,650,000 = 18,328.77 → 183.29.
			name:      "public body, one rate for the whole delay",
			claim:     Claim{Kind: ledger.KindPublic, Principal: money.EUR(10000_00), Due: d("2025-06-20"), Until: d("2025-08-19")},
			periods:   []wantPeriod{{"2025-06-21", "2025-08-19", 60, 10000_00, 1115, 183_29}},
			principal: 10000_00, interest: 183_29, indemnity: 40_00,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, err := Compute(tbl, tt.claim, tt.settings)
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Periods) != len(tt.periods) {
				t.Fatalf("%d periods, want %d: %+v", len(st.Periods), len(tt.periods), st.Periods)
			}
			var sum int64
			for i, w := range tt.periods {
				p := st.Periods[i]
				got := wantPeriod{p.From.String(), p.To.String(), p.Days, p.Base.Minor, p.Rate, p.Interest.Minor}
				if got != w {
					t.Errorf("period %d: %+v, want %+v", i, got, w)
				}
				sum += p.Interest.Minor
			}
			if st.Accrued.Minor != sum {
				t.Errorf("accrued %d is not the sum of the periods %d", st.Accrued.Minor, sum)
			}
			if st.Principal.Minor != tt.principal || st.Interest.Minor != tt.interest || st.Indemnity.Minor != tt.indemnity {
				t.Errorf("principal %d interest %d indemnity %d, want %d %d %d",
					st.Principal.Minor, st.Interest.Minor, st.Indemnity.Minor, tt.principal, tt.interest, tt.indemnity)
			}
			if st.Total.Minor != tt.principal+tt.interest+tt.indemnity {
				t.Errorf("total %d", st.Total.Minor)
			}
			if len(st.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings %+v, want %v", st.Warnings, tt.warnings)
			}
			for i, w := range tt.warnings {
				if st.Warnings[i].Key != w {
					t.Errorf("warning %q, want %q", st.Warnings[i].Key, w)
				}
			}
		})
	}
}

// TestComputeSaysWhenARateIsUnconfirmed: the legal rate of 2026-S2 has a
// single source; a statement that uses it says so, once.
func TestComputeSaysWhenARateIsUnconfirmed(t *testing.T) {
	st, err := Compute(Default(), Claim{Kind: ledger.KindConsumer, Principal: money.EUR(1000_00), Due: d("2026-06-01"),
		Notice: d("2026-06-15"), Until: d("2026-10-31"), Payments: []Payment{{On: d("2026-08-01"), Amount: money.EUR(100_00)}}}, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Warnings) != 1 || st.Warnings[0].Key != "legal.warn.unconfirmed" || st.Warnings[0].Args[0] != "2026-S2" {
		t.Errorf("warnings %+v", st.Warnings)
	}
}

func TestComputeNeverGuessesARate(t *testing.T) {
	tbl := Default()
	_, err := Compute(tbl, Claim{Kind: ledger.KindConsumer, Principal: money.EUR(100_00), Due: d("2026-10-01"),
		Notice: d("2026-11-01"), Until: d("2027-02-01")}, Settings{})
	var missing *MissingRateError
	if !errors.As(err, &missing) || missing.Sem != (Semester{2027, 1}) {
		t.Fatalf("err %v, want a missing legal rate for 2027-S1", err)
	}
	if ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("a missing rate has code %q, want invalid", ledger.ErrorCode(err))
	}
	// Past the ECB table's known decisions, a business claim is refused too.
	_, err = Compute(tbl, Claim{Kind: ledger.KindBusiness, Principal: money.EUR(100_00), Due: d("2026-12-01"), Until: d("2027-01-10")}, Settings{})
	if !errors.As(err, &missing) || missing.What != "ecb" || missing.On != d("2027-01-01") {
		t.Fatalf("err %v, want a missing ECB rate on 1 January 2027", err)
	}
	empty := &Table{}
	_, err = Compute(empty, Claim{Kind: ledger.KindBusiness, Principal: money.EUR(100_00), Due: d("2025-01-01"), Until: d("2025-02-01")}, Settings{})
	if !errors.As(err, &missing) || missing.What != "ecb" {
		t.Fatalf("err %v, want a missing ECB rate", err)
	}
}

func TestComputeRefusesBadClaims(t *testing.T) {
	tbl := Default()
	ok := Claim{Kind: ledger.KindBusiness, Principal: money.EUR(100_00), Due: d("2025-01-01"), Until: d("2025-02-01")}
	for name, mutate := range map[string]func(*Claim){
		"kind":      func(c *Claim) { c.Kind = "martian" },
		"principal": func(c *Claim) { c.Principal = money.EUR(0) },
		"until":     func(c *Claim) { c.Until = d("2024-12-31") },
		"notice":    func(c *Claim) { c.Notice = d("2025-03-01") },
		"payment":   func(c *Claim) { c.Payments = []Payment{{On: d("2025-01-10"), Amount: money.New(5, "USD")}} },
		"rate":      func(c *Claim) { c.HasContractRate, c.ContractRate = true, -1 },
	} {
		c := ok
		mutate(&c)
		if _, err := Compute(tbl, c, Settings{}); ledger.ErrorCode(err) != ledger.EInvalid {
			t.Errorf("%s: err %v, want invalid", name, err)
		}
	}
	if _, err := Compute(tbl, ok, Settings{}); err != nil {
		t.Fatal(err)
	}
}

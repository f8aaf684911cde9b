package legalfr

import (
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

// TestEaster pins Easter Sundays: 2024–2028 from legal-fr.md, and years
// worked through the algorithm by hand.
//
//	2019: a=5 b=20 c=19 d=5 e=0 f=1 g=6 h=119%30=29 i=4 k=3
//	      l=(32+0+8-29-3)%7=1 m=(5+319+22)/451=0 n=29+1+114=144 → 4/21
//	2038: a=5 b=20 c=38 d=5 e=0 f=1 g=6 h=29 i=9 k=2
//	      l=(32+0+18-29-2)%7=5 m=(5+319+110)/451=0 n=148 → 4/25, the latest possible
//	1981: a=5 b=19 c=81 d=4 e=3 f=1 g=6 h=119%30=29 i=20 k=1
//	      l=(32+6+40-29-1)%7=6 m=(5+319+132)/451=1 n=29+6-7+114=142 → 4/19,
//	      a year where the m correction is needed (without it: 4/26)
func TestEaster(t *testing.T) {
	for year, want := range map[int]string{
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16",
		2019: "2019-04-21", 2038: "2038-04-25", 1981: "1981-04-19",
		1954: "1954-04-18",                     // the other classic exception year
		1818: "1818-03-22", 2285: "2285-03-22", // the earliest possible date
		1943: "1943-04-25", 2000: "2000-04-23", 2008: "2008-03-23",
	} {
		if got := Easter(year).String(); got != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
}

// TestEasterAgainstKnuth checks the Meeus/Jones/Butcher algorithm against
// an independent one, Knuth's from the Gregorian epact (TAOCP vol. 1,
// 1.3.2 ex. 14), over the whole range where both hold, and checks that
// Easter is a Sunday between 22 March and 25 April.
func TestEasterAgainstKnuth(t *testing.T) {
	knuth := func(y int) civil.Date {
		g := y%19 + 1
		c := y/100 + 1
		x := 3*c/4 - 12
		z := (8*c+5)/25 - 5
		d := 5*y/4 - x - 10
		e := (11*g + 20 + z - x) % 30
		if e < 0 {
			e += 30
		}
		if (e == 25 && g > 11) || e == 24 {
			e++
		}
		n := 44 - e
		if n < 21 {
			n += 30
		}
		n = n + 7 - (d+n)%7
		if n > 31 {
			return civil.D(y, time.April, n-31)
		}
		return civil.D(y, time.March, n)
	}
	for y := 1583; y <= 4099; y++ {
		e := Easter(y)
		if k := knuth(y); e != k {
			t.Fatalf("Easter(%d) = %s, Knuth's algorithm gives %s", y, e, k)
		}
		if e.Time(nil).Weekday() != time.Sunday || e.Before(civil.D(y, time.March, 22)) || e.After(civil.D(y, time.April, 25)) {
			t.Fatalf("Easter(%d) = %s: not a Sunday from 22 March to 25 April", y, e)
		}
	}
}

func holidayDates(hs []Holiday) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Date.String() + " " + h.Name
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d holidays\n got %q\nwant %q", what, len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s[%d] = %q, want %q", what, i, got[i], want[i])
		}
	}
}

func TestHolidays2026(t *testing.T) {
	national := []string{
		"2026-01-01 Jour de l’an",
		"2026-04-06 Lundi de Pâques",
		"2026-05-01 Fête du Travail",
		"2026-05-08 Victoire 1945",
		"2026-05-14 Ascension",
		"2026-05-25 Lundi de Pentecôte",
		"2026-07-14 Fête nationale",
		"2026-08-15 Assomption",
		"2026-11-01 Toussaint",
		"2026-11-11 Armistice 1918",
		"2026-12-25 Noël",
	}
	sameList(t, "metropole", holidayDates(Holidays(2026, RegionMetropole)), national)
	sameList(t, "alsace-moselle", holidayDates(Holidays(2026, RegionAlsaceMoselle)), []string{
		"2026-01-01 Jour de l’an",
		"2026-04-03 Vendredi saint",
		"2026-04-06 Lundi de Pâques",
		"2026-05-01 Fête du Travail",
		"2026-05-08 Victoire 1945",
		"2026-05-14 Ascension",
		"2026-05-25 Lundi de Pentecôte",
		"2026-07-14 Fête nationale",
		"2026-08-15 Assomption",
		"2026-11-01 Toussaint",
		"2026-11-11 Armistice 1918",
		"2026-12-25 Noël",
		"2026-12-26 Saint-Étienne",
	})
	// An unknown region falls back to the national list.
	sameList(t, "unknown", holidayDates(Holidays(2026, Region("atlantis"))), national)

	// Each overseas region adds exactly its abolition day.
	for r, day := range map[Region]string{
		RegionMayotte:         "2026-04-27",
		RegionMartinique:      "2026-05-22",
		RegionGuadeloupe:      "2026-05-27",
		RegionSaintMartin:     "2026-05-27",
		RegionGuyane:          "2026-06-10",
		RegionSaintBarthelemy: "2026-10-09",
		RegionReunion:         "2026-12-20",
	} {
		hs := Holidays(2026, r)
		if len(hs) != 12 {
			t.Errorf("%s: %d holidays, want 12", r, len(hs))
		}
		h, ok := IsHoliday(civil.MustParse(day), r)
		if !ok || h.Name != "Abolition de l’esclavage" {
			t.Errorf("%s: IsHoliday(%s) = %v, %v", r, day, h, ok)
		}
		if _, ok := IsHoliday(civil.MustParse(day), RegionMetropole); ok {
			t.Errorf("%s is a holiday in metropolitan France", day)
		}
		for i := 1; i < len(hs); i++ {
			if hs[i].Date.Before(hs[i-1].Date) {
				t.Errorf("%s: not sorted at %d: %v", r, i, hs)
			}
		}
	}
}

// TestHolidaysSameDay: Easter 2008 was on 23 March, so Ascension fell on
// 1 May; both holidays are listed, in the code's order.
func TestHolidaysSameDay(t *testing.T) {
	hs := Holidays(2008, RegionMetropole)
	if len(hs) != 11 {
		t.Fatalf("%d holidays in 2008, want 11", len(hs))
	}
	if hs[2].Date != civil.D(2008, time.May, 1) || hs[3].Date != hs[2].Date ||
		hs[2].Name != "Fête du Travail" || hs[3].Name != "Ascension" {
		t.Fatalf("2008: %q", holidayDates(hs))
	}
	if h, _ := IsHoliday(civil.D(2008, time.May, 1), RegionMetropole); h.Name != "Fête du Travail" {
		t.Fatalf("IsHoliday(2008-05-01) = %v", h)
	}
}

func TestRegionOfPostalCode(t *testing.T) {
	for pc, want := range map[string]Region{
		"75001":   RegionMetropole,
		"20000":   RegionMetropole, // Ajaccio: Corsica has the national list
		"56000":   RegionMetropole, // Vannes, next to 57
		"57000":   RegionAlsaceMoselle,
		"57 000":  RegionAlsaceMoselle,
		" 67000 ": RegionAlsaceMoselle,
		"68100":   RegionAlsaceMoselle,
		"69001":   RegionMetropole,
		"97100":   RegionGuadeloupe,
		"97110":   RegionGuadeloupe,
		"97133":   RegionSaintBarthelemy,
		"97150":   RegionSaintMartin,
		"97200":   RegionMartinique,
		"97300":   RegionGuyane,
		"97400":   RegionReunion,
		"97500":   RegionMetropole, // Saint-Pierre-et-Miquelon
		"97600":   RegionMayotte,
		"98000":   RegionMetropole, // Monaco
		"98800":   RegionMetropole, // New Caledonia: its own labour law
		"":        RegionMetropole,
		"5700":    RegionMetropole,
		"570000":  RegionMetropole,
		"57A00":   RegionMetropole,
		"L-1234":  RegionMetropole,
	} {
		if got := RegionOfPostalCode(pc); got != want {
			t.Errorf("RegionOfPostalCode(%q) = %q, want %q", pc, got, want)
		}
		if !want.Valid() {
			t.Errorf("%q is not Valid", want)
		}
	}
	if Region("atlantis").Valid() {
		t.Error("an unknown region is Valid")
	}
}

func TestWorkingDays(t *testing.T) {
	for _, tt := range []struct {
		day    string
		r      Region
		want   string // NextWorkingDay
		reason string
	}{
		{"2026-05-08", RegionMetropole, "2026-05-11", "Friday 8 May, then the weekend"},
		{"2026-05-07", RegionMetropole, "2026-05-07", "a Thursday is a working day"},
		{"2026-07-11", RegionMetropole, "2026-07-13", "Saturday; Monday 13 works, 14 July is the Tuesday"},
		{"2026-07-14", RegionMetropole, "2026-07-15", "Tuesday 14 July"},
		{"2026-04-03", RegionMetropole, "2026-04-03", "Good Friday is worked outside Alsace-Moselle"},
		{"2026-04-03", RegionAlsaceMoselle, "2026-04-07", "Good Friday, the weekend, Easter Monday"},
		{"2026-12-25", RegionMetropole, "2026-12-28", "Christmas on a Friday, then the weekend"},
		{"2026-12-25", RegionAlsaceMoselle, "2026-12-28", "Saint-Étienne is the Saturday anyway"},
		{"2027-12-24", RegionAlsaceMoselle, "2027-12-24", "Friday 24 December is worked"},
		{"2027-12-25", RegionAlsaceMoselle, "2027-12-27", "Saturday 25, Sunday 26"},
		{"2026-05-14", RegionMetropole, "2026-05-15", "Ascension"},
		{"2026-05-23", RegionMetropole, "2026-05-26", "Whit weekend"},
		{"2026-05-22", RegionMartinique, "2026-05-26", "abolition day Friday 22, weekend, Whit Monday"},
		{"2026-12-31", RegionMetropole, "2026-12-31", "Thursday 31 December"},
		{"2027-01-01", RegionMetropole, "2027-01-04", "New Year's Day on a Friday, across the year"},
	} {
		got := NextWorkingDay(civil.MustParse(tt.day), tt.r)
		if got.String() != tt.want {
			t.Errorf("%s: NextWorkingDay(%s, %q) = %s, want %s", tt.reason, tt.day, tt.r, got, tt.want)
		}
		if w := IsWorkingDay(civil.MustParse(tt.day), tt.r); w != (tt.day == tt.want) {
			t.Errorf("%s: IsWorkingDay(%s, %q) = %v", tt.reason, tt.day, tt.r, w)
		}
	}
}

package dunning

import (
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestCalendarOf(t *testing.T) {
	tests := []struct {
		start, end int
		alsace     bool
		want       Calendar
	}{
		{9, 19, false, Calendar{QuietStart: 9, QuietEnd: 19}},
		{8, 20, true, Calendar{QuietStart: 8, QuietEnd: 20, AlsaceMoselle: true}},
		{0, 24, false, Calendar{QuietStart: 0, QuietEnd: 24}},
		{0, 0, false, Calendar{QuietStart: 9, QuietEnd: 19}},   // unset
		{19, 9, false, Calendar{QuietStart: 9, QuietEnd: 19}},  // reversed
		{-1, 19, false, Calendar{QuietStart: 9, QuietEnd: 19}}, // out of range
		{9, 25, false, Calendar{QuietStart: 9, QuietEnd: 19}},
	}
	for _, tt := range tests {
		got := CalendarOf(ledger.DunningSettings{QuietStart: tt.start, QuietEnd: tt.end, AlsaceMoselle: tt.alsace})
		if got != tt.want {
			t.Errorf("CalendarOf(%d, %d, %v) = %+v, want %+v", tt.start, tt.end, tt.alsace, got, tt.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	std := Calendar{QuietStart: 9, QuietEnd: 19}
	alsace := Calendar{QuietStart: 9, QuietEnd: 19, AlsaceMoselle: true}
	moselle := Calendar{QuietStart: 9, QuietEnd: 19, Region: legalfr.RegionAlsaceMoselle}
	tests := []struct {
		name string
		cal  Calendar
		t    time.Time
		want bool
	}{
		{"monday morning", std, at(2026, 3, 16, 10, 0), true},
		{"just before quiet start", std, at(2026, 3, 16, 8, 59), false},
		{"quiet start included", std, at(2026, 3, 16, 9, 0), true},
		{"last second", std, at(2026, 3, 16, 18, 59).Add(59 * time.Second), true},
		{"quiet end excluded", std, at(2026, 3, 16, 19, 0), false},
		{"saturday", std, at(2026, 3, 21, 10, 0), true},
		{"sunday", std, at(2026, 3, 22, 10, 0), false},
		{"14 July", std, at(2026, 7, 14, 10, 0), false},
		{"Easter Monday", std, at(2026, 4, 6, 10, 0), false},
		{"Ascension", std, at(2026, 5, 14, 10, 0), false},
		{"Whit Monday", std, at(2026, 5, 25, 10, 0), false},
		{"Good Friday elsewhere", std, at(2026, 4, 3, 10, 0), true},
		{"Good Friday, option", alsace, at(2026, 4, 3, 10, 0), false},
		{"Good Friday, debtor in Moselle", moselle, at(2026, 4, 3, 10, 0), false},
		{"26 December elsewhere", std, at(2025, 12, 26, 10, 0), true},
		{"26 December, option", alsace, at(2025, 12, 26, 10, 0), false},
		{"26 December, debtor in Moselle", moselle, at(2025, 12, 26, 10, 0), false},
		{"instant given in UTC", std, time.Date(2026, 3, 16, 8, 30, 0, 0, time.UTC), true}, // 9:30 in Paris
		{"instant given in UTC, too early", std, time.Date(2026, 3, 16, 7, 30, 0, 0, time.UTC), false},
		{"zero quiet hours fall back to 9–19", Calendar{}, at(2026, 3, 16, 10, 0), true},
	}
	for _, tt := range tests {
		if got := tt.cal.Allowed(tt.t, civil.Paris); got != tt.want {
			t.Errorf("%s: Allowed(%s) = %v, want %v", tt.name, tt.t, got, tt.want)
		}
	}
}

func TestNextAllowed(t *testing.T) {
	std := Calendar{QuietStart: 9, QuietEnd: 19}
	alsace := Calendar{QuietStart: 9, QuietEnd: 19, AlsaceMoselle: true}
	utc := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		cal      Calendar
		from     time.Time
		want     time.Time
		wantUTC  time.Time // when set, the instant is checked in UTC too
		wantZone string
	}{
		{name: "allowed stays", cal: std, from: at(2026, 3, 16, 10, 17), want: at(2026, 3, 16, 10, 17)},
		{name: "early morning", cal: std, from: at(2026, 3, 16, 7, 0), want: at(2026, 3, 16, 9, 0)},
		{name: "evening → next morning", cal: std, from: at(2026, 3, 16, 19, 0), want: at(2026, 3, 17, 9, 0)},
		{name: "saturday evening → monday", cal: std, from: at(2026, 3, 21, 19, 30), want: at(2026, 3, 23, 9, 0)},
		{name: "sunday → monday", cal: std, from: at(2026, 3, 22, 11, 0), want: at(2026, 3, 23, 9, 0)},
		{name: "14 July (Tuesday) → Wednesday", cal: std, from: at(2026, 7, 14, 10, 0), want: at(2026, 7, 15, 9, 0)},
		{name: "13 July evening → 15 July", cal: std, from: at(2026, 7, 13, 20, 0), want: at(2026, 7, 15, 9, 0)},
		{name: "Easter Sunday → Tuesday", cal: std, from: at(2026, 4, 5, 10, 0), want: at(2026, 4, 7, 9, 0)},
		{name: "Easter Monday → Tuesday", cal: std, from: at(2026, 4, 6, 8, 0), want: at(2026, 4, 7, 9, 0)},
		{name: "Good Friday, Alsace → Saturday", cal: alsace, from: at(2026, 4, 3, 10, 0), want: at(2026, 4, 4, 9, 0)},
		{name: "Good Friday elsewhere", cal: std, from: at(2026, 4, 3, 10, 0), want: at(2026, 4, 3, 10, 0)},
		{name: "Christmas Eve, Alsace → 28 Dec", cal: alsace, from: at(2026, 12, 24, 20, 0), want: at(2026, 12, 28, 9, 0)},
		{name: "Christmas Eve elsewhere → 26 Dec", cal: std, from: at(2026, 12, 24, 20, 0), want: at(2026, 12, 26, 9, 0)},
		{name: "DST spring: Saturday night → Monday 9:00 CEST", cal: std, from: at(2026, 3, 28, 19, 30),
			want: at(2026, 3, 30, 9, 0), wantUTC: utc(2026, 3, 30, 7)},
		{name: "DST autumn: Saturday night → Monday 9:00 CET", cal: std, from: at(2026, 10, 24, 20, 0),
			want: at(2026, 10, 26, 9, 0), wantUTC: utc(2026, 10, 26, 8)},
		{name: "DST: the change night itself", cal: std, from: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC),
			want: at(2026, 3, 30, 9, 0), wantUTC: utc(2026, 3, 30, 7)},
	}
	for _, tt := range tests {
		got := tt.cal.NextAllowed(tt.from, civil.Paris)
		if !got.Equal(tt.want) {
			t.Errorf("%s: NextAllowed(%s) = %s, want %s", tt.name, tt.from, got, tt.want)
		}
		if !tt.wantUTC.IsZero() && !got.Equal(tt.wantUTC) {
			t.Errorf("%s: NextAllowed = %s UTC, want %s", tt.name, got.UTC(), tt.wantUTC)
		}
		if got.Location() != civil.Paris {
			t.Errorf("%s: NextAllowed in %s, want Europe/Paris", tt.name, got.Location())
		}
		if !tt.cal.Allowed(got, civil.Paris) {
			t.Errorf("%s: NextAllowed gave %s, which is not allowed", tt.name, got)
		}
	}
}

func TestNextAllowedOverseas(t *testing.T) {
	gp := mustLoc(t, "America/Guadeloupe")
	re := mustLoc(t, "Indian/Reunion")
	cal := Calendar{QuietStart: 9, QuietEnd: 19}
	tests := []struct {
		name   string
		region legalfr.Region
		loc    *time.Location
		from   time.Time
		want   time.Time
	}{
		// 8:00 in Paris (CEST) is 2:00 in Guadeloupe: wait for 9:00 there.
		{"guadeloupe night", legalfr.RegionGuadeloupe, gp, at(2026, 6, 2, 8, 0), time.Date(2026, 6, 2, 9, 0, 0, 0, gp)},
		// 8:00 in Paris is 10:00 in Réunion: allowed already.
		{"reunion morning", legalfr.RegionReunion, re, at(2026, 6, 2, 8, 0), at(2026, 6, 2, 8, 0)},
		// 18:00 in Paris is 20:00 in Réunion: the next day there.
		{"reunion evening", legalfr.RegionReunion, re, at(2026, 6, 2, 18, 0), time.Date(2026, 6, 3, 9, 0, 0, 0, re)},
		// 27 May, abolition of slavery in Guadeloupe (a Wednesday).
		{"guadeloupe 27 May", legalfr.RegionGuadeloupe, gp, time.Date(2026, 5, 27, 10, 0, 0, 0, gp), time.Date(2026, 5, 28, 9, 0, 0, 0, gp)},
		// 20 December 2027, a Monday, abolition of slavery in Réunion.
		{"reunion 20 Dec 2027", legalfr.RegionReunion, re, time.Date(2027, 12, 20, 10, 0, 0, 0, re), time.Date(2027, 12, 21, 9, 0, 0, 0, re)},
	}
	for _, tt := range tests {
		c := cal
		c.Region = tt.region
		if got := c.NextAllowed(tt.from, tt.loc); !got.Equal(tt.want) {
			t.Errorf("%s: NextAllowed(%s) = %s, want %s", tt.name, tt.from, got.In(tt.loc), tt.want)
		}
	}
}

func TestTimeZoneAndRegion(t *testing.T) {
	addr := func(pc, country string) ledger.Debtor {
		return ledger.Debtor{Contacts: []ledger.Contact{{Primary: true, Address: ledger.Address{Line1: "1 rue", PostalCode: pc, Country: country}}}}
	}
	tests := []struct {
		name   string
		d      ledger.Debtor
		zone   string
		region legalfr.Region
	}{
		{"no contact", ledger.Debtor{}, "Europe/Paris", legalfr.RegionMetropole},
		{"Paris", addr("75011", "FR"), "Europe/Paris", legalfr.RegionMetropole},
		{"Metz", addr("57000", "FR"), "Europe/Paris", legalfr.RegionAlsaceMoselle},
		{"Strasbourg, no country", addr("67 000", ""), "Europe/Paris", legalfr.RegionAlsaceMoselle},
		{"Saarbrücken is not Moselle", addr("66111", "DE"), "Europe/Paris", legalfr.RegionMetropole},
		{"a German 57000", addr("57000", "DE"), "Europe/Paris", legalfr.RegionMetropole},
		{"Pointe-à-Pitre", addr("97110", "FR"), "America/Guadeloupe", legalfr.RegionGuadeloupe},
		{"Fort-de-France", addr("97200", ""), "America/Martinique", legalfr.RegionMartinique},
		{"Cayenne", addr("97300", "GF"), "America/Cayenne", legalfr.RegionGuyane},
		{"Saint-Denis", addr("97400", "FR"), "Indian/Reunion", legalfr.RegionReunion},
		{"Mamoudzou", addr("97600", "FR"), "Indian/Mayotte", legalfr.RegionMayotte},
		{"Saint-Barthélemy", addr("97133", "FR"), "America/St_Barthelemy", legalfr.RegionSaintBarthelemy},
		{"country code only", addr("", "RE"), "Indian/Reunion", legalfr.RegionReunion},
		{"country code, lower case", addr("", "mq"), "America/Martinique", legalfr.RegionMartinique},
		{"Belgium", addr("1000", "BE"), "Europe/Paris", legalfr.RegionMetropole},
		{"primary contact first", ledger.Debtor{Contacts: []ledger.Contact{
			{Address: ledger.Address{PostalCode: "75001"}},
			{Primary: true, Address: ledger.Address{PostalCode: "97400"}},
		}}, "Indian/Reunion", legalfr.RegionReunion},
		{"first contact with an address", ledger.Debtor{Contacts: []ledger.Contact{
			{Primary: true, Email: "a@b.fr"},
			{Address: ledger.Address{PostalCode: "97200"}},
		}}, "America/Martinique", legalfr.RegionMartinique},
	}
	for _, tt := range tests {
		if got := TimeZone(tt.d).String(); got != tt.zone {
			t.Errorf("%s: TimeZone = %s, want %s", tt.name, got, tt.zone)
		}
		if got := RegionOf(tt.d); got != tt.region {
			t.Errorf("%s: RegionOf = %q, want %q", tt.name, got, tt.region)
		}
	}
}

func TestForDebtor(t *testing.T) {
	cal := CalendarOf(ledger.DefaultDunningSettings(1)).ForDebtor(ledger.Debtor{Contacts: []ledger.Contact{
		{Primary: true, Address: ledger.Address{PostalCode: "68100", City: "Mulhouse"}},
	}})
	if cal.Allowed(at(2025, 12, 26, 10, 0), civil.Paris) {
		t.Error("26 December must be off for a debtor in Haut-Rhin")
	}
	if cal.AlsaceMoselle {
		t.Error("ForDebtor must not turn the organization's option on")
	}
}

package dunning

import (
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the overseas zones load on any machine

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
)

// The quiet hours used when the settings hold none or nonsense.
const (
	defaultQuietStart = 9
	defaultQuietEnd   = 19
)

// Calendar tells the moments a debtor may be contacted: between
// QuietStart:00 (included) and QuietEnd:00 (excluded) of the debtor's
// local time, any day but Sundays and public holidays. Saturdays are
// allowed: the brief of the engine forbids only Sundays and holidays (the
// telemarketing rule D223-9 C. conso., which also spares Saturdays, is a
// benchmark for calls, not a law for debt collection).
//
// The holidays are the national list of C. trav. L3133-1, plus
//   - Good Friday and 26 December when AlsaceMoselle is set (the
//     organization's option: its own staff do not work then), and
//   - the days of Region, the debtor's own region (ForDebtor sets it from
//     the debtor's postal code): Good Friday and 26 December in Moselle
//     and Alsace (57, 67, 68), the abolition of slavery overseas.
//
// Both add days off and never remove one: the engine must not contact a
// debtor on a day off where the debtor lives, nor on one the creditor
// observes. The union is the side that can never harass.
type Calendar struct {
	QuietStart, QuietEnd int
	AlsaceMoselle        bool
	// Region is the debtor's holiday region (legalfr.RegionMetropole for
	// none); set by ForDebtor.
	Region legalfr.Region
}

// CalendarOf is the organization's calendar: its quiet hours (9 to 19
// when unset or not a valid range of 0–24) and its Alsace-Moselle option.
func CalendarOf(s ledger.DunningSettings) Calendar {
	return Calendar{QuietStart: s.QuietStart, QuietEnd: s.QuietEnd, AlsaceMoselle: s.AlsaceMoselle}.norm()
}

// ForDebtor is c with the holiday region of the debtor's address.
func (c Calendar) ForDebtor(d ledger.Debtor) Calendar {
	c.Region = RegionOf(d)
	return c
}

// norm replaces quiet hours that would allow no moment at all.
func (c Calendar) norm() Calendar {
	if c.QuietStart < 0 || c.QuietEnd > 24 || c.QuietStart >= c.QuietEnd {
		c.QuietStart, c.QuietEnd = defaultQuietStart, defaultQuietEnd
	}
	return c
}

// DayOff reports whether no contact may happen at all on day d: a Sunday
// or a public holiday of the calendar.
func (c Calendar) DayOff(d civil.Date) bool {
	if d.Time(nil).Weekday() == time.Sunday {
		return true
	}
	if _, ok := legalfr.IsHoliday(d, legalfr.RegionMetropole); ok {
		return true
	}
	if c.AlsaceMoselle {
		if _, ok := legalfr.IsHoliday(d, legalfr.RegionAlsaceMoselle); ok {
			return true
		}
	}
	if c.Region != legalfr.RegionMetropole {
		if _, ok := legalfr.IsHoliday(d, c.Region); ok {
			return true
		}
	}
	return false
}

// Allowed reports whether t is a moment a debtor living in loc may be
// contacted.
func (c Calendar) Allowed(t time.Time, loc *time.Location) bool {
	c = c.norm()
	if loc == nil {
		loc = civil.Paris
	}
	lt := t.In(loc)
	if c.DayOff(civil.Of(lt)) {
		return false
	}
	start, end := c.window(lt, loc)
	return !lt.Before(start) && lt.Before(end)
}

// window is the allowed span of lt's day in loc. Built with time.Date in
// loc, so that on a daylight-saving day 9:00 is 9:00 on the wall clock.
func (c Calendar) window(lt time.Time, loc *time.Location) (start, end time.Time) {
	y, m, d := lt.Date()
	return time.Date(y, m, d, c.QuietStart, 0, 0, 0, loc), time.Date(y, m, d, c.QuietEnd, 0, 0, 0, loc)
}

// NextAllowed is t when it is allowed, else the first allowed moment
// after it: the same day's QuietStart when t is before it, else the
// QuietStart of the next day that is neither a Sunday nor a holiday. The
// result is in loc.
func (c Calendar) NextAllowed(t time.Time, loc *time.Location) time.Time {
	c = c.norm()
	if loc == nil {
		loc = civil.Paris
	}
	lt := t.In(loc)
	// A year holds at most a few dozen days off in a row with Sundays;
	// the bound only guards against a calendar that allows nothing.
	for range 400 {
		y, m, d := lt.Date()
		if c.DayOff(civil.Date{Year: y, Month: m, Day: d}) {
			lt = time.Date(y, m, d+1, c.QuietStart, 0, 0, 0, loc)
			continue
		}
		start, end := c.window(lt, loc)
		switch {
		case lt.Before(start):
			return start
		case !lt.Before(end):
			lt = time.Date(y, m, d+1, c.QuietStart, 0, 0, 0, loc)
			continue
		}
		return lt
	}
	return lt
}

// at is QuietStart of day d in loc.
func (c Calendar) at(d civil.Date, loc *time.Location) time.Time {
	c = c.norm()
	return time.Date(d.Year, d.Month, d.Day, c.QuietStart, 0, 0, 0, loc)
}

// overseas maps the overseas postal prefixes (longest first) and
// ISO 3166-1 codes to their zones.
var (
	overseasPostal = []struct{ prefix, zone string }{
		{"97133", "America/St_Barthelemy"},
		{"97150", "America/Marigot"},
		{"971", "America/Guadeloupe"},
		{"972", "America/Martinique"},
		{"973", "America/Cayenne"},
		{"974", "Indian/Reunion"},
		{"975", "America/Miquelon"},
		{"976", "Indian/Mayotte"},
		{"986", "Pacific/Wallis"},
		{"987", "Pacific/Tahiti"},
		{"988", "Pacific/Noumea"},
	}
	overseasCountry = map[string]string{
		"GP": "America/Guadeloupe",
		"MQ": "America/Martinique",
		"GF": "America/Cayenne",
		"RE": "Indian/Reunion",
		"YT": "Indian/Mayotte",
		"PM": "America/Miquelon",
		"BL": "America/St_Barthelemy",
		"MF": "America/Marigot",
		"WF": "Pacific/Wallis",
		"PF": "Pacific/Tahiti",
		"NC": "Pacific/Noumea",
	}
	countryRegion = map[string]legalfr.Region{
		"GP": legalfr.RegionGuadeloupe,
		"MQ": legalfr.RegionMartinique,
		"GF": legalfr.RegionGuyane,
		"RE": legalfr.RegionReunion,
		"YT": legalfr.RegionMayotte,
		"BL": legalfr.RegionSaintBarthelemy,
		"MF": legalfr.RegionSaintMartin,
	}
)

// addressOf is the debtor's postal address: the primary contact's, else
// the first contact's that has a postal code or a country.
func addressOf(d ledger.Debtor) ledger.Address {
	for _, c := range orderedContacts(d) {
		if c.Address.PostalCode != "" || c.Address.Country != "" {
			return c.Address
		}
	}
	return ledger.Address{}
}

func normPostal(pc string) string {
	return strings.ReplaceAll(strings.TrimSpace(pc), " ", "")
}

// frenchPostal is the postal code of a when it is a French one: the
// country is France (or unset), or a French overseas code. A German
// "57000" is not Moselle.
func frenchPostal(a ledger.Address) string {
	c := strings.ToUpper(strings.TrimSpace(a.Country))
	if c == "" || c == "FR" || overseasCountry[c] != "" {
		return normPostal(a.PostalCode)
	}
	return ""
}

// TimeZone is where the debtor lives, to read quiet hours in: the zone of
// an overseas department or territory, from the postal code of the
// debtor's address (primary contact first) or, failing that, its country
// code (GP, MQ, GF, RE, YT…); Europe/Paris for everything else, a foreign
// country included (quiet hours are then read on the creditor's clock),
// and whenever a zone cannot be loaded.
func TimeZone(d ledger.Debtor) *time.Location {
	a := addressOf(d)
	name := ""
	pc := frenchPostal(a)
	for _, o := range overseasPostal {
		if len(pc) == 5 && strings.HasPrefix(pc, o.prefix) {
			name = o.zone
			break
		}
	}
	if name == "" {
		name = overseasCountry[strings.ToUpper(strings.TrimSpace(a.Country))]
	}
	if name == "" {
		return civil.Paris
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return civil.Paris
	}
	zones.Store(name, loc)
	return loc
}

// zones keeps the overseas zones loaded: time.LoadLocation reads and
// parses the zone's data at every call, once per debtor and decision.
var zones sync.Map // name → *time.Location

// RegionOf is the holiday region of the debtor's address: from its postal
// code (legalfr.RegionOfPostalCode: 57, 67, 68 are Alsace-Moselle), else
// from an overseas country code; the national list otherwise.
func RegionOf(d ledger.Debtor) legalfr.Region {
	a := addressOf(d)
	if r := legalfr.RegionOfPostalCode(frenchPostal(a)); r != legalfr.RegionMetropole {
		return r
	}
	return countryRegion[strings.ToUpper(strings.TrimSpace(a.Country))]
}

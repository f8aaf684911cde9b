package legalfr

import (
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

// Region selects the public holidays that apply on top of the national
// list: the labour code adds days in Alsace-Moselle and in each overseas
// department, and recouvre must neither call a debtor nor let a deadline
// end on them.
type Region string

// The regions with their own public holidays. The zero value is the
// national list, which is what every other French postal code gets.
const (
	RegionMetropole       Region = ""
	RegionAlsaceMoselle   Region = "alsace-moselle" // Moselle (57), Bas-Rhin (67), Haut-Rhin (68)
	RegionGuadeloupe      Region = "guadeloupe"     // 971
	RegionMartinique      Region = "martinique"     // 972
	RegionGuyane          Region = "guyane"         // 973
	RegionReunion         Region = "reunion"        // 974
	RegionMayotte         Region = "mayotte"        // 976
	RegionSaintMartin     Region = "saint-martin"   // 97150
	RegionSaintBarthelemy Region = "saint-barthelemy"
)

// Valid reports whether r is one of the regions above, so that a stored
// setting can be checked before it silently falls back to the national list.
func (r Region) Valid() bool {
	switch r {
	case RegionMetropole, RegionAlsaceMoselle, RegionGuadeloupe, RegionMartinique, RegionGuyane,
		RegionReunion, RegionMayotte, RegionSaintMartin, RegionSaintBarthelemy:
		return true
	}
	return false
}

// RegionOfPostalCode is the holiday region of a French postal code. Spaces
// are ignored ("57 000"). Saint-Barthélemy (97133) and Saint-Martin (97150)
// share the 971 prefix with Guadeloupe but have their own day, so they are
// matched first. Anything else — Corsica, Saint-Pierre-et-Miquelon (975),
// the Pacific territories (98x, which have their own labour law), a foreign
// or malformed code — gets the national list: it is the list common to
// every region, so it never invents a holiday.
func RegionOfPostalCode(pc string) Region {
	pc = strings.ReplaceAll(strings.TrimSpace(pc), " ", "")
	if len(pc) != 5 || strings.Trim(pc, "0123456789") != "" {
		return RegionMetropole
	}
	switch pc {
	case "97133":
		return RegionSaintBarthelemy
	case "97150":
		return RegionSaintMartin
	}
	switch pc[:3] {
	case "971":
		return RegionGuadeloupe
	case "972":
		return RegionMartinique
	case "973":
		return RegionGuyane
	case "974":
		return RegionReunion
	case "976":
		return RegionMayotte
	}
	switch pc[:2] {
	case "57", "67", "68":
		return RegionAlsaceMoselle
	}
	return RegionMetropole
}

// Easter is Easter Sunday of a year in the Gregorian calendar, by the
// Meeus/Jones/Butcher algorithm ("anonymous Gregorian algorithm"): pure
// integer arithmetic, exact for every year from 1583 on, with no table to
// keep up to date. Easter Monday, Ascension and Whit Monday follow from it.
func Easter(year int) civil.Date {
	a := year % 19 // the year's place in the 19-year lunar (Metonic) cycle
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3 // the century's lunar correction
	// h: days from 21 March to the Paschal full moon, before the m
	// correction below.
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	// l: days from the Paschal full moon to the Sunday after it.
	l := (32 + 2*e + 2*i - h - k) % 7
	// m is 1 only in the years where the full moon would fall too late
	// (1954, 1981, 2049, 2076…), and pulls Easter back a week.
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return civil.D(year, time.Month(n/31), n%31+1)
}

// Holiday is a public holiday with its French name, as letters and the
// calendar print it.
type Holiday struct {
	Date civil.Date
	Name string
}

// Holidays lists the public holidays of a year in region r, sorted by
// date: the eleven of C. trav. L3133-1, plus Good Friday and 26 December in
// Alsace-Moselle (L3134-13) and the day of the abolition of slavery
// overseas (L3422-2). Whit Monday is listed although a firm may make it its
// "journée de solidarité": it stays a holiday in law, and the engine uses
// the list to avoid contacting debtors and to move deadlines (CPC 642),
// where treating it as a holiday is the safe side. Two holidays can fall on
// the same day (Ascension was on 1 May in 2008); both are then listed, in
// the order of the code, so the list always has every holiday of the law.
// An unknown region gets the national list.
func Holidays(year int, r Region) []Holiday {
	easter := Easter(year)
	on := func(m time.Month, d int) civil.Date { return civil.D(year, m, d) }
	hs := []Holiday{
		{on(time.January, 1), "Jour de l’an"},
		{easter.AddDays(1), "Lundi de Pâques"},
		{on(time.May, 1), "Fête du Travail"},
		{on(time.May, 8), "Victoire 1945"},
		{easter.AddDays(39), "Ascension"},
		{easter.AddDays(50), "Lundi de Pentecôte"},
		{on(time.July, 14), "Fête nationale"},
		{on(time.August, 15), "Assomption"},
		{on(time.November, 1), "Toussaint"},
		{on(time.November, 11), "Armistice 1918"},
		{on(time.December, 25), "Noël"},
	}
	const abolition = "Abolition de l’esclavage"
	switch r {
	case RegionAlsaceMoselle:
		hs = append(hs, Holiday{easter.AddDays(-2), "Vendredi saint"}, Holiday{on(time.December, 26), "Saint-Étienne"})
	case RegionMayotte:
		hs = append(hs, Holiday{on(time.April, 27), abolition})
	case RegionMartinique:
		hs = append(hs, Holiday{on(time.May, 22), abolition})
	case RegionGuadeloupe, RegionSaintMartin:
		hs = append(hs, Holiday{on(time.May, 27), abolition})
	case RegionGuyane:
		hs = append(hs, Holiday{on(time.June, 10), abolition})
	case RegionSaintBarthelemy:
		hs = append(hs, Holiday{on(time.October, 9), abolition})
	case RegionReunion:
		hs = append(hs, Holiday{on(time.December, 20), abolition})
	}
	// Stable, so that two holidays of the same day keep the code's order.
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// IsHoliday reports whether d is a public holiday in region r, and which
// one; when two fall on d, the first of Holidays' list.
func IsHoliday(d civil.Date, r Region) (Holiday, bool) {
	for _, h := range Holidays(d.Year, r) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a
// public holiday of region r: the days CPC 642 lets a deadline end on, and
// the days debtors may be contacted on.
func IsWorkingDay(d civil.Date, r Region) bool {
	switch d.Time(nil).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := IsHoliday(d, r)
	return !holiday
}

// NextWorkingDay is d itself when it is a working day of region r,
// otherwise the first working day after it: CPC 642 moves a deadline that
// would end on a Saturday, a Sunday or a holiday to the next working day.
func NextWorkingDay(d civil.Date, r Region) civil.Date {
	// At most a weekend plus a holiday or two follow each other, so this
	// loop ends within a few days.
	for !IsWorkingDay(d, r) {
		d = d.AddDays(1)
	}
	return d
}

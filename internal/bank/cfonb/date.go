package cfonb

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

// parseDate reads a JJMMAA date. Two-digit years 00–69 are 20xx, 70–99
// 19xx. blank reports a zone left blank or zero (no date); ok is false
// for anything else that is no date.
func parseDate(zone string) (d civil.Date, blank, ok bool) {
	if zone == "      " || zone == "000000" {
		return civil.Date{}, true, false
	}
	n := 0
	for _, c := range zone {
		if c < '0' || c > '9' {
			return civil.Date{}, false, false
		}
		n = n*10 + int(c-'0')
	}
	if len(zone) != 6 {
		return civil.Date{}, false, false
	}
	day, month, yy := n/10000, time.Month(n/100%100), n%100
	year := 2000 + yy
	if yy >= 70 {
		year = 1900 + yy
	}
	d = civil.D(year, month, day)
	if d.Day != day || d.Month != month || d.Year != year {
		return civil.Date{}, false, false
	}
	return d, false, true
}

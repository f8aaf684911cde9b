package i18n

import (
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// Money prints an amount the way lang writes it: "1 234,56 €" in French
// (narrow no-break space between thousands, no-break space before the
// sign), "€1,234.56" in English.
func Money(lang string, a money.Amount) string {
	return money.Format(a, Normalize(lang))
}

// Int prints a whole number with the thousands separator of lang.
func Int(lang string, n int) string {
	if Normalize(lang) == "en" {
		return group(strconv.Itoa(n), ",")
	}
	return money.FormatNumberFR(int64(n), 0)
}

// Date prints a civil date: "31/01/2025" in French, "31 Jan 2025" in
// English; "" for the zero date.
func Date(lang string, d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	if Normalize(lang) == "en" {
		return d.Time(time.UTC).Format("2 Jan 2006")
	}
	return d.FormatFR()
}

// DateTime prints an instant in Paris time: "31/01/2025 à 14:05" in
// French, "31 Jan 2025, 14:05" in English; "" for the zero time.
func DateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(civil.Paris)
	if Normalize(lang) == "en" {
		return t.Format("2 Jan 2006, 15:04")
	}
	return t.Format("02/01/2006") + " à " + t.Format("15:04")
}

// Days prints a number of days: "1 jour", "12 jours" / "1 day", "12 days".
func Days(lang string, n int) string {
	key := "unit.days"
	if singular(lang, n) {
		key = "unit.day"
	}
	return T(lang, key, Int(lang, n))
}

// Count prints n with the plural form of key: the message key+".one" or
// key+".other", whose one verb receives n with its thousands separator.
func Count(lang, key string, n int) string {
	if singular(lang, n) {
		return T(lang, key+".one", Int(lang, n))
	}
	return T(lang, key+".other", Int(lang, n))
}

// singular reports whether n takes the singular: 0 and 1 in French, 1
// alone in English.
func singular(lang string, n int) bool {
	return n == 1 || (n == 0 && Normalize(lang) == "fr")
}

// group inserts sep between thousands of a decimal integer string.
func group(s, sep string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

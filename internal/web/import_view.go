package web

import (
	"fmt"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// The formatting helpers the import pages call on the view.

// FormatName names a file format ("auto" for the detection).
func (v *view) FormatName(f string) string { return v.translated("imports.format."+f, f) }

// BatchStatus names an import's status.
func (v *view) BatchStatus(s string) string { return v.translated("imports.status."+s, s) }

// ImportError is an import error's reason in the page's language.
func (v *view) ImportError(e store.ImportError) string { return e.Text(v.Lang) }

// DelimiterName names a CSV delimiter.
func (v *view) DelimiterName(d string) string {
	switch d {
	case ";":
		return v.T("imports.delim.semicolon")
	case ",":
		return v.T("imports.delim.comma")
	case "\t":
		return v.T("imports.delim.tab")
	case "|":
		return v.T("imports.delim.pipe")
	}
	return d
}

// ChangeField names what an import changes on an invoice.
func (v *view) ChangeField(c importer.Change) string {
	return v.translated("imports.change."+c.Field, c.Field)
}

// ChangeValue prints a value of a change: an amount or a date, as the
// page's language writes it.
func (v *view) ChangeValue(c importer.Change, s string) string {
	if c.Field == "due_date" || c.Field == "issue_date" {
		if d, err := civil.Parse(s); err == nil {
			return v.Date(d)
		}
		return s
	}
	return v.decimal(s)
}

// decimal prints a plain decimal amount ("1234.50") the page's way,
// without a currency: the importer's changes do not carry one.
func (v *view) decimal(s string) string {
	a, err := money.ParseDecimal(s, "EUR")
	if err != nil {
		return s
	}
	if v.Lang != "en" {
		return money.FormatNumberFR(a.Minor, 2)
	}
	minor, sign := a.Minor, ""
	if minor < 0 {
		minor, sign = -minor, "-"
	}
	return fmt.Sprintf("%s%s.%02d", sign, i18n.Int("en", int(minor/100)), minor%100)
}

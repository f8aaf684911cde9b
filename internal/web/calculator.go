package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
)

// paymentRows is how many payment lines the calculator's form offers.
const paymentRows = 4

// calculatorPage is the data of the « calculateur de pénalités ».
type calculatorPage struct {
	*view
	Form      url.Values
	Payments  []paymentRow
	Computed  bool
	Statement legalfr.Statement
	Warnings  []string // translated
	Error     string   // translated, "" when none
	Missing   []legalfr.Semester
}

type paymentRow struct{ On, Amount string }

// Kinds are the debtor kinds offered, in the order of the form.
func (p *calculatorPage) Kinds() []ledger.DebtorKind {
	return []ledger.DebtorKind{ledger.KindBusiness, ledger.KindConsumer, ledger.KindPublic}
}

// Chosen is the kind chosen in the form, business by default.
func (p *calculatorPage) Chosen() ledger.DebtorKind {
	if k, err := legal.ParseKind(p.Form.Get("kind")); err == nil {
		return k
	}
	return ledger.KindBusiness
}

// Checked reports whether a checkbox of the form is ticked.
func (p *calculatorPage) Checked(name string) bool { return p.Form.Get(name) != "" }

// Rate prints a rate for the page's language.
func (p *calculatorPage) Rate(r legalfr.BP) string { return rateText(p.Lang, r) }

// rateText prints a rate the way lang writes it: "13,15 %" or "13.15%".
func rateText(lang string, r legalfr.BP) string {
	if lang == "en" {
		return r.String() + "%"
	}
	return r.FormatFR()
}

// showCalculatorPage serves GET /legal/calculator: the form, and with a
// kind in the query, the statement — by GET, so that a result can be
// bookmarked and sent, and nothing is written.
func (ui *UI) showCalculatorPage(w http.ResponseWriter, r *http.Request, v *view) error {
	v.Title, v.Nav = "calc.title", "calculator"
	q := r.URL.Query()
	data := &calculatorPage{view: v, Form: q}
	ons, amounts := q["payment_on"], q["payment_amount"]
	for i := range paymentRows {
		data.Payments = append(data.Payments, paymentRow{On: pick(ons, i), Amount: pick(amounts, i)})
	}
	t, err := legal.Rates(r.Context(), ui.store)
	if err != nil {
		return err
	}
	data.Missing = t.Missing(v.Today)
	if q.Get("kind") != "" {
		ui.compute(data, t, q, v)
	}
	ui.render(w, r, http.StatusOK, "calculator", data)
	return nil
}

// compute fills the statement, or the error in the user's words.
func (ui *UI) compute(data *calculatorPage, t *legalfr.Table, q url.Values, v *view) {
	c, settings, err := legal.ParseClaim(q, v.Today)
	if err == nil {
		data.Statement, err = legalfr.Compute(t, c, settings)
	}
	var missing *legalfr.MissingRateError
	var le *ledger.Error
	switch {
	case err == nil:
		data.Computed = true
		for _, w := range data.Statement.Warnings {
			data.Warnings = append(data.Warnings, v.Warn(w))
		}
	case errors.As(err, &missing):
		label := missing.Sem.String()
		if missing.What == "ecb" {
			label = v.Date(missing.On)
		}
		data.Error = v.T("calc.err.rates", label)
	case errors.As(err, &le) && le.Field != "":
		data.Error = v.translated("calc.err."+le.Field, v.T("calc.err.other"))
	default:
		data.Error = v.T("calc.err.other")
	}
}

// rateArg turns "13.15" into the page's way of writing a rate number.
func rateArg(v *view, a any) string {
	s, _ := a.(string)
	if bp, err := legalfr.ParseBP(s); err == nil && v.Lang != "en" {
		r := bp.FormatFR()
		return r[:len(r)-len("\u00a0%")]
	}
	return s
}

func pick(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// ratesPage is the data of the rate tables page.
type ratesPage struct {
	*view
	Table    *legalfr.Table
	Missing  []legalfr.Semester
	Year     int
	Region   legalfr.Region
	Holidays []legalfr.Holiday
}

// Regions are the regions with holidays of their own.
func (p *ratesPage) Regions() []legalfr.Region {
	return []legalfr.Region{legalfr.RegionMetropole, legalfr.RegionAlsaceMoselle, legalfr.RegionGuadeloupe, legalfr.RegionMartinique,
		legalfr.RegionGuyane, legalfr.RegionReunion, legalfr.RegionMayotte, legalfr.RegionSaintMartin, legalfr.RegionSaintBarthelemy}
}

// Rate prints a rate for the page's language.
func (p *ratesPage) Rate(r legalfr.BP) string { return rateText(p.Lang, r) }

// showRatesPage serves GET /legal/rates: the tables in force.
func (ui *UI) showRatesPage(w http.ResponseWriter, r *http.Request, v *view) error {
	v.Title, v.Nav = "rates.title", "calculator"
	t, err := legal.Rates(r.Context(), ui.store)
	if err != nil {
		return err
	}
	data := &ratesPage{view: v, Table: t, Missing: t.Missing(v.Today), Year: v.Today.Year, Region: legalfr.Region(r.URL.Query().Get("region"))}
	if y := atoi(r.URL.Query().Get("year")); y >= 1583 && y <= 4099 {
		data.Year = y
	}
	if !data.Region.Valid() {
		data.Region = legalfr.RegionMetropole
	}
	data.Holidays = legalfr.Holidays(data.Year, data.Region)
	ui.render(w, r, http.StatusOK, "rates", data)
	return nil
}

// B2BRate is the default B2B rate of semester s: the ECB rate in force on
// its first day plus 10 points; "—" when unknown.
func (p *ratesPage) B2BRate(s legalfr.Semester) string {
	e, ok := p.Table.ECBOn(s.Start())
	if !ok {
		return "—"
	}
	return p.Rate(e.Rate + legalfr.B2BMargin)
}

// Floor is the lowest rate a B2B contract may agree for a semester: three
// times the legal rate, autres cas (L441-10 II C. com.).
func (p *ratesPage) Floor(r legalfr.LegalRate) string { return p.Rate(3 * r.Other) }

// SemesterLabel names a semester: « 1er semestre 2025 ».
func (v *view) SemesterLabel(s legalfr.Semester) string {
	return v.T("semester."+string(rune('0'+s.Half)), s.Year)
}

package api

import (
	"fmt"
	"net/http"

	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
)

// rate is one ECB rate or one semester's legal rates.
type ecbRate struct {
	Effective string `json:"effective"`
	Rate      string `json:"rate"`
	Confirmed bool   `json:"confirmed"`
	Source    string `json:"source"`
}

type legalRate struct {
	Semester  string `json:"semester"`
	Consumer  string `json:"consumer"`
	Other     string `json:"other"`
	Confirmed bool   `json:"confirmed"`
	Source    string `json:"source"`
}

type rateTable struct {
	ECB     []ecbRate   `json:"ecb"`
	Legal   []legalRate `json:"legal"`
	Missing []string    `json:"missing"`
}

// listRates serves GET /api/v1/rates: the rates in force, and the
// semesters begun without a legal rate.
func (a *API) listRates(w http.ResponseWriter, r *http.Request) error {
	t, err := legal.Rates(r.Context(), a.store)
	if err != nil {
		return fmt.Errorf("load rates: %w", err)
	}
	out := rateTable{ECB: []ecbRate{}, Legal: []legalRate{}, Missing: []string{}}
	for _, e := range t.ECB {
		out.ECB = append(out.ECB, ecbRate{e.Effective.String(), e.Rate.String(), e.Confirmed, e.Source})
	}
	for _, l := range t.Legal {
		out.Legal = append(out.Legal, legalRate{l.Semester.String(), l.Consumer.String(), l.Other.String(), l.Confirmed, l.Source})
	}
	for _, s := range t.Missing(a.today()) {
		out.Missing = append(out.Missing, s.String())
	}
	return writeJSON(w, http.StatusOK, out)
}

// computeInterest serves GET /api/v1/legal/interest: the interest and
// indemnity of a claim described by the query, as the calculator and
// `recouvre legal interest` compute them.
func (a *API) computeInterest(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	c, settings, err := legal.ParseClaim(q, a.today())
	if err != nil {
		return err
	}
	t, err := legal.Rates(r.Context(), a.store)
	if err != nil {
		return fmt.Errorf("load rates: %w", err)
	}
	st, err := legalfr.Compute(t, c, settings)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, legal.JSON(st, "en"))
}

package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/courtfile"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// listRates serves GET /api/v1/rates: the rates in force, and the
// semesters begun without a legal rate.
func (a *API) listRates(w http.ResponseWriter, r *http.Request) error {
	t, err := legal.Rates(r.Context(), a.store)
	if err != nil {
		return fmt.Errorf("load rates: %w", err)
	}
	return writeJSON(w, http.StatusOK, legal.RatesToJSON(t, a.today()))
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

// debtorLegal serves GET /api/v1/debtors/{id}/legal: the debtor's
// interest, indemnities, limitation periods and term checks today.
func (a *API) debtorLegal(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pos, err := legal.Position(r.Context(), a.store, id, a.today())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pos.ToJSON("en"))
}

// getLegalSettings serves GET /api/v1/settings/legal.
func (a *API) getLegalSettings(w http.ResponseWriter, r *http.Request) error {
	s, err := a.store.LegalSettings(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, legal.SettingsToJSON(s))
}

// putLegalSettings serves PUT /api/v1/settings/legal: the whole settings
// object, as GET returns it.
func (a *API) putLegalSettings(w http.ResponseWriter, r *http.Request) error {
	var in legal.SettingsJSON
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	s := ledger.LegalSettings{Year365: in.Year365, PrincipalFirst: in.PrincipalFirst, CreditorIsConsumer: in.CreditorIsConsumer,
		NoticeDays: in.NoticeDays, Place: in.Place, Signatory: in.Signatory, SignatoryRole: in.SignatoryRole,
		DefaultTermDays: in.DefaultTermDays}
	if in.ContractRate != nil {
		bp, err := legalfr.ParseBP(*in.ContractRate)
		if err != nil {
			return ledger.FieldError("contract_rate", "%v", err)
		}
		s.ContractRateBP, s.HasContractRate = int64(bp), true
	}
	if err := a.store.SaveLegalSettings(r.Context(), s); err != nil {
		return err
	}
	return a.getLegalSettings(w, r)
}

// insolvencyIn is the body of POST /api/v1/debtors/{id}/insolvency.
type insolvencyIn struct {
	Kind            string  `json:"kind"`
	JudgmentDate    string  `json:"judgment_date"`
	Court           string  `json:"court"`
	Mandataire      string  `json:"mandataire"`
	MandataireAddr  address `json:"mandataire_address"`
	PublicationDate string  `json:"publication_date"`
}

// recordInsolvency serves POST /api/v1/debtors/{id}/insolvency.
func (a *API) recordInsolvency(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in insolvencyIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	rec := &ledger.Insolvency{DebtorID: id, Kind: ledger.InsolvencyKind(in.Kind), Court: in.Court, Mandataire: in.Mandataire,
		MandataireAddr: ledger.Address{Line1: in.MandataireAddr.Line1, Line2: in.MandataireAddr.Line2, PostalCode: in.MandataireAddr.PostalCode,
			City: in.MandataireAddr.City, Country: in.MandataireAddr.Country}}
	if rec.JudgmentDate, err = civil.Parse(in.JudgmentDate); err != nil {
		return ledger.FieldError("judgment_date", "want YYYY-MM-DD, got %q", in.JudgmentDate)
	}
	if in.PublicationDate != "" {
		if rec.PublicationDate, err = civil.Parse(in.PublicationDate); err != nil {
			return ledger.FieldError("publication_date", "want YYYY-MM-DD, got %q", in.PublicationDate)
		}
	}
	if err := a.store.RecordInsolvency(r.Context(), rec); err != nil {
		return err
	}
	return a.debtorLegal(w, r)
}

// decodeBody reads a JSON body strictly: an unknown field is an error.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return ledger.FieldError("body", "malformed JSON: %v", err)
	}
	return nil
}

// holiday is a public holiday.
type holiday struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

// listHolidays serves GET /api/v1/legal/holidays: the public holidays of
// a year (this year by default), for metropolitan France or a region
// named or found from a postal code.
func (a *API) listHolidays(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	year := a.today().Year
	if s := q.Get("year"); s != "" {
		if year, err = strconv.Atoi(s); err != nil || year < 1583 || year > 4099 {
			return ledger.FieldError("year", "want a year from 1583 to 4099, got %q", s)
		}
	}
	region := legalfr.Region(q.Get("region"))
	if pc := q.Get("postal_code"); pc != "" {
		region = legalfr.RegionOfPostalCode(pc)
	}
	if !region.Valid() {
		return ledger.FieldError("region", "unknown region %q", q.Get("region"))
	}
	out := list[holiday]{Data: []holiday{}}
	for _, h := range legalfr.Holidays(year, region) {
		out.Data = append(out.Data, holiday{h.Date.String(), h.Name})
	}
	return writeJSON(w, http.StatusOK, out)
}

// writeFile answers a document: a PDF or a ZIP.
func writeFile(w http.ResponseWriter, contentType, name string, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
	return nil
}

// dateQuery reads ?date=, today when absent.
func (a *API) dateQuery(r *http.Request) (civil.Date, error) {
	q, err := query(r)
	if err != nil {
		return civil.Date{}, err
	}
	s := q.Get("date")
	if s == "" {
		return a.today(), nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return d, ledger.FieldError("date", "want YYYY-MM-DD, got %q", s)
	}
	return d, nil
}

// notice is a formal notice issued, as the API shows it.
type notice struct {
	ID         int64   `json:"id"`
	DebtorID   int64   `json:"debtor_id"`
	Reference  string  `json:"reference"`
	IssuedOn   string  `json:"issued_on"`
	Deadline   string  `json:"deadline"`
	Total      amount  `json:"total"`
	InvoiceIDs []int64 `json:"invoice_ids"`
	PDF        string  `json:"pdf"` // the path of the letter as sent
}

// issueNotice serves POST /api/v1/debtors/{id}/formal-notices: the
// formal notice is issued today, its letter kept.
func (a *API) issueNotice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	lang := "fr"
	if q, err := query(r); err == nil && q.Get("lang") == "en" {
		lang = "en"
	}
	n, err := legal.IssueNotice(r.Context(), a.store, id, a.today(), lang)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, notice{ID: n.ID, DebtorID: n.DebtorID, Reference: n.Reference, IssuedOn: n.IssuedOn.String(),
		Deadline: n.Deadline.String(), Total: toAmount(n.Total), InvoiceIDs: n.InvoiceIDs, PDF: fmt.Sprintf("%s/formal-notices/%d/pdf", Prefix, n.ID)})
}

// noticePDF serves GET /api/v1/formal-notices/{id}/pdf: the letter as sent.
func (a *API) noticePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := a.store.FormalNoticePDF(r.Context(), id)
	if err != nil {
		return err
	}
	return writeFile(w, "application/pdf", n.Reference+".pdf", n.PDF)
}

// statementPDF serves GET /api/v1/debtors/{id}/statement?date=.
func (a *API) statementPDF(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	date, err := a.dateQuery(r)
	if err != nil {
		return err
	}
	pdf, err := legal.StatementOfAccount(r.Context(), a.store, id, date, "fr")
	if err != nil {
		return err
	}
	return writeFile(w, "application/pdf", fmt.Sprintf("releve-%d-%s.pdf", id, date), pdf)
}

// declarationPDF serves GET /api/v1/debtors/{id}/declaration.
func (a *API) declarationPDF(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pdf, err := legal.Declaration(r.Context(), a.store, id, a.today(), "fr")
	if err != nil {
		return err
	}
	return writeFile(w, "application/pdf", fmt.Sprintf("declaration-de-creance-%d.pdf", id), pdf)
}

// courtFileZIP serves GET /api/v1/debtors/{id}/court-file?procedure=.
func (a *API) courtFileZIP(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	p := courtfile.Procedure(q.Get("procedure"))
	if p == "" {
		p = courtfile.InjonctionDePayer
	}
	if !p.Valid() {
		return ledger.FieldError("procedure", "unknown procedure %q", p)
	}
	b, err := legal.CourtFile(r.Context(), a.store, id, a.today(), p)
	if err != nil {
		return err
	}
	return writeFile(w, "application/zip", fmt.Sprintf("dossier-%s-%d.zip", p, id), b)
}

// costIn is the body of POST /api/v1/invoices/{id}/recovery-costs.
type costIn struct {
	Amount      string `json:"amount"`
	IncurredOn  string `json:"incurred_on"`
	Description string `json:"description"`
	ProofName   string `json:"proof_name"`
	ProofType   string `json:"proof_type"`
	Proof       []byte `json:"proof"` // base64 in JSON
}

// cost is a recovery cost as the API shows it.
type cost struct {
	ID          int64  `json:"id"`
	InvoiceID   int64  `json:"invoice_id"`
	Amount      amount `json:"amount"`
	IncurredOn  string `json:"incurred_on"`
	Description string `json:"description"`
	ProofName   string `json:"proof_name"`
	Proof       string `json:"proof"` // the path of the proof
}

// addRecoveryCost serves POST /api/v1/invoices/{id}/recovery-costs.
func (a *API) addRecoveryCost(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	inv, err := a.store.GetInvoice(r.Context(), id)
	if err != nil {
		return err
	}
	var in costIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	c := &ledger.RecoveryCost{InvoiceID: id, Description: in.Description, ProofName: in.ProofName, ProofType: in.ProofType, Proof: in.Proof}
	if c.Amount, err = money.Parse(in.Amount, inv.Amount.Currency); err != nil {
		return ledger.FieldError("amount", "%v", err)
	}
	if c.IncurredOn, err = civil.Parse(in.IncurredOn); err != nil {
		return ledger.FieldError("incurred_on", "want YYYY-MM-DD, got %q", in.IncurredOn)
	}
	if err := a.store.AddRecoveryCost(r.Context(), c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, cost{ID: c.ID, InvoiceID: c.InvoiceID, Amount: toAmount(c.Amount), IncurredOn: c.IncurredOn.String(),
		Description: c.Description, ProofName: c.ProofName, Proof: fmt.Sprintf("%s/recovery-costs/%d/proof", Prefix, c.ID)})
}

// costProof serves GET /api/v1/recovery-costs/{id}/proof.
func (a *API) costProof(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := a.store.RecoveryCostProof(r.Context(), id)
	if err != nil {
		return err
	}
	return writeFile(w, "application/octet-stream", c.ProofName, c.Proof)
}

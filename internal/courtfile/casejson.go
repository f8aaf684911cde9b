package courtfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// CaseFormat names the layout of case.json; it changes when a field
// changes meaning, so that a reader can refuse a file it does not know.
const CaseFormat = "recouvre.courtfile/1"

// CaseDoc is case.json, the machine-readable copy of the court file:
// amounts are decimal strings in the currency's unit ("1234.56"), dates
// ISO 8601, so that another tool — or recouvre itself, later — reads the
// same figures as the judge.
type CaseDoc struct {
	Format    string    `json:"format"`
	Procedure Procedure `json:"procedure"`
	Date      string    `json:"date"`
	Place     string    `json:"place"`
	Creditor  PartyDoc  `json:"creditor"`
	Debtor    PartyDoc  `json:"debtor"`
	// Court is the injonction de payer's court, for the other procedures
	// too: it is where the creditor goes if they fail.
	Court      CourtChoice  `json:"court"`
	Currency   string       `json:"currency"`
	Principal  string       `json:"principal"`
	Interest   string       `json:"interest"`
	Indemnity  string       `json:"indemnity"`
	Total      string       `json:"total"`
	NoticeSent *string      `json:"notice_sent"` // null when no formal notice was sent
	Disputed   bool         `json:"disputed"`    // a dispute is open on the debtor or an invoice
	Invoices   []InvoiceDoc `json:"invoices"`
	Exhibits   []ExhibitDoc `json:"exhibits"`
	// Options are every procedure weighed, the chosen one first.
	Options  []Option     `json:"options"`
	Warnings []WarningDoc `json:"warnings"`
}

// PartyDoc is a party in case.json.
type PartyDoc struct {
	Name          string         `json:"name"`
	Kind          string         `json:"kind"`
	SIREN         string         `json:"siren,omitempty"`
	Address       ledger.Address `json:"address"`
	IsBusiness    bool           `json:"is_business"`
	NonCommercial bool           `json:"non_commercial,omitempty"`
	Signer        string         `json:"representative,omitempty"`
}

// InvoiceDoc is an invoice in case.json, with its interest statement.
type InvoiceDoc struct {
	Number        string      `json:"number"`
	IssueDate     string      `json:"issue_date"`
	DueDate       string      `json:"due_date"`
	Amount        string      `json:"amount"`
	Remaining     string      `json:"remaining"`
	Disputed      bool        `json:"disputed"`
	Principal     string      `json:"principal"`
	Interest      string      `json:"interest"`
	Accrued       string      `json:"accrued"`
	InterestPaid  string      `json:"interest_paid"`
	Indemnity     string      `json:"indemnity"`
	Total         string      `json:"total"`
	InterestStart *string     `json:"interest_start"`
	InterestUntil string      `json:"interest_until"`
	Periods       []PeriodDoc `json:"periods"`
	Basis         []string    `json:"basis"`
}

// PeriodDoc is one interest period: base × rate × days / year days.
type PeriodDoc struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Days     int    `json:"days"`
	YearDays int    `json:"year_days"`
	Base     string `json:"base"`
	Rate     string `json:"rate"` // percent, "12.15"
	Interest string `json:"interest"`
}

// ExhibitDoc is an exhibit in case.json. Path is empty and Missing says
// why when the document is not in the ZIP; SHA256 lets a reader check the
// file it extracted is the one listed.
type ExhibitDoc struct {
	Number  int    `json:"number"`
	Title   string `json:"title"`
	Date    string `json:"date,omitempty"`
	Path    string `json:"path,omitempty"`
	Size    int    `json:"size"`
	SHA256  string `json:"sha256,omitempty"`
	Missing string `json:"missing,omitempty"`
}

// WarningDoc is a warning of the interest engine, with its catalogue key.
type WarningDoc struct {
	Invoice string `json:"invoice"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

func caseJSON(f File, v view, exhibits []Exhibit) ([]byte, error) {
	c := f.Case
	t, err := c.Totals()
	if err != nil {
		return nil, err
	}
	doc := CaseDoc{
		Format: CaseFormat, Procedure: f.Procedure, Date: f.Date.String(), Place: f.Place,
		Creditor: PartyDoc{Name: c.Creditor.Name, Kind: creditorKind(c.Creditor), SIREN: c.Creditor.SIREN, Address: c.Creditor.Address,
			IsBusiness: c.Creditor.IsBusiness, NonCommercial: c.Creditor.NonCommercial, Signer: c.Creditor.Representative},
		Debtor: PartyDoc{Name: c.Debtor.Name, Kind: string(c.Debtor.Kind), SIREN: c.Debtor.SIREN, Address: c.Debtor.Address,
			IsBusiness: c.Debtor.Kind == ledger.KindBusiness, NonCommercial: c.Debtor.NonCommercial},
		Court:     v.Court,
		Currency:  string(c.Currency()),
		Principal: money.Decimal(t.Principal), Interest: money.Decimal(t.Interest),
		Indemnity: money.Decimal(t.Indemnity), Total: money.Decimal(t.Total),
		NoticeSent: datePtr(c.NoticeSent), Disputed: c.Disputed(),
		Invoices: []InvoiceDoc{}, Exhibits: []ExhibitDoc{}, Warnings: []WarningDoc{},
		Options: append([]Option{v.Option}, v.Others...),
	}
	for _, inv := range c.Invoices {
		doc.Invoices = append(doc.Invoices, invoiceDoc(inv))
		for _, w := range inv.Statement.Warnings {
			doc.Warnings = append(doc.Warnings, WarningDoc{Invoice: inv.Number, Key: w.Key, Message: i18n.T("fr", w.Key, w.Args...)})
		}
	}
	for i, e := range exhibits {
		ed := ExhibitDoc{Number: e.Number, Title: e.Title, Date: e.Date.String(), Path: v.Exhibits[i].Path, Size: len(e.Content), Missing: v.Exhibits[i].Missing}
		if !e.IsMissing() {
			sum := sha256.Sum256(e.Content)
			ed.SHA256 = hex.EncodeToString(sum[:])
		}
		doc.Exhibits = append(doc.Exhibits, ed)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("courtfile: encode case.json: %w", err)
	}
	return append(b, '\n'), nil
}

func invoiceDoc(inv Invoice) InvoiceDoc {
	st := inv.Statement
	d := InvoiceDoc{Number: inv.Number, IssueDate: inv.IssueDate.String(), DueDate: inv.DueDate.String(),
		Amount: money.Decimal(inv.Amount), Remaining: money.Decimal(inv.Remaining), Disputed: inv.Disputed,
		Principal: money.Decimal(st.Principal), Interest: money.Decimal(st.Interest), Accrued: money.Decimal(st.Accrued),
		InterestPaid: money.Decimal(st.InterestPaid), Indemnity: money.Decimal(st.Indemnity), Total: money.Decimal(st.Total),
		InterestStart: datePtr(st.Start), InterestUntil: st.Claim.Until.String(), Periods: []PeriodDoc{}, Basis: []string{}}
	d.Basis = append(d.Basis, st.Basis...)
	for _, p := range st.Periods {
		d.Periods = append(d.Periods, PeriodDoc{From: p.From.String(), To: p.To.String(), Days: p.Days, YearDays: p.YearDays,
			Base: money.Decimal(p.Base), Rate: p.Rate.String(), Interest: money.Decimal(p.Interest)})
	}
	return d
}

func datePtr(d civil.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func creditorKind(c Creditor) string {
	if c.IsBusiness {
		return string(ledger.KindBusiness)
	}
	return string(ledger.KindConsumer)
}

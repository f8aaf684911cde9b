package courtfile

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// view is what the index templates print: every amount and date already
// formatted the French way, so the templates only lay it out and the
// HTML and text indexes cannot differ.
type view struct {
	Title    string
	Date     string // « 22 novembre 2026 »
	Place    string
	Option   Option
	Others   []Option // the procedures not chosen, with why
	Court    CourtChoice
	Agent    []string // who acts, for the procedures without a judge
	Creditor partyView
	Debtor   partyView
	Parties  []partyView
	// OptionBasis and CourtBasis are the articles, joined for printing.
	OptionBasis string
	CourtBasis  string
	Notice      string
	Invoices    []invoiceView
	Totals      totalsView
	Exhibits    []exhibitView
	Missing     []exhibitView
	Warnings    []string // the interest engine's warnings, in French
	Checks      []Note   // every note marked Check, gathered
	LetterRef   string   // the name of the request or cover note in the ZIP
	Letter      letter
}

type partyView struct {
	Role    string
	Name    string
	Kind    string
	SIREN   string
	Address []string
	Signer  string
}

type invoiceView struct {
	Number, Issue, Due             string
	Amount, Remaining              string
	Interest, Indemnity, Total     string
	Accrued, InterestPaid, Start   string
	Until, Basis                   string
	Disputed                       bool
	Periods                        []periodView
	HasInterestPaid, HasNoInterest bool
	HasIndemnity                   bool
}

type periodView struct {
	From, To, Base, Rate, Interest string
	Days, YearDays                 int
}

type totalsView struct {
	Principal, Interest, Indemnity, Total string
	PrincipalInterest                     string
}

type exhibitView struct {
	Number  int
	Label   string // « Pièce n° 1 »
	Title   string
	Date    string
	Path    string // inside the ZIP; empty when missing
	Missing string // the reason, when missing
	Absent  bool
}

func newView(f File, opts []Option, exhibits []Exhibit) (view, error) {
	c := f.Case
	t, err := c.Totals()
	if err != nil {
		return view{}, err
	}
	v := view{
		Title:    "Dossier de recouvrement — " + f.Procedure.Name().FR,
		Date:     longDateFR(f.Date),
		Place:    f.Place,
		Creditor: creditorView(c.Creditor),
		Debtor:   debtorView(c.Debtor),
		Court:    Court(c),
		Totals: totalsView{Principal: money.FormatFR(t.Principal), Interest: money.FormatFR(t.Interest),
			Indemnity: money.FormatFR(t.Indemnity), Total: money.FormatFR(t.Total),
			PrincipalInterest: money.FormatFR(money.New(t.Principal.Minor+t.Interest.Minor, t.Principal.Currency))},
	}
	if !c.NoticeSent.IsZero() {
		v.Notice = c.NoticeSent.FormatFR()
	}
	for _, o := range opts {
		if o.Procedure == f.Procedure {
			v.Option = o
		} else {
			v.Others = append(v.Others, o)
		}
	}
	v.Agent = agent(f.Procedure, v.Court)
	v.Parties = []partyView{v.Creditor, v.Debtor}
	v.OptionBasis = strings.Join(v.Option.Basis, ", ")
	v.CourtBasis = strings.Join(v.Court.Basis, ", ")
	for _, inv := range c.Invoices {
		v.Invoices = append(v.Invoices, newInvoiceView(inv))
		for _, w := range inv.Statement.Warnings {
			if msg := i18n.T("fr", w.Key, w.Args...); !slices.Contains(v.Warnings, msg) {
				v.Warnings = append(v.Warnings, msg)
			}
		}
	}
	width := padWidth(exhibits)
	for _, e := range exhibits {
		ev := exhibitView{Number: e.Number, Label: fmt.Sprintf("Pièce n° %d", e.Number), Title: e.Title}
		if date := e.Date.FormatFR(); !strings.Contains(e.Title, date) {
			ev.Date = date // a title that already gives the date need not repeat it
		}
		if e.IsMissing() {
			ev.Absent = true
			ev.Missing = strings.TrimSpace(e.Missing)
			if ev.Missing == "" {
				ev.Missing = "document non fourni"
			}
			v.Missing = append(v.Missing, ev)
		} else {
			ev.Path = entryName(e, width)
		}
		v.Exhibits = append(v.Exhibits, ev)
	}
	for _, n := range slices.Concat(v.Option.Notes, v.Court.Notes) {
		if n.Check {
			v.Checks = append(v.Checks, n)
		}
	}
	v.LetterRef = RequestHTML
	if f.Procedure != InjonctionDePayer {
		v.LetterRef = CoverNoteHTML
	}
	v.Letter = newLetter(f, v)
	return v, nil
}

// agent says who acts for the procedures without a judge, and where the
// injonction de payer remains if they fail.
func agent(p Procedure, court CourtChoice) []string {
	fallback := "En cas d’échec : injonction de payer devant le " + lowerFirst(court.Name.FR) + " (Cerfa n° " + court.Form + ")."
	switch p {
	case CreancesCommerciales:
		return []string{
			"Commissaire de justice choisi par le créancier : il signifie le commandement de payer, dresse le procès-verbal de non-contestation et le fait rendre exécutoire par le greffier du tribunal de commerce.",
			fallback,
		}
	case PetitesCreances:
		return []string{
			"Commissaire de justice du ressort de la cour d’appel où demeure le débiteur (" + placeFR(court.Place) + ").",
			fallback,
		}
	}
	return nil
}

func placeFR(p Place) string {
	s := strings.TrimSpace(p.PostalCode + " " + p.City)
	if s == "" {
		return "adresse du débiteur à compléter"
	}
	return s
}

func creditorView(p Creditor) partyView {
	kind := "particulier"
	if p.IsBusiness {
		kind = "entreprise"
		if p.NonCommercial {
			kind = "professionnel non commerçant"
		}
	}
	return partyView{Role: "Créancier (demandeur)", Name: p.Name, Kind: kind, SIREN: p.SIREN, Address: addressLines(p.Address), Signer: p.Representative}
}

func debtorView(p Debtor) partyView {
	kind := map[ledger.DebtorKind]string{
		ledger.KindConsumer: "particulier (consommateur)",
		ledger.KindBusiness: "entreprise",
		ledger.KindPublic:   "personne publique",
	}[p.Kind]
	if p.Kind == ledger.KindBusiness && p.NonCommercial {
		kind = "professionnel non commerçant"
	}
	return partyView{Role: "Débiteur (défendeur)", Name: p.Name, Kind: kind, SIREN: p.SIREN, Address: addressLines(p.Address)}
}

func addressLines(a ledger.Address) []string {
	var out []string
	for _, l := range []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City)} {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if a.Country != "" && a.Country != "FR" {
		out = append(out, a.Country)
	}
	return out
}

func newInvoiceView(inv Invoice) invoiceView {
	st := inv.Statement
	iv := invoiceView{Number: inv.Number, Issue: inv.IssueDate.FormatFR(), Due: inv.DueDate.FormatFR(),
		Amount: money.FormatFR(inv.Amount), Remaining: money.FormatFR(st.Principal),
		Interest: money.FormatFR(st.Interest), Indemnity: money.FormatFR(st.Indemnity), Total: money.FormatFR(st.Total),
		Accrued: money.FormatFR(st.Accrued), InterestPaid: money.FormatFR(st.InterestPaid),
		Start: st.Start.FormatFR(), Until: st.Claim.Until.FormatFR(), Basis: strings.Join(st.Basis, ", "),
		Disputed: inv.Disputed, HasInterestPaid: st.InterestPaid.Minor > 0, HasNoInterest: len(st.Periods) == 0, HasIndemnity: st.Indemnity.Minor != 0}
	for _, p := range st.Periods {
		iv.Periods = append(iv.Periods, periodView{From: p.From.FormatFR(), To: p.To.FormatFR(), Days: p.Days, YearDays: p.YearDays,
			Base: money.FormatFR(p.Base), Rate: p.Rate.FormatFR(), Interest: money.FormatFR(p.Interest)})
	}
	return iv
}

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// longDateFR writes a date as a French letter does: « 1er mars 2026 »,
// « 22 novembre 2026 ».
func longDateFR(d civil.Date) string {
	if d.IsZero() || d.Month < time.January || d.Month > time.December {
		return ""
	}
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[d.Month-1], d.Year)
}

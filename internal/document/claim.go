package document

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// Proceedings is the kind of insolvency proceedings (procédure
// collective) opened against a debtor.
type Proceedings string

// The three procédures collectives of book VI of the Code de commerce.
const (
	Sauvegarde   Proceedings = "sauvegarde"   // safeguard, before insolvency
	Redressement Proceedings = "redressement" // redressement judiciaire
	Liquidation  Proceedings = "liquidation"  // liquidation judiciaire
)

// Valid reports whether p is one of the three kinds.
func (p Proceedings) Valid() bool {
	return p == Sauvegarde || p == Redressement || p == Liquidation
}

// ClaimDeclaration is a déclaration de créance: the creditor's claim,
// sent to the mandataire judiciaire (the liquidateur in a liquidation)
// within the deadline of R622-24 C. com., or the claim is barred.
type ClaimDeclaration struct {
	Lang      string     // "fr" (the default) or "en"
	Date      civil.Date // the declaration's date
	Place     string
	Reference string

	Creditor   Party
	Debtor     Party
	Mandataire Party // the mandataire judiciaire or liquidateur, with "Maître" in the name if wanted

	Court        string // "Tribunal de commerce de Lyon"
	JudgmentDate civil.Date
	Proceedings  Proceedings
	CaseNumber   string     // the court's case number, when known
	Publication  civil.Date // the judgment's publication in the BODACC: the deadline runs from it
	// Abroad is true for a creditor who does not live in the court's
	// territory (outside metropolitan France for a metropolitan court): it
	// has two more months (R622-24 C. com.).
	Abroad bool

	Claims []DeclaredClaim
	// Security names the creditor's security or privilege (a retention of
	// title, a pledge…); empty declares an unsecured (chirographaire) claim.
	Security string

	Signatory     string
	SignatoryRole string
}

// DeclaredClaim is one invoice declared. A claim whose due date is before
// the judgment is échue; one due on or after it is à échoir and is
// declared with its due date.
type DeclaredClaim struct {
	Number    string
	IssueDate civil.Date
	DueDate   civil.Date
	Remaining money.Amount // principal still due
	// Interest and Indemnity are what accrued before the judgment, which
	// stops interest (L622-28 C. com.): compute them with legalfr.Compute
	// up to the day before the judgment. Zero when none.
	Interest  money.Amount
	Indemnity money.Amount
}

// Due reports whether c was due (échue) on the day of the judgment.
func (c DeclaredClaim) Due(judgment civil.Date) bool { return c.DueDate.Before(judgment) }

// ClaimDeadline is the last day to declare a claim: two months from the
// publication of the opening judgment in the BODACC, four for a creditor
// abroad (R622-24 C. com.). Months end on the same day-number, or on the
// month's last day when it has none (CPC 641); a deadline falling on a
// Saturday, a Sunday or a public holiday moves to the next working day
// (CPC 642), with the national list of holidays, which never invents one.
func ClaimDeadline(publication civil.Date, abroad bool) civil.Date {
	months := 2
	if abroad {
		months = 4
	}
	return legalfr.NextWorkingDay(addMonths(publication, months), legalfr.RegionMetropole)
}

// addMonths is d plus n months on the same day-number, or on the last day
// of the month when it is shorter (CPC 641) — not civil.AddMonths, which
// would roll 31 December + 2 months over to 3 March.
func addMonths(d civil.Date, n int) civil.Date {
	first := civil.D(d.Year, d.Month+time.Month(n), 1)
	last := civil.D(first.Year, first.Month+1, 0).Day
	return civil.Date{Year: first.Year, Month: first.Month, Day: min(d.Day, last)}
}

// claimSums are the declaration's totals.
type claimSums struct {
	principal, interest, indemnity money.Amount
	due, notDue, total             money.Amount
	anyNotDue                      bool
}

func (d ClaimDeclaration) validate() error {
	switch {
	case len(d.Claims) == 0:
		return ledger.FieldError("claims", "a declaration needs at least one claim")
	case d.Date.IsZero() || d.JudgmentDate.IsZero() || d.Publication.IsZero():
		return ledger.FieldError("date", "the declaration, the judgment and its publication need dates")
	case d.Publication.Before(d.JudgmentDate):
		return ledger.FieldError("publication", "the publication %s is before the judgment %s", d.Publication, d.JudgmentDate)
	case !d.Proceedings.Valid():
		return ledger.FieldError("proceedings", "unknown proceedings %q (want sauvegarde, redressement or liquidation)", d.Proceedings)
	case !d.Claims[0].Remaining.Currency.Valid():
		return ledger.FieldError("currency", "claim %q has no valid currency", d.Claims[0].Number)
	}
	return nil
}

func (d ClaimDeclaration) sums() (claimSums, error) {
	if err := d.validate(); err != nil {
		return claimSums{}, err
	}
	cur := d.Claims[0].Remaining.Currency
	s := claimSums{}
	for _, p := range []*money.Amount{&s.principal, &s.interest, &s.indemnity, &s.due, &s.notDue, &s.total} {
		*p = money.New(0, cur)
	}
	for _, c := range d.Claims {
		bucket := &s.due
		if !c.Due(d.JudgmentDate) {
			bucket, s.anyNotDue = &s.notDue, true
		}
		for _, a := range []struct {
			to *money.Amount
			v  money.Amount
		}{
			{&s.principal, c.Remaining}, {&s.interest, c.Interest}, {&s.indemnity, c.Indemnity},
			{bucket, c.Remaining}, {bucket, c.Interest}, {bucket, c.Indemnity},
		} {
			if err := addTo(a.to, a.v); err != nil {
				return claimSums{}, err
			}
		}
	}
	var err error
	s.total, err = s.due.Add(s.notDue)
	return s, err
}

// RenderDeclarationOfClaim renders the déclaration de créance as an A4 PDF.
func RenderDeclarationOfClaim(d ClaimDeclaration) ([]byte, error) {
	s, err := d.sums()
	if err != nil {
		return nil, err
	}
	d.Lang = i18n.Normalize(d.Lang)
	r := &claim{d: d, s: s}
	r.writer = newWriter(d.Lang, meta{title: tr(d.Lang, "claim.title"), reference: d.Reference,
		author: d.Creditor.Name, date: d.Date})
	for _, section := range []func(){r.head, r.proceedings, r.claims, r.totals, r.terms, r.close} {
		section()
	}
	return r.bytes()
}

// claim lays out one declaration of claim.
type claim struct {
	*writer
	d ClaimDeclaration
	s claimSums
}

func (r *claim) role() string {
	if r.d.Proceedings == Liquidation {
		return r.t("claim.role.liquidateur")
	}
	return r.t("claim.role.mandataire")
}

func (r *claim) head() {
	r.parties(r.partyBlock(r.t("claim.creditor"), r.d.Creditor), r.partyBlock(r.role(), r.d.Mandataire))
	r.placeDate(r.d.Place, r.d.Date)
	r.strong(r.t("common.lrar"))
	r.field(r.t("common.reference"), r.d.Reference)
	r.field(r.t("common.object"), r.t("claim.object", r.d.Debtor.Name, r.t("claim.proc."+string(r.d.Proceedings))))
	r.title(r.t("claim.title"), r.t("claim.subtitle"))
	r.para(r.t("claim.salutation"))
	r.para(r.t("claim.intro"))
}

// proceedings identifies the case: the mandataire files claims by debtor
// and judgment, so both must be unmistakable.
func (r *claim) proceedings() {
	debtor := oneLine(r.d.Debtor)
	if r.d.Debtor.SIREN != "" {
		debtor += ", " + r.t("party.siren", groupSIREN(r.d.Debtor.SIREN))
	}
	r.field(r.t("claim.f.debtor"), debtor)
	r.field(r.t("claim.f.proceedings"), r.t("claim.proc."+string(r.d.Proceedings)))
	r.field(r.t("claim.f.court"), r.d.Court)
	r.field(r.t("claim.f.judgment"), r.date(r.d.JudgmentDate))
	r.field(r.t("claim.f.publication"), r.date(r.d.Publication))
	r.field(r.t("claim.f.case"), r.d.CaseNumber)
	r.space(0.5)
}

func (r *claim) claims() {
	r.heading(r.t("claim.claims"))
	t := table{cols: []column{
		{r.t("col.number"), 28, "L"}, {r.t("col.issue"), 22, "C"}, {r.t("col.due"), 22, "C"},
		{r.t("col.principal"), 28, "R"}, {r.t("col.interest"), 24, "R"}, {r.t("col.indemnity"), 22, "R"},
		{r.t("col.nature"), 24, "C"},
	}}
	cur := r.s.total.Currency
	for _, c := range r.d.Claims {
		nature := r.t("claim.due")
		if !c.Due(r.d.JudgmentDate) {
			nature = r.t("claim.not_due")
		}
		t.rows = append(t.rows, []string{c.Number, r.date(c.IssueDate), r.date(c.DueDate),
			r.money(c.Remaining), r.amount(c.Interest, cur), r.amount(c.Indemnity, cur), nature})
	}
	t.totals = [][]string{{r.t("col.total"), "", "", r.money(r.s.principal), r.money(r.s.interest), r.money(r.s.indemnity), ""}}
	r.table(t)
	r.para(r.t("claim.interest_stop", r.date(r.d.JudgmentDate)))
}

// totals splits the claim into échue and à échoir, as R622-23 C. com.
// asks for the sums not yet due with their due dates.
func (r *claim) totals() {
	r.heading(r.t("claim.sum.heading"))
	r.summary([]kv{
		{label: r.t("claim.sum.due"), value: r.money(r.s.due)},
		{label: r.t("claim.sum.not_due"), value: r.money(r.s.notDue)},
		{label: r.t("claim.sum.total"), value: r.money(r.s.total), bold: true},
	})
	if r.s.anyNotDue {
		r.para(r.t("claim.not_due_note"))
	}
}

func (r *claim) terms() {
	if r.d.Security != "" {
		r.para(r.t("claim.security", r.d.Security))
	} else {
		r.para(r.t("claim.unsecured"))
	}
	key := "claim.deadline"
	if r.d.Abroad {
		key += ".abroad"
	}
	r.para(r.t(key, r.date(ClaimDeadline(r.d.Publication, r.d.Abroad))))
	r.para(r.t("claim.attachments"))
	r.strong(r.t("claim.certify", r.money(r.s.total)))
}

func (r *claim) close() {
	r.closing(r.t("claim.closing"), r.d.Signatory, r.d.SignatoryRole, r.d.Creditor.Name)
}

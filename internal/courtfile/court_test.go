package courtfile

import (
	"slices"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

func TestCourt(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		c      func(t testing.TB) Case
		kind   CourtKind
		form   string
		filing string   // a word the filing instructions must contain
		alts   []string // the alternatives' kinds
		notes  []string // codes that must be among the notes
		checks []string // codes that must be marked Check
		absent []string // codes that must not be there
	}{
		{
			name: "business to business: commercial court", c: b2bCase,
			kind: TribunalDeCommerce, form: CerfaTC, filing: "Tribunal digital",
			notes:  []string{CodeCourtPlace, CodeCourtSeat, CodeCourtDecree202696, CodeCourtOpposition, CodeCourtTAE},
			checks: []string{CodeCourtClause},
			absent: []string{CodeCourtContribution, CodeCourtAlsace, CodeCourtOverseas, CodeCourtNoAddress},
		},
		{
			name: "consumer: tribunal judiciaire, the protection judge as an option only",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindConsumer, today, invoice(t, ledger.KindConsumer, "F1", 900_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
			},
			kind: TribunalJudiciaire, form: CerfaTJ, filing: "greffe",
			alts:   []string{string(JugeProtection)},
			notes:  []string{CodeCourtPlace, CodeCourtDecree202696},
			absent: []string{CodeCourtSeat, CodeCourtTAE},
		},
		{
			name: "public body: administrative court, no Cerfa",
			c: func(t testing.TB) Case {
				return caseOf(ledger.KindPublic, today, invoice(t, ledger.KindPublic, "F1", 900_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
			},
			kind: TribunalAdministratif, form: "", filing: "avocat",
			checks: []string{CodeCourtPublic},
			absent: []string{CodeCourtDecree202696},
		},
		{
			name: "business debtor that is not a trader: tribunal judiciaire",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Debtor.NonCommercial = true
				return c
			},
			kind: TribunalJudiciaire, form: CerfaTJ, filing: "greffe",
			notes: []string{CodeCourtSeat},
		},
		{
			name: "creditor not a business, trading debtor: tribunal judiciaire, commercial court as an option",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Creditor.IsBusiness = false
				return c
			},
			kind: TribunalJudiciaire, form: CerfaTJ, filing: "greffe",
			alts: []string{string(TribunalDeCommerce)},
		},
		{
			name: "Alsace-Moselle",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Debtor.Address.PostalCode, c.Debtor.Address.City = "67000", "Strasbourg"
				return c
			},
			kind: TribunalDeCommerce, form: CerfaTC, filing: "Tribunal digital",
			checks: []string{CodeCourtAlsace},
		},
		{
			name: "overseas",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Debtor.Address.PostalCode, c.Debtor.Address.City = "97400", "Saint-Denis"
				return c
			},
			kind: TribunalDeCommerce, form: CerfaTC, filing: "Tribunal digital",
			checks: []string{CodeCourtOverseas},
		},
		{
			name: "claims over €50,000 before the commercial court",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Invoices = append(c.Invoices, invoice(t, ledger.KindBusiness, "F-BIG", 60000_00, d("2026-06-30"), d("2026-11-20"), civil.Date{}))
				return c
			},
			kind: TribunalDeCommerce, form: CerfaTC, filing: "Tribunal digital",
			checks: []string{CodeCourtContribution},
		},
		{
			name: "no address: the court cannot be found",
			c: func(t testing.TB) Case {
				c := b2bCase(t)
				c.Debtor.Address = ledger.Address{}
				return c
			},
			kind: TribunalDeCommerce, form: CerfaTC, filing: "Tribunal digital",
			notes:  []string{CodeCourtNoAddress},
			absent: []string{CodeCourtPlace},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.c(t)
			ch := Court(c)
			if ch.Kind != tt.kind || ch.Form != tt.form {
				t.Errorf("court = %s %q, want %s %q", ch.Kind, ch.Form, tt.kind, tt.form)
			}
			if !strings.Contains(ch.Filing.FR, tt.filing) && !strings.Contains(ch.Filing.EN, tt.filing) {
				t.Errorf("filing %q does not mention %q", ch.Filing.FR, tt.filing)
			}
			var alts []string
			for _, a := range ch.Alternatives {
				alts = append(alts, string(a.Kind))
				if a.When.FR == "" || a.When.EN == "" {
					t.Errorf("alternative %s does not say when it applies", a.Kind)
				}
			}
			if !slices.Equal(alts, tt.alts) {
				t.Errorf("alternatives = %v, want %v", alts, tt.alts)
			}
			for _, code := range tt.notes {
				if !hasCode(ch.Notes, code) {
					t.Errorf("notes %v lack %s", codes(ch.Notes), code)
				}
			}
			for _, code := range tt.checks {
				i := slices.IndexFunc(ch.Notes, func(n Note) bool { return n.Code == code })
				if i < 0 || !ch.Notes[i].Check {
					t.Errorf("notes %v lack %s marked Check", codes(ch.Notes), code)
				}
			}
			for _, code := range tt.absent {
				if hasCode(ch.Notes, code) {
					t.Errorf("notes %v should not have %s", codes(ch.Notes), code)
				}
			}
			if tt.kind != TribunalAdministratif && !slices.Contains(ch.Basis, "CPC 1406") {
				t.Errorf("basis %v lacks CPC 1406", ch.Basis)
			}
		})
	}
}

// TestCourtPlace: the court is the debtor's, never the creditor's, and
// the user is told the town to look up.
func TestCourtPlace(t *testing.T) {
	t.Parallel()
	ch := Court(b2bCase(t))
	if ch.Place != (Place{City: "Villeurbanne", PostalCode: "69100"}) {
		t.Errorf("place = %+v, want the debtor's", ch.Place)
	}
	i := slices.IndexFunc(ch.Notes, func(n Note) bool { return n.Code == CodeCourtPlace })
	if i < 0 || !strings.Contains(ch.Notes[i].FR, "69100 Villeurbanne") || !strings.Contains(ch.Notes[i].EN, "69100 Villeurbanne") {
		t.Errorf("the place note does not name the debtor's town: %+v", ch.Notes)
	}
}

// TestSignificationDeadline pins décret 2026-96: three months for orders
// made from 1 September 2026, six before, month ends per CPC 641, never
// moved off a weekend.
func TestSignificationDeadline(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ order, want string }{
		{"2026-03-31", "2026-09-30"}, // six months; September has no 31st
		{"2026-08-31", "2027-02-28"}, // last order under the old rule
		{"2026-09-01", "2026-12-01"}, // first under the new one
		{"2026-11-30", "2027-02-28"},
		{"2027-11-30", "2028-02-29"}, // leap year
		{"2026-10-03", "2027-01-03"}, // a Sunday stays a Sunday
	} {
		if got := SignificationDeadline(d(tt.order)); got != d(tt.want) {
			t.Errorf("SignificationDeadline(%s) = %s, want %s", tt.order, got, tt.want)
		}
	}
}

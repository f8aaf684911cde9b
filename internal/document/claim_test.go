package document

import (
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/pdftext"
)

// TestClaimDeadline pins R622-24 C. com. with CPC 641 and 642: two months
// (four abroad) from the BODACC publication, on the same day-number or the
// month's last day, moved off weekends and public holidays.
func TestClaimDeadline(t *testing.T) {
	for _, tt := range []struct {
		publication string
		abroad      bool
		want        string
	}{
		{"2026-01-20", false, "2026-03-20"}, // a Friday: as is
		{"2025-09-19", false, "2025-11-19"}, // a Wednesday
		{"2025-09-19", true, "2026-01-19"},  // four months abroad, a Monday
		{"2025-12-31", false, "2026-03-02"}, // no 31 February: 28 February, a Saturday → Monday
		{"2026-01-15", false, "2026-03-16"}, // 15 March 2026 is a Sunday
		{"2026-03-14", false, "2026-05-15"}, // 14 May 2026 is Ascension Day
		{"2025-10-31", true, "2026-03-02"},  // four months abroad, no 31 February: 28 February, a Saturday → Monday
		{"2024-12-29", false, "2025-02-28"}, // 29 February does not exist in 2025: last day, a Friday
		{"2026-06-14", false, "2026-08-14"}, // a Friday before 15 August
		{"2026-06-15", false, "2026-08-17"}, // 15 August, a Saturday and a holiday → Monday
	} {
		got := ClaimDeadline(civil.MustParse(tt.publication), tt.abroad)
		if got != civil.MustParse(tt.want) {
			t.Errorf("ClaimDeadline(%s, abroad=%v) = %s, want %s", tt.publication, tt.abroad, got, tt.want)
		}
	}
}

// TestRenderDeclarationOfClaim renders each kind of proceedings in both
// languages and checks the figures and the mentions the mandataire needs.
func TestRenderDeclarationOfClaim(t *testing.T) {
	pdftext.Require(t)
	for _, lang := range i18n.Langs {
		for _, p := range []Proceedings{Sauvegarde, Redressement, Liquidation} {
			for _, abroad := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/abroad=%v", lang, p, abroad), func(t *testing.T) {
					t.Parallel()
					d := declaration(t, lang, p, abroad)
					pdf, err := RenderDeclarationOfClaim(d)
					text := textOf(t, pdf, err)
					checkDeclaration(t, text, d)
				})
			}
		}
	}
}

func checkDeclaration(t *testing.T, text string, d ClaimDeclaration) {
	t.Helper()
	m := func(a money.Amount) string { return i18n.Money(d.Lang, a) }
	var total int64
	for _, c := range d.Claims {
		contains(t, text, c.Number, i18n.Date(d.Lang, c.DueDate), m(c.Remaining))
		if c.Interest.Minor != 0 {
			contains(t, text, m(c.Interest))
		}
		total += c.Remaining.Minor + c.Interest.Minor + c.Indemnity.Minor
	}
	role := "claim.role.mandataire"
	if d.Proceedings == Liquidation {
		role = "claim.role.liquidateur"
	}
	contains(t, text, m(money.EUR(total)), d.Court, d.Mandataire.Name, tr(d.Lang, role),
		tr(d.Lang, "claim.proc."+string(d.Proceedings)),
		i18n.Date(d.Lang, d.JudgmentDate), i18n.Date(d.Lang, d.Publication),
		i18n.Date(d.Lang, ClaimDeadline(d.Publication, d.Abroad)),
		"L622-28", "R622-24", tr(d.Lang, "claim.due"), tr(d.Lang, "claim.not_due"),
		tr(d.Lang, "claim.certify", m(money.EUR(total))))
	if d.Lang == "fr" {
		contains(t, text, "DÉCLARATION DE CRÉANCE", "Échue", "À échoir", "sincère et véritable")
	}
}

// TestDeclarationSplitsDueAndNotDue: a claim due before the judgment is
// échue, one due on or after it à échoir.
func TestDeclarationSplitsDueAndNotDue(t *testing.T) {
	d := declaration(t, "fr", Redressement, false)
	s, err := d.sums()
	if err != nil {
		t.Fatal(err)
	}
	last := d.Claims[len(d.Claims)-1]
	if s.notDue != last.Remaining {
		t.Errorf("à échoir = %s, want %s", s.notDue, last.Remaining)
	}
	if s.due.Minor+s.notDue.Minor != s.total.Minor || !s.anyNotDue {
		t.Errorf("sums do not add up: %+v", s)
	}
	judgment := civil.MustParse(judgmentDate)
	if (DeclaredClaim{DueDate: judgment}).Due(judgment) {
		t.Error("a claim due on the day of the judgment is not yet due at its opening")
	}
}

func TestDeclarationRefusesBadInput(t *testing.T) {
	for name, spoil := range map[string]func(*ClaimDeclaration){
		"no claims":             func(d *ClaimDeclaration) { d.Claims = nil },
		"unknown proceedings":   func(d *ClaimDeclaration) { d.Proceedings = "faillite" },
		"no publication":        func(d *ClaimDeclaration) { d.Publication = civil.Date{} },
		"published before":      func(d *ClaimDeclaration) { d.Publication = d.JudgmentDate.AddDays(-1) },
		"two currencies":        func(d *ClaimDeclaration) { d.Claims[1].Remaining.Currency = "CHF" },
		"interest in other cur": func(d *ClaimDeclaration) { d.Claims[0].Interest.Currency = "USD" },
	} {
		t.Run(name, func(t *testing.T) {
			d := declaration(t, "fr", Liquidation, false)
			spoil(&d)
			if _, err := RenderDeclarationOfClaim(d); ledger.ErrorCode(err) != ledger.EInvalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
		})
	}
}

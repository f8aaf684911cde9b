package receivable

import (
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
)

func TestInferKind(t *testing.T) {
	tests := []struct {
		name, siren, siret string
		want               ledger.DebtorKind
		src                KindSource
	}{
		{"Boulangerie Martin SARL", "", "", ledger.KindBusiness, KindFromIdentity},
		{"S.A.R.L. Dupont & Fils", "", "", ledger.KindBusiness, KindFromIdentity},
		{"SAS Les Vergers", "", "", ledger.KindBusiness, KindFromIdentity},
		{"Transports Léa", "552100554", "", ledger.KindBusiness, KindFromIdentity},
		{"Transports Léa", "", "552 100 554 00013", ledger.KindBusiness, KindFromIdentity},
		{"Mairie de Lyon", "213800000", "", ledger.KindPublic, KindInferred},
		{"Commune de Saint-Étienne", "", "", ledger.KindPublic, KindInferred},
		{"Centre Hospitalier d'Arles", "", "", ledger.KindPublic, KindInferred},
		{"Université Paris-Saclay", "", "", ledger.KindPublic, KindInferred},
		{"Lycée Victor Hugo", "", "", ledger.KindPublic, KindInferred},
		{"Département du Rhône", "", "", ledger.KindPublic, KindInferred},
		{"Région Occitanie", "", "", ledger.KindPublic, KindInferred},
		{"Jean Dupont", "", "", ledger.KindConsumer, KindInferred},
		{"Mme Sasha Régionale", "", "", ledger.KindConsumer, KindInferred},
		{"Salon Sarlat", "", "", ledger.KindConsumer, KindInferred},
		{"", "", "", ledger.KindConsumer, KindInferred},
		{"Acme Ltd", "", "", ledger.KindBusiness, KindFromIdentity},
		{"Marie Curie", "12345", "", ledger.KindConsumer, KindInferred},
	}
	for _, tt := range tests {
		got, src := InferKind(tt.name, tt.siren, tt.siret)
		if got != tt.want || src != tt.src {
			t.Errorf("InferKind(%q, %q, %q) = %s (%s), want %s (%s)", tt.name, tt.siren, tt.siret, got, src, tt.want, tt.src)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Centre Hospitalier d'Arles", "centre hospitalier d arles"},
		{"  SOCIÉTÉ  Générale—Œuvres & Cie. ", "societe generale oeuvres cie"},
		{"S.A.R.L.", "s a r l"},
		{"Ærø Ñandú Łódź", "aero nandu łodz"},
		{"N° 12/b", "n 12 b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	for b.Loop() {
		Fold("Boulangerie Pâtisserie Léa & Frères SARL")
	}
}

func TestParseKind(t *testing.T) {
	tests := []struct {
		in   string
		want ledger.DebtorKind
		ok   bool
	}{
		{"Particulier", ledger.KindConsumer, true},
		{"PROFESSIONNEL", ledger.KindBusiness, true},
		{"B2B", ledger.KindBusiness, true},
		{"b2c", ledger.KindConsumer, true},
		{"Société", ledger.KindBusiness, true},
		{"Collectivité", ledger.KindPublic, true},
		{"Public", ledger.KindPublic, true},
		{"martien", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseKind(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseKind(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

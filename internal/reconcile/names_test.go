package reconcile

import (
	"slices"
	"testing"
)

func TestNameWords(t *testing.T) {
	for name, want := range map[string][]string{
		"Boulangerie Martin SARL":            {"boulangerie", "martin"},
		"S.A.R.L. BOULANGERIE MARTIN":        {"boulangerie", "martin"},
		"MARTIN BOULANGERIE":                 {"boulangerie", "martin"},
		"M. DUPONT JEAN":                     {"dupont", "jean"},
		"M OU MME DUPONT JEAN":               {"dupont", "jean"},
		"Mme Hélène Lefèvre":                 {"helene", "lefevre"},
		"VIR SEPA RECU /DE GARAGE DU CENTRE": {"centre", "du", "garage"},
		"SAS":                                {},
	} {
		if got := nameWords(name); !slices.Equal(got, want) {
			t.Errorf("nameWords(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestContains(t *testing.T) {
	debtor := nameWords("Plomberie Le Gall et Fils")
	for payer, want := range map[string]bool{
		"PLOMBERIE LE GALL":         true,
		"PLOMBERIE LE GA":           true, // cut short by the bank
		"PLOMBERIE LE GALL ET FILS": true,
		"PLOMBERIE DUPONT":          false,
		"PLOMB GA":                  false, // two words cut short
	} {
		if got := contains(debtor, nameWords(payer)); got != want {
			t.Errorf("contains(%q, %q) = %v", debtor, payer, got)
		}
	}
}

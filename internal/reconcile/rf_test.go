package reconcile

import "testing"

func TestValidRF(t *testing.T) {
	for ref, want := range map[string]bool{
		"RF18 5390 0754 7034":           true, // the ISO 11649 example
		"RF18539007547034":              true,
		"rf18539007547034":              true,
		"RF712348231":                   true,
		"RF45G72UUR":                    true,
		"RF6518K5":                      true,
		"RF07F20240012":                 true,  // RFReference("F2024-0012")
		"RF19 5390 0754 7034":           false, // wrong check digits
		"RF18 5390 0754 7043":           false, // swapped digits
		"RF98123456789012":              false, // the camt sample's, with wrong check digits
		"RF00":                          false,
		"RF1":                           false,
		"RF18-5390":                     false,
		"XX18539007547034":              false,
		"RF185390075470345390075470345": false, // too long
		"":                              false,
	} {
		if got := ValidRF(ref); got != want {
			t.Errorf("ValidRF(%q) = %v, want %v", ref, got, want)
		}
	}
}

func TestRFReference(t *testing.T) {
	for number, want := range map[string]string{
		"F2024-0012":               "RF07F20240012",
		"FA-000123":                "RF44FA000123",
		"2024/00045":               "RF18202400045",
		"FACTURÉ-1":                "RF18FACTURE1",
		"":                         "",
		"--":                       "",
		"123456789012345678901234": "", // more than 21 characters
	} {
		got := RFReference(number)
		if got != want {
			t.Errorf("RFReference(%q) = %q, want %q", number, got, want)
		}
		if got != "" && !ValidRF(got) {
			t.Errorf("RFReference(%q) = %q is not valid", number, got)
		}
	}
}

func TestIBAN(t *testing.T) {
	if got := NormalizeIBAN(" fr76 3000-6000 0112 3456 7890 189 "); got != "FR7630006000011234567890189" {
		t.Errorf("NormalizeIBAN: %q", got)
	}
	for s, want := range map[string]bool{
		"FR7630006000011234567890189": true,
		"FR7630006000011234567890188": false,
		"F2024-0012":                  false,
		"US20291092":                  false,
	} {
		if got := looksLikeIBAN(s); got != want {
			t.Errorf("looksLikeIBAN(%q) = %v", s, got)
		}
	}
}

package ledger

import "testing"

func TestNormalizeIBAN(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", true},
		{"fr7630006000011234567890189", "FR7630006000011234567890189", true},
		{"NL57 RABO 0107 3075 10", "NL57RABO0107307510", true},
		{"DE89-3704-0044-0532-0130-00", "DE89370400440532013000", true},
		{"FR7630006000011234567890188", "FR7630006000011234567890188", false}, // check digits wrong
		{"FR76", "FR76", false},
		{"12345678901234567", "12345678901234567", false},
		{"FR76 3000 6000/0112", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeIBAN(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeIBAN(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

package sms

import (
	"strings"
	"testing"
)

func TestNormalizeFR(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		mobile bool
	}{
		{"06 12 34 56 78", "+33612345678", true},
		{"06.12.34.56.78", "+33612345678", true},
		{"06-12-34-56-78", "+33612345678", true},
		{"0612345678", "+33612345678", true},
		{" 07 98 76 54 32 ", "+33798765432", true},
		{"+33 6 12 34 56 78", "+33612345678", true},
		{"+33612345678", "+33612345678", true},
		{"+33 (0)6 12 34 56 78", "+33612345678", true},
		{"+33 06 12 34 56 78", "+33612345678", true},
		{"0033 6 12 34 56 78", "+33612345678", true},
		{"0033612345678", "+33612345678", true},
		{"33612345678", "+33612345678", true},
		{"06\u00a012\u00a034\u00a056\u00a078", "+33612345678", true},
		{"(01) 23 45 67 89", "+33123456789", false},
		{"01 23 45 67 89", "+33123456789", false},
		{"09 72 10 20 30", "+33972102030", false},
		{"08 00 12 34 56", "+33800123456", false},
		// Overseas: national form, +33 form and own code agree.
		{"0692 12 34 56", "+262692123456", true},
		{"06 93 12 34 56", "+262693123456", true},
		{"+262 692 12 34 56", "+262692123456", true},
		{"+33 6 92 12 34 56", "+262692123456", true},
		{"00262692123456", "+262692123456", true},
		{"0262 12 34 56", "+262262123456", false},
		{"0639 12 34 56", "+262639123456", true},  // Mayotte
		{"0269 61 23 45", "+262269612345", false}, // Mayotte
		{"0690 12 34 56", "+590690123456", true},  // Guadeloupe
		{"0691 12 34 56", "+590691123456", true},
		{"+590 590 12 34 56", "+590590123456", false},
		{"0694 12 34 56", "+594694123456", true}, // Guyane
		{"0594 12 34 56", "+594594123456", false},
		{"0696 12 34 56", "+596696123456", true}, // Martinique
		{"0697 12 34 56", "+596697123456", true},
		{"+596 596 12 34 56", "+596596123456", false},
	}
	for _, tt := range tests {
		got, mobile, err := NormalizeFR(tt.in)
		if err != nil || got != tt.want || mobile != tt.mobile {
			t.Errorf("NormalizeFR(%q) = %q, %v, %v; want %q, %v", tt.in, got, mobile, err, tt.want, tt.mobile)
		}
	}
}

func TestNormalizeFRErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty"},
		{"06 12 34 56", "want 10 digits"},
		{"06 12 34 56 78 9", "want 10 digits"},
		{"6 12 34 56 78", "want 10 digits"},
		{"+44 20 7946 0958", "not a French calling code"},
		{"+33 6 12 34 56", "want 9 digits"},
		{"+33 0 01 23 45 67", "no French number starts with 00"},
		{"00 12 34 56 78", "not a French calling code"},
		{"+262 6 12 34 56 78", "not a number range of +262"},
		{"+590 692 12 34 56", "belongs to La Réunion (+262), not to +590"},
		{"06 12 34 56 7a", "unexpected character 'a'"},
		{"06 12 34 56 78 poste 12", "unexpected character"},
		{"+33+612345678", "unexpected character '+'"},
	}
	for _, tt := range tests {
		_, _, err := NormalizeFR(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NormalizeFR(%q) error = %v, want it to mention %q", tt.in, err, tt.want)
		}
	}
}

func FuzzNormalizeFR(f *testing.F) {
	for _, s := range []string{"06 12 34 56 78", "+33 (0)6 12 34 56 78", "0033612345678", "0692 12 34 56",
		"+262 692 12 34 56", "33612345678", "+590 590 12 34 56", "+44 20 7946 0958", "", "00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, mobile, err := NormalizeFR(in)
		if err != nil {
			return
		}
		if !intlRE.MatchString(got) || !frenchCode(got[1:]) {
			t.Fatalf("NormalizeFR(%q) = %q, not French E.164", in, got)
		}
		// Idempotent, in E.164 and national form alike.
		again, mobile2, err := NormalizeFR(got)
		if err != nil || again != got || mobile2 != mobile {
			t.Fatalf("NormalizeFR(%q) = %q, %v, %v; not idempotent from %q", got, again, mobile2, err, in)
		}
		cc := "33"
		for _, c := range frenchCodes {
			if strings.HasPrefix(got[1:], c) {
				cc = c
				break
			}
		}
		national := "0" + got[1+len(cc):]
		if back, _, err := NormalizeFR(national); err != nil || back != got {
			t.Fatalf("national %q of %q gives %q, %v", national, got, back, err)
		}
	})
}

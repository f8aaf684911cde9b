package money

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1 234,56", 123456},
		{"1\u00a0234,56\u00a0€", 123456},
		{"1\u202f234,56 €", 123456},
		{"1.234,56", 123456},
		{"1234.56", 123456},
		{"1,234.56", 123456},
		{"1234,5", 123450},
		{"1234", 123400},
		{"-12,00", -1200},
		{"(12,00)", -1200},
		{"12,00-", -1200},
		{"+12", 1200},
		{"€ 12,50", 1250},
		{"12,50 EUR", 1250},
		{"−3,10", -310},
		{"1.234.567", 123456700},
		{"1 234 567,89", 123456789},
		{"0,01", 1},
		{",5", 50},
		{"12,500", 1250},
		{"  7  ", 700},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, "EUR")
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != EUR(tt.want) {
			t.Errorf("Parse(%q) = %d, want %d", tt.in, got.Minor, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in  string
		key string
	}{
		{"", KeyEmpty},
		{"   ", KeyEmpty},
		{"abc", KeyInvalid},
		{"12a", KeyInvalid},
		{"--12", KeyInvalid},
		{"(-12)", KeyInvalid},
		{"1.234", KeyTooManyDecimals},
		{"1,2345", KeyTooManyDecimals},
		{"99999999999999999999", KeyOverflow},
		{"12 $", KeyCurrency},
		{"1.23.4", KeyInvalid},
		{"12,34,56.7", KeyInvalid},
		{"1,2.3", KeyInvalid},
		{"-", KeyInvalid},
		{"€", KeyInvalid},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, "EUR")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a ParseError", tt.in, err)
			continue
		}
		if pe.Key != tt.key {
			t.Errorf("Parse(%q) key = %s, want %s", tt.in, pe.Key, tt.key)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	ok := map[string]int64{"1234.56": 123456, "-0.5": -50, "12": 1200, "+3.1": 310, "0.00": 0}
	for in, want := range ok {
		got, err := ParseDecimal(in, "EUR")
		if err != nil || got.Minor != want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1,5", "1.", ".5", "1.2.3", "1.234", "x", "-", "1 000"} {
		if _, err := ParseDecimal(in, "EUR"); err == nil {
			t.Errorf("ParseDecimal(%q) accepted", in)
		}
	}
	if a, err := ParseDecimal("1500", "JPY"); err != nil || a.Minor != 1500 {
		t.Errorf("JPY: %v %v", a, err)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		a      Amount
		fr, en string
		dec    string
	}{
		{EUR(123456), "1\u202f234,56\u00a0€", "€1,234.56", "1234.56"},
		{EUR(-123456789), "-1\u202f234\u202f567,89\u00a0€", "-€1,234,567.89", "-1234567.89"},
		{EUR(5), "0,05\u00a0€", "€0.05", "0.05"},
		{EUR(0), "0,00\u00a0€", "€0.00", "0.00"},
		{EUR(-1), "-0,01\u00a0€", "-€0.01", "-0.01"},
		{New(100000, "USD"), "1\u202f000,00\u00a0USD", "$1,000.00", "1000.00"},
		{New(1500, "JPY"), "1\u202f500\u00a0JPY", "JPY\u00a01,500", "1500"},
		{EUR(math.MinInt64), "-92\u202f233\u202f720\u202f368\u202f547\u202f758,08\u00a0€", "-€92,233,720,368,547,758.08", "-92233720368547758.08"},
	}
	for _, tt := range tests {
		if got := FormatFR(tt.a); got != tt.fr {
			t.Errorf("FormatFR(%d) = %q, want %q", tt.a.Minor, got, tt.fr)
		}
		if got := FormatEN(tt.a); got != tt.en {
			t.Errorf("FormatEN(%d) = %q, want %q", tt.a.Minor, got, tt.en)
		}
		if got := Decimal(tt.a); got != tt.dec {
			t.Errorf("Decimal(%d) = %q, want %q", tt.a.Minor, got, tt.dec)
		}
	}
	if Format(EUR(100), "en") != "€1.00" || Format(EUR(100), "fr") != "1,00\u00a0€" {
		t.Error("Format does not follow the language")
	}
	if FormatNumberFR(123456, 2) != "1\u202f234,56" {
		t.Error("FormatNumberFR")
	}
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 10000; i++ {
		v := r.Int64N(1<<50) - 1<<49
		a := EUR(v)
		if got, err := Parse(FormatFR(a), "EUR"); err != nil || got != a {
			t.Fatalf("Parse(FormatFR(%d)) = %v, %v", v, got, err)
		}
		if got, err := ParseDecimal(Decimal(a), "EUR"); err != nil || got != a {
			t.Fatalf("ParseDecimal(Decimal(%d)) = %v, %v", v, got, err)
		}
	}
}

func TestArithmetic(t *testing.T) {
	if s, err := EUR(100).Add(EUR(250)); err != nil || s != EUR(350) {
		t.Fatal("Add")
	}
	if _, err := EUR(1).Add(New(1, "USD")); !errors.Is(err, ErrCurrencyMismatch) {
		t.Fatal("Add across currencies")
	}
	if _, err := EUR(math.MaxInt64).Add(EUR(1)); !errors.Is(err, ErrOverflow) {
		t.Fatal("Add overflow")
	}
	if _, err := EUR(0).Sub(EUR(math.MinInt64)); !errors.Is(err, ErrOverflow) {
		t.Fatal("Sub overflow")
	}
	if d, _ := EUR(100).Sub(EUR(250)); d != EUR(-150) || !d.IsNegative() || d.Cmp(EUR(0)) != -1 {
		t.Fatal("Sub")
	}
	if s, err := Sum("EUR", EUR(1), EUR(2), EUR(3)); err != nil || s != EUR(6) {
		t.Fatal("Sum")
	}
	parts := Split(EUR(100), 3)
	if len(parts) != 3 || parts[0] != EUR(34) || parts[1] != EUR(33) || parts[2] != EUR(33) {
		t.Fatalf("Split = %v", parts)
	}
	neg := Split(EUR(-100), 3)
	if neg[0] != EUR(-34) || neg[2] != EUR(-33) {
		t.Fatalf("Split negative = %v", neg)
	}
	if !Currency("EUR").Valid() || Currency("eur").Valid() || Currency("EURO").Valid() {
		t.Fatal("Currency.Valid")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1 234,56 €", "(12,00)", "12,00-", "1.234.567", "1,234.56", "-", "€", "+-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s, "EUR")
		if err != nil {
			return
		}
		back, err := ParseDecimal(Decimal(a), "EUR")
		if err != nil || back != a {
			t.Fatalf("Parse(%q) = %v but Decimal round trip gives %v, %v", s, a, back, err)
		}
		if again, err := Parse(FormatFR(a), "EUR"); err != nil || again != a {
			t.Fatalf("Parse(FormatFR(%v)) = %v, %v", a, again, err)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1234.56", "-0.5", "12", "1.", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseDecimal(s, "EUR")
		if err != nil {
			return
		}
		if back, err := ParseDecimal(Decimal(a), "EUR"); err != nil || back != a {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
	})
}

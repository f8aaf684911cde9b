package tabular

import (
	"testing"

	"github.com/recouvre/recouvre/internal/money"
)

func TestParseAmountForms(t *testing.T) {
	tests := []struct {
		in    string
		excel bool
		want  int64
	}{
		{"1 234,56", false, 123456},
		{"1\u00a0234,56", false, 123456},
		{"1\u202f234,56 €", false, 123456},
		{"1.234,56", false, 123456},
		{"1234.56", false, 123456},
		{"1,234.56", false, 123456},
		{"1234", false, 123400},
		{"-12,00", false, -1200},
		{"(12,00)", false, -1200},
		{"12,00-", false, -1200},
		{"+12", false, 1200},
		{"€ 12,50", false, 1250},
		{"12,50 EUR", false, 1250},
		{"0,5", false, 50},
		{"12,500", false, 1250},
		// Excel's stored numbers.
		{"1525", true, 152500},
		{"-33.5", true, -3350},
		{"1234.5599999999999", true, 123456},
		{"1234.5600000000001", true, 123456},
		{"0.30000000000000004", true, 30},
		{"1.5E+3", true, 150000},
		{"1E-2", true, 1},
		{"-2.5e1", true, -2500},
		{"9999999999999.99", true, 999999999999999},
		{"99999999999999.99", true, 10000000000000000}, // 16 digits: Excel keeps 15
		{"1 234,56", true, 123456},                     // a text cell of a workbook
	}
	for _, tt := range tests {
		got, err := parseAmount(tt.in, "EUR", cellStyle{excel: tt.excel})
		if err != nil || got != money.EUR(tt.want) {
			t.Errorf("parseAmount(%q, excel %v) = %v, %v; want %d cents", tt.in, tt.excel, got, err, tt.want)
		}
	}
}

func TestParseAmountErrors(t *testing.T) {
	tests := []struct {
		in    string
		cur   money.Currency
		excel bool
		key   string
	}{
		{"", "EUR", false, KeyMissingAmount},
		{"abc", "EUR", false, KeyAmount},
		{"1.234", "EUR", false, KeyAmountDecimals}, // one dot is a decimal mark: three decimals refused
		{"12,345", "EUR", false, KeyAmountDecimals},
		{"99999999999999999999", "EUR", false, KeyAmountTooLarge},
		{"12 $", "EUR", false, KeyAmountCurrency},
		{"12 €", "USD", false, KeyAmountCurrency},
		{"1E-3", "EUR", true, KeyAmountDecimals},
		{"1E+30", "EUR", true, KeyAmountTooLarge},
		{"1E+999", "EUR", true, KeyAmount},
		{"1E5", "EUR", false, KeyAmount}, // an exponent is Excel's, not a person's
	}
	for _, tt := range tests {
		_, err := parseAmount(tt.in, tt.cur, cellStyle{excel: tt.excel})
		if err == nil || amountIssueKey(err) != tt.key {
			t.Errorf("parseAmount(%q, %s) error %v, want key %s", tt.in, tt.cur, err, tt.key)
		}
	}
}

func TestExcelDecimal(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"1234.56", "1234.56", false},
		{"1234.5599999999999", "1234.56", true},
		{"0.1", "0.1", false},
		{"9.9999999999999999", "10", true},
		{"-9.9999999999999999E2", "-1000", true},
		{"1E3", "1000", true},
		{"1.25E-2", "0.0125", true},
		{"0E0", "0", true},
		{"123456789012345678", "123456789012346000", true},
		{"abc", "abc", false},
		{"1.", "1.", false},
		{".5", ".5", false},
		{"1E", "1E", false},
	}
	for _, tt := range tests {
		got, ok := excelDecimal(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("excelDecimal(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

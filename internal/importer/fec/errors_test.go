package fec

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
)

func TestLineIssues(t *testing.T) {
	ok := row("VE", "Ventes", "2", "20230105", "411000", "C1", "Dupont", "F2", "10,00", "0,00", "")
	tests := []struct {
		name string
		row  string
		want receivable.Issue
	}{
		{
			name: "bad EcritureDate",
			row:  strings.Replace(ok, "20230105", "2023-01-05", 1),
			want: receivable.Issue{Line: 2, Column: "EcritureDate", Value: "2023-01-05", Key: keyDate, Args: []any{"2023-01-05"}},
		},
		{
			name: "bad PieceDate",
			row:  "VE\tVentes\t1\t20230105\t411000\tClients\tC1\tDupont\tF1\t20230231\tx\t10,00\t0,00\t\t\t\t\t",
			want: receivable.Issue{Line: 2, Column: "PieceDate", Value: "20230231", Key: keyDate, Args: []any{"20230231"}},
		},
		{
			name: "empty EcritureDate",
			row:  "VE\tVentes\t1\t\t411000\tClients\tC1\tDupont\tF1\t20230105\tx\t10,00\t0,00\t\t\t\t\t",
			want: receivable.Issue{Line: 2, Column: "EcritureDate", Value: "", Key: keyDate, Args: []any{""}},
		},
		{
			name: "bad debit",
			row:  row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "12,3,4", "0,00", ""),
			want: receivable.Issue{Line: 2, Column: "Debit", Value: "12,3,4", Key: keyAmount, Args: []any{"12,3,4"}},
		},
		{
			name: "bad credit",
			row:  row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "0,00", "douze", ""),
			want: receivable.Issue{Line: 2, Column: "Credit", Value: "douze", Key: keyAmount, Args: []any{"douze"}},
		},
		{
			name: "amount too large",
			row:  row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "99999999999999999,00", "0,00", ""),
			want: receivable.Issue{Line: 2, Column: "Debit", Value: "99999999999999999,00", Key: keyAmountTooLarge, Args: []any{"99999999999999999,00"}},
		},
		{
			name: "debit and credit",
			row:  row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "10,00", "2,00", ""),
			want: receivable.Issue{Line: 2, Column: "Debit", Value: "10,00 / 2,00", Key: keyDebitAndCredit},
		},
		{
			name: "too few fields",
			row:  "VE\tVentes\t1\t20230105\t411000",
			want: receivable.Issue{Line: 2, Value: "VE\tVentes\t1\t20230105\t411000", Key: keyFieldCount, Args: []any{5, 18}},
		},
		{
			name: "too many fields",
			row:  ok + "\tx",
			want: receivable.Issue{Line: 2, Value: ok + "\tx", Key: keyFieldCount, Args: []any{19, 18}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parseText(t, Options{}, fec18, tt.row, ok)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.issues) != 1 || !reflect.DeepEqual(c.issues[0], tt.want) {
				t.Fatalf("issues = %#v, want %#v", c.issues, tt.want)
			}
			if len(c.records) != 1 || c.records[0].Line != 3 {
				t.Errorf("records = %+v, want the good line only", c.records)
			}
			for _, lang := range i18n.Langs {
				if msg := c.issues[0].Message(lang); msg == tt.want.Key || strings.Contains(msg, "%!") {
					t.Errorf("%s message: %q", lang, msg)
				}
			}
		})
	}
}

// TestBadDateKeepsGroupSettled: a line whose date cannot be read still
// pays its invoice.
func TestBadDateKeepsGroupSettled(t *testing.T) {
	c, _, err := parseText(t, Options{}, fec18,
		row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "10,00", "0,00", "AA"),
		row("BQ", "Banque", "2", "20231305", "411000", "C1", "Dupont", "V1", "0,00", "10,00", "AA"),
		row("BQ", "Banque", "3", "2023010", "411000", "C1", "Dupont", "V2", "0,00", "7,00", ""),
	)
	if err != nil {
		t.Fatal(err)
	}
	// row writes the date as both EcritureDate and PieceDate.
	lines := []int{}
	for _, is := range c.issues {
		lines = append(lines, is.Line)
	}
	if len(c.records) != 0 || !reflect.DeepEqual(lines, []int{3, 3, 4, 4}) {
		t.Errorf("records %+v, issues %+v", c.records, c.issues)
	}
}

func TestSensIssue(t *testing.T) {
	header := strings.Replace(fec18, "Debit\tCredit", "Montant\tSens", 1)
	c, _, err := parseText(t, Options{}, header,
		"VE\tVentes\t1\t20230105\t411000\tClients\tC1\tDupont\tF1\t20230105\tx\t10,00\tX\t\t\t\t\t",
		"VE\tVentes\t1\t20230105\t411000\tClients\tC1\tDupont\tF1\t20230105\tx\t0,00\t\t\t\t\t\t",
	)
	if err != nil {
		t.Fatal(err)
	}
	want := receivable.Issue{Line: 2, Column: "Sens", Value: "X", Key: keySens, Args: []any{"X"}}
	if len(c.issues) != 1 || !reflect.DeepEqual(c.issues[0], want) || len(c.records) != 0 {
		t.Errorf("issues %#v, records %+v", c.issues, c.records)
	}
}

// TestNoDebtor: in a file with auxiliary customer accounts, a customer
// line without one names nobody. The issue comes in line order among
// the records.
func TestNoDebtor(t *testing.T) {
	c, _, err := parseText(t, Options{}, fec18,
		row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "10,00", "0,00", ""),
		row("AN", "A nouveaux", "2", "20230101", "411000", "", "", "RAN", "99,00", "0,00", ""),
		row("VE", "Ventes", "3", "20230106", "411000", "C1", "Dupont", "F3", "10,00", "0,00", ""),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := receivable.Issue{Line: 3, Column: "CompAuxNum", Key: keyNoDebtor}
	if len(c.issues) != 1 || !reflect.DeepEqual(c.issues[0], want) {
		t.Errorf("issues %#v, want %#v", c.issues, want)
	}
	if len(c.records) != 2 {
		t.Errorf("records %+v", c.records)
	}
	var order []int
	s := &orderSink{order: &order}
	if _, err := Parse(context.Background(), strings.NewReader(strings.Join([]string{fec18,
		row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "10,00", "0,00", ""),
		row("AN", "A nouveaux", "2", "20230101", "411000", "", "", "RAN", "99,00", "0,00", ""),
		row("VE", "Ventes", "3", "20230106", "411000", "C1", "Dupont", "F3", "10,00", "0,00", ""),
	}, "\n")), Options{}, s); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(order, []int{2, -3, 4}) {
		t.Errorf("sink saw lines %v, want records 2 and 4 around the issue of line 3", order)
	}
}

// orderSink notes the lines it is handed: records positive, issues
// negative.
type orderSink struct{ order *[]int }

func (s *orderSink) Record(r receivable.Record) error {
	*s.order = append(*s.order, r.Line)
	return nil
}

func (s *orderSink) Issue(is receivable.Issue) { *s.order = append(*s.order, -is.Line) }

func TestFatal(t *testing.T) {
	tests := []struct {
		name string
		text string
		want receivable.Issue
	}{
		{"empty", "", receivable.Issue{Key: keyEmpty}},
		{"blank lines only", "\r\n\n  \n", receivable.Issue{Key: keyEmpty}},
		{"no separator", "JournalCode;JournalLib;EcritureNum\n", receivable.Issue{Line: 1, Value: "JournalCode;JournalLib;EcritureNum", Key: keyHeader}},
		{
			"missing fields",
			"JournalCode\tEcritureNum\tEcritureDate\tCompteNum\tCompAuxNum\tDebit\n",
			receivable.Issue{Line: 1, Value: "PieceRef, EcritureLet, Credit", Key: keyMissingColumns, Args: []any{"PieceRef, EcritureLet, Credit"}},
		},
		{
			"Montant without Sens",
			"\n" + strings.Replace(fec18, "Debit\tCredit", "Montant\tX", 1) + "\n",
			receivable.Issue{Line: 2, Value: "Sens", Key: keyMissingColumns, Args: []any{"Sens"}},
		},
		{
			"line too long",
			fec18 + "\n" + strings.Repeat("x", MaxLineBytes+1) + "\n",
			receivable.Issue{Line: 2, Key: keyLineTooLong, Args: []any{MaxLineBytes}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(context.Background(), strings.NewReader(tt.text), Options{}, &collect{})
			var is receivable.Issue
			if !errors.As(err, &is) || !reflect.DeepEqual(is, tt.want) {
				t.Fatalf("err = %#v, want %#v", err, tt.want)
			}
			if msg := is.Message("fr"); msg == is.Key || strings.Contains(msg, "%!") {
				t.Errorf("message %q", msg)
			}
		})
	}
}

// failSink refuses records.
type failSink struct{ collect }

var errRefused = errors.New("refused")

func (failSink) Record(receivable.Record) error { return errRefused }

func TestSinkAndContextStop(t *testing.T) {
	text := fec18 + "\n" + row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "10,00", "0,00", "") + "\n"
	if _, err := Parse(context.Background(), strings.NewReader(text), Options{}, &failSink{}); !errors.Is(err, errRefused) {
		t.Errorf("sink error: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, strings.NewReader(text), Options{}, &collect{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}

// TestCatalogue: every key is in both catalogues.
func TestCatalogue(t *testing.T) {
	for _, k := range Keys {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, k) {
				t.Errorf("%s: %s is missing", lang, k)
			}
		}
	}
}

// TestGroupOverflow: sums beyond int64 are reported, not wrapped.
func TestGroupOverflow(t *testing.T) {
	const big = "10000000000000,00" // maxMinor
	rows := []string{fec18}
	for i := 0; i < 9300; i++ {
		rows = append(rows, row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", big, "0,00", "ZZ"))
	}
	for i := 0; i < 9300; i++ {
		rows = append(rows, row("VE", "Ventes", "2", "20230105", "411000", "C2", "Durand", "F2", big, "0,00", ""))
	}
	c, _, err := parseText(t, Options{}, rows...)
	if err != nil {
		t.Fatal(err)
	}
	want := []receivable.Issue{
		{Line: 2, Column: "Debit", Value: big, Key: keyAmountTooLarge, Args: []any{big}},
		{Line: 9302, Column: "Debit", Value: big, Key: keyAmountTooLarge, Args: []any{big}},
	}
	if len(c.records) != 0 || !reflect.DeepEqual(c.issues, want) {
		t.Errorf("records %d, issues %#v", len(c.records), c.issues)
	}
}

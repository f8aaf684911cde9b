package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/samples"
)

// The real bank exports of ../shared/samples are statements, not
// receivables: they test the reader layer — header found after the
// preamble, physical lines, delimiter, decoded cells — and that a CSV and
// its XLSX twin give the same rows.

// table is a file read by the reader layer alone.
type table struct {
	info   receivable.Info
	style  cellStyle
	header row
	rows   []row // non-blank rows after the header, trailing empty cells trimmed
}

func readTable(t *testing.T, rel string) table {
	t.Helper()
	b := samples.Read(t, rel)
	var tb table
	format, _ := sniff(b)
	tb.info.Format = format
	rec := newRecognizer(nil)
	var src source
	var err error
	if format == receivable.FormatXLSX {
		src, err = openXLSX(bytes.NewReader(b), "")
	} else {
		src, err = openCSV(bufio.NewReader(bytes.NewReader(b)), Options{}, rec, &tb.info)
	}
	if err != nil {
		t.Fatalf("%s: open: %v", rel, err)
	}
	defer func() { _ = src.close() }()
	tb.style = src.cells()
	header, pending, err := findHeader(src, rec, 0)
	if err != nil {
		t.Fatalf("%s: header: %v", rel, err)
	}
	tb.header = header
	tb.rows = pending
	for {
		r, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if !blank(r.fields) {
			r.fields = append([]string(nil), r.fields[:filled(r.fields)]...)
			tb.rows = append(tb.rows, r)
		}
	}
	tb.info.Lines = src.lines()
	return tb
}

func TestSampleBankExportWithPreamble(t *testing.T) {
	const base = "csv/oca_sheet_bank_export_preamble_debit_credit_fr_decimal"
	csv := readTable(t, base+".csv")
	xlsx := readTable(t, base+".xlsx")

	// Four lines of bank details and balance, then the header on line 5.
	wantHeader := []string{"Date", "Operation Number", "Label", "Debit", "Credit", "Detail"}
	for _, tb := range []table{csv, xlsx} {
		if tb.header.line != 5 || !reflect.DeepEqual(tb.header.fields, wantHeader) {
			t.Errorf("%s: header at %d: %q", tb.info.Format, tb.header.line, tb.header.fields)
		}
		if tb.info.Lines != 10 {
			t.Errorf("%s: %d lines", tb.info.Format, tb.info.Lines)
		}
	}
	if csv.info.Delimiter != "," || csv.info.Encoding != "UTF-8" {
		t.Errorf("csv: delimiter %q encoding %q", csv.info.Delimiter, csv.info.Encoding)
	}
	want := []row{
		{line: 6, fields: []string{"01/04/20", "UNIQUE OP 1", "LABEL 1", "-50,00", "", "DETAILS 1"}},
		{line: 7, fields: []string{"01/04/20", "UNIQUE OP 2", "LABEL 2", "-100,00", "", "CLIENTS X"}},
		{line: 8, fields: []string{"02/04/20", "UNIQUE OP 3", "LABEL 3", "-80,68", "", "DETAILS 2"}},
		{line: 9, fields: []string{"02/04/20", "UNIQUE OP 4", "LABEL 4", "", "1300,00", "DETAILS 3"}},
		{line: 10, fields: []string{"Balance at start of period", "", "", "", "+30000,77"}},
	}
	if !reflect.DeepEqual(csv.rows, want) {
		t.Errorf("csv rows\n got %+v\nwant %+v", csv.rows, want)
	}
	if !reflect.DeepEqual(xlsx.rows, csv.rows) {
		t.Errorf("xlsx rows differ from csv\n got %+v\nwant %+v", xlsx.rows, csv.rows)
	}
	// Decoded values: a two-digit year, French decimal commas, a sign.
	if d, err := ParseDate(csv.rows[2].fields[0]); err != nil || d != civil.D(2020, time.April, 2) {
		t.Errorf("date %v %v", d, err)
	}
	for _, c := range []struct {
		s    string
		want int64
	}{{csv.rows[2].fields[3], -8068}, {csv.rows[3].fields[4], 130000}, {csv.rows[4].fields[4], 3000077}} {
		if a, err := parseAmount(c.s, "EUR", xlsx.style); err != nil || a.Minor != c.want {
			t.Errorf("amount %q = %v %v, want %d", c.s, a, err, c.want)
		}
	}
}

// TestSampleBankExportParsed reads the same twins end to end with a user
// mapping of the statement's columns: both give the same records and
// issues.
func TestSampleBankExportParsed(t *testing.T) {
	const base = "csv/oca_sheet_bank_export_preamble_debit_credit_fr_decimal"
	m := &Mapping{Columns: map[Field]string{
		FieldIssueDate: "Date", FieldNumber: "Operation Number", FieldDebtorName: "Detail",
		FieldDebit: "Debit", FieldCredit: "Credit",
	}}
	var got [2]*recorder
	for i, ext := range []string{".csv", ".xlsx"} {
		rec, info, err := tryParse(samples.Read(t, base+ext), Options{Mapping: m})
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		if info.Lines != 10 || info.Header[1] != "Operation Number" {
			t.Errorf("%s: info %+v", ext, info)
		}
		got[i] = rec
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("csv and xlsx differ\ncsv  %+v\nxlsx %+v", got[0], got[1])
	}
	recs := got[0].records
	if len(recs) != 4 || recs[0].Line != 6 || recs[3].Line != 9 {
		t.Fatalf("records %+v", recs)
	}
	// The bank writes debits negative: debit − credit is then negative,
	// read as a credit note of the absolute amount.
	if r := recs[2]; r.Number != "UNIQUE OP 3" || r.Kind != receivable.CreditNote || r.Amount != money.EUR(8068) ||
		r.IssueDate != civil.D(2020, time.April, 2) || r.Debtor.Name != "DETAILS 2" {
		t.Errorf("record 3 %+v", r)
	}
	if r := recs[3]; r.Kind != receivable.CreditNote || r.Amount != money.EUR(130000) {
		t.Errorf("record 4 %+v", r)
	}
	// The closing balance line has no operation number nor detail, and its
	// label sits in the date column.
	if s := issueStrings(got[0].issues); s != "10|Operation Number||import.err.missing_number\n"+
		"10|Date|Balance at start of period|import.err.date\n10|Detail||import.err.missing_debtor" {
		t.Errorf("issues\n%s", s)
	}
}

func TestSampleStatementEN(t *testing.T) {
	const base = "csv/oca_sheet_sample_statement_en"
	csv := readTable(t, base+".csv")
	xlsx := readTable(t, base+".xlsx")
	wantHeader := []string{"Date", "Label", "Currency", "Amount", "Amount Currency", "Partner Name", "Bank Account"}
	for _, tb := range []table{csv, xlsx} {
		if tb.header.line != 1 || !reflect.DeepEqual(tb.header.fields, wantHeader) || tb.info.Lines != 3 || len(tb.rows) != 2 {
			t.Fatalf("%s: header %d %q, %d lines, %d rows", tb.info.Format, tb.header.line, tb.header.fields, tb.info.Lines, len(tb.rows))
		}
	}
	if csv.info.Delimiter != "," {
		t.Errorf("delimiter %q", csv.info.Delimiter)
	}
	wantCSV := []row{
		{line: 2, fields: []string{"12/15/2018", "Your best supplier on 12/15/2018", "USD", "-33.50", "0.0", "John Doe", "123456789"}},
		{line: 3, fields: []string{"12/15/2018", "Your payment on 12/15/2018", "EUR", "1,525.00", "1,000.00", "Azure Interior"}},
	}
	if !reflect.DeepEqual(csv.rows, wantCSV) {
		t.Errorf("csv rows\n got %+v\nwant %+v", csv.rows, wantCSV)
	}
	// The workbook stores the date as a serial and the amounts as numbers.
	wantXLSX := []row{
		{line: 2, fields: []string{"43449", "Your best supplier on 12/15/2018", "USD", "-33.5", "0", "John Doe", "123456789"}},
		{line: 3, fields: []string{"43449", "Your payment on 12/15/2018", "EUR", "1525", "1000", "Azure Interior"}},
	}
	if !reflect.DeepEqual(xlsx.rows, wantXLSX) {
		t.Errorf("xlsx rows\n got %+v\nwant %+v", xlsx.rows, wantXLSX)
	}
	// The twins agree once decoded: same text, same amounts (each in its
	// row's currency). The CSV's month-first dates are refused, never
	// swapped; the workbook's serial is the same day.
	for i := range csv.rows {
		c, x := csv.rows[i].fields, xlsx.rows[i].fields
		for _, col := range []int{1, 2, 5} {
			if c[col] != x[col] {
				t.Errorf("row %d col %d: %q vs %q", i, col, c[col], x[col])
			}
		}
		for _, col := range []int{3, 4} {
			cur := money.Currency(c[2])
			ca, cerr := parseAmount(c[col], cur, csv.style)
			xa, xerr := parseAmount(x[col], cur, xlsx.style)
			if cerr != nil || xerr != nil || ca != xa {
				t.Errorf("row %d col %d: %v %v / %v %v", i, col, ca, cerr, xa, xerr)
			}
		}
		if d, err := parseDate(x[0], xlsx.style); err != nil || d != civil.D(2018, time.December, 15) {
			t.Errorf("xlsx date %v %v", d, err)
		}
		var de *DateError
		if _, err := parseDate(c[0], csv.style); !errors.As(err, &de) || de.Key != KeyDateImpossible {
			t.Errorf("csv month-first date: %v", err)
		}
	}
	if a, _ := parseAmount(csv.rows[1].fields[3], "EUR", csv.style); a != money.EUR(152500) {
		t.Errorf("1,525.00 = %v", a)
	}
}

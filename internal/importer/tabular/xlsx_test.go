package tabular

import (
	"bytes"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// buildWorkbook writes a workbook whose first sheet is rows (nil cells
// are left out; a row of nil is no row at all) through set, which may
// write a cell any way excelize can.
func buildWorkbook(t testing.TB, sheet string, fill func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	fill(f, sheet)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestParseXLSX(t *testing.T) {
	jan31 := time.Date(2025, time.January, 31, 0, 0, 0, 0, time.UTC)
	b := buildWorkbook(t, "Factures", func(f *excelize.File, s string) {
		must(t, f.SetCellValue(s, "A1", "Balance âgée clients au 31/03/2025"))
		must(t, f.SetSheetRow(s, "A3", &[]any{"N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Reste dû", "CP"}))
		// Row 4: a real date cell, numeric amounts, a numeric invoice number and postal code.
		must(t, f.SetSheetRow(s, "A4", &[]any{1001, "Dupont SARL", jan31, jan31.AddDate(0, 0, 30), 1234.56, 234.56, 1000}))
		// Row 5: an Excel serial in a plain numeric cell, amounts as text.
		must(t, f.SetSheetRow(s, "A5", &[]any{"F-2", "Martin", 45688, "02/03/2025", "1 234,56", "0"}))
		// Row 6 is left empty. Row 7: a number with binary noise, as Excel stores a computed value.
		must(t, f.SetSheetRow(s, "A7", &[]any{"F-3", "Léa", "31/01/2025"}))
		must(t, f.SetCellDefault(s, "E7", "1234.5599999999999"))
		// Row 8: a negative amount is a credit note.
		must(t, f.SetSheetRow(s, "A8", &[]any{"AV-1", "Léa", "2025-02-01", nil, -50}))
		// Row 9: a bad date.
		must(t, f.SetSheetRow(s, "A9", &[]any{"F-4", "Léa", "31/02/2025", nil, 10}))
	})
	rec, info, err := tryParse(b, Options{PreviewRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	d := func(y int, m time.Month, day int) civil.Date { return civil.D(y, m, day) }
	type got struct {
		line         int
		kind         receivable.RecordKind
		number       string
		issue, due   civil.Date
		amount, open int64
		hasOpen      bool
		name, postal string
	}
	var g []got
	for _, r := range rec.records {
		g = append(g, got{r.Line, r.Kind, r.Number, r.IssueDate, r.DueDate, r.Amount.Minor, r.Open.Minor, r.HasOpen, r.Debtor.Name, r.Debtor.Address.PostalCode})
	}
	want := []got{
		{4, receivable.Invoice, "1001", d(2025, 1, 31), d(2025, 3, 2), 123456, 23456, true, "Dupont SARL", "01000"},
		{5, receivable.Invoice, "F-2", d(2025, 1, 31), d(2025, 3, 2), 123456, 0, true, "Martin", ""},
		{7, receivable.Invoice, "F-3", d(2025, 1, 31), civil.Date{}, 123456, 0, false, "Léa", ""},
		{8, receivable.CreditNote, "AV-1", d(2025, 2, 1), civil.Date{}, 5000, 0, false, "Léa", ""},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("records\n got %+v\nwant %+v", g, want)
	}
	if issueStrings(rec.issues) != "9|Date facture|31/02/2025|import.err.date_impossible" {
		t.Errorf("issues %s", issueStrings(rec.issues))
	}
	if info.Format != receivable.FormatXLSX || info.Encoding != "" || info.Delimiter != "" || info.Lines != 9 {
		t.Errorf("info %+v", info)
	}
	if info.Header[0] != "N° facture" || len(info.Preview) != 2 || info.Preview[0][0] != "1001" || info.Preview[0][2] != "45688" {
		t.Errorf("header %q preview %q", info.Header, info.Preview)
	}
	if rec.records[0].Amount != money.EUR(123456) {
		t.Errorf("currency %v", rec.records[0].Amount)
	}
}

func TestParseXLSXSheetsAndDateSystem(t *testing.T) {
	yes := true
	b := buildWorkbook(t, "Notes", func(f *excelize.File, s string) {
		must(t, f.SetCellValue(s, "A1", "rien ici"))
		_, err := f.NewSheet("Factures")
		must(t, err)
		must(t, f.SetSheetRow("Factures", "B2", &[]any{"Facture", "Client", "Date", "Montant"}))
		must(t, f.SetSheetRow("Factures", "B3", &[]any{"F-1", "A", 44226, "12,50"}))
		must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	})
	// The first sheet has no header.
	if _, _, err := tryParse(b, Options{}); err == nil || err.(receivable.Issue).Key != KeyNoHeader {
		t.Errorf("first sheet: %v", err)
	}
	rec, info := parse(t, string(b), Options{Sheet: "Factures"})
	if len(rec.records) != 1 || rec.records[0].IssueDate != civil.D(2025, time.January, 31) || rec.records[0].Line != 3 {
		t.Fatalf("records %+v issues %v", rec.records, rec.issues)
	}
	// Leading empty cells are kept: columns stay where the header says.
	if !reflect.DeepEqual(info.Header, []string{"", "Facture", "Client", "Date", "Montant"}) {
		t.Errorf("header %q", info.Header)
	}
	_, _, err := tryParse(b, Options{Sheet: "Absente"})
	if is, ok := err.(receivable.Issue); !ok || is.Key != KeySheet || is.Value != "Absente" {
		t.Errorf("missing sheet: %v", err)
	}
}

func TestParseXLSXThroughTemporaryFiles(t *testing.T) {
	// Beyond spoolLimit the upload goes through a temporary file, and a
	// sheet beyond xmlInMemory is unzipped to one: both are removed.
	defer func(s, x int64) { spoolLimit, xmlInMemory = s, x }(spoolLimit, xmlInMemory)
	spoolLimit, xmlInMemory = 4<<10, 4<<10
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	const rows = 3000
	b := buildWorkbook(t, "Factures", func(f *excelize.File, s string) {
		sw, err := f.NewStreamWriter(s)
		must(t, err)
		must(t, sw.SetRow("A1", []any{"N° facture", "Client", "Montant", "Libellé"}))
		for i := 2; i <= rows; i++ {
			cell, _ := excelize.CoordinatesToCellName(1, i)
			must(t, sw.SetRow(cell, []any{i, "Client " + cell, float64(i) + 0.25, "libellé " + cell}))
		}
		must(t, sw.Flush())
	})
	if int64(len(b)) <= spoolLimit {
		t.Fatalf("workbook of %d bytes is not beyond the spool limit", len(b))
	}
	rec, info := parse(t, string(b), Options{})
	if len(rec.records) != rows-1 || len(rec.issues) != 0 || info.Lines != rows {
		t.Fatalf("%d records, %d issues, %d lines", len(rec.records), len(rec.issues), info.Lines)
	}
	if last := rec.records[len(rec.records)-1]; last.Line != rows || last.Amount.Minor != rows*100+25 || last.Number != "3000" {
		t.Errorf("last %+v", last)
	}
	left, err := os.ReadDir(tmp)
	if err != nil || len(left) != 0 {
		t.Errorf("temporary files left: %v %v", left, err)
	}
}

func TestParseXLSXRefusesOversizedParts(t *testing.T) {
	b := buildWorkbook(t, "Factures", func(f *excelize.File, s string) {
		must(t, f.SetSheetRow(s, "A1", &[]any{"N° facture", "Client", "Montant"}))
		must(t, f.SetSheetRow(s, "A2", &[]any{"F-1", "A", 1}))
	})
	defer func(p, u int64) { partLimit, unzipLimit = p, u }(partLimit, unzipLimit)
	for _, lim := range []struct{ part, unzip int64 }{{100, 1 << 30}, {64 << 20, 1000}} {
		partLimit, unzipLimit = lim.part, lim.unzip
		_, _, err := tryParse(b, Options{})
		if is, ok := err.(receivable.Issue); !ok || is.Key != KeyXLSX || is.Value == "" {
			t.Errorf("limits %+v: %v", lim, err)
		}
	}
}

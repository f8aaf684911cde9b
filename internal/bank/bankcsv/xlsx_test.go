package bankcsv

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// workbook builds an .xlsx file whose first sheet holds rows; nil cells
// are left empty.
func workbook(t testing.TB, sheet string, date1904 bool, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "" {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	}
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	name := "Sheet1"
	if sheet != "" {
		name = sheet
	}
	for i, r := range rows {
		for j, v := range r {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue(name, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWorkbook(t *testing.T) {
	data := workbook(t, "", false,
		[]any{"Relevé du compte", nil, "IBAN : FR7630004008200001234567864"},
		nil,
		[]any{"Date opération", "Libellé", "Montant", "Date valeur"},
		[]any{time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), "VIR DUPONT", 0.1 + 0.2, "01/02/2024"},
		[]any{"15/02/2024", "PRLV", "-1 234,50", 45337},
		nil,
		[]any{"31/03/2024", "CB", -12.345},
	)
	f := parseBytes(t, data, Options{})
	if len(f.Issues) != 0 || len(f.Statements) != 1 || f.Encoding != "" {
		t.Fatalf("issues %v, statements %+v", f.Issues, f.Statements)
	}
	st := f.Statements[0]
	if st.Account.IBAN != "FR7630004008200001234567864" || len(st.Entries) != 3 {
		t.Fatalf("statement %+v", st)
	}
	// A date cell (a serial number), a float with binary noise, a text
	// amount, a serial value date; row numbers are lines, gaps included.
	e := st.Entries
	if e[0].Line != 4 || e[0].BookingDate != civil.D(2024, 1, 31) || e[0].Amount != money.EUR(30) || !e[0].Credit ||
		e[0].ValueDate != civil.D(2024, 2, 1) {
		t.Errorf("entry %+v", e[0])
	}
	if e[1].Line != 5 || e[1].BookingDate != civil.D(2024, 2, 15) || e[1].Amount != money.EUR(123450) || e[1].Credit ||
		e[1].ValueDate != civil.D(2024, 2, 15) {
		t.Errorf("entry %+v", e[1])
	}
	if e[2].Line != 7 || e[2].Amount != money.EUR(1235) || e[2].Credit {
		t.Errorf("entry %+v", e[2])
	}
}

func TestWorkbook1904AndSheet(t *testing.T) {
	// 43449 in the 1900 system is 2018-12-15; the 1904 system counts
	// 1462 days fewer.
	data := workbook(t, "Relevé", true, []any{"Date", "Montant"}, []any{43449 - 1462, 5})
	f := parseBytes(t, data, Options{Sheet: "Relevé"})
	if e := entries(f); len(e) != 1 || e[0].BookingDate != civil.D(2018, 12, 15) || e[0].Amount != money.EUR(500) {
		t.Errorf("entries %+v", e)
	}
	if _, err := Parse(context.Background(), bytes.NewReader(data), Options{Sheet: "Absent"}); fatalKey(err) != keySheet {
		t.Errorf("missing sheet: %v", err)
	}
}

func TestWorkbookLimits(t *testing.T) {
	data := workbook(t, "", false, []any{"Date", "Montant"}, []any{"31/01/2024", 5})
	saved := unzipLimit
	unzipLimit = 100
	defer func() { unzipLimit = saved }()
	if _, err := Parse(context.Background(), bytes.NewReader(data), Options{}); fatalKey(err) != keyXLSX {
		t.Errorf("over the unzip limit: %v", err)
	}
}

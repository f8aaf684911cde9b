package tabular

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// checkParse runs Parse on b and checks what it reports: every issue on a
// line ≥ 0 with a message in both catalogues, every record plausible, any
// error a receivable.Issue.
func checkParse(t *testing.T, b []byte, opts Options) {
	rec, info, err := tryParse(b, opts)
	if err != nil {
		var is receivable.Issue
		if !errors.As(err, &is) {
			t.Fatalf("error %v (%T) is not an Issue", err, err)
		}
		if is.Line < 0 {
			t.Fatalf("fatal issue on line %d", is.Line)
		}
		checkMessages(t, is)
	}
	for _, is := range rec.issues {
		if is.Line < 0 {
			t.Fatalf("issue on line %d: %+v", is.Line, is)
		}
		checkMessages(t, is)
	}
	for _, r := range rec.records {
		if r.Line < 1 || r.Number == "" || r.Amount.Minor <= 0 || r.Open.Minor < 0 ||
			(r.HasOpen && r.Open.Minor > r.Amount.Minor) || r.Debtor.Kind == "" {
			t.Fatalf("implausible record %+v", r)
		}
	}
	if len(info.Preview) > opts.PreviewRows {
		t.Fatalf("%d preview rows", len(info.Preview))
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		frenchFile,
		"N° facture;Client;Date facture;Échéance;Montant TTC;Reste dû\r\nF-1;Dupont;31/01/2025;28/02/2025;1 234,56;234,56\r\n",
		"Export\n\nFacture,Client,Montant,Devise\nF-1,\"Dupont, Jean\",\"1,50\",EUR\nF-2,X,-3,USD\n",
		"Date\tPièce\tCompte\tDébit\tCrédit\tSolde\n05/01/2025\tFA-1\t411A\t100,00\t\t100,00\n",
		"Invoice #|Customer|Amount|Balance Due|Type\n1|A|10|0|Invoice\n2|B|(5,00)|5|Credit note\n",
		"Facture;Client;Montant\n\"jamais fermé;A;1\n",
		"\xEF\xBB\xBFFacture;Client;Montant;SIREN;Email\nF-1;A;1;552100554;a@b.fr\nF-1;A;2;123;x\n",
		"Facture;Client;Montant\rF-1;A;1\rTotal;;1\r",
		"PK\x03\x04",
		"",
	} {
		f.Add([]byte(s), false)
	}
	f.Add([]byte("c1;c2;c3\nX;Y;1\n"), true)
	mapping := &Mapping{Columns: map[Field]string{FieldNumber: "c1", FieldDebtorName: "c2", FieldAmount: "c3", FieldDueDate: "c4"}}
	f.Fuzz(func(t *testing.T, b []byte, mapped bool) {
		opts := Options{PreviewRows: 3, Format: receivable.FormatCSV}
		if mapped {
			opts.Mapping = mapping
		}
		checkParse(t, b, opts)
	})
}

// FuzzParseXLSX reads workbooks two ways: b as the bytes of a file
// (mostly refused at once: the parts are deflated), or, with cells set, b
// as ';'-separated cells and '\n'-separated rows written into a fresh
// workbook — numbers as number cells, as Excel stores them — so that the
// fuzzer reaches the rows and values of a valid workbook.
func FuzzParseXLSX(f *testing.F) {
	// Small limits keep each run fast: a mutated directory may declare
	// parts of any size, refused beyond the limits.
	partLimit, unzipLimit, xmlInMemory = 1<<20, 16<<20, 256<<10
	f.Add(buildWorkbook(f, "Factures", func(x *excelize.File, s string) {
		_ = x.SetSheetRow(s, "A1", &[]any{"N° facture", "Client", "Date facture", "Montant", "Reste dû"})
		_ = x.SetSheetRow(s, "A2", &[]any{"F-1", "Dupont", 45688, 1234.56, 0})
		_ = x.SetSheetRow(s, "B4", &[]any{"Martin", "31/01/2025", "-5"})
	}), false)
	f.Add([]byte("PK\x03\x04garbage"), false)
	f.Add([]byte("titre\n\nInvoice #;Customer;Amount;Due date\n1;A;1E-2;45688\n2;B;1234.5599999999999;31/02/2025\n;;;\nTotal;;3"), true)
	f.Add([]byte("Facture;Client;Débit;Crédit;Type\nF-1;A;100;;Facture\nF-1;A;;100;Avoir\nF-2;;abc;1E400;x"), true)
	f.Fuzz(func(t *testing.T, b []byte, cells bool) {
		if cells {
			if len(b) > 4096 {
				return
			}
			b = buildWorkbook(t, "Feuille", func(x *excelize.File, s string) {
				for i, line := range bytes.Split(b, []byte("\n")) {
					for j, v := range bytes.Split(line, []byte(";")) {
						if len(v) == 0 {
							continue
						}
						name, err := excelize.CoordinatesToCellName(j+1, i+1)
						if err == nil {
							_ = x.SetCellDefault(s, name, string(v))
						}
					}
				}
			})
		}
		checkParse(t, b, Options{PreviewRows: 3, Format: receivable.FormatXLSX})
	})
}

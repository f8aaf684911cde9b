package tabular

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// frenchFile has accents in its header and values, so that a wrong
// decoding shows.
const frenchFile = "N° facture;Société;Échéance;Montant TTC\nF-1;Régie des Eaux d'Évian;28/02/2025;1 234,56\n"

func TestEncodings(t *testing.T) {
	w1252, err := charmap.Windows1252.NewEncoder().String(frenchFile + "F-2;Œuvres – « Café »;28/02/2025;2,00\n")
	if err != nil {
		t.Fatal(err)
	}
	iso, err := charmap.ISO8859_15.NewEncoder().String(frenchFile + "F-2;Œuvres € Café;28/02/2025;2,00\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, force, enc, second string
	}{
		{"UTF-8", frenchFile + "F-2;Œuvres – « Café »;28/02/2025;2,00\n", "", textenc.UTF8, "Œuvres – « Café »"},
		{"UTF-8 BOM", "\xEF\xBB\xBF" + frenchFile + "F-2;Œuvres;28/02/2025;2,00\n", "", textenc.UTF8BOM, "Œuvres"},
		{"Windows-1252", w1252, "", textenc.Windows1252, "Œuvres – « Café »"},
		{"ISO-8859-15", iso, textenc.ISO885915, textenc.ISO885915, "Œuvres € Café"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, info := parse(t, tt.in, Options{Encoding: tt.force})
			if info.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", info.Encoding, tt.enc)
			}
			if len(info.Header) != 4 || info.Header[0] != "N° facture" || info.Header[2] != "Échéance" {
				t.Errorf("header %q", info.Header)
			}
			if len(rec.records) != 2 || len(rec.issues) != 0 {
				t.Fatalf("records %+v issues %v", rec.records, rec.issues)
			}
			if got := rec.records[0].Debtor.Name; got != "Régie des Eaux d'Évian" {
				t.Errorf("name %q", got)
			}
			if got := rec.records[1].Debtor.Name; got != tt.second {
				t.Errorf("second name %q, want %q", got, tt.second)
			}
		})
	}
}

func TestDelimiters(t *testing.T) {
	rows := [][]string{
		{"N° facture", "Client", "Montant", "Date facture"},
		{"F-1", "Dupont, Jean", "1 234,56", "31/01/2025"},
		{"F-2", "Martin; Paul", "12,00", "01/02/2025"},
		{"F-3", "A | B", "3,50", "02/02/2025"},
	}
	for _, d := range []string{";", ",", "\t", "|"} {
		t.Run(strings.ReplaceAll(d, "\t", "tab"), func(t *testing.T) {
			var b strings.Builder
			for _, r := range rows {
				for i, f := range r {
					if i > 0 {
						b.WriteString(d)
					}
					if strings.ContainsAny(f, ",;|\t") {
						f = `"` + f + `"`
					}
					b.WriteString(f)
				}
				b.WriteString("\r\n")
			}
			rec, info := parse(t, b.String(), Options{})
			if info.Delimiter != d {
				t.Errorf("delimiter %q, want %q", info.Delimiter, d)
			}
			if len(rec.records) != 3 || len(rec.issues) != 0 {
				t.Fatalf("records %+v issues %s", rec.records, issueStrings(rec.issues))
			}
			for i, r := range rec.records {
				if r.Debtor.Name != rows[i+1][1] || r.Line != i+2 {
					t.Errorf("record %d: line %d name %q", i, r.Line, r.Debtor.Name)
				}
			}
			if rec.records[0].Amount.Minor != 123456 {
				t.Errorf("amount %v", rec.records[0].Amount)
			}
		})
	}
}

func TestForcedDelimiterAndEncoding(t *testing.T) {
	// Without help this reads as ';'-delimited; forced to ',', every row has
	// one column and no header is found.
	in := "N° facture;Client;Montant\nF-1;X;1,00\n"
	_, info, err := tryParse([]byte(in), Options{Delimiter: ","})
	if is, ok := err.(receivable.Issue); !ok || is.Key != KeyNoHeader || info.Delimiter != "," {
		t.Errorf("forced ',': info %+v err %v", info, err)
	}
	rec, info := parse(t, "N° facture|Client|Montant\nF-1|X|1,00\n", Options{Delimiter: "|"})
	if info.Delimiter != "|" || len(rec.records) != 1 {
		t.Errorf("forced '|': info %+v records %+v", info, rec.records)
	}
	rec, info = parse(t, "N° facture\tClient\tMontant\nF-1\tX\t1,00\n", Options{Delimiter: "tab"})
	if info.Delimiter != "\t" || len(rec.records) != 1 {
		t.Errorf("forced tab: info %+v records %+v", info, rec.records)
	}
	_, _, err = tryParse([]byte(in), Options{Delimiter: "\"\""})
	if is, ok := err.(receivable.Issue); !ok || is.Key != KeyDelimiter {
		t.Errorf("bad delimiter: %v", err)
	}
	// A UTF-8 file forced to Windows-1252 reads é as Ã©.
	rec, info = parse(t, "Facture;Client;Montant\nF-1;Café;1,00\n", Options{Encoding: textenc.Windows1252})
	if info.Encoding != textenc.Windows1252 || len(rec.records) != 1 || rec.records[0].Debtor.Name != "CafÃ©" {
		t.Errorf("forced encoding: %+v %+v", info, rec.records)
	}
}

func TestLineEndings(t *testing.T) {
	for name, nl := range map[string]string{"LF": "\n", "CRLF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			in := strings.ReplaceAll("N° facture;Client;Montant\nF-1;\"deux\nlignes\";1,00\n\nF-2;Y;2,00\n", "\n", nl)
			rec, info := parse(t, in, Options{})
			if len(rec.records) != 2 || rec.records[0].Line != 2 || rec.records[1].Line != 5 {
				t.Fatalf("records %+v issues %v", rec.records, rec.issues)
			}
			if rec.records[0].Debtor.Name != "deux lignes" {
				t.Errorf("name %q", rec.records[0].Debtor.Name)
			}
			if info.Lines != 5 {
				t.Errorf("lines %d", info.Lines)
			}
		})
	}
}

func TestSepHint(t *testing.T) {
	for in, want := range map[string]byte{"sep=;\r\na;b": ';', "SEP=,\n": ',', "sep=\t\n": '\t', "sep=|": '|'} {
		if d, ok := sepHint([]byte(in)); !ok || d != want {
			t.Errorf("sepHint(%q) = %q %v", in, d, ok)
		}
	}
	for _, in := range []string{"sep=\"\n", "sep=;;\n", "Facture;Client\n", ""} {
		if d, ok := sepHint([]byte(in)); ok {
			t.Errorf("sepHint(%q) = %q", in, d)
		}
	}
	rec, info := parse(t, "sep=;\r\nFacture;Client;Montant\r\nF-1;A;1,50\r\n", Options{})
	if info.Delimiter != ";" || len(rec.records) != 1 || rec.records[0].Amount.Minor != 150 || rec.records[0].Line != 3 {
		t.Errorf("info %+v records %+v issues %v", info, rec.records, rec.issues)
	}
}

package bankcsv

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/i18n"
)

// FuzzParse: whatever the bytes, with or without a saved mapping, Parse
// neither panics nor hangs, any error is a statement.Issue with a
// catalogue key, every issue has one, and every entry is plausible with
// unique payment keys.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Relevé\nIBAN : FR76 3000 4008 2000 0123 4567 864\nSolde initial;;10,00\nDate;Libellé;Débit;Crédit;Devise\n" +
			"31/01/2024;\"VIR\nDUPONT\";-5,00;;EUR\n01/02/2024;X;;\"1 234,56\";usd\nTotal;;5;1234,56\nSolde final;;1239,56\n",
		"\"Date\",\"Label\",\"Amount\",\"D/C\",\"Partner Name\",\"Bank Account\"\n\"12/15/2018\",\"A\",\"-1,533.50\",\"C\",\"B\",\"FR7630004008200001234567864\"\n",
		"sep=\t\nDate\tMontant\tSens\n2024-01-31\t(12,00)\tX\n20240132\t1e3\t\n",
		"Date;Montant\n31/01/2024;\"jamais fermé\n",
		"Date;Débit;Crédit\r31/01/24;5;6\r\r\n;7;\r",
		"Date;Montant\n",
		"PK\x03\x04",
		"",
	} {
		f.Add([]byte(s), false)
	}
	f.Add([]byte("Jour;Somme;Sens\n31/01/2024;1;D\n"), true)
	// A workbook built here, not a sample.
	f.Add(workbook(f, "", false, []any{"Date", "Montant", "Libellé"}, []any{45322, -0.1, "X"}, []any{"x", "y", nil}), false)
	m := &Mapping{Columns: map[Field]string{FieldBookingDate: "Jour", FieldAmount: "Somme", FieldDirection: "Sens"}, DateFormat: "MM/DD/YYYY"}
	f.Fuzz(func(t *testing.T, data []byte, mapped bool) {
		opts := Options{}
		if mapped {
			opts.Mapping = m
		}
		watch := time.AfterFunc(10*time.Second, func() { panic("bankcsv: Parse hangs") })
		file, err := Parse(context.Background(), bytes.NewReader(data), opts)
		watch.Stop()
		if err != nil {
			if k := fatalKey(err); !i18n.Has("fr", k) || !i18n.Has("en", k) {
				t.Fatalf("error %v has no catalogue key", err)
			}
			return
		}
		checkFile(t, file)
		if len(file.Issues) > MaxIssues+1 {
			t.Fatalf("%d issues", len(file.Issues))
		}
	})
}

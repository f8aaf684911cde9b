package fec

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// FuzzParse: whatever the bytes, Parse neither panics nor hangs, every
// issue has a catalogue key, and every record has a positive amount with
// 0 ≤ Open ≤ Amount.
func FuzzParse(f *testing.F) {
	seeds := []string{
		fec18 + "\n" +
			row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "100,00", "0,00", "AA") + "\n" +
			row("BQ", "Banque", "2", "20230110", "411000", "C1", "Dupont", "V1", "0,00", "60,00", "AA") + "\n" +
			row("VE", "Ventes", "3", "20230111", "411000", "C1", "Dupont", "AV1", "0,00", "5,00", "") + "\n" +
			row("VE", "Ventes", "3", "20230111", "706000", "", "", "AV1", "5,00", "0,00", "") + "\n",
		strings.ReplaceAll(fec18, "\t", "|") + "|\r\r\n" +
			"VE  |Ventes|00000001|20230105|411000  |Clients|C1  |Dupont|F1  |20230105|x|0000000069,60|0000000000,00|AA  ||||||\r\r\n" +
			"BQ  |Banque|00000002|20230110|411000  |Clients|C1  |Dupont|V1  |20230110|x|0000000000,00|0000000070,00|AA  ||||||\r\r\n",
		"\uFEFF" + strings.Replace(fec18, "Debit\tCredit", "Montant\tSens", 1) + "\r\n" +
			"VE\tVentes\t1\t20230105\t416\tClients\t\t\tF1\t\tx\t-12,50\tC\ta\t\t\t\t\r\n" +
			"VE\tVentes\t1\t20230105\t411\tClients\t\t\t0000\t\tx\t1 000,00\tD\t\t\t\t\t\r\n",
		fec18 + "\n" + row("VE", "Ventes", "1", "2023-01-05", "411000", "C1", "Dupont", "F1", "1,2,3", "4", "") + "\nVE\t1\n",
		fec18 + "\tDateRglt\tModeRglt\tNatOp\tIdClient\n" +
			row("VE", "Ventes", "1", "20230105", "411000", "", "", "F1", "99999999999999,99", "0", "") + "\t\t\t\t\n",
		"JournalCode\tEcritureNum\tEcritureDate\tCompteNum\tCompAuxNum\tPieceRef\tEcritureLet\tDebit\tCredit\n411",
		"",
		"\xff\xfe\x00J",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	known := map[string]bool{}
	for _, k := range Keys {
		known[k] = i18n.Has("fr", k) && i18n.Has("en", k)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &collect{}
		// A hang shows as a crash of the fuzzing process, with its input.
		watch := time.AfterFunc(10*time.Second, func() { panic("fec: Parse hangs") })
		info, err := Parse(context.Background(), bytes.NewReader(data), Options{}, c)
		watch.Stop()
		if err != nil {
			var is receivable.Issue
			if !errors.As(err, &is) || !known[is.Key] {
				t.Fatalf("error %v is not an Issue with a catalogue key", err)
			}
		}
		for _, is := range c.issues {
			if !known[is.Key] {
				t.Fatalf("issue %+v has no catalogue key", is)
			}
			if is.Line < 1 || is.Line > info.Lines {
				t.Fatalf("issue at line %d of %d", is.Line, info.Lines)
			}
		}
		for _, r := range c.records {
			if r.Amount.Minor <= 0 || r.Open.Minor < 0 || r.Open.Minor > r.Amount.Minor || !r.HasOpen {
				t.Fatalf("record %+v: amount %v, open %v", r, r.Amount, r.Open)
			}
			if r.Line < 2 || r.Line > info.Lines || r.Debtor.Kind == "" || r.Number == "" {
				t.Fatalf("record %+v of a %d-line file", r, info.Lines)
			}
			if !slices.Contains([]receivable.RecordKind{receivable.Invoice, receivable.CreditNote, receivable.Payment}, r.Kind) {
				t.Fatalf("record kind %q", r.Kind)
			}
		}
	})
}

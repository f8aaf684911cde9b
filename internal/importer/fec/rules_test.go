package fec

import (
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
)

// brief is the gist of a record, for table tests.
type brief struct {
	line   int
	kind   receivable.RecordKind
	number string
	ref    string
	amount int64
	open   int64
}

func briefs(rs []receivable.Record) []brief {
	out := make([]brief, len(rs))
	for i, r := range rs {
		out[i] = brief{r.Line, r.Kind, r.Number, r.Debtor.Ref, r.Amount.Minor, r.Open.Minor}
	}
	return out
}

func TestRules(t *testing.T) {
	const (
		ve = "VE\tVentes"
		bq = "BQ\tBanque"
	)
	// r is a customer line of debtor C1 unless aux says otherwise.
	r := func(journal, num, date, account, aux, piece, debit, credit, letter string) string {
		j, lib, _ := strings.Cut(journal, "\t")
		return row(j, lib, num, date, account, aux, "Dupont SARL", piece, debit, credit, letter)
	}
	tests := []struct {
		name string
		rows []string
		want []brief
	}{
		{
			name: "a lettered group that balances is settled",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", "AA"),
				r(ve, "2", "20230106", "411000", "C1", "F2", "20,00", "0,00", "AA"),
				r(bq, "3", "20230120", "411000", "C1", "VIR1", "0,00", "120,00", "AA"),
			},
		},
		{
			name: "a partly lettered group leaves the newest invoice partly open",
			rows: []string{
				r(ve, "2", "20230110", "411000", "C1", "F2", "50,00", "0,00", "AA"),
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", "AA"),
				r(bq, "3", "20230120", "411000", "C1", "VIR1", "0,00", "120,00", "AA"),
			},
			want: []brief{{2, receivable.Invoice, "F2", "C1", 5000, 3000}},
		},
		{
			name: "lower-case lettering is another group",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", "AA"),
				r(bq, "3", "20230120", "411000", "C1", "VIR1", "0,00", "40,00", "aa"),
				r(bq, "4", "20230121", "411000", "C1", "VIR2", "0,00", "100,00", "AA"),
			},
			want: []brief{{3, receivable.Payment, "VIR1", "C1", 4000, 4000}},
		},
		{
			name: "an unlettered invoice is open in full",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", ""),
			},
			want: []brief{{2, receivable.Invoice, "F1", "C1", 10000, 10000}},
		},
		{
			name: "an unlettered credit in a bank journal is a payment, not set against the invoice",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", ""),
				r(bq, "2", "20230120", "411000", "C1", "VIR1", "0,00", "60,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "F1", "C1", 10000, 10000},
				{3, receivable.Payment, "VIR1", "C1", 6000, 6000},
			},
		},
		{
			name: "an unlettered credit in the sales journal is a credit note",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "AV1", "0,00", "30,00", ""),
			},
			want: []brief{{2, receivable.CreditNote, "AV1", "C1", 3000, 3000}},
		},
		{
			name: "more credit than debit in a group: the rest of the credit is open",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", "AB"),
				r(bq, "2", "20230120", "411000", "C1", "VIR1", "0,00", "80,00", "AB"),
				r(ve, "3", "20230121", "411000", "C1", "AV1", "0,00", "50,00", "AB"),
			},
			want: []brief{{4, receivable.CreditNote, "AV1", "C1", 5000, 3000}},
		},
		{
			name: "a negative debit is a credit, a negative credit a debit",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "0,00", "-100,00", ""),
				r(bq, "2", "20230120", "411000", "C1", "VIR1", "-25,00", "0,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "F1", "C1", 10000, 10000},
				{3, receivable.Payment, "VIR1", "C1", 2500, 2500},
			},
		},
		{
			name: "the debits of one entry with one PieceRef are one invoice",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", ""),
				r(ve, "1", "20230105", "411000", "C1", "F1", "20,50", "0,00", ""),
				r(ve, "2", "20230105", "411000", "C1", "F2", "7,00", "0,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "F1", "C1", 12050, 12050},
				{4, receivable.Invoice, "F2", "C1", 700, 700},
			},
		},
		{
			name: "one PieceRef on two entries: the entry tells the documents apart, whatever the debtor",
			rows: []string{
				r(ve, "7", "20230105", "411000", "C1", "VE 0123", "10,00", "0,00", ""),
				r(ve, "8", "20230107", "411000", "C1", "VE 0123", "20,00", "0,00", ""),
				r(ve, "9", "20230107", "411000", "C2", "VE 0123", "30,00", "0,00", ""),
				r(ve, "10", "20230107", "411000", "C2", "FA-1", "40,00", "0,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "VE 0123 (VE-7)", "C1", 1000, 1000},
				{3, receivable.Invoice, "VE 0123 (VE-8)", "C1", 2000, 2000},
				{4, receivable.Invoice, "VE 0123 (VE-9)", "C2", 3000, 3000},
				{5, receivable.Invoice, "FA-1", "C2", 4000, 4000},
			},
		},
		{
			name: "a settled document counts: the number does not change when it is paid",
			rows: []string{
				r(ve, "7", "20230105", "411000", "C1", "VE 0123", "10,00", "0,00", "AA"),
				r(bq, "8", "20230107", "411000", "C1", "VIR", "0,00", "10,00", "AA"),
				r(ve, "9", "20230107", "411000", "C1", "VE 0123", "30,00", "0,00", ""),
			},
			want: []brief{{4, receivable.Invoice, "VE 0123 (VE-9)", "C1", 3000, 3000}},
		},
		{
			name: "one entry for several debtors: the debtor tells them apart",
			rows: []string{
				r("AN\tA nouveaux", "1", "20230101", "411000", "C1", "RAN", "10,00", "0,00", ""),
				r("AN\tA nouveaux", "1", "20230101", "411000", "C2", "RAN", "20,00", "0,00", ""),
				r("AN\tA nouveaux", "1", "20230101", "411000", "C3", "RAN", "0,00", "5,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "RAN (AN-1, C1)", "C1", 1000, 1000},
				{3, receivable.Invoice, "RAN (AN-1, C2)", "C2", 2000, 2000},
				{4, receivable.Payment, "RAN", "C3", 500, 500},
			},
		},
		{
			name: "no entry number either: the rank tells them apart",
			rows: []string{
				r(bq, "0", "20230105", "411000", "C1", "REM CB", "0,00", "10,00", ""),
				r(bq, "0", "20230107", "411000", "C1", "REM CB", "0,00", "20,00", ""),
				r(bq, "0", "20230107", "411000", "C2", "REM CB", "0,00", "30,00", ""),
			},
			want: []brief{
				{2, receivable.Payment, "REM CB (BQ-0) #1", "C1", 1000, 1000},
				{3, receivable.Payment, "REM CB (BQ-0) #2", "C1", 2000, 2000},
				{4, receivable.Payment, "REM CB", "C2", 3000, 3000},
			},
		},
		{
			name: "without PieceRef, or with a placeholder, the number is JournalCode-EcritureNum",
			rows: []string{
				r(ve, "12", "20230105", "411000", "C1", "", "10,00", "0,00", ""),
				r(ve, "13", "20230105", "411000", "C1", "0000000", "20,00", "0,00", ""),
				r(ve, "14", "20230105", "411000", "C1", "sans", "30,00", "0,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "VE-12", "C1", 1000, 1000},
				{3, receivable.Invoice, "VE-13", "C1", 2000, 2000},
				{4, receivable.Invoice, "VE-14", "C1", 3000, 3000},
			},
		},
		{
			name: "411 and 416 and their sub-accounts are customers; 418, 419 and 401 are not",
			rows: []string{
				r(ve, "1", "20230105", "4111", "C1", "F1", "10,00", "0,00", ""),
				r(ve, "2", "20230105", "416000", "C1", "F2", "20,00", "0,00", ""),
				r(ve, "3", "20230105", "418100", "C1", "F3", "30,00", "0,00", ""),
				r(ve, "4", "20230105", "419100", "C1", "F4", "0,00", "40,00", ""),
				r(ve, "5", "20230105", "401000", "F9", "F5", "0,00", "50,00", ""),
				r(ve, "6", "20230105", "706000", "", "F6", "0,00", "60,00", ""),
			},
			want: []brief{
				{2, receivable.Invoice, "F1", "C1", 1000, 1000},
				{3, receivable.Invoice, "F2", "C1", 2000, 2000},
			},
		},
		{
			name: "lettering settles lines across 411 and 416 of one debtor",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "100,00", "0,00", "AC"),
				r("OD\tOpérations diverses", "2", "20230301", "411000", "C1", "DOUT", "0,00", "100,00", "AC"),
				r("OD\tOpérations diverses", "2", "20230301", "416000", "C1", "DOUT", "100,00", "0,00", ""),
			},
			want: []brief{{4, receivable.Invoice, "DOUT", "C1", 10000, 10000}},
		},
		{
			name: "a file without auxiliary customer accounts: the general account is the debtor",
			rows: []string{
				row("VE", "Ventes", "1", "20230105", "411DUPONT", "", "", "F1", "10,00", "0,00", ""),
			},
			want: []brief{{2, receivable.Invoice, "F1", "411DUPONT", 1000, 1000}},
		},
		{
			name: "a sales journal known from its revenue lines, not from its name",
			rows: []string{
				row("J1", "Journal 1", "1", "20230105", "706000", "", "", "F1", "0,00", "100,00", ""),
				row("J1", "Journal 1", "2", "20230106", "411000", "C1", "Dupont", "AV1", "0,00", "10,00", ""),
				// J2 credits revenue too, but cash comes in: a till.
				row("J2", "Journal 2", "3", "20230105", "706000", "", "", "T1", "0,00", "10,00", ""),
				row("J2", "Journal 2", "3", "20230105", "530000", "", "", "T1", "10,00", "0,00", ""),
				row("J2", "Journal 2", "4", "20230106", "411000", "C1", "Dupont", "R1", "0,00", "5,00", ""),
			},
			want: []brief{
				{3, receivable.CreditNote, "AV1", "C1", 1000, 1000},
				{6, receivable.Payment, "R1", "C1", 500, 500},
			},
		},
		{
			name: "an à-nouveaux journal is never a sales journal",
			rows: []string{
				row("AN", "Ventes reportées", "1", "20230101", "411000", "C1", "Dupont", "RAN", "0,00", "10,00", ""),
				row("RV", "A nouveaux ventes", "1", "20230101", "411000", "C2", "Durand", "RAN", "0,00", "20,00", ""),
				row("ve", "Journal", "1", "20230101", "411000", "C3", "Martin", "AV9", "0,00", "30,00", ""),
			},
			want: []brief{
				{2, receivable.Payment, "RAN", "C1", 1000, 1000},
				{3, receivable.Payment, "RAN", "C2", 2000, 2000},
				{4, receivable.CreditNote, "AV9", "C3", 3000, 3000},
			},
		},
		{
			name: "zero lines give nothing",
			rows: []string{
				r(ve, "1", "20230105", "411000", "C1", "F1", "0,00", "0,00", ""),
				r(ve, "1", "20230105", "411000", "C1", "F1", "", "", ""),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parseText(t, Options{}, append([]string{fec18}, tt.rows...)...)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.issues) > 0 {
				t.Fatalf("issues: %v", c.issues)
			}
			got := briefs(c.records)
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("record %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestRecordFields checks every field of one record.
func TestRecordFields(t *testing.T) {
	c, _, err := parseText(t, Options{},
		fec18,
		"VE\tVentes\t42\t20230131\t411000\tClients\tC1\tMairie de Lyon\tF-2023-001\t20230130\tFacture\t1 234,56\t0,00\t\t\t20230131\t\t",
		"VE\tVentes\t43\t20230131\t411000\tClients\tC1\tMairie de Lyon\tF-2023-002\t\tFacture\t10,00\t0,00\t\t\t20230131\t\t",
	)
	if err != nil || len(c.records) != 2 {
		t.Fatalf("records %v, err %v", c.records, err)
	}
	r := c.records[0]
	want := receivable.Record{
		Line: 2, Kind: receivable.Invoice, Number: "F-2023-001", IssueDate: civil.MustParse("2023-01-30"),
		Amount: r.Amount, Open: r.Open, HasOpen: true,
		Debtor: receivable.Debtor{Ref: "C1", Name: "Mairie de Lyon", Kind: ledger.KindPublic, KindSource: receivable.KindInferred},
	}
	if r.Amount.Minor != 123456 || r.Amount.Currency != "EUR" || r.Open != r.Amount {
		t.Errorf("amount %v, open %v", r.Amount, r.Open)
	}
	if r.Number != want.Number || r.Line != want.Line || r.Kind != want.Kind || r.IssueDate != want.IssueDate ||
		!r.DueDate.IsZero() || !r.HasOpen || r.Debtor != want.Debtor {
		t.Errorf("got %+v\nwant %+v", r, want)
	}
	if d := c.records[1].IssueDate; d != civil.MustParse("2023-01-31") {
		t.Errorf("without PieceDate, IssueDate = %s, want the EcritureDate", d)
	}
}

// TestLayouts: the variants of the format read the same.
func TestLayouts(t *testing.T) {
	want := []brief{
		{2, receivable.Invoice, "F1", "C1", 6960, 2960},
		{4, receivable.CreditNote, "AV1", "C1", 500, 500},
	}
	tests := []struct {
		name string
		text string
		enc  string
	}{
		{
			name: "18 columns, tab, LF",
			text: fec18 + "\n" +
				"VE\tVentes\t1\t20230105\t411000\tClients\tC1\tDupont\tF1\t20230105\tx\t69,60\t0,00\tAA\t\t\t\t\n" +
				"BQ\tBanque\t2\t20230110\t411000\tClients\tC1\tDupont\tV1\t20230110\tx\t0,00\t40,00\tAA\t\t\t\t\n" +
				"VE\tVentes\t3\t20230111\t411000\tClients\tC1\tDupont\tAV1\t20230111\tx\t0,00\t5,00\t\t\t\t\t\n",
		},
		{
			name: "22 columns, BOM, CRLF",
			text: "\uFEFF" + fec18 + "\tDateRglt\tModeRglt\tNatOp\tIdClient\r\n" +
				"VE\tVentes\t1\t20230105\t411000\tClients\tC1\tDupont\tF1\t20230105\tx\t69,60\t0,00\tAA\t\t\t\t\t20230201\tCH\t\t\r\n" +
				"BQ\tBanque\t2\t20230110\t411000\tClients\tC1\tDupont\tV1\t20230110\tx\t0,00\t40,00\tAA\t\t\t\t\t\tCH\t\t\r\n" +
				"VE\tVentes\t3\t20230111\t411000\tClients\tC1\tDupont\tAV1\t20230111\tx\t0,00\t5,00\t\t\t\t\t\t\t\t\t\r\n",
		},
		{
			name: "pipe, trailing pipe, padded fields, zero-padded amounts, MontantDevise, CR CR LF",
			text: strings.ReplaceAll(fec18, "\t", "|") + "|\r\r\n" +
				"VE  |Ventes    |00000001|20230105|411000  |Clients |C1      |Dupont    |F1      |20230105|x   |0000000069,60|0000000000,00|AA  |        |        |    |   |\r\r\n" +
				"BQ  |Banque    |00000002|20230110|411000  |Clients |C1      |Dupont    |V1      |20230110|x   |0000000000,00|0000000040,00|AA  |        |        |    |   |\r\r\n" +
				"VE  |Ventes    |00000003|20230111|411000  |Clients |C1      |Dupont    |AV1     |20230111|x   |0000000000,00|0000000005,00|    |        |        |    |   |\r\r\n",
		},
		{
			name: "Montant and Sens, lower-case header, CR",
			text: strings.ToLower(strings.Replace(fec18, "Debit\tCredit", "Montant\tSens", 1)) + "\r" +
				"VE\tVentes\t1\t20230105\t411000\tClients\tC1\tDupont\tF1\t20230105\tx\t69,60\tD\tAA\t\t\t\t\r" +
				"BQ\tBanque\t2\t20230110\t411000\tClients\tC1\tDupont\tV1\t20230110\tx\t40,00\tC\tAA\t\t\t\t\r" +
				"VE\tVentes\t3\t20230111\t411000\tClients\tC1\tDupont\tAV1\t20230111\tx\t-5,00\t+1\t\t\t\t\t",
		},
		{
			name: "Windows-1252, quoted fields",
			enc:  "Windows-1252",
			text: "\"" + strings.ReplaceAll(fec18, "\t", "\"\t\"") + "\"\n" +
				"VE\t\"Ventes\"\t1\t20230105\t411000\tClients\tC1\tDupont\t\"F1\"\t20230105\tx\t\"69,60\"\t0,00\tAA\t\t\t\t\n" +
				"BQ\tBanque\t2\t20230110\t411000\tClients\tC1\tDupont\tV1\t20230110\tx\t0,00\t40,00\tAA\t\t\t\t\n" +
				"VE\tVentes\t3\t20230111\t411000\tClients\tC1\tDupont\tAV1\t20230111\tx\t0,00\t5,00\t\t\t\t\t\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &collect{}
			info, err := Parse(t.Context(), strings.NewReader(tt.text), Options{Encoding: tt.enc}, c)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.issues) > 0 {
				t.Fatalf("issues: %v", c.issues)
			}
			if info.Lines != 4 {
				t.Errorf("Lines = %d, want 4", info.Lines)
			}
			if tt.enc != "" && info.Encoding != tt.enc {
				t.Errorf("Encoding = %q", info.Encoding)
			}
			if info.Header[0] != "JournalCode" && info.Header[0] != "journalcode" {
				t.Errorf("Header = %q", info.Header)
			}
			if len(info.Preview) != 3 || info.Preview[0][0] != "VE" {
				t.Errorf("Preview = %q", info.Preview)
			}
			got := briefs(c.records)
			if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	rows := []string{
		fec18,
		row("VE", "Ventes", "1", "20230105", "411000", "C1", "Dupont", "F1", "10", "0", ""),
		row("VE", "Ventes", "2", "20230105", "413000", "C2", "Durand", "F2", "20", "0", ""),
		row("VE", "Ventes", "3", "20230105", "418000", "C3", "Martin", "F3", "30", "0", ""),
	}
	c, _, err := parseText(t, Options{Currency: "CHF", CustomerPrefixes: []string{"413", " 418 "}}, rows...)
	if err != nil {
		t.Fatal(err)
	}
	got := briefs(c.records)
	want := []brief{{3, receivable.Invoice, "F2", "C2", 2000, 2000}, {4, receivable.Invoice, "F3", "C3", 3000, 3000}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] || c.records[0].Amount.Currency != "CHF" {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if _, _, err := parseText(t, Options{Currency: "euro"}, rows...); err == nil {
		t.Error("an invalid currency is accepted")
	}
}

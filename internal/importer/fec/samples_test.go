package fec

import (
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/samples"
)

// The figures below were worked out by hand, outside this package: a
// Python script applying the rules of the package comment to each file,
// checked against awk sums of the unlettered and unbalanced 411 lines.
// They are written down here so that the parser is checked against that
// independent reading.

// parseSample parses one file of ../shared/samples/fec.
func parseSample(t *testing.T, name string) (*collect, receivable.Info) {
	t.Helper()
	f, err := os.Open(samples.Path(t, "fec/"+name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &collect{}
	info, err := Parse(context.Background(), f, Options{}, c)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return c, info
}

// want is what one sample holds.
type want struct {
	file                        string
	encoding, delim             string
	lines                       int
	invoices, credits, payments int
	invoiceOpen, paymentOpen    int64
	records                     []wantRecord
}

type wantRecord struct {
	line         int
	kind         receivable.RecordKind
	number       string
	ref, name    string
	date         string
	amount, open int64
}

var sampleWants = []want{
	{
		file: "neolegal_0000000001FEC20220831_utf8bom_tab.txt", encoding: "UTF-8 (BOM)", delim: "\t", lines: 5423,
		invoices: 31, payments: 11, invoiceOpen: 11985833, paymentOpen: 6734109,
		records: []wantRecord{
			// Opening balance, one unlettered line per customer, all in
			// entry ANO-1 with PieceRef RAN: the debtor tells them apart.
			{48, receivable.Invoice, "RAN (ANO-1, CPRO00)", "CPRO00", "PROSOL GESTION", "2021-09-01", 3572495, 3572495},
			// Group AARR: 29 602,76 paid against seven invoices of
			// 8 917,38; the rest is credit on account. PieceRef 0000000.
			{1989, receivable.Payment, "CRC-54", "CPRO00", "PROSOL GESTION", "2021-10-04", 2960276, 2068538},
			// An unlettered write-off in the OD journal.
			{3797, receivable.Payment, "fact 2021 gres impayée", "CPERR0", "PERRIER CHRISTIAN", "2022-08-10", 9495, 9495},
			{5030, receivable.Invoice, "FA  220272", "CNOURR", "JULES NOURRIT", "2022-04-20", 811506, 811506},
			// Group AAEQ does not balance.
			{5413, receivable.Invoice, "FA  220394", "CPMTN0", "P MONTARNAL TRANSPORT PMT", "2022-08-31", 1807004, 1807004},
		},
	},
	{
		file: "neolegal_000000000FEC20231231_utf8_tab_22cols.txt", encoding: "UTF-8", delim: "\t", lines: 2103,
		invoices: 20, payments: 133, invoiceOpen: 18777084, paymentOpen: 15999914,
		records: twinRecords,
	},
	{
		file: "DERIVED_iso8859-15_of_neolegal_000000000FEC20231231.txt", encoding: "ISO-8859-15", delim: "\t", lines: 2103,
		invoices: 20, payments: 133, invoiceOpen: 18777084, paymentOpen: 15999914,
		records: twinRecords,
	},
	{
		file: "neolegal_111111111FEC20221231_pipe_padded_8bit_stray_0xF8.txt", encoding: "UTF-8", delim: "|", lines: 935,
		invoices: 30, payments: 4, invoiceOpen: 1490054, paymentOpen: 48402,
		records: []wantRecord{
			{80, receivable.Invoice, "VE  0323 (VE-00000011)", "41104752", "U EXPRESS MONTEUX", "2023-03-13", 11142, 11142},
			{347, receivable.Invoice, "VE  0523 (VE-00000056)", "41101050", "COLRUYT RETAIL FRA", "2023-05-09", 643994, 643994},
			// PieceRef is the journal and month: the entry tells the
			// invoices apart.
			{418, receivable.Invoice, "VE  0623 (VE-00000069)", "41102430", "JARDIN DES PAPES", "2023-06-01", 46707, 46707},
			{592, receivable.Payment, "C1  0523", "41104250", "SARL LES JARDINS D", "2023-05-10", 37194, 37194},
			// A credit balance carried forward; PieceRef "sans".
			{735, receivable.Payment, "AN-00000192", "41104251", "SAS CHAMP DES GARR", "2023-01-01", 5603, 5603},
			{911, receivable.Payment, "OD-00000241", "41102785", "LES DELICES DU JAR", "2023-05-10", 1, 1},
		},
	},
	{
		file: "neolegal_123456789FEC20500930_EXCERPT_crcrlf.txt", encoding: "UTF-8", delim: "\t", lines: 5353,
		invoices: 1, invoiceOpen: 215338,
		records: []wantRecord{
			// sed -n 77p shows this line: CR CR LF ends one line. The
			// file keeps no auxiliary customer account: the general
			// account is the debtor.
			{77, receivable.Invoice, "5", "411100000", "CLIENTS", "2022-04-01", 215338, 215338},
		},
	},
}

// twinRecords are in the 22-column file and its ISO-8859-15 twin. Every
// customer line there is unlettered.
var twinRecords = []wantRecord{
	{51, receivable.Invoice, "01/2023 (ve-0, CCB)", "CCB", "RECETTE CB", "2023-01-31", 2660835, 2660835},
	{242, receivable.Invoice, "FAE", "CVIR", "RECETTES VIREMENT", "2023-02-09", 819600, 819600},
	{271, receivable.Payment, "VIR", "CVIR", "RECETTES VIREMENT", "2023-02-09", 819600, 819600},
	// EcritureNum is 0 on every line: the debtor tells the monthly
	// invoices apart, the rank the CB payments of one debtor.
	{660, receivable.Payment, "CB (bq-0) #3", "CCB", "RECETTE CB", "2023-03-27", 149503, 149503},
	// À-nouveaux journal "A Nouveaux Détaillés": a payment, not a credit note.
	{1681, receivable.Payment, "CHQ", "CCHQ", "RECETTE CHQ", "2022-01-18", 24350, 24350},
	{2060, receivable.Invoice, "12/2022", "CCHQ", "RECETTE CHQ", "2022-12-31", 9000, 9000},
}

func TestSamples(t *testing.T) {
	for _, w := range sampleWants {
		t.Run(w.file, func(t *testing.T) {
			c, info := parseSample(t, w.file)
			if len(c.issues) > 0 {
				t.Errorf("%d issues, first %v", len(c.issues), c.issues[0])
			}
			if info.Format != receivable.FormatFEC || info.Encoding != w.encoding || info.Delimiter != w.delim || info.Lines != w.lines {
				t.Errorf("info = %s %q %q %d lines, want fec %q %q %d", info.Format, info.Encoding, info.Delimiter, info.Lines, w.encoding, w.delim, w.lines)
			}
			got := c.byKind()
			if got[receivable.Invoice] != w.invoices || got[receivable.CreditNote] != w.credits || got[receivable.Payment] != w.payments {
				t.Errorf("records by kind = %v, want %d invoices, %d credit notes, %d payments", got, w.invoices, w.credits, w.payments)
			}
			if g := c.openTotal(receivable.Invoice); g != w.invoiceOpen {
				t.Errorf("open invoices total %d, want %d", g, w.invoiceOpen)
			}
			if g := c.openTotal(receivable.Payment); g != w.paymentOpen {
				t.Errorf("open payments total %d, want %d", g, w.paymentOpen)
			}
			for _, wr := range w.records {
				r := c.record(t, wr.line)
				if r.Kind != wr.kind || r.Number != wr.number || r.Debtor.Ref != wr.ref || r.Debtor.Name != wr.name ||
					r.IssueDate != civil.MustParse(wr.date) || !r.DueDate.IsZero() ||
					r.Amount.Minor != wr.amount || r.Open.Minor != wr.open || !r.HasOpen || r.Amount.Currency != "EUR" {
					t.Errorf("line %d: got %s %q %s %q %s due %s %v open %v (%v), want %+v",
						wr.line, r.Kind, r.Number, r.Debtor.Ref, r.Debtor.Name, r.IssueDate, r.DueDate, r.Amount, r.Open, r.HasOpen, wr)
				}
				if r.Debtor.Kind == "" {
					t.Errorf("line %d: debtor kind not filled", wr.line)
				}
			}
			for i, r := range c.records {
				if i > 0 && r.Line < c.records[i-1].Line {
					t.Errorf("record of line %d after line %d", r.Line, c.records[i-1].Line)
				}
			}
		})
	}
}

// TestSampleEncodingsAgree: the ISO-8859-15 transcode gives exactly the
// records of its UTF-8 twin.
func TestSampleEncodingsAgree(t *testing.T) {
	utf8, _ := parseSample(t, "neolegal_000000000FEC20231231_utf8_tab_22cols.txt")
	iso, _ := parseSample(t, "DERIVED_iso8859-15_of_neolegal_000000000FEC20231231.txt")
	if len(utf8.records) == 0 || !reflect.DeepEqual(utf8.records, iso.records) {
		t.Fatalf("the two encodings disagree: %d and %d records", len(utf8.records), len(iso.records))
	}
}

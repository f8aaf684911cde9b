package bankcsv

import (
	"reflect"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
)

// The expectations below were written by reading the sample files (cat
// -A for the CSV, the sheet and shared-string XML of the workbooks with
// python3), not from the parser's output.

func TestSampleFrenchPreambleDebitCredit(t *testing.T) {
	for _, name := range []string{
		"oca_sheet_bank_export_preamble_debit_credit_fr_decimal.csv",
		"oca_sheet_bank_export_preamble_debit_credit_fr_decimal.xlsx",
	} {
		t.Run(name, func(t *testing.T) {
			f := parseSample(t, name, Options{})
			if len(f.Statements) != 1 {
				t.Fatalf("%d statements", len(f.Statements))
			}
			st := f.Statements[0]
			// The preamble: "Bank code : 1001010101", "Account Number :
			// 08088804068", "Account Name : Account Owner", ": EUR"; a
			// balance line before the header (end of period, +31070,11)
			// and one after the rows (start of period, +30000,77).
			if st.Account.Number != "08088804068" || st.Account.BankCode != "1001010101" || st.Account.Owner != "Account Owner" ||
				st.Currency != "EUR" || st.From != civil.D(2020, 4, 1) || st.To != civil.D(2020, 4, 2) ||
				!st.HasBalances || st.Opening.Minor != 3000077 || st.Closing.Minor != 3107011 || len(st.Entries) != 4 {
				t.Fatalf("statement %+v", st)
			}
			// dd/mm/yy dates, "-50,00" in the Debit column.
			checkEntry(t, st.Entries[0], want{6, "UNIQUE OP 1", "2020-04-01", 5000, false, "LABEL 1 / DETAILS 1", ""})
			checkEntry(t, st.Entries[1], want{7, "UNIQUE OP 2", "2020-04-01", 10000, false, "LABEL 2 / CLIENTS X", ""})
			checkEntry(t, st.Entries[2], want{8, "UNIQUE OP 3", "2020-04-02", 8068, false, "LABEL 3 / DETAILS 2", ""})
			checkEntry(t, st.Entries[3], want{9, "UNIQUE OP 4", "2020-04-02", 130000, true, "LABEL 4 / DETAILS 3", ""})
			// 30000.77 - 50.00 - 100.00 - 80.68 + 1300.00 = 31070.09: the
			// file's own balances are 2 cents apart.
			if len(f.Issues) != 1 {
				t.Fatalf("issues %v", f.Issues)
			}
			is := f.Issues[0]
			if is.Key != keyBalanceMismatch || is.Line != 4 || is.Column != "Credit" || is.Value != "+31070,11" ||
				is.Args[0] != "31070.09 EUR" || is.Args[1] != "31070.11 EUR" {
				t.Errorf("issue %+v", is)
			}
		})
	}
}

func TestSampleDCIndicator(t *testing.T) {
	f := parseSample(t, "oca_sheet_dc_indicator_balance.csv", Options{})
	if len(f.Statements) != 1 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	st := f.Statements[0]
	if st.Currency != "EUR" || st.HasBalances || st.From != civil.D(2018, 12, 15) || len(st.Entries) != 2 {
		t.Fatalf("statement %+v", st)
	}
	// "33.50" with D is a debit; "-1,533.50" with C a credit: the
	// indicator decides. The running balance agrees: x - 33.50 = -23.50,
	// then -23.50 + 1533.50 = 1510.00. The dates are month first
	// (12/15/2018 reads no other way).
	checkEntry(t, st.Entries[0], want{2, "", "2018-12-15", 3350, false, "Your best supplier", "John Doe"})
	checkEntry(t, st.Entries[1], want{3, "", "2018-12-15", 153350, true, "Your payment", "Azure Interior"})
	// "123456789" is no IBAN: no counterparty IBAN.
	if iban := st.Entries[0].Transactions[0].CounterpartyIBAN; iban != "" {
		t.Errorf("counterparty IBAN %q", iban)
	}
}

func TestSampleStatementEN(t *testing.T) {
	var got [][]string
	for _, name := range []string{"oca_sheet_sample_statement_en.csv", "oca_sheet_sample_statement_en.xlsx"} {
		t.Run(name, func(t *testing.T) {
			f := parseSample(t, name, Options{})
			if len(f.Statements) != 2 || len(f.Issues) != 0 {
				t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
			}
			// The Currency column gives each row's currency: one
			// statement per currency, in the order they appear. In the
			// workbook the dates are serial numbers (43449) and the
			// amounts numbers (-33.5, 1525).
			usd, eur := f.Statements[0], f.Statements[1]
			if usd.Currency != "USD" || eur.Currency != "EUR" || len(usd.Entries) != 1 || len(eur.Entries) != 1 {
				t.Fatalf("statements %+v", f.Statements)
			}
			checkEntry(t, usd.Entries[0], want{2, "", "2018-12-15", 3350, false, "Your best supplier on 12/15/2018", "John Doe"})
			checkEntry(t, eur.Entries[0], want{3, "", "2018-12-15", 152500, true, "Your payment on 12/15/2018", "Azure Interior"})
		})
	}
	// A saved mapping without the Currency column, and the date order
	// given: one EUR statement.
	m := Mapping{Columns: map[Field]string{
		FieldBookingDate: "Date", FieldLabel: "Label", FieldAmount: "Amount", FieldCounterparty: "Partner Name",
	}, DateFormat: "MM/DD/YYYY"}
	for _, name := range []string{"oca_sheet_sample_statement_en.csv", "oca_sheet_sample_statement_en.xlsx"} {
		f := parseSample(t, name, Options{Mapping: &m})
		if len(f.Statements) != 1 || f.Statements[0].Currency != "EUR" || len(f.Statements[0].Entries) != 2 {
			t.Errorf("%s with a mapping: %+v", name, f.Statements)
		}
		got = append(got, []string{f.Statements[0].Entries[0].Text, f.Statements[0].Entries[1].Text})
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("CSV and XLSX differ: %v", got)
	}
}

func TestSamplePayPal(t *testing.T) {
	f := parseSample(t, "oca_paypal_statement_en.csv", Options{})
	if len(f.Statements) != 2 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	eur, usd := f.Statements[0], f.Statements[1]
	// US dates (9/25/2018 reads only month first), US amounts
	// ("-1,058.09"), Gross as the amount, Transaction ID as reference,
	// Name as counterparty, Invoice ID as the document.
	if eur.Currency != "EUR" || len(eur.Entries) != 8 || eur.From != civil.D(2018, 9, 4) || eur.To != civil.D(2018, 9, 27) {
		t.Errorf("EUR statement %+v", eur)
	}
	if usd.Currency != "USD" || len(usd.Entries) != 11 || usd.From != civil.D(2018, 9, 4) || usd.To != civil.D(2018, 9, 30) {
		t.Errorf("USD statement %+v", usd)
	}
	checkEntry(t, eur.Entries[0], want{2, "TID1", "2018-09-04", 105809, false, "General Withdrawal - Bank Account", ""})
	checkEntry(t, eur.Entries[1], want{3, "TID2", "2018-09-04", 105809, true, "General Currency Conversion", ""})
	checkEntry(t, eur.Entries[7], want{9, "TID8", "2018-09-27", 964813, true, "General Currency Conversion", ""})
	checkEntry(t, usd.Entries[0], want{10, "TID9", "2018-09-04", 130980, true, "Express Checkout Payment", "Partner 1"})
	checkEntry(t, usd.Entries[7], want{17, "TID16", "2018-09-27", 92070, true, "Express Checkout Payment", "Partner 3"})
	checkEntry(t, usd.Entries[9], want{19, "TID18", "2018-09-27", 1167200, false, "General Currency Conversion", ""})
	checkEntry(t, usd.Entries[10], want{20, "TID19", "2018-09-30", 29230, true, "Express Checkout Payment", "Partner 1"})
	if docs := usd.Entries[0].Transactions[0].DocumentNumbers; len(docs) != 1 || docs[0] != "361" {
		t.Errorf("invoice: %v", docs)
	}
	credits := map[string]int{}
	for _, st := range f.Statements {
		for _, e := range st.Entries {
			if e.Credit {
				credits[string(st.Currency)]++
			}
		}
	}
	if credits["EUR"] != 4 || credits["USD"] != 7 {
		t.Errorf("credits %v", credits)
	}
}

// TestSampleTwins: each workbook gives the entries of its CSV twin.
func TestSampleTwins(t *testing.T) {
	for _, base := range []string{"oca_sheet_bank_export_preamble_debit_credit_fr_decimal", "oca_sheet_sample_statement_en"} {
		csv, xlsx := parseSample(t, base+".csv", Options{}), parseSample(t, base+".xlsx", Options{})
		if !reflect.DeepEqual(csv.Statements, xlsx.Statements) || !reflect.DeepEqual(csv.Issues, xlsx.Issues) {
			t.Errorf("%s: the CSV and the workbook differ\n%+v\n%+v", base, csv.Statements, xlsx.Statements)
		}
		if csv.Encoding != "UTF-8" || xlsx.Encoding != "" {
			t.Errorf("%s: encodings %q %q", base, csv.Encoding, xlsx.Encoding)
		}
	}
}

func TestSampleDetectedMappings(t *testing.T) {
	for _, tt := range []struct {
		header []string
		want   map[Field]string
	}{
		{[]string{"Date", "Operation Number", "Label", "Debit", "Credit", "Detail"}, map[Field]string{
			FieldBookingDate: "Date", FieldReference: "Operation Number", FieldLabel: "Label", FieldDebit: "Debit",
			FieldCredit: "Credit", FieldDetail: "Detail"}},
		{[]string{"Date", "Label", "Amount", "D/C", "Balance", "Partner Name", "Bank Account"}, map[Field]string{
			FieldBookingDate: "Date", FieldLabel: "Label", FieldAmount: "Amount", FieldDirection: "D/C", FieldBalance: "Balance",
			FieldCounterparty: "Partner Name", FieldCounterpartyAccount: "Bank Account"}},
		{[]string{"Date", "Label", "Currency", "Amount", "Amount Currency", "Partner Name", "Bank Account"}, map[Field]string{
			FieldBookingDate: "Date", FieldLabel: "Label", FieldCurrency: "Currency", FieldAmount: "Amount",
			FieldCounterparty: "Partner Name", FieldCounterpartyAccount: "Bank Account"}},
		{[]string{"Date", "Time", "Time Zone", "Description", "Currency", "Gross", "Fee", "Net", "Balance", "Transaction ID",
			"From Email Address", "Name", "Bank Name", "Bank Account", "Shipping and Handling Amount", "Sales Tax", "Invoice ID",
			"Reference Txn ID"}, map[Field]string{
			FieldBookingDate: "Date", FieldLabel: "Description", FieldCurrency: "Currency", FieldAmount: "Gross",
			FieldBalance: "Balance", FieldReference: "Transaction ID", FieldCounterparty: "Name",
			FieldCounterpartyAccount: "Bank Account", FieldDocument: "Invoice ID"}},
	} {
		if got := DetectMapping(tt.header).Columns; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DetectMapping(%v)\n got %v\nwant %v", tt.header, got, tt.want)
		}
	}
}

package cfonb

import (
	"reflect"
	"strings"
	"testing"
)

// The expectations below were written by reading the sample files
// (cat -A, a zone-by-zone dump), the amounts decoded by hand from their
// overpunched last character and the IBANs computed apart (RIB key, then
// ISO 7064 check digits).

const (
	ibanPennylane1 = "FR7615589000009876543210088"
	ibanPennylane2 = "FR7618706000000012345678954"
	ibanSilarhi1   = "FR7610278022040001234560307"
	ibanSilarhi2   = "FR7610278022040002042760330"
)

func TestSamplePennylaneExample(t *testing.T) {
	f := parseSample(t, "pennylane_example.txt")
	if len(f.Statements) != 2 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	// 01 -190.40 (…1904}), operations -32.21 (…322J), -10.70 (…107}),
	// -7.90 (…79}), 07 -241.21 (…2412J): it checks out.
	st := f.Statements[0]
	checkStatement(t, st, wantStatement{number: "155890000098765432100", iban: ibanPennylane1,
		from: "2019-05-15", to: "2019-05-16", opening: -19040, closing: -24121, balances: true, entries: 3})
	checkEntry(t, st.Entries[0], want{3, "", "2019-05-16", "2019-05-16", 3221, false, "9162",
		"PRLV SEPA TEST CABINET / MENSUEAUHTR13133 / MENSUEAUHTR13DUP / PURPOSE / INTERNETA AAA / INTERNETA ABB / " +
			"INTERNETE BBB / INTERNETI CCC / EXAMPLE WITH EMPTY SPACE / EXAMPLE WITH OTHER COMBINATIONS", "INTERNET SFR"})
	tx := st.Entries[0].Transactions[0]
	if tx.AcctSvcrRef != "REFERENCE" || tx.EndToEndID != "OTHER REFERENCE" {
		t.Errorf("REF and RCN: %+v", tx)
	}
	checkEntry(t, st.Entries[1], want{16, "REFERENCE", "2019-05-16", "2019-05-16", 1070, false, "9162",
		"VIR  SEPA DEMONSTRATION", "ELEC ERDF"})
	// Its bank code (15489) differs from the 01's: only the account counts.
	checkEntry(t, st.Entries[2], want{19, "", "2019-05-15", "2019-05-15", 790, false, "0117",
		"F COMMISSION D INTERVENTION", ""})
	// 01 -241.21, +97.49 (…974I), -12.10, -7.90, 07 -163.72 (…1637K).
	st = f.Statements[1]
	checkStatement(t, st, wantStatement{number: "187060000000123456789", iban: ibanPennylane2,
		from: "2019-05-16", to: "2019-05-17", opening: -24121, closing: -16372, balances: true, entries: 3})
	checkEntry(t, st.Entries[0], want{26, "", "2019-05-17", "2019-05-15", 9749, true, "0158",
		"PRLV SEPA GROUPAMA CEN / P051928612   22793301700040", ""})
	checkEntry(t, st.Entries[1], want{29, "", "2019-05-15", "2019-05-15", 1210, false, "0337", "F FRAIS PRLV IMP 97 49EUR", ""})
	checkEntry(t, st.Entries[2], want{31, "", "2019-05-16", "2019-05-16", 790, false, "0117", "F COMMISSION D INTERVENTION", ""})
}

// silarhiStatements checks the statements of silarhi_complex.txt, which
// silarhi_non_strict.txt must give as well.
func silarhiStatements(t *testing.T, name string) {
	f := parseSample(t, name)
	if len(f.Statements) != 8 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	s := f.Statements
	checkStatement(t, s[0], wantStatement{number: "102780220400012345603", iban: ibanSilarhi1,
		from: "2020-04-06", to: "2020-04-07", opening: 1669565, closing: 1667286, balances: true, entries: 1})
	checkEntry(t, s[0].Entries[0], want{2, "", "2020-04-07", "2020-04-07", 2279, false, "6772", "PRLV SEPA ONLINE SAS / DEDIBOX 3706114", ""})
	const acct2 = "102780220400020427603"
	checkStatement(t, s[1], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-07", to: "2020-04-08", opening: 1667286, closing: 1165275, balances: true, entries: 2})
	// The two 04 records that silarhi_non_strict.txt writes with a blank
	// entry number and blank indices.
	checkEntry(t, s[1].Entries[0], want{6, "", "2020-04-08", "2020-04-08", 2011, false, "6772", "PRLV SEPA FREE MOBILE", ""})
	checkEntry(t, s[1].Entries[1], want{7, "", "2020-04-08", "2020-04-08", 500000, false, "0002", "VIR JOHNDOE / FOOBAR", ""})
	checkStatement(t, s[2], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-08", to: "2020-04-09", opening: 1165275, closing: 1165275, balances: true})
	checkStatement(t, s[3], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-09", to: "2020-04-10", opening: 1165275, closing: 1153500, balances: true, entries: 1})
	checkEntry(t, s[3].Entries[0], want{12, "", "2020-04-10", "2020-04-01", 11775, false, "0859",
		"FACTURE SGT20022040001692 / DONT TVA 11 39EUR", ""})
	checkStatement(t, s[4], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-10", to: "2020-04-13", opening: 1153500, closing: 1153500, balances: true})
	checkStatement(t, s[5], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-13", to: "2020-04-14", opening: 1153500, closing: 1148475, balances: true, entries: 1})
	checkEntry(t, s[5].Entries[0], want{18, "", "2020-04-14", "2020-04-14", 5025, false, "6772",
		"PRLV SEPA OVH SAS / PAYMENT ORDER 124359169 / ERS INF ORDER 124359169", ""})
	checkStatement(t, s[6], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-14", to: "2020-04-15", opening: 1148475, closing: 1148475, balances: true})
	// "** PAS DE MOUVEMENT CE JOUR **" and the dates after the balance are
	// not read.
	checkStatement(t, s[7], wantStatement{number: acct2, iban: ibanSilarhi2,
		from: "2020-04-23", to: "2020-04-24", opening: 58435302, closing: 58435302, balances: true})
}

func TestSampleSilarhiComplex(t *testing.T) { silarhiStatements(t, "silarhi_complex.txt") }

// TestSampleSilarhiNonStrict: the two 04 records whose entry number and
// indices (82–90) are blank read as in the strict file.
func TestSampleSilarhiNonStrict(t *testing.T) {
	silarhiStatements(t, "silarhi_non_strict.txt")
	a, b := parseSample(t, "silarhi_complex.txt"), parseSample(t, "silarhi_non_strict.txt")
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the non-strict file reads differently from the strict one")
	}
}

func TestSampleSilarhiSimpleNoFinalNewline(t *testing.T) {
	f := parseSample(t, "silarhi_simple_no_final_newline.txt")
	if len(f.Statements) != 1 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	checkStatement(t, f.Statements[0], wantStatement{number: "102780220400012345603", iban: ibanSilarhi1,
		from: "2020-04-03", to: "2020-04-06", opening: 1669565, closing: 1669565, balances: true})
}

func TestSampleSilarhiUnusedParts(t *testing.T) {
	f := parseSample(t, "silarhi_unused_parts.txt")
	if len(f.Statements) != 8 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	checkStatement(t, f.Statements[0], wantStatement{number: "300873360800012345601", iban: "FR7630087336080001234560156",
		from: "2022-02-11", to: "2022-02-14", opening: 1862, closing: 1862, balances: true})
	// Six empty 01/07 pairs whose 01 fills the unused zones (an
	// operation code 0000, a value date 000000, a zero entry number).
	for _, st := range f.Statements[1:7] {
		checkStatement(t, st, wantStatement{number: "300873360800012345701", iban: "FR7630087336080001234570147",
			from: "2022-01-27", to: "2022-01-27", balances: true})
	}
	checkStatement(t, f.Statements[7], wantStatement{number: "300873360000012345801", iban: "FR7630087336000001234580161",
		from: "2022-01-27", to: "2022-01-28", opening: 1987572, closing: 1987572, balances: true})
}

func TestSamplePennylaneNewStatementWithoutPreviousEnded(t *testing.T) {
	f := parseSample(t, "pennylane_err_new_statement_without_previous_ended.txt")
	if got := strings.Join(issueKeys(f), ","); got != keyNotClosed+","+keyBalanceMismatch {
		t.Fatalf("issues %v", f.Issues)
	}
	if is := f.Issues[0]; is.Line != 6 || is.Column != "1-2" || is.Value != "01" {
		t.Errorf("issue %+v", is)
	}
	// The second statement: -241.21 - 7.90 = -249.11, not the -163.72 of
	// its 07.
	if is := f.Issues[1]; is.Line != 10 || is.Value != "0000000001637K" || is.Args[0] != "-249.11 EUR" || is.Args[1] != "-163.72 EUR" {
		t.Errorf("issue %+v", is)
	}
	if len(f.Statements) != 2 {
		t.Fatalf("%d statements", len(f.Statements))
	}
	// The first statement is kept, without a closing balance.
	checkStatement(t, f.Statements[0], wantStatement{number: "155890000098765432100", iban: ibanPennylane1,
		from: "2019-05-15", opening: -19040, entries: 1})
	checkEntry(t, f.Statements[0].Entries[0], want{3, "", "2019-05-16", "2019-05-16", 1070, false, "9162", "VIR  SEPA DEMONSTRATION", "ELEC ERDF"})
	checkStatement(t, f.Statements[1], wantStatement{number: "187060000000123456789", iban: ibanPennylane2,
		from: "2019-05-16", to: "2019-05-17", opening: -24121, closing: -16372, balances: true, entries: 1})
	checkEntry(t, f.Statements[1].Entries[0], want{8, "", "2019-05-16", "2019-05-16", 790, false, "0117", "F COMMISSION D INTERVENTION", ""})
}

func TestSamplePennylaneDetailWithoutOperation(t *testing.T) {
	f := parseSample(t, "pennylane_err_detail_without_operation.txt")
	if got := strings.Join(issueKeys(f), ","); got != keyDetailWithoutOp+","+keyBalanceMismatch {
		t.Fatalf("issues %v", f.Issues)
	}
	if is := f.Issues[0]; is.Line != 3 || is.Column != "1-2" || is.Value != "05" {
		t.Errorf("issue %+v", is)
	}
	// -190.40 - 10.70 = -201.10, not the -241.21 of the 07.
	if is := f.Issues[1]; is.Line != 8 || is.Args[0] != "-201.10 EUR" || is.Args[1] != "-241.21 EUR" {
		t.Errorf("issue %+v", is)
	}
	if len(f.Statements) != 1 {
		t.Fatalf("%d statements", len(f.Statements))
	}
	checkStatement(t, f.Statements[0], wantStatement{number: "155890000098765432100", iban: ibanPennylane1,
		from: "2019-05-15", to: "2019-05-16", opening: -19040, closing: -24121, balances: true, entries: 1})
	checkEntry(t, f.Statements[0].Entries[0], want{5, "", "2019-05-16", "2019-05-16", 1070, false, "9162", "VIR  SEPA DEMONSTRATION", "ELEC ERDF"})
}

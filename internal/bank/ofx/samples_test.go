package ofx

import (
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// The expectations below were written by reading the sample files
// (cat -A, grep -n), not from the parser's output.

type wantStatement struct {
	id, number, bank, iban, currency string
	from, to                         string
	closing                          int64
	entries                          int
}

func checkStatement(t *testing.T, st statement.Statement, w wantStatement) {
	t.Helper()
	date := func(s string) civil.Date {
		if s == "" {
			return civil.Date{}
		}
		return civil.MustParse(s)
	}
	if st.ID != w.id || st.Account.Number != w.number || st.Account.BankCode != w.bank || st.Account.IBAN != w.iban ||
		string(st.Currency) != w.currency || st.From != date(w.from) || st.To != date(w.to) ||
		st.Closing.Minor != w.closing || st.HasBalances || len(st.Entries) != w.entries {
		t.Errorf("statement\n got %q %+v %s %s→%s closing %v has %v, %d entries\nwant %+v",
			st.ID, st.Account, st.Currency, st.From, st.To, st.Closing, st.HasBalances, len(st.Entries), w)
	}
}

func TestSampleBanquePopulaireChecking(t *testing.T) {
	f := parseSample(t, "banquepopulaire_ofx102_checking.ofx")
	if len(f.Statements) != 2 || len(f.Issues) != 0 || f.Encoding != "UTF-8" {
		t.Fatalf("%d statements, issues %v, encoding %q", len(f.Statements), f.Issues, f.Encoding)
	}
	checking, savings := f.Statements[0], f.Statements[1]
	checkStatement(t, checking, wantStatement{id: "26119616408", number: "99999999999", bank: "10907", currency: "EUR",
		from: "2022-06-04", to: "2022-07-17", closing: 13944, entries: 13})
	checkStatement(t, savings, wantStatement{id: "86186626568", number: "99999999999", bank: "00000", currency: "EUR",
		from: "2022-06-04", to: "2022-07-17", closing: 176000, entries: 1})
	e := checking.Entries
	checkEntry(t, e[0], want{41, "202200700005BD27", "2022-07-15", "", 7500, "EUR", false, "DEBIT",
		"130722 CB****9630 / SUMUP  *LE BOUDFR BORDEAUX 75,00EUR 1 EURO = 1,000000", "130722 CB****9630"})
	checkEntry(t, e[5], want{86, "202200600011BD27", "2022-06-29", "", 160, "EUR", false, "DEBIT",
		"FRAIS ACHAT ETRANGER DI / XCPCB200 2022062900011974000001 COMMISSION CB   280622 BRIDGEBAS", "FRAIS ACHAT ETRANGER DI"})
	// The MEMO " salaire juin 2022" loses its leading blank.
	checkEntry(t, e[6], want{95, "202200600010BD27", "2022-06-30", "", 133985, "EUR", true, "CREDIT",
		"VIR SAS PAULISSOFT / salaire juin 2022", "VIR SAS PAULISSOFT"})
	// No MEMO: the NAME is the whole text; the blank line after it is nothing.
	checkEntry(t, e[11], want{140, "202200600005BD27", "2022-06-15", "", 4603, "EUR", true, "CREDIT",
		"REM CHQ  DE    2 CHEQUE(", "REM CHQ  DE    2 CHEQUE("})
	checkEntry(t, e[12], want{149, "202200600004BD27", "2022-06-10", "", 25000, "EUR", false, "DEBIT",
		"PRLV SEPA AVIVA RETRAITE / 01D130082403     06/22 188S5PXTY VAAIV4946257", "PRLV SEPA AVIVA RETRAITE"})
	if docs := e[0].Transactions[0].DocumentNumbers; len(docs) != 1 || docs[0] != "90Z4Z4N" {
		t.Errorf("CHECKNUM: %v", docs)
	}
	credits := 0
	for _, x := range e {
		if x.Credit {
			credits++
		}
	}
	if credits != 3 {
		t.Errorf("%d credits, want 3 (1339.85, 250.00, 46.03)", credits)
	}
	checkEntry(t, savings.Entries[0], want{186, "202200100009BD27", "2022-07-13", "", 20000, "EUR", true, "CREDIT",
		"VIR MME SEVERINE PUILLET / epargne", "VIR MME SEVERINE PUILLET"})
}

func TestSampleBanquePopulaireSavingsEmpty(t *testing.T) {
	f := parseSample(t, "banquepopulaire_ofx102_savings_crlf_empty_acctid.ofx")
	if len(f.Statements) != 1 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	// Empty TRNUID and ACCTID, an empty BALAMT: no closing balance.
	checkStatement(t, f.Statements[0], wantStatement{id: "", number: "", bank: "10907", currency: "EUR",
		from: "2025-09-02", to: "2025-10-04", closing: 0, entries: 0})
}

func TestSampleCharset1252(t *testing.T) {
	for _, tt := range []struct {
		name, encoding, text string
	}{
		// The body is really Windows-1252: € is 0x80, é 0xE9, ü 0xFC.
		{"oca_ofx102_charset1252_real_cp1252_bytes.ofx", "Windows-1252", "Loyer 850€ café Müller"},
		// CHARSET:1252 lies: the body is UTF-8.
		{"oca_ofx102_charset1252_but_utf8_bytes.ofx", "UTF-8", "Paiement 850€ — café"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseSample(t, tt.name)
			if f.Encoding != tt.encoding || len(f.Statements) != 1 || len(f.Issues) != 0 {
				t.Fatalf("encoding %q, %d statements, issues %v", f.Encoding, len(f.Statements), f.Issues)
			}
			st := f.Statements[0]
			checkStatement(t, st, wantStatement{id: "1001", number: "123456", bank: "0341", currency: "EUR",
				from: "2026-06-17", to: "2026-06-17", closing: 100000, entries: 1})
			// 20260617100000[-03:EST]: the date as written.
			checkEntry(t, st.Entries[0], want{39, "20260617001", "2026-06-17", "", 85000, "EUR", true, "CREDIT", tt.text, ""})
		})
	}
}

func TestSampleOFX211MultiBankTranList(t *testing.T) {
	f := parseSample(t, "oca_ofx211_fr_bankid_multi_banktranlist.ofx")
	if len(f.Statements) != 2 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	bank, card := f.Statements[0], f.Statements[1]
	checkStatement(t, bank, wantStatement{id: "0", number: "12345678901", bank: "30001", currency: "USD",
		from: "2013-08-01", to: "2013-08-31", closing: 215656, entries: 4})
	for i, w := range []want{
		{32, "219378", "2013-08-24", "", 8000, "USD", false, "POS", "Agrolait", "Agrolait"},
		{43, "219379", "2013-08-24", "", 9000, "USD", false, "POS", "China Export", "China Export"},
		{54, "219380", "2013-08-24", "", 10000, "USD", false, "POS", "Axelor Scuba", "Axelor Scuba"},
		{65, "219381", "2013-08-24", "", 9000, "USD", false, "POS", "China Scuba", "China Scuba"},
	} {
		checkEntry(t, bank.Entries[i], w)
	}
	// The credit-card statement: CCACCTFROM has no BANKID, the list is empty.
	checkStatement(t, card, wantStatement{id: "0", number: "123412341234", currency: "USD", closing: -56200})
}

func TestSampleSingleLineWithZones(t *testing.T) {
	f := parseSample(t, "ofxparse_ofx102_single_line_tz.ofx")
	if len(f.Statements) != 1 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	st := f.Statements[0]
	checkStatement(t, st, wantStatement{id: "20090523122017", number: "12300 000012345678", bank: "160000100",
		currency: "CAD", from: "2009-04-01", to: "2009-05-23", closing: 38234, entries: 3})
	checkEntry(t, st.Entries[0], want{15, "0000123456782009040100001", "2009-04-01", "", 660, "CAD", false, "POS",
		"MCDONALD'S #112 / POS MERCHANDISE;MCDONALD'S #112", "MCDONALD'S #112"})
	checkEntry(t, st.Entries[1], want{16, "0000123456782009040200004", "2009-04-02", "", 31667, "CAD", false, "CHECK",
		"Joe's Bald Hairstyles / MISCELLANEOUS PAYMENTS;Joe's Bald Hairstyles", "Joe's Bald Hairstyles"})
	checkEntry(t, st.Entries[2], want{17, "0000123456782009040300005", "2009-04-03", "", 2200, "CAD", false, "POS",
		"CONNIE'S HAIR D / POS MERCHANDISE;CONNIE'S HAIR D", "CONNIE'S HAIR D"})
	if docs := st.Entries[1].Transactions[0].DocumentNumbers; len(docs) != 1 || docs[0] != "0" {
		t.Errorf("CHECKNUM 0: %v", docs)
	}
}

func TestSampleLeadingBlankLinesEmptyTags(t *testing.T) {
	f := parseSample(t, "ofxparse_ofx102_leading_blank_lines_empty_tags.ofx")
	if len(f.Statements) != 1 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	st := f.Statements[0]
	// CURDEF is empty: the transaction's CURRENCY/CURSYM (AUD) stands in.
	checkStatement(t, st, wantStatement{id: "0", number: "12345678", bank: "NPBS", currency: "AUD",
		from: "2018-05-06", to: "2018-08-04", closing: 0, entries: 1})
	// Twelve blank lines, nine header lines and one more: the body is
	// line 23. TRNTYPE "Credit", empty FITID, NAME and REFNUM, a
	// non-standard VALUEDATE.
	checkEntry(t, st.Entries[0], want{23, "", "2018-05-07", "2018-05-07", 1234, "AUD", true, "CREDIT", "CBA:Transfer", ""})
	if p := st.Entries[0].Payments(st.Account); len(p) != 1 || p[0].Amount != money.New(1234, "AUD") {
		t.Errorf("payments %+v", p)
	}
}

func TestSampleOFX211MultipleAccounts(t *testing.T) {
	f := parseSample(t, "ofxparse_ofx211_multiple_accounts.ofx")
	if len(f.Statements) != 2 || len(f.Issues) != 0 {
		t.Fatalf("%d statements, issues %v", len(f.Statements), f.Issues)
	}
	checkStatement(t, f.Statements[0], wantStatement{id: "1001", number: "9100", bank: "123", currency: "USD", closing: 11100})
	checkStatement(t, f.Statements[1], wantStatement{id: "1002", number: "9200", bank: "123", currency: "USD", closing: 22200})
}

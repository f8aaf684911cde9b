package ofx

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

// sgml wraps a STMTRS body in a minimal OFX 1.x file: the body starts
// on line 16, so trn's STMTTRN is line 17 and its leaves line 18.
func sgml(body string) string {
	return "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<TRNUID>7\n" +
		"<STMTRS>\n<CURDEF>EUR\n<BANKACCTFROM>\n<BANKID>30004\n<ACCTID>123\n</BANKACCTFROM>\n" +
		body + "\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n"
}

// trn is one STMTTRN with the given leaves.
func trn(leaves string) string {
	return "<BANKTRANLIST>\n<STMTTRN>\n" + leaves + "\n</STMTTRN>\n</BANKTRANLIST>"
}

func TestRules(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want want
	}{
		{"unclosed leaves", sgml(trn("<TRNTYPE>credit\n<DTPOSTED>20240131\n<TRNAMT>12.50\n<FITID>A1\n<NAME>Dupont\n<MEMO>Facture F-12")),
			want{17, "A1", "2024-01-31", "", 1250, "EUR", true, "CREDIT", "Dupont / Facture F-12", "Dupont"}},
		{"closed leaves", sgml(trn("<TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240131</DTPOSTED><TRNAMT>-3</TRNAMT><FITID>A2</FITID>")),
			want{17, "A2", "2024-01-31", "", 300, "EUR", false, "DEBIT", "", ""}},
		{"comma decimal and plus sign", sgml(trn("<DTPOSTED>20240131<TRNAMT>+1234,56<FITID>A3")),
			want{17, "A3", "2024-01-31", "", 123456, "EUR", true, "", "", ""}},
		{"sign wins over TRNTYPE", sgml(trn("<TRNTYPE>CREDIT<DTPOSTED>20240131<TRNAMT>-5.00<FITID>A4")),
			want{17, "A4", "2024-01-31", "", 500, "EUR", false, "CREDIT", "", ""}},
		{"zero amount is no credit", sgml(trn("<DTPOSTED>20240131<TRNAMT>0.00<FITID>A5")),
			want{17, "A5", "2024-01-31", "", 0, "EUR", false, "", "", ""}},
		{"date with time, fraction and zone", sgml(trn("<DTPOSTED>20240131235959.999[+14:LINT]<TRNAMT>1<FITID>A6")),
			want{17, "A6", "2024-01-31", "", 100, "EUR", true, "", "", ""}},
		{"date with negative fractional zone", sgml(trn("<DTPOSTED>20240229120000[-3.30:NST]<DTAVAIL>20240301<TRNAMT>1<FITID>A7")),
			want{17, "A7", "2024-02-29", "2024-03-01", 100, "EUR", true, "", "", ""}},
		{"REFNUM stands in for an empty FITID", sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID><REFNUM>R-9")),
			want{17, "R-9", "2024-01-31", "", 100, "EUR", true, "", "", ""}},
		{"PAYEE name when NAME is absent", sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID>A8<PAYEE><NAME>SARL Martin<ADDR1>1 rue<CITY>Lyon</PAYEE><MEMO>F-3")),
			want{17, "A8", "2024-01-31", "", 100, "EUR", true, "", "F-3", "SARL Martin"}},
		{"entities", sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID>A9<NAME>Dupont &amp; Fils &#233;&#xE8;<MEMO>a &lt;b&gt; &unknown; & c")),
			want{17, "A9", "2024-01-31", "", 100, "EUR", true, "", "Dupont & Fils éè / a <b> &unknown; & c", "Dupont & Fils éè"}},
		{"transaction currency", sgml(trn("<DTPOSTED>20240131<TRNAMT>10<FITID>B1<CURRENCY><CURRATE>1.1<CURSYM>USD</CURRENCY>")),
			want{17, "B1", "2024-01-31", "", 1000, "USD", true, "", "", ""}},
		{"currency written as a leaf", sgml(trn("<DTPOSTED>20240131<TRNAMT>10<CURRENCY>JPY<FITID>B2<NAME>X")),
			want{17, "B2", "2024-01-31", "", 10, "JPY", true, "", "X", "X"}},
		{"unknown empty tag does not hide the next leaves", sgml(trn("<DTPOSTED>20240131<TRNAMT>2<X.PROPRIETARY>\n<FITID>B3<NAME>Y")),
			want{17, "B3", "2024-01-31", "", 200, "EUR", true, "", "Y", "Y"}},
		{"comment and CDATA", sgml(trn("<!-- a <NAME>ghost -->\n<DTPOSTED>20240131<TRNAMT>2<FITID>B4<NAME><![CDATA[R&D <x>]]>")),
			want{17, "B4", "2024-01-31", "", 200, "EUR", true, "", "R&D <x>", "R&D <x>"}},
		{"literal less-than in a value", sgml(trn("<DTPOSTED>20240131<TRNAMT>2<FITID>B5<MEMO>a < 3 and <= 4")),
			want{17, "B5", "2024-01-31", "", 200, "EUR", true, "", "a < 3 and <= 4", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.in)
			if len(f.Issues) != 0 || len(f.Statements) != 1 || len(f.Statements[0].Entries) != 1 {
				t.Fatalf("issues %v, statements %+v", f.Issues, f.Statements)
			}
			checkEntry(t, f.Statements[0].Entries[0], tt.want)
		})
	}
}

func TestHeaderForms(t *testing.T) {
	body := "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>1<ACCTID>2</BANKACCTFROM>" +
		"<BANKTRANLIST><STMTTRN><DTPOSTED>20240105<TRNAMT>1.00<FITID>X</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>"
	for _, tt := range []struct{ name, in string }{
		{"header lines", "OFXHEADER:100\nDATA:OFXSGML\nCHARSET:1252\n\n" + body},
		{"header on one line", "OFXHEADER:100 DATA:OFXSGML VERSION:102 CHARSET:1252 " + body},
		{"blank lines and BOM before", "\uFEFF\r\n\r\n\nOFXHEADER:100\r\nDATA:OFXSGML\r\n" + body},
		{"lower-case header and tags", "ofxheader:100\ndata:ofxsgml\n" + strings.ToLower(body)},
		{"no header", body},
		{"XML 2.x", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<?OFX OFXHEADER="200" VERSION="220"?>` + "\n" + body},
		{"XML with self-closing tags", `<?xml version="1.0"?><?OFX OFXHEADER="200"?>` +
			strings.Replace(body, "<FITID>X", "<FITID>X<NAME/><MEMO/>", 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.in)
			if len(f.Issues) != 0 || len(f.Statements) != 1 || len(f.Statements[0].Entries) != 1 {
				t.Fatalf("issues %v, statements %+v", f.Issues, f.Statements)
			}
			e := f.Statements[0].Entries[0]
			if strings.ToUpper(e.Ref) != "X" || e.Amount.Minor != 100 || e.BookingDate != civil.D(2024, time.January, 5) {
				t.Errorf("entry %+v", e)
			}
		})
	}
}

func TestStatementShapes(t *testing.T) {
	t.Run("several lists add up, the period spans them", func(t *testing.T) {
		f := parseString(t, sgml("<BANKTRANLIST><DTSTART>20240110<DTEND>20240120<STMTTRN><DTPOSTED>20240111<TRNAMT>1<FITID>a</STMTTRN></BANKTRANLIST>"+
			"<BANKTRANLIST><DTSTART>20240105<DTEND>20240115<STMTTRN><DTPOSTED>20240106<TRNAMT>2<FITID>b</STMTTRN></BANKTRANLIST>"+
			"<LEDGERBAL><BALAMT>-12.30<DTASOF>20240120</LEDGERBAL>"))
		st := f.Statements[0]
		if len(st.Entries) != 2 || st.From != civil.D(2024, 1, 5) || st.To != civil.D(2024, 1, 20) ||
			st.Closing.Minor != -1230 || st.HasBalances || st.ID != "7" {
			t.Errorf("statement %+v", st)
		}
	})
	t.Run("credit card and IBAN account", func(t *testing.T) {
		f := parseString(t, "<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>9<CCSTMTRS><CURDEF>eur<CCACCTFROM><ACCTID>FR76 3000 4000 0312 3456 7890 143</CCACCTFROM>"+
			"<BANKTRANLIST><STMTTRN><DTPOSTED>20240105<TRNAMT>-9.99<FITID>c1<NAME>Shop<BANKACCTTO><BANKID>1<ACCTID>FR7630001007941234567890185</BANKACCTTO></STMTTRN></BANKTRANLIST>"+
			"</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>")
		st := f.Statements[0]
		if st.Account.IBAN != "FR7630004000031234567890143" || st.Currency != "EUR" || st.ID != "9" {
			t.Errorf("statement %+v", st)
		}
		tx := st.Entries[0].Transactions[0]
		if tx.Counterparty != "Shop" || tx.CounterpartyIBAN != "FR7630001007941234567890185" {
			t.Errorf("transaction %+v", tx)
		}
	})
	t.Run("several statement responses", func(t *testing.T) {
		one := "<STMTTRNRS><TRNUID>%s<STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>%s</BANKACCTFROM></STMTRS></STMTTRNRS>"
		f := parseString(t, "<OFX><BANKMSGSRSV1>"+strings.Replace(strings.Replace(one, "%s", "u1", 1), "%s", "A", 1)+
			strings.Replace(strings.Replace(one, "%s", "u2", 1), "%s", "B", 1)+"</BANKMSGSRSV1></OFX>")
		if len(f.Statements) != 2 || f.Statements[0].ID != "u1" || f.Statements[1].Account.Number != "B" {
			t.Errorf("statements %+v", f.Statements)
		}
	})
	t.Run("STMTTRN closed by its list, leaves closed", func(t *testing.T) {
		f := parseString(t, sgml("<BANKTRANLIST><STMTTRN><DTPOSTED>20240105</DTPOSTED><TRNAMT>1</TRNAMT><FITID>a</FITID>"+
			"<STMTTRN><DTPOSTED>20240106<TRNAMT>2<FITID>b</BANKTRANLIST>"))
		if n := len(f.Statements[0].Entries); n != 2 {
			t.Errorf("%d entries", n)
		}
	})
}

func TestCharsets(t *testing.T) {
	memo := func(b []byte) string {
		f, err := Parse(context.Background(), bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return f.Encoding + ": " + f.Statements[0].Entries[0].Text
	}
	base := sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID>a<MEMO>@"))
	cp1252 := []byte(strings.Replace(base, "@", "Caf\xe9 \x80 \x96 \x9c", 1))
	if got := memo(cp1252); got != "Windows-1252: Café € – œ" {
		t.Errorf("cp1252 body: %q", got)
	}
	utf8 := []byte(strings.Replace(base, "@", "Café € – œ", 1))
	if got := memo(utf8); got != "UTF-8: Café € – œ" {
		t.Errorf("UTF-8 body under CHARSET:1252: %q", got)
	}
	latin9 := []byte(strings.Replace(strings.Replace(base, "CHARSET:1252", "CHARSET:ISO-8859-15", 1), "@", "Caf\xe9 \xa4", 1))
	if got := memo(latin9); got != "ISO-8859-15: Café €" {
		t.Errorf("ISO-8859-15 body: %q", got)
	}
}

func TestIssues(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      string
		entries int
		issues  []string
		line    int
		column  string
		value   string
	}{
		{"bad date", sgml(trn("<DTPOSTED>2024-01-31<TRNAMT>1<FITID>a")), 0, []string{keyDate}, 18, "DTPOSTED", "2024-01-31"},
		{"impossible date", sgml(trn("<DTPOSTED>20240230<TRNAMT>1<FITID>a")), 0, []string{keyDate}, 18, "DTPOSTED", "20240230"},
		{"missing date", sgml(trn("<TRNAMT>1<FITID>a")), 0, []string{keyMissingDate}, 17, "DTPOSTED", ""},
		{"bad amount", sgml(trn("<DTPOSTED>20240131<TRNAMT>12a<FITID>a")), 0, []string{keyAmount}, 18, "TRNAMT", "12a"},
		{"too many decimals", sgml(trn("<DTPOSTED>20240131<TRNAMT>1.234<FITID>a")), 0, []string{keyAmountDecimals}, 18, "TRNAMT", "1.234"},
		{"amount too large", sgml(trn("<DTPOSTED>20240131<TRNAMT>99999999999999999999<FITID>a")), 0, []string{keyAmountTooLarge}, 18, "TRNAMT", "99999999999999999999"},
		{"missing amount", sgml(trn("<DTPOSTED>20240131<TRNAMT><FITID>a")), 0, []string{keyMissingAmount}, 17, "TRNAMT", ""},
		{"bad value date kept", sgml(trn("<DTPOSTED>20240131<DTAVAIL>31/01/2024<TRNAMT>1<FITID>a")), 1, []string{keyDate}, 18, "DTAVAIL", "31/01/2024"},
		{"bad CURDEF", strings.Replace(sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID>a")), "<CURDEF>EUR", "<CURDEF>EURO", 1), 1, []string{keyCurrency}, 11, "CURDEF", "EURO"},
		{"bad CURSYM", sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID>a<CURRENCY><CURSYM>$$</CURRENCY>")), 1, []string{keyCurrency}, 18, "CURSYM", "$$"},
		{"bad balance", sgml("<LEDGERBAL><BALAMT>n/a<DTASOF>20240131</LEDGERBAL>"), 0, []string{keyBalance}, 16, "BALAMT", "n/a"},
		{"transaction outside a statement", "<OFX><BANKMSGSRSV1><STMTTRN><DTPOSTED>20240131<TRNAMT>1</STMTTRN></BANKMSGSRSV1></OFX>", 0,
			[]string{keyOutside, keyNoStatement}, 1, "STMTTRN", ""},
		{"no statement", "OFXHEADER:100\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</STATUS></SONRS></SIGNONMSGSRSV1></OFX>", 0,
			[]string{keyNoStatement}, 3, "OFX", ""},
		{"truncated", strings.TrimSuffix(sgml(trn("<DTPOSTED>20240131<TRNAMT>1<FITID>a")), "</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n"), 1,
			[]string{keyTruncated}, 21, "OFX", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.in)
			if got := issueKeys(f); strings.Join(got, ",") != strings.Join(tt.issues, ",") {
				t.Fatalf("issues %v, want %v", f.Issues, tt.issues)
			}
			is := f.Issues[0]
			if is.Line != tt.line || is.Column != tt.column || is.Value != tt.value {
				t.Errorf("issue %+v, want line %d column %q value %q", is, tt.line, tt.column, tt.value)
			}
			n := 0
			for _, st := range f.Statements {
				n += len(st.Entries)
			}
			if n != tt.entries {
				t.Errorf("%d entries, want %d", n, tt.entries)
			}
		})
	}
}

func TestTooDeepAndTooManyIssues(t *testing.T) {
	deep := "<OFX>" + strings.Repeat("<X>\n", MaxDepth+5) + "</OFX>"
	f := parseString(t, deep)
	if got := issueKeys(f); len(got) != 2 || got[0] != keyTooDeep || got[1] != keyNoStatement {
		t.Errorf("issues %v", f.Issues)
	}
	many := sgml("<BANKTRANLIST>" + strings.Repeat("<STMTTRN><DTPOSTED>x<TRNAMT>1</STMTTRN>\n", MaxIssues+10) + "</BANKTRANLIST>")
	f = parseString(t, many)
	if n := len(f.Issues); n != MaxIssues+1 || f.Issues[MaxIssues].Key != keyTooManyIssues {
		t.Errorf("%d issues, last %+v", n, f.Issues[n-1])
	}
}

func TestFatal(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   io.Reader
		key  string
	}{
		{"empty", strings.NewReader(""), keyNotOFX},
		{"CSV", strings.NewReader("Date;Montant\n01/01/2024;12,00\n"), keyNotOFX},
		{"header but no OFX root", strings.NewReader("OFXHEADER:100\nDATA:OFXSGML\n<FOO>bar"), keyNotOFX},
		{"too large", io.MultiReader(strings.NewReader("OFXHEADER:100\n<OFX>"), bytes.NewReader(make([]byte, MaxInputBytes))), keyTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(context.Background(), tt.in)
			if fatalKey(err) != tt.key {
				t.Errorf("error %v, want key %s", err, tt.key)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, strings.NewReader(sgml(""))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		"OFXHEADER:100\nDATA:OFXSGML":                              true,
		"\n\n  ofxheader:100":                                      true,
		"\uFEFF<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?>": true,
		"<OFX><SIGNONMSGSRSV1>":                                    true,
		"<?xml version=\"1.0\"?><Document>":                        false,
		"0115589    00000EUR2 98765432100":                         false,
		"Date;Libellé;Montant":                                     false,
		"":                                                         false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %v", in, got)
		}
	}
}

// TestLinearWork: broken markup repeated over megabytes reads in linear
// time (no search to the end of the file per tag).
func TestLinearWork(t *testing.T) {
	for _, unit := range []string{"<A", "</A", "<A>x", "a<", "<!--", "<?x", "&amp;", "\r\r", "<STMTTRN>"} {
		in := "<OFX>" + strings.Repeat(unit, (1<<20)/len(unit))
		start := time.Now()
		if _, err := Parse(context.Background(), strings.NewReader(in)); err != nil && fatalKey(err) == "" {
			t.Fatalf("%q: %v", unit, err)
		}
		d := time.Since(start)
		// A search to the end of the file per tag would take minutes here.
		if d > 10*time.Second {
			t.Errorf("%q × 1 MB: %v", unit, d)
		}
	}
}

package cfonb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

const acct = "00012345678"

func TestParseAmount(t *testing.T) {
	for _, tt := range []struct {
		zone     string
		decimals int
		currency money.Currency
		minor    int64
		key      string
	}{
		{"0000000000322J", 2, "EUR", -3221, ""},
		{"0000000000974I", 2, "EUR", 9749, ""},
		{"0000000000000{", 2, "EUR", 0, ""},
		{"0000000000000}", 2, "EUR", 0, ""},
		{"0000000001904}", 2, "EUR", -19040, ""},
		{"0000000000001A", 2, "EUR", 11, ""},
		{"0000000000001R", 2, "EUR", -19, ""},
		{"0000000000012E", 0, "EUR", 12500, ""},      // no decimals in the file
		{"0000000001250{", 3, "EUR", 1250, ""},       // 12.500
		{"0000000000125E", 3, "EUR", 0, keyDecimals}, // 1.255 in cents
		{"0000000001000{", 0, "JPY", 10000, ""},
		{"0000000000100{", 3, "TND", 1000, ""},
		{"     000000322J", 2, "EUR", -3221, ""}, // blanks around: lenient
		{"000000322J    ", 2, "EUR", -3221, ""},
		{"0000001000000{", 6, "EUR", 1000, ""},
		{"0000001000001{", 6, "EUR", 0, keyDecimals},
		{"9999999999999I", 0, "TND", 99999999999999000, ""},
		{"00000000003 2J", 2, "EUR", 0, keyAmount},
		{"0000000000322X", 2, "EUR", 0, keyAmount},
		{"00000000003221", 2, "EUR", 0, keyAmount}, // no sign character
		{"              ", 2, "EUR", 0, keyAmount},
	} {
		a, key := parseAmount(tt.zone, tt.decimals, tt.currency)
		if key != tt.key || key == "" && a != money.New(tt.minor, tt.currency) {
			t.Errorf("parseAmount(%q, %d, %s) = %v, %q; want %d, %q", tt.zone, tt.decimals, tt.currency, a, key, tt.minor, tt.key)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		zone      string
		want      civil.Date
		blank, ok bool
	}{
		{"310124", civil.D(2024, time.January, 31), false, true},
		{"290224", civil.D(2024, time.February, 29), false, true},
		{"290223", civil.Date{}, false, false},
		{"311299", civil.D(1999, time.December, 31), false, true},
		{"010170", civil.D(1970, time.January, 1), false, true},
		{"311269", civil.D(2069, time.December, 31), false, true},
		{"000000", civil.Date{}, true, false},
		{"      ", civil.Date{}, true, false},
		{"3101 4", civil.Date{}, false, false},
		{"320124", civil.Date{}, false, false},
	} {
		d, blank, ok := parseDate(tt.zone)
		if d != tt.want || blank != tt.blank || ok != tt.ok {
			t.Errorf("parseDate(%q) = %v %v %v", tt.zone, d, blank, ok)
		}
	}
}

func TestFrenchIBAN(t *testing.T) {
	for _, tt := range []struct{ bank, branch, account, want string }{
		{"30004", "00820", "0001234567A", "FR7030004008200001234567A85"}, // letters in the account
		{"15589", "00000", "98765432100", "FR7615589000009876543210088"},
		{"00000", "00000", "99999999999", ""}, // no bank
		{"3000", "00820", "00012345678", ""},
		{"30004", "0082", "00012345678", ""},
		{"30004", "00820", "0001234567", ""},
		{"30004", "00820", "0001234567a", ""},
	} {
		if got := frenchIBAN(tt.bank, tt.branch, tt.account); got != tt.want {
			t.Errorf("frenchIBAN(%s, %s, %s) = %q, want %q", tt.bank, tt.branch, tt.account, got, tt.want)
		}
	}
}

// simple is a statement with one operation: 12.34 opening (…0123D), a
// debit of 1.23 (…0012L), 11.11 closing (…0111A).
func simple(sep string) string {
	return strings.Join([]string{
		oldBalance(acct, "300124", "0000000000123D"),
		op(acct, "310124", "310124", "PRLV SEPA EDF", "0000000000012L", "REF-1"),
		newBalance(acct, "310124", "0000000000111A"),
	}, sep)
}

func TestLayouts(t *testing.T) {
	trimmed := func(s string) string { return strings.TrimRight(s, " ") }
	for _, tt := range []struct {
		name string
		in   string
		line int // the operation's line
	}{
		{"LF", simple("\n") + "\n", 2},
		{"CRLF without final newline", simple("\r\n"), 2},
		{"CR CR LF", simple("\r\r\n") + "\r\r\n", 2},
		{"lone CR", simple("\r"), 2},
		{"blank lines", "\n   \n" + simple("\n\n") + "\n\n\n", 5},
		{"trailing blanks trimmed", strings.Join([]string{
			trimmed(oldBalance(acct, "300124", "0000000000123D")),
			trimmed(op(acct, "310124", "310124", "PRLV SEPA EDF", "0000000000012L", "REF-1")),
			trimmed(newBalance(acct, "310124", "0000000000111A")),
		}, "\n"), 2},
		{"no line breaks", simple(""), 1},
		{"blank excess", strings.ReplaceAll(simple("\n"), "\n", "      \n"), 2},
		{"DOS end of file", simple("\r\n") + "\r\n\x1a", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.in)
			if len(f.Issues) != 0 || len(f.Statements) != 1 {
				t.Fatalf("issues %v, %d statements", f.Issues, len(f.Statements))
			}
			st := f.Statements[0]
			if !st.HasBalances || st.Opening.Minor != 1234 || st.Closing.Minor != 1111 || len(st.Entries) != 1 ||
				st.Account.Number != "3000400820"+acct || st.Account.IBAN != frenchIBAN("30004", "00820", acct) {
				t.Fatalf("statement %+v", st)
			}
			checkEntry(t, st.Entries[0], want{tt.line, "REF-1", "2024-01-31", "2024-01-31", 123, false, "0117", "PRLV SEPA EDF", ""})
		})
	}
}

// withDetails is one operation of amount, followed by its 05 records, in
// a statement that opens at zero.
func withDetails(amount string, details ...string) string {
	recs := []string{oldBalance(acct, "300124", "0000000000000{"), op(acct, "310124", "      ", "VIR SEPA", amount, "")}
	recs = append(recs, details...)
	return file(append(recs, newBalance(acct, "310124", amount))...)
}

func TestDetails(t *testing.T) {
	for _, tt := range []struct {
		name         string
		amount       string
		details      []string
		text         string
		counterparty string
		check        func(t *testing.T, f string)
	}{
		{"credit: the payer", "0000000000010{", []string{detail(acct, "NBE", "MA SOCIETE"), detail(acct, "NPY", "DUPONT JEAN")},
			"VIR SEPA", "DUPONT JEAN", nil},
		{"debit: the beneficiary", "0000000000010}", []string{detail(acct, "NPY", "MA SOCIETE"), detail(acct, "NBE", "EDF")},
			"VIR SEPA", "EDF", nil},
		{"the only name given", "0000000000010}", []string{detail(acct, "NPY", "INTERNET SFR")}, "VIR SEPA", "INTERNET SFR", nil},
		{"ultimate payer when no payer", "0000000000010{", []string{detail(acct, "NPO", "FILIALE SA")}, "VIR SEPA", "FILIALE SA", nil},
		{"LIB, unknown and empty qualifiers add text", "0000000000000{", []string{
			detail(acct, "LIB", "FACTURE F-2024-001"), detail(acct, "", ""), detail(acct, "ZZZ", "AUTRE"), detail(acct, "MMO", "USD 12,00"),
		}, "VIR SEPA / FACTURE F-2024-001 / AUTRE / USD 12,00", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, withDetails(tt.amount, tt.details...))
			if len(f.Issues) != 0 {
				t.Fatalf("issues %v", f.Issues)
			}
			e := f.Statements[0].Entries[0]
			cp := ""
			if len(e.Transactions) > 0 {
				cp = e.Transactions[0].Counterparty
			}
			if e.Text != tt.text || cp != tt.counterparty {
				t.Errorf("text %q, counterparty %q", e.Text, cp)
			}
		})
	}
	t.Run("references and remittance", func(t *testing.T) {
		rcn := detail(acct, "RCN", "E2E-123")
		rcnRec := []byte(rcn)
		put(rcnRec, 84, "SALA")
		lcc := strings.Repeat("X", 60) + "FACTURE " + "F1"
		f := parseString(t, withDetails("0000000000010{",
			detail(acct, "REF", "BANKREF42"), string(rcnRec), detail(acct, "LCC", lcc), detail(acct, "LC2", "23 ET F124"),
			detail(acct, "LCS", "RF18539007547034"), detail(acct, "LCC", "SECOND")))
		if len(f.Issues) != 0 {
			t.Fatalf("issues %v", f.Issues)
		}
		e := f.Statements[0].Entries[0]
		tx := e.Transactions[0]
		if tx.AcctSvcrRef != "BANKREF42" || tx.EndToEndID != "E2E-123" || e.Text != "VIR SEPA / SALA" ||
			len(tx.Unstructured) != 2 || tx.Unstructured[0] != lcc+"23 ET F124" || tx.Unstructured[1] != "SECOND" ||
			len(tx.CreditorRefs) != 1 || tx.CreditorRefs[0] != "RF18539007547034" {
			t.Errorf("entry %+v", e)
		}
		if p := e.Payments(f.Statements[0].Account); len(p) != 1 || !strings.Contains(p[0].Key, "|C|tx:BANKREF42|") {
			t.Errorf("payments %+v", p)
		}
	})
	t.Run("rejection code makes a reversal", func(t *testing.T) {
		rec := []byte(op(acct, "310124", "310124", "RETOUR PRLV", "0000000000010{", ""))
		put(rec, 41, "AM")
		f := parseString(t, file(oldBalance(acct, "300124", "0000000000000{"), string(rec), newBalance(acct, "310124", "0000000000010{")))
		if e := f.Statements[0].Entries[0]; !e.Reversal || !e.Credit || e.Amount.Minor != 100 {
			t.Errorf("entry %+v", e)
		}
	})
	t.Run("blank currency is EUR, blank decimals the currency's", func(t *testing.T) {
		rec := []byte(op(acct, "310124", "310124", "X", "0000000000010{", ""))
		put(rec, 17, "    ")
		f := parseString(t, file(oldBalance(acct, "300124", "0000000000000{"), string(rec), newBalance(acct, "310124", "0000000000010{")))
		if e := f.Statements[0].Entries[0]; e.Amount != money.EUR(100) || len(f.Issues) != 0 {
			t.Errorf("entry %+v, issues %v", e, f.Issues)
		}
	})
}

func TestIssues(t *testing.T) {
	opening := oldBalance(acct, "300124", "0000000000000{")
	closing := newBalance(acct, "310124", "0000000000000{")
	good := op(acct, "310124", "310124", "OK", "0000000000000{", "")
	with := func(code string, pos int, s string) string {
		rec := []byte(good)
		if code != "" {
			put(rec, 1, code)
		}
		put(rec, pos, s)
		return string(rec)
	}
	for _, tt := range []struct {
		name    string
		in      string
		issues  []string
		line    int
		column  string
		value   string
		entries int
	}{
		{"unknown record", file(opening, with("03", 1, "03"), closing), []string{keyRecordCode}, 2, "1-2", "03", 0},
		{"line too short", file(opening, good[:90], closing), []string{keyLength}, 2, "", good[:90], 0},
		{"line too long", file(opening, good+"XYZ", closing), []string{keyLength}, 2, "", good + "XYZ", 0},
		{"bad booking date", file(opening, with("", 35, "310299"), closing), []string{keyDate}, 2, "35-40", "310299", 0},
		{"bad value date, entry kept", file(opening, with("", 43, "AB0124"), closing), []string{keyDate}, 2, "43-48", "AB0124", 1},
		{"bad amount", file(opening, with("", 91, "00000000000001"), closing), []string{keyAmount}, 2, "91-104", "00000000000001", 0},
		{"bad decimals", file(opening, with("", 20, "X"), closing), []string{keyDecimals}, 2, "20", "X", 0},
		{"bad currency", file(opening, with("", 17, "E1R"), closing), []string{keyCurrency}, 2, "17-19", "E1R", 0},
		{"operation of another account", file(opening, op("00099999999", "310124", "", "X", "0000000000000{", ""), closing),
			[]string{keyAccountMismatch}, 2, "22-32", "00099999999", 0},
		{"operation outside a statement", file(opening, closing, good), []string{keyOperationOutside}, 3, "1-2", "04", 0},
		{"closing without opening", file(closing), []string{keyClosingOutside}, 1, "1-2", "07", 0},
		{"closing of another account", file(opening, newBalance("00099999999", "310124", "0000000000000{")),
			[]string{keyAccountMismatch, keyUnclosedAtEnd}, 2, "22-32", "00099999999", 0},
		{"detail without operation", file(opening, detail(acct, "LIB", "X"), closing), []string{keyDetailWithoutOp}, 2, "1-2", "05", 0},
		{"details of a refused operation are silent", file(opening, with("", 35, "999999"), detail(acct, "LIB", "X"), closing),
			[]string{keyDate}, 2, "35-40", "999999", 0},
		{"new statement before the end", file(opening, good, opening, closing), []string{keyNotClosed}, 3, "1-2", "01", 1},
		{"end of file before 07", file(opening, good), []string{keyUnclosedAtEnd}, 2, "", "", 1},
		{"closing in another currency", file(opening, good, string(func() []byte {
			rec := []byte(closing)
			put(rec, 17, "USD")
			return rec
		}())), []string{keyCurrencyMismatch}, 3, "17-19", "USD", 1},
		{"balances do not add up", file(opening, good, newBalance(acct, "310124", "0000000000001A")),
			[]string{keyBalanceMismatch}, 3, "91-104", "0000000000001A", 1},
		{"no balance check after a refused operation", file(opening, with("", 91, "X"), newBalance(acct, "310124", "0000000000001A")),
			[]string{keyAmount}, 2, "91-104", "X000000000000{", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.in)
			if got := strings.Join(issueKeys(f), ","); got != strings.Join(tt.issues, ",") {
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

func TestTooManyIssues(t *testing.T) {
	bad := op(acct, "999999", "", "X", "0000000000000{", "")
	f := parseString(t, oldBalance(acct, "300124", "0000000000000{")+"\n"+strings.Repeat(bad+"\n", MaxIssues+5))
	if n := len(f.Issues); n != MaxIssues+1 || f.Issues[MaxIssues].Key != keyTooManyIssues {
		t.Errorf("%d issues", n)
	}
}

func TestFatal(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   io.Reader
		key  string
	}{
		{"empty", strings.NewReader(""), keyNotCFONB},
		{"blank", strings.NewReader("\n \r\n"), keyNotCFONB},
		{"CSV", strings.NewReader("Date;Libellé;Montant\n01/04/20;X;12,00\n"), keyNotCFONB},
		{"OFX", strings.NewReader("OFXHEADER:100\nDATA:OFXSGML\n"), keyNotCFONB},
		{"short first record", strings.NewReader("0130004"), keyNotCFONB},
		{"too large", io.MultiReader(strings.NewReader(simple("\n")), bytes.NewReader(make([]byte, MaxInputBytes))), keyTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(context.Background(), tt.in); fatalKey(err) != tt.key {
				t.Errorf("error %v, want key %s", err, tt.key)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	long := strings.Repeat(simple("\n")+"\n", 500)
	if _, err := Parse(ctx, strings.NewReader(long)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		simple("\n"):            true,
		"\n\n" + simple("\r\n"): true,
		simple(""):              true,
		op(acct, "310124", "", "X", "0000000000000{", ""):            true,
		"Date;Libellé;Montant\n":                                     false,
		"OFXHEADER:100\n":                                            false,
		"01/04/2020,LABEL,12.00,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,": false,
		"": false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%.40q) = %v", in, got)
		}
	}
}

// TestManyRecordsOnOneLine: a big file without line breaks is read record
// by record.
func TestManyRecordsOnOneLine(t *testing.T) {
	var b strings.Builder // 60 000 records, 7.2 MB, one line
	for i := range 20000 {
		b.WriteString(strings.Replace(simple(""), "REF-1", fmt.Sprintf("%05d", i), 1))
	}
	in := b.String()
	start := time.Now()
	f := parseString(t, in)
	if len(f.Statements) != 20000 || len(f.Issues) != 0 || f.Statements[19999].Entries[0].Line != 1 {
		t.Fatalf("%d statements, %d issues", len(f.Statements), len(f.Issues))
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("%v", d)
	}
}

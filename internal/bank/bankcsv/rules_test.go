package bankcsv

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// one parses s and returns its only entry.
func one(t *testing.T, s string, opts Options) statement.Entry {
	t.Helper()
	f := parseString(t, s, opts)
	if len(f.Issues) != 0 || len(entries(f)) != 1 {
		t.Fatalf("issues %v, entries %+v", f.Issues, entries(f))
	}
	return entries(f)[0]
}

func TestAmounts(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     string
		minor  int64
		credit bool
	}{
		{"decimal comma, semicolons", "Date;Libellé;Montant\n31/01/2024;Facture F-1;1 234,56\n", 123456, true},
		{"quoted decimal comma, commas", "Date,Libellé,Montant\n31/01/2024,X,\"-50,00\"\n", 5000, false},
		{"French no-break spaces and euro sign", "Date;Libellé;Montant\n31/01/2024;X;-1\u202f234,50\u00a0€\n", 123450, false},
		{"US thousands", "Date,Label,Amount\n31/01/2024,X,\"1,058.09\"\n", 105809, true},
		{"trailing minus", "Date;Libellé;Montant\n31/01/2024;X;12,00-\n", 1200, false},
		{"parentheses", "Date;Libellé;Montant\n31/01/2024;X;(12,00)\n", 1200, false},
		{"negative debit", "Date;Libellé;Débit;Crédit\n31/01/2024;X;-50,00;\n", 5000, false},
		{"positive debit", "Date;Libellé;Débit;Crédit\n31/01/2024;X;50,00;\n", 5000, false},
		{"the credit column decides, whatever the sign", "Date;Libellé;Débit;Crédit\n31/01/2024;X;;-7,00\n", 700, true},
		{"a zero debit beside a credit", "Date;Libellé;Débit;Crédit\n31/01/2024;X;0,00;7,00\n", 700, true},
		{"zero is kept, as a debit", "Date;Libellé;Débit;Crédit\n31/01/2024;X;0,00;0,00\n", 0, false},
		{"D/C indicator D on a positive amount", "Date;Libellé;Montant;Sens\n31/01/2024;X;12,00;D\n", 1200, false},
		{"D/C indicator C on a negative amount", "Date;Libellé;Montant;Sens\n31/01/2024;X;-12,00;C\n", 1200, true},
		{"indicator in words", "Date;Libellé;Montant;Sens\n31/01/2024;X;12,00;Crédit\n", 1200, true},
		{"indicator DBIT", "Date;Libellé;Montant;D/C\n31/01/2024;X;12,00;DBIT\n", 1200, false},
		{"indicator +", "Date;Libellé;Montant;Sens\n31/01/2024;X;-12,00;+\n", 1200, true},
		{"empty indicator: the sign", "Date;Libellé;Montant;Sens\n31/01/2024;X;-12,00;\n", 1200, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := one(t, tt.in, Options{})
			if e.Amount != money.EUR(tt.minor) || e.Credit != tt.credit {
				t.Errorf("amount %v credit %v", e.Amount, e.Credit)
			}
		})
	}
}

func TestDates(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     string
		format string
		want   civil.Date
	}{
		{"dd/mm/yy by default", "01/04/20", "", civil.D(2020, 4, 1)},
		{"dd/mm/yy hinted", "01/04/20", "DD/MM/YY", civil.D(2020, 4, 1)},
		{"US hinted", "04/01/2020", "MM/DD/YYYY", civil.D(2020, 4, 1)},
		{"US, single digits", "9/4/2018", "MM/DD/YYYY", civil.D(2018, 9, 4)},
		{"ISO whatever the hint", "2024-01-31", "DD/MM/YYYY", civil.D(2024, 1, 31)},
		{"ISO with a time", "2024-01-31T10:00:00Z", "", civil.D(2024, 1, 31)},
		{"compact", "20240131", "", civil.D(2024, 1, 31)},
		{"dots", "31.01.2024", "", civil.D(2024, 1, 31)},
		{"dashes and a time", "31-01-2024 10:22:00", "", civil.D(2024, 1, 31)},
		{"two-digit year 70 is 1970", "01/01/70", "", civil.D(1970, 1, 1)},
		{"year first hinted", "24/01/31", "YYYY-MM-DD", civil.D(2024, 1, 31)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := Mapping{Columns: map[Field]string{FieldBookingDate: "Date", FieldAmount: "Montant"}, DateFormat: tt.format}
			e := one(t, "Date;Montant\n"+tt.in+";1\n", Options{Mapping: &m})
			if e.BookingDate != tt.want {
				t.Errorf("%s read as %s", tt.in, e.BookingDate)
			}
		})
	}
}

func TestDateOrderFromTheFile(t *testing.T) {
	f := parseString(t, "Date;Montant\n01/02/2018;1\n12/15/2018;2\n", Options{})
	if e := entries(f); len(e) != 2 || e[0].BookingDate != civil.D(2018, 1, 2) || e[1].BookingDate != civil.D(2018, 12, 15) {
		t.Errorf("month first: %+v", e)
	}
	f = parseString(t, "Date;Montant\n01/02/2018;1\n15/12/2018;2\n", Options{})
	if e := entries(f); len(e) != 2 || e[0].BookingDate != civil.D(2018, 2, 1) {
		t.Errorf("day first: %+v", e)
	}
	// Both orders appear: day first, and the others are reported.
	f = parseString(t, "Date;Montant\n13/01/2018;1\n01/13/2018;2\n", Options{})
	if len(entries(f)) != 1 || strings.Join(issueKeys(f), ",") != keyDateOrder {
		t.Errorf("mixed: %+v %v", entries(f), f.Issues)
	}
	// The value date counts too.
	f = parseString(t, "Date;Date valeur;Montant\n01/02/2018;01/13/2018;1\n", Options{})
	if e := entries(f); len(e) != 1 || e[0].BookingDate != civil.D(2018, 1, 2) || e[0].ValueDate != civil.D(2018, 1, 13) {
		t.Errorf("value date: %+v", e)
	}
}

func TestLayout(t *testing.T) {
	t.Run("preamble, balances, totals, repeated header, titles", func(t *testing.T) {
		in := "Relevé de compte\n" +
			"Titulaire : SARL Martin\n" +
			"IBAN : FR76 3000 4008 2000 0123 4567 864\n" +
			"Devise : EUR\n" +
			"Solde au début de période;;;100,00\n" +
			"\n" +
			"Date;Libellé;Débit;Crédit\n" + // line 7
			"Opérations de janvier;;;\n" +
			"02/01/2024;VIR DUPONT;;50,00\n" + // line 9
			"Date;Libellé;Débit;Crédit\n" +
			"03/01/2024;PRLV EDF;-20,00;\n" + // line 11
			";;;\n" +
			"Total;;-20,00;50,00\n" +
			"Solde en fin de période;;;130,00\n"
		f := parseString(t, in, Options{})
		if len(f.Issues) != 0 || len(f.Statements) != 1 {
			t.Fatalf("issues %v, statements %+v", f.Issues, f.Statements)
		}
		st := f.Statements[0]
		if st.Account.IBAN != "FR7630004008200001234567864" || st.Account.Owner != "SARL Martin" || !st.HasBalances ||
			st.Opening != money.EUR(10000) || st.Closing != money.EUR(13000) || len(st.Entries) != 2 {
			t.Fatalf("statement %+v", st)
		}
		checkEntry(t, st.Entries[0], want{9, "", "2024-01-02", 5000, true, "VIR DUPONT", ""})
		checkEntry(t, st.Entries[1], want{11, "", "2024-01-03", 2000, false, "PRLV EDF", ""})
	})
	t.Run("line ends and quoted line breaks", func(t *testing.T) {
		for _, sep := range []string{"\n", "\r\n", "\r", "\r\r\n"} {
			in := strings.ReplaceAll("Date;Libellé;Montant\n31/01/2024;\"sur\ndeux lignes\";1\n01/02/2024;X;2", "\n", sep)
			f := parseString(t, in, Options{})
			e := entries(f)
			if len(e) != 2 || e[0].Line != 2 || e[0].Text != "sur\ndeux lignes" || e[1].Line != 4 {
				t.Errorf("%q: %+v", sep, e)
			}
		}
	})
	t.Run("sep directive and BOM", func(t *testing.T) {
		e := one(t, "\uFEFFsep=|\nDate|Montant\n31/01/2024|1,5\n", Options{})
		if e.Line != 3 || e.Amount != money.EUR(150) {
			t.Errorf("%+v", e)
		}
	})
	t.Run("Windows-1252", func(t *testing.T) {
		f := parseBytes(t, []byte("Date;Libell\xe9;Montant\n31/01/2024;Caf\xe9 \x80;1\n"), Options{})
		if f.Encoding != "Windows-1252" || entries(f)[0].Text != "Café €" {
			t.Errorf("%q %+v", f.Encoding, entries(f))
		}
	})
	t.Run("tabs", func(t *testing.T) {
		if e := one(t, "Date\tLibellé\tMontant\n31/01/2024\tA;B\t1,00\n", Options{}); e.Text != "A;B" {
			t.Errorf("%+v", e)
		}
	})
}

func TestOptions(t *testing.T) {
	t.Run("header line, delimiter, encoding", func(t *testing.T) {
		in := "Date;Montant\nx;y\nJour,Somme\n31/01/2024,\"1,00\"\n"
		m := Mapping{Columns: map[Field]string{FieldBookingDate: "Jour", FieldAmount: "Somme"}}
		e := one(t, in, Options{HeaderLine: 3, Delimiter: ",", Encoding: "ISO-8859-15", Mapping: &m})
		if e.Line != 4 || e.Amount != money.EUR(100) {
			t.Errorf("%+v", e)
		}
	})
	t.Run("currencies", func(t *testing.T) {
		in := "Devise : CHF\nDate;Montant;Devise\n31/01/2024;1;\n31/01/2024;2;€\n31/01/2024;3;usd\n"
		f := parseString(t, in, Options{})
		if len(f.Statements) != 3 || f.Statements[0].Currency != "CHF" || f.Statements[1].Currency != "EUR" || f.Statements[2].Currency != "USD" {
			t.Errorf("%+v", f.Statements)
		}
		f = parseString(t, in, Options{Currency: "GBP"})
		if f.Statements[0].Currency != "GBP" {
			t.Errorf("%+v", f.Statements)
		}
		m := Mapping{Columns: map[Field]string{FieldBookingDate: "Date", FieldAmount: "Montant"}, Currency: "JPY"}
		f = parseString(t, in, Options{Currency: "GBP", Mapping: &m})
		if len(f.Statements) != 1 || f.Statements[0].Currency != "JPY" || f.Statements[0].Entries[0].Amount != money.New(1, "JPY") {
			t.Errorf("%+v", f.Statements)
		}
	})
	t.Run("account", func(t *testing.T) {
		in := "Numéro de compte : 12345678901\nCode banque : 30004\nDate;Montant\n31/01/2024;1\n"
		f := parseString(t, in, Options{})
		if a := f.Statements[0].Account; a.Number != "12345678901" || a.BankCode != "30004" {
			t.Errorf("%+v", a)
		}
		f = parseString(t, in, Options{Account: statement.Account{IBAN: "FR7630004008200001234567864", Number: "X"}})
		if a := f.Statements[0].Account; a.Number != "X" || a.BankCode != "30004" || a.IBAN != "FR7630004008200001234567864" {
			t.Errorf("%+v", a)
		}
	})
	t.Run("counterparty, its IBAN, reference, document", func(t *testing.T) {
		e := one(t, "Date;Montant;Tiers;IBAN du tiers;Référence;N° facture;Détail\n31/01/2024;10;DUPONT SA;fr76 3000 4008 2000 0123 4567 864;VIR-1;F-2024-12;Acompte\n", Options{})
		tx := e.Transactions[0]
		if e.Ref != "VIR-1" || e.Text != "Acompte" || tx.Counterparty != "DUPONT SA" || tx.CounterpartyIBAN != "FR7630004008200001234567864" ||
			len(tx.DocumentNumbers) != 1 || tx.DocumentNumbers[0] != "F-2024-12" {
			t.Errorf("%+v", e)
		}
	})
}

func TestIssues(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      string
		format  string
		issues  []string
		line    int
		column  string
		value   string
		entries int
	}{
		{"bad date", "Date;Montant\n32/01/2024;1\n", "", []string{keyDate}, 2, "Date", "32/01/2024", 0},
		{"US date under a French hint", "Date;Montant\n12/15/2018;1\n", "DD/MM/YYYY", []string{keyDateOrder}, 2, "Date", "12/15/2018", 0},
		{"amount without a date", "Date;Montant\n;1\n", "", []string{keyMissingDate}, 2, "Date", "", 0},
		{"bad amount", "Date;Montant\n31/01/2024;12,3,4\n", "", []string{keyAmount}, 2, "Montant", "12,3,4", 0},
		{"too many decimals", "Date;Montant\n31/01/2024;1,234\n", "", []string{keyAmountDecimals}, 2, "Montant", "1,234", 0},
		{"amount too large", "Date;Montant\n31/01/2024;99999999999999999999\n", "", []string{keyAmountTooLarge}, 2, "Montant", "99999999999999999999", 0},
		{"no amount", "Date;Libellé;Débit;Crédit\n31/01/2024;X;;\n", "", []string{keyMissingAmount}, 2, "Débit", "", 0},
		{"debit and credit", "Date;Débit;Crédit\n31/01/2024;5;6\n", "", []string{keyDebitAndCredit}, 2, "Débit", "5", 0},
		{"bad indicator", "Date;Montant;Sens\n31/01/2024;5;X\n", "", []string{keyDirection}, 2, "Sens", "X", 0},
		{"bad currency", "Date;Montant;Devise\n31/01/2024;5;EURO\n", "", []string{keyCurrency}, 2, "Devise", "EURO", 0},
		{"bad value date, entry kept", "Date;Date valeur;Montant\n31/01/2024;31/02/2024;5\n", "", []string{keyDate}, 2, "Date valeur", "31/02/2024", 1},
		{"balances that do not add up", "Solde initial;10,00\nDate;Montant\n31/01/2024;5\nSolde final;16,00\n", "",
			[]string{keyBalanceMismatch}, 4, "Montant", "16,00", 1},
		{"a quote never closed", "Date;Libellé;Montant\n31/01/2024;\"jamais fermé;1\n" + strings.Repeat("31/01/2024;X;1\n", 30), "",
			[]string{keyQuote}, 2, "", "", 0},
		{"one bad line among good ones", "Date;Montant\n31/01/2024;1\n31/01/2024;x\n01/02/2024;2\n", "", []string{keyAmount}, 3, "Montant", "x", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts Options
			if tt.format != "" {
				m := DetectMapping(strings.Split(strings.SplitN(tt.in, "\n", 2)[0], ";"))
				m.DateFormat = tt.format
				opts.Mapping = &m
			}
			f := parseString(t, tt.in, opts)
			if got := strings.Join(issueKeys(f), ","); got != strings.Join(tt.issues, ",") {
				t.Fatalf("issues %v, want %v", f.Issues, tt.issues)
			}
			is := f.Issues[0]
			if is.Line != tt.line || is.Column != tt.column || is.Value != tt.value {
				t.Errorf("issue %+v, want line %d column %q value %q", is, tt.line, tt.column, tt.value)
			}
			if n := len(entries(f)); n != tt.entries {
				t.Errorf("%d entries, want %d", n, tt.entries)
			}
		})
	}
}

func TestTooManyIssues(t *testing.T) {
	f := parseString(t, "Date;Montant\n"+strings.Repeat("31/01/2024;x\n", MaxIssues+5), Options{})
	if n := len(f.Issues); n != MaxIssues+1 || f.Issues[MaxIssues].Key != keyTooManyIssues {
		t.Errorf("%d issues", n)
	}
}

func TestFatal(t *testing.T) {
	withMapping := func(cols map[Field]string, format string) Options {
		return Options{Mapping: &Mapping{Columns: cols, DateFormat: format}}
	}
	usable := map[Field]string{FieldBookingDate: "Date", FieldAmount: "Montant"}
	for _, tt := range []struct {
		name string
		in   io.Reader
		opts Options
		key  string
	}{
		{"empty", strings.NewReader(""), Options{}, keyEmpty},
		{"blank", strings.NewReader(" \r\n\n"), Options{}, keyEmpty},
		{"no header", strings.NewReader("a;b\n1;2\n"), Options{}, keyNoHeader},
		{"header beyond the window", strings.NewReader(strings.Repeat("x\n", HeaderWindow) + "Date;Montant\n"), Options{}, keyNoHeader},
		{"header line given but wrong", strings.NewReader("x\nDate;Montant\n"), Options{HeaderLine: 1}, keyNoHeader},
		{"mapped column absent", strings.NewReader("Date;Montant TTC\n"), withMapping(usable, ""), keyMappingColumn},
		{"mapping without an amount", strings.NewReader("Date;Montant\n"), withMapping(map[Field]string{FieldBookingDate: "Date"}, ""), keyMappingUnusable},
		{"bad date format", strings.NewReader("Date;Montant\n"), withMapping(usable, "%d/%m"), keyDateFormat},
		{"bad delimiter", strings.NewReader("Date;Montant\n"), Options{Delimiter: "::"}, keyDelimiter},
		{"old Excel", bytes.NewReader(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...)), Options{}, keyXLS},
		{"OpenDocument", strings.NewReader("PK\x03\x04" + strings.Repeat("\x00", 26) + "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), Options{}, keyODS},
		{"damaged workbook", strings.NewReader("PK\x03\x04 not really a zip"), Options{}, keyXLSX},
		{"CSV forced on a workbook's bytes is no header", strings.NewReader("PK\x03\x04 x"), Options{Format: FormatCSV}, keyNoHeader},
		{"too large", io.MultiReader(strings.NewReader("Date;Montant\n"), bytes.NewReader(make([]byte, MaxInputBytes))), Options{}, keyTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(context.Background(), tt.in, tt.opts); fatalKey(err) != tt.key {
				t.Errorf("error %v, want key %s", err, tt.key)
			}
		})
	}
	_, err := Parse(context.Background(), strings.NewReader("Date;Montant TTC\n"), withMapping(usable, ""))
	var is statement.Issue
	if !errors.As(err, &is) || is.Args[0] != "Montant" {
		t.Errorf("mapped column absent: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, strings.NewReader("Date;Montant\n31/01/2024;1\n"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		"Date;Libellé;Montant\n":                                     true,
		"Bank code : 1,x\n,,\nDate,Label,Debit,Credit\n":             true,
		"\"Date\",\"Time\",\"Description\",\"Currency\",\"Gross\"\n": true,
		"PK\x03\x04\x14\x00\x00\x00\x08\x00[Content_Types].xml":      true,
		"PK\x03\x04\x14\x00\x00\x00\x08\x00mimetype":                 false,
		"N° facture;Client;Montant TTC\n":                            false,
		"OFXHEADER:100\nDATA:OFXSGML\n":                              false,
		"0115589    00000EUR2 98765432100  150519":                   false,
		"": false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%.40q) = %v", in, got)
		}
	}
}

func TestExcelNumber(t *testing.T) {
	for _, tt := range []struct {
		in    string
		minor int64
		ok    bool
		key   string
	}{
		{"-33.5", -3350, true, ""},
		{"1525", 152500, true, ""},
		{"0.30000000000000004", 30, true, ""},
		{"1.1000000000000001", 110, true, ""},
		{"2.675", 268, true, ""}, // half away from zero
		{"-0.005", -1, true, ""},
		{"1E-2", 1, true, ""},
		{"1.5E3", 150000, true, ""},
		{"1e400", 0, true, keyAmountTooLarge},
		{"99999999999999999999", 0, true, keyAmountTooLarge},
		{"1 234,56", 0, false, ""},
		{"-50,00", 0, false, ""},
		{"", 0, false, ""},
		{"1.2.3", 0, false, ""},
	} {
		v, ok, key := excelNumber(tt.in, 2)
		if v != tt.minor || ok != tt.ok || key != tt.key {
			t.Errorf("excelNumber(%q) = %d %v %q", tt.in, v, ok, key)
		}
	}
}

package cfonb

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/banktest"
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
)

// put writes s at 1-based position pos of a 120-character record.
func put(rec []byte, pos int, s string) {
	copy(rec[pos-1:], s)
}

// blankRecord is a record of code, bank 30004, branch 00820, EUR with 2
// decimals, account acct.
func blankRecord(code, acct string) []byte {
	rec := bytes.Repeat([]byte(" "), RecordLen)
	put(rec, 1, code)
	put(rec, 3, "30004")
	put(rec, 12, "00820")
	put(rec, 17, "EUR2")
	put(rec, 22, acct)
	return rec
}

// oldBalance is a 01 record.
func oldBalance(acct, date, amount string) string {
	rec := blankRecord("01", acct)
	put(rec, 35, date)
	put(rec, 91, amount)
	return string(rec)
}

// newBalance is a 07 record.
func newBalance(acct, date, amount string) string {
	rec := blankRecord("07", acct)
	put(rec, 35, date)
	put(rec, 91, amount)
	return string(rec)
}

// op is a 04 record with operation code 0117, entry number and
// indices filled.
func op(acct, booking, value, label, amount, ref string) string {
	rec := blankRecord("04", acct)
	put(rec, 8, "0117")
	put(rec, 33, "62")
	put(rec, 35, booking)
	put(rec, 43, value)
	put(rec, 49, label)
	put(rec, 82, "000000000")
	put(rec, 91, amount)
	put(rec, 105, ref)
	return string(rec)
}

// detail is a 05 record.
func detail(acct, qualifier, text string) string {
	rec := blankRecord("05", acct)
	put(rec, 8, "0117")
	put(rec, 35, "310124")
	put(rec, 46, qualifier)
	put(rec, 49, text)
	return string(rec)
}

// file joins records with LF.
func file(records ...string) string { return strings.Join(records, "\n") + "\n" }

func parseString(t *testing.T, s string) *statement.File {
	t.Helper()
	f, err := Parse(context.Background(), strings.NewReader(s))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkFile(t, f)
	return f
}

// parseSample parses a sample of ../shared/samples/cfonb120 twice and
// checks that both reads give the same payment keys.
func parseSample(t *testing.T, name string) *statement.File {
	t.Helper()
	return banktest.ParseSample(t, "cfonb120/"+name, statement.FormatCFONB, Parse)
}

// checkFile checks what every parse must give (package banktest).
func checkFile(t *testing.T, f *statement.File) {
	t.Helper()
	banktest.Check(t, f, statement.FormatCFONB)
}

// want is an entry as a test expects it.
type want struct {
	line         int
	ref          string
	booking      string
	value        string
	minor        int64
	credit       bool
	code         string
	text         string
	counterparty string
}

func checkEntry(t *testing.T, e statement.Entry, w want) {
	t.Helper()
	cp := ""
	if len(e.Transactions) > 0 {
		cp = e.Transactions[0].Counterparty
	}
	value := civil.Date{}
	if w.value != "" {
		value = civil.MustParse(w.value)
	}
	if e.Line != w.line || e.Ref != w.ref || e.BookingDate != civil.MustParse(w.booking) || e.ValueDate != value ||
		e.Amount.Minor != w.minor || e.Credit != w.credit || e.BankCode != w.code || e.Text != w.text || cp != w.counterparty {
		t.Errorf("entry\n got %d %q %s %s %d credit=%v %q %q cp=%q\nwant %+v",
			e.Line, e.Ref, e.BookingDate, e.ValueDate, e.Amount.Minor, e.Credit, e.BankCode, e.Text, cp, w)
	}
}

// wantStatement is a statement as a test expects it.
type wantStatement struct {
	number, iban     string
	from, to         string
	opening, closing int64
	balances         bool
	entries          int
}

func checkStatement(t *testing.T, st statement.Statement, w wantStatement) {
	t.Helper()
	date := func(s string) civil.Date {
		if s == "" {
			return civil.Date{}
		}
		return civil.MustParse(s)
	}
	if st.Account.Number != w.number || st.Account.IBAN != w.iban || st.Account.BankCode != w.number[:5] ||
		st.Currency != "EUR" || st.From != date(w.from) || st.To != date(w.to) || st.Opening.Minor != w.opening ||
		st.Closing.Minor != w.closing || st.HasBalances != w.balances || len(st.Entries) != w.entries || st.ID != "" {
		t.Errorf("statement\n got %+v %s %s→%s %v→%v balances %v, %d entries\nwant %+v",
			st.Account, st.Currency, st.From, st.To, st.Opening, st.Closing, st.HasBalances, len(st.Entries), w)
	}
}

func issueKeys(f *statement.File) []string {
	var out []string
	for _, is := range f.Issues {
		out = append(out, is.Key)
	}
	return out
}

func fatalKey(err error) string {
	var is statement.Issue
	if errors.As(err, &is) {
		return is.Key
	}
	return ""
}

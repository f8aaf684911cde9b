package ofx

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/banktest"
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
)

// parseString parses s, failing the test on an error.
func parseString(t *testing.T, s string) *statement.File {
	t.Helper()
	f, err := Parse(context.Background(), bytes.NewReader([]byte(s)))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkFile(t, f)
	return f
}

// parseSample parses a sample of ../shared/samples/ofx twice and
// checks that both reads give the same payment keys.
func parseSample(t *testing.T, name string) *statement.File {
	t.Helper()
	return banktest.ParseSample(t, "ofx/"+name, statement.FormatOFX, Parse)
}

// checkFile checks what every parse must give (package banktest).
func checkFile(t *testing.T, f *statement.File) {
	t.Helper()
	banktest.Check(t, f, statement.FormatOFX)
}

// want is an entry as a test expects it.
type want struct {
	line         int
	ref          string
	booking      string
	value        string
	minor        int64
	currency     string
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
		e.Amount.Minor != w.minor || string(e.Amount.Currency) != w.currency || e.Credit != w.credit ||
		e.BankCode != w.code || e.Text != w.text || cp != w.counterparty {
		t.Errorf("entry\n got %d %q %s %s %d %s credit=%v %q %q cp=%q\nwant %+v",
			e.Line, e.Ref, e.BookingDate, e.ValueDate, e.Amount.Minor, e.Amount.Currency, e.Credit, e.BankCode, e.Text, cp, w)
	}
}

// issueKeys lists the keys of f's issues, with their lines.
func issueKeys(f *statement.File) []string {
	var out []string
	for _, is := range f.Issues {
		out = append(out, is.Key)
	}
	return out
}

// fatalKey returns the key of the Issue err wraps, "" when none.
func fatalKey(err error) string {
	var is statement.Issue
	if errors.As(err, &is) {
		return is.Key
	}
	return ""
}

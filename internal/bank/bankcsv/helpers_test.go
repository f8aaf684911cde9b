package bankcsv

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/banktest"
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/samples"
)

func parseBytes(t *testing.T, b []byte, opts Options) *statement.File {
	t.Helper()
	f, err := Parse(context.Background(), bytes.NewReader(b), opts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkFile(t, f)
	return f
}

func parseString(t *testing.T, s string, opts Options) *statement.File {
	t.Helper()
	return parseBytes(t, []byte(s), opts)
}

// parseSample parses a sample of ../shared/samples/csv twice and checks
// that both reads give the same payment keys.
func parseSample(t *testing.T, name string, opts Options) *statement.File {
	t.Helper()
	data, err := os.ReadFile(samples.Path(t, "csv/"+name))
	if err != nil {
		t.Fatal(err)
	}
	f := parseBytes(t, data, opts)
	again := parseBytes(t, data, opts)
	banktest.Stable(t, name, f, again)
	return f
}

// checkFile checks what every parse must give (package banktest).
func checkFile(t *testing.T, f *statement.File) {
	t.Helper()
	banktest.Check(t, f, statement.FormatCSV)
}

// want is an entry as a test expects it.
type want struct {
	line         int
	ref          string
	booking      string
	minor        int64
	credit       bool
	text         string
	counterparty string
}

func checkEntry(t *testing.T, e statement.Entry, w want) {
	t.Helper()
	cp := ""
	if len(e.Transactions) > 0 {
		cp = e.Transactions[0].Counterparty
	}
	if e.Line != w.line || e.Ref != w.ref || e.BookingDate != civil.MustParse(w.booking) || e.Amount.Minor != w.minor ||
		e.Credit != w.credit || e.Text != w.text || cp != w.counterparty || e.Status != "booked" {
		t.Errorf("entry\n got %d %q %s %d credit=%v %q cp=%q\nwant %+v",
			e.Line, e.Ref, e.BookingDate, e.Amount.Minor, e.Credit, e.Text, cp, w)
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

func entries(f *statement.File) []statement.Entry {
	var out []statement.Entry
	for _, st := range f.Statements {
		out = append(out, st.Entries...)
	}
	return out
}

package ofx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/samples"
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

// parseSample parses a sample of ../shared/samples/ofx, twice, and checks
// that both reads give the same payment keys.
func parseSample(t *testing.T, name string) *statement.File {
	t.Helper()
	data, err := os.ReadFile(samples.Path(t, "ofx/"+name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	checkFile(t, f)
	checkKeys(t, f, true)
	again, err := Parse(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := paymentKeys(f), paymentKeys(again); !equal(a, b) {
		t.Errorf("%s: payment keys differ between two parses:\n%v\n%v", name, a, b)
	}
	return f
}

// checkFile checks what every parse must give: issue keys in both
// catalogues, issue lines ≥ 0, entries with a date and a positive or
// zero amount, payment keys unique within the file.
func checkFile(t *testing.T, f *statement.File) {
	t.Helper()
	if f.Format != statement.FormatOFX {
		t.Errorf("format %q", f.Format)
	}
	for _, is := range f.Issues {
		if !i18n.Has("fr", is.Key) || !i18n.Has("en", is.Key) {
			t.Errorf("issue %+v: key not in the catalogues", is)
		}
		if is.Line < 0 {
			t.Errorf("issue %+v: line < 0", is)
		}
	}
	checkKeys(t, f, false)
	for _, st := range f.Statements {
		for _, e := range st.Entries {
			if e.BookingDate.IsZero() || e.Amount.Minor < 0 || e.Line < 1 || !e.Amount.Currency.Valid() {
				t.Errorf("implausible entry %+v", e)
			}
		}
	}
}

// checkKeys checks that payment keys are unique within the file. Two
// entries alike in every field the key hashes (no bank reference, same
// date, amount, direction, text, counterparty) get the same key: the
// statement package's key has no rank for them (see the report). strict
// refuses even those, for the sample files, which have none.
func checkKeys(t *testing.T, f *statement.File, strict bool) {
	t.Helper()
	seen := map[string]string{}
	for _, st := range f.Statements {
		for i := range st.Entries {
			e := &st.Entries[i]
			for _, p := range e.Payments(st.Account) {
				alike := fmt.Sprintf("%s|%v|%v|%v|%q|%q|%+v", e.BookingDate, e.Amount, e.Credit, e.Reversal, e.Ref, e.Text, p.Transaction)
				if prev, dup := seen[p.Key]; dup && (strict || prev != alike) {
					t.Errorf("payment key %q twice:\n%s\n%s", p.Key, prev, alike)
				}
				seen[p.Key] = alike
			}
		}
	}
}

func paymentKeys(f *statement.File) []string {
	var keys []string
	for _, st := range f.Statements {
		for i := range st.Entries {
			for _, p := range st.Entries[i].Payments(st.Account) {
				keys = append(keys, p.Key)
			}
		}
	}
	return keys
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
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

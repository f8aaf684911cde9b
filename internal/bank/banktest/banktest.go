// Package banktest holds the checks every bank statement parser's tests
// make of what it read: issue keys that the catalogues word, plausible
// entries, and payment keys unique within each statement and stable from
// one parse to the next.
package banktest

import (
	"bytes"
	"context"
	"io"
	"os"
	"slices"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/samples"
)

// Check fails t for what no parse may give: another format than want, an
// issue whose key neither catalogue has or whose line is negative, an
// entry without a date, line or currency or with a negative amount, or
// two payments of one statement under one key.
func Check(t testing.TB, f *statement.File, want statement.Format) {
	t.Helper()
	if f.Format != want {
		t.Errorf("format %q, want %q", f.Format, want)
	}
	for _, is := range f.Issues {
		if !i18n.Has("fr", is.Key) || !i18n.Has("en", is.Key) || is.Line < 0 {
			t.Errorf("issue %+v: key not in the catalogues, or a negative line", is)
		}
	}
	for _, st := range f.Statements {
		seen := map[string]bool{}
		for _, p := range st.Payments() {
			if seen[p.Key] {
				t.Errorf("payment key %q twice in one statement", p.Key)
			}
			seen[p.Key] = true
		}
		for _, e := range st.Entries {
			if e.BookingDate.IsZero() || e.Amount.Minor < 0 || e.Line < 1 || !e.Amount.Currency.Valid() {
				t.Errorf("implausible entry %+v", e)
			}
		}
	}
}

// PaymentKeys lists the keys of a file's payments, in order.
func PaymentKeys(f *statement.File) []string {
	var keys []string
	for _, st := range f.Statements {
		for _, p := range st.Payments() {
			keys = append(keys, p.Key)
		}
	}
	return keys
}

// Stable fails t when two parses of one file give other payment keys.
func Stable(t testing.TB, name string, a, b *statement.File) {
	t.Helper()
	if ka, kb := PaymentKeys(a), PaymentKeys(b); !slices.Equal(ka, kb) {
		t.Errorf("%s: payment keys differ between two parses:\n%q\n%q", name, ka, kb)
	}
}

// Parser is a statement parser's entry point.
type Parser func(context.Context, io.Reader) (*statement.File, error)

// ParseSample reads the sample rel of ../shared/samples (skipping t when
// it is absent), parses it twice with parse, checks the first read (Check,
// format) and that both give the same payment keys (Stable).
func ParseSample(t testing.TB, rel string, format statement.Format, parse Parser) *statement.File {
	t.Helper()
	data, err := os.ReadFile(samples.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	f, err := parse(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Parse(%s): %v", rel, err)
	}
	Check(t, f, format)
	again, err := parse(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	Stable(t, rel, f, again)
	return f
}

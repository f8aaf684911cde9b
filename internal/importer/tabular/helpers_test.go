package tabular

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// recorder is a Sink keeping what it receives.
type recorder struct {
	records []receivable.Record
	issues  []receivable.Issue
}

func (r *recorder) Record(rec receivable.Record) error {
	r.records = append(r.records, rec)
	return nil
}

func (r *recorder) Issue(is receivable.Issue) { r.issues = append(r.issues, is) }

// parse runs Parse on text and fails the test on an error.
func parse(t *testing.T, text string, opts Options) (*recorder, receivable.Info) {
	t.Helper()
	rec, info, err := tryParse([]byte(text), opts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return rec, info
}

func tryParse(b []byte, opts Options) (*recorder, receivable.Info, error) {
	rec := &recorder{}
	info, err := Parse(context.Background(), bytes.NewReader(b), opts, rec)
	return rec, info, err
}

// issueString prints an issue compactly for comparisons.
func issueString(is receivable.Issue) string {
	return fmt.Sprintf("%d|%s|%s|%s", is.Line, is.Column, is.Value, is.Key)
}

func issueStrings(iss []receivable.Issue) string {
	var out []string
	for _, is := range iss {
		out = append(out, issueString(is))
	}
	return strings.Join(out, "\n")
}

// checkMessages fails when an issue's key is missing from a catalogue or
// its arguments do not fill the message.
func checkMessages(t testing.TB, iss ...receivable.Issue) {
	t.Helper()
	for _, is := range iss {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, is.Key) {
				t.Errorf("issue key %q is not in the %s catalogue", is.Key, lang)
				continue
			}
			// Render with neutral arguments of the same types: a value may
			// itself hold "%!".
			neutral := is
			neutral.Args = make([]any, len(is.Args))
			for i, a := range is.Args {
				if _, ok := a.(string); ok {
					a = "x"
				}
				neutral.Args[i] = a
			}
			if msg := neutral.Message(lang); strings.Contains(msg, "%!") {
				t.Errorf("%s message of %s has bad arguments: %q", lang, is.Key, msg)
			}
		}
	}
}

package banking

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/recouvre/recouvre/internal/bank/bankcsv"
	"github.com/recouvre/recouvre/internal/bank/camt"
	"github.com/recouvre/recouvre/internal/bank/cfonb"
	"github.com/recouvre/recouvre/internal/bank/ofx"
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/store"
)

// sniffSize is how much of a file the format detection reads.
const sniffSize = 8192

// Parse reads a statement file of any supported format: ISO 20022 camt,
// OFX, CFONB 120, else a bank CSV or Excel export (through mapping when
// given). A file none of them recognizes is an EInvalid error.
func Parse(ctx context.Context, data []byte, mapping *bankcsv.Mapping) (*statement.File, error) {
	sample := data[:min(len(data), sniffSize)]
	r := bytes.NewReader(data)
	var f *statement.File
	var err error
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, errFormat("banking.empty")
	case isCAMT(sample):
		f, err = camt.Parse(ctx, r)
	case ofx.Sniff(sample):
		f, err = ofx.Parse(ctx, r)
	case cfonb.Sniff(sample):
		f, err = cfonb.Parse(ctx, r)
	case mapping != nil || bankcsv.Sniff(sample):
		f, err = bankcsv.Parse(ctx, r, bankcsv.Options{Mapping: mapping})
	default:
		return nil, errFormat("banking.unknown_format")
	}
	if err != nil {
		return nil, fmt.Errorf("read statement: %w", err)
	}
	return f, nil
}

func isCAMT(sample []byte) bool {
	_, ok := camt.Sniff(sample)
	return ok
}

// issues turns a parser's issues into the stored shape, in French and
// English, at most store.MaxStoredErrors of them.
func issues(in []statement.Issue) []store.ImportError {
	out := make([]store.ImportError, 0, min(len(in), store.MaxStoredErrors))
	for _, is := range in {
		if len(out) == store.MaxStoredErrors {
			break
		}
		out = append(out, store.ImportError{Line: is.Line, Column: is.Column, Value: is.Value, Key: is.Key,
			Message: is.Message("fr"), MessageEN: is.Message("en")})
	}
	return out
}

// issuesIn lists the statement issues in err's tree, in order: what
// made a parser stop reading.
func issuesIn(err error) []statement.Issue {
	switch e := err.(type) { //nolint:errorlint // the tree is walked by hand
	case nil:
		return nil
	case statement.Issue:
		return []statement.Issue{e}
	case *statement.Issue:
		return []statement.Issue{*e}
	case interface{ Unwrap() []error }:
		var out []statement.Issue
		for _, c := range e.Unwrap() {
			out = append(out, issuesIn(c)...)
		}
		return out
	}
	return issuesIn(errors.Unwrap(err))
}

// formatError is a file no parser reads; Key names its reason.
type formatError struct{ Key string }

func errFormat(key string) error { return &formatError{Key: key} }

func (e *formatError) Error() string { return i18n.T("en", e.Key) }

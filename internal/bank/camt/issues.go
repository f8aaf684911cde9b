package camt

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// fault is a defect of the whole file: Parse returns it as an error that
// errors.As finds as a statement.Issue.
func fault(key string, line int, column, value string, args ...any) error {
	return fmt.Errorf("camt: %w", statement.Issue{Line: line, Column: column, Value: value, Key: key, Args: args})
}

// problem builds the issue of one value: its line, element path and text
// (shortened when long). The value is the message's argument unless args
// are given or the message speaks of an absent value.
func problem(key string, line int, column, value string, args ...any) statement.Issue {
	value = clip(value)
	if args == nil && !absent[key] {
		args = []any{value}
	}
	return statement.Issue{Line: line, Column: column, Value: value, Key: key, Args: args}
}

// absent are the keys of messages about a missing value, which take no
// argument.
var absent = map[string]bool{KeyAmountMissing: true, KeyCurrencyMissing: true, KeyDirectionMissing: true}

// issues collects a file's issues up to maxIssues, then says how many
// more there were in one last issue.
type issues struct {
	list    []statement.Issue
	dropped bool
}

func (is *issues) add(more ...statement.Issue) {
	for _, i := range more {
		if len(is.list) < maxIssues {
			is.list = append(is.list, i)
			continue
		}
		if !is.dropped {
			is.dropped = true
			is.list = append(is.list, statement.Issue{Line: i.Line, Key: KeyTooManyIssues, Args: []any{maxIssues}})
		}
	}
}

// sorted returns the issues in the order of their lines, the note of
// those left unlisted last.
func (is *issues) sorted() []statement.Issue {
	n := len(is.list)
	if is.dropped {
		n--
	}
	slices.SortStableFunc(is.list[:n], func(a, b statement.Issue) int { return cmp.Compare(a.Line, b.Line) })
	return is.list
}

// describe names an element for an issue's value: its local name and
// namespace.
func describe(e xml.StartElement) string {
	if e.Name.Space == "" {
		return e.Name.Local
	}
	return e.Name.Local + " (" + clip(e.Name.Space) + ")"
}

// clip shortens a value quoted in an issue.
func clip(s string) string {
	const most = 80
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

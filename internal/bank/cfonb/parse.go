package cfonb

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// MaxInputBytes is the largest file Parse reads: 50 MB, some 400 000
// records.
const MaxInputBytes = 50 << 20

// Parse reads a CFONB 120 statement file. A record it cannot read is
// reported in File.Issues and left out. A file whose first record is not
// CFONB, or that is larger than MaxInputBytes, is an error wrapping a
// statement.Issue; so is nothing else but a read error or ctx's end.
func Parse(ctx context.Context, r io.Reader) (*statement.File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cfonb: read the file: %w", err)
	}
	if len(raw) > MaxInputBytes {
		return nil, fmt.Errorf("cfonb: %w", fatal(0, keyTooLarge, MaxInputBytes>>20))
	}
	text, enc := textenc.DecodeString(raw, "")
	if first, ok := firstLine(text); !ok || !looksLikeRecord(first.text) {
		return nil, fmt.Errorf("cfonb: %w", fatal(first.n, keyNotCFONB))
	}
	p := &parser{}
	var ctxErr error
	lines(text, func(l line) bool {
		if l.n%1024 == 0 {
			if ctxErr = ctx.Err(); ctxErr != nil {
				return false
			}
		}
		p.lastLine = l.n
		if bad := eachRecord(l, p.record); bad != "" {
			p.issues.add(l.n, "", shorten(bad), keyLength, utf8.RuneCountInString(bad))
		}
		return true
	})
	if ctxErr != nil {
		return nil, fmt.Errorf("cfonb: %w", ctxErr)
	}
	p.finish()
	return &statement.File{
		Format:     statement.FormatCFONB,
		Encoding:   enc,
		Statements: p.stmts,
		Issues:     p.issues.list,
	}, nil
}

// Sniff reports whether sample, the beginning of a file, is CFONB 120:
// its first line that is not blank is a record of a known kind, with a
// numeric bank code and a currency where CFONB puts them.
func Sniff(sample []byte) bool {
	text, _ := textenc.DecodeString(sample, "")
	first, ok := firstLine(text)
	return ok && looksLikeRecord(first.text)
}

// firstLine returns the first line of text that is not blank.
func firstLine(text string) (first line, found bool) {
	lines(text, func(l line) bool {
		if strings.TrimSpace(l.text) == "" {
			first.n = l.n
			return true
		}
		first, found = l, true
		return false
	})
	if !found {
		first.n = max(first.n, 1)
	}
	return first, found
}

// looksLikeRecord reports whether s starts with a CFONB 120 record: a
// known kind, five digits of bank code, letters or blanks for the
// currency, a digit or blank for the decimals, and no more than a record
// unless it holds several.
func looksLikeRecord(s string) bool {
	s = strings.TrimRight(s, " \x1a")
	first, rest := cutRunes(s, RecordLen)
	if rest != "" && !knownCode(rest) {
		return false
	}
	rs := []rune(first)
	if len(rs) < 40 || !knownCode(first) {
		return false
	}
	for _, r := range rs[2:7] {
		if r < '0' || r > '9' {
			return false
		}
	}
	for _, r := range rs[16:19] {
		if r != ' ' && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return rs[19] == ' ' || rs[19] >= '0' && rs[19] <= '9'
}

// shorten cuts a bad line to what an issue shows of it.
func shorten(s string) string {
	head, tail := cutRunes(s, RecordLen+10)
	if tail == "" {
		return s
	}
	return head + "…"
}

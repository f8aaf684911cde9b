package tabular

import (
	"strings"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
)

// memoLimit bounds each memo below: past it, values are computed without
// being kept, so memory stays flat on a file of all-different values.
const memoLimit = 16384

// memo remembers the folded words and the inferred debtor kinds of a
// file. receivable.Fold builds a Unicode transformer on each call, costly
// per row; the columns it serves (document type, debtor kind, country,
// terms, names) repeat few values.
type memo struct {
	folds map[string]string
	kinds map[kindQuery]kindAnswer
}

type kindQuery struct{ name, siren, siret string }

type kindAnswer struct {
	kind ledger.DebtorKind
	src  receivable.KindSource
}

// fold is receivable.Fold, remembered.
func (m *memo) fold(s string) string {
	if f, ok := asciiFold(s); ok {
		return f
	}
	if f, ok := m.folds[s]; ok {
		return f
	}
	f := receivable.Fold(s)
	if m.folds == nil {
		m.folds = map[string]string{}
	}
	if len(m.folds) < memoLimit {
		m.folds[s] = f
	}
	return f
}

// fillKind is d.FillKind, remembered for each name and identifiers.
func (m *memo) fillKind(d *receivable.Debtor) {
	if d.Kind != "" {
		return
	}
	q := kindQuery{d.Name, d.SIREN, d.SIRET}
	if a, ok := m.kinds[q]; ok {
		d.Kind, d.KindSource = a.kind, a.src
		return
	}
	d.FillKind()
	if m.kinds == nil {
		m.kinds = map[kindQuery]kindAnswer{}
	}
	if len(m.kinds) < memoLimit {
		m.kinds[q] = kindAnswer{d.Kind, d.KindSource}
	}
}

// kindWord is receivable.ParseKind, remembered.
func (m *memo) kindWord(s string) (ledger.DebtorKind, bool) {
	k, ok := receivable.ParseKind(m.fold(s))
	return k, ok
}

// asciiFold is receivable.Fold for ASCII text, which needs no Unicode
// normalisation: lower case, each run of other characters than letters
// and digits one space, trimmed. ok is false for other text.
func asciiFold(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			space = false
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " "), true
}

package fec

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// previewRows is how many data rows Info.Preview shows.
const previewRows = 5

// Parse reads a FEC from r and hands sink its open receivables: a
// record per open invoice, credit note or payment on account (see the
// package comment for the rules), and an issue per line it cannot read.
//
// Issues found while reading come as the lines are read. The records,
// and the issues that need the whole file (a customer line without
// debtor, a lettering group whose sum overflows), come once the file is
// read, in line order. A sink's error stops the parse and is returned
// wrapped. A file that cannot be read as a FEC at all (empty, header
// without separator or mandatory field, a line over MaxLineBytes) gives
// an error that is a receivable.Issue.
func Parse(ctx context.Context, r io.Reader, opts Options, sink receivable.Sink) (receivable.Info, error) {
	info := receivable.Info{Format: receivable.FormatFEC}
	s, err := opts.settings()
	if err != nil {
		return info, err
	}
	text, enc, err := textenc.NewReader(r, s.encoding)
	if err != nil {
		return info, fmt.Errorf("fec: detect the encoding: %w", err)
	}
	info.Encoding = enc
	p := &parser{s: s, sink: sink, info: info, journals: newJournals(), book: newBook()}
	if err := p.read(ctx, text); err != nil {
		return p.info, err
	}
	return p.info, p.emit(ctx)
}

// parser is the state of one Parse.
type parser struct {
	s        settings
	sink     receivable.Sink
	info     receivable.Info
	h        *header
	cols     columns
	fields   [][]byte
	journals *journals
	book     *book
}

// columns are the positions of the fields the parser reads, -1 when
// absent.
type columns struct {
	journalCode, journalLib, num, date, account, accountLib int
	aux, auxLib, piece, pieceDate, letter                   int
	debit, credit, montant, sens                            int
}

func (p *parser) setHeader(h *header) {
	p.h = h
	p.cols = columns{
		journalCode: h.index(fJournalCode), journalLib: h.index(fJournalLib),
		num: h.index(fEcritureNum), date: h.index(fEcritureDate),
		account: h.index(fCompteNum), accountLib: h.index(fCompteLib),
		aux: h.index(fCompAuxNum), auxLib: h.index(fCompAuxLib),
		piece: h.index(fPieceRef), pieceDate: h.index(fPieceDate), letter: h.index(fEcritureLet),
		debit: h.index(fDebit), credit: h.index(fCredit), montant: h.index(fMontant), sens: h.index(fSens),
	}
	p.info.Delimiter = string(h.sep)
	p.info.Header = h.names
}

// read goes through the lines of text, keeping the customer lines.
func (p *parser) read(ctx context.Context, text io.Reader) error {
	sc := newScanner(text)
	for sc.Scan() {
		p.info.Lines++
		no := p.info.Lines
		if no%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("fec: line %d: %w", no, err)
			}
		}
		line := sc.Bytes()
		if blank(line) {
			continue
		}
		if p.h == nil {
			h, err := readHeader(line, no)
			if err != nil {
				return err
			}
			p.setHeader(h)
			continue
		}
		p.line(no, line)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return receivable.Issue{Line: p.info.Lines + 1, Key: keyLineTooLong, Args: []any{MaxLineBytes}}
		}
		return fmt.Errorf("fec: read line %d: %w", p.info.Lines+1, err)
	}
	if p.h == nil {
		return receivable.Issue{Key: keyEmpty}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("fec: %w", err)
	}
	return nil
}

// field returns the trimmed field at position i, nil when absent.
func (p *parser) field(i int) []byte {
	if i < 0 || i >= len(p.fields) {
		return nil
	}
	return clean(p.fields[i])
}

// line reads one data line.
func (p *parser) line(no int, line []byte) {
	p.fields = splitFields(p.fields, line, p.h.sep)
	if n := len(p.h.names); len(p.fields) != n {
		if len(p.fields) < n || !allBlank(p.fields[n:]) {
			p.sink.Issue(receivable.Issue{Line: no, Value: clip(string(line)), Key: keyFieldCount, Args: []any{len(p.fields), n}})
			return
		}
		p.fields = p.fields[:n]
	}
	p.preview()
	c := &p.cols
	account := p.field(c.account)
	j := p.journals.get(p.field(c.journalCode))
	revenue := false
	if hasPrefix(account, "70") {
		v, is := p.amount()
		revenue = is == nil && v < 0
	}
	p.journals.see(j, p.field(c.journalLib), account, revenue)
	if !p.s.customer(account) {
		return
	}
	v, is := p.amount()
	if is != nil {
		is.Line = no
		p.sink.Issue(*is)
		return
	}
	if v == 0 {
		return
	}
	it := item{amount: v, line: int32(no), journal: j}
	var ok bool
	if it.entry, ok = p.date(no, c.date, true); !ok {
		it.bad = true
	}
	it.date = it.entry
	if pd := p.field(c.pieceDate); len(pd) > 0 {
		if it.date, ok = p.date(no, c.pieceDate, false); !ok {
			it.bad = true
		}
	}
	it.debtor = p.book.debtor(p.field(c.aux), p.field(c.auxLib), account, p.field(c.accountLib))
	it.num = string(p.field(c.num))
	it.piece = pieceRef(p.field(c.piece))
	it.letter = p.book.letter(p.field(c.letter))
	p.book.items = append(p.book.items, it)
}

// date reads the date field at position i, reporting it when unreadable
// (or empty when required).
func (p *parser) date(no, i int, required bool) (day, bool) {
	b := p.field(i)
	if len(b) == 0 && !required {
		return 0, true
	}
	d, ok := parseDay(b)
	if !ok {
		p.sink.Issue(receivable.Issue{Line: no, Column: p.h.names[i], Value: string(b), Key: keyDate, Args: []any{string(b)}})
	}
	return d, ok
}

// amount returns the line's signed amount (a debit positive), or the
// issue that prevents reading it, without its line number.
func (p *parser) amount() (int64, *receivable.Issue) {
	c := &p.cols
	if p.h.montant {
		m := p.field(c.montant)
		v, key, err := parseAmount(m, p.s.currency)
		if err != nil {
			return 0, p.issue(c.montant, m, key)
		}
		if v == 0 {
			return 0, nil
		}
		sens := parseSens(p.field(c.sens))
		if sens == 0 {
			return 0, p.issue(c.sens, p.field(c.sens), keySens)
		}
		return v * sens, nil
	}
	d, key, err := parseAmount(p.field(c.debit), p.s.currency)
	if err != nil {
		return 0, p.issue(c.debit, p.field(c.debit), key)
	}
	cr, key, err := parseAmount(p.field(c.credit), p.s.currency)
	if err != nil {
		return 0, p.issue(c.credit, p.field(c.credit), key)
	}
	if d != 0 && cr != 0 {
		both := string(p.field(c.debit)) + " / " + string(p.field(c.credit))
		return 0, &receivable.Issue{Column: p.h.names[c.debit], Value: both, Key: keyDebitAndCredit}
	}
	return d - cr, nil
}

// issue builds the issue of the value v of the field at position i.
func (p *parser) issue(i int, v []byte, key string) *receivable.Issue {
	return &receivable.Issue{Column: p.h.names[i], Value: string(v), Key: key, Args: []any{string(v)}}
}

// preview keeps the first data rows for Info.Preview.
func (p *parser) preview() {
	if len(p.info.Preview) >= previewRows {
		return
	}
	row := make([]string, len(p.fields))
	for i, f := range p.fields {
		row[i] = string(clean(f))
	}
	p.info.Preview = append(p.info.Preview, row)
}

// allBlank reports whether every field of fs is blank.
func allBlank(fs [][]byte) bool {
	for _, f := range fs {
		if !blank(f) {
			return false
		}
	}
	return true
}

// hasPrefix is bytes.HasPrefix for a string prefix, without allocating.
func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

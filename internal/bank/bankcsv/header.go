package bankcsv

import (
	"errors"
	"io"
)

// findHeader reads the rows up to the header: the row at
// Options.HeaderLine, or the first of the first HeaderWindow rows whose
// names the mapping finds (the detected mapping: a booking date and an
// amount; the user's: every column it names). The rows before it are the
// preamble, read for the account and the balances.
func (p *parser) findHeader() error {
	var before []row
	best, bestMissing := -1, ""
	for n := 0; ; n++ {
		if p.opts.HeaderLine <= 0 && n >= HeaderWindow {
			break
		}
		r, err := p.src.next()
		if err == io.EOF {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			continue
		}
		if err != nil {
			return err
		}
		if p.opts.HeaderLine > 0 && r.line < p.opts.HeaderLine {
			before = append(before, r)
			continue
		}
		if p.opts.HeaderLine > 0 && r.line > p.opts.HeaderLine {
			break
		}
		if found, matched, missing := p.tryHeader(r); found {
			for _, b := range before {
				p.pre.readAccount(b)
				p.pre.readBalance(b)
			}
			return nil
		} else if matched > best {
			best, bestMissing = matched, missing
		}
		if p.opts.HeaderLine > 0 {
			break
		}
		before = append(before, r)
	}
	if p.opts.Mapping != nil && bestMissing != "" {
		return fatal(0, keyMappingColumn, bestMissing)
	}
	window := HeaderWindow
	if p.opts.HeaderLine > 0 {
		window = p.opts.HeaderLine
	}
	return fatal(0, keyNoHeader, window)
}

// tryHeader reports whether r is the header, and otherwise how many of
// the user's mapped columns it has and the first it lacks.
func (p *parser) tryHeader(r row) (found bool, matched int, missing string) {
	cells := make([]string, len(r.cells))
	for i := range r.cells {
		cells[i] = r.cell(i)
	}
	m := DetectMapping(cells)
	if p.opts.Mapping != nil {
		m = *p.opts.Mapping
	}
	idx, missing := m.indexes(cells)
	if missing != "" {
		return false, len(idx), missing
	}
	if !m.usable() {
		return false, 0, ""
	}
	p.header, p.mapping, p.idx = cells, m, idx
	return true, len(idx), ""
}

// isHeader reports whether r repeats the header, as exports paged for
// printing do.
func (p *parser) isHeader(r row) bool {
	if len(r.cells) < len(p.header) {
		return false
	}
	for i, h := range p.header {
		if !sameHeader(r.cell(i), h) {
			return false
		}
	}
	return true
}

// guessOrder decides the order of the file's dates: month first when a
// date only reads month first (12/15/2018) and none only reads day first
// (15/12/2018), else day first, the French order.
func (p *parser) guessOrder() dateOrder {
	i, ok := p.idx[FieldBookingDate]
	if !ok {
		return orderDMY
	}
	dmy, mdy := false, false
	for _, r := range p.rows {
		for _, j := range []int{i, p.index(FieldValueDate)} {
			d, m := orderEvidence(r.cell(j))
			dmy, mdy = dmy || d, mdy || m
		}
	}
	if mdy && !dmy {
		return orderMDY
	}
	return orderDMY
}

// index is the column of f, -1 when unmapped.
func (p *parser) index(f Field) int {
	if i, ok := p.idx[f]; ok {
		return i
	}
	return -1
}

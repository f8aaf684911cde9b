package ofx

import (
	"context"
	"fmt"
	"io"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// MaxInputBytes is the largest file Parse reads: 50 MB, far above any
// bank's statement export.
const MaxInputBytes = 50 << 20

// MaxDepth is how deep aggregates may nest; OFX needs seven levels.
const MaxDepth = 64

// Parse reads an OFX file, 1.x SGML or 2.x XML. A transaction it cannot
// read is reported in File.Issues and left out. A file that is not OFX,
// or is larger than MaxInputBytes, is an error wrapping a
// statement.Issue; so is nothing else but a read error or ctx's end.
func Parse(ctx context.Context, r io.Reader) (*statement.File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("ofx: read the file: %w", err)
	}
	if len(raw) > MaxInputBytes {
		return nil, fmt.Errorf("ofx: %w", fatal(0, keyTooLarge, MaxInputBytes>>20))
	}
	h, ok := readHeader(raw)
	if !ok {
		return nil, fmt.Errorf("ofx: %w", fatal(1, keyNotOFX))
	}
	text, enc := decode(raw, h)
	b := &builder{lx: newLexer(text, 1)}
	if err := b.run(ctx); err != nil {
		return nil, fmt.Errorf("ofx: %w", err)
	}
	if !b.sawOFX {
		return nil, fmt.Errorf("ofx: %w", fatal(1, keyNotOFX))
	}
	if len(b.stmts) == 0 {
		b.issues.add(b.ofxLine, "OFX", "", keyNoStatement)
	}
	return &statement.File{
		Format:     statement.FormatOFX,
		Encoding:   enc,
		Statements: b.stmts,
		Issues:     b.issues.list,
	}, nil
}

// Sniff reports whether sample, the beginning of a file, is OFX: a 1.x
// header, an XML prolog with an OFX instruction or root, or a bare <OFX>
// root, after any BOM and blank lines.
func Sniff(sample []byte) bool {
	_, ok := readHeader(sample)
	return ok
}

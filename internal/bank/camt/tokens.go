package camt

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// tokenReader hands out the decoder's tokens with the line where each
// element starts, keeping the nesting depth and the context in check.
type tokenReader struct {
	ctx   context.Context
	dec   *xml.Decoder
	lines *lineIndex
	depth int
	count int
}

func newTokenReader(ctx context.Context, text []byte) *tokenReader {
	dec := xml.NewDecoder(bytes.NewReader(text))
	// toUTF8 already decoded the text, whatever its declaration says.
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return &tokenReader{ctx: ctx, dec: dec, lines: newLineIndex(text)}
}

// errEOF marks the end of the input between elements.
var errEOF = errors.New("end of input")

// next returns the next token and, for a start element, the line of its
// '<'. The offset before the call is where the token begins: encoding/xml
// hands white space and text out as tokens of their own, and puts back
// the '<' that ends them.
func (t *tokenReader) next() (xml.Token, int, error) {
	off := t.dec.InputOffset()
	tok, err := t.dec.Token()
	if err == io.EOF {
		return nil, 0, errEOF
	}
	if err != nil {
		return nil, 0, fault(KeyBroken, t.lines.at(t.dec.InputOffset()), "", err.Error())
	}
	if t.count++; t.count%4096 == 0 {
		if err := t.ctx.Err(); err != nil {
			return nil, 0, fmt.Errorf("camt: %w", err)
		}
	}
	switch tk := tok.(type) {
	case xml.StartElement:
		line := t.lines.at(off)
		if t.depth++; t.depth > MaxDepth {
			return nil, 0, fault(KeyTooComplex, line, tk.Name.Local, fmt.Sprintf("more than %d levels", MaxDepth))
		}
		return tok, line, nil
	case xml.EndElement:
		t.depth--
	}
	return tok, 0, nil
}

// skip reads past the element just started, keeping nothing.
func (t *tokenReader) skip() error {
	for level := 1; level > 0; {
		tok, _, err := t.next()
		if err != nil {
			return t.unexpectedEnd(err)
		}
		switch tok.(type) {
		case xml.StartElement:
			level++
		case xml.EndElement:
			level--
		}
	}
	return nil
}

// unexpectedEnd turns the end of the input inside an element into the
// fault of a cut file (encoding/xml reports it itself; this is a guard).
func (t *tokenReader) unexpectedEnd(err error) error {
	if errors.Is(err, errEOF) {
		return fault(KeyBroken, t.lines.at(t.dec.InputOffset()), "", "unexpected end of input")
	}
	return err
}

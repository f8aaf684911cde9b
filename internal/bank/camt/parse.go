package camt

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// Message elements, by local name.
const (
	elemDocument     = "Document"
	elemStatementMsg = "BkToCstmrStmt"
	elemNotification = "BkToCstmrDbtCdtNtfctn"
)

// formatOf returns the format of a message element's local name.
func formatOf(local string) (statement.Format, bool) {
	switch local {
	case elemStatementMsg:
		return statement.FormatCAMT053, true
	case elemNotification:
		return statement.FormatCAMT054, true
	}
	return "", false
}

// parser holds the state of one Parse.
type parser struct {
	t            *tokenReader
	file         *statement.File
	issues       issues
	entries      int
	transactions int
}

// Parse reads a camt.053 or camt.054 message. Values it cannot read are
// in File.Issues and leave their entry out. A file that is not a camt
// message, is damaged XML or exceeds the limits is an error that
// errors.As finds as a statement.Issue (Line 0 when the file is not XML
// or not camt at all); a failing reader or a cancelled ctx is an error
// too.
func Parse(ctx context.Context, r io.Reader) (*statement.File, error) {
	data, err := readInput(r)
	if err != nil {
		return nil, err
	}
	text, encoding, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	if tooManyAttrs(text) {
		return nil, fault(KeyTooComplex, 0, "", fmt.Sprintf("a tag with more than %d attributes", maxAttrs))
	}
	p := &parser{t: newTokenReader(ctx, text), file: &statement.File{Encoding: encoding}}
	if err := p.document(); err != nil {
		return nil, err
	}
	p.file.Issues = p.issues.sorted()
	return p.file, nil
}

// document finds the message, directly or inside Document, reads it and
// checks that the rest of the document is well formed.
func (p *parser) document() error {
	root, line, err := p.root()
	if err != nil {
		return err
	}
	msg, msgLine := root, line
	if root.Name.Local == elemDocument {
		if msg, msgLine, err = p.firstChild(root); err != nil {
			return err
		}
	}
	format, ok := formatOf(msg.Name.Local)
	if !ok {
		return fault(KeyNotCAMT, 0, "", describe(msg))
	}
	p.file.Format = format
	if err := p.message(msgLine); err != nil {
		return err
	}
	// Read to the end of the root element, so that a file cut after the
	// message is still seen as cut.
	for p.t.depth > 0 {
		if _, _, err := p.t.next(); err != nil {
			return p.t.unexpectedEnd(err)
		}
	}
	return nil
}

// root returns the document's first element. Anything but white space,
// comments and declarations before it means the file is not XML.
func (p *parser) root() (xml.StartElement, int, error) {
	for {
		tok, line, err := p.t.next()
		if err != nil {
			value := "no element"
			var is statement.Issue
			if errors.As(err, &is) {
				value = is.Value
			} else if !errors.Is(err, errEOF) {
				return xml.StartElement{}, 0, err
			}
			return xml.StartElement{}, 0, fault(KeyNotXML, 0, "", value)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			return tk, line, nil
		case xml.CharData:
			if s := strings.TrimSpace(string(tk)); s != "" {
				return xml.StartElement{}, 0, fault(KeyNotXML, 0, "", clip(s))
			}
		}
	}
}

// firstChild returns the first element inside the root Document.
func (p *parser) firstChild(root xml.StartElement) (xml.StartElement, int, error) {
	for {
		tok, line, err := p.t.next()
		if err != nil {
			return xml.StartElement{}, 0, p.t.unexpectedEnd(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			return tk, line, nil
		case xml.EndElement:
			return xml.StartElement{}, 0, fault(KeyNotCAMT, 0, "", describe(root))
		}
	}
}

// message reads the statements (Stmt) or notifications (Ntfctn) of the
// message element just started.
func (p *parser) message(line int) error {
	for {
		tok, l, err := p.t.next()
		if err != nil {
			return p.t.unexpectedEnd(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local != "Stmt" && tk.Name.Local != "Ntfctn" {
				if err := p.t.skip(); err != nil {
					return err
				}
				continue
			}
			if len(p.file.Statements) >= maxStatements {
				return fault(KeyTooComplex, l, tk.Name.Local, "too many statements")
			}
			st, err := p.statement(tk, l)
			if err != nil {
				return err
			}
			p.file.Statements = append(p.file.Statements, st)
		case xml.EndElement:
			if len(p.file.Statements) == 0 {
				p.issues.add(statement.Issue{Line: line, Column: tk.Name.Local, Key: KeyNoStatement})
			}
			return nil
		}
	}
}

package einvoice

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// Limits of the XML reader. An invoice header is a few hundred elements
// nested about ten deep; the lines, taxes and attachments it skips can be
// many more, but never deeper than maxDepth.
const (
	maxDepth = 64
	maxNodes = 50000
	maxText  = 64 << 10 // bytes of text kept per element
)

// node is an element of the part of the document the parsers read: its
// local name, its attributes by local name, its own text and its children.
// Every method is nil-safe, so a path through absent elements yields "".
type node struct {
	name  string
	attrs []xml.Attr
	text  []byte
	kids  []*node
}

// child returns the first child named one of names (local names).
func (n *node) child(names ...string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		for _, name := range names {
			if k.name == name {
				return k
			}
		}
	}
	return nil
}

// all returns the children named name.
func (n *node) all(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// path follows a chain of first children.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// attr returns the value of the attribute with local name name.
func (n *node) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// value returns the element's text with its runs of white space made
// single spaces: names and addresses are often wrapped in the file.
func (n *node) value() string {
	if n == nil {
		return ""
	}
	return strings.Join(strings.Fields(string(n.text)), " ")
}

// skipped are the subtrees no parser reads: invoice lines, taxes,
// allowances, notes, signatures and attached documents. Not keeping them
// bounds the memory a large invoice takes.
var skipped = map[string]bool{
	"IncludedSupplyChainTradeLineItem": true, "InvoiceLine": true, "CreditNoteLine": true,
	"ApplicableTradeTax": true, "TaxTotal": true, "SpecifiedTradeAllowanceCharge": true,
	"AllowanceCharge": true, "IncludedNote": true, "UBLExtensions": true, "Signature": true,
	"AdditionalReferencedDocument": true, "AdditionalDocumentReference": true,
}

// xmlDoc is a document read by readXML.
type xmlDoc struct {
	root     *node
	encoding string // as Info shows it
}

// readXML reads data into a tree. accept is called with the root
// element's local name and namespace as soon as it is read; an error it
// returns stops the reading and is returned.
func readXML(data []byte, accept func(local, space string) error) (*xmlDoc, error) {
	data, encoding, fixed, err := unmark(data)
	if err != nil {
		return nil, err
	}
	doc := &xmlDoc{encoding: encoding}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if fixed {
			return in, nil
		}
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	var stack []*node
	nodes := 0
	for doc.root == nil || len(stack) > 0 {
		tok, err := dec.Token()
		if err == io.EOF && doc.root == nil {
			break
		}
		if err != nil {
			if doc.root == nil {
				return nil, fault(KeyNotXML, err)
			}
			return nil, fault(KeyNotXML, fmt.Errorf("after <%s>: %w", doc.root.name, err))
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target == "xml" && doc.root == nil && !fixed {
				if enc := declaredEncoding(string(t.Inst)); enc != "" {
					doc.encoding = enc
				}
			}
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, fault(KeyTooComplex, fmt.Errorf("more than %d levels", maxDepth))
			}
			if doc.root != nil && skipped[t.Name.Local] {
				if err := skip(dec, len(stack)); err != nil {
					return nil, err
				}
				continue
			}
			nodes++
			if nodes > maxNodes {
				return nil, fault(KeyTooComplex, fmt.Errorf("more than %d elements", maxNodes))
			}
			n := &node{name: t.Name.Local, attrs: t.Attr}
			if doc.root == nil {
				if err := accept(t.Name.Local, t.Name.Space); err != nil {
					return nil, err
				}
				doc.root = n
			} else {
				parent := stack[len(stack)-1]
				parent.kids = append(parent.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				n := stack[len(stack)-1]
				if room := maxText - len(n.text); room > 0 {
					n.text = append(n.text, t[:min(len(t), room)]...)
				}
			}
		}
	}
	if doc.root == nil {
		return nil, fault(KeyNotXML, errors.New("no root element"))
	}
	return doc, nil
}

// unmark removes a byte order mark: after one, the bytes are UTF-8 (or
// UTF-16, turned into UTF-8 here, since encoding/xml reads only
// ASCII-compatible encodings) whatever the XML declaration says, and
// fixed is true.
func unmark(data []byte) (out []byte, encoding string, fixed bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], textenc.UTF8BOM, true, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		u, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, "", false, fault(KeyNotXML, fmt.Errorf("decode UTF-16: %w", err))
		}
		return u, "UTF-16", true, nil
	}
	return data, textenc.UTF8, false, nil
}

// skip reads past the element just started, keeping nothing, and refuses
// to follow it deeper than maxDepth (depth is the level it starts at).
func skip(dec *xml.Decoder, depth int) error {
	level := 1
	for level > 0 {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return fault(KeyNotXML, err)
		}
		switch tok.(type) {
		case xml.StartElement:
			level++
			if depth+level > maxDepth {
				return fault(KeyTooComplex, fmt.Errorf("more than %d levels", maxDepth))
			}
		case xml.EndElement:
			level--
		}
	}
	return nil
}

// declaredEncoding returns the encoding an XML declaration names, in
// capitals ("UTF-8", "ISO-8859-1"), or "".
func declaredEncoding(inst string) string {
	i := strings.Index(inst, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(inst[i+len("encoding"):], " \t\r\n")
	rest, ok := strings.CutPrefix(rest, "=")
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	end := strings.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(rest[1 : 1+end]))
}

// rootOf returns the local name and namespace of the first element of
// sample, which may be cut anywhere after it.
func rootOf(sample []byte) (local, space string, ok bool) {
	sample = bytes.TrimPrefix(sample, []byte{0xEF, 0xBB, 0xBF})
	dec := xml.NewDecoder(bytes.NewReader(sample))
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, err
		}
		return enc.NewDecoder().Reader(in), nil
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", "", false
		}
		if t, isStart := tok.(xml.StartElement); isStart {
			return t.Name.Local, t.Name.Space, true
		}
	}
}

package camt

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// node is a kept element: its local name, the line it starts on, its
// attributes, its own text and its children. Every method is nil-safe,
// so a path through absent elements yields nil and "".
type node struct {
	name  string
	line  int
	attrs []xml.Attr
	text  []byte
	kids  []*node
}

// child returns the first child named name.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
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

// attr returns the trimmed value of the attribute with local name name.
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

// raw returns the element's text without its surrounding white space.
func (n *node) raw() string {
	if n == nil {
		return ""
	}
	return string(bytes.TrimSpace(n.text))
}

// value returns the element's text with runs of white space made single
// spaces: names and labels are often wrapped in the file.
func (n *node) value() string {
	if n == nil {
		return ""
	}
	return strings.Join(strings.Fields(string(n.text)), " ")
}

// lineOr returns n's line, or def when n is absent.
func (n *node) lineOr(def int) int {
	if n == nil {
		return def
	}
	return n.line
}

// budget is what one unit (a statement header, an entry, a TxDtls) may
// still keep.
type budget struct{ nodes, bytes int }

func newBudget() budget { return budget{nodes: maxUnitNodes, bytes: maxUnitBytes} }

// spend takes nodes and bytes from b, reporting whether there were enough.
func (b *budget) spend(nodes, size int) bool {
	b.nodes -= nodes
	b.bytes -= size
	return b.nodes >= 0 && b.bytes >= 0
}

// collect reads the element just started into a node, within b. keep,
// when not nil, chooses the direct children worth keeping; the others are
// skipped.
func (t *tokenReader) collect(start xml.StartElement, line int, b *budget, keep map[string]bool) (*node, error) {
	root, err := t.newNode(start, line, b)
	if err != nil {
		return nil, err
	}
	stack := []*node{root}
	for len(stack) > 0 {
		tok, line, err := t.next()
		if err != nil {
			return nil, t.unexpectedEnd(err)
		}
		top := stack[len(stack)-1]
		switch tk := tok.(type) {
		case xml.StartElement:
			if len(stack) == 1 && keep != nil && !keep[tk.Name.Local] {
				if err := t.skip(); err != nil {
					return nil, err
				}
				continue
			}
			n, err := t.newNode(tk, line, b)
			if err != nil {
				return nil, err
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			room := min(len(tk), maxText-len(top.text))
			if room <= 0 {
				continue
			}
			if !b.spend(0, room) {
				return nil, t.tooComplex(top)
			}
			top.text = append(top.text, tk[:room]...)
		}
	}
	return root, nil
}

// newNode makes the node of a start element, charged to b.
func (t *tokenReader) newNode(start xml.StartElement, line int, b *budget) (*node, error) {
	n := &node{name: start.Name.Local, line: line, attrs: start.Attr}
	size := len(n.name)
	for _, a := range start.Attr {
		size += len(a.Name.Local) + len(a.Name.Space) + len(a.Value)
	}
	if !b.spend(1, size) {
		return nil, t.tooComplex(n)
	}
	return n, nil
}

func (t *tokenReader) tooComplex(n *node) error {
	return fault(KeyTooComplex, n.line, n.name, "too many elements")
}

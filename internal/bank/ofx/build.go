package ofx

import (
	"context"
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// frame is an open aggregate.
type frame struct {
	name string
	line int
}

// builder turns the tokens into statements: it keeps the stack of open
// aggregates and the statement and transaction being read.
type builder struct {
	lx     *lexer
	issues issueList
	stack  []frame
	stmts  []statement.Statement
	cur    *stmtState
	trn    *trnState
	// trnuid is the TRNUID of the open STMTTRNRS or CCSTMTTRNRS.
	trnuid  string
	sawOFX  bool
	ofxLine int
	tooDeep bool
}

// run reads every token.
func (b *builder) run(ctx context.Context) error {
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t := b.lx.next()
		switch t.kind {
		case tokEOF:
			b.finish(t.line)
			return nil
		case tokStart:
			b.start(t)
		case tokEnd:
			b.end(t.name)
		}
		// Text outside a leaf (header lines, stray words) means nothing.
	}
}

// start handles a start tag: a leaf with its value, or an aggregate.
func (b *builder) start(t token) {
	if t.name == "" {
		return
	}
	if t.selfClosing {
		b.leaf(t.name, "", t.line)
		return
	}
	next := b.lx.peek()
	if next.kind == tokText && strings.TrimSpace(next.text) != "" {
		// A tag with a value is a leaf, even one named like an aggregate
		// (<CURRENCY>EUR, as some banks write it).
		b.lx.next()
		if after := b.lx.peek(); after.kind == tokEnd && after.name == t.name {
			b.lx.next()
		}
		b.leaf(t.name, cleanText(next.text), t.line)
		return
	}
	if next.kind == tokText {
		b.lx.next() // white space only
		next = b.lx.peek()
	}
	switch {
	case next.kind == tokEnd && next.name == t.name:
		b.lx.next()
		if aggregates[t.name] {
			b.open(t)
			b.end(t.name)
			return
		}
		b.leaf(t.name, "", t.line)
	case leaves[t.name] && !aggregates[t.name]:
		b.leaf(t.name, "", t.line)
	default:
		b.open(t)
	}
}

// open pushes an aggregate and starts what it begins.
func (b *builder) open(t token) {
	if len(b.stack) >= MaxDepth {
		if !b.tooDeep {
			b.issues.add(t.line, t.name, "", keyTooDeep, MaxDepth)
			b.tooDeep = true
		}
		return
	}
	b.stack = append(b.stack, frame{name: t.name, line: t.line})
	switch t.name {
	case "OFX":
		if !b.sawOFX {
			b.sawOFX, b.ofxLine = true, t.line
		}
	case "STMTTRNRS", "CCSTMTTRNRS":
		b.trnuid = ""
	case "STMTRS", "CCSTMTRS":
		if b.cur != nil {
			b.closeStatement()
		}
		b.cur = &stmtState{line: t.line, id: b.trnuid}
	case "STMTTRN":
		if b.trn != nil {
			b.closeTransaction()
		}
		b.trn = &trnState{line: t.line}
	}
}

// end closes the innermost open aggregate named name and every aggregate
// opened inside it; an end tag matching no open aggregate (a closed leaf
// already read, a stray tag) is ignored.
func (b *builder) end(name string) {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].name == name {
			b.popTo(i)
			return
		}
	}
}

// popTo closes the frames from the top of the stack down to index i.
func (b *builder) popTo(i int) {
	for len(b.stack) > i {
		f := b.stack[len(b.stack)-1]
		b.stack = b.stack[:len(b.stack)-1]
		b.closed(f)
	}
}

// closed ends what an aggregate began.
func (b *builder) closed(f frame) {
	switch f.name {
	case "STMTTRN":
		if b.trn != nil {
			b.closeTransaction()
		}
	case "STMTRS", "CCSTMTRS":
		if b.trn != nil {
			b.closeTransaction()
		}
		if b.cur != nil {
			b.closeStatement()
		}
	}
}

// finish closes what the end of the file leaves open; a file cut inside
// its <OFX> is reported.
func (b *builder) finish(line int) {
	for _, f := range b.stack {
		if f.name == "OFX" {
			b.issues.add(line, "OFX", "", keyTruncated)
			break
		}
	}
	b.popTo(0)
	if b.trn != nil {
		b.closeTransaction()
	}
	if b.cur != nil {
		b.closeStatement()
	}
}

// context returns the innermost known aggregate around the next leaf.
func (b *builder) context() string {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if aggregates[b.stack[i].name] {
			return b.stack[i].name
		}
	}
	return ""
}

// leaf files a leaf's value where its aggregate says.
func (b *builder) leaf(name, value string, line int) {
	v := leafValue{v: value, line: line}
	switch b.context() {
	case "STMTTRNRS", "CCSTMTTRNRS":
		if name == "TRNUID" {
			b.trnuid = value
		}
	case "STMTRS", "CCSTMTRS":
		if b.cur != nil && name == "CURDEF" {
			b.cur.curdef = v
		}
	case "BANKACCTFROM", "CCACCTFROM":
		if b.cur != nil {
			b.cur.accountLeaf(name, value)
		}
	case "BANKTRANLIST":
		if b.cur != nil {
			b.cur.listLeaf(name, v)
		}
	case "LEDGERBAL":
		if b.cur != nil && name == "BALAMT" {
			b.cur.balamt = v
		}
	case "STMTTRN":
		if b.trn != nil {
			b.trn.set(name, v)
		}
	case "PAYEE":
		if b.trn != nil && name == "NAME" {
			b.trn.payee = value
		}
	case "BANKACCTTO", "CCACCTTO":
		if b.trn != nil && name == "ACCTID" {
			b.trn.accountTo = value
		}
	case "CURRENCY":
		if b.trn != nil && name == "CURSYM" {
			b.trn.cursym = v
		}
	}
}

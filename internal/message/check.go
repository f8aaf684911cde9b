package message

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/ledger"
)

// CheckError is a fault in a template, found before anything is sent:
// where it is (the field, "subject" or "body", and the line and column,
// both from 1, the column in characters) and what it is, in French and in
// English.
type CheckError struct {
	Field     string
	Line, Col int
	FR, EN    string
}

// Error returns the French message, the interface's default language.
func (e *CheckError) Error() string { return e.FR }

// Check reports the first fault of t: a syntax error, an unknown
// function, an unknown variable (a field or method name Data does not
// have, in any branch, taken or not), a function given the wrong
// arguments, or an error when the template runs against sample data —
// a full one and one with every optional thing empty, for each kind of
// debtor. The error is a *CheckError.
func Check(t ledger.Template) error {
	fm := funcs(Sample("fr", ledger.KindBusiness).complete(), t.Channel)
	for _, f := range []struct{ name, src string }{{"subject", t.Subject}, {"body", t.Body}} {
		tmpl, err := template.New(f.name).Funcs(fm).Option("missingkey=error").Parse(f.src)
		if err != nil {
			return parseError(f.name, f.src, err)
		}
		if err := typeCheck(f.name, f.src, tmpl, fm); err != nil {
			return err
		}
	}
	for _, d := range checkSamples(t.Lang) {
		if _, err := Render(t, d); err != nil {
			return err
		}
	}
	return nil
}

// checkSamples are the data a template is run against by Check: each
// kind of debtor, soft and not, with and without penalties, full and
// empty, and written by an agency (first letter and later).
func checkSamples(lang string) []Data {
	var out []Data
	for _, k := range []ledger.DebtorKind{ledger.KindBusiness, ledger.KindConsumer, ledger.KindPublic} {
		for _, soft := range []bool{false, true} {
			for _, pen := range []bool{false, true} {
				full := Sample(lang, k)
				full.Soft, full.ShowPenalties = soft, pen
				empty := emptySample(lang, k)
				empty.Soft, empty.ShowPenalties = soft, pen
				out = append(out, full, empty)
			}
		}
		out = append(out, withAgency(Sample(lang, k), true), withAgency(Sample(lang, k), false))
	}
	return out
}

// fieldName is how a field is named to the user.
func fieldName(field, lang string) string {
	names := map[string][2]string{"subject": {"objet", "subject"}, "body": {"texte", "body"}}
	n, ok := names[field]
	if !ok {
		return field
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// newCheckError builds the error at byte offset pos of src.
func newCheckError(field, src string, pos int, fr, en string) *CheckError {
	line, col := lineCol(src, pos)
	return atLineCol(field, line, col, fr, en)
}

func atLineCol(field string, line, col int, fr, en string) *CheckError {
	return &CheckError{
		Field: field, Line: line, Col: col,
		FR: frenchTypography(fmt.Sprintf("%s, ligne %d, colonne %d : %s", capitalize(fieldName(field, "fr")), line, col, fr)),
		EN: fmt.Sprintf("%s, line %d, column %d: %s", capitalize(fieldName(field, "en")), line, col, en),
	}
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// lineCol turns a byte offset into a line and a column in characters,
// both from 1.
func lineCol(src string, pos int) (int, int) {
	pos = max(0, min(pos, len(src)))
	before := src[:pos]
	line := 1 + strings.Count(before, "\n")
	start := strings.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCountInString(before[start:])
}

// offsetOf is the byte offset of line and column (from 1, in characters).
func offsetOf(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		_, n := utf8.DecodeRuneInString(src[off:])
		off += n
	}
	return off
}

var (
	parseErrRE = regexp.MustCompile(`^template: [^:]*:(\d+): (.*)$`)
	execErrRE  = regexp.MustCompile(`(?s)^template: [^:]*:(\d+):(\d+): executing "[^"]*" at <(.*?)>: (.*)$`)
	quotedRE   = regexp.MustCompile(`"([^"]+)"|<([^>]+)>`)
	noFuncRE   = regexp.MustCompile(`^function "([^"]+)" not defined$`)
	noVarRE    = regexp.MustCompile(`^undefined variable "([^"]+)"$`)
	nameRE     = regexp.MustCompile(`^(?:function|undefined variable) "([^"]+)"`)
)

// parseError turns text/template's parse error into a CheckError. The
// parser gives the line only; the column is found by reading the line's
// actions again (see locate).
func parseError(field, src string, err error) *CheckError {
	msg := err.Error()
	m := parseErrRE.FindStringSubmatch(msg)
	if m == nil {
		return atLineCol(field, 1, 1, "erreur de syntaxe : "+msg, "syntax error: "+msg)
	}
	line, _ := strconv.Atoi(m[1])
	detail := m[2]
	// An action left open runs into the text after it, and the parser
	// then complains of whatever it meets there ("function "suite" not
	// defined"): name the real fault where it is.
	for _, a := range actions(src) {
		if a.end < 0 && a.start <= offsetOf(src, line+1, 1) {
			l, c := lineCol(src, a.start)
			fr, en := explainParse("unclosed action")
			return atLineCol(field, l, c, fr, en)
		}
	}
	pos := locate(src, line, detail)
	l, c := lineCol(src, pos)
	fr, en := explainParse(detail)
	return atLineCol(field, l, c, fr, en)
}

// explainParse words a parse error for the user.
func explainParse(detail string) (fr, en string) {
	if m := noFuncRE.FindStringSubmatch(detail); m != nil {
		fr = fmt.Sprintf("fonction inconnue « %s »", m[1])
		en = fmt.Sprintf("unknown function %q", m[1])
		if s := suggest(m[1], funcNames()); s != "" {
			fr += fmt.Sprintf(" (vouliez-vous dire « %s » ?)", s)
			en += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return fr + ". Fonctions disponibles : " + strings.Join(funcNames(), ", ") + ".",
			en + ". Available functions: " + strings.Join(funcNames(), ", ") + "."
	}
	if m := noVarRE.FindStringSubmatch(detail); m != nil {
		return fmt.Sprintf("variable « %s » non déclarée.", m[1]), fmt.Sprintf("undeclared variable %q.", m[1])
	}
	switch {
	case strings.Contains(detail, "unclosed action"):
		return "action non fermée : il manque « }} ».", "unclosed action: \"}}\" is missing."
	case strings.Contains(detail, "unexpected EOF"):
		return "bloc non fermé : il manque un {{end}} pour ce {{if}}, {{range}} ou {{with}}.",
			"unclosed block: an {{end}} is missing for this {{if}}, {{range}} or {{with}}."
	case strings.Contains(detail, "unexpected {{end}}"):
		return "{{end}} en trop : aucun {{if}}, {{range}} ou {{with}} ouvert.",
			"unexpected {{end}}: no {{if}}, {{range}} or {{with}} is open."
	case strings.Contains(detail, "unexpected {{else}}"):
		return "{{else}} hors d’un bloc {{if}}, {{range}} ou {{with}}.",
			"{{else}} outside an {{if}}, {{range}} or {{with}} block."
	case strings.Contains(detail, "missing value for"):
		return "condition ou valeur manquante (" + detail + ").", "missing value (" + detail + ")."
	}
	return "erreur de syntaxe (" + detail + ").", "syntax error (" + detail + ")."
}

// execError turns an execution error into a CheckError; text/template
// gives the line and the byte column of the action that failed.
func execError(field, src string, err error) *CheckError {
	msg := err.Error()
	m := execErrRE.FindStringSubmatch(msg)
	if m == nil {
		return atLineCol(field, 1, 1, "erreur à l’exécution : "+msg, "execution error: "+msg)
	}
	line, _ := strconv.Atoi(m[1])
	byteCol, _ := strconv.Atoi(m[2])
	pos := offsetOf(src, line, 1) + byteCol
	detail := strings.TrimSpace(m[4])
	return newCheckError(field, src, pos,
		fmt.Sprintf("erreur à l’exécution de « %s » : %s.", m[3], strings.TrimSuffix(detail, ".")),
		fmt.Sprintf("error running %q: %s.", m[3], strings.TrimSuffix(detail, ".")))
}

// action is a {{…}} of a template source: its byte offsets (end is -1
// when it is never closed) and its first word.
type action struct {
	start, end int
	keyword    string
	text       string
}

// actions lists the actions of src, skipping the quoted strings and
// comments inside them so that a "}}" in a string does not end one.
func actions(src string) []action {
	var out []action
	i := 0
	for {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			return out
		}
		start := i + j
		k := start + 2
		end := -1
		for k < len(src) {
			if strings.HasPrefix(src[k:], "/*") {
				if e := strings.Index(src[k+2:], "*/"); e >= 0 {
					k += 2 + e + 2
					continue
				}
				k = len(src)
				break
			}
			switch src[k] {
			case '"', '\'':
				q := src[k]
				k++
				for k < len(src) && src[k] != q && src[k] != '\n' {
					if src[k] == '\\' {
						k++
					}
					k++
				}
				k++
				continue
			case '`':
				if e := strings.IndexByte(src[k+1:], '`'); e >= 0 {
					k += 1 + e + 1
					continue
				}
				k = len(src)
				continue
			}
			if strings.HasPrefix(src[k:], "}}") {
				end = k + 2
				break
			}
			if strings.HasPrefix(src[k:], "{{") {
				break // the next action starts: this one was never closed
			}
			k++
		}
		a := action{start: start, end: end}
		if end > 0 {
			a.text = src[start:end]
			inner := strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(a.text, "}}"), "-"), "{{"))
			inner = strings.TrimSpace(strings.TrimPrefix(inner, "-"))
			if f := strings.Fields(inner); len(f) > 0 {
				a.keyword = strings.TrimRight(f[0], "}")
			}
		}
		out = append(out, a)
		if end < 0 {
			if k >= len(src) {
				return out
			}
			i = k
			continue
		}
		i = end
	}
}

// locate finds the byte offset of a parse error reported on line.
func locate(src string, line int, detail string) int {
	acts := actions(src)
	lineStart := offsetOf(src, line, 1)
	lineEnd := len(src)
	if e := strings.IndexByte(src[lineStart:], '\n'); e >= 0 {
		lineEnd = lineStart + e
	}
	onLine := func(a action) bool {
		end := a.end
		if end < 0 {
			end = len(src)
		}
		return a.start <= lineEnd && end >= lineStart
	}
	// An unclosed action, wherever the parser noticed it.
	if strings.Contains(detail, "unclosed action") || strings.Contains(detail, "unexpected \"{\"") {
		for _, a := range acts {
			if a.end < 0 {
				return a.start
			}
		}
	}
	// A name the parser quoted: look for it in the line's actions.
	if m := nameRE.FindStringSubmatch(detail); m != nil {
		for _, a := range acts {
			if onLine(a) && a.end > 0 {
				if i := indexWord(a.text, m[1]); i >= 0 {
					return a.start + i
				}
			}
		}
	}
	// Blocks: match the openers and the ends.
	var stack []action
	for _, a := range acts {
		switch a.keyword {
		case "if", "range", "with", "define", "block":
			stack = append(stack, a)
		case "end":
			if len(stack) == 0 {
				if strings.Contains(detail, "{{end}}") {
					return a.start
				}
				continue
			}
			stack = stack[:len(stack)-1]
		case "else":
			if len(stack) == 0 && strings.Contains(detail, "{{else}}") {
				return a.start
			}
		}
	}
	if strings.Contains(detail, "unexpected EOF") && len(stack) > 0 {
		return stack[len(stack)-1].start
	}
	// Otherwise the first action of the line that does not parse alone,
	// at the token the parser quoted when it can be found in it.
	for _, a := range acts {
		if !onLine(a) || a.end < 0 || parsesAlone(a) {
			continue
		}
		if m := quotedRE.FindStringSubmatch(detail); m != nil {
			tok := m[1] + m[2]
			if i := strings.Index(a.text[2:], tok); i >= 0 && tok != "" {
				return a.start + 2 + i
			}
		}
		return a.start
	}
	for i := lineStart; i < lineEnd; i++ {
		if src[i] != ' ' && src[i] != '\t' {
			return i
		}
	}
	return lineStart
}

// parsesAlone reports whether an action parses on its own, wrapped in
// what its keyword needs.
func parsesAlone(a action) bool {
	src := a.text
	switch a.keyword {
	case "if", "range", "with":
		src += "{{end}}"
	case "define", "block":
		src += "{{end}}"
	case "else":
		src = "{{if 1}}" + src + "{{end}}"
	case "end":
		src = "{{if 1}}" + src
	case "break", "continue":
		src = "{{range .}}" + src + "{{end}}"
	}
	fm := template.FuncMap{}
	for _, n := range funcNames() {
		fm[n] = func() string { return "" }
	}
	_, err := template.New("x").Funcs(fm).Parse(src)
	return err == nil
}

// indexWord finds name in s as a whole word.
func indexWord(s, name string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], name)
		if i < 0 {
			return -1
		}
		i += off
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(name) >= len(s) || !isWordByte(s[i+len(name)])
		if before && after {
			return i
		}
		off = i + len(name)
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// funcNames are the template's own functions, sorted.
func funcNames() []string {
	var out []string
	for n := range funcs(Data{}, ledger.ChannelEmail) {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// suggest is the candidate closest to name, if it is close enough to be
// a typo.
func suggest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if bestD > 2 || bestD >= len(name) {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// The type check walks every node of the parse tree, taken branch or not,
// and follows each field chain through the Go types of Data: a typo in an
// {{if}} that the samples never enter is caught all the same. A nil
// reflect.Type stands for a type that cannot be known before running
// (an interface value, the result of and/or): the check trusts it.

type tvar struct {
	name string
	t    reflect.Type
}

type typeChecker struct {
	name     string
	src      string
	funcs    map[string]reflect.Type
	trees    map[string]*parse.Tree
	vars     []tvar
	visiting map[string]bool
}

// errCheck carries a CheckError out of the walk.
type errCheck struct{ err *CheckError }

var (
	dataType   = reflect.TypeFor[Data]()
	stringType = reflect.TypeFor[string]()
	boolType   = reflect.TypeFor[bool]()
	intType    = reflect.TypeFor[int]()
	errorType  = reflect.TypeFor[error]()
)

func typeCheck(field, src string, tmpl *template.Template, fm template.FuncMap) (err error) {
	c := &typeChecker{name: field, src: src, funcs: map[string]reflect.Type{}, trees: map[string]*parse.Tree{},
		visiting: map[string]bool{}}
	for n, f := range fm {
		c.funcs[n] = reflect.TypeOf(f)
	}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil {
			c.trees[t.Name()] = t.Tree
		}
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(errCheck)
			if !ok {
				panic(r)
			}
			err = e.err
		}
	}()
	if tmpl.Tree == nil || tmpl.Tree.Root == nil {
		return nil
	}
	c.vars = []tvar{{"$", dataType}}
	c.visiting[tmpl.Name()] = true
	c.list(tmpl.Tree.Root, dataType)
	return nil
}

func (c *typeChecker) fail(pos int, fr, en string) {
	panic(errCheck{newCheckError(c.name, c.src, pos, fr, en)})
}

func (c *typeChecker) list(l *parse.ListNode, dot reflect.Type) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n, dot)
	}
}

func (c *typeChecker) node(n parse.Node, dot reflect.Type) {
	switch n := n.(type) {
	case *parse.ActionNode:
		c.pipe(n.Pipe, dot)
	case *parse.IfNode:
		mark := len(c.vars)
		c.pipe(n.Pipe, dot)
		c.list(n.List, dot)
		c.list(n.ElseList, dot)
		c.vars = c.vars[:mark]
	case *parse.WithNode:
		mark := len(c.vars)
		t := c.pipe(n.Pipe, dot)
		c.list(n.List, t)
		c.list(n.ElseList, dot)
		c.vars = c.vars[:mark]
	case *parse.RangeNode:
		mark := len(c.vars)
		decl := n.Pipe.Decl
		n.Pipe.Decl = nil
		t := c.pipe(n.Pipe, dot)
		n.Pipe.Decl = decl
		key, elem := rangeTypes(t)
		switch len(decl) {
		case 1:
			c.vars = append(c.vars, tvar{decl[0].Ident[0], elem})
		case 2:
			c.vars = append(c.vars, tvar{decl[0].Ident[0], key}, tvar{decl[1].Ident[0], elem})
		}
		c.list(n.List, elem)
		c.list(n.ElseList, dot)
		c.vars = c.vars[:mark]
	case *parse.TemplateNode:
		var t reflect.Type
		if n.Pipe != nil {
			t = c.pipe(n.Pipe, dot)
		}
		tree, ok := c.trees[n.Name]
		if !ok || c.visiting[n.Name] {
			return
		}
		c.visiting[n.Name] = true
		saved := c.vars
		c.vars = []tvar{{"$", t}}
		c.list(tree.Root, t)
		c.vars = saved
		c.visiting[n.Name] = false
	}
}

// rangeTypes are the key and element types of ranging over t.
func rangeTypes(t reflect.Type) (key, elem reflect.Type) {
	if t == nil {
		return nil, nil
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return intType, t.Elem()
	case reflect.Map:
		return t.Key(), t.Elem()
	case reflect.Chan:
		return t.Elem(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return t, t
	}
	return nil, nil
}

func (c *typeChecker) pipe(p *parse.PipeNode, dot reflect.Type) reflect.Type {
	if p == nil {
		return nil
	}
	var t reflect.Type
	for i, cmd := range p.Cmds {
		t = c.command(cmd, dot, t, i > 0)
	}
	for _, v := range p.Decl {
		name := v.Ident[0]
		if p.IsAssign {
			for i := len(c.vars) - 1; i >= 0; i-- {
				if c.vars[i].name == name {
					if c.vars[i].t != t {
						c.vars[i].t = nil
					}
					break
				}
			}
			continue
		}
		c.vars = append(c.vars, tvar{name, t})
	}
	return t
}

func (c *typeChecker) lookup(name string) reflect.Type {
	for i := len(c.vars) - 1; i >= 0; i-- {
		if c.vars[i].name == name {
			return c.vars[i].t
		}
	}
	return nil
}

// command checks one command of a pipeline; final is the value piped in
// from the previous command, when hasFinal.
func (c *typeChecker) command(cmd *parse.CommandNode, dot, final reflect.Type, hasFinal bool) reflect.Type {
	first := cmd.Args[0]
	args := make([]reflect.Type, 0, len(cmd.Args))
	for _, a := range cmd.Args[1:] {
		args = append(args, c.operand(a, dot))
	}
	if hasFinal {
		args = append(args, final)
	}
	switch n := first.(type) {
	case *parse.FieldNode:
		return c.chain(dot, n.Ident, c.chainStart(n), args)
	case *parse.ChainNode:
		return c.chain(c.operand(n.Node, dot), n.Field, int(n.Position()), args)
	case *parse.VariableNode:
		t := c.lookup(n.Ident[0])
		if len(n.Ident) == 1 {
			return t
		}
		return c.chain(t, n.Ident[1:], c.chainStart(n)+len(n.Ident[0]), args)
	case *parse.IdentifierNode:
		return c.call(n, args)
	case *parse.PipeNode:
		return c.pipe(n, dot)
	}
	return c.operand(first, dot)
}

// operand checks an argument and returns its type.
func (c *typeChecker) operand(n parse.Node, dot reflect.Type) reflect.Type {
	switch n := n.(type) {
	case *parse.FieldNode:
		return c.chain(dot, n.Ident, c.chainStart(n), nil)
	case *parse.ChainNode:
		return c.chain(c.operand(n.Node, dot), n.Field, int(n.Position()), nil)
	case *parse.VariableNode:
		t := c.lookup(n.Ident[0])
		if len(n.Ident) == 1 {
			return t
		}
		return c.chain(t, n.Ident[1:], c.chainStart(n)+len(n.Ident[0]), nil)
	case *parse.PipeNode:
		return c.pipe(n, dot)
	case *parse.IdentifierNode:
		return c.call(n, nil)
	case *parse.DotNode:
		return dot
	case *parse.StringNode:
		return stringType
	case *parse.BoolNode:
		return boolType
	}
	return nil // numbers and nil take the type they are given
}

// chainStart is the byte offset where a field or variable chain starts
// in the source: the parser positions a chain of several fields at its
// second one.
func (c *typeChecker) chainStart(n parse.Node) int {
	pos := int(n.Position())
	text := n.String()
	if strings.HasPrefix(c.src[min(pos, len(c.src)):], text) {
		return pos
	}
	firstLen := len(text)
	if i := strings.IndexByte(text[1:], '.'); i >= 0 {
		firstLen = i + 1
	}
	if p := pos - firstLen; p >= 0 && strings.HasPrefix(c.src[p:], text) {
		return p
	}
	return pos
}

// chain follows the field names idents from type t; start is the offset
// of the first "." in the source. args go to the last name, a method.
func (c *typeChecker) chain(t reflect.Type, idents []string, start int, args []reflect.Type) reflect.Type {
	off := start
	path := ""
	for i, name := range idents {
		last := i == len(idents)-1
		var a []reflect.Type
		if last {
			a = args
		}
		t = c.field(t, name, off, path, a)
		path += "." + name
		off += 1 + len(name)
		if t == nil {
			return nil
		}
	}
	return t
}

// field is the type of t.name, a field or a method called with args.
func (c *typeChecker) field(t reflect.Type, name string, pos int, path string, args []reflect.Type) reflect.Type {
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	if m, ok := t.MethodByName(name); ok && m.IsExported() {
		return c.checkCall(name, m.Type, 1, args, pos)
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch base.Kind() {
	case reflect.Struct:
		if f, ok := base.FieldByName(name); ok && f.IsExported() {
			if len(args) > 0 {
				c.fail(pos, fmt.Sprintf("« %s » est une valeur, pas une fonction : elle ne prend pas d’argument.", path+"."+name),
					fmt.Sprintf("%q is a value, not a function: it takes no argument.", path+"."+name))
			}
			return f.Type
		}
	case reflect.Map:
		if base.Key().Kind() == reflect.String {
			return base.Elem()
		}
	}
	names := memberNames(t)
	where := typeLabel(t)
	fr := fmt.Sprintf("variable inconnue « %s » : %s n’a pas de champ « %s »", path+"."+name, where, name)
	en := fmt.Sprintf("unknown variable %q: %s has no field %q", path+"."+name, where, name)
	if s := suggest(name, names); s != "" {
		fr += fmt.Sprintf(" (vouliez-vous dire « %s » ?)", s)
		en += fmt.Sprintf(" (did you mean %q?)", s)
	}
	if len(names) > 0 {
		fr += ". Champs disponibles : " + strings.Join(names, ", ") + "."
		en += ". Available fields: " + strings.Join(names, ", ") + "."
	}
	c.fail(pos, fr, en)
	return nil
}

// typeLabel names a type for the user: "Data", "Debtor", "Line".
func typeLabel(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}

// memberNames are the exported fields and methods a template may use on t.
func memberNames(t reflect.Type) []string {
	seen := map[string]bool{}
	for i := range t.NumMethod() {
		seen[t.Method(i).Name] = true
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	if base.Kind() == reflect.Struct {
		for i := range base.NumField() {
			if f := base.Field(i); f.IsExported() {
				seen[f.Name] = true
			}
		}
	}
	// Methods that exist for the database or encoders, not for templates.
	for _, n := range []string{"Value", "Scan", "MarshalText", "UnmarshalText", "Time"} {
		delete(seen, n)
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// call checks a call of a function by name.
func (c *typeChecker) call(n *parse.IdentifierNode, args []reflect.Type) reflect.Type {
	switch n.Ident {
	case "and", "or", "call":
		return nil
	case "not", "eq", "ne", "lt", "le", "gt", "ge":
		return boolType
	case "len":
		return intType
	case "print", "printf", "println", "html", "js", "urlquery":
		return stringType
	case "slice":
		if len(args) > 0 {
			return args[0]
		}
		return nil
	case "index":
		if len(args) == 0 {
			return nil
		}
		t := args[0]
		for range args[1:] {
			if t == nil {
				return nil
			}
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			switch t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				t = t.Elem()
			case reflect.String:
				t = reflect.TypeFor[byte]()
			default:
				return nil
			}
		}
		return t
	}
	ft, ok := c.funcs[n.Ident]
	if !ok {
		return nil // the parser already refused an unknown function
	}
	return c.checkCall(n.Ident, ft, 0, args, int(n.Position()))
}

// checkCall checks the number and types of the arguments of a function
// or method (skip is 1 for a method's receiver) and returns its result.
func (c *typeChecker) checkCall(name string, ft reflect.Type, skip int, args []reflect.Type, pos int) reflect.Type {
	in := ft.NumIn() - skip
	ok := len(args) == in
	if ft.IsVariadic() {
		ok = len(args) >= in-1
	}
	if !ok {
		c.fail(pos, fmt.Sprintf("« %s » attend %d argument(s), %d donné(s).", name, in, len(args)),
			fmt.Sprintf("%q takes %d argument(s), %d given.", name, in, len(args)))
	}
	for i, a := range args {
		if a == nil {
			continue
		}
		var want reflect.Type
		if ft.IsVariadic() && i >= in-1 {
			want = ft.In(skip + in - 1).Elem()
		} else {
			want = ft.In(skip + i)
		}
		if !assignable(a, want) {
			c.fail(pos, fmt.Sprintf("argument %d de « %s » : attendu « %s », reçu « %s ».", i+1, name, typeWord("fr", want), typeWord("fr", a)),
				fmt.Sprintf("argument %d of %q: want %s, got %s.", i+1, name, typeWord("en", want), typeWord("en", a)))
		}
	}
	switch {
	case ft.NumOut() == 0:
		return nil
	case ft.NumOut() == 2 && ft.Out(1) != errorType:
		return nil
	}
	return ft.Out(0)
}

func assignable(a, want reflect.Type) bool {
	switch {
	case a.AssignableTo(want):
		return true
	case want.Kind() == reflect.Interface && a.Implements(want):
		return true
	case a.Kind() == reflect.Pointer && a.Elem().AssignableTo(want):
		return true
	case reflect.PointerTo(a).AssignableTo(want):
		return true
	}
	return false
}

// typeWord names a Go type in words for a template's author.
func typeWord(lang string, t reflect.Type) string {
	words := map[string][2]string{
		"money.Amount":   {"montant", "an amount"},
		"civil.Date":     {"date", "a date"},
		"string":         {"texte", "a text"},
		"int":            {"nombre entier", "a whole number"},
		"bool":           {"vrai ou faux", "a boolean"},
		"ledger.Channel": {"canal", "a channel"},
	}
	if w, ok := words[t.String()]; ok {
		if lang == "en" {
			return w[1]
		}
		return w[0]
	}
	return t.String()
}

package einvoice

import (
	"bytes"
	"context"
	"strconv"
)

// pdfStream is a stream object: its dictionary and its raw (encoded)
// bytes, a slice of the file.
type pdfStream struct {
	pos  int // offset of its "N G obj" in the file
	dict pdfDict
	raw  []byte
}

// pdfObject is an indirect object and where it was found: a later
// definition (an incremental update) replaces an earlier one.
type pdfObject struct {
	num int
	val any // a value, or *pdfStream
	pos int // offset in the file, or of the object stream holding it
}

// pdfFile is what the scanner found in a PDF.
type pdfFile struct {
	objects map[int]pdfObject
	streams []*pdfStream // in file order
	bud     budget
}

// resolver follows references; it is the pdfFile, or nothing.
type resolver interface{ resolve(v any) any }

// resolve follows a chain of references (a few hops at most).
func (f *pdfFile) resolve(v any) any {
	for range 8 {
		r, ok := v.(pdfRef)
		if !ok {
			return v
		}
		o, ok := f.objects[r.num]
		if !ok {
			return nil
		}
		v = o.val
	}
	return nil
}

// maxObjStmObjects bounds how many objects one object stream may claim.
const maxObjStmObjects = 100000

// scanPDF reads every "N G obj" of data in order, without the
// cross-reference table: it finds objects even in a damaged or
// incrementally updated file, and skips each stream's bytes by its
// /Length (or by its "endstream"). Object streams (PDF 1.5) are then
// inflated and their objects added.
func scanPDF(ctx context.Context, data []byte) (*pdfFile, error) {
	f := &pdfFile{objects: map[int]pdfObject{}, bud: budget{left: maxInflatedTotal}}
	pos, endobj := 0, -1
	for count := 0; ; count++ {
		if count%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		i := bytes.Index(data[pos:], []byte("obj"))
		if i < 0 {
			break
		}
		at := pos + i
		pos = at + 3
		num, ok := objHeader(data, at)
		if !ok || (pos < len(data) && !isPDFSpace(data[pos]) && !isPDFDelim(data[pos])) {
			continue
		}
		// An object is read no further than the next "endobj", so that
		// a damaged one (an unclosed string or dictionary) cannot
		// swallow the objects after it.
		if endobj < pos {
			if j := bytes.Index(data[pos:], []byte("endobj")); j >= 0 {
				endobj = pos + j
			} else {
				endobj = len(data)
			}
		}
		l := pdfLexer{b: data[:endobj], pos: pos}
		v, err := l.value(0)
		if err != nil {
			pos = max(pos, l.pos) // a damaged object is skipped
			continue
		}
		pos = l.pos
		if d, isDict := v.(pdfDict); isDict {
			if s, end, isStream := streamAfter(data, pos, d); isStream {
				s.pos = at
				v = s
				f.streams = append(f.streams, s)
				pos = end
			}
		}
		f.objects[num] = pdfObject{num: num, val: v, pos: at}
	}
	for _, s := range f.streams {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if t, _ := s.dict["Type"].(pdfName); t == "ObjStm" {
			f.expandObjStm(s)
		}
	}
	return f, nil
}

// objHeader checks that "obj" at data[at:] follows "num gen " at the
// start of a token, and returns num.
func objHeader(data []byte, at int) (int, bool) {
	p := at
	back := func(want func(byte) bool, most int) int {
		n := 0
		for p > 0 && n < most && want(data[p-1]) {
			p--
			n++
		}
		return n
	}
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	if back(isPDFSpace, 16) == 0 {
		return 0, false
	}
	if back(digit, 5) == 0 {
		return 0, false
	}
	if back(isPDFSpace, 16) == 0 {
		return 0, false
	}
	end := p
	if back(digit, 10) == 0 {
		return 0, false
	}
	if p > 0 && !isPDFSpace(data[p-1]) && !isPDFDelim(data[p-1]) {
		return 0, false
	}
	num, err := strconv.Atoi(string(data[p:end]))
	if err != nil || num > 1<<30 {
		return 0, false
	}
	return num, true
}

// streamAfter reads the "stream … endstream" that may follow a
// dictionary ending at pos, and returns it with the offset after it.
func streamAfter(data []byte, pos int, d pdfDict) (*pdfStream, int, bool) {
	l := pdfLexer{b: data, pos: pos}
	l.skipSpace()
	if !bytes.HasPrefix(data[l.pos:], []byte("stream")) {
		return nil, 0, false
	}
	start := l.pos + len("stream")
	// The keyword is followed by CR LF or LF (a lone CR is tolerated).
	if bytes.HasPrefix(data[start:], []byte("\r\n")) {
		start += 2
	} else if start < len(data) && (data[start] == '\n' || data[start] == '\r') {
		start++
	}
	if n, ok := d["Length"].(int64); ok && n >= 0 && n <= int64(len(data)-start) {
		end := start + int(n)
		after := pdfLexer{b: data, pos: end}
		after.skipSpace()
		if bytes.HasPrefix(data[after.pos:], []byte("endstream")) {
			return &pdfStream{dict: d, raw: data[start:end]}, after.pos + len("endstream"), true
		}
	}
	// An indirect or wrong /Length: the data ends at "endstream", less
	// the end of line before it.
	i := bytes.Index(data[start:], []byte("endstream"))
	if i < 0 {
		return &pdfStream{dict: d, raw: data[start:]}, len(data), true
	}
	end := start + i
	raw := data[start:end]
	raw = bytes.TrimSuffix(raw, []byte("\n"))
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	return &pdfStream{dict: d, raw: raw}, end + len("endstream"), true
}

// expandObjStm adds the objects of an object stream: its header is N
// pairs "number offset", offsets counted from /First.
func (f *pdfFile) expandObjStm(s *pdfStream) {
	n, _ := f.resolve(s.dict["N"]).(int64)
	first, _ := f.resolve(s.dict["First"]).(int64)
	if n <= 0 || n > maxObjStmObjects || first < 0 {
		return
	}
	data, err := decodeStream(s, f, maxInflated, &f.bud)
	if err != nil || first > int64(len(data)) {
		return
	}
	pos, work := s.pos, 0
	hdr := pdfLexer{b: data[:first]}
	for range n {
		num, ok1 := hdr.value(0)
		off, ok2 := hdr.value(0)
		o, isInt := num.(int64)
		offset, isOff := off.(int64)
		if ok1 != nil || ok2 != nil || !isInt || !isOff || o < 0 || o > 1<<30 || offset < 0 || first+offset >= int64(len(data)) {
			return
		}
		if old, seen := f.objects[int(o)]; seen && old.pos > pos {
			continue
		}
		l := pdfLexer{b: data, pos: int(first + offset)}
		v, err := l.value(0)
		// Offsets may all point at one large object: stop once the
		// stream has been read over a few times.
		if work += l.pos - int(first+offset); work > 4*len(data)+4096 {
			return
		}
		if err != nil {
			continue
		}
		f.objects[int(o)] = pdfObject{num: int(o), val: v, pos: pos}
	}
}

package einvoice

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
)

// Limits of the PDF decoder. A stream may not inflate beyond
// maxInflated; all the streams of one file together may not inflate
// beyond maxInflatedTotal, so a file of many small bombs costs no more
// than one big one.
const (
	maxInflated      = 10 << 20
	maxInflatedTotal = 64 << 20
)

var (
	errTooLarge          = errors.New("pdf: stream inflates beyond the limit")
	errBudget            = errors.New("pdf: the file inflates beyond the limit")
	errUnsupportedFilter = errors.New("pdf: unsupported filter")
)

// budget is what is left of maxInflatedTotal.
type budget struct{ left int64 }

// decodeStream applies the stream's filters to its raw bytes, producing
// at most limit bytes (and no more than the budget holds): beyond, it
// returns errTooLarge with the first bytes. Only the
// filters embedded files and object streams use are known: FlateDecode
// (without predictor), ASCIIHexDecode and ASCII85Decode.
func decodeStream(s *pdfStream, res resolver, limit int64, bud *budget) ([]byte, error) {
	filters := res.resolve(s.dict["Filter"])
	params := res.resolve(s.dict["DecodeParms"])
	var names []pdfName
	var parms []any
	switch f := filters.(type) {
	case nil:
	case pdfName:
		names, parms = []pdfName{f}, []any{params}
	case pdfArray:
		for i, v := range f {
			n, ok := res.resolve(v).(pdfName)
			if !ok {
				return nil, errUnsupportedFilter
			}
			names = append(names, n)
			var p any
			if pa, ok := params.(pdfArray); ok && i < len(pa) {
				p = pa[i]
			}
			parms = append(parms, p)
		}
	default:
		return nil, errUnsupportedFilter
	}
	data := s.raw
	for i, name := range names {
		clamped := limit > bud.left
		if clamped {
			limit = bud.left
		}
		if limit <= 0 {
			return nil, errBudget
		}
		var r io.Reader
		switch name {
		case "FlateDecode", "Fl":
			if p, ok := res.resolve(parms[i]).(pdfDict); ok {
				if pred, ok := res.resolve(p["Predictor"]).(int64); ok && pred > 1 {
					return nil, fmt.Errorf("%w: predictor %d", errUnsupportedFilter, pred)
				}
			}
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				// Some writers leave out the zlib header: raw deflate.
				r = flate.NewReader(bytes.NewReader(data))
			} else {
				r = zr
			}
		case "ASCIIHexDecode", "AHx":
			l := pdfLexer{b: append([]byte{'<'}, data...)}
			data = l.hex()
			continue
		case "ASCII85Decode", "A85":
			d := bytes.TrimSpace(data)
			d = bytes.TrimPrefix(d, []byte("<~"))
			if i := bytes.Index(d, []byte("~>")); i >= 0 {
				d = d[:i]
			}
			r = ascii85.NewDecoder(bytes.NewReader(d))
		default:
			return nil, fmt.Errorf("%w: %s", errUnsupportedFilter, name)
		}
		out, err := readLimited(r, limit)
		bud.left -= int64(len(out))
		if err != nil {
			// errTooLarge comes with the first limit bytes, enough to
			// sniff what the stream holds.
			if clamped && errors.Is(err, errTooLarge) {
				err = errBudget
			}
			return out, err
		}
		data = out
	}
	return data, nil
}

// readLimited reads r to its end, refusing more than limit bytes. A
// stream cut short or with a wrong checksum still gives what it holds:
// the XML reader judges whether that is enough.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if int64(buf.Len()) > limit {
		return buf.Bytes()[:limit], errTooLarge
	}
	if err != nil && buf.Len() == 0 {
		return nil, fmt.Errorf("pdf: decode stream: %w", err)
	}
	return buf.Bytes(), nil
}

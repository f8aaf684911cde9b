package web

import (
	"bytes"
	"encoding/json"
	"errors"
)

// objectDecoder walks the top-level fields of a JSON object in order.
type objectDecoder struct {
	dec     *json.Decoder
	started bool
	err     error
}

func newObjectDecoder(raw []byte) *objectDecoder {
	return &objectDecoder{dec: json.NewDecoder(bytes.NewReader(raw))}
}

// next returns the next field, its value as text (a string unquoted, any
// other value as its JSON), and false at the end or on an error.
func (o *objectDecoder) next() (key, value string, ok bool) {
	if o.err != nil {
		return "", "", false
	}
	if !o.started {
		o.started = true
		tok, err := o.dec.Token()
		if err != nil || tok != json.Delim('{') {
			o.err = errors.Join(err, errors.New("payload is not a JSON object"))
			return "", "", false
		}
	}
	if !o.dec.More() {
		return "", "", false
	}
	tok, err := o.dec.Token()
	if err != nil {
		o.err = err
		return "", "", false
	}
	key, _ = tok.(string)
	var raw json.RawMessage
	if err := o.dec.Decode(&raw); err != nil {
		o.err = err
		return "", "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return key, s, true
	}
	return key, string(raw), true
}

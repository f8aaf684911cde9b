package api

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// contentType is the media type of every API response.
const contentType = "application/json; charset=utf-8"

// writeJSON encodes v whole before writing anything, so that an encoding
// failure can still be answered with a proper error.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %T: %w", v, err)
	}
	writeBody(w, status, append(b, '\n'))
	return nil
}

// writeBody writes an encoded JSON body. API answers are about people and
// their debts: no cache may keep them.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// list is the envelope of every list response.
type list[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

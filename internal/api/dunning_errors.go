package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/message"
)

// refusal is a request of the dunning routes that was understood and
// refused for what it says (422): a scenario that does not hold, a
// template that would not render, an amount that is not positive. Unlike
// a malformed request (400), it names the field of the body at fault,
// and for a template the line and the column.
type refusal struct {
	field   string
	message string
	line    int
	column  int
}

func (e *refusal) Error() string { return e.field + ": " + e.message }

// refusalBody is the JSON of a refusal: the error object of every error,
// with where the fault is.
type refusalBody struct {
	Error refusalDetail `json:"error"`
}

type refusalDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// refuse turns the invalid-input error of a body's content (a ledger
// field error, a template's *message.CheckError) into a refusal; other
// errors (not found, conflict, internal) are returned as they are.
func refuse(err error) error {
	if err == nil {
		return nil
	}
	var ce *message.CheckError
	if errors.As(err, &ce) {
		// "Body, line 2, column 5: …": the field is said apart.
		msg := ce.EN
		if _, rest, ok := strings.Cut(msg, ", "); ok && strings.HasPrefix(rest, "line ") {
			msg = rest
		}
		return &refusal{field: ce.Field, message: msg, line: ce.Line, column: ce.Col}
	}
	var le *ledger.Error
	if errors.As(err, &le) && le.Code == ledger.EInvalid {
		field := le.Field
		if field == "" {
			field = "body"
		}
		return &refusal{field: field, message: le.Message}
	}
	return err
}

// invalid is a refusal of field.
func invalid(field, message string) error { return &refusal{field: field, message: message} }

// handler is what serves a route.
type handler = func(a *API, w http.ResponseWriter, r *http.Request) error

// refusing serves h, answering its refusals with 422 and the field at
// fault; any other error goes to the usual error answer.
func refusing(h handler) handler {
	return func(a *API, w http.ResponseWriter, r *http.Request) error {
		err := h(a, w, r)
		var re *refusal
		if !errors.As(err, &re) {
			return err
		}
		return writeJSON(w, http.StatusUnprocessableEntity, refusalBody{refusalDetail{
			Code: ledger.EInvalid, Message: re.field + ": " + re.message, Field: re.field, Line: re.line, Column: re.column}})
	}
}

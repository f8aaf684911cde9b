package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/recouvre/recouvre/internal/ledger"
)

// statusOf maps the ledger's stable error codes to HTTP statuses.
var statusOf = map[string]int{
	ledger.ENotFound:     http.StatusNotFound,
	ledger.EInvalid:      http.StatusBadRequest,
	ledger.EConflict:     http.StatusConflict,
	ledger.EUnauthorized: http.StatusUnauthorized,
	ledger.EForbidden:    http.StatusForbidden,
	ledger.EInternal:     http.StatusInternalServerError,
}

// internalMessage is all a client learns of an unexpected failure.
const internalMessage = "Internal error."

// fail answers err as a JSON error. Domain errors keep their code and
// message; any other error is logged and masked as internal.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	if errors.As(err, &he) {
		writeError(w, he.status, he.code, he.message)
		return
	}
	code := ledger.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok || code == ledger.EInternal {
		// The query is left out of the log: it may carry search terms
		// about people.
		a.log.LogAttrs(r.Context(), slog.LevelError, "api: request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		writeError(w, http.StatusInternalServerError, ledger.EInternal, internalMessage)
		return
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", challenge(r))
	}
	writeError(w, status, code, errorMessage(err))
}

// errorMessage is a domain error's message, prefixed with the field (the
// query or path parameter) it is about when it names one.
func errorMessage(err error) string {
	var e *ledger.Error
	if errors.As(err, &e) && e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return ledger.ErrorMessage(err)
}

// The error codes of HTTP's own, which the ledger has no use for.
const (
	codeTooLarge             = "too_large"
	codeUnsupportedMediaType = "unsupported_media_type"
)

// httpError is a refusal of the request as HTTP carries it (its size, its
// media type) rather than of what it asks: it has its own status and code.
type httpError struct {
	status  int
	code    string
	message string
}

func (e *httpError) Error() string { return e.code + ": " + e.message }

// errorBody is the JSON form of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError writes an error response; it cannot fail to encode.
func writeError(w http.ResponseWriter, status int, code, message string) {
	_ = writeJSON(w, status, errorBody{errorDetail{Code: code, Message: message}})
}

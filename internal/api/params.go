package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/recouvre/recouvre/internal/ledger"
)

// Page sizes of every list.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// query parses the request's query string. Unlike URL.Query, it refuses
// a malformed one rather than dropping the pairs it cannot read, which
// would silently widen a filter.
func query(r *http.Request) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, ledger.FieldError("query", "malformed query string")
	}
	return q, nil
}

// page is the paging of a list request.
type page struct {
	limit int
	after int64
}

// pageParams reads limit and cursor for list.
func pageParams(q url.Values, list string) (page, error) {
	p := page{limit: defaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, ledger.FieldError("limit", "want an integer from 1 to %d, got %q", maxLimit, s)
		}
		p.limit = n
	}
	after, err := decodeCursor(list, q.Get("cursor"))
	if err != nil {
		return p, err
	}
	p.after = after
	return p, nil
}

// pathID reads the {id} of the path: a positive integer.
func pathID(r *http.Request) (int64, error) {
	return parseID("id", r.PathValue("id"))
}

// optionalID reads an id query parameter, 0 when absent.
func optionalID(q url.Values, name string) (int64, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	return parseID(name, s)
}

func parseID(name, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, ledger.FieldError(name, "want a positive integer id, got %q", s)
	}
	return id, nil
}

// boolParam reads a boolean query parameter, false when absent.
func boolParam(q url.Values, name string) (bool, error) {
	s := q.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, ledger.FieldError(name, "want true or false, got %q", s)
	}
	return b, nil
}

// enumParam reads a query parameter that must be one of allowed, "" when
// absent.
func enumParam(q url.Values, name string, allowed []string) (string, error) {
	s := q.Get(name)
	if s == "" || slices.Contains(allowed, s) {
		return s, nil
	}
	return "", ledger.FieldError(name, "want one of %v, got %q", allowed, s)
}

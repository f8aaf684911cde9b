package api

import (
	_ "embed"
	"net/http"
)

// openAPI is the hand-written OpenAPI 3.0.3 description of the API. A test
// checks it describes exactly the route table and that real responses
// conform to it.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the embedded OpenAPI document.
func OpenAPI() []byte { return append([]byte(nil), openAPI...) }

// openAPIDocument serves GET /api/v1/openapi.json, without authentication:
// it describes the API, not anyone's data.
func (a *API) openAPIDocument(w http.ResponseWriter, _ *http.Request) error {
	writeBody(w, http.StatusOK, openAPI)
	return nil
}

package api

// SetMaxUpload lowers the largest body POST /imports reads, so that a test
// reaches the limit without sending hundreds of megabytes.
func (a *API) SetMaxUpload(n int64) { a.maxUpload = n }

package api

import (
	"github.com/recouvre/recouvre/internal/cycle"
	"log/slog"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/store"
)

// Options is what the API needs.
type Options struct {
	Store  store.Store
	Now    func() time.Time // time.Now when nil
	Logger *slog.Logger     // slog.Default() when nil
	// Banking imports statements and keeps the lettrage; one over Store
	// and Now when nil.
	Banking *banking.Service
	// Cycle is the dunning engine; one over Store without channels when
	// nil.
	Cycle *cycle.Engine
}

// API serves the JSON API. Build it with New and mount it with Register.
type API struct {
	cycle   *cycle.Engine
	store   store.Store
	bank    *banking.Service
	now     func() time.Time
	log     *slog.Logger
	handler http.Handler // the routes, and JSON answers for unknown paths and methods
	// maxUpload is the largest body POST /imports reads: maxImportSize,
	// lowered by the tests of the limit.
	maxUpload int64
}

// New builds the API. It panics without a store, a programming error.
func New(o Options) *API {
	if o.Store == nil {
		panic("api: Options.Store is nil")
	}
	a := &API{store: o.Store, now: o.Now, log: o.Logger, maxUpload: maxImportSize}
	if a.now == nil {
		a.now = time.Now
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.cycle = o.Cycle; a.cycle == nil {
		a.cycle = &cycle.Engine{Store: o.Store, Log: a.log, Now: a.now}
	}
	if a.bank = o.Banking; a.bank == nil {
		a.bank = banking.New(o.Store, a.now)
	}
	a.handler = a.routes()
	return a
}

// prefixMethods are the methods for which Register claims the whole /api/v1
// tree. A pattern with a method and the prefix never conflicts with the web
// interface's patterns (a method-less "/api/v1/" would conflict with a
// "GET /" there), and it lets the API answer a wrong method in JSON.
var prefixMethods = []string{
	http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions,
}

// Register mounts the API on mux under /api/v1.
func (a *API) Register(mux *http.ServeMux) {
	for _, m := range prefixMethods {
		mux.Handle(m+" "+Prefix, a.handler)
		mux.Handle(m+" "+Prefix+"/", a.handler)
	}
}

// today is the civil date the balances and statuses are computed for.
func (a *API) today() civil.Date {
	return civil.Today(a.now(), civil.Paris)
}

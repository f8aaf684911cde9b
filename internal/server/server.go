// Package server assembles recouvre's HTTP edge: the web pages, the JSON
// API, health probes, protection against cross-site request forgery,
// request logging, and a graceful shutdown.
package server

import (
	"os"

	"context"
	"errors"
	"fmt"
	"github.com/recouvre/recouvre/internal/cycle"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/api"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/web"
)

// Config is what the server needs.
type Config struct {
	Store         store.Store
	Now           func() time.Time
	Logger        *slog.Logger
	SecureCookies bool
	// Cycle is the dunning engine the pages and the API run; one with
	// the instance's channels (RECOUVRE_SMTP_URL…) when nil.
	Cycle *cycle.Engine
}

// Handler builds the whole HTTP handler.
func Handler(cfg Config) (http.Handler, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Cycle == nil {
		cfg.Cycle = &cycle.Engine{Store: cfg.Store, Log: cfg.Logger, Channels: cycle.DefaultChannels(os.Getenv), Now: cfg.Now}
	}
	mux := http.NewServeMux()
	ui, err := web.New(web.Options{Store: cfg.Store, Now: cfg.Now, Logger: cfg.Logger, SecureCookies: cfg.SecureCookies, Cycle: cfg.Cycle})
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	ui.Register(mux)
	api.New(api.Options{Store: cfg.Store, Now: cfg.Now, Logger: cfg.Logger, Cycle: cfg.Cycle}).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := cfg.Store.Ping(ctx); err != nil {
			cfg.Logger.Warn("not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("store unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	return logRequests(cfg.Logger, http.NewCrossOriginProtection().Handler(mux)), nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// logRequests logs each request's method, path (never its query, which may
// carry search terms about people), status and duration.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "http",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("took", time.Since(start)))
	})
}

// Serve listens on addr until ctx ends, then shuts down gracefully, giving
// requests in flight up to 10 seconds. ready, when not nil, receives the
// address actually bound (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/logtest"
	"github.com/recouvre/recouvre/internal/server"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// syncBuffer collects log output from concurrent handlers.
type syncBuffer = logtest.Buffer

// start serves the whole handler on a free port until the test ends.
func start(t *testing.T) (base string, logs *syncBuffer, stop func() error) {
	t.Helper()
	st := storetest.Open(t)
	logs = &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	h, err := server.Handler(server.Config{Store: st, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, "127.0.0.1:0", h, log, func(a net.Addr) { addr <- a }) }()
	base = "http://" + (<-addr).String()
	var once sync.Once
	var serveErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			serveErr = <-done
		})
		return serveErr
	}
	t.Cleanup(func() { _ = stop() })
	return base, logs, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestHealth(t *testing.T) {
	t.Parallel()
	base, _, _ := start(t)
	for path, want := range map[string]string{"/healthz": "ok\n", "/readyz": "ready\n"} {
		if code, body := get(t, base+path); code != http.StatusOK || body != want {
			t.Errorf("GET %s: %d %q", path, code, body)
		}
	}
}

// TestLogsLeaveQueriesOut: search terms name people; the request log keeps
// the path alone.
func TestLogsLeaveQueriesOut(t *testing.T) {
	t.Parallel()
	base, logs, _ := start(t)
	get(t, base+"/debtors?q=Jeanne+Dupont")
	get(t, base+"/api/v1/debtors?q=Jeanne+Dupont")
	out := logs.String()
	if !strings.Contains(out, "path=/debtors") || !strings.Contains(out, "path=/api/v1/debtors") {
		t.Errorf("requests not logged:\n%s", out)
	}
	if strings.Contains(out, "Jeanne") || strings.Contains(out, "Dupont") {
		t.Errorf("a search term reached the log:\n%s", out)
	}
}

// TestGracefulShutdown: a request in flight when the server is asked to
// stop is answered; then the server refuses new connections.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	base, _, stop := start(t)
	// A slow upload keeps a request in flight while the server stops.
	pr, pw := io.Pipe()
	result := make(chan int, 1)
	go func() {
		res, err := http.Post(base+"/login", "application/x-www-form-urlencoded", pr)
		if err != nil {
			result <- -1
			return
		}
		res.Body.Close()
		result <- res.StatusCode
	}()
	_, _ = pw.Write([]byte("email=a%40b.test&"))
	time.Sleep(100 * time.Millisecond)
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(100 * time.Millisecond)
	_, _ = pw.Write([]byte("password=x"))
	pw.Close()
	if code := <-result; code != http.StatusUnauthorized {
		t.Errorf("the request in flight got %d, want 401", code)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Serve returned %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

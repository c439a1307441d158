package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestABurstReleasesEveryClientOnItsOwnConnectionAndKeepsTheLastArrivals(t *testing.T) {
	bodies := map[string]string{"/": "<html>page</html>", "/app.js": "script", "/web/app.wasm": strings.Repeat("w", 100_000)}
	var connections, requests atomic.Int64
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	s.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	s.Start()
	defer s.Close()

	paths := []string{"/", "/app.js", "/web/app.wasm"}
	sizes := []int64{int64(len(bodies["/"])), int64(len(bodies["/app.js"])), int64(len(bodies["/web/app.wasm"]))}
	r := burst(context.Background(), s.URL, paths, sizes, 20, "")
	if r.requests != 60 || requests.Load() != 60 || r.non2xx != 0 || r.errors != 0 {
		t.Errorf("20 clients of 3 paths: %d requests counted, %d served, %d non-2xx, %d errors: %q", r.requests, requests.Load(), r.non2xx, r.errors, r.firstErrors)
	}
	if n := connections.Load(); n != 20 {
		t.Errorf("20 clients opened %d connections", n)
	}
	for i, p := range paths {
		if r.lastFirstByte[i] <= 0 || r.lastFirstByte[i] > r.lastComplete[i] {
			t.Errorf("%s: last first byte at %s, last complete at %s", p, r.lastFirstByte[i], r.lastComplete[i])
		}
	}
	// Each client asks for the paths in turn, so the last of each comes later.
	if !(r.lastComplete[0] <= r.lastComplete[1] && r.lastComplete[1] <= r.lastComplete[2]) {
		t.Errorf("last complete responses out of order: %v", r.lastComplete)
	}
	if first, complete := r.last(); first != r.lastFirstByte[2] || complete != r.lastComplete[2] {
		t.Errorf("last() = %s, %s; want the WebAssembly's %s, %s", first, complete, r.lastFirstByte[2], r.lastComplete[2])
	}
}

func TestABurstCountsFailuresAndGoesOn(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("short"))
	}))
	defer s.Close()
	r := burst(context.Background(), s.URL, []string{"/missing", "/short", "/ok"}, []int64{19, 6, 5}, 4, "")
	if r.requests != 12 || r.non2xx != 4 || r.errors != 4 {
		t.Errorf("4 clients: %d requests, %d non-2xx, %d errors; want 12, 4 (the 404s), 4 (the short bodies)", r.requests, r.non2xx, r.errors)
	}
	if r.lastComplete[0] != 0 || r.lastComplete[1] != 0 || r.lastComplete[2] == 0 {
		t.Errorf("only the good path should have times: %v", r.lastComplete)
	}
}

func TestABurstOnlyGoesToLoopback(t *testing.T) {
	start := time.Now()
	r := burst(context.Background(), "http://example.com", []string{"/"}, []int64{1}, 3, "")
	if r.errors == 0 || r.requests != 0 || time.Since(start) > 5*time.Second {
		t.Errorf("a burst at example.com: %d requests, %d errors", r.requests, r.errors)
	}
}

package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestItSendsRequestsToLoopbackOnly(t *testing.T) {
	for _, u := range []string{"http://example.com/", "http://localhost:80/", "http://10.0.0.1/", "https://127.0.0.1/", "http://[::1]:80/", "http://127.0.0.2/"} {
		if loopbackOnly(u) == nil {
			t.Errorf("loopbackOnly accepted %s", u)
		}
	}
	if err := loopbackOnly("http://127.0.0.1:8000/web/app.wasm"); err != nil {
		t.Errorf("loopbackOnly refused 127.0.0.1: %v", err)
	}
	for _, addr := range []string{"example.com:80", "10.0.0.1:80", "[::1]:80", "127.0.0.2:80"} {
		if c, err := dialLoopback(context.Background(), "tcp", addr); err == nil {
			c.Close()
			t.Errorf("dialLoopback connected to %s", addr)
		}
	}
}

func TestALoadCountsRequestsAndFailures(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("hello"))
	}))
	defer s.Close()
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Skipf("the test server is not on 127.0.0.1: %s", s.URL)
	}

	start := time.Now()
	ok := load(context.Background(), s.URL+"/", 5, 4, 200*time.Millisecond, "")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a load of 200 ms took %s", took)
	}
	if ok.requests == 0 || ok.errors != 0 || ok.non2xx != 0 || len(ok.latencies) != ok.requests {
		t.Errorf("a healthy load gave %d requests, %d errors, %d non-2xx, %d latencies", ok.requests, ok.errors, ok.non2xx, len(ok.latencies))
	}
	if ok.percentile(50) > ok.percentile(99) || ok.percentile(99) == 0 {
		t.Errorf("p50 %s, p99 %s", ok.percentile(50), ok.percentile(99))
	}

	bad := load(context.Background(), s.URL+"/missing", 19, 2, 50*time.Millisecond, "")
	if bad.non2xx == 0 || bad.non2xx != bad.requests {
		t.Errorf("a load of 404s counted %d non-2xx of %d requests", bad.non2xx, bad.requests)
	}
	short := load(context.Background(), s.URL+"/", 6, 2, 50*time.Millisecond, "")
	if short.errors == 0 {
		t.Errorf("a body shorter than expected was not counted as an error")
	}
}

func TestTheBaselineServesTheAppsBytesAtTheAppsPaths(t *testing.T) {
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("the app's answer to " + r.URL.RequestURI()))
	}))
	defer app.Close()
	paths := []string{"/", "/concepts/debate", "/app.css?v=2", "/web/app.wasm", "/manifest.webmanifest"}
	s, err := mirror(app.URL, paths)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(s.dir)
	files := httptest.NewServer(http.FileServer(http.Dir(s.dir)))
	defer files.Close()
	if err := s.servedBy(files.URL); err != nil {
		t.Error(err)
	}
	if sizes := s.sizes(paths); sizes[3] != int64(len("the app's answer to /web/app.wasm")) {
		t.Errorf("sizes = %v", sizes)
	}
	// A server with other bytes is caught.
	if err := s.servedBy(app.URL + "/elsewhere"); err == nil {
		t.Error("servedBy accepted a server that answers differently")
	}
}

func TestTheIssuesTargetsForAPage(t *testing.T) {
	// requests in one second, and a p99 of the given milliseconds
	measured := func(requests int, p99 time.Duration) result {
		latencies := make([]time.Duration, requests)
		for i := range latencies {
			latencies[i] = p99 * time.Millisecond
		}
		return result{requests: requests, elapsed: time.Second, latencies: latencies}
	}
	for _, c := range []struct {
		app, base       result
		rateMet, p99Met bool
	}{
		{measured(80, 20), measured(100, 10), true, true},   // exactly 0.8x and 2x
		{measured(79, 21), measured(100, 10), false, false}, // just under and over
		{measured(300, 5), measured(100, 10), true, true},   // faster than the file server
		{result{}, measured(100, 10), false, false},         // the app answered nothing
	} {
		got := checkTargets(c.app, c.base)
		if got.rateMet() != c.rateMet || got.p99Met() != c.p99Met {
			t.Errorf("app %d req/s, base %d req/s: rate ratio %.2f met %v, p99 ratio %.2f met %v; want %v, %v",
				c.app.requests, c.base.requests, got.rateRatio, got.rateMet(), got.p99Ratio, got.p99Met(), c.rateMet, c.p99Met)
		}
	}
}

func TestBaselineFilesAreWhereTheFileServerLooks(t *testing.T) {
	for p, want := range map[string]string{
		"/":                "index.html",
		"/tours/":          filepath.Join("tours", "index.html"),
		"/web/app.wasm":    filepath.Join("web", "app.wasm"),
		"/app.css?v=2":     "app.css",
		"/concepts/debate": filepath.Join("concepts", "debate"),
	} {
		if got := baselineFile(p); got != want {
			t.Errorf("baselineFile(%q) = %q, want %q", p, got, want)
		}
	}
}

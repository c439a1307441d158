package main

import (
	"context"
	"net/http"
	"net/http/httptest"
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
	ok := load(context.Background(), s.URL+"/", 5, 4, 200*time.Millisecond)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a load of 200 ms took %s", took)
	}
	if ok.requests == 0 || ok.errors != 0 || ok.non2xx != 0 || len(ok.latencies) != ok.requests {
		t.Errorf("a healthy load gave %d requests, %d errors, %d non-2xx, %d latencies", ok.requests, ok.errors, ok.non2xx, len(ok.latencies))
	}
	if ok.percentile(50) > ok.percentile(99) || ok.percentile(99) == 0 {
		t.Errorf("p50 %s, p99 %s", ok.percentile(50), ok.percentile(99))
	}

	bad := load(context.Background(), s.URL+"/missing", 19, 2, 50*time.Millisecond)
	if bad.non2xx == 0 || bad.non2xx != bad.requests {
		t.Errorf("a load of 404s counted %d non-2xx of %d requests", bad.non2xx, bad.requests)
	}
	short := load(context.Background(), s.URL+"/", 6, 2, 50*time.Millisecond)
	if short.errors == 0 {
		t.Errorf("a body shorter than expected was not counted as an error")
	}
}

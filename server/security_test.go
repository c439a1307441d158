package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"oversight/app"
	"oversight/content"
	"oversight/kb/load"
	"oversight/server/servertest"
)

// securityWeb is a static folder with a fake app.wasm, a stylesheet and a
// subfolder, which must never be listed.
func securityWeb(t *testing.T) (dir string, wasm []byte) {
	t.Helper()
	wasm = servertest.Wasm(300 << 10)
	dir = fakeWeb(t, string(wasm))
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "sub", "secret.txt"), []byte("not for listing"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.json"), []byte(`{"secret.txt": 1}`), 0o644)
	// A stand-in for `oversight compress`: the bytes need not be brotli.
	os.WriteFile(filepath.Join(dir, "style.css.br"), []byte("not really brotli"), 0o644)
	return dir, wasm
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func do(t *testing.T, method, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return roundTrip(t, method, url, nil, header...)
}

// roundTrip makes a request with the given body and header pairs (name,
// value, …), following no redirect, and reads the whole answer.
func roundTrip(t *testing.T, method, url string, body io.Reader, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, data
}

// responseKinds is one request for each kind of response the server gives.
var responseKinds = []struct {
	name, method, path string
	header             []string
	status             int
}{
	{"the map", "GET", "/", nil, 200},
	{"a concept page", "GET", "/concepts/debate", nil, 200},
	{"an unknown page", "GET", "/concepts/nope", nil, 404},
	{"a page, HEAD", "HEAD", "/", nil, 200},
	{"a page, not modified", "GET", "/", []string{"If-None-Match", "etag"}, 304},
	{"a static file", "GET", "/web/style.css", nil, 200},
	{"a precompressed static file", "GET", "/web/style.css", []string{"Accept-Encoding", "br"}, 200},
	{"a missing static file", "GET", "/web/missing.css", nil, 404},
	{"the static folder", "GET", "/web/", nil, 404},
	{"a static subfolder", "GET", "/web/sub", nil, 404},
	{"the WebAssembly", "GET", "/web/app.wasm", nil, 200},
	{"go-app's WebAssembly", "GET", "/app.wasm", nil, 200},
	{"a range of the WebAssembly", "GET", "/web/app.wasm", []string{"Range", "bytes=0-99"}, 206},
	{"an unsatisfiable range", "GET", "/web/app.wasm", []string{"Range", "bytes=999999999-"}, 416},
	{"go-app's app.js", "GET", "/app.js", nil, 200},
	{"go-app's service worker", "GET", "/app-worker.js", nil, 200},
	{"go-app's manifest", "GET", "/manifest.webmanifest", nil, 200},
	{"go-app's wasm_exec.js", "GET", "/wasm_exec.js", nil, 200},
	{"go-app's app.css", "GET", "/app.css", nil, 200},
	{"go-app's robots.txt", "GET", "/robots.txt", nil, 404},
	{"a POST", "POST", "/", nil, 405},
	{"a DELETE of a file", "DELETE", "/web/app.wasm", nil, 405},
	{"an OPTIONS", "OPTIONS", "/app.js", nil, 405},
}

func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	web, _ := securityWeb(t)
	s := newTestServer(t, web)
	first, _ := do(t, "GET", s.URL+"/")
	etag := first.Header.Get("ETag")
	for _, k := range responseKinds {
		header := append([]string(nil), k.header...)
		for i := range header {
			if header[i] == "etag" {
				header[i] = etag
			}
		}
		res, _ := do(t, k.method, s.URL+k.path, header...)
		if res.StatusCode != k.status {
			t.Errorf("%s: %s %s = %d, want %d", k.name, k.method, k.path, res.StatusCode, k.status)
		}
		for _, h := range securityHeaders {
			if got := res.Header.Values(h[0]); len(got) != 1 || got[0] != h[1] {
				t.Errorf("%s: %s %s has %s %q, want %q", k.name, k.method, k.path, h[0], got, h[1])
			}
		}
		if res.Header.Get("Content-Encoding") != "" && !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: %s %s is precompressed without Vary: Accept-Encoding", k.name, k.method, k.path)
		}
		if ct := res.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") && ct != "text/html; charset=utf-8" {
			t.Errorf("%s: %s %s is HTML without its charset: %q", k.name, k.method, k.path, ct)
		}
	}
}

func TestThePolicyIsExactlyTheStrictOne(t *testing.T) {
	want := "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; " +
		"connect-src 'self'; manifest-src 'self'; worker-src 'self'; media-src 'self'; frame-src 'self'; form-action 'self'; " +
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
	if contentSecurityPolicy != want {
		t.Errorf("Content-Security-Policy is\n%s\nwant\n%s", contentSecurityPolicy, want)
	}
	for _, unsafe := range []string{"unsafe-inline", "unsafe-eval'", "*", "data:", "http:", "https:"} {
		if strings.Contains(strings.ReplaceAll(contentSecurityPolicy, "'wasm-unsafe-eval'", ""), unsafe) {
			t.Errorf("the policy allows %s", unsafe)
		}
	}
}

// A HEAD gets the head the GET would get for the same Accept-Encoding:
// pages, precompressed files (app.wasm's brotli length, not its raw one),
// files compressed as they are answered, errors.
func TestHeadAnswersLikeGetWithoutABody(t *testing.T) {
	web, _ := securityWeb(t)
	if err := Compress(web, 5, io.Discard); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, web)
	for _, path := range []string{"/", "/?focus=debate", "/concepts/debate", "/concepts/nope", "/web/style.css", "/web/app.wasm", "/app.wasm", "/app.js", "/app-worker.js", app.KnowledgePath, "/manifest.webmanifest", "/web/missing.css"} {
		for _, encoding := range []string{"identity", "br", "gzip"} {
			get, getBody := do(t, "GET", s.URL+path, "Accept-Encoding", encoding)
			head, _ := do(t, "HEAD", s.URL+path, "Accept-Encoding", encoding)
			if head.StatusCode != get.StatusCode {
				t.Errorf("HEAD %s = %d, GET = %d", path, head.StatusCode, get.StatusCode)
			}
			for _, h := range []string{"Content-Type", "Content-Encoding", "Content-Length", "ETag", "Last-Modified", "Cache-Control", "Accept-Ranges", "Content-Security-Policy"} {
				if head.Header.Get(h) != get.Header.Get(h) {
					t.Errorf("HEAD %s in %s has %s %q, GET has %q", path, encoding, h, head.Header.Get(h), get.Header.Get(h))
				}
			}
			if cl := get.Header.Get("Content-Length"); cl != "" && cl != fmt.Sprint(len(getBody)) {
				t.Errorf("GET %s in %s says Content-Length %s but sent %d bytes", path, encoding, cl, len(getBody))
			}
		}
		// The client would drop a body after a HEAD: read the raw bytes.
		if raw := rawResponse(t, s.Listener.Addr().String(), "HEAD "+path); !strings.HasSuffix(raw, "\r\n\r\n") {
			t.Errorf("HEAD %s sent a body: %q", path, raw[strings.Index(raw, "\r\n\r\n")+4:])
		}
	}
}

// rawResponse sends one request line on a fresh connection and returns all
// the bytes the server sends back.
func rawResponse(t *testing.T, addr, requestLine string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", requestLine, addr)
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRangeRequestsOnTheWebAssemblyGet206(t *testing.T) {
	web, wasm := securityWeb(t)
	s := newTestServer(t, web)
	n := len(wasm)
	for _, path := range []string{"/web/app.wasm", "/app.wasm"} {
		for _, c := range []struct {
			spec       string
			start, end int // inclusive
		}{
			{"bytes=0-0", 0, 0},
			{"bytes=100-4195", 100, 4195},
			{"bytes=-500", n - 500, n - 1},
			{fmt.Sprintf("bytes=%d-", n-10), n - 10, n - 1},
		} {
			res, body := do(t, "GET", s.URL+path, "Range", c.spec)
			if res.StatusCode != http.StatusPartialContent {
				t.Errorf("GET %s Range %s = %d, want 206", path, c.spec, res.StatusCode)
				continue
			}
			if want := fmt.Sprintf("bytes %d-%d/%d", c.start, c.end, n); res.Header.Get("Content-Range") != want {
				t.Errorf("GET %s Range %s has Content-Range %q, want %q", path, c.spec, res.Header.Get("Content-Range"), want)
			}
			if string(body) != string(wasm[c.start:c.end+1]) {
				t.Errorf("GET %s Range %s sent the wrong %d bytes", path, c.spec, len(body))
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/wasm" {
				t.Errorf("GET %s Range %s has Content-Type %q", path, c.spec, ct)
			}
		}
		// A range of a file that has changed since is the whole new file.
		res, body := do(t, "GET", s.URL+path, "Range", "bytes=0-9", "If-Range", `"an-old-version"`)
		if res.StatusCode != http.StatusOK || len(body) != n {
			t.Errorf("GET %s with a stale If-Range = %d with %d bytes, want 200 with all %d", path, res.StatusCode, len(body), n)
		}
		etag := res.Header.Get("ETag")
		res, _ = do(t, "GET", s.URL+path, "Range", "bytes=0-9", "If-Range", etag)
		if res.StatusCode != http.StatusPartialContent {
			t.Errorf("GET %s with a current If-Range = %d, want 206", path, res.StatusCode)
		}
	}
}

func TestMethodsOtherThanGetAndHeadGet405WithAllow(t *testing.T) {
	web, _ := securityWeb(t)
	s := newTestServer(t, web)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		for _, path := range []string{"/", "/concepts/debate", "/web/app.wasm", "/app.js", "/nope"} {
			res, _ := do(t, method, s.URL+path)
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s = %d, want 405", method, path, res.StatusCode)
			}
			if allow := res.Header.Get("Allow"); allow != "GET, HEAD" {
				t.Errorf("%s %s has Allow %q, want \"GET, HEAD\"", method, path, allow)
			}
		}
	}
}

func TestNoFolderOrHiddenFileUnderWebIsServed(t *testing.T) {
	web, _ := securityWeb(t)
	s := newTestServer(t, web)
	k, _ := load.Content(content.FS, content.Root)
	version, err := buildVersion(web, k.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	// go-app also answers /<version>/web/…
	for _, path := range []string{"/web/", "/web/sub", "/web/sub/", "/web/sub/../", "/web/index.html", "/web//", "/web/./", "/web/sub/secret.txt/", "/web/.hidden.json", "/web/sub/../.hidden.json", "/" + version + "/web/", "/" + version + "/web/sub/"} {
		res, body := do(t, "GET", s.URL+path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
		if strings.Contains(string(body), "app.wasm") || strings.Contains(string(body), "secret.txt") {
			t.Errorf("GET %s lists the folder: %q", path, body)
		}
	}
	// A file in a subfolder is still served: only listings are refused.
	if res, body := do(t, "GET", s.URL+"/web/sub/secret.txt"); res.StatusCode != 200 || string(body) != "not for listing" {
		t.Errorf("GET /web/sub/secret.txt = %d %q", res.StatusCode, body)
	}
	// Nor does a path climb out of the folder.
	if raw := rawResponse(t, s.Listener.Addr().String(), "GET /web/../handler.go"); !strings.HasPrefix(raw, "HTTP/1.1 404") {
		t.Errorf("GET /web/../handler.go answered %q", strings.SplitN(raw, "\r\n", 2)[0])
	}
}

func TestEveryUnhashedFileIsRevalidatedWithAValidator(t *testing.T) {
	web, _ := securityWeb(t)
	s := newTestServer(t, web)
	// Every name we serve is unhashed: the same URL gets new bytes with
	// each build, so a browser must ask before it reuses what it has.
	for _, path := range []string{"/", "/concepts/debate", "/web/style.css", "/web/app.wasm", "/app.wasm", "/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css"} {
		res, _ := do(t, "GET", s.URL+path)
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s has Cache-Control %q, want no-cache", path, cc)
		}
		etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
		if etag == "" && modified == "" {
			t.Errorf("GET %s has no validator (ETag or Last-Modified)", path)
			continue
		}
		if etag != "" {
			if again, body := do(t, "GET", s.URL+path, "If-None-Match", etag); again.StatusCode != http.StatusNotModified || len(body) != 0 {
				t.Errorf("GET %s with If-None-Match %s = %d with %d bytes, want 304 and none", path, etag, again.StatusCode, len(body))
			}
		}
	}
}

func TestRobotsTxtIsServedFromTheWebFolderNotFetchedFromTheHostHeader(t *testing.T) {
	var fetched atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<script>alert('planted')</script>")
	}))
	defer elsewhere.Close()

	web, _ := securityWeb(t)
	s := newTestServer(t, web)
	for _, path := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		conn, err := net.Dial("tcp", s.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		// go-app would fetch http://<this Host>/web/robots.txt and cache it.
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, elsewhere.Listener.Addr())
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		conn.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s with no such file in web/ = %d, want 404", path, res.StatusCode)
		}
	}
	if n := fetched.Load(); n > 0 {
		t.Errorf("the server fetched %d time(s) from the host named in the request", n)
	}

	os.WriteFile(filepath.Join(web, "robots.txt"), []byte("User-agent: *\nAllow: /\n"), 0o644)
	if res, body := do(t, "GET", s.URL+"/robots.txt"); res.StatusCode != 200 || string(body) != "User-agent: *\nAllow: /\n" {
		t.Errorf("GET /robots.txt with web/robots.txt = %d %q", res.StatusCode, body)
	}
}

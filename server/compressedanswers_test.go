package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// decoded reads an answer's body, undoing its Content-Encoding.
func decoded(t *testing.T, res *http.Response) []byte {
	t.Helper()
	defer res.Body.Close()
	var r io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "br":
		r = brotli.NewReader(res.Body)
	case "gzip":
		z, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = z
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// Pages and go-app's own files are compressed as the browser accepts, each
// encoding with its own ETag, and a revalidation of each gets a 304.
func TestPagesAndGoAppsFilesAreCompressedAsTheBrowserAccepts(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for _, path := range []string{"/", "/concepts/debate", "/tours", "/app.js", "/wasm_exec.js", "/app-worker.js", "/web/style.css"} {
		identity := get(t, s.URL+path, map[string]string{"Accept-Encoding": "identity"})
		plain := decoded(t, identity)
		tags := map[string]string{identity.Header.Get("ETag"): "identity"}
		for _, encoding := range []string{"br", "gzip"} {
			res := get(t, s.URL+path, map[string]string{"Accept-Encoding": encoding})
			if got := res.Header.Get("Content-Encoding"); got != encoding && len(plain) >= minCompressSize {
				t.Errorf("%s with Accept-Encoding %s: Content-Encoding %q", path, encoding, got)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s: no Vary: Accept-Encoding", path)
			}
			if !bytes.Equal(decoded(t, res), plain) {
				t.Errorf("%s in %s does not decode to the page itself", path, encoding)
			}
			tag := res.Header.Get("ETag")
			if other, seen := tags[tag]; seen {
				t.Errorf("%s: %s and %s share the ETag %s", path, encoding, other, tag)
			}
			tags[tag] = encoding
			again := get(t, s.URL+path, map[string]string{"Accept-Encoding": encoding, "If-None-Match": tag})
			again.Body.Close()
			if again.StatusCode != http.StatusNotModified || again.Header.Get("ETag") != tag {
				t.Errorf("%s in %s: revalidating %s gave %d with ETag %s, want 304 with the same", path, encoding, tag, again.StatusCode, again.Header.Get("ETag"))
			}
		}
	}
}

// The home page is the largest: brotli must actually shrink it.
func TestTheHomePageIsAFractionOfItsSizeInBrotli(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	plain := decoded(t, get(t, s.URL+"/", map[string]string{"Accept-Encoding": "identity"}))
	res := get(t, s.URL+"/", map[string]string{"Accept-Encoding": "br"})
	compressed, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if len(compressed)*4 > len(plain) {
		t.Errorf("the home page is %d bytes, %d in brotli: want under a quarter", len(plain), len(compressed))
	}
}

// Binary files, and answers that are not 200, pass through as they are.
func TestTheWebAssemblyAndErrorsPassUncompressed(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, strings.Repeat("wasm ", 1000)))
	for path, want := range map[string]int{"/web/app.wasm": 200, "/concepts/nope": 404} {
		res := get(t, s.URL+path, map[string]string{"Accept-Encoding": "br"})
		res.Body.Close()
		if res.StatusCode != want || res.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: %d with Content-Encoding %q, want %d as it is", path, res.StatusCode, res.Header.Get("Content-Encoding"), want)
		}
	}
}

// A HEAD has no body to compress: it must neither get nor leave behind a
// compressed copy of nothing.
func TestAHeadFirstLeavesTheCompressedCopyWhole(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for _, path := range []string{"/concepts/debate", "/app.js", "/web/style.css"} {
		head, _ := do(t, "HEAD", s.URL+path, "Accept-Encoding", "br")
		res := get(t, s.URL+path, map[string]string{"Accept-Encoding": "br"})
		length := res.Header.Get("Content-Length")
		body := decoded(t, res)
		plain := decoded(t, get(t, s.URL+path, map[string]string{"Accept-Encoding": "identity"}))
		if !bytes.Equal(body, plain) || head.Header.Get("Content-Length") != length {
			t.Errorf("%s after a HEAD: %d bytes decoded (Content-Length %s, HEAD said %s), want the %d of the file", path, len(body), length, head.Header.Get("Content-Length"), len(plain))
		}
	}
}

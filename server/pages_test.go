package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"oversight/app"
	"oversight/content"
	"oversight/kb/load"
)

func builtServer(t *testing.T, web string) *built {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	s, err := build(Config{KB: k, WebDir: web})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// answer is what the handler sends for a request.
func answer(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// A kept page is byte for byte the page go-app renders, for every route
// and the not-found page, and its brotli and gzip bodies are that page.
func TestEveryKeptPageIsTheRenderersPageByteForByte(t *testing.T) {
	s := builtServer(t, fakeWeb(t, "wasm"))
	k, _ := load.Content(content.FS, content.Root)
	for _, path := range append(app.Pages(k), "/no-such-page") {
		want := answer(s.rendered, "GET", path)
		got := answer(s.handler, "GET", path, "Accept-Encoding", "identity")
		if got.Code != want.Code || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Errorf("%s: the server sent %d with %d bytes, the renderer writes %d with %d", path, got.Code, got.Body.Len(), want.Code, want.Body.Len())
			continue
		}
		if want.Code != http.StatusOK {
			continue
		}
		for _, encoding := range []string{"br", "gzip"} {
			res := answer(s.handler, "GET", path, "Accept-Encoding", encoding).Result()
			if body := decoded(t, res); !bytes.Equal(body, want.Body.Bytes()) {
				t.Errorf("%s in %s is not the renderer's page", path, encoding)
			}
		}
	}
}

// Each page reads only the query parameters app.Site.QueryKeys names for it:
// with any other parameter it renders the same, so the cache may key it by
// those alone.
func TestEveryPageReadsOnlyTheQueryParametersItDeclares(t *testing.T) {
	s := builtServer(t, fakeWeb(t, "wasm"))
	k, _ := load.Content(content.FS, content.Root)
	for _, path := range app.Pages(k) {
		plain := answer(s.rendered, "GET", path).Body.Bytes()
		withOther := answer(s.rendered, "GET", path+"?utm_source=x&page=2&wasm=false").Body.Bytes()
		if !bytes.Equal(plain, withOther) {
			t.Errorf("%s changes with parameters it does not declare in app.Site.QueryKeys", path)
		}
	}
	// A parameter a page does declare is kept: the map framed on a concept
	// is another page than the map.
	if bytes.Equal(answer(s.handler, "GET", "/").Body.Bytes(), answer(s.handler, "GET", "/?focus=debate").Body.Bytes()) {
		t.Error("/?focus=debate came out as /: the cache dropped a parameter the page reads")
	}
}

// However many readers ask for a page at the same moment, it is rendered
// once.
func TestConcurrentFirstRequestsRenderAPageOnce(t *testing.T) {
	var renders atomic.Int32
	release := make(chan struct{})
	c := newPageCache("v1", []string{"/"}, func(string) []string { return nil }, func(target string) *renderedPage {
		renders.Add(1)
		<-release // every request arrives while the first renders
		return newRenderedPage(http.StatusOK, http.Header{}, []byte("page"))
	})
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() { answer(c, "GET", "/") })
	}
	for renders.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	answer(c, "GET", "/?utm=1") // later, and another address of the same page
	if n := renders.Load(); n != 1 {
		t.Errorf("50 readers and a later one made %d renderings of one page, want 1", n)
	}
}

// A page is compressed in an encoding when a browser first asks for it so,
// and only then: the service worker's bundle reads every page as written,
// and most pages are never asked for alone.
func TestAPageIsCompressedOnlyWhenAskedForInAnEncoding(t *testing.T) {
	page := strings.Repeat("<p>the page</p>", 100)
	var rendered *renderedPage
	c := newPageCache("v1", []string{"/"}, func(string) []string { return nil }, func(string) *renderedPage {
		rendered = newRenderedPage(http.StatusOK, http.Header{}, []byte(page))
		return rendered
	})
	if got := answer(c, "GET", "/", "Accept-Encoding", "identity").Body.String(); got != page {
		t.Fatalf("as written, the page is %q", got)
	}
	if len(rendered.compressed) != 0 {
		t.Errorf("a request for the page as written compressed it in %d encodings", len(rendered.compressed))
	}
	first := answer(c, "GET", "/", "Accept-Encoding", "br").Result()
	if body := decoded(t, first); string(body) != page || first.Header.Get("Content-Encoding") != "br" {
		t.Errorf("in brotli the page decodes to %d bytes, encoding %q", len(body), first.Header.Get("Content-Encoding"))
	}
	kept := rendered.compressed["br"]
	answer(c, "GET", "/", "Accept-Encoding", "br")
	if len(rendered.compressed) != 1 || &rendered.compressed["br"][0] != &kept[0] {
		t.Errorf("a second request in brotli compressed the page again, or in another encoding: %d encodings", len(rendered.compressed))
	}
}

// Addresses without end (random query strings, made-up paths) never grow
// the cache past the app's pages and a bounded number of others.
func TestAFloodOfDistinctAddressesLeavesTheCacheBounded(t *testing.T) {
	s := builtServer(t, fakeWeb(t, "wasm"))
	k, _ := load.Content(content.FS, content.Root)
	for i := range 5_000 {
		answer(s.handler, "GET", fmt.Sprintf("/concepts/debate?x=%d", i))
	}
	for i := range maxPageVariants + 50 {
		answer(s.handler, "GET", fmt.Sprintf("/search?q=%d", i))
		answer(s.handler, "GET", fmt.Sprintf("/made-up-%d", i))
	}
	if got, most := s.pages.size(), len(app.Pages(k))+maxPageVariants; got > most {
		t.Errorf("after 5,600 distinct addresses the cache holds %d pages, more than the %d it may", got, most)
	}
	if got := answer(s.handler, "GET", fmt.Sprintf("/made-up-%d", maxPageVariants+49)).Code; got != http.StatusNotFound {
		t.Errorf("an unknown page answered %d from the cache, want 404", got)
	}
}

// A new build never answers with an old build's page: its pages carry the
// new build's tag, and the old tag gets the new page, not a 304.
func TestANewBuildNeverServesAnOldPage(t *testing.T) {
	old := builtServer(t, fakeWeb(t, "wasm of build 1"))
	current := builtServer(t, fakeWeb(t, "wasm of build 2"))
	oldTag := answer(old.handler, "GET", "/").Header().Get("ETag")
	res := answer(current.handler, "GET", "/", "If-None-Match", oldTag)
	if res.Code != http.StatusOK || res.Header().Get("ETag") == oldTag {
		t.Errorf("the new build answered the old tag %s with %d and tag %s", oldTag, res.Code, res.Header().Get("ETag"))
	}
	for _, encoding := range []string{"identity", "br", "gzip"} {
		tag := answer(current.handler, "GET", "/", "Accept-Encoding", encoding).Header().Get("ETag")
		if again := answer(current.handler, "GET", "/", "Accept-Encoding", encoding, "If-None-Match", tag); again.Code != http.StatusNotModified {
			t.Errorf("revalidating / in %s with %s gave %d, want 304", encoding, tag, again.Code)
		}
	}
}

func TestAHeadOfAPageHasTheGetsHeadAndNoBody(t *testing.T) {
	s := builtServer(t, fakeWeb(t, "wasm"))
	for _, encoding := range []string{"identity", "br", "gzip"} {
		get := answer(s.handler, "GET", "/concepts/debate", "Accept-Encoding", encoding)
		head := answer(s.handler, "HEAD", "/concepts/debate", "Accept-Encoding", encoding)
		body, _ := io.ReadAll(head.Body)
		if head.Header().Get("Content-Length") != get.Header().Get("Content-Length") || len(body) != 0 {
			t.Errorf("HEAD in %s: Content-Length %s and %d bytes; GET: %s", encoding, head.Header().Get("Content-Length"), len(body), get.Header().Get("Content-Length"))
		}
	}
}

package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
)

// The service worker keeps every page of the app offline from two answers
// made from one rendering of the pages: PagesIndexPath lists each page's
// path, headers and length in bytes, in order, and PagesBodiesPath holds
// the pages' bodies one after another. The worker stores both answers as
// they come and serves a page as a slice of the stored bodies, which the
// browser makes without copying them: unpacking the pages into an answer
// each would give every first visit more work than the rest of the
// precache together. And one brotli stream
// across all pages finds what they share (the frame, the map, the
// navigation), which the pages fetched one by one cannot.
const (
	PagesIndexPath  = "/pages.json"
	PagesBodiesPath = "/pages.txt"
)

// indexedPage is one page in the index: the headers a GET of its path
// gets, and the length of its body among the bodies.
type indexedPage struct {
	Path    string      `json:"path"`
	Headers [][2]string `json:"headers"`
	Length  int         `json:"length"`
}

// unbundledHeaders describe one transfer, not the page; the worker's
// cache has no use for them.
var unbundledHeaders = map[string]bool{
	"Content-Length": true, "Content-Encoding": true, "Date": true, "Vary": true, "Etag": true, "Last-Modified": true, "Cache-Control": true,
}

// pageBundle answers PagesIndexPath and PagesBodiesPath with every page of
// paths as site answers it: body and headers (the security headers among
// them), so that a page the worker serves is the page the network serves.
// Both are made on the first request, from site, which serves the bundle
// itself too, so it is set once the handler is built.
type pageBundle struct {
	paths []string
	site  http.Handler

	once          sync.Once
	index, bodies *madeFile
	err           error
}

func (b *pageBundle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.once.Do(func() { b.index, b.bodies, b.err = b.make() })
	if b.err != nil {
		http.Error(w, "500 the pages could not be bundled: "+b.err.Error(), http.StatusInternalServerError)
		return
	}
	if r.URL.Path == PagesIndexPath {
		b.index.ServeHTTP(w, r)
		return
	}
	b.bodies.ServeHTTP(w, r)
}

// make renders every page once, into the index and the bodies.
func (b *pageBundle) make() (index, bodies *madeFile, err error) {
	pages := make([]indexedPage, 0, len(b.paths))
	var all bytes.Buffer
	for _, path := range b.paths {
		rec := httptest.NewRecorder()
		b.site.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return nil, nil, fmt.Errorf("%s answered %d", path, rec.Code)
		}
		pages = append(pages, indexedPage{Path: path, Headers: pageHeaders(rec.Header()), Length: rec.Body.Len()})
		all.Write(rec.Body.Bytes())
	}
	list, err := json.Marshal(pages)
	if err != nil {
		return nil, nil, err
	}
	return newMadeFile("application/json", list), newMadeFile("text/plain; charset=utf-8", all.Bytes()), nil
}

// pageHeaders are a page's headers as the worker keeps them, in a fixed
// order.
func pageHeaders(h http.Header) [][2]string {
	var kept [][2]string
	for _, name := range slices.Sorted(maps.Keys(h)) {
		if unbundledHeaders[name] {
			continue
		}
		for _, v := range h[name] {
			kept = append(kept, [2]string{name, v})
		}
	}
	return kept
}

// isPageBundle says whether path is one of the bundle's two answers.
func isPageBundle(path string) bool {
	return path == PagesIndexPath || path == PagesBodiesPath
}

// withPageBundle answers the bundle's paths with bundle, and passes every
// other request on.
func withPageBundle(bundle http.Handler, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isPageBundle(r.URL.Path) {
			bundle.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

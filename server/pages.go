package server

import (
	"container/list"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A page is fully determined by the build and its address, so the server
// renders each once per build and keeps it, with its compressed bodies,
// instead of running go-app's renderer on every request: a class opening
// the app at once, or a shared link, costs the server what a file server
// costs.

// maxPageVariants bounds the renderings kept beside the app's own pages:
// pages at a query string they read (the map's focus, a search) and
// addresses that are no page (each 404 names what was asked). A flood of
// such addresses replaces the least recently used; it never grows the
// cache.
const maxPageVariants = 128

// pageCache holds every page as the renderer wrote it for this build.
type pageCache struct {
	// render writes the page at a URL (path and query) as go-app does.
	render func(target string) *renderedPage
	// version names the build, in each page's ETag.
	version string
	// queryKeys lists the query parameters the page at a path reads.
	queryKeys func(path string) []string
	// known are the app's pages, kept for the life of the build.
	known map[string]bool

	mu       sync.Mutex
	pages    map[string]*renderedPage // the app's pages at their plain address
	variants *pageLRU
	inflight map[string]*pageFlight
}

// renderedPage is one page as the renderer wrote it, with its body in
// each encoding a browser has asked for, compressed once, on the first
// such request: the service worker's bundle reads every page as written,
// and most pages are never asked for alone.
type renderedPage struct {
	status int
	header http.Header // as the renderer set it, but for the length
	body   []byte

	mu         sync.Mutex
	compressed map[string][]byte
}

func newRenderedPage(status int, header http.Header, body []byte) *renderedPage {
	return &renderedPage{status: status, header: header, body: body, compressed: map[string][]byte{}}
}

// bodyIn is the page's body in encoding ("" for as written).
func (p *renderedPage) bodyIn(encoding string) []byte {
	if encoding == "" {
		return p.body
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	body, ok := p.compressed[encoding]
	if !ok {
		body = compressAs(encoding, p.body)
		p.compressed[encoding] = body
	}
	return body
}

// pageFlight is a rendering under way, which concurrent requests for the
// same page wait for instead of rendering it again.
type pageFlight struct {
	done chan struct{}
	page *renderedPage
}

func newPageCache(version string, known []string, queryKeys func(string) []string, render func(target string) *renderedPage) *pageCache {
	c := &pageCache{
		render:    render,
		version:   version,
		queryKeys: queryKeys,
		known:     make(map[string]bool, len(known)),
		pages:     make(map[string]*renderedPage, len(known)),
		variants:  newPageLRU(maxPageVariants),
		inflight:  make(map[string]*pageFlight),
	}
	for _, p := range known {
		c.known[p] = true
	}
	return c
}

// renderWith renders pages with a handler that writes them as go-app does.
func renderWith(h http.Handler) func(target string) *renderedPage {
	return func(target string) *renderedPage {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		header := rec.Header().Clone()
		header.Del("Content-Length")
		return newRenderedPage(rec.Code, header, rec.Body.Bytes())
	}
}

// target is the address a page is rendered at and kept under: its path and
// the query parameters it reads, in a fixed order; any other parameter
// leaves the page as it is.
func (c *pageCache) target(u *url.URL) string {
	keys := c.queryKeys(u.Path)
	if len(keys) == 0 || u.RawQuery == "" {
		return u.Path
	}
	query := u.Query()
	kept := url.Values{}
	for _, k := range keys {
		if v, ok := query[k]; ok {
			kept[k] = v
		}
	}
	if len(kept) == 0 {
		return u.Path
	}
	return u.Path + "?" + kept.Encode()
}

// page returns the page at target, rendering it if no request has yet, and
// only once however many ask at the same time.
func (c *pageCache) page(target string) *renderedPage {
	lasting := c.known[target]
	c.mu.Lock()
	if p := c.kept(target, lasting); p != nil {
		c.mu.Unlock()
		return p
	}
	if f, ok := c.inflight[target]; ok {
		c.mu.Unlock()
		<-f.done
		return f.page
	}
	f := &pageFlight{done: make(chan struct{})}
	c.inflight[target] = f
	c.mu.Unlock()

	f.page = c.render(target)

	c.mu.Lock()
	if lasting {
		c.pages[target] = f.page
	} else {
		c.variants.add(target, f.page)
	}
	delete(c.inflight, target)
	c.mu.Unlock()
	close(f.done)
	return f.page
}

func (c *pageCache) kept(target string, lasting bool) *renderedPage {
	if lasting {
		return c.pages[target]
	}
	return c.variants.get(target)
}

// size is how many renderings the cache holds.
func (c *pageCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pages) + c.variants.len()
}

// ServeHTTP answers a request for a page from the cache: in the encoding
// the browser prefers, with that encoding's ETag, a 304 when the browser
// holds it already, and for a HEAD the head a GET would have.
func (c *pageCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := c.page(c.target(r.URL))
	encoding := preferredEncoding(r)
	if p.status != http.StatusOK {
		// Errors go out as they are, as every other answer's do.
		encoding = ""
	}
	h := w.Header()
	for k, v := range p.header {
		h[k] = slices.Clone(v)
	}
	h.Add("Vary", "Accept-Encoding")
	tag := c.etag(encoding)
	h.Set("ETag", tag)
	if p.status == http.StatusOK && matchesTag(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := p.bodyIn(encoding)
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(p.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etag is the build's tag for a page in an encoding, as go-app tags its
// answers and withCompressedAnswers tags their compressed copies: the page
// is the same as long as the build is.
func (c *pageCache) etag(encoding string) string {
	if encoding == "" {
		return `"` + c.version + `"`
	}
	return `"` + c.version + "-" + encoding + `"`
}

// matchesTag reads an If-None-Match header: a list of tags, or *.
func matchesTag(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		if t = strings.TrimSpace(t); t == tag || t == "*" {
			return true
		}
	}
	return false
}

// pageLRU keeps at most capacity renderings, dropping the least recently
// used.
type pageLRU struct {
	capacity int
	order    *list.List // of *lruEntry, most recent first
	entries  map[string]*list.Element
}

type lruEntry struct {
	target string
	page   *renderedPage
}

func newPageLRU(capacity int) *pageLRU {
	return &pageLRU{capacity: capacity, order: list.New(), entries: make(map[string]*list.Element)}
}

func (l *pageLRU) get(target string) *renderedPage {
	e, ok := l.entries[target]
	if !ok {
		return nil
	}
	l.order.MoveToFront(e)
	return e.Value.(*lruEntry).page
}

func (l *pageLRU) add(target string, p *renderedPage) {
	if e, ok := l.entries[target]; ok {
		e.Value.(*lruEntry).page = p
		l.order.MoveToFront(e)
		return
	}
	l.entries[target] = l.order.PushFront(&lruEntry{target: target, page: p})
	if l.order.Len() > l.capacity {
		oldest := l.order.Back()
		l.order.Remove(oldest)
		delete(l.entries, oldest.Value.(*lruEntry).target)
	}
}

func (l *pageLRU) len() int { return l.order.Len() }

package server

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// maxCompressedAnswers bounds the memory the compressed copies take: the
// app's pages and scripts need about 250, and a visitor who varies a page's
// query string without end only gets copies that are not kept.
const maxCompressedAnswers = 1000

// compressedAnswers keeps the compressed copy of each answer, keyed by the
// encoding, the URL and the answer's ETag (the build's version), so each
// page is compressed once per build.
type compressedAnswers struct {
	mu     sync.Mutex
	copies map[string][]byte
}

func (c *compressedAnswers) get(key string, make func() []byte) []byte {
	if key == "" {
		return make()
	}
	c.mu.Lock()
	body, ok := c.copies[key]
	c.mu.Unlock()
	if ok {
		return body
	}
	body = make()
	c.mu.Lock()
	if len(c.copies) < maxCompressedAnswers {
		c.copies[key] = body
	}
	c.mu.Unlock()
	return body
}

// withCompressedAnswers compresses the text the server writes itself (the
// pages, go-app's scripts and style sheet, the made files) as the browser
// accepts: a page is about a
// sixth of its size in brotli, and the service worker precaches every page.
// Other answers stream through untouched: files that come compressed
// already, binary files, range requests. Each encoding has its own ETag,
// and revalidating one still gets a 304.
func withCompressedAnswers(next http.Handler) http.Handler {
	cache := &compressedAnswers{copies: make(map[string][]byte)}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		encoding := preferredEncoding(r)
		if encoding == "" || r.Header.Get("Range") != "" {
			next.ServeHTTP(w, r)
			return
		}
		a := &compressingWriter{w: w, encoding: encoding}
		r = r.Clone(r.Context())
		// A HEAD is answered from the body a GET would have, so that its
		// Content-Length is the compressed one (the server sends no body).
		r.Method = http.MethodGet
		if tag := r.Header.Get("If-None-Match"); strings.HasSuffix(tag, a.tagSuffix()) {
			// Ask go-app about the answer the tag was given for.
			r.Header.Set("If-None-Match", strings.TrimSuffix(tag, a.tagSuffix())+`"`)
			a.revalidating = true
		}
		next.ServeHTTP(a, r)
		if !a.decided {
			a.WriteHeader(http.StatusOK)
		}
		if a.buffering {
			body := cache.get(a.cacheKey(r), func() []byte { return compressAs(encoding, a.body.Bytes()) })
			a.w.Header().Set("Content-Encoding", encoding)
			a.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			a.tagAsCompressed()
			a.w.WriteHeader(http.StatusOK)
			a.w.Write(body)
		}
	})
}

// preferredEncoding is the encoding to compress in: brotli, else gzip, else
// none.
func preferredEncoding(r *http.Request) string {
	for _, enc := range encodings {
		if acceptsEncoding(r, enc.token) {
			return enc.token
		}
	}
	return ""
}

// compressingWriter decides when the answer's head is written: a whole
// text answer is kept to be compressed; anything else goes straight on.
type compressingWriter struct {
	w        http.ResponseWriter
	encoding string
	// revalidating: the request's If-None-Match named a compressed copy.
	revalidating bool
	decided      bool
	buffering    bool
	body         bytes.Buffer
}

func (a *compressingWriter) Header() http.Header { return a.w.Header() }

func (a *compressingWriter) WriteHeader(status int) {
	if a.decided {
		return
	}
	a.decided = true
	a.buffering = status == http.StatusOK && compressibleText(a.w.Header())
	if a.buffering {
		return
	}
	if status == http.StatusNotModified && a.revalidating {
		a.tagAsCompressed()
	}
	a.w.WriteHeader(status)
}

func (a *compressingWriter) Write(b []byte) (int, error) {
	if !a.decided {
		a.WriteHeader(http.StatusOK)
	}
	if a.buffering {
		return a.body.Write(b)
	}
	return a.w.Write(b)
}

// ReadFrom sends a file that streams through straight to the connection,
// as http.ServeContent would without this writer: the server's own writer
// uses sendfile, where a plain Write would copy the bytes through memory.
func (a *compressingWriter) ReadFrom(src io.Reader) (int64, error) {
	if !a.decided {
		a.WriteHeader(http.StatusOK)
	}
	if a.buffering {
		return a.body.ReadFrom(src)
	}
	return io.Copy(a.w, src)
}

// cacheKey names the answer's compressed copy: its encoding, URL and
// version. An answer with no validator has no key and is not kept.
func (a *compressingWriter) cacheKey(r *http.Request) string {
	h := a.w.Header()
	version := h.Get("ETag") + h.Get("Last-Modified")
	if version == "" {
		return ""
	}
	return a.encoding + "\x00" + r.URL.RequestURI() + "\x00" + version
}

func (a *compressingWriter) tagSuffix() string { return "-" + a.encoding + `"` }

// tagAsCompressed gives the compressed copy its own ETag, as a cache must
// not take one encoding for another.
func (a *compressingWriter) tagAsCompressed() {
	if tag := a.w.Header().Get("ETag"); strings.HasSuffix(tag, `"`) {
		a.w.Header().Set("ETag", strings.TrimSuffix(tag, `"`)+a.tagSuffix())
	}
}

// compressibleText says whether an answer is text that is not compressed
// already.
func compressibleText(h http.Header) bool {
	if h.Get("Content-Encoding") != "" {
		return false
	}
	media, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	switch media {
	case "text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml", "text/plain", "application/xml", "text/xml":
		return true
	}
	return false
}

// compressAs compresses at brotli quality 9: a tenth of the time of 11 for
// a few per cent more bytes, as the first visitor waits for it.
func compressAs(encoding string, data []byte) []byte {
	if encoding == "br" {
		return brotliBytes(data, 9)
	}
	return gzipBytes(data)
}

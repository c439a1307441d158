//go:build !(js && wasm)

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"
	"time"
)

// madeFile is a file the server makes rather than reads from disk. It
// answers with an ETag, so a service worker's revalidation costs a 304, and
// compressed as the browser accepts: each copy is made once, on the first
// request that wants it.
type madeFile struct {
	contentType string
	body        []byte
	etag        string
	// compressed makes the brotli and gzip copies, once.
	compressed func() (br, gz []byte)
}

func newMadeFile(contentType string, body []byte) *madeFile {
	sum := sha256.Sum256(body)
	return &madeFile{
		contentType: contentType,
		body:        body,
		etag:        hex.EncodeToString(sum[:8]),
		compressed: sync.OnceValues(func() ([]byte, []byte) {
			// Quality 9: a tenth of the time of 11 for a few per cent more
			// bytes, as the copies are made while a visitor waits.
			return compressBytes(body, 9)
		}),
	}
}

func (f *madeFile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	body, tag := f.body, f.etag
	if r.Header.Get("Range") == "" && len(f.body) >= minCompressSize {
		br, gz := f.compressed()
		switch {
		case acceptsEncoding(r, "br"):
			body, tag = br, f.etag+"-br"
			h.Set("Content-Encoding", "br")
		case acceptsEncoding(r, "gzip"):
			body, tag = gz, f.etag+"-gzip"
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", `"`+tag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// withMadeFiles answers the paths of files with those files, and passes
// every other request on.
func withMadeFiles(files map[string]*madeFile, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f, ok := files[r.URL.Path]; ok {
			f.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

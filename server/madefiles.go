package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// madeFile is a file the server makes rather than reads from disk. It
// answers with an ETag, so a service worker's revalidation costs a 304;
// withCompressedAnswers compresses it like the pages.
type madeFile struct {
	contentType string
	body        []byte
	etag        string
}

func newMadeFile(contentType string, body []byte) *madeFile {
	sum := sha256.Sum256(body)
	return &madeFile{contentType: contentType, body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

func (f *madeFile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
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

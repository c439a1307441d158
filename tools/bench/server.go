package main

import (
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// Ports the bench may listen on (the range this machine sets aside for it).
const firstPort, lastPort = 18100, 18199

// site serves one variant's folder the way a good static host would, and the
// same way for every variant: a folder's index.html for its path, and a
// precompressed copy (name.br, name.gz) when the browser accepts it. It
// counts the bytes it sends, so that the bench can tell what a visit cost
// the server, the service worker's precache included.
type site struct {
	dir  string
	sent atomic.Int64
	// network is the link visits are slowed to; nil for loopback.
	network atomic.Pointer[link]
}

// slowTo sets the network of the visits from now on (see link).
func (s *site) slowTo(p profile) { s.network.Store(newLink(p)) }

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	urlPath := path.Clean("/" + r.URL.Path)
	// Hidden files (compress's .compressed.json) are not part of the site.
	if strings.Contains(urlPath, "/.") {
		http.NotFound(w, r)
		return
	}
	name := filepath.Join(s.dir, filepath.FromSlash(urlPath))
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, strings.TrimSuffix(urlPath, "/")+"/", http.StatusMovedPermanently)
			return
		}
		name = filepath.Join(name, "index.html")
	}
	f, encoding, err := openEncoded(name, r)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	// Every response is revalidated, as the app's own server does, so that
	// the service worker never precaches a stale copy.
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	if l := s.network.Load(); l != nil {
		time.Sleep(l.latency)
		w = linkWriter{ResponseWriter: w, link: l}
	}
	http.ServeContent(&countingWriter{ResponseWriter: w, n: &s.sent}, r, name, info.ModTime(), f)
}

// openEncoded opens the precompressed copy of name that the request
// accepts, brotli first, or else name itself. Range requests get the file
// itself, so that byte offsets mean what they say.
func openEncoded(name string, r *http.Request) (*os.File, string, error) {
	if r.Header.Get("Range") == "" {
		for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !acceptsEncoding(r.Header.Get("Accept-Encoding"), enc.token) {
				continue
			}
			if f, err := os.Open(name + enc.ext); err == nil {
				return f, enc.token, nil
			}
		}
	}
	f, err := os.Open(name)
	return f, "", err
}

// acceptsEncoding reads an Accept-Encoding header: the token is listed and
// not refused with q=0.
func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), token) {
			continue
		}
		for _, param := range fields[1:] {
			q := strings.TrimSpace(param)
			if strings.HasPrefix(q, "q=") && strings.Trim(strings.TrimPrefix(q, "q="), "0.") == "" {
				return false
			}
		}
		return true
	}
	return false
}

// contentType is the type of the file itself, not of its compressed copy.
func contentType(name string) string {
	switch ext := path.Ext(name); ext {
	case ".webmanifest":
		return "application/manifest+json"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return "application/octet-stream"
}

// countingWriter adds the body bytes written to n.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

// serve starts an HTTP server for s on the first free port of the bench's
// range on 127.0.0.1, and returns its origin and a func that stops it.
func serve(s *site) (origin string, stop func(), err error) {
	ln, err := listenInRange()
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

func listenInRange() (net.Listener, error) {
	var last error
	for port := firstPort; port <= lastPort; port++ {
		ln, err := net.Listen("tcp4", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			return ln, nil
		}
		last = err
	}
	return nil, errors.Join(fmt.Errorf("no free port in %d-%d", firstPort, lastPort), last)
}

package server

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"oversight/app"
)

// contentSecurityPolicy lets the page load scripts, styles, images, fonts,
// the manifest and the service worker from its own origin only, and nothing
// inline. 'wasm-unsafe-eval' is the one exception: without it the browser
// refuses to compile app.wasm. go-app's prerendered page uses only
// <script src> and <link rel=stylesheet>, and app.js sets no inline style, so
// the app starts under this policy (e2e/security_test.go checks it).
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self'; " +
	"font-src 'self'; " +
	"connect-src 'self'; " +
	"manifest-src 'self'; " +
	"worker-src 'self'; " +
	"media-src 'self'; " +
	"frame-src 'self'; " +
	"form-action 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"frame-ancestors 'none'"

// securityHeaders go on every response: pages, static files, go-app's own
// files, errors and redirects alike.
var securityHeaders = [...][2]string{
	{"Content-Security-Policy", contentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
}

// SecurityHeaders lists the headers, name and value, that go on every
// response.
func SecurityHeaders() [][2]string { return securityHeaders[:] }

// allowedMethods is the Allow header of a 405: the app only reads.
const allowedMethods = "GET, HEAD"

// goAppProxied are the paths go-app answers by fetching /web/<name> from
// http://<Host header><path> with http.Get and caching the answer for every
// later visitor. The Host header comes from the client, so that would let
// anyone make the server fetch from any host and plant what it got at our
// origin. They are served straight from the web folder instead.
var goAppProxied = map[string]bool{
	"/robots.txt":  true,
	"/sitemap.xml": true,
	"/ads.txt":     true,
}

// secure wraps the app's handler: it sets the security headers on every
// response, answers 405 to anything but GET and HEAD, answers 404 for
// folders under /web/ instead of listing them, and serves go-app's proxied
// files from webDir without a request to ourselves. Requests under
// app.LivePath go to live, when there is one, with the headers set: the
// live classes' API takes POST and DELETE, and its event streams must
// reach the client as they are written, so no compression or cache is
// put in front of it.
func secure(next http.Handler, webDir string, live http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range securityHeaders {
			h.Set(kv[0], kv[1])
		}
		if live != nil && strings.HasPrefix(r.URL.Path, app.LivePath+"/") {
			live.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", allowedMethods)
			http.Error(w, "405 method not allowed: this server only answers GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		if goAppProxied[r.URL.Path] {
			r = withPath(r, "/web"+r.URL.Path)
		}
		if strings.HasPrefix(r.URL.Path, "/web/") && !isWebFile(webDir, r.URL.Path) {
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isWebFile reports whether urlPath, under /web/, names a regular file in
// webDir: not a folder (which http.FileServer would list), not a path
// ending in a slash, and not a hidden file such as web/.compressed.json.
func isWebFile(webDir, urlPath string) bool {
	if strings.HasSuffix(urlPath, "/") || strings.Contains(urlPath, "/.") {
		return false
	}
	name := path.Clean("/" + strings.TrimPrefix(urlPath, "/web/"))
	info, err := os.Stat(filepath.Join(webDir, filepath.FromSlash(name)))
	return err == nil && info.Mode().IsRegular()
}

// withPath returns a shallow copy of r that asks for another path.
func withPath(r *http.Request, p string) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	u := *r.URL
	u.Path = p
	u.RawPath = ""
	r2.URL = &u
	return r2
}

// Package server answers HTTP for Oversight Explorer: every page of the app
// prerendered by go-app, the static files of web/ with their precompressed
// copies, go-app's own files, the knowledge snapshot and the manifest, each
// compressed as the browser accepts and revalidated by ETag, all behind the
// security headers. It also writes the whole app as a folder for a static
// host (Export). cmd/oversight is its command line.
package server

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/app"
	"oversight/kb"
	"oversight/kb/load"
	"oversight/labs"
)

// The app's colours outside its pages: the install splash and browser UI.
const (
	themeColour      = "#17324d"
	backgroundColour = "#f7f8fa"
)

const appDescription = "An interactive, offline map of superalignment: how to oversee AI systems that may outgrow their overseers."

// workerTemplate is our service worker, which go-app fills with the version
// and the list of files to precache.
//
//go:embed app-worker.js
var workerTemplate string

// Config is what a server serves.
type Config struct {
	// KB is the loaded knowledge base.
	KB *kb.KB
	// WebDir is the folder of static files, with the WebAssembly built
	// into it.
	WebDir string
	// BaseURL is the address the app is reached at, for the link each page
	// gives of itself (og:url), or "" when it is not known: pages then give
	// none.
	BaseURL string
	// Live answers the live classes' API (a live.Hub) under app.LivePath,
	// which it receives stripped; nil serves none, as in a static export.
	Live http.Handler
}

// New builds the handler that serves the app.
func New(c Config) (http.Handler, error) {
	s, err := build(c)
	if err != nil {
		return nil, err
	}
	return s.handler, nil
}

// built is a server with its parts, which its tests look into.
type built struct {
	handler http.Handler
	// pages holds every page rendered for this build.
	pages *pageCache
	// rendered answers a page as go-app renders it, uncached.
	rendered http.Handler
	version  string
}

func build(c Config) (*built, error) {
	k, webDir, baseURL := c.KB, c.WebDir, c.BaseURL
	wasm, err := os.Stat(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return nil, fmt.Errorf("no WebAssembly in %s: run `make build` first (%w)", webDir, err)
	}
	if _, err := os.Stat(filepath.Join(webDir, app.TourReaderFile)); err != nil {
		return nil, fmt.Errorf("no tour reader in %s: run `make build` first (%w)", webDir, err)
	}
	if _, err := os.Stat(filepath.Join(webDir, app.LabsFile)); err != nil {
		return nil, fmt.Errorf("no labs' WebAssembly in %s: run `make build` first (%w)", webDir, err)
	}
	// The labs' descriptions travel to the browser in the snapshot.
	k = labs.Attach(k)
	snapshot := k.Snapshot()
	version, err := buildVersion(webDir, snapshot)
	if err != nil {
		return nil, err
	}
	site := app.NewSite(k, app.ReadyTourReader(load.Tour), app.ReadyLabRunner(prerenderLab(&labs.Bench{RunOnlyDefaults: true})))
	app.Register(site)
	h := &ui.Handler{
		Name:        app.SiteName,
		ShortName:   "Oversight",
		Title:       app.SiteName,
		Description: appDescription,
		Domain:      baseURL,
		Lang:        "en",
		Icon: ui.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		ThemeColor:            themeColour,
		BackgroundColor:       backgroundColour,
		LoadingLabel:          "Starting the interactive map… {progress}%",
		Styles:                []string{"/web/style.css"},
		Resources:             newWebFiles(webDir),
		Version:               version,
		WasmContentLength:     strconv.FormatInt(wasm.Size(), 10),
		ServiceWorkerTemplate: workerScript(workerTemplate, webDir),
		RawHeaders: []string{
			// The knowledge base downloads beside the WebAssembly, not after it.
			`<link rel="preload" href="` + app.KnowledgePath + `" as="fetch" crossorigin="anonymous">`,
			// The browser paints nothing until the page's main part is read
			// whole. Its layouts put parts in another order than the
			// document's (the map above its introduction on a phone, a tour's
			// step above its map), and a first paint of half the page would
			// move what the reader sees once the rest arrived.
			`<link rel="expect" href="#` + app.PageEndID + `" blocking="render">`,
		},
	}
	h.CacheableResources, err = offlineFiles(webDir)
	if err != nil {
		return nil, err
	}
	made := map[string]*madeFile{
		app.KnowledgePath: newMadeFile("application/json", snapshot),
		// go-app writes its own manifest without id or lang.
		"/manifest.webmanifest": newMadeFile("application/manifest+json", manifest()),
		"/manifest.json":        newMadeFile("application/manifest+json", manifest()),
	}
	paths := app.Pages(k)
	known := make(map[string]bool, len(paths))
	for _, p := range paths {
		known[p] = true
	}
	rendered := withPageStatus(known, h)
	pages := newPageCache(version, paths, site.QueryKeys, renderWith(rendered))
	var live http.Handler
	if c.Live != nil {
		live = http.StripPrefix(app.LivePath, c.Live)
	}
	bundle := &pageBundle{paths: paths}
	handler := secure(withRedirects(app.Redirects(k), known, withPages(pages, version, made, withCompressedAnswers(withPageBundle(bundle, withMadeFiles(made, rendered))))), webDir, live)
	bundle.site = handler
	return &built{handler: handler, pages: pages, rendered: rendered, version: version}, nil
}

// withRedirects sends a reader who asks for a moved page (a concept merged
// into another) to where it is now, and one who asks for a page with a
// slash at the end (/concepts/debate/, as a static host's folder) to the
// page's own address, for good, keeping the query. The app draws the same
// page at both, but the server answered the second with 404: a link or a
// search engine saw a missing page.
// known holds the address of every page.
func withRedirects(moved map[string]string, known map[string]bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimSuffix(r.URL.Path, "/")
		to, ok := moved[path]
		if !ok && path != r.URL.Path && known[path] {
			to, ok = path, true
		}
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
	})
}

// withPages answers every request for a page from pages, and passes the
// rest on: static files, go-app's own files and the made files.
func withPages(pages http.Handler, version string, made map[string]*madeFile, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		_, isMade := made[p]
		if isMade || isPageBundle(p) || goAppPaths[p] || strings.HasPrefix(p, "/web/") || strings.HasPrefix(p, "/"+version+"/") {
			next.ServeHTTP(w, r)
			return
		}
		pages.ServeHTTP(w, r)
	})
}

// goAppPaths are the paths go-app answers with a file rather than a page.
var goAppPaths = map[string]bool{
	"/app.js": true, "/goapp.js": true, "/app-worker.js": true, "/wasm_exec.js": true, "/app.css": true,
	"/manifest.webmanifest": true, "/manifest.json": true, "/app.wasm": true, "/goapp.wasm": true,
}

// offlineFiles lists what the service worker precaches besides go-app's own
// files and the first page: every page at once (the page bundle's index
// and bodies), the knowledge base and every static file but those kept on
// demand.
func offlineFiles(webDir string) ([]string, error) {
	files := []string{PagesIndexPath, PagesBodiesPath, app.KnowledgePath}
	entries, err := os.ReadDir(webDir)
	if err != nil {
		return nil, err
	}
	onDemand := app.OnDemandFiles()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || slices.Contains(onDemand, name) {
			continue
		}
		files = append(files, "/web/"+name)
	}
	return files, nil
}

// workerScript fills in the worker's template what the server knows: the
// files it keeps on demand rather than precaching them (those of
// app.OnDemandFiles the web folder has), and where it fetches every page.
func workerScript(template, webDir string) string {
	var urls []string
	for _, name := range app.OnDemandFiles() {
		if _, err := os.Stat(filepath.Join(webDir, name)); err == nil {
			urls = append(urls, "/web/"+name)
		}
	}
	list, _ := json.Marshal(urls)
	index, _ := json.Marshal(PagesIndexPath)
	bodies, _ := json.Marshal(PagesBodiesPath)
	return strings.NewReplacer("/*on-demand*/[]", string(list), `/*pages-index*/""`, string(index), `/*pages-bodies*/""`, string(bodies)).Replace(template)
}

// webFiles serves /web/… from a folder while keeping /web/… as the URL in
// pages. go-app's LocalDir would write the folder's path into the URLs.
type webFiles struct {
	dir    string
	copies *compressedCopies
}

func newWebFiles(dir string) webFiles {
	return webFiles{dir: dir, copies: &compressedCopies{dir: dir, digests: map[string]sizedDigest{}}}
}

func (files webFiles) Resolve(location string) string { return location }

// ServeHTTP serves a file, or its precompressed copy (name.br, name.gz from
// `oversight compress`) when the browser accepts that encoding. Range
// requests get the file itself, so byte offsets mean what they say.
func (files webFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/web/")
	// withCompressedAnswers has said Vary: Accept-Encoding.
	if compressible(name) && r.Header.Get("Range") == "" && files.serveCompressed(w, r, name) {
		return
	}
	http.StripPrefix("/web", http.FileServer(http.Dir(files.dir))).ServeHTTP(w, r)
}

// serveCompressed sends a precompressed copy the browser accepts, if one
// was made from the file's bytes as they are now.
func (files webFiles) serveCompressed(w http.ResponseWriter, r *http.Request, name string) bool {
	if !files.copies.fresh(name) {
		return false
	}
	for _, enc := range encodings {
		if !acceptsEncoding(r, enc.token) {
			continue
		}
		f, err := os.Open(filepath.Join(files.dir, filepath.FromSlash(name)+enc.ext))
		if err != nil {
			continue
		}
		defer f.Close()
		stat, err := f.Stat()
		if err != nil || stat.IsDir() {
			continue
		}
		w.Header().Set("Content-Type", contentType(name))
		http.ServeContent(encodedAs{w, enc.token}, r, name, stat.ModTime(), f)
		return true
	}
	return false
}

// encodedAs names the answer's encoding as its head is written.
// http.ServeContent leaves out Content-Length when an answer names its
// encoding beforehand, so the browser could not tell how large the app's
// WebAssembly is (nor show its download's progress); named after, the
// length it sets is the precompressed copy's own.
type encodedAs struct {
	http.ResponseWriter
	encoding string
}

func (e encodedAs) WriteHeader(code int) {
	e.Header().Set("Content-Encoding", e.encoding)
	e.ResponseWriter.WriteHeader(code)
}

// ReadFrom keeps sendfile (see compressingWriter.ReadFrom).
func (e encodedAs) ReadFrom(src io.Reader) (int64, error) { return io.Copy(e.ResponseWriter, src) }

// compressedCopies says whether a file's precompressed copies hold its
// current bytes. Freshness follows content, not time: a rebuild rewrites a
// file with the same bytes and a newer time, compress rightly leaves its
// copies alone, and they are still the file's. The digest each copy was
// made from is in the folder's compressed index (compress.go).
type compressedCopies struct {
	dir     string
	mu      sync.Mutex
	digests map[string]sizedDigest // by name, as last read
}

// sizedDigest is a file's digest with the size and time it had when read,
// so that it is computed again only when the file may have changed.
type sizedDigest struct {
	size    int64
	modTime time.Time
	digest  string
}

func (c *compressedCopies) fresh(name string) bool {
	digest, err := c.digest(name)
	if err != nil {
		return false
	}
	made, ok := readCompressedIndex(c.dir)[name]
	return ok && madeFrom(made) == digest
}

// digest is the file's content digest, read again only when its size or
// time has changed.
func (c *compressedCopies) digest(name string) (string, error) {
	file := filepath.Join(c.dir, filepath.FromSlash(name))
	stat, err := os.Stat(file)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	known, ok := c.digests[name]
	c.mu.Unlock()
	if ok && known.size == stat.Size() && known.modTime.Equal(stat.ModTime()) {
		return known.digest, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	d := sizedDigest{size: stat.Size(), modTime: stat.ModTime(), digest: contentDigest(data)}
	c.mu.Lock()
	c.digests[name] = d
	c.mu.Unlock()
	return d.digest, nil
}

// contentType is the type of the file itself, not of its compressed copy.
func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// acceptsEncoding reads Accept-Encoding: the token is listed and not q=0.
func acceptsEncoding(r *http.Request, token string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), token) {
			continue
		}
		for _, param := range fields[1:] {
			if q := strings.TrimSpace(param); q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
				return false
			}
		}
		return true
	}
	return false
}

// buildVersion hashes what a client runs: the static files (which include
// the WebAssembly) and the knowledge snapshot. Restarting the same build keeps the
// version, so clients see no spurious update; a new build changes it.
func buildVersion(webDir string, snapshot []byte) (string, error) {
	sum := sha256.New()
	hashTree := func(fsys fs.FS, name string) error {
		var paths []string
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				paths = append(paths, p)
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("hashing %s: %w", name, err)
		}
		sort.Strings(paths)
		for _, p := range paths {
			f, err := fsys.Open(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(sum, "%s/%s\n", name, p)
			_, err = io.Copy(sum, f)
			f.Close()
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := hashTree(os.DirFS(webDir), "web"); err != nil {
		return "", err
	}
	fmt.Fprintf(sum, "%s\n", app.KnowledgePath)
	sum.Write(snapshot)
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// withPageStatus answers 404 for any page that is not in the knowledge base
// (known holds the address of every page): go-app renders our not-found
// page for it, but with status 200. It also names the charset of HTML,
// which go-app leaves out.
func withPageStatus(known map[string]bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&pageStatusWriter{ResponseWriter: w, known: known[r.URL.Path]}, r)
	})
}

type pageStatusWriter struct {
	http.ResponseWriter
	known       bool
	wroteHeader bool
}

func (w *pageStatusWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	if strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if code == http.StatusOK && !w.known {
			code = http.StatusNotFound
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *pageStatusWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// ReadFrom keeps sendfile for the files served through this writer (see
// compressingWriter.ReadFrom).
func (w *pageStatusWriter) ReadFrom(src io.Reader) (int64, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return io.Copy(w.ResponseWriter, src)
}

package server

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"oversight/app"
	"oversight/internal/copyfiles"
	"oversight/labs"
)

// goAppFiles are the files go-app's handler generates, which a static host
// must serve as they are.
var goAppFiles = []string{"/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css", "/manifest.webmanifest"}

// Export writes the whole app as a folder that any static host can
// serve: every page as path/index.html (a layout every host and Go's own
// http.FileServer resolve), go-app's files, the knowledge snapshot, web/,
// 404.html, sitemap.xml and robots.txt. c.BaseURL is the address the site
// will be served at. dest is emptied first.
func Export(c Config, dest string, out io.Writer) error {
	c.KB = labs.Attach(c.KB) // as New does: the labs' pages are pages too
	handler, err := New(c)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dest); err != nil {
		return err
	}
	site := staticSite{dest: dest, handler: handler}
	for _, p := range app.Pages(c.KB) {
		site.page(p)
	}
	for _, f := range goAppFiles {
		site.file(f, f)
	}
	site.file(app.KnowledgePath, app.KnowledgePath)
	site.file(PagesIndexPath, PagesIndexPath)
	site.file(PagesBodiesPath, PagesBodiesPath)
	for from, to := range app.Redirects(c.KB) {
		site.write(path.Join(from, "index.html"), movedPage(to))
	}
	site.notFound()
	site.write("/sitemap.xml", sitemap(c.KB, c.BaseURL))
	site.write("/robots.txt", robots(c.BaseURL))
	if site.err == nil {
		site.err = copyfiles.Folder(c.WebDir, filepath.Join(dest, "web"), exported)
	}
	if site.err == nil {
		site.err = site.checkPrecache()
	}
	if site.err != nil {
		return site.err
	}
	fmt.Fprintf(out, "static: wrote %d pages to %s\n", len(app.Pages(c.KB)), dest)
	return nil
}

// movedPage stands at a moved page's old address on a static host, which
// cannot redirect: it sends the browser on at once (a meta refresh, which
// the strict policy allows, unlike a script) and names the new address.
func movedPage(to string) []byte {
	escaped := html.EscapeString(to)
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta http-equiv="refresh" content="0; url=` + escaped + `">` +
		`<link rel="canonical" href="` + escaped + `"><title>Moved</title></head>` +
		`<body><p>This page has moved to <a href="` + escaped + `">` + escaped + `</a>.</p></body></html>`)
}

// staticSite writes responses of the handler into the export folder,
// keeping the first error.
type staticSite struct {
	dest    string
	handler http.Handler
	err     error
}

func (s *staticSite) get(urlPath string) (*httptest.ResponseRecorder, bool) {
	if s.err != nil {
		return nil, false
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, urlPath, nil))
	return rec, true
}

// page writes a page as its folder's index.html.
func (s *staticSite) page(urlPath string) {
	s.file(urlPath, path.Join(urlPath, "index.html"))
}

// file writes the handler's 200 answer for urlPath to name.
func (s *staticSite) file(urlPath, name string) {
	rec, ok := s.get(urlPath)
	if !ok {
		return
	}
	if rec.Code != http.StatusOK {
		s.err = fmt.Errorf("static: %s answered %d", urlPath, rec.Code)
		return
	}
	s.write(name, rec.Body.Bytes())
}

// notFound writes the app's not-found page as 404.html, which static hosts
// send for unknown paths.
func (s *staticSite) notFound() {
	rec, ok := s.get("/404")
	if !ok {
		return
	}
	if rec.Code != http.StatusNotFound {
		s.err = fmt.Errorf("static: the not-found page answered %d", rec.Code)
		return
	}
	s.write("/404.html", rec.Body.Bytes())
}

func (s *staticSite) write(name string, data []byte) {
	if s.err != nil {
		return
	}
	target := filepath.Join(s.dest, filepath.FromSlash(strings.TrimPrefix(name, "/")))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		s.err = err
		return
	}
	s.err = os.WriteFile(target, data, 0o644)
}

var precacheList = regexp.MustCompile(`const resourcesToCache = (\[[^\]]*\])`)

// checkPrecache makes sure every file the service worker precaches is in
// the export: one missing file would fail every client's install.
func (s *staticSite) checkPrecache() error {
	worker, err := os.ReadFile(filepath.Join(s.dest, "app-worker.js"))
	if err != nil {
		return err
	}
	for _, url := range precachedURLs(worker) {
		name := strings.TrimPrefix(url, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if _, err := os.Stat(filepath.Join(s.dest, filepath.FromSlash(name))); err != nil {
			return fmt.Errorf("static: the worker precaches %s, which the export lacks", url)
		}
	}
	return nil
}

// precachedURLs reads the list of URLs from a generated worker.
func precachedURLs(worker []byte) []string {
	m := precacheList.FindSubmatch(worker)
	if m == nil {
		return nil
	}
	var urls []string
	for _, quoted := range regexp.MustCompile(`"([^"]*)"`).FindAllSubmatch(m[1], -1) {
		urls = append(urls, string(quoted[1]))
	}
	return urls
}

// exported says whether a file of the web folder goes into the export:
// not the precompressed copies (static hosts compress by themselves) nor
// hidden files.
func exported(name string) bool {
	return !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, ".br") && !strings.HasSuffix(name, ".gz")
}

//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"oversight/app"
	"oversight/content"
)

// goAppFiles are the files go-app's handler generates, which a static host
// must serve as they are.
var goAppFiles = []string{"/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css", "/manifest.webmanifest"}

// exportStatic writes the whole app as a folder that any static host can
// serve: every page as path/index.html (a layout every host and Go's own
// http.FileServer resolve), go-app's files, the knowledge snapshot, web/,
// 404.html, sitemap.xml and robots.txt.
func exportStatic(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("static", flag.ContinueOnError)
	dest := flags.String("out", "dist", "folder to write the site to (emptied first)")
	webDir := flags.String("web", "web", "folder of static files, with app.wasm built into it")
	baseURL := flags.String("base-url", "http://localhost:8000", "the address the site will be served at, for sitemap.xml")
	if err := flags.Parse(args); err != nil {
		return err
	}
	k, err := loadContent(content.FS, content.Root)
	if err != nil {
		return fmt.Errorf("the embedded content does not load:\n%w", err)
	}
	handler, err := newHandler(k, *webDir, folderPages)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(*dest); err != nil {
		return err
	}
	site := staticSite{dest: *dest, handler: handler}
	for _, p := range app.Pages(k) {
		site.page(p)
	}
	for _, f := range goAppFiles {
		site.file(f, f)
	}
	site.file(knowledgePath, knowledgePath)
	site.notFound()
	site.write("/sitemap.xml", sitemap(k, *baseURL))
	site.write("/robots.txt", robots(*baseURL))
	if site.err == nil {
		site.err = copyWebFiles(*webDir, filepath.Join(*dest, "web"))
	}
	if site.err == nil {
		site.err = site.checkPrecache()
	}
	if site.err != nil {
		return site.err
	}
	fmt.Fprintf(out, "static: wrote %d pages to %s\n", len(app.Pages(k)), *dest)
	return nil
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

// copyWebFiles copies the static files, leaving out the precompressed
// copies: static hosts compress by themselves.
func copyWebFiles(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

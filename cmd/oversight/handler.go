//go:build !(js && wasm)

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/app"
	"oversight/content"
	"oversight/kb"
)

// The app's colours outside its pages: the install splash and browser UI.
const (
	themeColour      = "#17324d"
	backgroundColour = "#f7f8fa"
)

// newHandler builds the go-app handler for the knowledge base, serving
// static files from webDir, and wraps it so that unknown pages answer 404.
func newHandler(k *kb.KB, webDir string) (http.Handler, error) {
	wasm, err := os.Stat(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return nil, fmt.Errorf("no WebAssembly in %s: run `make build` first (%w)", webDir, err)
	}
	version, err := buildVersion(webDir)
	if err != nil {
		return nil, err
	}
	app.Register(k)
	h := &ui.Handler{
		Name:        app.SiteName,
		ShortName:   "Oversight",
		Title:       app.SiteName,
		Description: "An interactive, offline map of superalignment: how to oversee AI systems that may outgrow their overseers.",
		Lang:        "en",
		Icon: ui.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		ThemeColor:        themeColour,
		BackgroundColor:   backgroundColour,
		LoadingLabel:      "Starting the interactive map… {progress}%",
		Styles:            []string{"/web/style.css"},
		Resources:         webFiles(webDir),
		Version:           version,
		WasmContentLength: strconv.FormatInt(wasm.Size(), 10),
	}
	return withPageStatus(k, h), nil
}

// webFiles serves /web/… from a folder while keeping /web/… as the URL in
// pages. go-app's LocalDir would write the folder's path into the URLs.
type webFiles string

func (dir webFiles) Resolve(location string) string { return location }

func (dir webFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.StripPrefix("/web", http.FileServer(http.Dir(string(dir)))).ServeHTTP(w, r)
}

// buildVersion hashes what a client runs: the static files (which include
// the WebAssembly) and the content. Restarting the same build keeps the
// version, so clients see no spurious update; a new build changes it.
func buildVersion(webDir string) (string, error) {
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
	if err := hashTree(content.FS, "content"); err != nil {
		return "", err
	}
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// withPageStatus answers 404 for any page that is not in the knowledge base:
// go-app renders our not-found page for it, but with status 200. It also
// names the charset of HTML, which go-app leaves out.
func withPageStatus(k *kb.KB, next http.Handler) http.Handler {
	pages := make(map[string]bool)
	for _, p := range app.Pages(k) {
		pages[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&pageStatusWriter{ResponseWriter: w, known: pages[r.URL.Path]}, r)
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

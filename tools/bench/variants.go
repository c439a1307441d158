package main

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"oversight/internal/copyfiles"
)

// The three sites the bench compares.
const (
	appVariant    = "app"
	helloVariant  = "hello"
	staticVariant = "static"
)

// variant is one site the bench builds, serves and loads.
type variant struct {
	name string
	// about says what the variant is, for the report.
	about string
	dir   string
	// wasm says whether the site runs WebAssembly and sets the mark
	// oversight:interactive when its first page has mounted.
	wasm   bool
	site   *site
	origin string
}

// wasmBuildFlags are the Makefile's WASM_FLAGS, which the hello world is
// built with too, so that the two WebAssembly files compare.
var wasmBuildFlags = []string{"-trimpath", "-ldflags=-s -w"}

// helloSource is go-app's hello world (see hello/hello.go).
//
//go:embed hello/*.go
var helloSource embed.FS

// builder prepares the variants' folders under work.
type builder struct {
	repo, bin, web, work string
	quality              int
	log                  io.Writer
}

// prepare builds every variant's folder, precompressed.
func (b builder) prepare() ([]*variant, error) {
	app, err := b.app()
	if err != nil {
		return nil, fmt.Errorf("the app: %w", err)
	}
	hello, err := b.hello()
	if err != nil {
		return nil, fmt.Errorf("the hello world: %w", err)
	}
	static, err := b.static(app.dir)
	if err != nil {
		return nil, fmt.Errorf("the static floor: %w", err)
	}
	for _, v := range []*variant{app, hello, static} {
		fmt.Fprintf(b.log, "bench: compressing %s (brotli quality %d, gzip)\n", v.name, b.quality)
		if err := b.compressTree(v.dir); err != nil {
			return nil, fmt.Errorf("compressing %s: %w", v.name, err)
		}
	}
	return []*variant{app, hello, static}, nil
}

// app is the app's own static export (`oversight static`), with the
// WebAssembly that `make build` compressed, so it is not compressed again.
func (b builder) app() (*variant, error) {
	dir := filepath.Join(b.work, appVariant)
	fmt.Fprintf(b.log, "bench: exporting the app from %s\n", b.web)
	if err := b.run(b.repo, nil, b.bin, "static", "-out", dir, "-web", b.web); err != nil {
		return nil, err
	}
	for _, name := range []string{"app.wasm.br", "app.wasm.gz", "tourreader.wasm.br", "tourreader.wasm.gz", "labs.wasm.br", "labs.wasm.gz", ".compressed.json"} {
		// Missing copies are made by compressTree.
		_ = copyfiles.File(filepath.Join(b.web, name), filepath.Join(dir, "web", name))
	}
	return &variant{name: appVariant, about: "Oversight Explorer, as `oversight static` exports it", dir: dir, wasm: true}, nil
}

// hello builds go-app's hello world in a module of its own that requires
// only go-app (the app's version of it), with the app's WebAssembly flags.
func (b builder) hello() (*variant, error) {
	src := b.helloModule()
	dir := filepath.Join(b.work, helloVariant)
	fmt.Fprintln(b.log, "bench: building go-app's hello world")
	if err := b.writeHelloModule(src); err != nil {
		return nil, err
	}
	if err := b.run(src.dir, src.env, "go", "run", ".", "-out", dir); err != nil {
		return nil, err
	}
	if err := b.buildWasm(src, append(wasmBuildFlags, "-o", filepath.Join(dir, "web", "app.wasm"), ".")...); err != nil {
		return nil, err
	}
	for _, icon := range []string{"icon-192.png", "icon-512.png", "icon.svg"} {
		if err := copyfiles.File(filepath.Join(b.web, icon), filepath.Join(dir, "web", icon)); err != nil {
			return nil, err
		}
	}
	return &variant{name: helloVariant, about: "go-app's hello world, server split out (the stack's floor)", dir: dir, wasm: true}, nil
}

// writeHelloModule writes the hello world's sources and a go.mod requiring
// the app's go-app and Go versions (replaced by src.goApp when it is set).
func (b builder) writeHelloModule(module wasmModule) error {
	src := module.dir
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	entries, err := fs.ReadDir(helloSource, "hello")
	if err != nil {
		return err
	}
	for _, e := range entries {
		data, err := helloSource.ReadFile("hello/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(src, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	goVersion, goApp, err := moduleVersions(filepath.Join(b.repo, "go.mod"))
	if err != nil {
		return err
	}
	mod := fmt.Sprintf("module hello\n\ngo %s\n\nrequire %s %s\n", goVersion, goAppModule, goApp)
	if module.goApp != "" {
		mod += fmt.Sprintf("\nreplace %s => %s\n", goAppModule, module.goApp)
	}
	return os.WriteFile(filepath.Join(src, "go.mod"), []byte(mod), 0o644)
}

// goAppModule is go-app's module path.
const goAppModule = "github.com/maxence-charriere/go-app/v10"

// moduleVersions reads the go directive and the go-app requirement of a go.mod.
func moduleVersions(goMod string) (goVersion, goApp string, err error) {
	data, err := os.ReadFile(goMod)
	if err != nil {
		return "", "", err
	}
	if m := regexp.MustCompile(`(?m)^go (\S+)`).FindSubmatch(data); m != nil {
		goVersion = string(m[1])
	}
	if m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(goAppModule) + `\s+(v\S+)`).FindSubmatch(data); m != nil {
		goApp = string(m[1])
	}
	if goVersion == "" || goApp == "" {
		return "", "", fmt.Errorf("%s names no go version or no %s", goMod, goAppModule)
	}
	return goVersion, goApp, nil
}

// static is the static floor: the app's prerendered first page with its
// stylesheets and icons, and no WebAssembly. It is what go-app shows with
// ?wasm=false, without the two deferred scripts that would then only
// remove the loader and register the service worker.
func (b builder) static(appDir string) (*variant, error) {
	dir := filepath.Join(b.work, staticVariant)
	page, err := os.ReadFile(filepath.Join(appDir, "index.html"))
	if err != nil {
		return nil, err
	}
	page, err = staticPage(page)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644); err != nil {
		return nil, err
	}
	for _, ref := range localFiles(page) {
		from := filepath.Join(appDir, filepath.FromSlash(ref))
		if info, err := os.Stat(from); err != nil || !info.Mode().IsRegular() {
			continue // a link to another page
		}
		if err := copyfiles.File(from, filepath.Join(dir, filepath.FromSlash(ref))); err != nil {
			return nil, err
		}
	}
	return &variant{name: staticVariant, about: "the app's prerendered page and CSS, no WebAssembly (the static floor)", dir: dir}, nil
}

var (
	scriptElement = regexp.MustCompile(`(?s)<script\b[^>]*>.*?</script>\s*`)
	wasmLoader    = regexp.MustCompile(`(?s)<aside\b[^>]*id="app-wasm-loader".*?</aside>\s*`)
	localRef      = regexp.MustCompile(`(?:href|src)="(/[^"?#]*)"`)
)

// staticPage takes go-app's scripts and WebAssembly loader out of a
// prerendered page. It fails if they are not there, so that a change in
// go-app's markup cannot quietly make the floor something else.
func staticPage(page []byte) ([]byte, error) {
	if n := len(scriptElement.FindAll(page, -1)); n != 2 {
		return nil, fmt.Errorf("the prerendered page has %d scripts, not go-app's two", n)
	}
	if !wasmLoader.Match(page) {
		return nil, fmt.Errorf("the prerendered page has no go-app loader")
	}
	page = scriptElement.ReplaceAll(page, nil)
	return wasmLoader.ReplaceAll(page, nil), nil
}

// localFiles lists the same-origin paths a page refers to.
func localFiles(page []byte) []string {
	var refs []string
	for _, m := range localRef.FindAllSubmatch(page, -1) {
		refs = append(refs, strings.TrimPrefix(string(m[1]), "/"))
	}
	return refs
}

// compressTree runs the app's own compressor (`oversight compress`, the
// same settings for every variant) on every folder of dir.
func (b builder) compressTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return b.run(b.repo, nil, b.bin, "compress", "-quality", fmt.Sprint(b.quality), p)
	})
}

// run runs a command in dir with extra environment, failing with its output.
func (b builder) run(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return nil
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"

	"oversight/internal/wasmcode"
)

// codeGroups are the parts of the app's WebAssembly that the report
// weighs: what the size target is up against.
var codeGroups = []struct {
	name     string
	packages wasmcode.Packages
}{
	{"Oversight Explorer's own packages (oversight/...)", wasmcode.Packages{"oversight"}},
	{"  its components (oversight/app)", wasmcode.Packages{"oversight/app"}},
	{"  its knowledge model (oversight/kb)", wasmcode.Packages{"oversight/kb"}},
	{"go-app", wasmcode.Packages{goAppModule}},
	{"the QR code library (github.com/boombuler/barcode)", wasmcode.Packages{"github.com/boombuler/barcode"}},
}

// codeShare is what one group's function bodies weigh in the app's
// WebAssembly and in the hello world's.
type codeShare struct {
	Group string `json:"group"`
	// AppCode and HelloCode are the raw bytes of the group's function
	// bodies in each.
	AppCode   int `json:"appCode"`
	HelloCode int `json:"helloCode"`
	// AppBrotli is how much smaller the app's WebAssembly is, compressed
	// at the bench's quality, with those bodies replaced by a trap: what
	// the group's code costs on the wire. Type data, strings and the
	// runtime's tables for the same functions stay, so it is a floor.
	AppBrotli int `json:"appBrotli"`
	// WithoutRatio is the app's compressed WebAssembly without the group's
	// code, over the hello world's: the size ratio the app would reach if
	// that code weighed nothing.
	WithoutRatio float64 `json:"withoutRatio"`
}

// codeShares builds the app and the hello world again with their function
// names (no -s -w) and weighs codeGroups in them.
func (b builder) codeShares() ([]codeShare, error) {
	fmt.Fprintln(b.log, "bench: weighing the code in the app's WebAssembly against the hello world's")
	app, err := b.namedWasm(appVariant, b.appModule(), "./cmd/oversight")
	if err != nil {
		return nil, fmt.Errorf("the app: %w", err)
	}
	hello, err := b.namedWasm(helloVariant, b.helloModule(), ".")
	if err != nil {
		return nil, fmt.Errorf("the hello world: %w", err)
	}
	wholes := b.brotliSizes([][]byte{app.Stripped(nil), hello.Stripped(nil)})
	var trapped [][]byte
	for _, g := range codeGroups {
		trapped = append(trapped, app.Stripped(g.packages))
	}
	withouts := b.brotliSizes(trapped)
	var shares []codeShare
	for i, g := range codeGroups {
		shares = append(shares, codeShare{
			Group:        g.name,
			AppCode:      app.CodeSize(g.packages),
			HelloCode:    hello.CodeSize(g.packages),
			AppBrotli:    wholes[0] - withouts[i],
			WithoutRatio: float64(withouts[i]) / float64(wholes[1]),
		})
	}
	return shares, nil
}

// namedWasm builds pkg of src for the browser with the app's flags but its
// function names kept.
func (b builder) namedWasm(name string, src wasmModule, pkg string) (*wasmcode.Module, error) {
	out := filepath.Join(b.work, name+"-named.wasm")
	if err := b.buildWasm(src, "-trimpath", "-o", out, pkg); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	return wasmcode.Read(data)
}

// wasmModule is a module to build WebAssembly from, with what its builds
// need in their environment.
type wasmModule struct {
	dir string
	env []string
	// goApp is the folder that replaces go-app in the module's go.mod, or
	// "" for go-app as the module proxy serves it.
	goApp string
}

func (b builder) appModule() wasmModule { return wasmModule{dir: b.repo} }

// helloModule is the hello world's module on go-app as its documentation
// builds it: upstream go-app, from the module proxy (the app's own builds
// never download it, since they use the copy in third_party/), and -mod=mod
// lets go add go-app's requirements and their checksums.
func (b builder) helloModule() wasmModule {
	return wasmModule{dir: filepath.Join(b.work, "hello-src"), env: []string{"GOFLAGS=-mod=mod", "GOWORK=off"}}
}

// helloOnTheAppsGoApp is the hello world built on the app's go-app, whose
// browser build leaves the server out (third_party/go-app).
func (b builder) helloOnTheAppsGoApp() wasmModule {
	return wasmModule{
		dir:   filepath.Join(b.work, "hello-on-app-go-app-src"),
		env:   []string{"GOFLAGS=-mod=mod", "GOWORK=off"},
		goApp: filepath.Join(b.repo, "third_party", "go-app"),
	}
}

// buildWasm runs go build for js/wasm in src.
func (b builder) buildWasm(src wasmModule, args ...string) error {
	env := append([]string{"GOOS=js", "GOARCH=wasm"}, src.env...)
	return b.run(src.dir, env, "go", append([]string{"build"}, args...)...)
}

// helloBuiltAsTheAppIs is the brotli size of the hello world built as the
// app is, without go-app's server: the floor of the app's own build, which
// the report gives beside the hello world.
func (b builder) helloBuiltAsTheAppIs() (int, error) {
	out := filepath.Join(b.work, "hello-for-browser.wasm")
	src := b.helloOnTheAppsGoApp()
	if err := b.writeHelloModule(src); err != nil {
		return 0, err
	}
	if err := b.buildWasm(src, append(wasmBuildFlags, "-o", out, ".")...); err != nil {
		return 0, err
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return 0, err
	}
	return b.brotliSizes([][]byte{data})[0], nil
}

// brotliSizes compresses each binary as `oversight compress` does, two at
// a time.
func (b builder) brotliSizes(binaries [][]byte) []int {
	sizes := make([]int, len(binaries))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 2)
	for i, data := range binaries {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			var buf bytes.Buffer
			w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: b.quality, LGWin: 24})
			// Writing to memory cannot fail.
			_, _ = w.Write(data)
			_ = w.Close()
			sizes[i] = buf.Len()
		})
	}
	wg.Wait()
	return sizes
}

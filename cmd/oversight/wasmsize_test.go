//go:build !(js && wasm)

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"oversight/internal/appbuild"
	"oversight/internal/wasmcode"
)

// wasmBrotliBudget is the most the browser side may weigh, in bytes of
// brotli at sizeGuardQuality: the size measured when it was set, plus about
// 3 % (1,659,632). A careless import
// (text/template alone adds about 3 MB raw) fails the test below; a change
// that earns its bytes raises this in the same commit, saying why.
const wasmBrotliBudget = 1_710_000

// sizeGuardQuality is lower than the 11 `make build` ships, which takes
// about 30 s on the WebAssembly: quality 5 takes a second or two and grows
// with every package as 11 does (the shipped file is about 15 % smaller).
const sizeGuardQuality = 5

func TestTheWebAssemblyStaysWithinItsSizeBudget(t *testing.T) {
	checkMakefileBuildsTheSameWay(t)
	m := buildWithNames(t)
	// What -ldflags="-s -w" ships, byte for byte but for the build id
	// (internal/wasmcode tests that against the linker).
	shipped := m.Stripped(nil)
	size := brotliSize(t, shipped, sizeGuardQuality)
	heaviest := heaviestPackages(t, m, 12)
	if size > wasmBrotliBudget {
		t.Fatalf("the WebAssembly is %d bytes of brotli (quality %d), over its budget of %d bytes "+
			"(wasmBrotliBudget in cmd/oversight/wasmsize_test.go). Something new is compiled into the browser side: "+
			"compare `GOOS=js GOARCH=wasm go list -deps ./cmd/oversight` with the main branch and keep out what the "+
			"browser does not need; if it earns its place, raise the budget in the same commit and say why. "+
			"The packages with the most code, in bytes of function bodies:%s",
			size, sizeGuardQuality, wasmBrotliBudget, heaviest)
	}
	t.Logf("the WebAssembly is %d bytes raw, %d bytes of brotli at quality %d: %.1f %% of its budget; the packages with the most code:%s",
		len(shipped), size, sizeGuardQuality, 100*float64(size)/wasmBrotliBudget, heaviest)
}

// buildWithNames builds the browser side as the Makefile does, but with
// its function names, so that the guard can say where the weight is.
func buildWithNames(t *testing.T) *wasmcode.Module {
	t.Helper()
	out := filepath.Join(t.TempDir(), "app.wasm")
	if err := appbuild.BuildForBrowser(".", "-trimpath", "-o", out, "."); err != nil {
		t.Fatalf("building the WebAssembly: %v", err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := wasmcode.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// heaviestPackages lists the n packages of the browser side with the most
// code, one per line.
func heaviestPackages(t *testing.T, m *wasmcode.Module, n int) string {
	t.Helper()
	var lines strings.Builder
	code := m.CodeByPackage(append(browserDependencies(t), "main"))
	for _, p := range code[:min(n, len(code))] {
		fmt.Fprintf(&lines, "\n  %9d  %s", p.Size, p.Package)
	}
	return lines.String()
}

// browserDependencies are the packages the browser side is built from.
func browserDependencies(t *testing.T) []string {
	t.Helper()
	return browserDependenciesOf(t, ".")
}

// browserDependenciesOf lists what the WebAssembly built from pkg links.
func browserDependenciesOf(t *testing.T, pkg string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(deps))
}

// checkMakefileBuildsTheSameWay fails if the Makefile ships the
// WebAssembly with other flags than the ones the guard measures.
func checkMakefileBuildsTheSameWay(t *testing.T) {
	t.Helper()
	makefile, err := os.ReadFile(filepath.Join("..", "..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^WASM_FLAGS\s*=\s*(.*)$`).FindSubmatch(makefile)
	if want := `-trimpath -ldflags="-s -w"`; m == nil || string(bytes.TrimSpace(m[1])) != want {
		t.Fatalf("the Makefile's WASM_FLAGS are not %s, which the size guard measures: make them agree", want)
	}
	if build := "GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/app.wasm ./cmd/oversight"; !bytes.Contains(makefile, []byte(build)) {
		t.Fatalf("the Makefile does not build the app with %q, as the size guard does", build)
	}
}

func brotliSize(t *testing.T, data []byte, quality int) int {
	t.Helper()
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: quality, LGWin: 24})
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// Markdown and YAML are read on the server and, for an imported tour, by
// the tour reader (cmd/tourreader): every visitor's WebAssembly has
// neither. An import of kb/load into the app would bring them back. Nor
// does it have an HTTP server or TLS, which the browser build leaves out of
// go-app and which an import of net/http would bring back, nor the live
// classes' server and its NATS client, nor ciphers and hashes, which the
// browser build leaves out of go-app with its encrypted storage.
func TestTheAppsWebAssemblyLinksNoMarkdownYAMLOrHTTP(t *testing.T) {
	deps := browserDependencies(t)
	for pkg, why := range map[string]string{
		"github.com/yuin/goldmark":   "the browser gets the knowledge base as a snapshot, and reads tours in cmd/tourreader",
		"go.yaml.in/yaml/v3":         "the browser gets the knowledge base as a snapshot, and reads tours in cmd/tourreader",
		"oversight/kb/load":          "the browser gets the knowledge base as a snapshot, and reads tours in cmd/tourreader",
		"oversight/content":          "the browser gets the knowledge base as a snapshot",
		"net/http":                   "the browser fetches with syscall/js; net/http brings TLS, about 300 KB of brotli",
		"crypto/tls":                 "nothing in the browser needs TLS of its own",
		"crypto/aes":                 "go-app's encrypted storage, which the app never uses, is left out of the browser build",
		"crypto/rand":                "the random IDs go-app makes need no cryptographic source (third_party/go-app, randomid.go)",
		"github.com/google/uuid":     "go-app's random IDs are made without it; it brought MD5 and SHA-1",
		"oversight/labs":             "the labs run in their own WebAssembly (cmd/labworker), in a Web Worker",
		"oversight/sim/weaktostrong": "the labs run in their own WebAssembly (cmd/labworker), in a Web Worker",
		"oversight/sim/control":      "the labs run in their own WebAssembly (cmd/labworker), in a Web Worker",
		"oversight/sim/debate":       "the labs run in their own WebAssembly (cmd/labworker), in a Web Worker",
		"oversight/live":             "the live classes' server; the app shares only its wire format, oversight/live/wire",
		"github.com/nats-io/nats.go": "the live classes' instances share rooms through NATS; the browser talks to one server",
	} {
		if slices.Contains(deps, pkg) {
			t.Errorf("the app's WebAssembly links %s: %s", pkg, why)
		}
	}
}

// The server lays the map out with Graphviz; the browser draws it from the
// positions and routes in the snapshot. Neither WebAssembly carries
// Graphviz (itself a WebAssembly module and its runtime, several MB).
func TestNoWebAssemblyLinksTheMapLayout(t *testing.T) {
	for _, pkg := range []string{".", "../tourreader", "../labworker"} {
		deps := browserDependenciesOf(t, pkg)
		if len(deps) == 0 {
			t.Fatalf("go list found no packages in the WebAssembly of %s", pkg)
		}
		for _, layout := range []string{"oversight/maplayout", "github.com/goccy/go-graphviz"} {
			if slices.Contains(deps, layout) {
				t.Errorf("the WebAssembly of %s links %s: the map is laid out on the server", pkg, layout)
			}
		}
	}
}

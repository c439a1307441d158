//go:build !(js && wasm)

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/andybalholm/brotli"
)

// wasmBrotliBudget is the most the browser side may weigh, in bytes of
// brotli at sizeGuardQuality: the size measured when it was set plus about
// 3 %. A careless import (text/template alone adds about 3 MB raw) fails
// the test below; a change that earns its bytes raises this in the same
// commit, saying why.
const wasmBrotliBudget = 2_131_500

// sizeGuardQuality is lower than the 11 `make build` ships, which takes
// about 30 s on the WebAssembly: quality 5 takes a second or two and grows
// with every package as 11 does (the shipped file is about 15 % smaller).
const sizeGuardQuality = 5

// wasmFlags are the Makefile's WASM_FLAGS, as arguments.
var wasmFlags = []string{"-trimpath", "-ldflags=-s -w"}

func TestTheWebAssemblyStaysWithinItsSizeBudget(t *testing.T) {
	checkMakefileBuildsTheSameWay(t)
	out := filepath.Join(t.TempDir(), "app.wasm")
	cmd := exec.Command("go", append(append([]string{"build"}, wasmFlags...), "-o", out, ".")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the WebAssembly: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	size := brotliSize(t, data, sizeGuardQuality)
	if size > wasmBrotliBudget {
		t.Fatalf("the WebAssembly is %d bytes of brotli (quality %d), over its budget of %d bytes "+
			"(wasmBrotliBudget in cmd/oversight/wasmsize_test.go). Something new is compiled into the browser side: "+
			"compare `GOOS=js GOARCH=wasm go list -deps ./cmd/oversight` with the main branch and keep out what the "+
			"browser does not need; if it earns its place, raise the budget in the same commit and say why.",
			size, sizeGuardQuality, wasmBrotliBudget)
	}
	t.Logf("the WebAssembly is %d bytes raw, %d bytes of brotli at quality %d: %.1f %% of its budget",
		len(data), size, sizeGuardQuality, 100*float64(size)/wasmBrotliBudget)
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
		t.Fatalf("the Makefile's WASM_FLAGS are not %s, which the size guard builds with: make them agree", want)
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
// neither. An import of kb/load into the app would bring them back.
func TestTheAppsWebAssemblyLinksNeitherGoldmarkNorYAML(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"github.com/yuin/goldmark", "go.yaml.in/yaml/v3", "oversight/kb/load", "oversight/content"} {
		if regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(pkg) + `$`).Match(deps) {
			t.Errorf("the app's WebAssembly links %s: the browser gets the knowledge base as a snapshot, and reads tours in cmd/tourreader", pkg)
		}
	}
}

package browserbuild

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// repo is the module this package belongs to.
const repo = "../.."

// serverPackages are what go-app's server brings into a WebAssembly.
var serverPackages = []string{"net/http", "crypto/tls", "crypto/x509", "crypto/ecdsa", "crypto/rsa"}

func TestTheAppForTheBrowserLinksNoneOfGoAppsServer(t *testing.T) {
	tree, err := Prepare(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	deps := listDeps(t, tree.Command(repo, "list", "-deps", "./cmd/oversight"))
	for _, pkg := range serverPackages {
		if slices.Contains(deps, pkg) {
			t.Errorf("built for the browser, the app still links %s", pkg)
		}
	}
	if !slices.Contains(deps, GoApp+"/pkg/app") {
		t.Errorf("built for the browser, the app does not link go-app at all: %v", deps)
	}

	// Without the copy, go-app alone brings them all in: what the build is for.
	plain := exec.Command("go", "list", "-deps", "./tools/bench/hello")
	plain.Dir = repo
	plain.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	plainDeps := listDeps(t, plain)
	for _, pkg := range serverPackages {
		if !slices.Contains(plainDeps, pkg) {
			t.Errorf("go-app's hello world, built as go-app's documentation builds it, does not link %s: is the browser build still needed?", pkg)
		}
	}
}

// The app's version is a hash of its WebAssembly: building twice from the
// same sources must give the same bytes, or every build would be a new
// version to every reader.
func TestTwoBuildsAreTheSameByteForByte(t *testing.T) {
	if testing.Short() {
		t.Skip("builds WebAssembly twice")
	}
	dir := t.TempDir()
	var builds [][]byte
	for _, name := range []string{"first.wasm", "second.wasm"} {
		out := filepath.Join(dir, name)
		if err := Build(repo, "-trimpath", "-ldflags=-s -w", "-o", out, "./tools/bench/hello"); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		builds = append(builds, data)
	}
	if len(builds[0]) < 1_000_000 || !bytes.Equal(builds[0], builds[1]) {
		t.Errorf("two builds of the same sources differ (%d and %d bytes)", len(builds[0]), len(builds[1]))
	}
	// The build records where go-app came from: a folder of the module,
	// never one of the machine that built it.
	root, err := filepath.Abs(repo)
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.UserHomeDir()
	for _, local := range []string{root, home, os.TempDir()} {
		if local != "" && local != "/" && bytes.Contains(builds[0], []byte(local)) {
			t.Errorf("the WebAssembly names %s, a folder of the machine that built it", local)
		}
	}
	if !bytes.Contains(builds[0], []byte("=>\t./"+copiesFolder+"/go-app-")) {
		t.Errorf("the WebAssembly does not say that go-app came from ./%s", copiesFolder)
	}
}

func TestClosingATreeRemovesItsGoModAndKeepsTheSharedCopy(t *testing.T) {
	tree, err := Prepare(repo)
	if err != nil {
		t.Fatal(err)
	}
	goMod, err := os.ReadFile(tree.Modfile)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(repo, strings.TrimSpace(string(goMod[bytes.LastIndex(goMod, []byte("=>"))+2:])))
	if err := tree.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(tree.Modfile)); !os.IsNotExist(err) {
		t.Errorf("Close left %s behind", filepath.Dir(tree.Modfile))
	}
	if _, err := os.Stat(filepath.Join(copied, "pkg", "app", "http.go")); err != nil {
		t.Errorf("the shared copy of go-app is gone after Close: %v", err)
	}
}

func TestAGoModForAnotherGoAppIsSentToCompareTheFilesAgain(t *testing.T) {
	dir := t.TempDir()
	goMod := "module x\n\ngo 1.26\n\nrequire " + GoApp + " v10.2.0\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Prepare(dir)
	if err == nil || !strings.Contains(err.Error(), "v10.2.0") || !strings.Contains(err.Error(), "internal/browserbuild/_goapp") {
		t.Errorf("Prepare with go-app v10.2.0: error %v, want one naming the version and the files to compare", err)
	}
}

func TestEveryReplacementHasAFileToReplace(t *testing.T) {
	source, err := moduleSource(repo, GoApp)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := replacements.ReadDir("_goapp")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no replacements are embedded")
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(source, "pkg", "app", e.Name())); err != nil {
			t.Errorf("_goapp/%s replaces no file of go-app's pkg/app", e.Name())
		}
	}
}

func listDeps(t *testing.T, cmd *exec.Cmd) []string {
	t.Helper()
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, msg)
	}
	return strings.Fields(string(out))
}

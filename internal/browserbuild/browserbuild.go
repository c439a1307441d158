// Package browserbuild builds Go for the browser (js/wasm) against a copy
// of go-app from which its server is left out.
//
// go-app's package app keeps its server, Handler in http.go and the
// resource resolvers in resource.go, beside its browser code, so every
// go-app WebAssembly imports net/http, and with it crypto/tls and the
// ciphers, curves and certificates TLS needs: about 1.7 MB of code that the
// browser never runs, 330 KB of our file's brotli. A build here copies
// go-app's module from the module cache, puts the browser's part of those
// two files (_goapp/) in their place, and builds with a copy of the
// module's go.mod that replaces go-app with the copy. Nothing else changes:
// the same Go code, the same go-app for the server.
package browserbuild

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// GoApp is the module whose server is left out, and GoAppVersion the
// version _goapp/ was written from: a go.mod that requires another one is
// refused until someone has compared the files again.
const (
	GoApp        = "github.com/maxence-charriere/go-app/v10"
	GoAppVersion = "v10.1.11"
)

// replacements are the browser's parts of go-app's files, by name in
// pkg/app.
//
//go:embed _goapp
var replacements embed.FS

// Tree is a prepared build: a go.mod (with its go.sum) beside the module's
// own, which points go-app at a copy without its server.
type Tree struct {
	// Modfile is the go.mod to build with, as go build -modfile.
	Modfile string
	dir     string
}

// Prepare copies go-app for the module that dir is in (which must require
// GoApp at GoAppVersion), unless an earlier build has, and writes the
// go.mod to build with, which Close removes.
func Prepare(dir string) (*Tree, error) {
	moduleDir, err := moduleRoot(dir)
	if err != nil {
		return nil, err
	}
	goMod, err := os.ReadFile(filepath.Join(moduleDir, "go.mod"))
	if err != nil {
		return nil, err
	}
	if v := RequiredVersion(goMod, GoApp); v != GoAppVersion {
		return nil, fmt.Errorf("%s requires %s %s, but internal/browserbuild/_goapp replaces files of %s: compare them with the new version's pkg/app/http.go and resource.go, then update both",
			filepath.Join(moduleDir, "go.mod"), GoApp, v, GoAppVersion)
	}
	goApp, err := sharedCopy(moduleDir)
	if err != nil {
		return nil, fmt.Errorf("copying go-app: %w", err)
	}
	temp, err := os.MkdirTemp("", "browserbuild-")
	if err != nil {
		return nil, err
	}
	t := &Tree{Modfile: filepath.Join(temp, "go.mod"), dir: temp}
	if err := t.writeModfile(moduleDir, goMod, goApp); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

func (t *Tree) writeModfile(moduleDir string, goMod []byte, goApp string) error {
	goMod = fmt.Appendf(goMod, "\nreplace %s => %s\n", GoApp, goApp)
	if err := os.WriteFile(t.Modfile, goMod, 0o644); err != nil {
		return err
	}
	goSum, err := os.ReadFile(filepath.Join(moduleDir, "go.sum"))
	if err != nil {
		return err
	}
	return os.WriteFile(strings.TrimSuffix(t.Modfile, ".mod")+".sum", goSum, 0o644)
}

// copiesFolder is where, in the module, the copies of go-app are kept:
// under bin/, which git ignores and make clean removes.
const copiesFolder = "bin/browserbuild"

// sharedCopy is the copy of go-app GoAppVersion with the replacements, made
// once per version and replacements in the module's copiesFolder and never
// changed after, as a path relative to the module (./bin/...). The build
// records a replaced module's folder in the WebAssembly, and its build ids
// hash it: one folder, named relative to the module, keeps the file the
// same byte for byte from build to build and machine to machine (the app's
// version is a hash of it), and keeps the builder's own folders out of a
// file every visitor downloads. Builds running at once each make a copy and
// keep the first one renamed into place.
func sharedCopy(moduleDir string) (string, error) {
	key, err := copyKey()
	if err != nil {
		return "", err
	}
	name := copiesFolder + "/go-app-" + key
	final := filepath.Join(moduleDir, filepath.FromSlash(name))
	if _, err := os.Stat(final); err == nil {
		return "./" + name, nil
	}
	source, err := moduleSource(moduleDir, GoApp)
	if err != nil {
		return "", err
	}
	base := filepath.Dir(final)
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(base, "partial-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	if err := copyGoApp(source, work); err != nil {
		return "", err
	}
	if err := os.Rename(work, final); err != nil {
		if _, statErr := os.Stat(final); statErr != nil {
			return "", err
		}
	}
	return "./" + name, nil
}

// copyKey names a copy by the go-app version it is made from and the
// replacements.
func copyKey() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", GoApp, GoAppVersion)
	err := fs.WalkDir(replacements, "_goapp", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := replacements.ReadFile(name)
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

// Close removes the go.mod; the copy of go-app stays for the next build.
func (t *Tree) Close() error { return os.RemoveAll(t.dir) }

// Command is the go command with args run in dir for the browser with the
// tree's go.mod: go build, go list, go vet.
func (t *Tree) Command(dir, subcommand string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", append([]string{subcommand, "-modfile=" + t.Modfile}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	return cmd
}

// Build runs go build with args (flags, -o and the package) in dir for
// the browser, without go-app's server.
func Build(dir string, args ...string) error {
	t, err := Prepare(dir)
	if err != nil {
		return err
	}
	defer t.Close()
	if out, err := t.Command(dir, "build", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s for the browser: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// moduleRoot is the folder of the go.mod of the module that dir is in.
func moduleRoot(dir string) (string, error) {
	cmd := exec.Command("go", "env", "GOMOD")
	cmd.Dir = dir
	out, err := cmd.Output()
	goMod := strings.TrimSpace(string(out))
	if err != nil || goMod == "" || goMod == os.DevNull {
		return "", fmt.Errorf("%s is in no Go module (go env GOMOD: %q, %v)", dir, goMod, err)
	}
	return filepath.Dir(goMod), nil
}

// RequiredVersion reads the version of module that a go.mod requires, or
// "" if it requires none.
func RequiredVersion(goMod []byte, module string) string {
	m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(module) + `\s+(\S+)`).FindSubmatch(goMod)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// moduleSource is where the module cache holds the version of module that
// the module at moduleDir requires, downloading it if need be.
func moduleSource(moduleDir, module string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module)
	cmd.Dir = moduleDir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", module, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no folder in %q (%s)", module, out, info.Error)
	}
	return info.Dir, nil
}

// copyGoApp copies what a build needs of go-app (its go.mod and licence,
// and the Go files of pkg/app and pkg/errors without their tests), then
// writes the replacements over pkg/app's files.
func copyGoApp(source, target string) error {
	for _, name := range []string{"go.mod", "LICENSE"} {
		if err := copyFile(filepath.Join(source, name), filepath.Join(target, name)); err != nil {
			return err
		}
	}
	for _, pkg := range []string{"pkg/app", "pkg/errors"} {
		entries, err := os.ReadDir(filepath.Join(source, pkg))
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			if err := copyFile(filepath.Join(source, pkg, e.Name()), filepath.Join(target, pkg, e.Name())); err != nil {
				return err
			}
		}
	}
	return fs.WalkDir(replacements, "_goapp", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := replacements.ReadFile(name)
		if err != nil {
			return err
		}
		replaced := filepath.Join(target, "pkg", "app", filepath.Base(name))
		if _, err := os.Stat(replaced); err != nil {
			return fmt.Errorf("go-app has no pkg/app/%s to replace: %w", filepath.Base(name), err)
		}
		return os.WriteFile(replaced, data, 0o644)
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

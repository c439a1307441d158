// Package e2e drives the real Oversight Explorer server through Debian's
// headless Chromium. TestMain builds the server and the WebAssembly exactly as
// `make build` does, serves them on a free loopback port, and every test opens
// a fresh browser profile against it.
package e2e

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	// serverURL is the origin of the app under test, like http://127.0.0.1:41234.
	serverURL string
	// chromiumPath is the browser the tests drive.
	chromiumPath string
	// artifacts is where screenshots are saved (git-ignored).
	artifacts string
	// offOrigin records every request Chromium sends anywhere but loopback.
	offOrigin = &recordingProxy{}
	// mainBuild is the build of the repository under test.
	mainBuild appBuild
	// workDir holds the builds and exports the tests make.
	workDir string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	chromiumPath = os.Getenv("CHROMIUM")
	if chromiumPath == "" {
		chromiumPath = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: no Chromium at %s. Run `make test`, which installs Debian's chromium, or set CHROMIUM=/path/to/chromium.\n", chromiumPath)
		return 1
	}
	artifacts = filepath.Join("..", ".artifacts", "screenshots")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	dir, err := os.MkdirTemp("", "oversight-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	workDir = dir

	stop, err := startServer(filepath.Join(dir, "main"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stop()
	stopProxy, err := offOrigin.start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stopProxy()
	return m.Run()
}

// startServer builds the app into dir and serves it on a free port.
func startServer(dir string) (stop func(), err error) {
	build, err := buildApp(dir, "..")
	if err != nil {
		return nil, err
	}
	mainBuild = build
	url, stop, err := build.serve("127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	serverURL = url
	return stop, nil
}

// appBuild is a built server binary with its static folder.
type appBuild struct {
	binary, web string
}

// buildApp builds the server and both WebAssemblies (the app and its tour
// reader) from the repository at repo into dir, and copies the static files
// beside them.
func buildApp(dir, repo string) (appBuild, error) {
	b := appBuild{binary: filepath.Join(dir, "oversight"), web: filepath.Join(dir, "web")}
	if err := copyStaticFiles(filepath.Join(repo, "web"), b.web); err != nil {
		return b, err
	}
	pkg := "./cmd/oversight"
	if err := goBuild(repo, nil, "-trimpath", "-o", b.binary, pkg); err != nil {
		return b, err
	}
	wasmEnv := []string{"GOOS=js", "GOARCH=wasm"}
	if err := goBuild(repo, wasmEnv, "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(b.web, "app.wasm"), pkg); err != nil {
		return b, err
	}
	err := goBuild(repo, wasmEnv, "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(b.web, "tourreader.wasm"), "./cmd/tourreader")
	return b, err
}

// serve starts the build on addr and returns its URL; stop shuts it down
// the way an operator would, with SIGINT.
func (b appBuild) serve(addr string) (url string, stop func(), err error) {
	cmd := exec.Command(b.binary, "serve", "-addr", addr, "-web", b.web)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	first, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		return "", nil, fmt.Errorf("the server printed no address: %v", err)
	}
	go io.Copy(io.Discard, stdout)
	url = regexp.MustCompile(`http://\S+`).FindString(first)
	if url == "" {
		cmd.Process.Kill()
		return "", nil, fmt.Errorf("no URL in the server's first line %q", first)
	}
	return url, func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}, nil
}

func goBuild(repo string, env []string, args ...string) error {
	cmd := exec.Command("go", append([]string{"build"}, args...)...)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

func copyStaticFiles(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		// Built artefacts of a local `make build` would be stale here.
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".wasm") || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// recordingProxy is the proxy Chromium must send every non-loopback request
// through. It answers none of them and remembers each, so a test fails on
// any request the app makes outside its origin, from the page, a worker or
// anything else in the browser.
type recordingProxy struct {
	mu    sync.Mutex
	addr  string
	hosts []string
}

func (p *recordingProxy) start() (stop func(), err error) {
	server := &http.Server{Handler: p, ReadHeaderTimeout: 5 * time.Second}
	listener, err := listenLoopback()
	if err != nil {
		return nil, err
	}
	p.addr = listener.Addr().String()
	go server.Serve(listener)
	return func() { server.Close() }, nil
}

// chromiumServices are hosts that Chromium itself calls whatever page it
// shows, and that no flag turns off. The app never names them; requests from
// the page itself are checked against every host in page.checkRequests.
var chromiumServices = map[string]bool{
	"update.googleapis.com": true, // component updater
	"accounts.google.com":   true, // account consistency check
	"redirector.gvt1.com":   true, // spell-check dictionaries, fetched when text is typed into a field
}

func (p *recordingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if host, _, err := net.SplitHostPort(r.Host); !chromiumServices[r.Host] && (err != nil || !chromiumServices[host]) {
		p.mu.Lock()
		p.hosts = append(p.hosts, r.Method+" "+r.Host+r.URL.Path)
		p.mu.Unlock()
	}
	http.Error(w, "Oversight Explorer's tests allow no request outside the app's origin", http.StatusForbidden)
}

// take returns and forgets what the proxy has seen.
func (p *recordingProxy) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	seen := p.hosts
	p.hosts = nil
	return seen
}

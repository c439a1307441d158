// Package e2e drives the real Oversight Explorer server through Debian's
// headless Chromium. TestMain builds the server and the WebAssembly exactly as
// `make build` does, serves them on a free loopback port, and every test opens
// the app in one Chromium: in a fresh browser context for a first visit
// (openPage), or in a tab lent to returning readers' tests one at a time
// (openReturningPage).
package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oversight/internal/appbuild"
	"oversight/internal/chromium"
	"oversight/internal/copyfiles"
)

var (
	// serverURL is the origin of the app under test, like http://127.0.0.1:41234.
	serverURL string
	// chromiumPath is the browser the tests drive.
	chromiumPath string
	// artifacts is where screenshots are saved (git-ignored).
	artifacts string
	// offOrigin records every request the shared Chromium sends anywhere
	// but loopback from outside the tests' tabs (each tab's browser context
	// has a recording proxy of its own).
	offOrigin = &recordingProxy{}
	// sharedBrowser is the one Chromium the tests open their tabs in.
	sharedBrowser context.Context
	// mainBuild is the build of the repository under test.
	mainBuild appbuild.Build
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
	stopBrowser, err := startSharedBrowser(filepath.Join(dir, "profile"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	code := m.Run()
	stopBrowser()
	if seen := offOrigin.take(); len(seen) > 0 && code == 0 {
		fmt.Fprintf(os.Stderr, "e2e: the browser sent requests outside the app's origin: %v\n", seen)
		return 1
	}
	return code
}

// startSharedBrowser starts the Chromium every test opens its tabs in, on a
// fresh profile.
func startSharedBrowser(profile string) (stop func(), err error) {
	opts := append(chromium.Options(chromiumPath, profile, int(desktop.width), int(desktop.height), offOrigin.addr), chromium.QuickerForTests()...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(browserCtx); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, fmt.Errorf("starting Chromium: %w", err)
	}
	sharedBrowser = browserCtx
	return func() {
		cancelBrowser()
		cancelAlloc()
	}, nil
}

// startServer builds the app into dir and serves it on a free port.
func startServer(dir string) (stop func(), err error) {
	build, err := buildApp(dir, "..")
	if err != nil {
		return nil, err
	}
	mainBuild = build
	url, stop, err := build.Serve("127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	serverURL = url
	return stop, nil
}

// buildApp builds the server and every WebAssembly from the repository at
// repo into dir, beside a copy of its static files.
func buildApp(dir, repo string) (appbuild.Build, error) {
	web := filepath.Join(dir, "web")
	// Built files of a local `make build` would be stale here.
	notBuilt := func(name string) bool { return !appbuild.IsBuilt(name) }
	if err := copyfiles.Folder(filepath.Join(repo, "web"), web, notBuilt); err != nil {
		return appbuild.Build{}, err
	}
	return appbuild.Make(repo, filepath.Join(dir, "oversight"), web)
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

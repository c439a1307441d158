// Package appbuild builds and starts Oversight Explorer as `make build` and
// `make run` do, for the browser tests and the benchmarks, which drive the
// real server.
package appbuild

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Build is a built server and the static folder it serves.
type Build struct {
	Binary, Web string
}

// wasmFiles are the WebAssembly files of a build, with the package each is
// built from: the app, and the tour reader and the labs it starts on demand.
var wasmFiles = []struct{ name, pkg string }{
	{"app.wasm", "./cmd/oversight"},
	{"tourreader.wasm", "./cmd/tourreader"},
	{"labs.wasm", "./cmd/labworker"},
}

// Make builds, from the module at repo, the server into binary and every
// WebAssembly into web, which holds the static files already. The builds
// run side by side: each ends in a link, which uses one core.
func Make(repo, binary, web string) (Build, error) {
	builds := []func() error{func() error { return buildServer(repo, binary) }}
	for _, w := range wasmFiles {
		builds = append(builds, func() error {
			return BuildForBrowser(repo, "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(web, w.name), w.pkg)
		})
	}
	errs := make([]error, len(builds))
	var wg sync.WaitGroup
	for i, build := range builds {
		wg.Go(func() { errs[i] = build() })
	}
	wg.Wait()
	return Build{Binary: binary, Web: web}, errors.Join(errs...)
}

// WithServerOf builds the server of the module at repo into binary, to
// serve the static files and WebAssembly of b: a new version whose content
// changed needs no new WebAssembly, which holds no content.
func (b Build) WithServerOf(repo, binary string) (Build, error) {
	return Build{Binary: binary, Web: b.Web}, buildServer(repo, binary)
}

func buildServer(repo, binary string) error {
	return goBuild(repo, nil, "-trimpath", "-o", binary, "./cmd/oversight")
}

// IsBuilt says whether a file of a static folder is made by Make (or by
// `make build`), and so is stale in a copy of the folder.
func IsBuilt(name string) bool {
	return strings.HasSuffix(name, ".wasm") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || strings.HasPrefix(name, ".")
}

// Serve starts the build on addr, with any more flags of `oversight serve`,
// and returns its URL, read from the first line the server prints; stop
// shuts it down the way an operator would, with SIGINT, and kills it if it
// has not stopped after 10 s.
func (b Build) Serve(addr string, flags ...string) (url string, stop func(), err error) {
	cmd := exec.Command(b.Binary, append([]string{"serve", "-addr", addr, "-web", b.Web}, flags...)...)
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

// BuildForBrowser runs go build for the browser (js/wasm) in repo, as
// `make wasm` does.
func BuildForBrowser(repo string, args ...string) error {
	return goBuild(repo, []string{"GOOS=js", "GOARCH=wasm"}, args...)
}

func goBuild(repo string, env []string, args ...string) error {
	cmd := exec.Command("go", append([]string{"build"}, args...)...)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s go build %s: %v\n%s", strings.Join(env, " "), strings.Join(args, " "), err, out)
	}
	return nil
}

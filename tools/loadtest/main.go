// Command loadtest measures Oversight Explorer's server against a plain
// http.FileServer over the same bytes, on loopback only.
//
//	go run ./tools/loadtest [-bin bin/oversight] [-web web] [-duration 30s] [-connections 50]
//
// It starts `oversight serve` on 127.0.0.1, fetches the map, a concept page
// and the WebAssembly from it into a temporary folder, and serves that
// folder with http.FileServer (in a second process, so that neither server
// shares a process with the load). Then, for each of the three paths, it
// drives each server in turn with a fixed number of connections for an equal
// share of -duration, and prints requests per second, median and 99th
// percentile latency, and the ratio of the app to the baseline. It exits
// with status 1 on any response that is not 2xx and on any socket error.
//
// Every loop is bounded in time and in count, and the tool sends requests to
// 127.0.0.1 only: it refuses any other address.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

const (
	// maxRequestsPerConnection bounds each connection's loop in count, on
	// top of the phase's duration.
	maxRequestsPerConnection = 1_000_000
	// requestTimeout bounds one request; one that takes longer is an error.
	requestTimeout = 60 * time.Second
	// baselineFlag makes this program the baseline server (used internally).
	baselineFlag = "serve-baseline"
)

func main() {
	bin := flag.String("bin", "bin/oversight", "the server binary to test")
	web := flag.String("web", "web", "the static folder, with app.wasm, to serve it with")
	duration := flag.Duration("duration", 30*time.Second, "total time under load, shared equally by every path and server")
	connections := flag.Int("connections", 50, "concurrent connections (1 to 500)")
	acceptEncoding := flag.String("accept-encoding", "", `Accept-Encoding to send to both servers, as a browser would ("br, gzip"); by default none, so both send the same bytes`)
	concept := flag.String("concept", "/concepts/debate", "the concept page to load")
	baseline := flag.String(baselineFlag, "", "internal: serve this folder with http.FileServer on 127.0.0.1")
	flag.Parse()

	if *baseline != "" {
		if err := serveBaseline(*baseline); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest baseline:", err)
			os.Exit(1)
		}
		return
	}
	if *connections < 1 || *connections > 500 || *duration <= 0 || *duration > time.Hour {
		fmt.Fprintln(os.Stderr, "loadtest: -connections must be 1 to 500 and -duration at most 1h")
		os.Exit(2)
	}
	if !regexp.MustCompile(`^/concepts/[a-z0-9-]+$`).MatchString(*concept) {
		fmt.Fprintln(os.Stderr, "loadtest: -concept must be a path like /concepts/debate")
		os.Exit(2)
	}
	encoding = *acceptEncoding
	ok, err := run(*bin, *web, *concept, *duration, *connections)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// encoding is the Accept-Encoding of the load's requests.
var encoding string

func run(bin, web, concept string, duration time.Duration, connections int) (ok bool, err error) {
	// Ctrl-C ends the current phase early; the servers are stopped either way.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	app, err := start(bin, "serve", "-addr", "127.0.0.1:0", "-web", web)
	if err != nil {
		return false, fmt.Errorf("starting the app: %w", err)
	}
	defer app.stop()

	paths := []string{"/", concept, "/web/app.wasm"}
	dir, err := os.MkdirTemp("", "oversight-loadtest-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	// The baseline serves what the app served, byte for byte.
	files := map[string]string{"/": "index.html", concept: filepath.FromSlash(strings.TrimPrefix(concept, "/")), "/web/app.wasm": filepath.Join("web", "app.wasm")}
	bodies := make(map[string][]byte)
	for _, p := range paths {
		body, err := get(app.url + p)
		if err != nil {
			return false, fmt.Errorf("fetching %s from the app: %w", p, err)
		}
		bodies[p] = body
		name := filepath.Join(dir, files[p])
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return false, err
		}
		if err := os.WriteFile(name, body, 0o644); err != nil {
			return false, err
		}
	}
	self, err := os.Executable()
	if err != nil {
		return false, err
	}
	base, err := start(self, "-"+baselineFlag, dir)
	if err != nil {
		return false, fmt.Errorf("starting the baseline: %w", err)
	}
	defer base.stop()
	for _, p := range paths {
		body, err := get(base.url + p)
		if err != nil {
			return false, fmt.Errorf("fetching %s from the baseline: %w", p, err)
		}
		if !bytes.Equal(body, bodies[p]) {
			return false, fmt.Errorf("the baseline serves %s differently from the app", p)
		}
	}

	phase := duration / time.Duration(2*len(paths))
	fmt.Printf("loadtest: %d connections, %s per path and server (%s in all), loopback only\n", connections, phase, phase*time.Duration(2*len(paths)))
	if encoding != "" {
		fmt.Printf("Accept-Encoding: %s (a compressed response is not checked against the file's size)\n", encoding)
	}
	fmt.Printf("app:      bin %s on %s\nbaseline: http.FileServer over the app's own responses on %s\n\n", bin, app.url, base.url)
	out := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(out, "path\tserver\trequests\treq/s\tMB/s\tp50\tp99\tnon-2xx\terrors\t")
	ok = true
	for _, p := range paths {
		var results [2]result
		for i, target := range []*process{app, base} {
			results[i] = load(ctx, target.url+p, int64(len(bodies[p])), connections, phase)
			r := results[i]
			fmt.Fprintf(out, "%s\t%s\t%d\t%.1f\t%.1f\t%s\t%s\t%d\t%d\t\n", p, target.name, r.requests, r.rate(), r.megabytesPerSecond(), ms(r.percentile(50)), ms(r.percentile(99)), r.non2xx, r.errors)
			if r.non2xx > 0 || r.errors > 0 {
				ok = false
			}
		}
		a, b := results[0], results[1]
		fmt.Fprintf(out, "%s\tapp/baseline\t\t%.2fx\t%.2fx\t%.2fx\t%.2fx\t\t\t\n", p, ratio(a.rate(), b.rate()), ratio(a.megabytesPerSecond(), b.megabytesPerSecond()), ratio(float64(a.percentile(50)), float64(b.percentile(50))), ratio(float64(a.percentile(99)), float64(b.percentile(99))))
	}
	out.Flush()
	for _, r := range []*process{app, base} {
		if e := r.firstErrors(); e != "" {
			fmt.Printf("\nfirst errors:\n%s", e)
		}
	}
	if ctx.Err() != nil {
		return false, errors.New("interrupted")
	}
	if !ok {
		fmt.Println("\nFAIL: some responses were not 2xx or some requests failed")
	} else {
		fmt.Println("\nok: every response was 2xx, no socket errors")
	}
	return ok, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// result is what one phase measured.
type result struct {
	requests, non2xx, errors int
	bytes                    int64
	elapsed                  time.Duration
	latencies                []time.Duration // sorted
	firstErrors              []string
}

func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

func (r result) megabytesPerSecond() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.bytes) / 1e6 / r.elapsed.Seconds()
}

func (r result) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := (len(r.latencies)*p + 99) / 100
	return r.latencies[min(max(i-1, 0), len(r.latencies)-1)]
}

// load sends GET target on each of n connections, one request after
// another, until the phase's time is up or the per-connection count is
// reached. It waits for the requests in flight at the end.
func load(ctx context.Context, target string, size int64, n int, phase time.Duration) result {
	if err := loopbackOnly(target); err != nil {
		return result{errors: 1, firstErrors: []string{err.Error()}}
	}
	transport := &http.Transport{
		DialContext:         dialLoopback,
		MaxConnsPerHost:     n,
		MaxIdleConnsPerHost: n,
		DisableCompression:  true,
		IdleConnTimeout:     time.Minute,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: requestTimeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	var (
		mu  sync.Mutex
		all result
		wg  sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(phase)
	for range n {
		wg.Go(func() {
			var r result
			for i := 0; i < maxRequestsPerConnection && time.Now().Before(end) && ctx.Err() == nil; i++ {
				t0 := time.Now()
				status, got, compressed, err := fetch(client, target)
				r.requests++
				r.bytes += got
				switch {
				case err != nil:
					r.errors++
					r.note(err.Error())
				case status < 200 || status > 299:
					r.non2xx++
					r.note(fmt.Sprintf("status %d", status))
				case got != size && !compressed:
					r.errors++
					r.note(fmt.Sprintf("got %d bytes, want %d", got, size))
				default:
					r.latencies = append(r.latencies, time.Since(t0))
				}
			}
			mu.Lock()
			defer mu.Unlock()
			all.requests += r.requests
			all.non2xx += r.non2xx
			all.errors += r.errors
			all.bytes += r.bytes
			all.latencies = append(all.latencies, r.latencies...)
			if len(all.firstErrors) < 5 {
				all.firstErrors = append(all.firstErrors, r.firstErrors...)
			}
		})
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	slices.Sort(all.latencies)
	for _, e := range all.firstErrors[:min(len(all.firstErrors), 5)] {
		fmt.Fprintf(os.Stderr, "loadtest: %s: %s\n", target, e)
	}
	return all
}

func (r *result) note(e string) {
	if len(r.firstErrors) < 5 {
		r.firstErrors = append(r.firstErrors, e)
	}
}

// fetch does one GET and reads the whole body.
func fetch(client *http.Client, target string) (status int, n int64, compressed bool, err error) {
	req, err := http.NewRequest("GET", target, nil)
	if err != nil {
		return 0, 0, false, err
	}
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, 0, false, err
	}
	defer res.Body.Close()
	n, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, n, res.Header.Get("Content-Encoding") != "", err
}

func get(target string) ([]byte, error) {
	if err := loopbackOnly(target); err != nil {
		return nil, err
	}
	client := &http.Client{Transport: &http.Transport{DialContext: dialLoopback, DisableCompression: true}, Timeout: requestTimeout}
	res, err := client.Get(target)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", res.StatusCode)
	}
	return io.ReadAll(res.Body)
}

// loopbackOnly refuses any URL that is not http://127.0.0.1:port/….
func loopbackOnly(target string) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	if u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("refusing %s: loadtest only sends requests to http://127.0.0.1", target)
	}
	return nil
}

// dialLoopback connects to 127.0.0.1 and nowhere else, whatever the URL.
func dialLoopback(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.Equal(net.IPv4(127, 0, 0, 1)) {
		return nil, fmt.Errorf("refusing to connect to %s: loadtest only connects to 127.0.0.1", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp4", addr)
}

// process is a server this tool started.
type process struct {
	name   string
	url    string
	cmd    *exec.Cmd
	stderr *limitedBuffer
}

var serverNames = map[string]string{"serve": "app"}

// start runs a server that prints its URL on the first line of stdout.
func start(bin string, args ...string) (*process, error) {
	name := "baseline"
	if n, ok := serverNames[args[0]]; ok {
		name = n
	}
	cmd := exec.Command(bin, args...)
	stderr := &limitedBuffer{max: 4096}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{name: name, cmd: cmd, stderr: stderr}
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-lines:
		u := regexp.MustCompile(`http://\S+`).FindString(line)
		u = strings.Replace(u, "http://localhost:", "http://127.0.0.1:", 1)
		if err := loopbackOnly(u); err != nil {
			p.stop()
			return nil, fmt.Errorf("%s printed %q: %v; stderr: %s", bin, line, err, stderr)
		}
		p.url = u
		return p, nil
	case <-time.After(30 * time.Second):
		p.stop()
		return nil, fmt.Errorf("%s printed no address within 30 s; stderr: %s", bin, stderr)
	}
}

// stop interrupts the server and waits for it, killing it after 10 s.
func (p *process) stop() {
	if p.cmd.Process == nil || p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

func (p *process) firstErrors() string {
	if p.stderr.Len() == 0 {
		return ""
	}
	return p.name + " stderr:\n" + p.stderr.String()
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	max int
	b   bytes.Buffer
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveBaseline is the baseline: a plain http.FileServer on a loopback
// port, until interrupted.
func serveBaseline(dir string) error {
	listener, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	server := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("baseline serving on http://%s\n", listener.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		server.Shutdown(shutdown)
	}()
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

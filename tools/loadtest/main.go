// Command loadtest measures Oversight Explorer's server against a plain
// http.FileServer over the same bytes, on loopback only.
//
//	go run ./tools/loadtest [-bin bin/oversight] [-web web] [-duration 30s] [-connections 50]
//		[-burst 300] [-flood 100000] [-flood-time 1m]
//
// It starts `oversight serve` on 127.0.0.1, fetches from it the map, a
// concept page, and every same-origin file the map names as a browser
// would fetch them (scripts, styles, preloads, icons, the manifest, and the
// WebAssembly) into a temporary folder, and serves that folder with
// http.FileServer (in a second process, so that neither server shares a
// process with the load). Then it measures, and prints:
//
//   - Memory: the app's resident memory (VmRSS) after start-up, after a
//     warm-up that fills its cache of page variants, and after a flood of
//     -flood distinct query strings (half on a concept page at a parameter
//     it does not read, half on the search) and one made-up path for every
//     20, stopped after -flood-time; and whether the flood grew it beyond
//     what that bounded cache may hold.
//   - Throughput: for the map, the concept page and the WebAssembly, each
//     server in turn with -connections for an equal share of -duration:
//     requests per second, median and 99th percentile latency, the ratios of
//     the app to the baseline, and beside them the targets of issue 22 for
//     the pages (at least 0.8x the file server's requests per second, a p99
//     at most 2x its own).
//   - A burst: -burst clients released at once, each on its own connection,
//     each fetching the map and its files in turn, on each server: when the
//     last first byte and the last full response of each file arrived.
//
// The targets and the memory's verdict are reported, not enforced. The tool
// exits with status 1 on any socket error and on any response that is not
// 2xx, but for the flood's made-up paths, which must answer 404.
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
	var o options
	flag.StringVar(&o.bin, "bin", "bin/oversight", "the server binary to test")
	flag.StringVar(&o.web, "web", "web", "the static folder, with app.wasm, to serve it with")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "total time under load, shared equally by every path and server")
	flag.IntVar(&o.connections, "connections", 50, "concurrent connections of the load (1 to 500)")
	flag.StringVar(&o.encoding, "accept-encoding", "", `Accept-Encoding to send to both servers, as a browser would ("br, gzip"); by default none, so both send the same bytes`)
	flag.StringVar(&o.concept, "concept", "/concepts/debate", "the concept page to load")
	flag.IntVar(&o.burstClients, "burst", 300, "clients of the burst, each on its own connection (1 to 1000)")
	flag.IntVar(&o.floodQueries, "flood", 100_000, "distinct query strings of the memory flood (0 to 1,000,000; 0 skips it), plus one made-up path for every 20")
	flag.DurationVar(&o.floodTime, "flood-time", time.Minute, "the most the memory flood may last (at most 10m)")
	baseline := flag.String(baselineFlag, "", "internal: serve this folder with http.FileServer on 127.0.0.1")
	flag.Parse()

	if *baseline != "" {
		if err := serveBaseline(*baseline); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest baseline:", err)
			os.Exit(1)
		}
		return
	}
	if err := o.check(); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	ok, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// options are the command line's settings.
type options struct {
	bin, web, concept string
	// encoding is the Accept-Encoding of every request.
	encoding                                string
	duration, floodTime                     time.Duration
	connections, burstClients, floodQueries int
}

func (o options) check() error {
	switch {
	case o.connections < 1 || o.connections > 500:
		return errors.New("-connections must be 1 to 500")
	case o.duration <= 0 || o.duration > time.Hour:
		return errors.New("-duration must be positive and at most 1h")
	case o.burstClients < 1 || o.burstClients > 1000:
		return errors.New("-burst must be 1 to 1000")
	case o.floodQueries < 0 || o.floodQueries > 1_000_000:
		return errors.New("-flood must be 0 to 1,000,000")
	case o.floodTime <= 0 || o.floodTime > 10*time.Minute:
		return errors.New("-flood-time must be positive and at most 10m")
	case !regexp.MustCompile(`^/concepts/[a-z0-9-]+$`).MatchString(o.concept):
		return errors.New("-concept must be a path like /concepts/debate")
	}
	return nil
}

func run(o options) (ok bool, err error) {
	// Ctrl-C ends the current phase early; the servers are stopped either way.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	app, err := start(o.bin, "serve", "-addr", "127.0.0.1:0", "-web", o.web)
	if err != nil {
		return false, fmt.Errorf("starting the app: %w", err)
	}
	defer app.stop()
	startedRSS, startedErr := residentMemory(app.pid())

	loaded := []string{"/", o.concept, "/web/app.wasm"}
	opening, err := openingPaths(app.url)
	if err != nil {
		return false, fmt.Errorf("reading the assets of / on the app: %w", err)
	}
	site, err := mirror(app.url, union(loaded, opening))
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(site.dir)
	self, err := os.Executable()
	if err != nil {
		return false, err
	}
	base, err := start(self, "-"+baselineFlag, site.dir)
	if err != nil {
		return false, fmt.Errorf("starting the baseline: %w", err)
	}
	defer base.stop()
	if err := site.servedBy(base.url); err != nil {
		return false, err
	}

	fmt.Printf("app:      bin %s on %s\nbaseline: http.FileServer over the app's own responses on %s\n", o.bin, app.url, base.url)
	if o.encoding != "" {
		fmt.Printf("Accept-Encoding: %s (a compressed response is not checked against the file's size)\n", o.encoding)
	}
	// The flood comes first, so that the memory it is measured against is
	// not what the load and the burst left behind.
	ok = memory(ctx, o, app, startedRSS, startedErr)
	ok = throughput(ctx, o, app, base, loaded, site) && ok
	ok = burstBoth(ctx, o, app, base, opening, site) && ok
	for _, r := range []*process{app, base} {
		if e := r.firstErrors(); e != "" {
			fmt.Printf("\nfirst errors:\n%s", e)
		}
	}
	if ctx.Err() != nil {
		return false, errors.New("interrupted")
	}
	if !ok {
		fmt.Println("\nFAIL: some responses had a status they should not or some requests failed")
	} else {
		fmt.Println("\nok: every response was 2xx (404 for made-up paths), no socket errors")
	}
	return ok, nil
}

// openingPaths is what a browser fetches to open the app's map: the page,
// the same-origin files it names, and the WebAssembly, which app.js
// fetches though no tag names it.
func openingPaths(appURL string) ([]string, error) {
	page, err := get(appURL + "/")
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(appURL + "/")
	if err != nil {
		return nil, err
	}
	assets, err := pageAssets(page, u)
	if err != nil {
		return nil, err
	}
	paths := append([]string{"/"}, assets...)
	if !slices.Contains(paths, "/web/app.wasm") {
		paths = append(paths, "/web/app.wasm")
	}
	return paths, nil
}

// union is a's paths, then those of b that a lacks.
func union(a, b []string) []string {
	all := slices.Clone(a)
	for _, p := range b {
		if !slices.Contains(all, p) {
			all = append(all, p)
		}
	}
	return all
}

// site is a folder holding the app's responses at their paths, for the
// baseline to serve the same bytes.
type site struct {
	dir    string
	paths  []string
	bodies map[string][]byte // by path
}

// mirror fetches each path from the app into a new temporary folder.
func mirror(appURL string, paths []string) (site, error) {
	dir, err := os.MkdirTemp("", "oversight-loadtest-")
	if err != nil {
		return site{}, err
	}
	s := site{dir: dir, paths: paths, bodies: make(map[string][]byte, len(paths))}
	for _, p := range paths {
		body, err := get(appURL + p)
		if err != nil {
			os.RemoveAll(dir)
			return site{}, fmt.Errorf("fetching %s from the app: %w", p, err)
		}
		s.bodies[p] = body
		name := filepath.Join(dir, baselineFile(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			os.RemoveAll(dir)
			return site{}, err
		}
		if err := os.WriteFile(name, body, 0o644); err != nil {
			os.RemoveAll(dir)
			return site{}, err
		}
	}
	return s, nil
}

// baselineFile is the file, under the baseline's folder, that
// http.FileServer answers a path (and any query) with.
func baselineFile(p string) string {
	name, _, _ := strings.Cut(p, "?")
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return filepath.FromSlash(strings.TrimPrefix(name, "/"))
}

// servedBy checks that the server at baseURL answers every path of the
// site with the app's bytes.
func (s site) servedBy(baseURL string) error {
	for _, p := range s.paths {
		body, err := get(baseURL + p)
		if err != nil {
			return fmt.Errorf("fetching %s from the baseline: %w", p, err)
		}
		if !bytes.Equal(body, s.bodies[p]) {
			return fmt.Errorf("the baseline serves %s differently from the app", p)
		}
	}
	return nil
}

func (s site) sizes(paths []string) []int64 {
	sizes := make([]int64, len(paths))
	for i, p := range paths {
		sizes[i] = int64(len(s.bodies[p]))
	}
	return sizes
}

// throughput loads each path on each server in turn, prints the table and
// the targets beside it, and tells whether every response was 2xx.
func throughput(ctx context.Context, o options, app, base *process, paths []string, s site) bool {
	phase := o.duration / time.Duration(2*len(paths))
	fmt.Printf("\nthroughput: %d connections, %s per path and server (%s in all), loopback only\n", o.connections, phase, phase*time.Duration(2*len(paths)))
	out := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(out, "path\tserver\trequests\treq/s\tMB/s\tp50\tp99\tnon-2xx\terrors\t")
	ok := true
	measured := make([][2]result, len(paths))
	for i, p := range paths {
		for j, target := range []*process{app, base} {
			r := load(ctx, target.url+p, int64(len(s.bodies[p])), o.connections, phase, o.encoding)
			measured[i][j] = r
			fmt.Fprintf(out, "%s\t%s\t%d\t%.1f\t%.1f\t%s\t%s\t%d\t%d\t\n", p, target.name, r.requests, r.rate(), r.megabytesPerSecond(), ms(r.percentile(50)), ms(r.percentile(99)), r.non2xx, r.errors)
			if r.non2xx > 0 || r.errors > 0 {
				ok = false
			}
		}
		a, b := measured[i][0], measured[i][1]
		fmt.Fprintf(out, "%s\tapp/baseline\t\t%.2fx\t%.2fx\t%.2fx\t%.2fx\t\t\t\n", p, ratio(a.rate(), b.rate()), ratio(a.megabytesPerSecond(), b.megabytesPerSecond()), ratio(float64(a.percentile(50)), float64(b.percentile(50))), ratio(float64(a.percentile(99)), float64(b.percentile(99))))
	}
	out.Flush()

	fmt.Printf("\ntargets of issue 22 for the pages, app against file server in this run:\n")
	out = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(out, "path\treq/s app/baseline (target: at least %.1fx)\tp99 app/baseline (target: at most %.0fx)\t\n", targetRateRatio, targetP99Ratio)
	for i, p := range paths[:2] {
		c := checkTargets(measured[i][0], measured[i][1])
		fmt.Fprintf(out, "%s\t%.2fx %s\t%.2fx %s\t\n", p, c.rateRatio, metOrMissed(c.rateMet()), c.p99Ratio, metOrMissed(c.p99Met()))
	}
	out.Flush()
	return ok
}

// The targets for a page, against the file server in the same run.
const (
	targetRateRatio = 0.8 // at least this share of the file server's requests per second
	targetP99Ratio  = 2.0 // at most this multiple of its 99th percentile latency
)

// targetCheck is the app's results on a page against the baseline's, in
// the terms of the targets.
type targetCheck struct {
	rateRatio, p99Ratio float64
	// measured: both servers answered the page, so the ratios mean something.
	measured bool
}

func checkTargets(app, base result) targetCheck {
	return targetCheck{
		rateRatio: ratio(app.rate(), base.rate()),
		p99Ratio:  ratio(float64(app.percentile(99)), float64(base.percentile(99))),
		measured:  len(app.latencies) > 0 && len(base.latencies) > 0,
	}
}

func (c targetCheck) rateMet() bool { return c.measured && c.rateRatio >= targetRateRatio }
func (c targetCheck) p99Met() bool  { return c.measured && c.p99Ratio <= targetP99Ratio }

func metOrMissed(met bool) string {
	if met {
		return "(met)"
	}
	return "(missed)"
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
func load(ctx context.Context, target string, size int64, n int, phase time.Duration, encoding string) result {
	if err := loopbackOnly(target); err != nil {
		return result{errors: 1, firstErrors: []string{err.Error()}}
	}
	client, done := loadClient(n)
	defer done()

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
				status, got, compressed, err := fetch(ctx, client, target, encoding)
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

// loadClient is a client that keeps at most n connections to 127.0.0.1,
// follows no redirect and asks for no compression unless told; done
// closes its connections.
func loadClient(n int) (client *http.Client, done func()) {
	transport := &http.Transport{
		DialContext:         dialLoopback,
		MaxConnsPerHost:     n,
		MaxIdleConnsPerHost: n,
		DisableCompression:  true,
		IdleConnTimeout:     time.Minute,
	}
	client = &http.Client{Transport: transport, Timeout: requestTimeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return client, transport.CloseIdleConnections
}

// fetch does one GET and reads the whole body.
func fetch(ctx context.Context, client *http.Client, target, encoding string) (status int, n int64, compressed bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
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

func (p *process) pid() int { return p.cmd.Process.Pid }

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

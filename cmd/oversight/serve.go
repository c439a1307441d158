//go:build !(js && wasm)

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"oversight/content"
	"oversight/live"
	"oversight/server"
)

// timeouts bound how long a client may hold the server.
type timeouts struct {
	readHeader time.Duration // to send the request line and headers
	read       time.Duration // to send the whole request
	idle       time.Duration // between requests on a kept-alive connection
	// write is the time to take an ordinary response, and the longest a
	// large response may go without any progress.
	write time.Duration
	// slowLink is the slowest link, in bytes per second, on which a large
	// response must still finish: a response of n bytes may take
	// write + n/slowLink to write.
	slowLink int64
	// drain is the longest a response may go without progress once the
	// server is stopping: a client that reads on finishes its download, one
	// that has stopped reading does not hold the server up for long.
	drain time.Duration
}

// defaultTimeouts lets the 10 MB WebAssembly finish on a 128 kbit/s link
// (about ten minutes) as long as it keeps moving, while an ordinary response
// gets 30 seconds and a client that stops reading is cut off after 30
// seconds (5 once the server is stopping).
var defaultTimeouts = timeouts{
	readHeader: 10 * time.Second,
	read:       30 * time.Second,
	idle:       2 * time.Minute,
	write:      30 * time.Second,
	slowLink:   16 << 10,
	drain:      5 * time.Second,
}

// largeResponse is the size from which a response gets more time than
// timeouts.write: smaller ones finish within it even on a slow link.
const largeResponse = 256 << 10

// writeBudget is the time a response of size bytes may take to write.
func (t timeouts) writeBudget(size int64) time.Duration {
	if t.slowLink <= 0 || size <= 0 {
		return t.write
	}
	return t.write + time.Duration(size)*time.Second/time.Duration(t.slowLink)
}

// serve runs the app's HTTP server until SIGINT or SIGTERM, then refuses
// new connections and lets requests in flight finish. A second signal
// stops it at once.
func serve(args []string) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := flags.String("addr", defaultAddr(), "address to listen on")
	webDir := flags.String("web", "web", "folder of static files, with app.wasm built into it")
	logRequests := flags.Bool("log", false, "log one line per request to stderr")
	baseURL := flags.String("base-url", "", "the address readers reach the app at, such as https://explorer.example.org, for the link each page gives of itself (og:url); none when empty")
	natsURL := flags.String("nats", "", "a NATS server with JetStream, such as nats://localhost:4222, through which every instance given the same URL serves the same live classes; without it live classes are kept in this process")
	var proxies live.TrustedProxies
	flags.Func("trust-proxy", "the reverse proxies or load balancers in front of this server, as a comma-separated `list` of addresses and networks (10.0.0.5, or 10.0.0.0/8,fd00::/8): a request from one of them counts, for the live classes' limits per client address, against the client its X-Forwarded-For names; any other request counts against its connection's peer, whatever header it sends", func(list string) error {
		more, err := live.ParseTrustedProxies(list)
		proxies = append(proxies, more...)
		return err
	})
	if err := flags.Parse(args); err != nil {
		return err
	}
	k, err := loadContent(content.FS, content.Root)
	if err != nil {
		return fmt.Errorf("the embedded content does not load:\n%w", err)
	}
	hub, err := live.New(live.Config{
		NATSURL:       *natsURL,
		ClientAddress: proxies.ClientAddress,
		Logf:          log.New(os.Stderr, "", log.LstdFlags).Printf,
	})
	if err != nil {
		return fmt.Errorf("live classes: %w", err)
	}
	defer hub.Close()
	handler, err := server.New(server.Config{KB: k, WebDir: *webDir, BaseURL: *baseURL, Live: hub})
	if err != nil {
		return err
	}
	// Catch the signals before saying where we listen: whoever reads that
	// line may send one at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Tests and scripts read this line to learn the address, so it is the
	// first thing printed and names a URL a browser can open.
	fmt.Printf("Oversight Explorer is serving on http://%s\n", displayAddr(listener.Addr()))

	var requestLog *log.Logger
	if *logRequests {
		requestLog = log.New(os.Stderr, "", log.LstdFlags)
	}
	s := newServer(handler, defaultTimeouts, requestLog)
	// Open event streams never finish by themselves: closing the hub ends
	// them as the server starts to stop, and their clients reconnect (to
	// another instance, with NATS).
	s.http.RegisterOnShutdown(func() { hub.Close() })
	grace := defaultTimeouts.writeBudget(largestFile(*webDir)) + defaultTimeouts.write
	return s.run(ctx, listener, stop, grace, os.Stderr)
}

// gracefulServer is the app's http.Server with what it needs to stop gracefully.
type gracefulServer struct {
	http     *http.Server
	inFlight sync.Map // *http.Request → *trackingWriter
	draining atomic.Bool
	drain    time.Duration
}

// newServer wraps handler with per-response write deadlines, an optional
// request log, and a register of the requests in flight.
func newServer(handler http.Handler, t timeouts, requestLog *log.Logger) *gracefulServer {
	s := &gracefulServer{drain: t.drain}
	s.http = &http.Server{
		Handler:           s.track(handler, t, requestLog),
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		IdleTimeout:       t.idle,
		WriteTimeout:      t.write,
		MaxHeaderBytes:    64 << 10,
		// Send `OPTIONS *` to the handler too, which answers 405 with the
		// security headers, instead of net/http's own empty 200.
		DisableGeneralOptionsHandler: true,
	}
	return s
}

// run serves on listener until ctx is done, then closes the listener (new
// connections are refused), calls onStop (which lets a second signal end
// the process), and waits up to grace for requests in flight to finish.
func (s *gracefulServer) run(ctx context.Context, listener net.Listener, onStop func(), grace time.Duration, stderr io.Writer) error {
	failed := make(chan error, 1)
	go func() { failed <- s.http.Serve(server.SecureListener{Listener: listener}) }()
	select {
	case err := <-failed:
		return err
	case <-ctx.Done():
	}
	if onStop != nil {
		onStop()
	}
	// From now on a response that makes no progress for timeouts.drain is
	// cut: the client has stopped reading.
	s.draining.Store(true)
	s.inFlight.Range(func(_, w any) bool {
		w.(*trackingWriter).startDraining()
		return true
	})
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- s.http.Shutdown(shutdown) }()
	var err error
	select {
	case err = <-stopped:
	case <-time.After(time.Second):
		// Say what we wait for, unless it ended at once.
		if inFlight := s.requestsInFlight(); len(inFlight) > 0 {
			fmt.Fprintf(stderr, "Oversight Explorer is stopping: letting %d request(s) in flight finish "+
				"(cut off if the client stops reading for %s; at most %s in all; signal again to stop now): %s\n",
				len(inFlight), s.drain, grace.Round(time.Second), strings.Join(inFlight, ", "))
		}
		err = <-stopped
	}
	if err != nil {
		s.http.Close()
		return fmt.Errorf("stopped with requests still in flight: %w", err)
	}
	return nil
}

// track gives each large response the time to finish on a slow link,
// keeps the requests in flight, and logs one line per request if asked.
func (s *gracefulServer) track(next http.Handler, t timeouts, requestLog *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		tw := &trackingWriter{ResponseWriter: w, rc: http.NewResponseController(w), t: t, head: r.Method == http.MethodHead, end: start.Add(t.write)}
		s.inFlight.Store(r, tw)
		defer func() {
			tw.finish()
			s.inFlight.Delete(r)
		}()
		if s.draining.Load() {
			tw.startDraining()
		}
		next.ServeHTTP(tw, r)
		if requestLog != nil {
			status := tw.status
			if status == 0 {
				status = http.StatusOK
			}
			requestLog.Printf("%s %s %q %d %dB %s", r.RemoteAddr, r.Method, r.URL.RequestURI(), status, tw.written, time.Since(start).Round(time.Millisecond))
		}
	})
}

// requestsInFlight names the requests being answered now.
func (s *gracefulServer) requestsInFlight() []string {
	var names []string
	s.inFlight.Range(func(k, _ any) bool {
		r := k.(*http.Request)
		names = append(names, fmt.Sprintf("%s %q from %s", r.Method, r.URL.RequestURI(), r.RemoteAddr))
		return true
	})
	sort.Strings(names)
	return names
}

// trackingWriter moves the write deadline of its response: a large one may
// take the time a slow link needs, as long as it keeps making progress, and
// once the server is stopping any response must keep making progress. It
// also records the status and size for the log.
type trackingWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	t       timeouts
	head    bool
	status  int
	written int64

	mu       sync.Mutex // guards what follows, which startDraining changes
	end      time.Time  // the response must be written by then
	large    bool       // the deadline moves with each write
	draining bool       // the server is stopping
	done     bool       // the handler has returned: w is no longer ours
}

func (w *trackingWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
		if !w.head && (code == http.StatusOK || code == http.StatusPartialContent) {
			size, err := strconv.ParseInt(w.Header().Get("Content-Length"), 10, 64)
			if err == nil && size >= largeResponse {
				w.mu.Lock()
				w.large, w.end = true, time.Now().Add(w.t.writeBudget(size))
				w.mu.Unlock()
			}
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	w.mu.Lock()
	if w.large || w.draining {
		w.setDeadline()
	}
	w.mu.Unlock()
	n, err := w.ResponseWriter.Write(b)
	if !w.head {
		w.written += int64(n)
	}
	return n, err
}

// setDeadline gives the next write until the response's end, or until it
// has gone too long without progress. The server's WriteTimeout, set when
// the request came in, is replaced for this response only.
func (w *trackingWriter) setDeadline() {
	stall := w.t.write
	if w.draining {
		stall = w.t.drain
	}
	deadline := time.Now().Add(stall)
	if w.end.Before(deadline) {
		deadline = w.end
	}
	w.rc.SetWriteDeadline(deadline)
}

// startDraining is called, from any goroutine, when the server starts to
// stop: a write blocked now must make progress within timeouts.drain.
func (w *trackingWriter) startDraining() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.draining = true
		w.setDeadline()
	}
}

// finish marks the end of the handler, after which startDraining must not
// touch the connection.
func (w *trackingWriter) finish() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done = true
}

// Unwrap lets http.ResponseController reach the connection.
func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// largestFile is the size of the largest file directly in dir: the longest
// download the server may have to let finish.
func largestFile(dir string) int64 {
	entries, _ := os.ReadDir(dir)
	var largest int64
	for _, e := range entries {
		if info, err := os.Stat(filepath.Join(dir, e.Name())); err == nil && info.Mode().IsRegular() && info.Size() > largest {
			largest = info.Size()
		}
	}
	return largest
}

func defaultAddr() string {
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":8000"
}

// displayAddr turns a listening address into one to type into a browser.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
	}
	return a.String()
}

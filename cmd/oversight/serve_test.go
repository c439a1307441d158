//go:build !(js && wasm)

package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"oversight/content"
	"oversight/kb/load"
	"oversight/server"
	"oversight/server/servertest"
)

func TestTheWebAssemblyGetsTimeToFinishOnASlowLink(t *testing.T) {
	const wasm = 9_400_000 // about the size of the real app.wasm
	budget := defaultTimeouts.writeBudget(wasm)
	if slowest := time.Duration(wasm/(128_000/8)) * time.Second; budget < slowest {
		t.Errorf("app.wasm may take %s to write, but takes %s at 128 kbit/s", budget, slowest)
	}
	if budget > 15*time.Minute {
		t.Errorf("app.wasm may take %s to write: a client that stops reading holds the connection that long", budget)
	}
	if smallest := defaultTimeouts.writeBudget(largeResponse); smallest-defaultTimeouts.write > defaultTimeouts.write {
		t.Errorf("a response just too small for more time than the write timeout, %d bytes, takes %s on the slow link", largeResponse, smallest-defaultTimeouts.write)
	}
	if defaultTimeouts.readHeader == 0 || defaultTimeouts.idle == 0 || defaultTimeouts.write == 0 || defaultTimeouts.read == 0 {
		t.Errorf("a timeout is off: %+v", defaultTimeouts)
	}
}

// startServer runs newServer on a loopback port with a small socket send
// buffer, so that a client that reads slowly really holds the writer back.
func startServer(t *testing.T, handler http.Handler, tm timeouts, requestLog *log.Logger) (addr string, stop context.CancelFunc, done <-chan error) {
	t.Helper()
	s := newServer(handler, tm, requestLog)
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listener := smallSendBuffers{tcp}
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	ended := make(chan error, 1)
	go func() {
		err := s.run(ctx, listener, nil, 10*time.Second, io.Discard)
		errs <- err
		ended <- err
	}()
	t.Cleanup(func() {
		cancel()
		<-ended
	})
	return listener.Addr().String(), cancel, errs
}

// smallSendBuffers gives each connection it accepts a small socket send
// buffer.
type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		c.(*net.TCPConn).SetWriteBuffer(32 << 10)
	}
	return c, err
}

// slowGet asks for path on a fresh connection with a small receive buffer,
// then reads the body chunk by chunk, waiting pause after each chunk.
func slowGet(addr, path string, chunk int, pause time.Duration) (body []byte, err error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(32 << 10)
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)
	res, err := http.ReadResponse(bufio.NewReaderSize(conn, chunk), nil)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	buf := make([]byte, chunk)
	for {
		n, err := res.Body.Read(buf)
		body = append(body, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return body, nil
		}
		if err != nil {
			return body, err
		}
		time.Sleep(pause)
	}
}

func TestALargeResponseOutlastsTheWriteTimeoutButASmallLimitStillBites(t *testing.T) {
	wasm := servertest.Wasm(4 << 20)
	web := servertest.FakeWeb(t, string(wasm))
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	handler, err := server.New(server.Config{KB: k, WebDir: web})
	if err != nil {
		t.Fatal(err)
	}
	// A client that takes over 3 s for 4 MiB, on a server whose write
	// timeout is 1 s.
	const write = time.Second
	read := func(slowLink int64) ([]byte, error) {
		tm := timeouts{readHeader: time.Second, read: time.Second, idle: time.Second, write: write, slowLink: slowLink, drain: time.Second}
		addr, _, _ := startServer(t, handler, tm, nil)
		return slowGet(addr, "/web/app.wasm", 32<<10, 25*time.Millisecond)
	}

	// Allowed 256 KiB/s, the download gets 1 s + 16 s and finishes.
	start := time.Now()
	body, err := read(256 << 10)
	if err != nil || !bytes.Equal(body, wasm) {
		t.Fatalf("a slow download of 4 MiB with its deadline extended got %d of %d bytes, error %v", len(body), len(wasm), err)
	}
	took := time.Since(start)
	if took < 2*write {
		t.Fatalf("the download took only %s: it was not slow, so this test proves nothing", took)
	}

	// With no slow link allowed for, the 1 s write timeout cuts it off.
	body, err = read(0)
	if err == nil && len(body) == len(wasm) {
		t.Errorf("a download of %s finished within a write timeout of %s: the timeout is not in force", took, write)
	}
}

// stalledGet asks for path, reads the first 64 KiB of the body and then
// stops reading, holding the connection open until the test ends.
func stalledGet(t *testing.T, addr, path string) (rest func() ([]byte, error)) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.(*net.TCPConn).SetReadBuffer(32 << 10)
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(res.Body, make([]byte, 64<<10)); err != nil {
		t.Fatal(err)
	}
	return func() ([]byte, error) { return io.ReadAll(res.Body) }
}

func largeWebHandler(t *testing.T, size int) (http.Handler, []byte) {
	t.Helper()
	wasm := servertest.Wasm(size)
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	handler, err := server.New(server.Config{KB: k, WebDir: servertest.FakeWeb(t, string(wasm))})
	if err != nil {
		t.Fatal(err)
	}
	return handler, wasm
}

func TestALargeDownloadThatStopsReadingIsCutOffAfterTheWriteTimeout(t *testing.T) {
	handler, wasm := largeWebHandler(t, 4<<20)
	// At 1 KiB/s, 4 MiB may take over an hour: only the lack of progress
	// can end it.
	tm := timeouts{readHeader: time.Second, read: time.Second, idle: time.Second, write: 300 * time.Millisecond, slowLink: 1 << 10, drain: time.Second}
	addr, _, _ := startServer(t, handler, tm, nil)
	rest := stalledGet(t, addr, "/web/app.wasm")
	time.Sleep(time.Second)
	body, err := rest()
	if err == nil && len(body)+64<<10 == len(wasm) {
		t.Errorf("a download that stopped reading for 1 s was not cut off by a write timeout of 300 ms")
	}
}

func TestAStalledDownloadDoesNotHoldUpTheShutdown(t *testing.T) {
	handler, _ := largeWebHandler(t, 4<<20)
	tm := timeouts{readHeader: time.Second, read: time.Second, idle: time.Second, write: time.Minute, slowLink: 1 << 10, drain: 300 * time.Millisecond}
	addr, stop, done := startServer(t, handler, tm, nil)
	stalledGet(t, addr, "/web/app.wasm")
	start := time.Now()
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the server stopped with %v", err)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("a client that stopped reading held the shutdown up for %s, with drain %s", took, tm.drain)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("a client that stopped reading held the shutdown up for 10 s, with drain %s", tm.drain)
	}
}

func TestTheRequestLogHasOneLinePerRequestAndIsOffByDefault(t *testing.T) {
	web := servertest.FakeWeb(t, "wasm")
	k, _ := load.Content(content.FS, content.Root)
	handler, err := server.New(server.Config{KB: k, WebDir: web})
	if err != nil {
		t.Fatal(err)
	}
	var logged syncBuffer
	addr, _, _ := startServer(t, handler, defaultTimeouts, log.New(&logged, "", 0))
	for _, path := range []string{"/", "/web/app.wasm", "/nope"} {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	req, _ := http.NewRequest("POST", "http://"+addr+"/", nil)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
	}
	lines := strings.Split(strings.TrimSpace(logged.String()), "\n")
	want := []string{`GET "/" 200 `, `GET "/web/app.wasm" 200 4B `, `GET "/nope" 404 `, `POST "/" 405 `}
	if len(lines) != len(want) {
		t.Fatalf("the log has %d lines for %d requests:\n%s", len(lines), len(want), logged.String())
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("log line %d is %q, want it to contain %q", i+1, lines[i], w)
		}
	}

	// serve logs nothing unless asked: with no -log, its stderr stays empty.
	out := runServe(t, []string{"-web", web}, func(addr string, _ *os.Process) {
		res, err := http.Get("http://" + addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}, syscall.SIGTERM)
	if out.stderr != "" {
		t.Errorf("serve without -log wrote to stderr:\n%s", out.stderr)
	}
}

func TestOptionsStarGets405LikeAnyOtherMethod(t *testing.T) {
	web := servertest.FakeWeb(t, "wasm")
	k, _ := load.Content(content.FS, content.Root)
	handler, err := server.New(server.Config{KB: k, WebDir: web})
	if err != nil {
		t.Fatal(err)
	}
	addr, _, _ := startServer(t, handler, defaultTimeouts, nil)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "OPTIONS * HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("OPTIONS * = %d, Allow %q, with CSP: %v", res.StatusCode, res.Header.Get("Allow"), res.Header.Get("Content-Security-Policy") != "")
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

var (
	buildOnce   sync.Once
	builtBinary string
	buildErr    error
)

// binary builds this command once for the tests that run it as a process.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "oversight-serve-test-")
		if err != nil {
			buildErr = err
			return
		}
		builtBinary = filepath.Join(dir, "oversight")
		out, err := exec.Command("go", "build", "-o", builtBinary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBinary
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBinary != "" {
		os.RemoveAll(filepath.Dir(builtBinary))
	}
	os.Exit(code)
}

type served struct {
	stderr string
	err    error // how the process ended
}

// runServe starts `oversight serve -addr 127.0.0.1:0 args…` as a process,
// calls while with its address, sends it sig (unless nil: while did) and
// waits for it to end.
func runServe(t *testing.T, args []string, while func(addr string, p *os.Process), sig os.Signal) served {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	first, err := bufio.NewReader(stdout).ReadString('\n')
	addr := regexp.MustCompile(`http://(\S+)`).FindStringSubmatch(first)
	if err != nil || addr == nil {
		cmd.Process.Kill()
		t.Fatalf("serve printed %q (%v); stderr:\n%s", first, err, stderr.String())
	}
	while(addr[1], cmd.Process)
	if sig != nil {
		cmd.Process.Signal(sig)
	}
	select {
	case err := <-exited:
		return served{stderr: stderr.String(), err: err}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("serve did not stop within 30 s of %v; stderr:\n%s", sig, stderr.String())
		return served{}
	}
}

func TestSIGINTLetsADownloadInFlightFinishAndRefusesNewConnections(t *testing.T) {
	wasm := servertest.Wasm(24 << 20)
	want := sha256.Sum256(wasm)
	web := servertest.FakeWeb(t, string(wasm))

	var got []byte
	var downloadErr error
	out := runServe(t, []string{"-web", web}, func(addr string, server *os.Process) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.(*net.TCPConn).SetReadBuffer(32 << 10)
		conn.SetDeadline(time.Now().Add(60 * time.Second))
		fmt.Fprintf(conn, "GET /web/app.wasm HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		// Take the first 64 KiB: the server is now stuck writing the rest.
		head := make([]byte, 64<<10)
		if _, err := io.ReadFull(res.Body, head); err != nil {
			t.Fatal(err)
		}

		if err := server.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}

		// The listener closes at once: a new connection is refused while
		// the download is still going.
		refused := false
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err != nil {
				// A SYN that meets the listener while it closes is answered
				// with a reset rather than a refusal: either way the server
				// took no new connection.
				refused = errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET)
				if !refused {
					t.Errorf("a new connection after SIGINT failed with %v, want it refused or reset", err)
				}
				break
			}
			c.Close()
		}
		if !refused {
			t.Errorf("the server still accepted connections 5 s after SIGINT")
		}
		if server.Signal(syscall.Signal(0)) != nil {
			t.Errorf("the server exited before the download in flight finished")
		}

		// Wait before reading the rest: the server waits too, and says so
		// after a second.
		time.Sleep(1500 * time.Millisecond)
		rest, err := io.ReadAll(res.Body)
		got, downloadErr = append(head, rest...), err
	}, nil)

	if downloadErr != nil || len(got) != len(wasm) || sha256.Sum256(got) != want {
		t.Errorf("the download in flight got %d of %d bytes (error %v); intact: %v", len(got), len(wasm), downloadErr, sha256.Sum256(got) == want)
	}
	if out.err != nil {
		t.Errorf("serve ended with %v after SIGINT, want exit status 0; stderr:\n%s", out.err, out.stderr)
	}
	if !strings.Contains(out.stderr, "letting 1 request(s) in flight finish") || !strings.Contains(out.stderr, `GET "/web/app.wasm"`) {
		t.Errorf("serve did not say it was waiting for the download; stderr:\n%s", out.stderr)
	}
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"oversight/live"
)

// serve is the child process: one instance of the live API at
// http://127.0.0.1:<port>/live/, and /memstats for the parent.
func serve(natsURL string) error {
	limits := live.DefaultLimits()
	// Every teacher of the load test starts a room from 127.0.0.1.
	limits.CreateRate = live.Rate{Burst: 1000, Every: time.Second}
	hub, err := live.New(live.Config{NATSURL: natsURL, Limits: limits})
	if err != nil {
		return err
	}
	defer hub.Close()
	mux := http.NewServeMux()
	mux.Handle("/live/", http.StripPrefix("/live", hub))
	mux.HandleFunc("GET /memstats", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(readMemory())
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("listening http://%s\n", ln.Addr())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		// The parent closes our standard input when it is done, or dies.
		io.Copy(io.Discard, os.Stdin)
		srv.Close()
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	go func() { <-stop; srv.Close() }()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// memory is what an instance holds, after a GC.
type memory struct {
	Heap       uint64 `json:"heap"`
	Stacks     uint64 `json:"stacks"`
	Goroutines int    `json:"goroutines"`
}

func readMemory() memory {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return memory{Heap: m.HeapInuse, Stacks: m.StackInuse, Goroutines: runtime.NumGoroutine()}
}

// instance is a child process serving the API.
type instance struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	base  string // http://127.0.0.1:port
}

func startInstance(ctx context.Context, natsURL string) (*instance, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"-serve"}
	if natsURL != "" {
		args = append(args, "-nats", natsURL)
	}
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	base, found := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !found || !strings.HasPrefix(base, "http://127.0.0.1:") {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("the server did not start: %q %v", line, err)
	}
	return &instance{cmd: cmd, stdin: stdin, base: base}, nil
}

func (i *instance) api() string { return i.base + "/live" }

func (i *instance) memory(ctx context.Context) (memory, error) {
	var m memory
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, i.base+"/memstats", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return m, err
	}
	defer res.Body.Close()
	return m, json.NewDecoder(res.Body).Decode(&m)
}

func (i *instance) stop() {
	i.stdin.Close()
	done := make(chan struct{})
	go func() { i.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		i.cmd.Process.Kill()
		<-done
	}
}

// startNATS runs an embedded NATS server with JetStream on loopback.
func startNATS() (url string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "loadtest-live-nats")
	if err != nil {
		return "", nil, err
	}
	ns, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: dir, NoLog: true, NoSigs: true,
	})
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		ns.Shutdown()
		os.RemoveAll(dir)
		return "", nil, errors.New("the NATS server did not start")
	}
	return ns.ClientURL(), func() { ns.Shutdown(); ns.WaitForShutdown(); os.RemoveAll(dir) }, nil
}

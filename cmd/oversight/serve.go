//go:build !(js && wasm)

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"oversight/content"
	"oversight/kb"
)

// serve runs the app's HTTP server until SIGINT or SIGTERM, then lets
// requests in flight finish.
func serve(args []string) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := flags.String("addr", defaultAddr(), "address to listen on")
	webDir := flags.String("web", "web", "folder of static files, with app.wasm built into it")
	if err := flags.Parse(args); err != nil {
		return err
	}
	k, err := kb.Load(content.FS, content.Root)
	if err != nil {
		return fmt.Errorf("the embedded content does not load:\n%w", err)
	}
	handler, err := newHandler(k, *webDir)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	// Tests and scripts read this line to learn the address, so it is the
	// first thing printed and names a URL a browser can open.
	fmt.Printf("Oversight Explorer is serving on http://%s\n", displayAddr(listener.Addr()))

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	failed := make(chan error, 1)
	go func() { failed <- server.Serve(listener) }()
	select {
	case err := <-failed:
		return err
	case <-stop:
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := server.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
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

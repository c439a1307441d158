// Package natstest runs a NATS server with JetStream inside a test, for
// the tests of live classes shared through NATS (package live, the serve
// command, the browser tests).
package natstest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// startLimit only keeps a broken test from hanging.
const startLimit = 20 * time.Second

// Start runs a NATS server with JetStream on loopback, storing its streams
// in the test's temporary folder, until the test ends; it returns the
// server's URL.
func Start(t testing.TB) string {
	t.Helper()
	ns, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	ns.Start()
	t.Cleanup(ns.Shutdown)
	if !ns.ReadyForConnections(startLimit) {
		t.Fatal("the NATS server did not start")
	}
	return ns.ClientURL()
}

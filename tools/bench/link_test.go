package main

import (
	"testing"
	"time"
)

// Responses in flight share the link's bandwidth: each slice arrives after
// the ones already on it, and an idle link starts afresh.
func TestTheLinkIsSharedByTheResponsesInFlight(t *testing.T) {
	l := newLink(profile{Down: 1.6e6, Latency: 150})
	if l.latency != 150*time.Millisecond || l.bytesPerSecond != 200e3 {
		t.Fatalf("1.6 Mbit/s with 150 ms is a link of %v and %g bytes/s", l.latency, l.bytesPerSecond)
	}
	start := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	slice := 20 * time.Millisecond // 4,000 bytes at 200 kB/s
	if got := l.reserve(4000, start); got != start.Add(slice) {
		t.Errorf("a first slice arrives at +%v, want +%v", got.Sub(start), slice)
	}
	if got := l.reserve(4000, start); got != start.Add(2*slice) {
		t.Errorf("a second response's slice sent at once arrives at +%v, want +%v after the first", got.Sub(start), 2*slice)
	}
	later := start.Add(time.Second)
	if got := l.reserve(4000, later); got != later.Add(slice) {
		t.Errorf("on an idle link a slice arrives at +%v, want +%v", got.Sub(later), slice)
	}
	if newLink(loopback) != nil {
		t.Error("loopback is slowed")
	}
}

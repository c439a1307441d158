package main

import (
	"net/http"
	"sync"
	"time"
)

// link is the network between the browser and a site, emulated by the
// site's server: a delay before each response (DevTools' "latency": the
// round trip and the server's own time) and one download bandwidth that
// every response in flight shares. It is emulated here rather than by
// DevTools' network emulation, which reaches only a tab's own requests:
// the service worker's fetches and a dedicated worker's (the app fetches
// its WebAssembly from one, web/wasmcompile.js) went at loopback speed.
// Requests are small; their upload is not slowed.
type link struct {
	latency        time.Duration
	bytesPerSecond float64

	mu sync.Mutex
	// arrived is when the bytes sent so far have all reached the browser.
	arrived time.Time
}

// linkSlice is how much of a response goes over the link at a time, so
// that responses in flight take turns as they would on a real one.
const linkSlice = 8 << 10

// newLink is the link of a profile; nil for one that is not slowed.
func newLink(p profile) *link {
	if p.Down == 0 {
		return nil
	}
	return &link{latency: time.Duration(p.Latency * float64(time.Millisecond)), bytesPerSecond: p.Down / 8}
}

// reserve takes the link for n bytes after those already on it, and says
// when they will have arrived.
func (l *link) reserve(n int, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := l.arrived
	if start.Before(now) {
		start = now
	}
	l.arrived = start.Add(time.Duration(float64(n) / l.bytesPerSecond * float64(time.Second)))
	return l.arrived
}

// linkWriter sends a response's body over the link: each slice leaves the
// server when it would have arrived at the browser.
type linkWriter struct {
	http.ResponseWriter
	link *link
}

func (w linkWriter) Write(b []byte) (int, error) {
	written := 0
	for len(b) > 0 {
		n := min(len(b), linkSlice)
		time.Sleep(time.Until(w.link.reserve(n, time.Now())))
		m, err := w.ResponseWriter.Write(b[:n])
		written += m
		if err != nil {
			return written, err
		}
		// Not left in the server's buffer until the handler returns.
		if f, ok := w.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		b = b[n:]
	}
	return written, nil
}

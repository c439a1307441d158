package app

import "time"

// Oversight Explorer: go-app mounts a page's whole tree and then runs every
// OnMount in one go. On a phone that held the main thread for seconds while
// the app started (V8 compiles each Go function the first time it runs),
// and a tap on the prerendered page waited as long. While the app starts,
// the engine now gives the thread back to the browser whenever it has held
// it for timeSlice: Go waits for a message the page posts to itself, the
// browser handles the input and paints that arrived meanwhile, and Go goes
// on where it stopped. The first page adopts the prerendered page node by
// node (adopt.go), which reads the same meanwhile; what it draws otherwise
// is built apart from the document and put in place whole, so the reader
// sees no half-drawn part.

// timeSlice is how long the engine holds the main thread while it starts.
// Lighthouse counts a task as blocking beyond 50 ms of a phone with a CPU
// four times slower than the machine it runs on: about 12 ms there.
const timeSlice = 10 * time.Millisecond

// timeSlicer gives the main thread back to the browser at most every
// timeSlice while active. Its zero value, and a nil one, never yield: the
// server and the tests run go-app without a browser.
type timeSlicer struct {
	active bool
	// redrawn counts the components the start's frames rendered again.
	redrawn   int
	since     time.Time
	port      Value
	resumed   chan struct{}
	onMessage Func
}

// newTimeSlicer returns a slicer that yields through a MessageChannel: a
// message is not throttled in a tab in the background, as a timer is.
func newTimeSlicer() *timeSlicer {
	s := &timeSlicer{active: true, since: time.Now(), resumed: make(chan struct{}, 1)}
	channel := Window().Get("MessageChannel").New()
	s.onMessage = FuncOf(func(Value, []Value) any {
		s.resumed <- struct{}{}
		return nil
	})
	channel.Get("port1").Set("onmessage", s.onMessage)
	s.port = channel.Get("port2")
	return s
}

// yieldIfDue gives the main thread back to the browser if the engine has
// held it for timeSlice, and returns once the browser has run what waited.
func (s *timeSlicer) yieldIfDue() {
	if s == nil || !s.active || time.Since(s.since) < timeSlice {
		return
	}
	s.port.Call("postMessage", nil)
	<-s.resumed
	s.since = time.Now()
}

// redraw counts a component that a frame renders again while the app
// starts.
func (s *timeSlicer) redraw() {
	if s != nil && s.active {
		s.redrawn++
	}
}

// stop ends the slicing once the app has started: later work runs in
// answer to the reader, in event handlers whose effects (such as
// preventDefault) must happen before they return. It marks the moment
// oversight:started, with the number of components that the start's frames
// rendered again: the first page is drawn as it mounts, and a component
// renders again only when its OnMount or OnNav changed what it shows (the
// app's components tell go-app when they did not, with PreventUpdate).
func (s *timeSlicer) stop() {
	if s == nil || !s.active {
		return
	}
	s.active = false
	s.onMessage.Release()
	Window().Get("performance").Call("mark", "oversight:started", map[string]any{
		"detail": map[string]any{"redrawn": s.redrawn},
	})
}

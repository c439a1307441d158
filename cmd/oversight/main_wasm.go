//go:build js && wasm

// The browser side of Oversight Explorer: the same routes and components as
// the server, run as WebAssembly. No server code is compiled in.
package main

import (
	"errors"
	"fmt"
	"runtime/debug"
	"syscall/js"
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/app"
	"oversight/kb"
)

func main() {
	if !js.Global().Get("document").Truthy() {
		rehearseInWorker()
		return
	}
	mark("oversight:main")
	debug.SetGCPercent(collectAfterGrowth)
	slicer := newTimeSlicer()
	snapshot, err := fetchKnowledge("default")
	var k *kb.KB
	if err == nil {
		k, err = kb.FromSnapshotPausing(snapshot, slicer.yieldIfDue)
	}
	if err != nil {
		// The prerendered page stays as it is: its links and definitions
		// work without the WebAssembly.
		js.Global().Get("console").Call("error", "Oversight Explorer cannot start: "+err.Error())
		return
	}
	mark("oversight:content-loaded")
	slicer.yieldIfDue()
	site := browserSite(k, snapshot)
	// Before go-app starts, which reads localStorage and cannot start if
	// the browser refuses it.
	site.OpenLocalData(slicer.yieldIfDue)
	slicer.yieldIfDue()
	app.Register(site)
	mark("oversight:registered")
	slicer.yieldIfDue()
	// go-app gives the thread back to the browser in the same way as it
	// mounts the first page.
	slicer.stop()
	ui.RunWhenOnBrowser()
}

// browserSite is the site the browser runs on the knowledge k, decoded
// from snapshot: imported tours are read by the tour reader's WebAssembly,
// and labs run in their worker.
func browserSite(k *kb.KB, snapshot []byte) *app.Site {
	return app.NewSite(k, &app.TourReaderModule{Path: "/web/" + app.TourReaderFile, Snapshot: snapshot}, &app.LabWorker{Script: app.LabWorkerScript})
}

// collectAfterGrowth is how much the heap may grow, in percent of what it
// kept at the last collection, before the garbage collector runs again (Go's
// default is 100). The app keeps about 3 MB, so at 100 the first collection
// came as the first page drew what it had read from the device, in the same
// task: a collection on a phone's main thread is a task the reader waits
// behind, and each one costs about the same whatever the growth allowed.
// At 400 the heap stays under about 16 MB and start-up collects nothing.
const collectAfterGrowth = 400

// timeSlice is how long the start-up holds the browser's main thread
// before it lets the browser run what waits: a tap, a paint. Lighthouse
// counts a task as blocking beyond 50 ms of a phone with a CPU four times
// slower than the machine it runs on, about 12 ms there; go-app's engine
// slices the first page's mount the same way (third_party/go-app,
// timeslice.go).
const timeSlice = 10 * time.Millisecond

// timeSlicer gives the main thread back to the browser at most every
// timeSlice, through a message the page posts to itself: while the Go code
// waits for it, every goroutine is blocked and the browser runs its tasks.
// A message is not throttled in a tab in the background, as a timer is.
// go-app's engine has its twin (third_party/go-app, timeslice.go), kept
// unexported there: sharing one would add an API to go-app that upstream
// does not have, and go-app's module cannot import this one's.
type timeSlicer struct {
	since     time.Time
	port      js.Value
	resumed   chan struct{}
	onMessage js.Func
}

func newTimeSlicer() *timeSlicer {
	s := &timeSlicer{since: time.Now(), resumed: make(chan struct{}, 1)}
	channel := js.Global().Get("MessageChannel").New()
	s.onMessage = js.FuncOf(func(js.Value, []js.Value) any {
		s.resumed <- struct{}{}
		return nil
	})
	channel.Get("port1").Set("onmessage", s.onMessage)
	s.port = channel.Get("port2")
	return s
}

// yieldIfDue returns at once if the start-up has held the thread for less
// than timeSlice, and otherwise once the browser has run what waited.
func (s *timeSlicer) yieldIfDue() {
	if time.Since(s.since) < timeSlice {
		return
	}
	s.port.Call("postMessage", nil)
	<-s.resumed
	s.since = time.Now()
}

func (s *timeSlicer) stop() { s.onMessage.Release() }

// fetchKnowledge reads the knowledge snapshot the server wrote. The page's
// head preloads it, so it has usually arrived before the WebAssembly has;
// offline, the service worker answers from its cache.
func fetchKnowledge(cache string) ([]byte, error) {
	res, err := await(js.Global().Call("fetch", app.KnowledgePath, map[string]any{"cache": cache}))
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", app.KnowledgePath, err)
	}
	if !res.Get("ok").Bool() {
		return nil, fmt.Errorf("fetching %s: HTTP %d", app.KnowledgePath, res.Get("status").Int())
	}
	buf, err := await(res.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", app.KnowledgePath, err)
	}
	bytes := js.Global().Get("Uint8Array").New(buf)
	data := make([]byte, bytes.Length())
	js.CopyBytesToGo(data, bytes)
	return data, nil
}

// await blocks until a JavaScript promise settles: the other goroutines,
// and the browser, run meanwhile.
func await(promise js.Value) (js.Value, error) {
	type settled struct {
		value js.Value
		err   error
	}
	done := make(chan settled, 1)
	resolve := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{value: args[0]}
		return nil
	})
	reject := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer resolve.Release()
	defer reject.Release()
	promise.Call("then", resolve, reject)
	s := <-done
	return s.value, s.err
}

// mark records a step of the start-up as a Performance API mark, so that
// `make bench` can say where the time between the download and the first
// page goes (the last step, oversight:interactive, is app.markInteractive).
func mark(name string) {
	ui.Window().Get("performance").Call("mark", name)
}

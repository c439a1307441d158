package app

import (
	"encoding/json"
	"fmt"
	"sync"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// ReadTour parses a tour's Markdown against the knowledge base: kb/load's
// Tour, which brings goldmark and YAML with it.
type ReadTour func(name string, markdown []byte, k *kb.KB) (*kb.Tour, error)

// TourReader hands a ReadTour to the code that reads imported tours. The
// server and the tests have one at once (ReadyTourReader); the browser
// loads one the first time a page needs it (TourReaderModule), so that the
// WebAssembly every visitor downloads links neither goldmark nor YAML.
type TourReader interface {
	// With calls use with a ReadTour: at once if one is ready, otherwise
	// from a later dispatch on ctx once it is. If none can start, use gets
	// a ReadTour that says why.
	With(ctx ui.Context, use func(ctx ui.Context, read ReadTour))
}

// ReadyTourReader is a TourReader that is always ready.
type ReadyTourReader ReadTour

func (r ReadyTourReader) With(ctx ui.Context, use func(ui.Context, ReadTour)) {
	use(ctx, ReadTour(r))
}

// readTourNow calls use with the tour reader if it is ready, and says
// whether it did; if it is not, again runs on ctx once it is, so that a page
// can arrive again and find the reader ready.
func (s *Site) readTourNow(ctx ui.Context, again func(ui.Context), use func(ReadTour)) bool {
	now, ran := true, false
	s.tours.With(ctx, func(ctx ui.Context, read ReadTour) {
		if now {
			use(read)
			ran = true
			return
		}
		again(ctx)
	})
	now = false
	return ran
}

// TourReaderModule is the browser's TourReader: the reader's own
// WebAssembly (cmd/tourreader), started in the page the first time a page
// needs it, and called synchronously after that. A teacher who never
// imports a tour never downloads it; the service worker precaches it, so
// it starts offline too.
type TourReaderModule struct {
	// Path is where the reader's WebAssembly is served.
	Path string
	// Snapshot is the knowledge snapshot the app started from, which the
	// reader checks tours against.
	Snapshot []byte

	mu      sync.Mutex
	state   moduleState
	failure string
	waiting []func()
}

type moduleState int

const (
	moduleIdle moduleState = iota
	moduleStarting
	moduleReady
	moduleFailed
)

// The functions the reader's WebAssembly and the app call each other by.
const (
	readerStartedFunc = "oversightTourReaderStarted"
	readerInitFunc    = "oversightTourReaderInit"
	readerReadFunc    = "oversightReadTour"
)

func (m *TourReaderModule) With(ctx ui.Context, use func(ui.Context, ReadTour)) {
	m.mu.Lock()
	switch m.state {
	case moduleReady:
		m.mu.Unlock()
		use(ctx, m.read)
		return
	case moduleFailed:
		m.mu.Unlock()
		use(ctx, m.failed)
		return
	}
	m.waiting = append(m.waiting, func() {
		ctx.Dispatch(func(ctx ui.Context) { m.With(ctx, use) })
	})
	start := m.state == moduleIdle
	m.state = moduleStarting
	m.mu.Unlock()
	if start {
		m.start()
	}
}

// start fetches and runs the reader's WebAssembly beside the app's. Once
// its main has set up, it calls readerStartedFunc.
func (m *TourReaderModule) start() {
	// Whatever page needs the reader, it is kept for the next time offline.
	keepOffline(TourReaderFile)
	win := ui.Window()
	var started, loaded, refused ui.Func
	release := func() {
		started.Release()
		loaded.Release()
		refused.Release()
	}
	started = ui.FuncOf(func(ui.Value, []ui.Value) any {
		release()
		m.initialise()
		return nil
	})
	win.Set(readerStartedFunc, started)
	goRuntime := win.Get("Go").New()
	// run settles only if the reader's program ends, which it does only if
	// it fails: kept for the page's life, so that a later failure is known.
	exited := ui.FuncOf(func(ui.Value, []ui.Value) any {
		m.settle(moduleFailed, "its program stopped")
		return nil
	})
	loaded = ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		goRuntime.Call("run", args[0].Get("instance")).Call("then", exited)
		return nil
	})
	refused = ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		release()
		m.settle(moduleFailed, "its WebAssembly did not load ("+args[0].Call("toString").String()+")")
		return nil
	})
	wasm := win.Get("WebAssembly").Call("instantiateStreaming", win.Call("fetch", m.Path), goRuntime.Get("importObject"))
	wasm.Call("then", loaded, refused)
}

// initialise gives the started reader the knowledge base.
func (m *TourReaderModule) initialise() {
	snapshot := ui.Window().Get("Uint8Array").New(len(m.Snapshot))
	ui.CopyBytesToJS(snapshot, m.Snapshot)
	if problem := ui.Window().Call(readerInitFunc, snapshot).String(); problem != "" {
		m.settle(moduleFailed, problem)
		return
	}
	m.settle(moduleReady, "")
}

// settle records how the reader now stands, and runs what waited for it.
// A failure is final: a reader that failed to start and then stopped keeps
// the first reason.
func (m *TourReaderModule) settle(state moduleState, failure string) {
	m.mu.Lock()
	if m.state == moduleFailed {
		m.mu.Unlock()
		return
	}
	m.state, m.failure = state, failure
	waiting := m.waiting
	m.waiting = nil
	m.mu.Unlock()
	for _, run := range waiting {
		run()
	}
}

// read parses a tour in the reader. The knowledge base was given at start:
// it is the one k points to.
func (m *TourReaderModule) read(name string, markdown []byte, _ *kb.KB) (t *kb.Tour, err error) {
	defer func() {
		// A call into a reader that has failed throws, which would end the
		// app too: the reader's failure is the import's, not the app's.
		if thrown := recover(); thrown != nil {
			t, err = nil, errTourReader(fmt.Sprintf("the tour reader failed: %v", thrown))
		}
	}()
	answer := ui.Window().Call(readerReadFunc, name, string(markdown)).String()
	var r kb.TourReading
	if err := json.Unmarshal([]byte(answer), &r); err != nil {
		return nil, errTourReader("the tour reader's answer could not be read: " + err.Error())
	}
	return r.Result()
}

func (m *TourReaderModule) failed(string, []byte, *kb.KB) (*kb.Tour, error) {
	return nil, errTourReader("the tour reader could not start: " + m.failure)
}

// errTourReader says why the tour reader, not the tour, failed: nothing in
// the teacher's file needs changing.
type errTourReader string

func (e errTourReader) Error() string { return string(e) }

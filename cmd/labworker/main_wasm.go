//go:build js && wasm

// Command labworker runs the labs in the browser, in a Web Worker
// (web/labworker.js), so that the page's main thread never waits on a run:
// it runs a lab's simulation and writes the lab's page as HTML
// (labs.Bench), which the app places. The app starts the worker the first
// time a lab's page opens; a visitor who opens no lab never downloads it.
//
// The page posts [request, view]: a number and a lab.View as JSON. The
// worker answers [request, html, problem], problem empty when it did as
// asked; web/labworker.js answers [0, "", why] when it cannot start. A new message cancels the run in flight, which then
// answers nothing: the page only ever hears about what it asked for last.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"syscall/js"

	"oversight/lab"
	"oversight/labs"
)

func main() {
	w := &worker{bench: &labs.Bench{}}
	handle := js.FuncOf(func(_ js.Value, args []js.Value) any {
		w.receive(args[0])
		return nil
	})
	// web/labworker.js holds the messages that came before this was ready,
	// and hands them over now.
	js.Global().Call("oversightLabsStarted", handle)
	select {} // answer for as long as the worker lives
}

// worker does one request at a time: the latest.
type worker struct {
	bench  *labs.Bench
	mu     sync.Mutex
	cancel context.CancelFunc
}

func (w *worker) receive(msg js.Value) {
	runID := msg.Index(0).Int()
	var v lab.View
	viewErr := json.Unmarshal([]byte(msg.Index(1).String()), &v)
	ctx, cancel := context.WithCancel(context.Background())
	w.mu.Lock()
	if w.cancel != nil {
		w.cancel() // a newer request supersedes the one in flight
	}
	w.cancel = cancel
	w.mu.Unlock()
	if viewErr != nil {
		post(runID, "", viewErr)
		return
	}
	go func() {
		html, err := w.bench.Render(newYieldingContext(ctx), v)
		if errors.Is(err, context.Canceled) {
			return
		}
		post(runID, html, err)
	}()
}

func post(runID int, html string, err error) {
	problem := ""
	if err != nil {
		html, problem = "", err.Error()
	}
	js.Global().Call("postMessage", []any{runID, html, problem})
}

//go:build js && wasm

// Command labworker runs the labs' simulations in the browser, in a Web
// Worker (web/labworker.js), so that the page's main thread never waits on
// a run. The app starts the worker the first time a lab's page opens; a
// visitor who opens no lab never downloads it.
//
// The page posts {lab, setting, runId}: a lab's id, its setting as an
// address's query, and a number the answer carries back. The worker posts
// {runId, report} (lab.Report as JSON) or {runId, error}. A new message
// cancels the run in flight, which then answers nothing: the page only
// ever hears about the run it asked for last.
package main

import (
	"context"
	"errors"
	"sync"
	"syscall/js"

	"oversight/lab"
	"oversight/labs"
)

func main() {
	w := &worker{}
	handle := js.FuncOf(func(_ js.Value, args []js.Value) any {
		w.receive(args[0])
		return nil
	})
	// web/labworker.js holds the messages that came before this was ready,
	// and hands them over now.
	js.Global().Call("oversightLabsStarted", handle)
	select {} // answer runs for as long as the worker lives
}

// worker runs one lab at a time: the latest asked for.
type worker struct {
	mu     sync.Mutex
	cancel context.CancelFunc
}

func (w *worker) receive(msg js.Value) {
	id, query, runID := msg.Get("lab").String(), msg.Get("setting").String(), msg.Get("runId").Int()
	ctx, cancel := context.WithCancel(context.Background())
	w.mu.Lock()
	if w.cancel != nil {
		w.cancel() // a newer run supersedes the one in flight
	}
	w.cancel = cancel
	w.mu.Unlock()
	go w.run(newYieldingContext(ctx), id, query, runID)
}

func (w *worker) run(ctx context.Context, id, query string, runID int) {
	report, err := labs.RunQuery(ctx, id, query)
	if errors.Is(err, context.Canceled) {
		return
	}
	answer := map[string]any{"runId": runID}
	if err == nil {
		var data []byte
		data, err = lab.EncodeReport(report)
		answer["report"] = string(data)
	}
	if err != nil {
		answer = map[string]any{"runId": runID, "error": err.Error()}
	}
	js.Global().Call("postMessage", answer)
}

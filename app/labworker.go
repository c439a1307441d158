package app

import (
	"encoding/json"
	"errors"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// LabWorker is the browser's LabRunner: a Web Worker (web/labworker.js)
// that runs the labs' own WebAssembly (cmd/labworker, web/labs.wasm). It is
// started the first time a lab's page opens, so a visitor who opens no lab
// never downloads it, and it is kept for the page's life. Once it has
// failed, every request says so at once: the rest of the app does not need
// it. Its methods and the worker's messages all run on the browser's one
// thread, each to its end, so they need no lock.
type LabWorker struct {
	// Script is the address of the worker's script.
	Script string

	worker  ui.Value
	failure string
	// latest numbers the last request; only its answer goes to done, on
	// ctx.
	latest int
	ctx    ui.Context
	done   func(ui.Context, string, error)
}

// RenderNow has nothing to write at once: the worker writes every page
// (LabPage.arrive clears the last lab's page when another lab opens).
func (w *LabWorker) RenderNow(lab.View) (string, bool) { return "", false }

// Prepare starts the worker, which keeps the labs offline and loads their
// WebAssembly, so that the first run does not wait for it.
func (w *LabWorker) Prepare() {
	if w.worker == nil {
		w.start()
	}
}

func (w *LabWorker) Render(ctx ui.Context, v lab.View, done func(ui.Context, string, error)) {
	w.latest++
	w.ctx, w.done = ctx, done
	w.Prepare()
	if w.failure != "" {
		w.answer(w.latest, "", w.failure)
		return
	}
	view, _ := json.Marshal(&v) // plain fields: it cannot fail
	// A run the worker is busy with is cancelled there by this message.
	w.worker.Call("postMessage", []any{w.latest, string(view)})
	// The run is the worker's from here: the browser tests check that the
	// page's thread stays free from this mark to oversight:lab-answer.
	ui.Window().Get("performance").Call("mark", "oversight:lab-posted")
}

// start creates the worker. It answers [request, html, problem]; request 0
// says that it cannot run at all, and so does an error event, which has no
// data.
func (w *LabWorker) start() {
	keepOffline(LabsFile)
	w.worker = ui.Window().Get("Worker").New(w.Script)
	heard := ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		// The run ends here and the page's part, placing it, begins: the
		// browser tests tell the two apart by this mark.
		ui.Window().Get("performance").Call("mark", "oversight:lab-answer")
		answer := args[0].Get("data")
		if !answer.Truthy() {
			w.answer(0, "", "its script did not run")
			return nil
		}
		w.answer(answer.Index(0).Int(), answer.Index(1).String(), answer.Index(2).String())
		return nil
	})
	w.worker.Set("onmessage", heard)
	w.worker.Set("onerror", heard)
}

// answer hands the worker's answer to the request waiting, if it is the
// latest; a failure of the worker answers the latest and every later one.
func (w *LabWorker) answer(request int, html, problem string) {
	if request == 0 && w.failure == "" {
		w.failure = "the labs’ worker stopped: " + problem
	}
	if w.failure != "" {
		request, problem = w.latest, w.failure
	}
	if request != w.latest || w.done == nil {
		return
	}
	done := w.done
	w.done = nil
	var err error
	if problem != "" {
		err = errors.New(problem)
	}
	w.ctx.Dispatch(func(ctx ui.Context) { done(ctx, html, err) })
}

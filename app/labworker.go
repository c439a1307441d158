package app

import (
	"errors"
	"sync"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// LabWorker is the browser's LabRunner: a Web Worker (web/labworker.js)
// that runs the labs' own WebAssembly (cmd/labworker, web/labs.wasm). It is
// started the first time a lab's page opens, so a visitor who opens no lab
// never downloads it, and it is kept for the page's life. Once it has
// failed, every run says so at once: the rest of the app does not need it.
type LabWorker struct {
	// Script is the address of the worker's script.
	Script string

	mu      sync.Mutex
	worker  ui.Value
	started bool
	failure string
	// latest is the number of the last run asked for; only its answer is
	// delivered, to waiting.
	latest  int
	waiting func(lab.Report, error)
}

func (w *LabWorker) Defaults(string) (lab.Report, bool) { return lab.Report{}, false }

func (w *LabWorker) Run(ctx ui.Context, labID, query string, done func(ui.Context, lab.Report, error)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.latest++
	w.waiting = func(r lab.Report, err error) {
		ctx.Dispatch(func(ctx ui.Context) { done(ctx, r, err) })
	}
	if w.failure != "" {
		w.deliver(w.latest, lab.Report{}, errors.New(w.failure))
		return
	}
	if !w.started {
		w.start()
	}
	// A run the worker is busy with is cancelled there by this message.
	w.worker.Call("postMessage", map[string]any{"lab": labID, "setting": query, "runId": w.latest})
}

// start creates the worker; called with mu held.
func (w *LabWorker) start() {
	w.started = true
	keepOffline(LabsFile)
	w.worker = ui.Window().Get("Worker").New(w.Script)
	w.worker.Set("onmessage", ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		w.receive(args[0].Get("data"))
		return nil
	}))
	w.worker.Set("onerror", ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		args[0].Call("preventDefault")
		why := "its script did not run"
		if msg := args[0].Get("message"); msg.Truthy() {
			why = msg.String()
		}
		w.fail(why)
		return nil
	}))
}

// receive reads one message of the worker: an answer to a run, or the news
// that it cannot run anything.
func (w *LabWorker) receive(msg ui.Value) {
	if failed := msg.Get("failed"); failed.Truthy() {
		w.fail(failed.String())
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	runID := msg.Get("runId").Int()
	if errText := msg.Get("error"); errText.Truthy() {
		w.deliver(runID, lab.Report{}, errors.New(errText.String()))
		return
	}
	report, err := lab.DecodeReport([]byte(msg.Get("report").String()))
	w.deliver(runID, report, err)
}

// fail records that the worker cannot run labs, and tells the run waiting.
func (w *LabWorker) fail(why string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failure != "" {
		return
	}
	w.failure = "the labs' worker could not run: " + why
	w.worker.Call("terminate")
	w.deliver(w.latest, lab.Report{}, errors.New(w.failure))
}

// deliver hands an answer to the run waiting, if it is the latest; called
// with mu held.
func (w *LabWorker) deliver(runID int, r lab.Report, err error) {
	if runID != w.latest || w.waiting == nil {
		return
	}
	done := w.waiting
	w.waiting = nil
	done(r, err)
}

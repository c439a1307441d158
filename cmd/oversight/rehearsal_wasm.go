//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/app"
	"oversight/kb"
)

// rehearseInWorker runs in the worker that compiled the WebAssembly
// (web/wasmcompile.js), where there is no page. V8 compiles each function
// on its first call, on the thread that calls it, and the page's module
// shares this one's code: so what runs here first is compiled off the
// page's main thread. By the time this runs, Go's runtime and packages
// have started, and the worker posts the module to the page at once; then,
// while the page starts its own copy, this decodes the knowledge and writes
// the page the reader opened as HTML, as the page is about to do, and
// tells the worker how that went.
func rehearseInWorker() {
	worker := js.Global()
	if post := worker.Get("oversightPostModule"); post.Type() == js.TypeFunction {
		post.Invoke()
	}
	err := rehearse(worker.Get("oversightPagePath").String())
	if done := worker.Get("oversightRehearsed"); done.Type() == js.TypeFunction {
		if err != nil {
			done.Invoke(err.Error())
		} else {
			done.Invoke()
		}
	}
}

// rehearse decodes the knowledge and renders the page at path, as main
// and the page's first render do, and discards both.
func rehearse(path string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rehearsing %s: %v", path, r)
		}
	}()
	// The page's head preloaded the snapshot: the browser's cache has it,
	// and a request to the server for it again would compete with the
	// page's on a slow link.
	snapshot, err := fetchKnowledge("force-cache")
	if err != nil {
		return err
	}
	k, err := kb.FromSnapshot(snapshot)
	if err != nil {
		return err
	}
	if page := app.PageAt(browserSite(k, snapshot), path); page != nil {
		ui.HTMLString(page)
	}
	return nil
}

//go:build js && wasm

// The browser side of Oversight Explorer: the same routes and components as
// the server, run as WebAssembly. No server code is compiled in.
package main

import (
	"errors"
	"fmt"
	"syscall/js"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/app"
	"oversight/kb"
)

func main() {
	mark("oversight:main")
	snapshot, err := fetchKnowledge()
	var k *kb.KB
	if err == nil {
		k, err = kb.FromSnapshot(snapshot)
	}
	if err != nil {
		// The prerendered page stays as it is: its links and definitions
		// work without the WebAssembly.
		js.Global().Get("console").Call("error", "Oversight Explorer cannot start: "+err.Error())
		return
	}
	mark("oversight:content-loaded")
	site := app.NewSite(k, &app.TourReaderModule{Path: "/web/" + app.TourReaderFile, Snapshot: snapshot}, &app.LabWorker{Script: app.LabWorkerScript})
	// Before go-app starts, which reads localStorage and cannot start if
	// the browser refuses it.
	site.OpenLocalData()
	app.Register(site)
	mark("oversight:registered")
	ui.RunWhenOnBrowser()
}

// fetchKnowledge reads the knowledge snapshot the server wrote. The page's
// head preloads it, so it has usually arrived before the WebAssembly has;
// offline, the service worker answers from its cache.
func fetchKnowledge() ([]byte, error) {
	res, err := await(js.Global().Call("fetch", app.KnowledgePath))
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

//go:build js && wasm

// Command tourreader reads the tours a teacher imports, in the browser. It
// is the only WebAssembly with goldmark and YAML in it: the app's own
// (cmd/oversight) starts it beside itself the first time a page needs an
// imported tour (app.TourReaderModule), so that a visitor who never imports
// one never downloads it.
//
// The two talk through three functions on the page's global object:
// oversightTourReaderStarted (the app's, called once this is ready),
// oversightTourReaderInit(snapshot) with the app's knowledge snapshot, and
// oversightReadTour(name, markdown), which answers a kb.TourReading as JSON.
package main

import (
	"encoding/json"
	"syscall/js"

	"oversight/kb"
	"oversight/kb/load"
)

func main() {
	var knowledge *kb.KB
	js.Global().Set("oversightTourReaderInit", js.FuncOf(func(_ js.Value, args []js.Value) any {
		snapshot := make([]byte, args[0].Length())
		js.CopyBytesToGo(snapshot, args[0])
		k, err := kb.FromSnapshot(snapshot)
		if err != nil {
			return err.Error()
		}
		knowledge = k
		return ""
	}))
	js.Global().Set("oversightReadTour", js.FuncOf(func(_ js.Value, args []js.Value) any {
		reading := kb.TourReading{Error: "the tour reader has no knowledge base to check the tour against"}
		if knowledge != nil {
			reading = kb.ReadingOf(load.Tour(args[0].String(), []byte(args[1].String()), knowledge))
		}
		answer, err := json.Marshal(reading)
		if err != nil {
			answer, _ = json.Marshal(kb.TourReading{Error: "the tour reader could not write its answer: " + err.Error()})
		}
		return string(answer)
	}))
	js.Global().Call("oversightTourReaderStarted")
	select {} // answer calls for as long as the page lives
}

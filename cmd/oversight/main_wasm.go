//go:build js && wasm

// The browser side of Oversight Explorer: the same routes and components as
// the server, run as WebAssembly. No server code is compiled in.
package main

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/app"
	"oversight/content"
	"oversight/kb"
)

func main() {
	mark("oversight:main")
	k, err := kb.Load(content.FS, content.Root)
	if err != nil {
		panic("the embedded content does not load: " + err.Error())
	}
	mark("oversight:content-loaded")
	app.Register(k)
	// Before go-app starts, which reads localStorage and cannot start if
	// the browser refuses it.
	app.OpenLocalData()
	mark("oversight:registered")
	ui.RunWhenOnBrowser()
}

// mark records a step of the start-up as a Performance API mark, so that
// `make bench` can say where the time between the download and the first
// page goes (the last step, oversight:interactive, is app.markInteractive).
func mark(name string) {
	ui.Window().Get("performance").Call("mark", name)
}

// Command hello is the baseline of `make bench`: go-app's hello world as its
// documentation writes it, with the server split out of the WebAssembly by
// build tags, as the app does. The bench copies this folder into a module of
// its own (requiring only go-app) and builds it there with the app's flags.
//
// Its additions are the marks the app sets when main starts and when its
// first page has mounted, so that the bench reads both the same way.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct {
	app.Compo
}

func (h *hello) OnMount(ctx app.Context) {
	app.Window().Get("performance").Call("mark", "oversight:interactive")
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-app", "ready")
}

func (h *hello) Render() app.UI {
	return app.H1().Text("Hello World!")
}

func route() {
	app.Route("/", func() app.Composer { return &hello{} })
}

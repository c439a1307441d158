package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// LabRunner writes a lab's page (lab.View) as HTML, running the lab when
// the view asks. The labs' own code does it (labs.Bench): on the server at
// once (ReadyLabRunner), to prerender a lab's page; in the browser in the
// labs' Web Worker (LabWorker). So the app's WebAssembly links neither the
// simulations nor the drawing of their results, and a run never holds up
// the page.
type LabRunner interface {
	// RenderNow writes the page at once if this runner can: the server's.
	RenderNow(v lab.View) (string, bool)
	// Render writes the page later and calls done from a dispatch on ctx.
	// A later Render supersedes this one: done is then never called, so a
	// page never shows an older run over a newer one.
	Render(ctx ui.Context, v lab.View, done func(ctx ui.Context, html string, err error))
	// Prepare gets ready for a Render to come without writing anything: a
	// prerendered page that is kept as it is still needs its runs, online
	// or off.
	Prepare()
}

// ReadyLabRunner is the server's LabRunner: labs.Bench's Render, at once.
type ReadyLabRunner func(v lab.View) (string, error)

func (r ReadyLabRunner) RenderNow(v lab.View) (string, bool) {
	html, err := r(v)
	return html, err == nil
}

// Prepare has nothing to do: the server's runner is always ready.
func (r ReadyLabRunner) Prepare() {}

func (r ReadyLabRunner) Render(ctx ui.Context, v lab.View, done func(ui.Context, string, error)) {
	html, err := r(v)
	ctx.Dispatch(func(ctx ui.Context) { done(ctx, html, err) })
}

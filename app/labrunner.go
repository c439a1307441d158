package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// LabRunner runs the labs for their pages. The server has one at once
// (ReadyLabRunner), which prerenders a lab's page with its defaults'
// results; the browser's is the labs' Web Worker (LabWorker), so that the
// app's own WebAssembly links no simulation and a run never holds up the
// page.
type LabRunner interface {
	// Defaults returns the report of a lab's run at its defaults if the
	// runner has it without waiting; the browser's never does.
	Defaults(labID string) (lab.Report, bool)
	// Run runs a lab at a setting, written as an address's query, and
	// calls done from a later dispatch on ctx. A later Run supersedes this
	// one: done is then never called, so a page never draws an older
	// run's results over a newer one's.
	Run(ctx ui.Context, labID, query string, done func(ui.Context, lab.Report, error))
}

// ReadyLabRunner is a LabRunner that runs a lab where it is called: the
// server's, which links the labs (labs.RunQuery).
type ReadyLabRunner func(labID, query string) (lab.Report, error)

func (r ReadyLabRunner) Defaults(labID string) (lab.Report, bool) {
	report, err := r(labID, "")
	return report, err == nil
}

func (r ReadyLabRunner) Run(ctx ui.Context, labID, query string, done func(ui.Context, lab.Report, error)) {
	report, err := r(labID, query)
	ctx.Dispatch(func(ctx ui.Context) { done(ctx, report, err) })
}

// labRunner runs the labs; Register sets it.
var labRunner LabRunner

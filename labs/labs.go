// Package labs is the registry of the labs a learner can run: each is a
// value, its description (lab.Info) and the function that runs it. It is
// pure Go, like the simulations it wraps: the labs' worker (cmd/labworker)
// runs them in the browser, the server runs a lab's defaults to prerender
// its page, and the app's own WebAssembly links none of it — the app reads
// the descriptions from the knowledge snapshot (Attach) and asks the worker
// for runs.
//
// A lab is added in a file of its own that returns a Lab, listed in All.
package labs

import (
	"context"
	"fmt"

	"oversight/kb"
	"oversight/lab"
)

// Lab is one experiment: what the app shows of it, and how to run it.
type Lab struct {
	lab.Info
	// Run runs the simulation at a setting (already read from an address
	// with Spec.Read) and returns what the page draws. It stops with
	// ctx.Err() once ctx is done.
	Run func(ctx context.Context, set lab.Setting) (lab.Report, error)
	// Extra, if set, writes a part of the page that is the lab's own, after
	// its results: something the learner plays at a setting, from the
	// state the page's buttons carry (v.State; "" to begin), telling no
	// result before the learner has committed a prediction (v.Committed).
	// It must be quick: the server writes it at the address's setting for
	// every page it prerenders (the debate lab's plays one debate: under
	// 3 ms natively at its slowest setting).
	Extra func(ctx context.Context, set lab.Setting, v lab.View) (string, error)
}

// All lists every lab, in the order the index shows them.
func All() []Lab {
	return []Lab{weakToStrong(), controlGame(), debateLab()}
}

// Find returns the lab with the given id.
func Find(id string) (Lab, bool) {
	for _, l := range All() {
		if l.ID == id {
			return l, true
		}
	}
	return Lab{}, false
}

// Infos are the descriptions of every lab, in order.
func Infos() []lab.Info {
	all := All()
	infos := make([]lab.Info, len(all))
	for i, l := range all {
		infos[i] = l.Info
	}
	return infos
}

// Attach returns the knowledge base with what the app knows of every lab
// (kb.Lab) in it, so that the snapshot carries it to the browser.
func Attach(k *kb.KB) *kb.KB {
	parts := k.Parts()
	parts.Labs = nil
	for _, l := range All() {
		parts.Labs = append(parts.Labs, kb.Lab{
			ID: l.ID, Title: l.Title, Concept: l.Concept, Summary: l.Summary,
			QueryKeys: l.Spec.Keys(), Sources: l.Cited(), Reviewed: l.Reviewed,
		})
	}
	return kb.New(parts)
}

// RunQuery runs a lab at the setting an address's query holds, as the
// worker is asked to. Notes on the query are the page's to show: the lab
// runs at what Read made of it.
func RunQuery(ctx context.Context, id, query string) (lab.Report, error) {
	l, ok := Find(id)
	if !ok {
		return lab.Report{}, fmt.Errorf("there is no lab %q", id)
	}
	set, _ := l.Spec.Read(query)
	return l.Run(ctx, set)
}

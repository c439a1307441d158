package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/localdata"
)

// VisitedNote tells readers how much of the map they have opened on this
// device, and lets them clear that history (a shared classroom computer,
// or a fresh start). It shows nothing until something has been opened,
// and nothing when prerendered, since the history lives on the device.
type VisitedNote struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	visited int
}

func (n *VisitedNote) OnMount(ctx ui.Context) {
	n.count(ctx)
	ctx.Handle(localDataChanged, func(ctx ui.Context, a ui.Action) {
		if a.Value != localdata.VisitedRecord.Key() {
			ctx.PreventUpdate()
			return
		}
		n.count(ctx)
	})
}

// count counts the concepts opened on this device, and draws the note again
// only if their number changed.
func (n *VisitedNote) count(ctx ui.Context) {
	before := n.visited
	n.visited = len(n.Site.device.visitedConcepts(ctx))
	keepRenderIfUnchanged(ctx, before, n.visited)
}

func (n *VisitedNote) Render() ui.UI {
	if n.visited == 0 {
		return ui.P().Class("visited-note").Hidden(true)
	}
	total := len(n.Site.Knowledge.Concepts())
	return ui.P().Class("visited-note").Body(
		ui.Text("You have opened "+strconv.Itoa(n.visited)+" of the "+strconv.Itoa(total)+" concepts on this device (marked ✓). "),
		ui.Button().Type("button").Class("link-button").Text("Clear history").
			OnClick(func(ctx ui.Context, e ui.Event) { n.Site.device.clearVisited(ctx) }),
	)
}

package app

import (
	"maps"
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
	"oversight/localdata"
)

// ToursPage lists the guided tours, marks how far this device has got
// through each, and lets a teacher import a tour of their own.
type ToursPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// progress is what this device remembers; empty when prerendered.
	progress map[string]localdata.TourProgress
}

func (p *ToursPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

// OnInit reads, in the browser, what this device remembers of the tours
// before the first render.
func (p *ToursPage) OnInit() {
	if ui.IsClient {
		p.progress = readBeforeMount(p.Site.device, localdata.ProgressRecord)
	}
}

func (p *ToursPage) OnNav(ctx ui.Context) {
	before := p.progress
	p.arrive(ctx)
	if maps.EqualFunc(before, p.progress, localdata.TourProgress.Equal) {
		ctx.PreventUpdate()
	}
}

func (p *ToursPage) arrive(ctx ui.Context) {
	p.progress = nil
	if ui.IsClient {
		p.progress = p.Site.device.loadProgress(ctx)
		// A teacher who has seen this page can import a tour offline.
		keepOffline(TourReaderFile)
	}
	p.Site.showPage(ctx, "Tours", "Guided walks through the superalignment map for a class: step by step, with a presenter view, handouts and a self-check.", headingID)
}

func (p *ToursPage) Render() ui.UI {
	tours := p.Site.Knowledge.Tours()
	return pageFrame(p.Site, "tours-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Tours"),
			ui.P().Class("lead").Text("Guided walks through the map for a class. Each step lights up a few concepts and says what to notice; present it on a projector, let students follow on their phones, and print the handout."),
			ui.Ul().Class("cards", "tour-list").Body(ui.Range(tours).Slice(func(i int) ui.UI {
				t := tours[i]
				return tourCard(t, tourRef{ID: t.ID}, p.progress[tourRef{ID: t.ID}.key()])
			})),
			&TourImport{Site: p.Site},
		),
	)
}

// tourCard is a tour in a list: what it is, how far this device has got,
// and the ways in.
func tourCard(t *kb.Tour, ref tourRef, progress localdata.TourProgress, extra ...ui.UI) ui.UI {
	start, startLabel := ref.step(1), "Start"
	if n := len(progress.Seen); n > 0 && !progress.Complete() {
		next := nextUnseen(progress, len(t.Steps))
		start, startLabel = ref.step(next), "Continue at step "+strconv.Itoa(next)
	}
	actions := []ui.UI{
		ui.A().Class("button").Href(start).Text(startLabel),
		ui.A().Class("button", "secondary").Href(ref.present(1)).Text("Present"),
		ui.A().Class("button", "secondary").Href(ref.handout()).Text("Handout"),
	}
	return ui.Li().Class("card", "tour-card").DataSet("tour", ref.key()).Body(
		ui.H2().Body(ui.A().Href(ref.handout()).Text(t.Title)),
		ui.P().Class("tour-meta").Text(tourMeta(t)+" · For: "+t.Audience),
		ui.P().Text(t.Summary),
		progressMark(progress, len(t.Steps)),
		ui.P().Class("tour-actions").Body(append(actions, extra...)...),
	)
}

// progressMark says how far this device has got through a tour.
func progressMark(p localdata.TourProgress, steps int) ui.UI {
	seen := len(p.Seen)
	switch {
	case seen == 0:
		return nil
	case seen >= steps && p.Checked:
		return ui.P().Class("progress-mark", "is-complete").Text("✓ Completed, self-check done")
	case seen >= steps:
		return ui.P().Class("progress-mark", "is-complete").Text("✓ Completed: every step seen")
	}
	return ui.P().Class("progress-mark", "is-started").Text("In progress: " + strconv.Itoa(seen) + " of " + strconv.Itoa(steps) + " steps seen")
}

// nextUnseen is the first step not seen yet.
func nextUnseen(p localdata.TourProgress, steps int) int {
	seen := make(map[int]bool)
	for _, s := range p.Seen {
		seen[s] = true
	}
	for n := 1; n <= steps; n++ {
		if !seen[n] {
			return n
		}
	}
	return 1
}

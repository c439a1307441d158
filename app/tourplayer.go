package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// TourPlayer plays a tour one step at a time: the map with the step's
// concepts spotlit, and beside it the narration and discussion questions.
// Each step has its own address, with Previous and Next as real links, so a
// step reads and moves on without JavaScript; in the app, ← and → and a
// sideways swipe move too. Steps seen are remembered on the device.
type TourPlayer struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// TourID and Step (1, 2, … or "check" for the self-check) name a
	// built-in tour's step.
	TourID string
	Step   string
	// Imported plays a tour stored on this device instead, named by the
	// page's ?tour= and ?step=.
	Imported bool

	tourPosition
	keys  tourKeys
	swipe swipe
}

// OnInit and OnUpdate read a built-in tour's step before the first render
// and on every move, so no render shows the wrong step; an imported tour is
// read from the device in arrive.
func (p *TourPlayer) OnInit() { p.resolveBuiltIn(p.Site, p.TourID, p.Step, p.Imported, false) }

func (p *TourPlayer) OnUpdate(ctx ui.Context) {
	p.resolveBuiltIn(p.Site, p.TourID, p.Step, p.Imported, false)
}

func (p *TourPlayer) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *TourPlayer) OnNav(ctx ui.Context) {
	// A built-in tour's step was read before the first render (OnInit,
	// OnUpdate); an imported tour's is read here.
	before := p.tourPosition
	p.arrive(ctx)
	keepRenderIfUnchanged(ctx, before, p.tourPosition)
}

func (p *TourPlayer) OnMount(ctx ui.Context) {
	p.keys.listen(ctx, map[string]bool{"ArrowRight": true, "ArrowLeft": true}, func(ctx ui.Context, key string) {
		if key == "ArrowRight" {
			p.move(ctx, 1)
		} else {
			p.move(ctx, -1)
		}
	})
	// Listening for the keys changes nothing the step draws.
	ctx.PreventUpdate()
}

func (p *TourPlayer) OnDismount() { p.keys.stop() }

func (p *TourPlayer) arrive(ctx ui.Context) {
	p.resolve(ctx, p.Site, p.TourID, p.Step, p.Imported, false, p.arrive)
	if p.tour == nil && p.problem == "" {
		return // the tour reader is starting; arrive runs again
	}
	if p.problem != "" {
		p.Site.showPage(ctx, "Tour not available", p.problem, headingID)
		return
	}
	title := SelfCheckTitle
	if p.n > 0 {
		title = p.tour.Steps[p.n-1].Title
	}
	p.Site.showPage(ctx, title+" · "+p.tour.Title, p.tour.Summary, headingID)
	if ui.IsClient && p.n > 0 {
		p.Site.device.markStepSeen(ctx, p.ref, p.n, len(p.tour.Steps))
	}
}

// SelfCheckTitle heads a tour's self-check.
const SelfCheckTitle = "Self-check"

// neighbour is the address one step before (-1) or after (+1) this one:
// after the last step comes the self-check, if the tour has one.
func (p *TourPlayer) neighbour(dir int) string {
	t := p.tour
	if t == nil || p.problem != "" {
		return ""
	}
	last := len(t.Steps)
	switch {
	case p.n == 0 && dir < 0:
		return p.ref.step(last)
	case p.n == 0:
		return ""
	case dir < 0 && p.n > 1:
		return p.ref.step(p.n - 1)
	case dir > 0 && p.n < last:
		return p.ref.step(p.n + 1)
	case dir > 0 && len(t.Quiz) > 0:
		return p.ref.check()
	}
	return ""
}

func (p *TourPlayer) move(ctx ui.Context, dir int) {
	if target := p.neighbour(dir); target != "" {
		ctx.Navigate(target)
	}
}

func (p *TourPlayer) onTouchStart(ctx ui.Context, e ui.Event) { p.swipe.start(e) }

func (p *TourPlayer) onTouchEnd(ctx ui.Context, e ui.Event) {
	if dir := p.swipe.end(e); dir != 0 {
		p.move(ctx, dir)
	}
}

func (p *TourPlayer) Render() ui.UI {
	if p.tour == nil || p.problem != "" {
		return p.Site.tourProblem("tour-player", p.problem)
	}
	t := p.tour
	var spotlight []string
	var body []ui.UI
	if p.n > 0 {
		spotlight = t.Steps[p.n-1].Concepts
		body = p.Site.stepContent(t, p.n)
	} else {
		body = []ui.UI{
			ui.P().Class("tour-progress").Text("After step " + strconv.Itoa(len(t.Steps)) + " of " + strconv.Itoa(len(t.Steps))),
			ui.H1().ID(headingID).TabIndex(-1).Text(SelfCheckTitle),
			ui.P().Class("lead").Text("Pick an answer to each question to see whether it is right, and why."),
			&SelfCheck{Site: p.Site, Questions: t.Quiz, TourID: p.ref.ID, Imported: p.ref.Imported, Steps: len(t.Steps)},
		}
	}
	present := 1
	if p.n > 0 {
		present = p.n
	}
	layout := []string{"tour-layout"}
	var tourMap ui.UI
	if p.n > 0 {
		tourMap = ui.Div().Class("map-pane", "tour-map").Body(&ConceptMap{Site: p.Site, Spotlight: spotlight})
	} else {
		// The self-check is read, not looked at: no map beside it.
		layout = append(layout, "is-check")
	}
	return pageFrame(p.Site, "tour-player",
		ui.Div().Class(layout...).Body(
			tourMap,
			ui.Section().Class("tour-step").Aria("labelledby", headingID).
				On("touchstart", p.onTouchStart).
				On("touchend", p.onTouchEnd).
				Body(
					ui.P().Class("tour-kicker").Body(ui.Text("Tour: "), ui.A().Href(p.ref.handout()).Text(t.Title)),
					ui.Div().Body(body...),
					p.controls(),
					ui.P().Class("hint", "tour-hint").Text("Keys ← and → move between steps; on a phone, swipe the text sideways."),
					ui.P().Class("tour-links").Body(
						ui.A().Href(p.ref.present(present)).Text("Present this step"),
						ui.Text(" · "),
						ui.A().Href(p.ref.handout()).Text("Handout"),
						ui.Text(" · "),
						ui.A().Href(ToursPath).Text("All tours"),
					),
				),
		),
	)
}

// controls are the Previous and Next links.
func (p *TourPlayer) controls() ui.UI {
	prev, next := p.neighbour(-1), p.neighbour(1)
	nextLabel := "Next →"
	if p.n == len(p.tour.Steps) && next != "" {
		nextLabel = "Self-check →"
	}
	if next == "" {
		next, nextLabel = ToursPath, "Finish: all tours"
	}
	return ui.Nav().Class("tour-controls").Aria("label", "Tour steps").Body(
		ui.If(prev != "", func() ui.UI {
			return ui.A().Class("button", "secondary", "tour-prev").Href(prev).Rel("prev").Text("← Previous")
		}).Else(func() ui.UI {
			return ui.Span().Class("button", "secondary", "tour-prev", "is-disabled").Aria("disabled", "true").Text("← Previous")
		}),
		ui.A().Class("button", "tour-next").Href(next).Rel("next").Text(nextLabel),
	)
}

// stepContent is step n of a tour as a reader follows it: where it is in
// the tour, its title as the page's heading, its concepts, its narration
// and its questions.
func (s *Site) stepContent(t *kb.Tour, n int) []ui.UI {
	step := t.Steps[n-1]
	return []ui.UI{
		ui.P().Class("tour-progress").Text("Step " + strconv.Itoa(n) + " of " + strconv.Itoa(len(t.Steps))),
		ui.H1().ID(headingID).TabIndex(-1).Text(step.Title),
		ui.P().Class("tour-concepts").Body(ui.Text("On the map: "), s.conceptLinks(step.Concepts)),
		ui.Div().Class("tour-narration").Body(ui.Raw(step.NarrationHTML)),
		discussionQuestions(step.Questions),
	}
}

// discussionQuestions lists a step's questions for the class.
func discussionQuestions(questions []string) ui.UI {
	if len(questions) == 0 {
		return nil
	}
	return ui.Section().Class("tour-questions").Body(
		ui.H2().Text("Discuss"),
		ui.Ul().Body(ui.Range(questions).Slice(func(i int) ui.UI {
			return ui.Li().Text(questions[i])
		})),
	)
}

// tourProblem is the page shown when a tour or step cannot be shown, or,
// with no problem, while an imported tour is read from the device.
func (s *Site) tourProblem(class, problem string) ui.UI {
	heading := "Tour not available"
	if problem == "" {
		heading, problem = "Opening the tour…", "Reading it from this device."
	}
	return pageFrame(s, class,
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text(heading),
			ui.P().Class("lead").Text(problem),
			ui.P().Body(ui.A().Class("button").Href(ToursPath).Text("All tours")),
		),
	)
}

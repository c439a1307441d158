package app

import (
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// TourPage is a tour on one page: what it is for, and every step with its
// narration and questions, then the self-check. It is the handout: Print
// turns it, through the print stylesheet, into a clean document with no
// navigation. From here a teacher starts the tour or presents it.
type TourPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// TourID names a built-in tour.
	TourID string
	// Imported shows a tour stored on this device, named by ?tour=.
	Imported bool

	tour    *kb.Tour
	ref     tourRef
	problem string
}

// OnInit reads a built-in tour before the first render.
func (p *TourPage) OnInit() {
	if !p.Imported {
		p.tour, p.ref, p.problem = p.Site.resolveTour(ui.Context{}, p.TourID, false, nil)
	}
}

func (p *TourPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *TourPage) OnNav(ctx ui.Context) {
	// OnInit has read a built-in tour; an imported one is read here.
	before := tourPosition{tour: p.tour, ref: p.ref, problem: p.problem}
	p.arrive(ctx)
	keepRenderIfUnchanged(ctx, before, tourPosition{tour: p.tour, ref: p.ref, problem: p.problem})
}

func (p *TourPage) arrive(ctx ui.Context) {
	p.tour, p.ref, p.problem = p.Site.resolveTour(ctx, p.TourID, p.Imported, p.arrive)
	if p.tour == nil && p.problem == "" {
		return // the tour reader is starting; arrive runs again
	}
	if p.problem != "" {
		p.Site.showPage(ctx, "Tour not available", p.problem, headingID)
		return
	}
	p.Site.showPage(ctx, p.tour.Title, p.tour.Summary, headingID)
}

func (p *TourPage) Render() ui.UI {
	if p.tour == nil || p.problem != "" {
		return p.Site.tourProblem("tour-page", p.problem)
	}
	t := p.tour
	return pageFrame(p.Site, "tour-page",
		ui.Article().Class("reading-column", "entry", "handout").Body(
			ui.P().Class("back", "no-print").Body(ui.A().Href(ToursPath).Text("← All tours")),
			ui.P().Class("kind-badge", "tour-badge").Text(tourMeta(t)),
			ui.H1().ID(headingID).TabIndex(-1).Text(t.Title),
			ui.P().Class("lead").Text(t.Summary),
			ui.P().Class("tour-audience").Body(ui.Strong().Text("For: "), ui.Text(t.Audience)),
			ui.Div().Class("tour-actions", "no-print").Body(
				ui.A().Class("button").Href(p.ref.step(1)).Text("Start the tour"),
				ui.A().Class("button", "secondary").Href(p.ref.present(1)).Text("Present"),
				ui.Button().Class("button", "secondary", "print-button").Type("button").Text("Print handout").OnClick(p.print),
			),
			ui.Ol().Class("handout-steps").Body(ui.Range(t.Steps).Slice(func(i int) ui.UI {
				s := t.Steps[i]
				return ui.Li().Class("handout-step").Body(
					ui.H2().Body(ui.A().Href(p.ref.step(i+1)).Text(s.Title)),
					ui.P().Class("tour-concepts").Body(ui.Text("On the map: "), p.Site.conceptLinks(s.Concepts)),
					ui.Raw(s.NarrationHTML),
					ui.If(len(s.Questions) > 0, func() ui.UI {
						return ui.Div().Class("tour-questions").Body(
							ui.H3().Text("Discuss"),
							ui.Ul().Body(ui.Range(s.Questions).Slice(func(j int) ui.UI {
								return ui.Li().Text(s.Questions[j])
							})),
						)
					}),
				)
			})),
			ui.If(len(t.Quiz) > 0, func() ui.UI { return p.selfCheck(t) }),
			ui.If(t.Reviewed != "" && len(t.Sources) > 0, func() ui.UI {
				return &SourceList{Site: p.Site, IDs: t.Sources, Reviewed: t.Reviewed}
			}),
		),
	)
}

// selfCheck prints the questions with their answers at the end, as a
// worksheet would.
func (p *TourPage) selfCheck(t *kb.Tour) ui.UI {
	var key []string
	for i, q := range t.Quiz {
		key = append(key, strconv.Itoa(i+1)+" "+optionLetter(q.Answer))
	}
	return ui.Section().Class("handout-check").Body(
		ui.H2().Text(SelfCheckTitle),
		ui.P().Class("no-print").Body(ui.A().Href(p.ref.check()).Text("Take the self-check in the app")),
		ui.Ol().Body(ui.Range(t.Quiz).Slice(func(i int) ui.UI {
			q := t.Quiz[i]
			return ui.Li().Body(
				ui.P().Class("quiz-prompt").Text(q.Prompt),
				ui.Ol().Class("handout-options").Body(ui.Range(q.Options).Slice(func(j int) ui.UI {
					return ui.Li().Text(optionLetter(j) + ". " + q.Options[j])
				})),
			)
		})),
		ui.P().Class("answer-key").Text("Answers: "+strings.Join(key, ", ")+"."),
	)
}

func (p *TourPage) print(ctx ui.Context, e ui.Event) { ui.Window().Call("print") }

// tourMeta sums a tour up: “Tour · 10 minutes · 8 steps”.
func tourMeta(t *kb.Tour) string {
	return "Tour · " + strconv.Itoa(t.Minutes) + " " + plural(t.Minutes, "minute", "minutes") +
		" · " + strconv.Itoa(len(t.Steps)) + " " + plural(len(t.Steps), "step", "steps")
}

package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// QuestionsPage gathers the open questions of every concept, as discussion
// prompts for a class. The article's own section is empty; these are ours.
type QuestionsPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site
}

func (p *QuestionsPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *QuestionsPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *QuestionsPage) arrive(ctx ui.Context) {
	p.Site.showPage(ctx, "Open questions", "Open questions for each research direction of superalignment, as prompts for class discussion.", headingID)
}

func (p *QuestionsPage) Render() ui.UI {
	var sections []ui.UI
	for _, c := range p.Site.Knowledge.Concepts() {
		if len(c.Questions) == 0 {
			continue
		}
		sections = append(sections, ui.Section().Class("card").Body(
			ui.H2().Body(ui.A().Href(kb.ConceptPath(c.ID)).Text(c.Title)),
			ui.Ol().Body(ui.Range(c.Questions).Slice(func(i int) ui.UI {
				return ui.Li().Text(c.Questions[i])
			})),
		))
	}
	return pageFrame(p.Site, "questions-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Open questions"),
			ui.P().Class("lead").Text("Nobody has settled these. Each grows out of a problem the article names; use them to start a discussion, and follow the links to the concepts behind them."),
			ui.Div().Body(sections...),
		),
	)
}

package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// LabsPage lists the labs: small experiments a learner runs in the
// browser, each beside the concept it lets them see happen.
type LabsPage struct {
	ui.Compo
}

const labsIntro = "Small experiments you run in your browser, each a toy version of a research result. Predict what will happen, run it, and compare the toy with what the paper reported."

func (p *LabsPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *LabsPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *LabsPage) arrive(ctx ui.Context) {
	showPage(ctx, "Labs", labsIntro, headingID)
}

func (p *LabsPage) Render() ui.UI {
	labs := knowledge.Labs()
	return pageFrame("labs-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Labs"),
			ui.P().Class("lead").Text(labsIntro),
			ui.Ul().Class("cards").Body(ui.Range(labs).Slice(func(i int) ui.UI {
				l := labs[i]
				return ui.Li().Class("card").Body(
					ui.H2().Body(ui.A().Href(lab.Path(l.ID)).Text(l.Title)),
					ui.P().Text(l.Summary),
					ui.P().Class("qualifies").Body(
						ui.Text("About "),
						ui.A().Href(ConceptPath(l.Concept)).Text(titleOf(l.Concept)),
					),
				)
			})),
		),
	)
}

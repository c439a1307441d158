package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// HistoryPage is the institutional history as a timeline. Each event says
// how it is known, so a reader tells an official record from a report.
type HistoryPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site
}

func (p *HistoryPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *HistoryPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *HistoryPage) arrive(ctx ui.Context) {
	p.Site.showPage(ctx, "Institutional history", "A timeline of superalignment as an institutional effort, with the evidence behind each event.", headingID)
}

func (p *HistoryPage) Render() ui.UI {
	events := p.Site.Knowledge.Events()
	return pageFrame(p.Site, "history-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Institutional history"),
			ui.P().Class("lead").Text("How superalignment became a team, a funding programme and then an agenda carried on elsewhere. Each event is marked with the kind of evidence behind it."),
			ui.Ul().Class("evidence-key").Aria("label", "Kinds of evidence").Body(
				ui.Range(kb.EvidenceLevels).Slice(func(i int) ui.UI {
					return ui.Li().Body(&EvidenceBadge{Evidence: kb.EvidenceLevels[i]})
				}),
			),
			ui.Ol().Class("timeline").Body(
				ui.Range(events).Slice(func(i int) ui.UI {
					e := events[i]
					return ui.Li().Class("timeline-event").Body(
						ui.Time().Class("timeline-date").DateTime(e.Date).Text(readableDate(e.Date)),
						ui.Div().Class("card").Body(
							ui.H2().Body(ui.A().Href(kb.EventPath(e.ID)).Text(e.Title)),
							&EvidenceBadge{Evidence: e.Evidence},
							ui.P().Text(e.Summary),
							ui.P().Class("qualifies").Body(ui.Text("Concerns: "), p.Site.conceptLinks(e.Concerns)),
						),
					)
				}),
			),
		),
	)
}

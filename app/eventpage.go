package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// EventPage shows one event of the institutional history.
type EventPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ID is the event shown.
	ID string
}

func (p *EventPage) event() *kb.Event {
	e, _ := p.Site.Knowledge.Event(p.ID)
	return e
}

func (p *EventPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *EventPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *EventPage) arrive(ctx ui.Context) {
	e := p.event()
	p.Site.showPage(ctx, e.Title, e.Summary, headingID)
}

func (p *EventPage) Render() ui.UI {
	e := p.event()
	return pageFrame(p.Site, "event-page",
		ui.Article().Class("reading-column", "entry").Body(
			ui.P().Class("back").Body(ui.A().Href(HistoryPath).Text("← The whole timeline")),
			ui.P().Class("event-meta").Body(
				ui.Time().DateTime(e.Date).Text(readableDate(e.Date)),
				ui.Text(" "),
				&EvidenceBadge{Evidence: e.Evidence},
			),
			ui.H1().ID(headingID).TabIndex(-1).Text(e.Title),
			ui.P().Class("lead").Text(e.Summary),
			ui.P().Class("qualifies").Body(ui.Strong().Text("Concerns: "), p.Site.conceptLinks(e.Concerns)),
			ui.Raw(e.Body),
			&SourceList{Site: p.Site, IDs: e.Sources, Reviewed: e.Reviewed},
		),
	)
}

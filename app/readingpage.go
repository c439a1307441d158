package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// ReadingPage shows an interpretive reading, framed everywhere on the page
// as interpretation rather than fact.
type ReadingPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ID is the reading shown.
	ID string
}

func (p *ReadingPage) reading() *kb.Reading {
	r, _ := p.Site.Knowledge.Reading(p.ID)
	return r
}

func (p *ReadingPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *ReadingPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *ReadingPage) arrive(ctx ui.Context) {
	r := p.reading()
	p.Site.showPage(ctx, r.Title, r.Summary, headingID)
}

func (p *ReadingPage) Render() ui.UI {
	r := p.reading()
	return pageFrame(p.Site, "reading-page",
		ui.Article().Class("reading-column", "entry", "interpretation").Body(
			&EvidenceBadge{},
			ui.H1().ID(headingID).TabIndex(-1).Text(r.Title),
			ui.P().Class("interpretation-note").Text("This is an interpretive reading: one lens for discussing superalignment, not a factual account. The concept, caveat and history pages hold the facts and their sources."),
			ui.P().Class("lead").Text(r.Summary),
			ui.Raw(r.Body),
			&SourceList{Site: p.Site, IDs: r.Sources, Reviewed: r.Reviewed},
		),
	)
}

package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// CaveatPage shows one caveat: what it qualifies, the argument, and its
// sources.
type CaveatPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ID is the caveat shown.
	ID string
}

func (p *CaveatPage) caveat() *kb.Caveat {
	c, _ := p.Site.Knowledge.Caveat(p.ID)
	return c
}

func (p *CaveatPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *CaveatPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *CaveatPage) arrive(ctx ui.Context) {
	c := p.caveat()
	p.Site.showPage(ctx, c.Title, c.Summary, headingID)
}

func (p *CaveatPage) Render() ui.UI {
	c := p.caveat()
	return pageFrame(p.Site, "caveat-page",
		ui.Article().Class("reading-column", "entry").Body(
			ui.P().Class("back").Body(ui.A().Href(CaveatsPath).Text("← All caveats")),
			ui.P().Class("kind-badge", "caveat-badge").Text("Caveat · "+c.Group.Label()),
			ui.H1().ID(headingID).TabIndex(-1).Text(c.Title),
			ui.P().Class("lead").Text(c.Summary),
			ui.P().Class("qualifies").Body(ui.Strong().Text("Qualifies: "), p.Site.conceptLinks(c.Qualifies)),
			ui.Raw(c.Body),
			&SourceList{Site: p.Site, IDs: c.Sources, Reviewed: c.Reviewed},
		),
	)
}

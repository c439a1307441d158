package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// CaveatPage shows one caveat: what it qualifies, the argument, and its
// sources.
type CaveatPage struct {
	ui.Compo

	// ID is the caveat shown.
	ID string
}

func (p *CaveatPage) caveat() *kb.Caveat {
	c, _ := knowledge.Caveat(p.ID)
	return c
}

func (p *CaveatPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *CaveatPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *CaveatPage) arrive(ctx ui.Context) {
	c := p.caveat()
	showPage(ctx, c.Title, c.Summary, headingID)
}

func (p *CaveatPage) Render() ui.UI {
	c := p.caveat()
	return pageFrame("caveat-page",
		ui.Article().Class("reading-column", "entry").Body(
			ui.P().Class("back").Body(ui.A().Href(CaveatsPath).Text("← All caveats")),
			ui.P().Class("kind-badge", "caveat-badge").Text("Caveat · "+c.Group.Label()),
			ui.H1().ID(headingID).TabIndex(-1).Text(c.Title),
			ui.P().Class("lead").Text(c.Summary),
			ui.P().Class("qualifies").Body(ui.Strong().Text("Qualifies: "), conceptLinks(c.Qualifies)),
			ui.Raw(c.Body),
			&SourceList{IDs: c.Sources, Reviewed: c.Reviewed},
		),
	)
}

package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// problemPageID is the page of prose that also lists the open problems.
const problemPageID = "problem"

// ProsePage shows a page of prose such as /about. The technical problem
// page also lists each open problem with what addresses it.
type ProsePage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ID is the page shown.
	ID string
}

func (p *ProsePage) page() *kb.Page {
	pg, _ := p.Site.Knowledge.Page(p.ID)
	return pg
}

func (p *ProsePage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *ProsePage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *ProsePage) arrive(ctx ui.Context) {
	pg := p.page()
	p.Site.showPage(ctx, pg.Title, pg.Summary, headingID)
}

func (p *ProsePage) Render() ui.UI {
	pg := p.page()
	return pageFrame(p.Site, "prose-page",
		ui.Article().Class("reading-column", "entry").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text(pg.Title),
			ui.P().Class("lead").Text(pg.Summary),
			ui.Raw(pg.Body),
			ui.If(p.ID == problemPageID, p.problems),
			&SourceList{Site: p.Site, IDs: pg.Sources, Reviewed: pg.Reviewed},
		),
	)
}

// problems lists every open problem on the map with the concepts that
// address it, straight from the map's links.
func (p *ProsePage) problems() ui.UI {
	var items []ui.UI
	for _, c := range p.Site.Knowledge.Concepts() {
		if c.Kind != kb.KindProblem {
			continue
		}
		var addressedBy []string
		for _, l := range p.Site.Knowledge.LinksOf(c.ID) {
			if l.To == c.ID && l.Relation == kb.RelAddresses {
				addressedBy = append(addressedBy, l.From)
			}
		}
		items = append(items, ui.Li().Class("card").Body(
			ui.H3().Body(ui.A().Href(kb.ConceptPath(c.ID)).Text(c.Title)),
			ui.P().Text(c.Summary),
			ui.If(len(addressedBy) > 0, func() ui.UI {
				return ui.P().Class("qualifies").Body(ui.Text("Addressed by: "), p.Site.conceptLinks(addressedBy))
			}),
		))
	}
	return ui.Section().Class("problem-stack").Aria("labelledby", "stack-heading").Body(
		ui.H2().ID("stack-heading").Text("The stack of open problems"),
		ui.Ul().Class("cards").Body(items...),
	)
}

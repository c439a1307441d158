package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// CaveatsPage lists the field's limits and disputes, and the caveats on
// single research directions, each with the concepts it qualifies.
type CaveatsPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site
}

func (p *CaveatsPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *CaveatsPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *CaveatsPage) arrive(ctx ui.Context) {
	p.Site.showPage(ctx, "Caveats", "The limits and disputes of superalignment, and the caveats on each research direction.", headingID)
}

func (p *CaveatsPage) Render() ui.UI {
	return pageFrame(p.Site, "caveats-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Caveats"),
			ui.P().Class("lead").Text("What the field cannot yet claim, and where its methods may fall short. Each caveat names the concepts it qualifies; on the map, the caveat lens marks them."),
			ui.P().Body(ui.A().Class("button", "secondary").Href(caveatLensPath).Text("Show the caveats on the map")),
			ui.Range(kb.CaveatGroups).Slice(func(i int) ui.UI {
				group := kb.CaveatGroups[i]
				var items []ui.UI
				for _, c := range p.Site.Knowledge.Caveats() {
					if c.Group == group {
						items = append(items, p.Site.caveatCard(c))
					}
				}
				return ui.Section().Class("caveat-group").Body(
					ui.H2().Text(group.Label()),
					ui.Ul().Class("cards").Body(items...),
				)
			}),
		),
	)
}

func (s *Site) caveatCard(c *kb.Caveat) ui.UI {
	return ui.Li().Class("card").Body(
		ui.H3().Body(ui.A().Href(kb.CaveatPath(c.ID)).Text(c.Title)),
		ui.P().Text(c.Summary),
		ui.P().Class("qualifies").Body(
			ui.Text("Qualifies: "),
			s.conceptLinks(c.Qualifies),
		),
	)
}

// conceptLinks writes concept titles as links, separated by commas.
func (s *Site) conceptLinks(ids []string) ui.UI {
	var out []ui.UI
	for i, id := range ids {
		if i > 0 {
			out = append(out, ui.Text(", "))
		}
		out = append(out, ui.A().Href(kb.ConceptPath(id)).Text(s.titleOf(id)))
	}
	return ui.Span().Body(out...)
}

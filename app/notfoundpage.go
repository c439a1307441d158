package app

import (
	"path"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// NotFoundPage answers any path that is not a page: it says so, offers the
// concepts whose names come closest to what was asked for, and the map. The
// server sends it with status 404.
type NotFoundPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// asked is the last segment of the requested path, as the reader typed it.
	asked string
}

func (p *NotFoundPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *NotFoundPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *NotFoundPage) arrive(ctx ui.Context) {
	p.asked = strings.TrimSpace(path.Base(ctx.Page().URL().Path))
	p.Site.showPage(ctx, "Page not found", "There is no page at this address.", headingID)
}

func (p *NotFoundPage) Render() ui.UI {
	const suggestions = 5
	closest := p.Site.Knowledge.Nearest(p.asked, suggestions)
	return pageFrame(p.Site, "not-found-page",
		ui.H1().ID(headingID).TabIndex(-1).Text("Page not found"),
		ui.P().Class("lead").Body(
			ui.Text("There is no concept or page called "),
			ui.Q().Text(p.asked),
			ui.Text(". Perhaps you were looking for one of these:"),
		),
		ui.Ul().Class("suggestions").Body(
			ui.Range(closest).Slice(func(i int) ui.UI {
				c := closest[i]
				return ui.Li().Body(
					ui.A().Href(kb.ConceptPath(c.ID)).Text(c.Title),
					ui.Span().Class("index-summary").Text(" — "+c.Summary),
				)
			}),
		),
		ui.P().Body(ui.A().Class("button").Href("/").Text("Go to the concept map")),
	)
}

package app

import (
	"net/url"
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

// OnInit reads, in the browser, what the address asked for before the
// first render, as the server did for its page.
func (p *NotFoundPage) OnInit() {
	if ui.IsClient {
		p.asked = askedFor(ui.Window().URL())
	}
}

func (p *NotFoundPage) OnNav(ctx ui.Context) {
	before := p.asked
	p.arrive(ctx)
	keepRenderIfUnchanged(ctx, before, p.asked)
}

// askedFor is the last segment of u's path, as the reader typed it.
func askedFor(u *url.URL) string {
	return strings.TrimSpace(path.Base(u.Path))
}

func (p *NotFoundPage) arrive(ctx ui.Context) {
	p.asked = askedFor(ctx.Page().URL())
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

package app

import (
	"net/url"
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/search"
)

// SearchPage lists every result for ?q=. It is what the search form submits
// to, so search works without JavaScript too; offline, the service worker
// serves this page and the app fills in the results.
type SearchPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	query   string
	results []search.Result
}

func (p *SearchPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

// OnInit finds, in the browser, the results for the address's query before
// the first render, as the server did for its page.
func (p *SearchPage) OnInit() {
	if ui.IsClient {
		p.search(ui.Window().URL())
	}
}

func (p *SearchPage) OnNav(ctx ui.Context) {
	before := p.query
	p.arrive(ctx)
	keepRenderIfUnchanged(ctx, before, p.query)
}

func (p *SearchPage) arrive(ctx ui.Context) {
	p.search(ctx.Page().URL())
	p.Site.showPage(ctx, "Search", "Search the concepts, caveats, history and sources of Oversight Explorer.", headingID)
}

// search finds the results for the address's ?q=, unless they are found
// already: OnNav reads the address that OnInit read for the first render.
func (p *SearchPage) search(u *url.URL) {
	query := u.Query().Get("q")
	if query == p.query && p.results != nil {
		return
	}
	p.query = query
	p.results = p.Site.searchIndex().Find(p.query, searchPageLimit)
}

func (p *SearchPage) Render() ui.UI {
	var summary string
	switch {
	case p.query == "":
		summary = "Type a word in the search box to find concepts, caveats, events and sources."
	case len(p.results) == 0:
		summary = "Nothing matches “" + p.query + "”. Try a shorter word, or browse the map."
	default:
		summary = itoaResults(len(p.results)) + " for “" + p.query + "”."
	}
	return pageFrame(p.Site, "search-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Search"),
			ui.P().Class("lead").Role("status").Text(summary),
			ui.Ol().Class("cards").Body(ui.Range(p.results).Slice(func(i int) ui.UI {
				r := p.results[i]
				return ui.Li().Class("card").Body(
					ui.H2().Body(ui.A().Href(r.Path).Text(r.Title)),
					ui.P().Class("result-kind").Text(r.Kind),
					ui.P().Text(r.Summary),
				)
			})),
		),
	)
}

func itoaResults(n int) string {
	if n == 1 {
		return "1 result"
	}
	return strconv.Itoa(n) + " results"
}

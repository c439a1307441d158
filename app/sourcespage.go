package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// SourcesPage is the bibliography. Every citation in the app links to an
// entry here, which says how far it was verified and what cites it.
type SourcesPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// target is the entry named by the URL's fragment, highlighted on arrival.
	target string
}

func (p *SourcesPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

// OnInit reads, in the browser, the entry the address's fragment names
// before the first render: the server never sees a fragment.
func (p *SourcesPage) OnInit() {
	if ui.IsClient {
		p.target = ui.Window().URL().Fragment
	}
}

func (p *SourcesPage) OnNav(ctx ui.Context) {
	before := p.target
	p.arrive(ctx)
	keepRenderIfUnchanged(ctx, before, p.target)
}

func (p *SourcesPage) arrive(ctx ui.Context) {
	p.target = ctx.Page().URL().Fragment
	focusID := headingID
	if _, ok := p.Site.Knowledge.Source(p.target); ok {
		focusID = p.target
	}
	p.Site.showPage(ctx, "Sources", "The bibliography behind every claim in Oversight Explorer, with how far each entry was verified.", focusID)
}

func (p *SourcesPage) Render() ui.UI {
	sources := p.Site.Knowledge.Sources()
	return pageFrame(p.Site, "sources-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Sources"),
			ui.P().Class("lead").Text("Every concept, caveat and event cites at least one of these. Entries whose details could not all be confirmed say so, and say what is unconfirmed."),
			ui.Ol().Class("bibliography").Body(
				ui.Range(sources).Slice(func(i int) ui.UI {
					return p.entry(sources[i])
				}),
			),
		),
	)
}

func (p *SourcesPage) entry(s *kb.Source) ui.UI {
	class := []string{"source", "card"}
	if s.ID == p.target {
		class = append(class, "is-target")
	}
	title := ui.Span().Class("source-title").Text(s.Title)
	if s.URL != "" {
		title = ui.Span().Class("source-title").Body(ui.A().Href(s.URL).Rel("noopener noreferrer").Target("_blank").Text(s.Title))
	}
	return ui.Li().ID(s.ID).Class(class...).TabIndex(-1).Body(
		ui.P().Body(
			title,
			ui.Br(),
			ui.Span().Class("source-meta").Text(s.Authors+" · "+s.Venue+" · "+readableDate(s.Date)),
		),
		ui.If(s.Status == kb.StatusVerified, func() ui.UI {
			return ui.Span().Class("status-badge", "status-verified").Text("Verified")
		}).Else(func() ui.UI {
			return statusBadge(s)
		}),
		ui.If(s.Note != "", func() ui.UI { return ui.Raw(s.Note) }),
		ui.P().Class("cited-by").Body(ui.Text("Cited by: "), p.Site.citersOf(s.ID)),
	)
}

// citersOf links every item that cites the source.
func (s *Site) citersOf(sourceID string) ui.UI {
	type citer struct{ title, path string }
	var citers []citer
	add := func(e kb.Entry, path string) {
		for _, id := range e.Sources {
			if id == sourceID {
				citers = append(citers, citer{e.Title, path})
				return
			}
		}
	}
	for _, c := range s.Knowledge.Concepts() {
		add(c.Entry, kb.ConceptPath(c.ID))
	}
	for _, c := range s.Knowledge.Caveats() {
		add(c.Entry, kb.CaveatPath(c.ID))
	}
	for _, e := range s.Knowledge.Events() {
		add(e.Entry, kb.EventPath(e.ID))
	}
	for _, r := range s.Knowledge.Readings() {
		add(r.Entry, kb.ReadingPath(r.ID))
	}
	for _, pg := range s.Knowledge.Pages() {
		add(pg.Entry, ProsePath(pg.ID))
	}
	var out []ui.UI
	for i, c := range citers {
		if i > 0 {
			out = append(out, ui.Text(", "))
		}
		out = append(out, ui.A().Href(c.path).Text(c.title))
	}
	return ui.Span().Body(out...)
}

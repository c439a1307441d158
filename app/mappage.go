package app

import (
	"net/url"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// MapPage is the home page: the concept map of superalignment with its
// legend, and the same concepts as a plain list by kind.
type MapPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// focus is the concept named by ?focus=, highlighted on arrival.
	focus string
	// caveatLens marks the concepts that caveats qualify (?lens=caveats).
	caveatLens bool
	// asText shows the map's text twin instead of the drawing (?view=text).
	asText bool
	// hidden are the kinds filtered out of the map (?hide=problem,idea).
	hidden []kb.Kind
	// hops is the focus mode: only the focused concept's neighbourhood.
	hops int
}

// mapTextPath is the map as a text outline.
const mapTextPath = "/?view=text"

// caveatLensPath is the map with the caveat lens on.
const caveatLensPath = "/?lens=caveats"

func (p *MapPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

// OnInit reads, in the browser, the view the address asks for before the
// first render, as the server did for its page: read only in OnNav, the
// first render drew the plain map in place of a lens or a filter, and then
// drew the page again.
func (p *MapPage) OnInit() {
	if ui.IsClient {
		p.readAddress(ui.Window().URL())
	}
}

func (p *MapPage) OnNav(ctx ui.Context) {
	before := p.view()
	p.arrive(ctx)
	keepRenderIfUnchanged(ctx, before, p.view())
}

// mapPageView is what arrive reads from the address, as one comparable
// value.
type mapPageView struct {
	focus              string
	caveatLens, asText bool
	hidden             string
	hops               int
}

func (p *MapPage) view() mapPageView {
	var hidden strings.Builder
	for _, k := range p.hidden {
		hidden.WriteString(string(k) + ",")
	}
	return mapPageView{p.focus, p.caveatLens, p.asText, hidden.String(), p.hops}
}

func (p *MapPage) arrive(ctx ui.Context) {
	focusID := p.readAddress(ctx.Page().URL())
	p.Site.showPage(ctx, SiteName, "An interactive map of superalignment: the research directions for overseeing AI systems that may outgrow their overseers.", focusID)
}

// readAddress reads the map's view from the address's query, and says
// which element takes the focus on arrival.
func (p *MapPage) readAddress(u *url.URL) (focusID string) {
	p.focus = ""
	query := u.Query()
	p.caveatLens = query.Get("lens") == "caveats"
	p.asText = query.Get("view") == "text"
	p.hidden = nil
	for _, name := range strings.Split(query.Get("hide"), ",") {
		for _, k := range kb.Kinds {
			if name == string(k) {
				p.hidden = append(p.hidden, k)
			}
		}
	}
	p.hops = 0
	if h := query.Get("hops"); h == "1" || h == "2" {
		p.hops = int(h[0] - '0')
	}
	focusID = headingID
	if id := query.Get("focus"); id != "" {
		if _, ok := p.Site.Knowledge.Concept(id); ok {
			p.focus = id
			focusID = nodeElementID(id)
		}
	}
	return focusID
}

func (p *MapPage) Render() ui.UI {
	if p.asText {
		return p.renderText()
	}
	return pageFrame(p.Site, "map-page",
		ui.Div().Class("map-layout").Body(
			ui.Div().Class("map-intro").Body(
				ui.H1().ID(headingID).TabIndex(-1).Text("The superalignment map"),
				ui.P().Class("lead").Text("Superalignment asks how people can oversee AI systems that may become more capable than the people overseeing them. The map shows the five research directions around it, the methods each one uses, and the problems they try to solve."),
				ui.P().Class("hint").Text("Select a concept to read about it. Hover over it, or Tab to the map and walk it with the arrow keys, to highlight what it is linked to."),
				ui.P().Class("view-toggle").Body(ui.A().Href(mapTextPath).Text("Read the map as text")),
				p.lensToggle(),
				&VisitedNote{Site: p.Site},
			),
			ui.Div().Class("map-pane").On("keydown", p.onKey).Body(
				ui.A().Class("skip-link", "skip-map").Href(mapTextPath).Text("Skip the drawing: read the map as text"),
				p.focusMode(),
				&ConceptMap{Site: p.Site, Focus: p.focus, CaveatLens: p.caveatLens, HiddenKinds: p.hidden, Hops: p.hops},
			),
			ui.P().Class("map-pane-hint").Text("Drag the map sideways to see all of it."),
			&Legend{CaveatLens: p.caveatLens, Hidden: p.hidden, KindToggles: p.kindToggles()},
		),
		p.conceptIndex(),
	)
}

// mapURL is the map's address for a state: the focused concept, the lens,
// hidden kinds and focus mode all live in the URL, so every view works
// before the WebAssembly starts, survives a reload and can be shared.
func mapURL(focus string, lens bool, hidden []kb.Kind, hops int) string {
	q := url.Values{}
	if focus != "" {
		q.Set("focus", focus)
	}
	if lens {
		q.Set("lens", "caveats")
	}
	if len(hidden) > 0 {
		names := make([]string, len(hidden))
		for i, k := range hidden {
			names[i] = string(k)
		}
		q.Set("hide", strings.Join(names, ","))
	}
	if hops > 0 && focus != "" {
		q.Set("hops", strconv.Itoa(hops))
	}
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
}

// kindToggles gives, for each kind, the map with that kind shown or hidden
// the other way round: the legend's entries are the filter.
func (p *MapPage) kindToggles() map[kb.Kind]string {
	toggles := make(map[kb.Kind]string)
	for _, k := range kb.Kinds {
		var next []kb.Kind
		found := false
		for _, h := range p.hidden {
			if h == k {
				found = true
				continue
			}
			next = append(next, h)
		}
		if !found {
			next = append(next, k)
		}
		toggles[k] = mapURL(p.focus, p.caveatLens, next, p.hops)
	}
	return toggles
}

// focusMode offers, once a concept is focused, to show only its
// neighbourhood, one or two links deep, or the whole map again.
func (p *MapPage) focusMode() ui.UI {
	if p.focus == "" {
		return nil
	}
	option := func(hops int, label string) ui.UI {
		a := ui.A().Class("chip").Href(mapURL(p.focus, p.caveatLens, p.hidden, hops)).Text(label)
		if hops == p.hops {
			a = a.Aria("current", "true")
		}
		return a
	}
	return ui.Nav().Class("focus-mode").Aria("label", "Focus mode").Body(
		ui.Span().Text("Around "+p.Site.titleOf(p.focus)+": "),
		option(1, "its neighbours"),
		option(2, "two steps out"),
		option(0, "the whole map"),
	)
}

// onKey: Escape leaves the focus mode.
func (p *MapPage) onKey(ctx ui.Context, e ui.Event) {
	if e.Get("key").String() == "Escape" && p.hops > 0 {
		ctx.Navigate(mapURL(p.focus, p.caveatLens, p.hidden, 0))
	}
}

// renderText is the map's text twin, for readers who prefer or need it.
func (p *MapPage) renderText() ui.UI {
	return pageFrame(p.Site, "map-page map-text",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("The superalignment map, as text"),
			ui.P().Class("lead").Text("Every concept of the map, grouped by kind, with every relation it has. Each relation reads from one concept to the other, along the arrow on the map."),
			ui.P().Class("view-toggle").Body(ui.A().Href("/").Text("Show the map as a drawing")),
			&MapOutline{Site: p.Site},
		),
	)
}

// lensToggle turns the caveat lens on or off. It is a link, so it works
// before the WebAssembly starts and gives the lens its own address.
func (p *MapPage) lensToggle() ui.UI {
	qualified := 0
	for _, c := range p.Site.Knowledge.Concepts() {
		if len(p.Site.Knowledge.CaveatsOf(c.ID)) > 0 {
			qualified++
		}
	}
	if p.caveatLens {
		return ui.P().Class("lens").Body(
			ui.A().Class("button", "toggle", "is-on").Href(mapURL(p.focus, false, p.hidden, p.hops)).Text("Caveat lens: on"),
			ui.Span().Class("lens-note").Text(" Marked: the "+strconv.Itoa(qualified)+" concepts that a caveat qualifies. "),
			ui.A().Href(CaveatsPath).Text("Read the caveats"),
		)
	}
	return ui.P().Class("lens").Body(
		ui.A().Class("button", "toggle").Href(mapURL(p.focus, true, p.hidden, p.hops)).Text("Caveat lens: off"),
		ui.Span().Class("lens-note").Text(" Turn it on to mark what the field’s caveats qualify."),
	)
}

// conceptIndex lists every concept by kind: a text route through the map
// for anyone who prefers or needs one.
func (p *MapPage) conceptIndex() ui.UI {
	return ui.Section().Class("concept-index").Aria("labelledby", "index-heading").Body(
		ui.H2().ID("index-heading").Text("All concepts"),
		ui.Div().Class("index-columns").Body(
			ui.Range(kb.Kinds).Slice(func(i int) ui.UI {
				kind := kb.Kinds[i]
				var items []ui.UI
				for _, c := range p.Site.Knowledge.Concepts() {
					if c.Kind == kind {
						items = append(items, ui.Li().Body(
							ui.A().Href(kb.ConceptPath(c.ID)).Text(c.Title),
							ui.Span().Class("index-summary").Text(" — "+c.Summary),
						))
					}
				}
				return ui.Div().Class("index-group").Body(
					ui.H3().Text(kind.Label()),
					ui.Ul().Body(items...),
				)
			}),
		),
	)
}

package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// Legend explains the map's visual language: one swatch per kind of node
// and one line sample per relation, drawn with the map's own classes.
type Legend struct {
	ui.Compo

	// CaveatLens adds the caveat mark to the legend while the lens is on.
	CaveatLens bool

	// KindToggles, when set, make each kind's entry a switch: the address
	// of the map with that kind shown or hidden the other way round.
	KindToggles map[kb.Kind]string
	// Hidden are the kinds currently filtered out.
	Hidden []kb.Kind
}

func (l *Legend) Render() ui.UI {
	return ui.Section().Class("legend").Aria("labelledby", "legend-heading").Body(
		ui.H2().ID("legend-heading").Text("Legend"),
		ui.If(l.KindToggles == nil, func() ui.UI { return ui.H3().Text("Concepts") }).
			Else(func() ui.UI { return ui.H3().Text("Concepts (select to show or hide)") }),
		ui.Ul().Class("legend-list").Body(
			ui.Range(kb.Kinds).Slice(func(i int) ui.UI {
				kind := kb.Kinds[i]
				entry := []ui.UI{
					swatch(svg("rect").Class("kind-"+string(kind)).
						Attr("x", "2").Attr("y", "3").Attr("width", "36").Attr("height", "18").Attr("rx", "5")),
					ui.Span().Text(kind.Label()),
				}
				href, ok := l.KindToggles[kind]
				if !ok {
					return ui.Li().Body(entry...)
				}
				shown := !l.hides(kind)
				return ui.Li().Body(ui.A().Class("kind-toggle").Href(href).Role("button").
					Aria("pressed", strconv.FormatBool(shown)).
					Title("Show or hide this kind of concept on the map").Body(entry...))
			}),
		),
		ui.H3().Text("Relations (read along the arrow)"),
		ui.P().Class("legend-note").Text("At rest the map draws how each method serves its research direction, and each direction the core; the open problems and key ideas wait in the band below. Hover over a concept, focus it or filter the map to draw its other relations."),
		ui.Ul().Class("legend-list").Body(
			ui.Range(kb.Relations).Slice(func(i int) ui.UI {
				rel := kb.Relations[i]
				line := svg("line").Class("edge", "rel-"+string(rel)).
					Attr("x1", "2").Attr("y1", "12").Attr("x2", "34").Attr("y2", "12")
				if directed(rel) {
					line = line.Attr("marker-end", "url(#arrow-"+string(rel)+")")
				}
				return ui.Li().Body(swatch(line), ui.Span().Text(rel.Phrase()))
			}),
		),
		ui.Ul().Class("legend-list").Body(
			ui.Li().Body(swatch(visitedMark(20, 12, 10)), ui.Span().Text("opened on this device")),
			ui.If(l.CaveatLens, func() ui.UI {
				return ui.Li().Body(swatch(caveatMark(20, 12, 10)), ui.Span().Text("qualified by a caveat"))
			}),
		),
	)
}

func (l *Legend) hides(k kb.Kind) bool {
	for _, h := range l.Hidden {
		if h == k {
			return true
		}
	}
	return false
}

// swatch is a small decorative SVG sample for a legend entry.
func swatch(shape ui.UI) ui.UI {
	return svg("svg").Class("swatch").
		Attr("viewBox", "0 0 40 24").Attr("width", "40").Attr("height", "24").
		Aria("hidden", true).Body(shape)
}

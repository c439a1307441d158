package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// MapPart draws a few items of one layer of a ConceptMap: nodes, edges or
// edge labels. The map is drawn in parts so that, as the app first draws
// it, the browser gets its thread back between them: go-app's engine
// yields between the components it mounts, and one render of the whole
// map held a phone's main thread for about 280 ms (issue 21).
type MapPart struct {
	ui.Compo

	// Map is the map the part belongs to, whose state it draws.
	Map *ConceptMap
	// Layer is what the part draws.
	Layer MapLayer
	// From and To are the part's items of the layer: the map's concepts
	// for nodes, its links for edges and labels.
	From, To int
	// Pass is the render of the map that the part belongs to: each render
	// of the map draws every part again, as one render drew every node.
	Pass int
}

// MapLayer is a layer of the map's drawing, in drawing order.
type MapLayer int

const (
	// EdgeLayer is the links, under everything else.
	EdgeLayer MapLayer = iota
	// NodeLayer is the concepts, each a link to its page.
	NodeLayer
	// LabelLayer is the names of the links' relations, on top.
	LabelLayer
)

// mapPartSize is how many items of a layer a part draws: about 10 ms of a
// phone's main thread (a CPU 4× slower than the machine it was measured on).
const mapPartSize = 8

func (p *MapPart) Render() ui.UI {
	m, drawn := p.Map, p.Map.drawn
	var items []ui.UI
	for i := p.From; i < p.To; i++ {
		switch p.Layer {
		case EdgeLayer:
			if l := m.Site.Knowledge.Links()[i]; drawn.visible[l.From] && drawn.visible[l.To] {
				items = append(items, m.edge(l, drawn.highlight))
			}
		case NodeLayer:
			if c := m.Site.Knowledge.Concepts()[i]; drawn.visible[c.ID] {
				items = append(items, m.node(c, drawn.highlight))
			}
		case LabelLayer:
			if l := m.Site.Knowledge.Links()[i]; drawn.visible[l.From] && drawn.visible[l.To] {
				items = append(items, m.edgeLabel(l, drawn.highlight))
			}
		}
	}
	return svg("g").Body(items...)
}

// mapParts splits a layer of n items into parts.
func (m *ConceptMap) mapParts(layer MapLayer, n int) []ui.UI {
	var parts []ui.UI
	for from := 0; from < n; from += mapPartSize {
		parts = append(parts, &MapPart{Map: m, Layer: layer, From: from, To: min(from+mapPartSize, n), Pass: m.pass})
	}
	return parts
}

package app

import (
	"fmt"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg makes an SVG element: go-app creates it in the SVG namespace only when
// every element carries it.
func svg(tag string) ui.HTMLElem { return ui.Elem(tag).XMLNS(svgNS) }

// nodeElementID is the DOM id of a concept's node on the map.
func nodeElementID(id string) string { return "node-" + id }

// ConceptMap draws the knowledge base as an SVG map. Every node is a real
// link to its concept page, so the map works before the WebAssembly starts
// and with JavaScript off. Hovering or focusing a node highlights it, its
// neighbours and the edges between them.
type ConceptMap struct {
	ui.Compo

	// Focus is the id of a concept to keep highlighted, such as the one the
	// reader has just come back from.
	Focus string

	// CaveatLens marks every concept that a caveat qualifies.
	CaveatLens bool

	// hovered is the node under the pointer or keyboard focus, if any.
	hovered string
}

// active is the node whose neighbourhood is highlighted.
func (m *ConceptMap) active() string {
	if m.hovered != "" {
		return m.hovered
	}
	return m.Focus
}

func (m *ConceptMap) Render() ui.UI {
	active := m.active()
	var neighbours map[string]bool
	if active != "" {
		neighbours = knowledge.Neighbours(active)
	}
	boxes := make(map[string]box)
	for _, c := range knowledge.Concepts() {
		boxes[c.ID] = nodeBox(c)
	}
	class := "concept-map"
	if active != "" {
		class += " has-active"
	}
	return svg("svg").
		Class(class).
		Attr("viewBox", fmt.Sprintf("0 0 %d %d", kb.MapWidth, kb.MapHeight)).
		Attr("role", "group").
		Aria("labelledby", headingID).
		On("click", m.onClick).
		On("mouseover", m.onPointerOver).
		On("mouseleave", m.onLeave).
		On("focusin", m.onPointerOver).
		On("focusout", m.onLeave).
		Body(
			m.arrowMarkers(),
			svg("g").Class("edges").Body(
				ui.Range(knowledge.Links()).Slice(func(i int) ui.UI {
					return m.edge(knowledge.Links()[i], boxes, active)
				}),
			),
			svg("g").Class("nodes").Body(
				ui.Range(knowledge.Concepts()).Slice(func(i int) ui.UI {
					c := knowledge.Concepts()[i]
					return m.node(c, boxes[c.ID], active, neighbours)
				}),
			),
			m.edgeLabels(boxes, active),
		)
}

// arrowMarkers defines one arrowhead per relation, coloured by CSS.
func (m *ConceptMap) arrowMarkers() ui.UI {
	return svg("defs").Body(
		ui.Range(kb.Relations).Slice(func(i int) ui.UI {
			rel := kb.Relations[i]
			return svg("marker").
				ID("arrow-"+string(rel)).
				Class("arrow rel-"+string(rel)).
				Attr("viewBox", "0 0 10 10").
				Attr("refX", "9").Attr("refY", "5").
				Attr("markerWidth", "7").Attr("markerHeight", "7").
				Attr("orient", "auto-start-reverse").
				Body(svg("path").Attr("d", "M0,0 L10,5 L0,10 z"))
		}),
	)
}

// directed says whether a relation reads one way; symmetric ones (overlaps,
// complements) are drawn without an arrowhead.
func directed(r kb.Relation) bool {
	return r != kb.RelOverlaps && r != kb.RelComplements
}

func (m *ConceptMap) edge(l kb.Link, boxes map[string]box, active string) ui.UI {
	from, to := edgeEnds(boxes[l.From], boxes[l.To])
	class := []string{"edge", "rel-" + string(l.Relation)}
	switch {
	case active == "":
	case l.From == active || l.To == active:
		class = append(class, "is-active")
	default:
		class = append(class, "is-dimmed")
	}
	line := svg("line").
		Class(class...).
		Attr("x1", coord(from.X)).Attr("y1", coord(from.Y)).
		Attr("x2", coord(to.X)).Attr("y2", coord(to.Y)).
		DataSet("from", l.From).DataSet("to", l.To)
	if directed(l.Relation) {
		line = line.Attr("marker-end", "url(#arrow-"+string(l.Relation)+")")
	}
	return line.Body(svg("title").Text(relationSentence(l) + ". " + l.Note))
}

// edgeLabels names the relation of each highlighted edge at its midpoint,
// so the highlighted neighbourhood reads as sentences.
func (m *ConceptMap) edgeLabels(boxes map[string]box, active string) ui.UI {
	var labels []ui.UI
	if active != "" {
		for _, l := range knowledge.LinksOf(active) {
			from, to := edgeEnds(boxes[l.From], boxes[l.To])
			labels = append(labels, svg("text").
				Class("edge-label").
				Attr("x", coord((from.X+to.X)/2)).
				Attr("y", coord((from.Y+to.Y)/2)).
				Attr("text-anchor", "middle").
				Attr("dominant-baseline", "middle").
				Text(l.Relation.Phrase()))
		}
	}
	return svg("g").Class("edge-labels").Aria("hidden", true).Body(labels...)
}

func (m *ConceptMap) node(c *kb.Concept, b box, active string, neighbours map[string]bool) ui.UI {
	class := []string{"node", "kind-" + string(c.Kind)}
	switch {
	case active == "":
	case c.ID == active:
		class = append(class, "is-active")
	case neighbours[c.ID]:
		class = append(class, "is-neighbour")
	default:
		class = append(class, "is-dimmed")
	}
	label := c.Title + " (" + strings.ToLower(c.Kind.Label()) + ")"
	var mark ui.UI
	if caveats := len(knowledge.CaveatsOf(c.ID)); m.CaveatLens && caveats > 0 {
		class = append(class, "has-caveat")
		label += ", qualified by " + strconv.Itoa(caveats) + " " + plural(caveats, "caveat", "caveats")
		mark = caveatMark(b.right()-4, b.top()+2, 13)
	}
	firstBaseline := b.centre.Y - float64(len(b.lines)-1)*b.fontSize*lineHeight/2
	return svg("a").
		ID(nodeElementID(c.ID)).
		Class(class...).
		Attr("href", ConceptPath(c.ID)).
		DataSet("id", c.ID).
		Aria("label", label).
		Body(
			svg("rect").
				Attr("x", coord(b.left())).Attr("y", coord(b.top())).
				Attr("width", coord(b.width)).Attr("height", coord(b.height)).
				Attr("rx", coord(cornerRound)),
			svg("text").
				Attr("x", coord(b.centre.X)).
				Attr("y", coord(firstBaseline)).
				Attr("font-size", coord(b.fontSize)).
				Attr("text-anchor", "middle").
				Attr("dominant-baseline", "central").
				Aria("hidden", true).
				Body(ui.Range(b.lines).Slice(func(i int) ui.UI {
					tspan := svg("tspan").Attr("x", coord(b.centre.X)).Text(b.lines[i])
					if i > 0 {
						tspan = tspan.Attr("dy", coord(b.fontSize*lineHeight))
					}
					return tspan
				})),
			mark,
		)
}

// caveatMark is the caveat lens's badge, drawn on a node's top-right corner
// and in the legend: a warning sign, so the mark does not rely on colour.
func caveatMark(cx, cy, r float64) ui.UI {
	return svg("g").Class("caveat-mark").Aria("hidden", true).Body(
		svg("circle").Attr("cx", coord(cx)).Attr("cy", coord(cy)).Attr("r", coord(r)),
		svg("text").Attr("x", coord(cx)).Attr("y", coord(cy)).
			Attr("text-anchor", "middle").Attr("dominant-baseline", "central").Text("!"),
	)
}

func coord(v float64) string { return fmt.Sprintf("%.1f", v) }

// onClick routes clicks on SVG links in-app. go-app's own link handling
// looks for an "A" tag name, but SVG links report "a", so without this every
// click on the map would reload the whole page.
func (m *ConceptMap) onClick(ctx ui.Context, e ui.Event) {
	if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("shiftKey").Bool() || e.Get("button").Int() != 0 {
		return
	}
	link := e.Get("target").Call("closest", "a")
	if !link.Truthy() {
		return
	}
	e.PreventDefault()
	ctx.Navigate(link.Call("getAttribute", "href").String())
}

func (m *ConceptMap) onPointerOver(ctx ui.Context, e ui.Event) {
	node := e.Get("target").Call("closest", "[data-id]")
	if !node.Truthy() {
		// The pointer is on the map's background: nothing is hovered.
		m.setHovered(ctx, "")
		return
	}
	m.setHovered(ctx, node.Call("getAttribute", "data-id").String())
}

func (m *ConceptMap) onLeave(ctx ui.Context, e ui.Event) {
	// Moving between two nodes fires focusout then focusin; only clear when
	// focus leaves the map altogether.
	if next := e.Get("relatedTarget"); next.Truthy() && next.Call("closest", "[data-id]").Truthy() {
		return
	}
	m.setHovered(ctx, "")
}

func (m *ConceptMap) setHovered(ctx ui.Context, id string) {
	if m.hovered == id {
		ctx.PreventUpdate()
		return
	}
	m.hovered = id
}

// relationSentence reads a link as words: "Debate is a method of Scalable
// oversight".
func relationSentence(l kb.Link) string {
	return titleOf(l.From) + " " + l.Relation.Phrase() + " " + titleOf(l.To)
}

func titleOf(id string) string {
	if c, ok := knowledge.Concept(id); ok {
		return c.Title
	}
	return id
}

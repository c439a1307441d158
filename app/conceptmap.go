package app

import (
	"maps"
	"math"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
	"oversight/localdata"
	"oversight/mapgeom"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg makes an SVG element: go-app creates it in the SVG namespace only when
// every element carries it.
func svg(tag string) ui.HTMLElem { return ui.Elem(tag).XMLNS(svgNS) }

// nodeElementID is the DOM id of a concept's node on the map.
func nodeElementID(id string) string { return "node-" + id }

// ConceptMap draws the knowledge base as an SVG map, where the server's
// layout placed every node and routed every edge (maplayout). Every node is
// a real link to its concept page, so the map works before the WebAssembly
// starts and with JavaScript off. At rest it draws only the links of its
// structure (mapgeom.AtRest); hovering or focusing a node highlights it,
// its neighbours and every edge between them.
type ConceptMap struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// Focus is the id of a concept to keep highlighted, such as the one the
	// reader has just come back from.
	Focus string

	// CaveatLens marks every concept that a caveat qualifies.
	CaveatLens bool

	// Spotlight frames these concepts and dims the rest, as a tour step
	// does. Hovering or focusing a node still shows its neighbourhood.
	Spotlight []string

	// HiddenKinds are kinds of concept filtered out of the map.
	HiddenKinds []kb.Kind

	// Hops, with Focus, shows only the concepts within that many links of
	// the focused one (focus mode); 0 shows the whole map.
	Hops int

	// hovered is the node under the pointer or keyboard focus, if any.
	hovered string
	// visited are the concepts opened on this device, marked on the map;
	// none when prerendered.
	visited map[string]bool

	// view is the part of the map shown; zero means the whole map.
	view mapgeom.Viewport
	// pointers are the touches or mouse buttons down on the map, by id,
	// for dragging and pinching.
	pointers map[int]kb.Point
	// dragged is set when the pointer moved enough to be a drag, so the
	// click that ends it does not open a node.
	dragged   bool
	listeners []mapListener
	// svgEl is the element the listeners are on, kept to remove them.
	svgEl ui.Value
	// painted is each element's class (and the map's view) as last written
	// to the page, by element id, so that painting writes only changes.
	painted map[string]string
	// pass counts the map's renders, and drawn is what the last one
	// showed: its parts (MapPart) draw from it.
	pass  int
	drawn drawnMap
}

// drawnMap is what a render of the map shows.
type drawnMap struct {
	highlight highlight
	visible   map[string]bool
}

// mapListener is a DOM listener the map adds itself: wheel and pointer
// events must be handled synchronously to prevent the page from scrolling,
// which go-app's asynchronous handlers cannot do.
type mapListener struct {
	event string
	fn    ui.Func
}

// fit is the view of the whole map.
func (m *ConceptMap) fit() mapgeom.Viewport { return mapgeom.FitOf(m.Site.Knowledge.Map()) }

// shown is the current view: the reader's zoom if any, else the frame.
func (m *ConceptMap) shown() mapgeom.Viewport {
	if m.view.W == 0 {
		return m.frame()
	}
	return m.view
}

// frame is the view the map opens on: the whole map, or in focus mode the
// neighbourhood, zoomed in as far as it can be while all of it shows.
func (m *ConceptMap) frame() mapgeom.Viewport {
	if m.Hops == 0 || m.Focus == "" {
		return m.fit()
	}
	var boxes []mapgeom.Box
	for id := range m.visibleConcepts() {
		c, _ := m.Site.Knowledge.Concept(id)
		boxes = append(boxes, mapgeom.NodeBox(c))
	}
	return mapgeom.Framing(boxes, m.fit())
}

// OnUpdate: a new focus, focus mode, filter or spotlight frames the map
// afresh rather than keeping a zoom chosen for what was shown before.
func (m *ConceptMap) OnUpdate(ctx ui.Context) { m.view = mapgeom.Viewport{} }

// active is the node whose neighbourhood is highlighted.
func (m *ConceptMap) active() string {
	if m.hovered != "" {
		return m.hovered
	}
	return m.Focus
}

func (m *ConceptMap) Render() ui.UI {
	m.painted = make(map[string]string)
	m.pass++
	m.drawn = drawnMap{highlight: m.highlight(), visible: m.visibleConcepts()}
	return ui.Div().Class("map-frame").Body(
		m.zoomControls(),
		m.drawing(),
	)
}

// highlight is what the map shows highlighted: the hovered or focused
// concept and its neighbours, or else a tour step's spotlight. While
// anything is highlighted the map has the class has-active, and the style
// sheet dims every node and edge that is not, so that a change of highlight
// touches only the elements that gain or lose it.
type highlight struct {
	active     string
	neighbours map[string]bool
	spotlight  []string
}

func (m *ConceptMap) highlight() highlight {
	h := highlight{active: m.active(), spotlight: m.Spotlight}
	if h.active != "" {
		h.neighbours = m.Site.Knowledge.Neighbours(h.active)
	}
	return h
}

func (h highlight) spotlit(id string) bool {
	for _, s := range h.spotlight {
		if s == id {
			return true
		}
	}
	return false
}

// Element ids of the parts of the map that painting updates.
func edgeElementID(l kb.Link) string  { return "edge-" + l.From + "--" + l.To }
func labelElementID(l kb.Link) string { return "label-" + l.From + "--" + l.To }

// mapClass is the class of the map's <svg>. A filter or the focus mode
// draws every link between the concepts it leaves (shows-every-link); the
// whole map draws only those of its structure.
func (m *ConceptMap) mapClass(h highlight) string {
	class := "concept-map"
	if h.active != "" || len(h.spotlight) > 0 {
		class += " has-active"
	}
	if m.Hops > 0 && m.Focus != "" || len(m.HiddenKinds) > 0 {
		class += " shows-every-link"
	}
	if m.shown().Zoom(m.fit()) > 1 {
		class += " is-zoomed"
	}
	return class
}

// nodeClass is the class of a concept's node.
func (m *ConceptMap) nodeClass(c *kb.Concept, h highlight) string {
	class := []string{"node", "kind-" + string(c.Kind)}
	switch {
	case h.active == "" && h.spotlit(c.ID):
		class = append(class, "is-spotlit")
	case h.active == "":
	case c.ID == h.active:
		class = append(class, "is-active")
	case h.neighbours[c.ID]:
		class = append(class, "is-neighbour")
	}
	if m.CaveatLens && len(m.Site.Knowledge.CaveatsOf(c.ID)) > 0 {
		class = append(class, "has-caveat")
	}
	if m.visited[c.ID] {
		class = append(class, "is-visited")
	}
	return strings.Join(class, " ")
}

// edgeClass is the class of a link's path: at-rest for the links the map
// draws while nothing is highlighted.
func (m *ConceptMap) edgeClass(l kb.Link, h highlight) string {
	class := "edge rel-" + string(l.Relation)
	if mapgeom.AtRest(m.Site.Knowledge, l) {
		class += " at-rest"
	}
	if h.active == "" && h.spotlit(l.From) && h.spotlit(l.To) || h.active != "" && (l.From == h.active || l.To == h.active) {
		class += " is-active"
	}
	return class
}

// labelClass is the class of a link's relation label: shown only while
// the link is part of the highlighted neighbourhood.
func labelClass(l kb.Link, h highlight) string {
	if h.active != "" && (l.From == h.active || l.To == h.active) {
		return "edge-label is-active"
	}
	return "edge-label"
}

// rendered notes a class that Render writes, so painting knows the page.
func (m *ConceptMap) rendered(elementID, class string) string {
	m.painted[elementID] = class
	return class
}

// paint brings the page in line with the map's state without rendering
// it again. Hovering, focusing, zooming and panning happen many times a
// second, and a render diffs every node, edge and label of the map, which
// costs hundreds of milliseconds on a large map; painting sets only the
// attributes that change. It writes exactly what Render would, so the
// next render finds the page as it expects.
func (m *ConceptMap) paint() {
	if m.svgEl == nil || m.painted == nil {
		return
	}
	h := m.highlight()
	m.paintAttr(m.svgEl, "svg.class", "class", m.mapClass(h))
	m.paintAttr(m.svgEl, "svg.viewBox", "viewBox", m.shown().String())
	visible := m.visibleConcepts()
	for _, c := range m.Site.Knowledge.Concepts() {
		if visible[c.ID] {
			m.paintClass(nodeElementID(c.ID), m.nodeClass(c, h))
		}
	}
	for _, l := range m.Site.Knowledge.Links() {
		if visible[l.From] && visible[l.To] {
			m.paintClass(edgeElementID(l), m.edgeClass(l, h))
			m.paintClass(labelElementID(l), labelClass(l, h))
		}
	}
}

// paintClass sets the class of the element with the given id, unless it
// has it already.
func (m *ConceptMap) paintClass(elementID, class string) {
	if m.painted[elementID] == class {
		return
	}
	if el := ui.Window().GetElementByID(elementID); el.Truthy() {
		m.painted[elementID] = class
		el.Call("setAttribute", "class", class)
	}
}

func (m *ConceptMap) paintAttr(el ui.Value, key, attr, value string) {
	if m.painted[key] == value {
		return
	}
	m.painted[key] = value
	el.Call("setAttribute", attr, value)
}

// zoomControls are the on-screen buttons for zoom, for mouse, touch and
// keyboard users alike.
func (m *ConceptMap) zoomControls() ui.UI {
	return ui.Div().Class("zoom-controls").Role("group").Aria("label", "Zoom the map").Body(
		ui.Button().Type("button").Class("zoom-button").Aria("label", "Zoom in").Title("Zoom in (+)").Text("+").
			OnClick(func(ctx ui.Context, e ui.Event) { m.setView(ctx, m.zoomedBy(1.5)) }),
		ui.Button().Type("button").Class("zoom-button").Aria("label", "Zoom out").Title("Zoom out (−)").Text("−").
			OnClick(func(ctx ui.Context, e ui.Event) { m.setView(ctx, m.zoomedBy(1/1.5)) }),
		ui.Button().Type("button").Class("zoom-button", "zoom-fit").Title("Fit to the screen (0)").Text("Fit").
			OnClick(func(ctx ui.Context, e ui.Event) { m.setView(ctx, mapgeom.Viewport{}) }),
	)
}

// zoomedBy is the view zoomed around its centre.
func (m *ConceptMap) zoomedBy(factor float64) mapgeom.Viewport {
	v := m.shown()
	return v.Zoomed(factor, v.X+v.W/2, v.Y+v.H/2, m.fit())
}

// setView shows another part of the map, painted rather than rendered.
func (m *ConceptMap) setView(ctx ui.Context, v mapgeom.Viewport) {
	m.view = v
	m.paint()
	ctx.PreventUpdate()
}

func (m *ConceptMap) drawing() ui.UI {
	fit := m.fit()
	k := m.Site.Knowledge
	return svg("svg").
		Class(m.rendered("svg.class", m.mapClass(m.drawn.highlight))).
		Attr("viewBox", m.rendered("svg.viewBox", m.shown().String())).
		// Where the style sheet lets the map take its own size (a phone),
		// it is as large as the smallest label needs to be read.
		Attr("width", mapgeom.Coord(fit.W*mapgeom.ReadableScale)).
		Attr("height", mapgeom.Coord(fit.H*mapgeom.ReadableScale)).
		Attr("role", "group").
		Aria("labelledby", headingID).
		On("click", m.onClick).
		On("keydown", m.onKey).
		Body(
			m.arrowMarkers(),
			bandFrame(k.Map().Band),
			svg("g").Class("edges").Body(m.mapParts(EdgeLayer, len(k.Links()))...),
			svg("g").Class("nodes").Body(m.mapParts(NodeLayer, len(k.Concepts()))...),
			// Edge labels name the relation of each edge where the layout
			// put them; only the highlighted edges' labels show, so the
			// neighbourhood reads as sentences. All are drawn, so that
			// highlighting only changes classes.
			svg("g").Class("edge-labels").Aria("hidden", true).Body(m.mapParts(LabelLayer, len(k.Links()))...),
		)
}

// OnInit reads the concepts opened on this device before the first render
// in the browser, so that the visited marks come with the map: read only
// in OnMount, they reached the nodes' classes through paint a frame before
// a render drew the marks themselves.
func (m *ConceptMap) OnInit() {
	if ui.IsClient {
		m.visited = m.Site.device.visitedBeforeMount()
	}
}

func (m *ConceptMap) OnMount(ctx ui.Context) {
	svgEl := m.JSValue().Call("querySelector", "svg")
	m.svgEl = svgEl
	listen := func(event string, handle func(ui.Event)) {
		fn := ui.FuncOf(func(this ui.Value, args []ui.Value) any {
			handle(ui.Event{Value: args[0]})
			return nil
		})
		svgEl.Call("addEventListener", event, fn, map[string]any{"passive": false})
		m.listeners = append(m.listeners, mapListener{event, fn})
	}
	ctx.Defer(func(ui.Context) { m.centreInPane(svgEl) })
	// OnInit read the same record for the first render: the map is drawn
	// again only if another tab has opened a concept since.
	m.readVisited(ctx)
	ctx.Handle(localDataChanged, func(ctx ui.Context, a ui.Action) {
		if a.Value != localdata.VisitedRecord.Key() {
			ctx.PreventUpdate()
			return
		}
		m.readVisited(ctx)
	})
	listen("mouseover", m.onPointerOver)
	listen("focusin", m.onPointerOver)
	listen("mouseleave", m.onLeave)
	listen("focusout", m.onLeave)
	listen("wheel", func(e ui.Event) {
		e.PreventDefault()
		factor := 1.2
		if e.Get("deltaY").Float() > 0 {
			factor = 1 / factor
		}
		p := m.mapPoint(svgEl, e)
		m.view = m.shown().Zoomed(factor, p.X, p.Y, m.fit())
		m.paint()
	})
	listen("pointerdown", func(e ui.Event) {
		if m.pointers == nil {
			m.pointers = make(map[int]kb.Point)
		}
		m.pointers[e.Get("pointerId").Int()] = clientPoint(e)
		m.dragged = false
	})
	listen("pointermove", func(e ui.Event) { m.onPointerMove(svgEl, e) })
	for _, end := range []string{"pointerup", "pointercancel", "pointerleave"} {
		listen(end, func(e ui.Event) { delete(m.pointers, e.Get("pointerId").Int()) })
	}
}

// readVisited reads the concepts opened on this device, and draws the map
// again only if they changed.
func (m *ConceptMap) readVisited(ctx ui.Context) {
	visited := m.Site.device.visitedConcepts(ctx)
	if maps.Equal(visited, m.visited) {
		ctx.PreventUpdate()
	}
	m.visited = visited
}

// centreInPane scrolls a map that is wider than its pane, as on a phone,
// so that it opens on the focused concept, or else the core one, rather
// than on its left edge.
func (m *ConceptMap) centreInPane(svgEl ui.Value) {
	pane := svgEl.Call("closest", ".map-pane")
	if !pane.Truthy() || pane.Get("scrollWidth").Int() <= pane.Get("clientWidth").Int() {
		return
	}
	id := m.Focus
	if id == "" {
		id = m.Site.coreConcept()
	}
	node := ui.Window().GetElementByID(nodeElementID(id))
	if !node.Truthy() {
		return
	}
	offset := boundsOf(node).centre().X - boundsOf(pane).centre().X
	pane.Set("scrollLeft", pane.Get("scrollLeft").Float()+offset)
}

// coreConcept is the concept the whole map is about.
func (s *Site) coreConcept() string {
	for _, c := range s.Knowledge.Concepts() {
		if c.Kind == kb.KindCore {
			return c.ID
		}
	}
	return ""
}

func (m *ConceptMap) OnDismount() {
	for _, l := range m.listeners {
		m.svgEl.Call("removeEventListener", l.event, l.fn)
		l.fn.Release()
	}
	m.listeners = nil
}

// dragThreshold is how far, in screen pixels, a pointer must move before
// a press becomes a drag rather than a click.
const dragThreshold = 5

// onPointerMove pans with one pointer and pinch-zooms with two.
func (m *ConceptMap) onPointerMove(svgEl ui.Value, e ui.Event) {
	id := e.Get("pointerId").Int()
	last, down := m.pointers[id]
	if !down {
		return
	}
	now := clientPoint(e)
	unitsPerPixel := m.shown().W / svgEl.Call("getBoundingClientRect").Get("width").Float()
	switch len(m.pointers) {
	case 1:
		dx, dy := now.X-last.X, now.Y-last.Y
		if !m.dragged && math.Hypot(dx, dy) < dragThreshold {
			return
		}
		m.dragged = true
		m.pointers[id] = now
		m.view = m.shown().Panned(-dx*unitsPerPixel, -dy*unitsPerPixel, m.fit())
		m.paint()
	case 2:
		e.PreventDefault()
		var other kb.Point
		for pid, p := range m.pointers {
			if pid != id {
				other = p
			}
		}
		before := math.Hypot(last.X-other.X, last.Y-other.Y)
		after := math.Hypot(now.X-other.X, now.Y-other.Y)
		m.pointers[id] = now
		m.dragged = true
		if before == 0 {
			return
		}
		mid := m.mapPoint(svgEl, ui.Event{Value: ui.ValueOf(map[string]any{
			"clientX": (now.X + other.X) / 2, "clientY": (now.Y + other.Y) / 2,
		})})
		m.view = m.shown().Zoomed(after/before, mid.X, mid.Y, m.fit())
		m.paint()
	}
}

func clientPoint(e ui.Event) kb.Point {
	return kb.Point{X: e.Get("clientX").Float(), Y: e.Get("clientY").Float()}
}

// mapPoint converts an event's screen position to map coordinates.
func (m *ConceptMap) mapPoint(svgEl ui.Value, e ui.Event) kb.Point {
	pt := svgEl.Call("createSVGPoint")
	pt.Set("x", e.Get("clientX"))
	pt.Set("y", e.Get("clientY"))
	local := pt.Call("matrixTransform", svgEl.Call("getScreenCTM").Call("inverse"))
	return kb.Point{X: local.Get("x").Float(), Y: local.Get("y").Float()}
}

// visibleConcepts is the set of concepts the filters and the focus mode
// leave on the map.
func (m *ConceptMap) visibleConcepts() map[string]bool {
	var near map[string]bool
	if m.Hops > 0 && m.Focus != "" {
		near = m.Site.Knowledge.Within(m.Focus, m.Hops)
	}
	visible := make(map[string]bool)
	for _, c := range m.Site.Knowledge.Concepts() {
		if near != nil && !near[c.ID] {
			continue
		}
		hidden := false
		for _, k := range m.HiddenKinds {
			hidden = hidden || c.Kind == k
		}
		if !hidden || c.ID == m.Focus {
			visible[c.ID] = true
		}
	}
	return visible
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
				// The tip ends where the route does, just outside the node.
				Attr("refX", "10").Attr("refY", "5").
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

// edge draws a link along the route the layout gave it, around every node
// it does not join.
func (m *ConceptMap) edge(l kb.Link, h highlight) ui.UI {
	path := svg("path").
		ID(edgeElementID(l)).
		Class(m.rendered(edgeElementID(l), m.edgeClass(l, h))).
		Attr("d", l.Path).
		DataSet("from", l.From).DataSet("to", l.To)
	if directed(l.Relation) {
		path = path.Attr("marker-end", "url(#arrow-"+string(l.Relation)+")")
	}
	return path.Body(svg("title").Text(m.Site.relationSentence(l) + ". " + l.Note))
}

// bandFrame draws the band that holds the problems and ideas, named, behind
// everything else.
func bandFrame(band kb.Rect) ui.UI {
	if band.W == 0 {
		return nil
	}
	return svg("g").Class("map-band").Aria("hidden", true).Body(
		svg("rect").
			Attr("x", mapgeom.Coord(band.X)).Attr("y", mapgeom.Coord(band.Y)).
			Attr("width", mapgeom.Coord(band.W)).Attr("height", mapgeom.Coord(band.H)).
			Attr("rx", mapgeom.Coord(mapgeom.CornerRound)),
		svg("text").Class("map-band-label").
			Attr("x", mapgeom.Coord(band.X+mapgeom.CornerRound)).
			Attr("y", mapgeom.Coord(band.Y+mapgeom.SmallestFontSize)).
			Attr("font-size", mapgeom.Coord(mapgeom.SmallestFontSize)).
			Text(mapgeom.BandLabel),
	)
}

// edgeLabel names the relation of an edge.
func (m *ConceptMap) edgeLabel(l kb.Link, h highlight) ui.UI {
	return svg("text").
		ID(labelElementID(l)).
		Class(m.rendered(labelElementID(l), labelClass(l, h))).
		Attr("x", mapgeom.Coord(l.LabelAt.X)).
		Attr("y", mapgeom.Coord(l.LabelAt.Y)).
		Attr("font-size", mapgeom.Coord(mapgeom.SmallestFontSize)).
		Attr("text-anchor", "middle").
		Attr("dominant-baseline", "middle").
		Text(l.Relation.Phrase())
}

func (m *ConceptMap) node(c *kb.Concept, h highlight) ui.UI {
	b := mapgeom.NodeBox(c)
	label := c.Title + " (" + strings.ToLower(c.Kind.Label()) + ")"
	var mark, seen ui.UI
	if caveats := len(m.Site.Knowledge.CaveatsOf(c.ID)); m.CaveatLens && caveats > 0 {
		label += ", qualified by " + strconv.Itoa(caveats) + " " + plural(caveats, "caveat", "caveats")
		mark = caveatMark(b.Right()-4, b.Top()+2, 13)
	}
	if m.visited[c.ID] {
		label += ", opened before"
		seen = visitedMark(b.Left()+4, b.Bottom()-2, 11)
	}
	firstBaseline := b.Centre.Y - float64(len(b.Lines)-1)*b.FontSize*mapgeom.LineHeight/2
	return svg("a").
		ID(nodeElementID(c.ID)).
		Class(m.rendered(nodeElementID(c.ID), m.nodeClass(c, h))).
		Attr("href", kb.ConceptPath(c.ID)).
		DataSet("id", c.ID).
		Aria("label", label).
		Body(
			hitArea(b),
			svg("rect").
				Attr("x", mapgeom.Coord(b.Left())).Attr("y", mapgeom.Coord(b.Top())).
				Attr("width", mapgeom.Coord(b.Width)).Attr("height", mapgeom.Coord(b.Height)).
				Attr("rx", mapgeom.Coord(mapgeom.CornerRound)),
			svg("text").
				Attr("x", mapgeom.Coord(b.Centre.X)).
				Attr("y", mapgeom.Coord(firstBaseline)).
				Attr("font-size", mapgeom.Coord(b.FontSize)).
				Attr("text-anchor", "middle").
				Attr("dominant-baseline", "central").
				Aria("hidden", true).
				Body(ui.Range(b.Lines).Slice(func(i int) ui.UI {
					// The trailing space does not render, but keeps the
					// lines apart as words in the node's text.
					line := b.Lines[i]
					if i < len(b.Lines)-1 && !strings.HasSuffix(line, "-") {
						line += " "
					}
					tspan := svg("tspan").Attr("x", mapgeom.Coord(b.Centre.X)).Text(line)
					if i > 0 {
						tspan = tspan.Attr("dy", mapgeom.Coord(b.FontSize*mapgeom.LineHeight))
					}
					return tspan
				})),
			mark,
			seen,
		)
}

// visitedMark is drawn on the bottom-left corner of a node the reader has
// opened, and in the legend: a tick, so the mark does not rely on colour.
func visitedMark(cx, cy, r float64) ui.UI {
	return svg("g").Class("visited-mark").Aria("hidden", true).Body(
		svg("circle").Attr("cx", mapgeom.Coord(cx)).Attr("cy", mapgeom.Coord(cy)).Attr("r", mapgeom.Coord(r)),
		svg("path").Attr("d", "M"+mapgeom.Coord(cx-r*0.45)+","+mapgeom.Coord(cy)+" l"+mapgeom.Coord(r*0.3)+","+mapgeom.Coord(r*0.35)+" l"+mapgeom.Coord(r*0.6)+","+mapgeom.Coord(-r*0.7)),
	)
}

// minHitSize is the least width and height, in map units, that a node
// answers a touch or click in: at least 44 CSS pixels at the phone
// layout's scale, mapgeom.ReadableScale, with a pixel to spare for the
// rounding of the map's size.
const minHitSize = 45 / mapgeom.ReadableScale

// hitArea is an invisible rectangle around a node's box, as large as
// minHitSize, so that a small node is still an easy target for a finger.
func hitArea(b mapgeom.Box) ui.UI {
	w, h := math.Max(b.Width, minHitSize), math.Max(b.Height, minHitSize)
	return svg("rect").Class("hit-area").
		Attr("x", mapgeom.Coord(b.Centre.X-w/2)).Attr("y", mapgeom.Coord(b.Centre.Y-h/2)).
		Attr("width", mapgeom.Coord(w)).Attr("height", mapgeom.Coord(h))
}

// caveatMark is the caveat lens's badge, drawn on a node's top-right corner
// and in the legend: a warning sign, so the mark does not rely on colour.
func caveatMark(cx, cy, r float64) ui.UI {
	return svg("g").Class("caveat-mark").Aria("hidden", true).Body(
		svg("circle").Attr("cx", mapgeom.Coord(cx)).Attr("cy", mapgeom.Coord(cy)).Attr("r", mapgeom.Coord(r)),
		svg("text").Attr("x", mapgeom.Coord(cx)).Attr("y", mapgeom.Coord(cy)).
			Attr("text-anchor", "middle").Attr("dominant-baseline", "central").Text("!"),
	)
}

// onClick routes clicks on SVG links in-app. go-app's own link handling
// looks for an "A" tag name, but SVG links report "a", so without this every
// click on the map would reload the whole page.
func (m *ConceptMap) onClick(ctx ui.Context, e ui.Event) {
	if m.dragged {
		e.PreventDefault()
		m.dragged = false
		return
	}
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

// onKey walks the map from the keyboard: an arrow key moves focus to the
// linked node in that direction; Escape lets go of the highlight; +, − and
// 0 zoom.
func (m *ConceptMap) onKey(ctx ui.Context, e ui.Event) {
	ctx.PreventUpdate()
	node := e.Get("target").Call("closest", "[data-id]")
	if !node.Truthy() {
		return
	}
	switch key := e.Get("key").String(); key {
	case "Escape":
		node.Call("blur")
		m.hover("")
	case "+", "=":
		m.setView(ctx, m.zoomedBy(1.5))
	case "-", "_":
		m.setView(ctx, m.zoomedBy(1/1.5))
	case "0":
		m.setView(ctx, mapgeom.Viewport{})
	default:
		next := mapgeom.NextInDirection(m.Site.Knowledge, node.Call("getAttribute", "data-id").String(), key)
		if next == "" {
			return
		}
		e.PreventDefault()
		if el := ui.Window().GetElementByID(nodeElementID(next)); el.Truthy() {
			el.Call("focus")
		}
	}
}

// onPointerOver highlights the neighbourhood of the node under the pointer
// or the keyboard focus.
func (m *ConceptMap) onPointerOver(e ui.Event) {
	node := e.Get("target").Call("closest", "[data-id]")
	if !node.Truthy() {
		// The pointer is on the map's background: nothing is hovered.
		m.hover("")
		return
	}
	id := node.Call("getAttribute", "data-id").String()
	if e.Get("type").String() == "focusin" {
		m.keepInView(id)
	}
	m.hover(id)
}

// keepInView pans a zoomed map so that a node reached from the keyboard is
// on screen.
func (m *ConceptMap) keepInView(id string) {
	c, ok := m.Site.Knowledge.Concept(id)
	v := m.shown()
	if !ok || v.Zoom(m.fit()) == 1 {
		return
	}
	p := c.Position
	if p.X < v.X || p.X > v.X+v.W || p.Y < v.Y || p.Y > v.Y+v.H {
		m.view = v.Panned(p.X-(v.X+v.W/2), p.Y-(v.Y+v.H/2), m.fit())
	}
}

func (m *ConceptMap) onLeave(e ui.Event) {
	// Moving between two nodes fires focusout then focusin; only clear when
	// focus leaves the map altogether.
	if next := e.Get("relatedTarget"); next.Truthy() && next.Call("closest", "[data-id]").Truthy() {
		return
	}
	m.hover("")
}

// hover highlights a node's neighbourhood, or none for "".
func (m *ConceptMap) hover(id string) {
	m.hovered = id
	m.paint()
}

// relationSentence reads a link as words: "Debate is a method of Scalable
// oversight".
func (s *Site) relationSentence(l kb.Link) string {
	return s.titleOf(l.From) + " " + l.Relation.Phrase() + " " + s.titleOf(l.To)
}

func (s *Site) titleOf(id string) string {
	if c, ok := s.Knowledge.Concept(id); ok {
		return c.Title
	}
	return id
}

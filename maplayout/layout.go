// Package maplayout lays out the concept map with Graphviz, on the server:
// wherever the knowledge base is loaded (the server, the static export, the
// checker), after loading and before anything is drawn. The positions and
// routes it computes travel to the browser in the knowledge snapshot, so the
// browser lays nothing out and its WebAssembly does not carry Graphviz.
//
// The map has two parts. Above, the research: the core concept, each
// research direction around it, and each direction's methods and tools
// around that, placed by Graphviz's neato from the links drawn at rest
// (mapgeom.AtRest). Below, a band of the problems and ideas, ordered to sit
// under the concepts they are linked to. Then every link, drawn at rest or
// not, is routed by Graphviz's spline router around every node.
package maplayout

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"oversight/kb"
	"oversight/mapgeom"
)

// The layout's spacing, in map units.
const (
	// edgeGap is how far outside a node's box its links end, so that an
	// arrowhead's tip shows in full beside the node's border.
	edgeGap = 4
	// nodeSep is the least room neato leaves between two grown nodes,
	// and routeSep the room the router keeps between a route and any
	// node it passes (Graphviz's sep and esep; esep must be the smaller).
	nodeSep  = 10
	routeSep = 3
	// bandGap separates the research part from the band; the band's
	// nodes sit bandPad inside its frame, below a caption bandCaption high.
	bandGap     = 16
	bandPad     = 8
	bandCaption = 24
	// Nodes in the band stand bandColumnGap apart in a row and
	// bandRowGap between rows.
	bandColumnGap = 22
	bandRowGap    = mapgeom.MinGap
	// frameMargin is the room around everything the map draws.
	frameMargin = 8
)

// Lay lays out the map of a loaded knowledge base and returns it with every
// concept's position (a pinned one keeps its own), every link's route and
// label point, and the map's frame. The same content gives the same layout
// byte for byte. When Graphviz fails, the error names the concepts it was
// laying out; it never returns an empty map.
func Lay(k *kb.KB) (*kb.KB, error) {
	return lay(context.Background(), k, runGraphviz)
}

// plan is a layout under way: every concept's box, placed as it goes.
type plan struct {
	k        *kb.KB
	concepts []*kb.Concept
	boxes    []mapgeom.Box
	index    map[string]int
}

func lay(ctx context.Context, k *kb.KB, run engine) (*kb.KB, error) {
	if len(k.Concepts()) == 0 {
		return nil, fmt.Errorf("there is no concept to draw a map of")
	}
	p := &plan{k: k, concepts: k.Concepts(), index: make(map[string]int)}
	for i, c := range p.concepts {
		p.index[c.ID] = i
		p.boxes = append(p.boxes, mapgeom.NodeBox(c))
	}
	if err := p.placeResearchCompactly(ctx, run); err != nil {
		return nil, p.failed(err)
	}
	band := p.placeBand()
	routes, err := p.route(ctx, run)
	if err != nil {
		return nil, p.failed(err)
	}
	labels := p.placeLabels(routes)
	return p.result(routes, labels, band), nil
}

// failed names the content Graphviz was laying out when it failed: the
// concepts' folder, and every pinned concept, the likeliest cause.
func (p *plan) failed(err error) error {
	var pins []string
	for _, c := range p.concepts {
		if c.Pinned {
			pins = append(pins, c.File+":"+strconv.Itoa(c.PositionLine))
		}
	}
	where := fmt.Sprintf("the %d concepts in %s", len(p.concepts), conceptsFolder(p.k))
	if len(pins) > 0 {
		where += " (pinned at " + strings.Join(pins, ", ") + ")"
	}
	return fmt.Errorf("laying out the map of %s: %w", where, err)
}

// inResearch says whether a concept is placed by neato: every concept but
// the problems and ideas, which the band holds, unless pinned.
func (p *plan) inResearch(c *kb.Concept) bool { return c.Pinned || !mapgeom.InBand(c.Kind) }

func nodeName(i int) string { return "n" + strconv.Itoa(i) }

// writeNode writes a node grown by edgeGap, pinned where it stands if pin.
func (p *plan) writeNode(b *strings.Builder, i int, pin bool) {
	box := p.boxes[i]
	fmt.Fprintf(b, "  %s [width=%s, height=%s", nodeName(i), gvInches(box.Width+2*edgeGap), gvInches(box.Height+2*edgeGap))
	if pin {
		fmt.Fprintf(b, `, pos="%s"`, gvPos(box.Centre))
	}
	b.WriteString("];\n")
}

// neatoStarts are the seeds of neato's first placement that the layout
// tries. The map each gives differs much in how compact it can be drawn:
// on the real map in December 2026, from 0.34 to 0.64 CSS pixels per map
// unit in LaptopPane. Each try takes a few milliseconds.
const neatoStarts = 8

// placeResearchCompactly places the research part from each of
// neatoStarts seeds, compacts each, and keeps the one that reads largest
// in LaptopPane (the first of equals, so the same content gives the same
// map).
func (p *plan) placeResearchCompactly(ctx context.Context, run engine) error {
	var best []mapgeom.Box
	bestScale := 0.0
	for start := 1; start <= neatoStarts; start++ {
		if err := p.placeResearch(ctx, run, start); err != nil {
			return err
		}
		if scale := p.compact(); best == nil || scale > bestScale {
			best, bestScale = append([]mapgeom.Box(nil), p.boxes...), scale
		}
	}
	p.boxes = best
	return nil
}

// placeResearch places the core, the directions and their methods and
// tools with neato, from the links drawn at rest between them. Measured
// against dot, fdp, sfdp and twopi on the real map (README), neato keeps
// each direction's methods around it with the fewest crossings, in the
// proportions of a screen.
func (p *plan) placeResearch(ctx context.Context, run engine, start int) error {
	var dot strings.Builder
	fmt.Fprintf(&dot, "graph research {\n  graph [overlap=false, sep=\"+%d\", splines=false, notranslate=true, start=%d];\n  node [shape=box, fixedsize=true, label=\"\"];\n", nodeSep, start)
	placed := 0
	for i, c := range p.concepts {
		if p.inResearch(c) {
			if c.Pinned {
				p.boxes[i].Centre = c.Position
			}
			p.writeNode(&dot, i, c.Pinned)
			placed++
		}
	}
	if placed == 0 {
		return nil
	}
	for _, e := range p.researchEdges() {
		fmt.Fprintf(&dot, "  %s -- %s;\n", nodeName(e[0]), nodeName(e[1]))
	}
	dot.WriteString("}\n")
	data, err := run(ctx, dot.String(), "neato")
	if err != nil {
		return err
	}
	out, err := readLaidOut(data)
	if err != nil {
		return err
	}
	return p.readPositions(out, func(c *kb.Concept) bool { return p.inResearch(c) && !c.Pinned })
}

// researchEdges are the pairs of research concepts neato keeps close: the
// links drawn at rest between them. A concept with none of those would
// drift to the map's edge, so it keeps close to the research concepts it
// has any link with, or else to the core.
func (p *plan) researchEdges() [][2]int {
	var edges [][2]int
	tethered := make(map[int]bool)
	for _, l := range p.k.Links() {
		from, to := p.index[l.From], p.index[l.To]
		if mapgeom.AtRest(p.k, l) && p.inResearch(p.concepts[from]) && p.inResearch(p.concepts[to]) {
			edges = append(edges, [2]int{from, to})
			tethered[from], tethered[to] = true, true
		}
	}
	for i, c := range p.concepts {
		if !p.inResearch(c) || tethered[i] || c.Kind == kb.KindCore {
			continue
		}
		kin := p.researchKin(i)
		if len(kin) == 0 {
			kin = p.cores()
		}
		for _, j := range kin {
			edges = append(edges, [2]int{i, j})
		}
	}
	return edges
}

// researchKin are the research concepts linked to concept i, whatever the
// relation.
func (p *plan) researchKin(i int) []int {
	var kin []int
	for _, l := range p.k.LinksOf(p.concepts[i].ID) {
		other := p.index[l.To]
		if other == i {
			other = p.index[l.From]
		}
		if p.inResearch(p.concepts[other]) {
			kin = append(kin, other)
		}
	}
	return kin
}

func (p *plan) cores() []int {
	var cores []int
	for i, c := range p.concepts {
		if c.Kind == kb.KindCore {
			cores = append(cores, i)
		}
	}
	return cores
}

// readPositions takes the positions Graphviz gave the concepts that want
// one, and names any concept left without.
func (p *plan) readPositions(out laidOut, wants func(*kb.Concept) bool) error {
	got := make(map[int]bool)
	for _, o := range out.Objects {
		i, err := strconv.Atoi(strings.TrimPrefix(o.Name, "n"))
		if err != nil || i < 0 || i >= len(p.concepts) || !wants(p.concepts[i]) {
			continue
		}
		pos, err := gvPoint(o.Pos)
		if err != nil {
			return fmt.Errorf("%s: %w", p.concepts[i].File, err)
		}
		p.boxes[i].Centre = pos
		got[i] = true
	}
	for i, c := range p.concepts {
		if wants(c) && !got[i] {
			return fmt.Errorf("graphviz gave no position to %s", c.File)
		}
	}
	return nil
}

// researchBounds is the box around the nodes placed so far, or false if
// there are none.
func (p *plan) researchBounds() (left, top, right, bottom float64, ok bool) {
	left, top, right, bottom = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, c := range p.concepts {
		if p.inResearch(c) {
			b := p.boxes[i]
			left, top = math.Min(left, b.Left()), math.Min(top, b.Top())
			right, bottom = math.Max(right, b.Right()), math.Max(bottom, b.Bottom())
			ok = true
		}
	}
	return left, top, right, bottom, ok
}

// placeBand sets the problems and ideas in rows below the research part,
// as wide as it, each under the concepts it is linked to as nearly as the
// order allows (by the mean x of those concepts), and returns the band's
// frame.
func (p *plan) placeBand() kb.Rect {
	members := p.bandMembers()
	if len(members) == 0 {
		return kb.Rect{}
	}
	left, _, right, bottom, ok := p.researchBounds()
	if !ok {
		left, right, bottom = 0, 0, -bandGap
	}
	width := p.bandWidth(members, right-left)
	centre := (left + right) / 2
	under := make(map[int]float64)
	for _, i := range members {
		under[i] = p.meanLinkedX(i, centre)
	}
	sort.SliceStable(members, func(a, b int) bool { return under[members[a]] < under[members[b]] })

	top := bottom + bandGap
	y := top + bandCaption + bandPad
	for n, row := range p.bandRows(members, width) {
		if n > 0 {
			y += bandRowGap
		}
		y = p.placeRow(row, centre, y)
	}
	return kb.Rect{X: centre - width/2 - bandPad, Y: top, W: width + 2*bandPad, H: y + bandPad - top}
}

// placeRow centres a row of nodes on x = centre, its top at y, and returns
// the row's bottom.
func (p *plan) placeRow(row []int, centre, y float64) float64 {
	total, height := 0.0, 0.0
	for _, i := range row {
		total += p.boxes[i].Width
		height = math.Max(height, p.boxes[i].Height)
	}
	total += float64(len(row)-1) * bandColumnGap
	x := centre - total/2
	for _, i := range row {
		b := &p.boxes[i]
		b.Centre = kb.Point{X: x + b.Width/2, Y: y + height/2}
		x += b.Width + bandColumnGap
	}
	return y + height
}

// meanLinkedX is the mean x of the research concepts linked to concept i,
// or fallback when it is linked to none.
func (p *plan) meanLinkedX(i int, fallback float64) float64 {
	sum, n := 0.0, 0
	for _, l := range p.k.LinksOf(p.concepts[i].ID) {
		other := l.To
		if other == p.concepts[i].ID {
			other = l.From
		}
		j := p.index[other]
		if c := p.concepts[j]; p.inResearch(c) && c.Kind != kb.KindCore {
			sum += p.boxes[j].Centre.X
			n++
		}
	}
	if n == 0 {
		return fallback
	}
	return sum / float64(n)
}

// squareWidth is the least width of the band: about as wide as a screen is
// for its height, were it alone.
func (p *plan) squareWidth(members []int) float64 {
	area := 0.0
	for _, i := range members {
		area += (p.boxes[i].Width + bandColumnGap) * (p.boxes[i].Height + bandRowGap)
	}
	return math.Sqrt(area * 1.4)
}

// route has Graphviz's spline router draw every link, with every node
// where it now stands, around all the others. Each route runs from the
// border of its From node to the border of its To node.
func (p *plan) route(ctx context.Context, run engine) ([][]kb.Point, error) {
	var dot strings.Builder
	fmt.Fprintf(&dot, "digraph routes {\n  graph [splines=true, esep=\"+%d\", notranslate=true];\n  node [shape=box, fixedsize=true, label=\"\"];\n", routeSep)
	for i := range p.concepts {
		p.writeNode(&dot, i, true)
	}
	links := p.k.Links()
	for i, l := range links {
		fmt.Fprintf(&dot, "  %s -> %s [id=\"e%d\", dir=none];\n", nodeName(p.index[l.From]), nodeName(p.index[l.To]), i)
	}
	dot.WriteString("}\n")
	data, err := run(ctx, dot.String(), "nop")
	if err != nil {
		return nil, err
	}
	out, err := readLaidOut(data)
	if err != nil {
		return nil, err
	}
	routes := make([][]kb.Point, len(links))
	for _, e := range out.Edges {
		i, err := strconv.Atoi(strings.TrimPrefix(e.ID, "e"))
		if err != nil || i < 0 || i >= len(links) {
			continue
		}
		if routes[i], err = gvSpline(e.Pos); err != nil {
			return nil, fmt.Errorf("%s:%d: the link to %q: %w", fileOf(p.k, links[i].From), links[i].Line, links[i].To, err)
		}
	}
	for i, l := range links {
		if routes[i] == nil {
			return nil, fmt.Errorf("%s:%d: graphviz drew no route for the link to %q", fileOf(p.k, l.From), l.Line, l.To)
		}
	}
	return routes, nil
}

// labelSpots are where along its route, as a fraction of its length, a
// link's relation name may go: the middle if it is free.
var labelSpots = []float64{0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9}

// labelShifts move a relation name off its route, up or down by a line or
// two, when no spot on the route is free.
var labelShifts = []float64{0, -labelLine, labelLine, -2 * labelLine, 2 * labelLine}

// labelLine is the height of a line of a relation's name.
const labelLine = mapgeom.SmallestFontSize * mapgeom.LineHeight

// placeLabels puts each link's relation name on its route where it covers
// no node and no name of a link it shows with (one sharing a concept), or
// where it covers the fewest of them.
func (p *plan) placeLabels(routes [][]kb.Point) []kb.Point {
	links := p.k.Links()
	labels := make([]kb.Point, len(links))
	for i, l := range links {
		line := polyline(routes[i])
		best, fewest := kb.Point{}, math.MaxInt
		for _, shift := range labelShifts {
			for _, spot := range labelSpots {
				l.LabelAt = pointAlong(line, spot)
				l.LabelAt.Y += shift
				if covered := p.labelConflicts(l, links[:i], labels[:i]); covered < fewest {
					best, fewest = l.LabelAt, covered
				}
			}
		}
		labels[i] = best
	}
	return labels
}

// labelConflicts counts what a link's relation name would cover: other
// names shown with it weigh more than nodes, which show through the name's
// halo.
func (p *plan) labelConflicts(l kb.Link, placed []kb.Link, at []kb.Point) int {
	box := mapgeom.LabelBox(l)
	conflicts := 0
	for j, other := range placed {
		other.LabelAt = at[j]
		if sharesEnd(l, other) && box.Overlaps(mapgeom.LabelBox(other), 2) {
			conflicts += 100
		}
	}
	for _, b := range p.boxes {
		if box.Overlaps(b, 2) {
			conflicts++
		}
	}
	return conflicts
}

// result is the knowledge base with the layout written into copies of its
// concepts and links.
func (p *plan) result(routes [][]kb.Point, labels []kb.Point, band kb.Rect) *kb.KB {
	parts := p.k.Parts()
	parts.Concepts = make([]*kb.Concept, len(p.concepts))
	frame := newBounds()
	n := 0
	for i, c := range p.concepts {
		placed := *c
		placed.Position = p.boxes[i].Centre
		frame.addBox(p.boxes[i])
		placed.Links = make([]kb.Link, len(c.Links))
		for j, l := range c.Links {
			l.Path = formatPath(routes[n])
			l.LabelAt = labels[n]
			for _, q := range polyline(routes[n]) {
				frame.add(q)
			}
			frame.addBox(mapgeom.LabelBox(l))
			placed.Links[j] = l
			n++
		}
		parts.Concepts[i] = &placed
	}
	if band.W > 0 {
		frame.addBox(mapgeom.Box{Centre: kb.Point{X: band.X + band.W/2, Y: band.Y + band.H/2}, Width: band.W, Height: band.H})
	}
	parts.Map = kb.Map{Frame: frame.rect(frameMargin), Band: band}
	return kb.New(parts)
}

// bounds grows to hold what the map draws.
type bounds struct{ left, top, right, bottom float64 }

func newBounds() *bounds { return &bounds{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *bounds) add(p kb.Point) {
	b.left, b.top = math.Min(b.left, p.X), math.Min(b.top, p.Y)
	b.right, b.bottom = math.Max(b.right, p.X), math.Max(b.bottom, p.Y)
}

func (b *bounds) addBox(box mapgeom.Box) {
	b.add(kb.Point{X: box.Left(), Y: box.Top()})
	b.add(kb.Point{X: box.Right(), Y: box.Bottom()})
}

// rect is the bounds with a margin, on whole map units.
func (b *bounds) rect(margin float64) kb.Rect {
	left, top := math.Floor(b.left-margin), math.Floor(b.top-margin)
	return kb.Rect{X: left, Y: top, W: math.Ceil(b.right+margin) - left, H: math.Ceil(b.bottom+margin) - top}
}

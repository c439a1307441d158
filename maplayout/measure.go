package maplayout

import (
	"fmt"
	"math"

	"oversight/kb"
	"oversight/mapgeom"
)

// Numbers are what make the map readable or not, measured on what the
// browser draws: the nodes' boxes and the links' routes.
type Numbers struct {
	Concepts, Links int
	// LinksAtRest are the links drawn while nothing is highlighted.
	LinksAtRest int
	// Frame is the map's size, in map units.
	Frame kb.Rect
	// EdgesThroughBoxes counts links whose route passes through the box
	// of a concept they do not join: a reader cannot tell where they go.
	EdgesThroughBoxes int
	// NodeOverlaps counts pairs of nodes closer than mapgeom.MinGap.
	NodeOverlaps int
	// LabelOverlaps counts pairs of relation names shown together (the
	// links of one concept) whose boxes overlap.
	LabelOverlaps int
	// CrossingsAtRest counts pairs of links drawn at rest that cross;
	// Crossings counts them among every link, as if all were drawn.
	CrossingsAtRest, Crossings int
}

// Limits are the numbers a map must keep to: no link through a concept it
// does not join, nothing on top of anything, and few crossings at rest.
type Limits struct {
	CrossingsAtRest int
}

// RealMapLimits are the limits the real knowledge base's map keeps.
var RealMapLimits = Limits{CrossingsAtRest: 15}

func (n Numbers) String() string {
	return fmt.Sprintf("map of %d concepts, %d links (%d drawn at rest), %.0f × %.0f units: "+
		"%d edges through an unrelated concept, %d node overlaps, %d label overlaps, "+
		"%d crossings at rest (%d with every link drawn)",
		n.Concepts, n.Links, n.LinksAtRest, n.Frame.W, n.Frame.H,
		n.EdgesThroughBoxes, n.NodeOverlaps, n.LabelOverlaps, n.CrossingsAtRest, n.Crossings)
}

// Check says how the numbers break the limits, if they do.
func (n Numbers) Check(l Limits) error {
	var broken []string
	if n.EdgesThroughBoxes > 0 {
		broken = append(broken, fmt.Sprintf("%d edges pass through a concept they do not join (want 0)", n.EdgesThroughBoxes))
	}
	if n.NodeOverlaps > 0 {
		broken = append(broken, fmt.Sprintf("%d pairs of nodes overlap (want 0)", n.NodeOverlaps))
	}
	if n.LabelOverlaps > 0 {
		broken = append(broken, fmt.Sprintf("%d pairs of relation names overlap (want 0)", n.LabelOverlaps))
	}
	if n.CrossingsAtRest > l.CrossingsAtRest {
		broken = append(broken, fmt.Sprintf("%d crossings at rest (want at most %d)", n.CrossingsAtRest, l.CrossingsAtRest))
	}
	if len(broken) == 0 {
		return nil
	}
	return fmt.Errorf("the map is hard to read: %v", broken)
}

// drawing is a laid-out map as measured: every node's box and every link's
// route followed as a polyline.
type drawing struct {
	k     *kb.KB
	boxes map[string]mapgeom.Box
	links []kb.Link
	lines [][]kb.Point
	// spans are the bounding boxes of each line's pieces, samplesPerCurve
	// segments each, so that crossings are only looked for where two
	// lines come near.
	spans  [][]span
	atRest []bool
}

// span is the bounding box of a run of a line's segments, from segment
// first to last.
type span struct {
	first, last              int
	left, top, right, bottom float64
}

func spansOf(line []kb.Point) []span {
	var spans []span
	for first := 1; first < len(line); first += samplesPerCurve {
		s := span{first: first, last: min(first+samplesPerCurve-1, len(line)-1),
			left: line[first-1].X, right: line[first-1].X, top: line[first-1].Y, bottom: line[first-1].Y}
		for _, p := range line[first : s.last+1] {
			s.left, s.right = math.Min(s.left, p.X), math.Max(s.right, p.X)
			s.top, s.bottom = math.Min(s.top, p.Y), math.Max(s.bottom, p.Y)
		}
		spans = append(spans, s)
	}
	return spans
}

func (s span) meets(o span) bool {
	return s.left <= o.right && o.left <= s.right && s.top <= o.bottom && o.top <= s.bottom
}

func newDrawing(k *kb.KB) (*drawing, error) {
	d := &drawing{k: k, boxes: make(map[string]mapgeom.Box), links: k.Links()}
	for _, c := range k.Concepts() {
		d.boxes[c.ID] = mapgeom.NodeBox(c)
	}
	for _, l := range d.links {
		route, err := parsePath(l.Path)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: the link to %q has no route: %w", fileOf(k, l.From), l.Line, l.To, err)
		}
		line := polyline(route)
		d.lines = append(d.lines, line)
		d.spans = append(d.spans, spansOf(line))
		d.atRest = append(d.atRest, mapgeom.AtRest(k, l))
	}
	return d, nil
}

func fileOf(k *kb.KB, id string) string {
	if c, ok := k.Concept(id); ok {
		return c.File
	}
	return id
}

// Measure counts what makes the map of a laid-out knowledge base readable.
func Measure(k *kb.KB) (Numbers, error) {
	d, err := newDrawing(k)
	if err != nil {
		return Numbers{}, err
	}
	n := Numbers{Concepts: len(k.Concepts()), Links: len(d.links), Frame: k.Map().Frame}
	for i := range d.links {
		if d.atRest[i] {
			n.LinksAtRest++
		}
		if len(d.boxesCrossed(i)) > 0 {
			n.EdgesThroughBoxes++
		}
	}
	n.NodeOverlaps = len(d.nodeOverlaps())
	for i := range d.links {
		for j := i + 1; j < len(d.links); j++ {
			if sharesEnd(d.links[i], d.links[j]) && mapgeom.LabelBox(d.links[i]).Overlaps(mapgeom.LabelBox(d.links[j]), 0) {
				n.LabelOverlaps++
			}
			if d.cross(i, j) {
				n.Crossings++
				if d.atRest[i] && d.atRest[j] {
					n.CrossingsAtRest++
				}
			}
		}
	}
	return n, nil
}

// boxesCrossed are the concepts other than its own two whose boxes link i's
// route passes through.
func (d *drawing) boxesCrossed(i int) []string {
	l := d.links[i]
	var crossed []string
	for _, c := range d.k.Concepts() {
		if c.ID != l.From && c.ID != l.To && d.entersBox(i, d.boxes[c.ID]) {
			crossed = append(crossed, c.ID)
		}
	}
	return crossed
}

// boxTolerance lets a route graze a box's border, within its stroke, but
// not enter it.
const boxTolerance = 1

// entersBox says whether link i's route passes through the inside of a box.
func (d *drawing) entersBox(i int, b mapgeom.Box) bool {
	inner := grown(b, -boxTolerance)
	area := span{left: inner.Left(), top: inner.Top(), right: inner.Right(), bottom: inner.Bottom()}
	line := d.lines[i]
	for _, s := range d.spans[i] {
		if !s.meets(area) {
			continue
		}
		for j := s.first; j <= s.last; j++ {
			if segmentEntersBox(line[j-1], line[j], inner) {
				return true
			}
		}
	}
	return false
}

// nodeOverlaps are the pairs of concepts whose nodes come closer than
// mapgeom.MinGap.
func (d *drawing) nodeOverlaps() [][2]*kb.Concept {
	var pairs [][2]*kb.Concept
	concepts := d.k.Concepts()
	for i, a := range concepts {
		for _, b := range concepts[i+1:] {
			if d.boxes[a.ID].Overlaps(d.boxes[b.ID], mapgeom.MinGap) {
				pairs = append(pairs, [2]*kb.Concept{a, b})
			}
		}
	}
	return pairs
}

func sharesEnd(a, b kb.Link) bool {
	return a.From == b.From || a.From == b.To || a.To == b.From || a.To == b.To
}

// nearEnd is how close to a node two of its links may meet without
// crossing: where they both leave it.
const nearEnd = 16

// cross says whether the routes of links i and j cross away from any node
// they share.
func (d *drawing) cross(i, j int) bool {
	a, b := d.lines[i], d.lines[j]
	var shared []mapgeom.Box
	for _, id := range []string{d.links[i].From, d.links[i].To} {
		if id == d.links[j].From || id == d.links[j].To {
			shared = append(shared, grown(d.boxes[id], nearEnd))
		}
	}
	for _, sa := range d.spans[i] {
		for _, sb := range d.spans[j] {
			if !sa.meets(sb) {
				continue
			}
			for s := sa.first; s <= sa.last; s++ {
				for t := sb.first; t <= sb.last; t++ {
					p, ok := segmentsCross(a[s-1], a[s], b[t-1], b[t])
					if ok && !insideAny(p, shared) {
						return true
					}
				}
			}
		}
	}
	return false
}

func grown(b mapgeom.Box, by float64) mapgeom.Box {
	b.Width += 2 * by
	b.Height += 2 * by
	return b
}

func insideAny(p kb.Point, boxes []mapgeom.Box) bool {
	for _, b := range boxes {
		if b.Contains(p) {
			return true
		}
	}
	return false
}

// segmentEntersBox clips segment pq to the box (Liang–Barsky) and says
// whether anything is left.
func segmentEntersBox(p, q kb.Point, b mapgeom.Box) bool {
	lo, hi := 0.0, 1.0
	dx, dy := q.X-p.X, q.Y-p.Y
	for _, edge := range [4][2]float64{
		{-dx, p.X - b.Left()}, {dx, b.Right() - p.X},
		{-dy, p.Y - b.Top()}, {dy, b.Bottom() - p.Y},
	} {
		step, room := edge[0], edge[1]
		if step == 0 {
			if room < 0 {
				return false
			}
			continue
		}
		t := room / step
		if step < 0 {
			lo = math.Max(lo, t)
		} else {
			hi = math.Min(hi, t)
		}
		if lo > hi {
			return false
		}
	}
	return true
}

package app

import (
	"fmt"
	"math"
	"strings"

	"oversight/kb"
)

// The map is drawn in the knowledge base's coordinates; the SVG viewBox
// scales it to the screen.

// nodeStyle is how large a kind of node is drawn, in map units.
type nodeStyle struct {
	fontSize float64
	// maxChars is the longest line before the label wraps.
	maxChars int
}

var nodeStyles = map[kb.Kind]nodeStyle{
	kb.KindCore:      {fontSize: 30, maxChars: 16},
	kb.KindDirection: {fontSize: 23, maxChars: 15},
	kb.KindMethod:    {fontSize: 20, maxChars: 16},
	kb.KindProblem:   {fontSize: 20, maxChars: 17},
	kb.KindIdea:      {fontSize: 20, maxChars: 17},
}

const (
	// charWidth is an upper estimate of a glyph's width relative to the
	// font size for the sans-serif stacks we ship, so labels never
	// overflow their box.
	charWidth   = 0.58
	lineHeight  = 1.2
	paddingX    = 14
	paddingY    = 10
	cornerRound = 10
)

// box is a node's rectangle and its wrapped label.
type box struct {
	centre        kb.Point
	width, height float64
	lines         []string
	fontSize      float64
}

func (b box) left() float64   { return b.centre.X - b.width/2 }
func (b box) top() float64    { return b.centre.Y - b.height/2 }
func (b box) right() float64  { return b.centre.X + b.width/2 }
func (b box) bottom() float64 { return b.centre.Y + b.height/2 }

// overlaps reports whether two boxes come closer than gap.
func (b box) overlaps(o box, gap float64) bool {
	return b.left() < o.right()+gap && o.left() < b.right()+gap &&
		b.top() < o.bottom()+gap && o.top() < b.bottom()+gap
}

// nodeBox lays out a concept's node: its label wrapped to lines and the
// rectangle that holds them.
func nodeBox(c *kb.Concept) box {
	style := nodeStyles[c.Kind]
	lines := wrapLabel(c.Title, style.maxChars)
	longest := 0
	for _, l := range lines {
		longest = max(longest, len([]rune(l)))
	}
	return box{
		centre:   c.Position,
		width:    float64(longest)*style.fontSize*charWidth + 2*paddingX,
		height:   float64(len(lines))*style.fontSize*lineHeight + 2*paddingY,
		lines:    lines,
		fontSize: style.fontSize,
	}
}

// wrapLabel breaks a title into lines of at most maxChars where it can, at
// spaces or after hyphens. A single longer word stays whole.
func wrapLabel(title string, maxChars int) []string {
	var words []string
	for _, w := range strings.Fields(title) {
		parts := strings.SplitAfter(w, "-")
		for _, p := range parts {
			if p != "" {
				words = append(words, p)
			}
		}
	}
	var lines []string
	current := ""
	for _, w := range words {
		joiner := " "
		if current == "" || strings.HasSuffix(current, "-") {
			joiner = ""
		}
		if current != "" && len([]rune(current+joiner+w)) > maxChars {
			lines = append(lines, current)
			current, joiner = "", ""
		}
		current += joiner + w
	}
	if current != "" {
		lines = append(lines, current)
	}
	return lines
}

// edgeEnds returns where a straight edge between two boxes leaves the first
// and enters the second: on their borders, so arrowheads stay visible.
func edgeEnds(from, to box) (kb.Point, kb.Point) {
	return borderPoint(from, to.centre), borderPoint(to, from.centre)
}

// borderPoint is where the ray from b's centre towards target crosses b's
// border (with a small gap for the arrowhead's tip).
func borderPoint(b box, target kb.Point) kb.Point {
	const gap = 4
	dx, dy := target.X-b.centre.X, target.Y-b.centre.Y
	if dx == 0 && dy == 0 {
		return b.centre
	}
	halfW, halfH := b.width/2+gap, b.height/2+gap
	scale := math.Min(halfW/math.Abs(dx), halfH/math.Abs(dy))
	return kb.Point{X: b.centre.X + dx*scale, Y: b.centre.Y + dy*scale}
}

// minGap is the least space between two nodes, in map units, so that
// neighbouring labels never touch.
const minGap = 8

// MapFaults reports nodes that overlap or spill off the canvas, at the
// position line of their file, so the checker catches a crowded map before
// a reader sees it.
func MapFaults(k *kb.KB) kb.Faults {
	var faults kb.Faults
	concepts := k.Concepts()
	for i, a := range concepts {
		ba := nodeBox(a)
		if ba.left() < 0 || ba.top() < 0 || ba.right() > kb.MapWidth || ba.bottom() > kb.MapHeight {
			faults = append(faults, kb.Fault{File: a.File, Line: a.PositionLine,
				Message: fmt.Sprintf("the node for %q spills off the map: move it inwards", a.Title)})
		}
		for _, b := range concepts[i+1:] {
			if ba.overlaps(nodeBox(b), minGap) {
				faults = append(faults, kb.Fault{File: a.File, Line: a.PositionLine,
					Message: fmt.Sprintf("the node for %q overlaps %q (%s): move one of them", a.Title, b.Title, b.File)})
			}
		}
	}
	return faults
}

// Arrow keys walk the map: each moves to the linked node that lies most
// nearly in its direction.
var arrowDirections = map[string]kb.Point{
	"ArrowUp": {X: 0, Y: -1}, "ArrowDown": {X: 0, Y: 1},
	"ArrowLeft": {X: -1, Y: 0}, "ArrowRight": {X: 1, Y: 0},
}

// maxArrowAngle is how far off the arrow's direction a neighbour may lie,
// in radians (60°), and still be reached by it.
const maxArrowAngle = math.Pi / 3

// nextInDirection returns the neighbour of from reached by the arrow key,
// or "" when no neighbour lies that way. Among those that do, the one
// closest to the arrow's line wins: distance weighed by how far off-line.
func nextInDirection(k *kb.KB, from, key string) string {
	dir, ok := arrowDirections[key]
	start, known := k.Concept(from)
	if !ok || !known {
		return ""
	}
	best, bestCost := "", math.Inf(1)
	for id := range k.Neighbours(from) {
		c, _ := k.Concept(id)
		dx, dy := c.Position.X-start.Position.X, c.Position.Y-start.Position.Y
		distance := math.Hypot(dx, dy)
		if distance == 0 {
			continue
		}
		angle := math.Acos((dx*dir.X + dy*dir.Y) / distance)
		if angle > maxArrowAngle {
			continue
		}
		cost := distance * (1 + 2*angle)
		if cost < bestCost || (cost == bestCost && id < best) {
			best, bestCost = id, cost
		}
	}
	return best
}

// viewport is the part of the map that the SVG shows: its viewBox.
type viewport struct {
	X, Y, W, H float64
}

// fitView shows the whole map.
var fitView = viewport{W: kb.MapWidth, H: kb.MapHeight}

// maxZoom is how far the reader can zoom in; the least zoom is the whole
// map, so labels are never smaller than when the map fits the screen.
const maxZoom = 4

func (v viewport) String() string {
	return coord(v.X) + " " + coord(v.Y) + " " + coord(v.W) + " " + coord(v.H)
}

// zoomed scales the view by factor (>1 zooms in) keeping the map point at
// (cx, cy) where it is on screen, within the zoom limits and the map.
func (v viewport) zoomed(factor, cx, cy float64) viewport {
	w := math.Min(math.Max(v.W/factor, fitView.W/maxZoom), fitView.W)
	scale := w / v.W
	out := viewport{
		X: cx - (cx-v.X)*scale,
		Y: cy - (cy-v.Y)*scale,
		W: w,
		H: v.H * scale,
	}
	return out.clamped()
}

// panned moves the view by (dx, dy) map units, staying on the map.
func (v viewport) panned(dx, dy float64) viewport {
	v.X += dx
	v.Y += dy
	return v.clamped()
}

func (v viewport) clamped() viewport {
	v.X = math.Min(math.Max(v.X, 0), fitView.W-v.W)
	v.Y = math.Min(math.Max(v.Y, 0), fitView.H-v.H)
	return v
}

func (v viewport) zoom() float64 { return fitView.W / v.W }

// framePadding is the margin, in map units, that a framing view keeps
// around its nodes.
const framePadding = 40

// framing is the smallest view, in the map's proportions, that shows every
// box with a margin: no more zoomed in than maxZoom, and no larger than the
// whole map.
func framing(boxes []box) viewport {
	if len(boxes) == 0 {
		return fitView
	}
	left, top, right, bottom := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range boxes {
		left, top = math.Min(left, b.left()), math.Min(top, b.top())
		right, bottom = math.Max(right, b.right()), math.Max(bottom, b.bottom())
	}
	aspect := fitView.W / fitView.H
	w := math.Max(right-left+2*framePadding, (bottom-top+2*framePadding)*aspect)
	w = math.Max(w, fitView.W/maxZoom)
	if w >= fitView.W {
		return fitView
	}
	h := w / aspect
	return viewport{X: (left+right)/2 - w/2, Y: (top+bottom)/2 - h/2, W: w, H: h}.clamped()
}

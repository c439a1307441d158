package mapgeom

import (
	"math"
	"strconv"

	"oversight/kb"
)

// The map is drawn in the coordinates the server's layout gave it (see
// maplayout); the SVG viewBox, a Viewport, scales them to the screen.

// Arrow keys walk the map: each moves to the linked node that lies most
// nearly in its direction.
var arrowDirections = map[string]kb.Point{
	"ArrowUp": {X: 0, Y: -1}, "ArrowDown": {X: 0, Y: 1},
	"ArrowLeft": {X: -1, Y: 0}, "ArrowRight": {X: 1, Y: 0},
}

// maxArrowAngle is how far off the arrow's direction a neighbour may lie,
// in radians (60°), and still be reached by it.
const maxArrowAngle = math.Pi / 3

// NextInDirection returns the neighbour of from reached by the arrow key,
// or "" when no neighbour lies that way. Among those that do, the one
// closest to the arrow's line wins: distance weighed by how far off-line.
func NextInDirection(k *kb.KB, from, key string) string {
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

// Viewport is the part of the map that the SVG shows: its viewBox.
type Viewport struct {
	X, Y, W, H float64
}

// FitOf is the view of the whole map: its frame.
func FitOf(m kb.Map) Viewport {
	f := m.Frame
	return Viewport{X: f.X, Y: f.Y, W: f.W, H: f.H}
}

// MaxZoom is how far the reader can zoom in; the least zoom is the whole
// map, so labels are never smaller than when the map fits the screen.
const MaxZoom = 4

func (v Viewport) String() string {
	return Coord(v.X) + " " + Coord(v.Y) + " " + Coord(v.W) + " " + Coord(v.H)
}

// Zoomed scales the view by factor (>1 zooms in) keeping the map point at
// (cx, cy) where it is on screen, within the zoom limits and the whole map,
// fit.
func (v Viewport) Zoomed(factor, cx, cy float64, fit Viewport) Viewport {
	w := math.Min(math.Max(v.W/factor, fit.W/MaxZoom), fit.W)
	scale := w / v.W
	out := Viewport{
		X: cx - (cx-v.X)*scale,
		Y: cy - (cy-v.Y)*scale,
		W: w,
		H: v.H * scale,
	}
	return out.Clamped(fit)
}

// Panned moves the view by (dx, dy) map units, staying on the map.
func (v Viewport) Panned(dx, dy float64, fit Viewport) Viewport {
	v.X += dx
	v.Y += dy
	return v.Clamped(fit)
}

func (v Viewport) Clamped(fit Viewport) Viewport {
	v.X = math.Min(math.Max(v.X, fit.X), fit.X+fit.W-v.W)
	v.Y = math.Min(math.Max(v.Y, fit.Y), fit.Y+fit.H-v.H)
	return v
}

// zoom is how far the view is Zoomed in on the whole map, fit.
func (v Viewport) Zoom(fit Viewport) float64 { return fit.W / v.W }

// framePadding is the margin, in map units, that a Framing view keeps
// around its nodes.
const framePadding = 40

// Framing is the smallest view, in the proportions of the whole map fit,
// that shows every box with a margin: no more Zoomed in than MaxZoom, and
// no larger than the whole map.
func Framing(boxes []Box, fit Viewport) Viewport {
	if len(boxes) == 0 {
		return fit
	}
	left, top, right, bottom := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range boxes {
		left, top = math.Min(left, b.Left()), math.Min(top, b.Top())
		right, bottom = math.Max(right, b.Right()), math.Max(bottom, b.Bottom())
	}
	aspect := fit.W / fit.H
	w := math.Max(right-left+2*framePadding, (bottom-top+2*framePadding)*aspect)
	w = math.Max(w, fit.W/MaxZoom)
	if w >= fit.W {
		return fit
	}
	h := w / aspect
	return Viewport{X: (left+right)/2 - w/2, Y: (top+bottom)/2 - h/2, W: w, H: h}.Clamped(fit)
}

// Coord writes a map coordinate as SVG attributes and view boxes carry it:
// a tenth of a unit is finer than any screen shows. The map writes a few
// thousand of them as it first draws; strconv writes what fmt's "%.1f"
// would, without parsing a format each time.
func Coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

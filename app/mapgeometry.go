package app

import (
	"math"

	"oversight/kb"
	"oversight/mapgeom"
)

// The map is drawn in the coordinates the server's layout gave it (see
// maplayout and mapgeom); the SVG viewBox scales them to the screen.

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

// fitOf is the view of the whole map: its frame.
func fitOf(m kb.Map) viewport {
	f := m.Frame
	return viewport{X: f.X, Y: f.Y, W: f.W, H: f.H}
}

// maxZoom is how far the reader can zoom in; the least zoom is the whole
// map, so labels are never smaller than when the map fits the screen.
const maxZoom = 4

func (v viewport) String() string {
	return coord(v.X) + " " + coord(v.Y) + " " + coord(v.W) + " " + coord(v.H)
}

// zoomed scales the view by factor (>1 zooms in) keeping the map point at
// (cx, cy) where it is on screen, within the zoom limits and the whole map,
// fit.
func (v viewport) zoomed(factor, cx, cy float64, fit viewport) viewport {
	w := math.Min(math.Max(v.W/factor, fit.W/maxZoom), fit.W)
	scale := w / v.W
	out := viewport{
		X: cx - (cx-v.X)*scale,
		Y: cy - (cy-v.Y)*scale,
		W: w,
		H: v.H * scale,
	}
	return out.clamped(fit)
}

// panned moves the view by (dx, dy) map units, staying on the map.
func (v viewport) panned(dx, dy float64, fit viewport) viewport {
	v.X += dx
	v.Y += dy
	return v.clamped(fit)
}

func (v viewport) clamped(fit viewport) viewport {
	v.X = math.Min(math.Max(v.X, fit.X), fit.X+fit.W-v.W)
	v.Y = math.Min(math.Max(v.Y, fit.Y), fit.Y+fit.H-v.H)
	return v
}

// zoom is how far the view is zoomed in on the whole map, fit.
func (v viewport) zoom(fit viewport) float64 { return fit.W / v.W }

// framePadding is the margin, in map units, that a framing view keeps
// around its nodes.
const framePadding = 40

// framing is the smallest view, in the proportions of the whole map fit,
// that shows every box with a margin: no more zoomed in than maxZoom, and
// no larger than the whole map.
func framing(boxes []mapgeom.Box, fit viewport) viewport {
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
	w = math.Max(w, fit.W/maxZoom)
	if w >= fit.W {
		return fit
	}
	h := w / aspect
	return viewport{X: (left+right)/2 - w/2, Y: (top+bottom)/2 - h/2, W: w, H: h}.clamped(fit)
}

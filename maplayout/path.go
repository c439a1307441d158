package maplayout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"oversight/kb"
)

// A route is a link's path as cubic Bézier curves: its first point, then
// three points per curve (two controls and the curve's end), as Graphviz
// writes an edge's spline.

// formatPath writes a route as SVG path data, to a tenth of a map unit.
func formatPath(route []kb.Point) string {
	var b strings.Builder
	for i, p := range route {
		switch {
		case i == 0:
			b.WriteString("M")
		case i%3 == 1:
			b.WriteString(" C")
		default:
			b.WriteString(" ")
		}
		b.WriteString(coord(p.X) + "," + coord(p.Y))
	}
	return b.String()
}

func coord(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// parsePath reads the path data formatPath writes back into its points.
func parsePath(d string) ([]kb.Point, error) {
	var route []kb.Point
	for i, field := range strings.Fields(d) {
		want := ""
		switch {
		case i == 0:
			want = "M"
		case i%3 == 1:
			want = "C"
		}
		xy, ok := strings.CutPrefix(field, want)
		x, y, comma := strings.Cut(xy, ",")
		if !ok || !comma {
			return nil, fmt.Errorf("path %q: %q is not a point", d, field)
		}
		px, errX := strconv.ParseFloat(x, 64)
		py, errY := strconv.ParseFloat(y, 64)
		if errX != nil || errY != nil {
			return nil, fmt.Errorf("path %q: %q is not a point", d, field)
		}
		route = append(route, kb.Point{X: px, Y: py})
	}
	if len(route) < 4 || len(route)%3 != 1 {
		return nil, fmt.Errorf("path %q has %d points, not a whole number of curves", d, len(route))
	}
	return route, nil
}

// samplesPerCurve is how finely a curve is followed to measure it: each
// piece is a few map units long on the map's curves.
const samplesPerCurve = 24

// polyline follows a route's curves with straight pieces.
func polyline(route []kb.Point) []kb.Point {
	out := []kb.Point{route[0]}
	for i := 0; i+3 < len(route); i += 3 {
		for s := 1; s <= samplesPerCurve; s++ {
			out = append(out, bezier(route[i], route[i+1], route[i+2], route[i+3], float64(s)/samplesPerCurve))
		}
	}
	return out
}

func bezier(p0, p1, p2, p3 kb.Point, t float64) kb.Point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return kb.Point{X: a*p0.X + b*p1.X + c*p2.X + d*p3.X, Y: a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y}
}

// pointAlong is the point at a fraction of a polyline's length.
func pointAlong(line []kb.Point, fraction float64) kb.Point {
	total := 0.0
	for i := 1; i < len(line); i++ {
		total += distance(line[i-1], line[i])
	}
	left := total * fraction
	for i := 1; i < len(line); i++ {
		step := distance(line[i-1], line[i])
		if step > 0 && left <= step {
			t := left / step
			return kb.Point{X: line[i-1].X + t*(line[i].X-line[i-1].X), Y: line[i-1].Y + t*(line[i].Y-line[i-1].Y)}
		}
		left -= step
	}
	return line[len(line)-1]
}

func distance(a, b kb.Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// segmentsCross returns where segments ab and cd cross, if they do.
func segmentsCross(a, b, c, d kb.Point) (kb.Point, bool) {
	rx, ry := b.X-a.X, b.Y-a.Y
	sx, sy := d.X-c.X, d.Y-c.Y
	den := rx*sy - ry*sx
	if den == 0 {
		return kb.Point{}, false
	}
	t := ((c.X-a.X)*sy - (c.Y-a.Y)*sx) / den
	u := ((c.X-a.X)*ry - (c.Y-a.Y)*rx) / den
	if t < 0 || t > 1 || u < 0 || u > 1 {
		return kb.Point{}, false
	}
	return kb.Point{X: a.X + t*rx, Y: a.Y + t*ry}, true
}

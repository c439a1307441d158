package maplayout

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"

	"oversight/kb"
)

// engine lays out a graph written in DOT with one of Graphviz's layouts and
// returns the result in Graphviz's JSON output.
type engine func(ctx context.Context, dot, layout string) ([]byte, error)

// runGraphviz is the engine: Graphviz itself, compiled to WebAssembly and
// run in this process (go-graphviz), so nothing needs installing.
func runGraphviz(ctx context.Context, dot, layout string) (out []byte, err error) {
	// Graphviz runs in a WebAssembly sandbox; a trap there must not take
	// the server down.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("graphviz stopped: %v", r)
		}
	}()
	g, err := graphviz.New(ctx)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	graph, err := graphviz.ParseBytes([]byte(dot))
	if err != nil {
		return nil, fmt.Errorf("graphviz cannot read the graph: %w", err)
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := g.SetLayout(graphviz.Layout(layout)).Render(ctx, graph, "json", &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// laidOut is what this package reads of Graphviz's JSON output.
type laidOut struct {
	Objects []struct {
		Name string `json:"name"`
		Pos  string `json:"pos"`
	} `json:"objects"`
	Edges []struct {
		ID  string `json:"id"`
		Pos string `json:"pos"`
	} `json:"edges"`
}

func readLaidOut(data []byte) (laidOut, error) {
	var out laidOut
	if err := json.Unmarshal(data, &out); err != nil {
		return out, fmt.Errorf("graphviz's output does not read as JSON: %w", err)
	}
	return out, nil
}

// Graphviz's y axis points up, the map's down: a point crosses over by
// flipping y, both ways.

// gvPoint reads Graphviz's "x,y" in points (map units).
func gvPoint(s string) (kb.Point, error) {
	x, y, ok := strings.Cut(s, ",")
	px, errX := strconv.ParseFloat(x, 64)
	py, errY := strconv.ParseFloat(y, 64)
	if !ok || errX != nil || errY != nil {
		return kb.Point{}, fmt.Errorf("graphviz wrote %q for a point", s)
	}
	return kb.Point{X: px, Y: -py}, nil
}

// gvPos writes a map point as a Graphviz position, pinned.
func gvPos(p kb.Point) string {
	return strconv.FormatFloat(p.X, 'f', 2, 64) + "," + strconv.FormatFloat(-p.Y, 'f', 2, 64) + "!"
}

// gvSpline reads an edge's pos: its B-spline's control points. The edges
// this package writes have no arrowheads, so no "s," or "e," end points.
func gvSpline(pos string) ([]kb.Point, error) {
	var route []kb.Point
	for _, field := range strings.Fields(pos) {
		p, err := gvPoint(field)
		if err != nil {
			return nil, err
		}
		route = append(route, p)
	}
	if len(route) < 4 || len(route)%3 != 1 {
		return nil, fmt.Errorf("graphviz wrote a route of %d points, not whole curves", len(route))
	}
	return route, nil
}

// gvInches is a length in map units as Graphviz's node sizes, in inches.
func gvInches(v float64) string { return strconv.FormatFloat(v/72, 'f', 4, 64) }

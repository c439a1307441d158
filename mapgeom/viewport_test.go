package mapgeom

import (
	"fmt"
	"math"
	"testing"

	"oversight/kb"
)

func TestArrowKeysWalkToTheLinkedNodeInThatDirection(t *testing.T) {
	// A hub with a neighbour above, one up and to the right, one below
	// and to the left, and one nearly level but far to the left.
	at := func(id string, x, y float64, links ...string) *kb.Concept {
		c := &kb.Concept{Entry: kb.Entry{ID: id, Title: id}, Kind: kb.KindMethod, Position: kb.Point{X: x, Y: y}}
		for _, to := range links {
			c.Links = append(c.Links, kb.Link{From: id, To: to, Relation: kb.RelOverlaps})
		}
		return c
	}
	k := kb.New(kb.Parts{Concepts: []*kb.Concept{
		at("hub", 500, 500, "above", "upper-right", "lower-left", "far-left"),
		at("above", 520, 300),
		at("upper-right", 800, 350),
		at("lower-left", 350, 700),
		at("far-left", 100, 560),
	}})
	for _, tc := range []struct{ from, key, want string }{
		{"hub", "ArrowUp", "above"},
		{"hub", "ArrowRight", "upper-right"},
		{"hub", "ArrowDown", "lower-left"},
		{"hub", "ArrowLeft", "far-left"},
		{"above", "ArrowDown", "hub"},
		{"above", "ArrowUp", ""},
		{"hub", "Enter", ""},
	} {
		if got := NextInDirection(k, tc.from, tc.key); got != tc.want {
			t.Errorf("%s from %s reaches %q, want %q", tc.key, tc.from, got, tc.want)
		}
	}
}

// A map whose frame does not start at the origin, as a laid-out map's
// need not.
var testFit = Viewport{X: -200, Y: 100, W: 1200, H: 1000}

func TestZoomKeepsThePointUnderThePointerAndStaysWithinLimits(t *testing.T) {
	in := testFit.Zoomed(2, 400, 600, testFit)
	if in.W != 600 || in.H != 500 || in.X != 100 || in.Y != 350 {
		t.Errorf("zooming in ×2 on the centre gave %+v", in)
	}
	if out := in.Zoomed(0.1, 400, 600, testFit); out != testFit {
		t.Errorf("zooming out past the whole map gave %+v, want the whole map", out)
	}
	deep := testFit
	for range 20 {
		deep = deep.Zoomed(2, 0, 200, testFit)
	}
	if deep.Zoom(testFit) != MaxZoom {
		t.Errorf("zoom went to %.1f×, want at most %d×", deep.Zoom(testFit), MaxZoom)
	}
	if moved := in.Panned(-1000, 5000, testFit); moved.X != testFit.X || moved.Y != testFit.Y+testFit.H-in.H {
		t.Errorf("panning past the edges gave %+v", moved)
	}
}

func TestFramingZoomsToTheBoxesWithAMarginInTheMapsProportions(t *testing.T) {
	boxes := []Box{
		{Centre: kb.Point{X: 100, Y: 400}, Width: 100, Height: 40},
		{Centre: kb.Point{X: 300, Y: 520}, Width: 100, Height: 40},
	}
	v := Framing(boxes, testFit)
	if v.W/v.H != testFit.W/testFit.H {
		t.Errorf("view %v is not in the map's proportions", v)
	}
	if v.Zoom(testFit) <= 1 {
		t.Errorf("view %v does not zoom in on two nearby boxes", v)
	}
	for _, b := range boxes {
		if b.Left()-framePadding < v.X || b.Right()+framePadding > v.X+v.W || b.Top()-framePadding < v.Y || b.Bottom()+framePadding > v.Y+v.H {
			t.Errorf("view %v cuts off the box at %v or its margin", v, b.Centre)
		}
	}
}

func TestFramingNeverZoomsPastTheLimitOrOutPastTheWholeMap(t *testing.T) {
	one := Framing([]Box{{Centre: kb.Point{X: 400, Y: 600}, Width: 50, Height: 40}}, testFit)
	if one.Zoom(testFit) > MaxZoom+1e-9 {
		t.Errorf("one small box is framed at zoom %.2f, past the limit %d", one.Zoom(testFit), MaxZoom)
	}
	corners := Framing([]Box{
		{Centre: kb.Point{X: -140, Y: 140}, Width: 100, Height: 40},
		{Centre: kb.Point{X: 940, Y: 1060}, Width: 100, Height: 40},
	}, testFit)
	if corners != testFit {
		t.Errorf("boxes in opposite corners are framed as %v, want the whole map", corners)
	}
}

// A coordinate is written with one decimal, rounded as fmt's "%.1f" rounds
// it, negative zero and halves included.
func TestCoordWritesOneDecimalAsPrintfWould(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), -0.04, 0.05, 0.15, 0.25, 1.25, -1.25, 2.675, 1e6 + 0.05, -987.65, 12.349999}
	for i := -20000; i <= 20000; i += 7 {
		values = append(values, float64(i)/137)
	}
	for _, v := range values {
		if got, want := Coord(v), fmt.Sprintf("%.1f", v); got != want {
			t.Errorf("Coord(%v) = %q, want %q", v, got, want)
		}
	}
}

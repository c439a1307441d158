package app

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"oversight/kb"
	"oversight/kb/load"
)

func TestTheRealMapHasNoOverlappingOrClippedNodes(t *testing.T) {
	if faults := MapFaults(knowledge); len(faults) > 0 {
		t.Errorf("the map is crowded:\n%v", faults)
	}
}

func TestOverlappingNodesAreReportedAtTheirPositionLine(t *testing.T) {
	node := func(title string, x int) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: %s\nkind: method\nsummary: S.\nposition: {x: %d, y: 500}\nreviewed: 2026-11-26\nsources: [s]\n---\nBody.\n", title, x)}
	}
	k, err := load.Content(fstest.MapFS{
		"concepts/a.md": node("Alpha", 500),
		"concepts/b.md": node("Beta", 540),
		"concepts/c.md": node("Gamma", 1190),
		"sources/s.md":  {Data: []byte("---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n")},
	}, "content")
	if err != nil {
		t.Fatal(err)
	}
	got := MapFaults(k).Error()
	for _, want := range []string{
		`content/concepts/a.md:5: the node for "Alpha" overlaps "Beta"`,
		`content/concepts/c.md:5: the node for "Gamma" spills off the map`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("faults:\n%s\nwant:\n%s", got, want)
		}
	}
}

func TestLabelsWrapAtSpacesAndHyphens(t *testing.T) {
	for title, want := range map[string][]string{
		"Debate":                        {"Debate"},
		"Weak-to-strong generalization": {"Weak-to-strong", "generalization"},
		"Corrigibility under optimisation pressure": {"Corrigibility", "under", "optimisation", "pressure"},
		"Humans supervising superhuman AI":          {"Humans", "supervising", "superhuman AI"},
	} {
		if got := wrapLabel(title, 15); !reflect.DeepEqual(got, want) {
			t.Errorf("wrapLabel(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestArrowKeysWalkToTheLinkedNodeInThatDirection(t *testing.T) {
	// Superalignment sits in the middle; scalable oversight is above it,
	// weak-to-strong up and to the right, control below and to the left.
	for _, tc := range []struct{ from, key, want string }{
		{"superalignment", "ArrowUp", "scalable-oversight"},
		{"superalignment", "ArrowRight", "weak-to-strong-generalization"},
		{"scalable-oversight", "ArrowDown", "superalignment"},
		{"debate", "ArrowRight", "scalable-oversight"},
		{"debate", "ArrowUp", ""},
		{"superalignment", "Enter", ""},
	} {
		if got := nextInDirection(knowledge, tc.from, tc.key); got != tc.want {
			t.Errorf("%s from %s reaches %q, want %q", tc.key, tc.from, got, tc.want)
		}
	}
}

func TestZoomKeepsThePointUnderThePointerAndStaysWithinLimits(t *testing.T) {
	in := fitView.zoomed(2, 600, 500)
	if in.W != 600 || in.H != 500 || in.X != 300 || in.Y != 250 {
		t.Errorf("zooming in ×2 on the centre gave %+v", in)
	}
	if out := in.zoomed(0.1, 600, 500); out != fitView {
		t.Errorf("zooming out past the whole map gave %+v, want the whole map", out)
	}
	deep := fitView
	for range 20 {
		deep = deep.zoomed(2, 100, 100)
	}
	if deep.zoom() != maxZoom {
		t.Errorf("zoom went to %.1f×, want at most %d×", deep.zoom(), maxZoom)
	}
	if moved := in.panned(-1000, 5000); moved.X != 0 || moved.Y != fitView.H-in.H {
		t.Errorf("panning past the edges gave %+v", moved)
	}
}

func TestFramingZoomsToTheBoxesWithAMarginInTheMapsProportions(t *testing.T) {
	boxes := []box{
		{centre: kb.Point{X: 300, Y: 300}, width: 100, height: 40},
		{centre: kb.Point{X: 500, Y: 420}, width: 100, height: 40},
	}
	v := framing(boxes)
	if v.W/v.H != fitView.W/fitView.H {
		t.Errorf("view %v is not in the map's proportions", v)
	}
	if v.zoom() <= 1 {
		t.Errorf("view %v does not zoom in on two nearby boxes", v)
	}
	for _, b := range boxes {
		if b.left()-framePadding < v.X || b.right()+framePadding > v.X+v.W || b.top()-framePadding < v.Y || b.bottom()+framePadding > v.Y+v.H {
			t.Errorf("view %v cuts off the box at %v or its margin", v, b.centre)
		}
	}
}

func TestFramingNeverZoomsPastTheLimitOrOutPastTheWholeMap(t *testing.T) {
	one := framing([]box{{centre: kb.Point{X: 600, Y: 500}, width: 50, height: 40}})
	if one.zoom() > maxZoom+1e-9 {
		t.Errorf("one small box is framed at zoom %.2f, past the limit %d", one.zoom(), maxZoom)
	}
	corners := framing([]box{
		{centre: kb.Point{X: 60, Y: 40}, width: 100, height: 40},
		{centre: kb.Point{X: 1140, Y: 960}, width: 100, height: 40},
	})
	if corners != fitView {
		t.Errorf("boxes in opposite corners are framed as %v, want the whole map", corners)
	}
}

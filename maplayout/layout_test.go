package maplayout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"oversight/content"
	"oversight/kb"
	"oversight/kb/load"
	"oversight/mapgeom"
)

func realMap(t *testing.T) *kb.KB {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	laid, err := Lay(k)
	if err != nil {
		t.Fatal(err)
	}
	return laid
}

func measured(t *testing.T, k *kb.KB) Numbers {
	t.Helper()
	n, err := Measure(k)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A laptop shows the whole real map beside the introduction with its
// smallest labels at 12 px or more, as the browser test measures in
// Chromium at 1280 × 800.
func TestTheRealMapFitsALaptopsPaneWithLabelsOf12PxOrMore(t *testing.T) {
	frame := realMap(t).Map().Frame
	scale := math.Min(LaptopPane.W/frame.W, LaptopPane.H/frame.H)
	if px := scale * mapgeom.SmallestFontSize; px < 12 {
		t.Errorf("the map's frame is %.0f × %.0f units: in a pane of %.0f × %.0f px its smallest labels are %.1f px, want at least 12",
			frame.W, frame.H, LaptopPane.W, LaptopPane.H, px)
	}
}

// Compacting keeps every research concept on the same side of every other
// one as neato placed it, and never brings two nodes closer than the
// router needs.
func TestCompactingKeepsNeatosOrderAndTheRoutersRoom(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	p := &plan{k: k, concepts: k.Concepts(), index: make(map[string]int)}
	for i, c := range p.concepts {
		p.index[c.ID] = i
		p.boxes = append(p.boxes, mapgeom.NodeBox(c))
	}
	if err := p.placeResearch(context.Background(), runGraphviz, 1); err != nil {
		t.Fatal(err)
	}
	before := append([]mapgeom.Box(nil), p.boxes...)
	p.compact()
	nodes := p.researchNodes()
	for a, i := range nodes {
		for _, j := range nodes[a+1:] {
			if side(before[i].Centre.X-before[j].Centre.X) != side(p.boxes[i].Centre.X-p.boxes[j].Centre.X) ||
				side(before[i].Centre.Y-before[j].Centre.Y) != side(p.boxes[i].Centre.Y-p.boxes[j].Centre.Y) {
				t.Errorf("%s and %s changed sides", p.concepts[i].ID, p.concepts[j].ID)
			}
			if p.boxes[i].Overlaps(p.boxes[j], compactGap-0.001) {
				t.Errorf("%s and %s are closer than %d units", p.concepts[i].ID, p.concepts[j].ID, compactGap)
			}
		}
	}
}

func side(offset float64) int {
	switch {
	case offset < 0:
		return -1
	case offset > 0:
		return 1
	}
	return 0
}

func TestTheRealMapIsReadable(t *testing.T) {
	k := realMap(t)
	n := measured(t, k)
	t.Log(n)
	if err := n.Check(RealMapLimits); err != nil {
		t.Error(err)
	}
	if faults := Faults(k); len(faults) > 0 {
		t.Errorf("the real map has faults:\n%v", faults)
	}
	if n.LinksAtRest == 0 || n.LinksAtRest == n.Links {
		t.Errorf("%d of %d links drawn at rest: the map should draw its structure, not nothing or everything", n.LinksAtRest, n.Links)
	}
}

// withStraightEdges draws every link of a map as a straight line between
// the centres of its two concepts, through whatever lies between, as the
// hand-placed map did, after moving each concept to where place puts it.
func withStraightEdges(k *kb.KB, place func(i int, c *kb.Concept) kb.Point) *kb.KB {
	parts := k.Parts()
	at := make(map[string]kb.Point)
	moved := make([]*kb.Concept, len(parts.Concepts))
	for i, c := range parts.Concepts {
		m := *c
		m.Position = place(i, c)
		at[c.ID] = m.Position
		moved[i] = &m
	}
	for _, c := range moved {
		links := make([]kb.Link, len(c.Links))
		for j, l := range c.Links {
			a, b := at[l.From], at[l.To]
			l.Path = formatPath([]kb.Point{a, a, b, b})
			links[j] = l
		}
		c.Links = links
	}
	parts.Concepts = moved
	return kb.New(parts)
}

// The limits must refuse what a bad layout does: each of these breaks one.
func TestTheLimitsRefuseADeliberatelyBadLayout(t *testing.T) {
	k := realMap(t)
	stay := func(_ int, c *kb.Concept) kb.Point { return c.Position }
	onACircle := func(i int, _ *kb.Concept) kb.Point {
		angle := 2 * math.Pi * float64(i) / float64(len(k.Concepts()))
		return kb.Point{X: 2000 * math.Cos(angle), Y: 2000 * math.Sin(angle)}
	}
	second := k.Concepts()[1].ID
	ontoTheFirst := func(_ int, c *kb.Concept) kb.Point {
		if c.ID == second {
			return k.Concepts()[0].Position
		}
		return c.Position
	}
	for _, tc := range []struct {
		name   string
		bad    *kb.KB
		broken func(Numbers) bool
	}{
		{"straight edges", withStraightEdges(k, stay), func(n Numbers) bool { return n.EdgesThroughBoxes > 0 }},
		{"a node on another", withStraightEdges(k, ontoTheFirst), func(n Numbers) bool { return n.NodeOverlaps > 0 }},
		{"concepts on a circle, joined by chords", withStraightEdges(k, onACircle), func(n Numbers) bool {
			return n.CrossingsAtRest > RealMapLimits.CrossingsAtRest
		}},
	} {
		n := measured(t, tc.bad)
		t.Logf("%s: %v", tc.name, n)
		if !tc.broken(n) {
			t.Errorf("%s: measured as %v, which does not show what is wrong", tc.name, n)
		}
		if err := n.Check(RealMapLimits); err == nil {
			t.Errorf("%s: the limits accept it (%v)", tc.name, n)
		}
	}
}

func TestTheSameContentGivesTheSameMapByteForByte(t *testing.T) {
	a, b := realMap(t).Snapshot(), realMap(t).Snapshot()
	if !bytes.Equal(a, b) {
		t.Error("two layouts of the same content differ")
	}
}

// Every route leaves its From node and reaches its To node at their
// borders (edgeGap outside, where an arrowhead's tip ends), so an arrow
// touches the concept it points to and no route starts inside a box.
func TestEveryRouteRunsFromBorderToBorder(t *testing.T) {
	k := realMap(t)
	for _, l := range k.Links() {
		route, err := parsePath(l.Path)
		if err != nil {
			t.Fatal(err)
		}
		from, _ := k.Concept(l.From)
		to, _ := k.Concept(l.To)
		for _, end := range []struct {
			c *kb.Concept
			p kb.Point
		}{{from, route[0]}, {to, route[len(route)-1]}} {
			if d := borderDistance(mapgeom.NodeBox(end.c), end.p); d < edgeGap-1 || d > edgeGap+routeSep {
				t.Errorf("the route of %s→%s ends %.1f units from the border of %s, want %d to %d", l.From, l.To, d, end.c.ID, edgeGap, edgeGap+routeSep)
			}
		}
	}
}

// borderDistance is how far p lies outside box b (negative inside).
func borderDistance(b mapgeom.Box, p kb.Point) float64 {
	dx := math.Abs(p.X-b.Centre.X) - b.Width/2
	dy := math.Abs(p.Y-b.Centre.Y) - b.Height/2
	if dx > 0 && dy > 0 {
		return math.Hypot(dx, dy)
	}
	return math.Max(dx, dy)
}

func TestTheResearchIsAboveTheBandOfProblemsAndIdeas(t *testing.T) {
	k := realMap(t)
	band := k.Map().Band
	for _, c := range k.Concepts() {
		b := mapgeom.NodeBox(c)
		inside := b.Left() >= band.X && b.Right() <= band.X+band.W && b.Top() >= band.Y && b.Bottom() <= band.Y+band.H
		if inside != mapgeom.InBand(c.Kind) {
			t.Errorf("%s (%s) is inside the band: %v", c.ID, c.Kind, inside)
		}
	}
	core, _ := k.Concept("superalignment")
	var left, right float64 = math.Inf(1), math.Inf(-1)
	for _, c := range k.Concepts() {
		if !mapgeom.InBand(c.Kind) {
			left, right = math.Min(left, c.Position.X), math.Max(right, c.Position.X)
		}
	}
	if third := (right - left) / 3; core.Position.X < left+third || core.Position.X > right-third {
		t.Errorf("the core is at x = %.0f, not in the middle third of the research (%.0f to %.0f)", core.Position.X, left, right)
	}
}

func TestPathsReadBackAsWritten(t *testing.T) {
	route := []kb.Point{{X: 1.25, Y: -2}, {X: 3, Y: 4.04}, {X: 5, Y: 6}, {X: 7.5, Y: 8}}
	d := formatPath(route)
	if d != "M1.3,-2 C3,4 5,6 7.5,8" {
		t.Errorf("formatPath = %q", d)
	}
	back, err := parsePath(d)
	if err != nil || len(back) != 4 || back[3] != (kb.Point{X: 7.5, Y: 8}) {
		t.Errorf("parsePath(%q) = %v, %v", d, back, err)
	}
	for _, bad := range []string{"", "M1,2", "M1,2 C3,4 5,6", "L1,2 C3,4 5,6 7,8", "M1,x C3,4 5,6 7,8"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("parsePath(%q) reads what formatPath never writes", bad)
		}
	}
}

// content is a content tree of concepts, each given as its front matter's
// lines after the title, citing one source.
func contentOf(concepts map[string][]string) fstest.MapFS {
	files := fstest.MapFS{"sources/s.md": {Data: []byte("---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n")}}
	for id, lines := range concepts {
		title := id
		if len(lines) > 0 && strings.HasPrefix(lines[0], "title: ") {
			title, lines = strings.TrimPrefix(lines[0], "title: "), lines[1:]
		}
		front := append([]string{"title: " + title, "summary: S.", "reviewed: 2026-11-26", "sources: [s]"}, lines...)
		files["concepts/"+id+".md"] = &fstest.MapFile{Data: []byte("---\n" + strings.Join(front, "\n") + "\n---\nBody.\n")}
	}
	return files
}

func links(relation string, to ...string) []string {
	lines := []string{"links:"}
	for _, id := range to {
		lines = append(lines, "  - to: "+id, "    relation: "+relation, "    note: N.")
	}
	return lines
}

// Content an author could write that strains the map: each either lays
// out within the limits or is refused by the checker at its file and line.
func TestStrainingContentLaysOutOrIsRefusedAtItsLine(t *testing.T) {
	hub := map[string][]string{"hub": {"kind: direction"}}
	for _, id := range ids("p", 40) {
		hub[id] = append([]string{"kind: problem"}, links("motivates", "hub")...)
	}
	long := strings.Repeat("A very long title ", 12)[:200]
	for _, tc := range []struct {
		name     string
		concepts map[string][]string
		refused  []string // what the faults say, with their file:line, if refused
	}{
		{name: "a concept with 40 links", concepts: hub,
			refused: []string{`.md:8: the names of the links p`, `overlap where they meet "hub", which has 40 links`}},
		{name: "a cycle of links", concepts: map[string][]string{
			"core": {"kind: core"},
			"a":    append([]string{"kind: direction"}, links("builds-on", "b")...),
			"b":    append([]string{"kind: direction"}, links("builds-on", "c")...),
			"c":    append([]string{"kind: direction"}, links("builds-on", "a")...),
		}},
		{name: "a concept with no links", concepts: map[string][]string{
			"core":   {"kind: core"},
			"d":      append([]string{"kind: direction"}, links("overlaps", "core")...),
			"alone":  {"kind: method"},
			"lonely": {"kind: idea"},
		}},
		{name: "a 200-character title", concepts: map[string][]string{
			"core": {"kind: core"},
			"long": append([]string{"title: " + long, "kind: method"}, links("method-of", "d")...),
			"d":    append([]string{"kind: direction"}, links("overlaps", "core")...),
		}},
		{name: "two concepts pinned to the same place", concepts: map[string][]string{
			"a": {"kind: method", "position: {x: 400, y: 300}"},
			"b": {"kind: method", "position: {x: 400, y: 300}"},
		}, refused: []string{`content/concepts/a.md:7: the node for "a", pinned here, overlaps "b"`, `content/concepts/b.md:7: the node for "b", pinned here, overlaps "a"`}},
		{name: "a concept pinned between two linked ones", concepts: map[string][]string{
			"a":   append([]string{"kind: direction", "position: {x: 100, y: 300}"}, links("overlaps", "b")...),
			"b":   {"kind: direction", "position: {x: 900, y: 300}"},
			"mid": {"kind: method", "position: {x: 500, y: 300}"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := load.Content(contentOf(tc.concepts), "content")
			if err != nil {
				t.Fatal(err)
			}
			laid, err := Lay(k)
			if err != nil {
				t.Fatal(err)
			}
			faults := Faults(laid)
			if tc.refused == nil {
				if len(faults) > 0 {
					t.Errorf("faults:\n%v", faults)
				}
				n := measured(t, laid)
				t.Log(n)
				if err := n.Check(Limits{}); err != nil {
					t.Error(err)
				}
				return
			}
			for _, want := range tc.refused {
				if !strings.Contains(faults.Error(), want) {
					t.Errorf("faults:\n%v\nwant one saying %s", faults, want)
				}
			}
		})
	}
}

// When a pinned concept lies on an edge (as when pins leave the router no
// room and it falls back to straight lines), the fault is the pin's.
func TestAPinnedConceptOnAnEdgeIsNamedAtItsPosition(t *testing.T) {
	k, err := load.Content(contentOf(map[string][]string{
		"a":   append([]string{"kind: direction", "position: {x: 100, y: 300}"}, links("overlaps", "b")...),
		"b":   {"kind: direction", "position: {x: 900, y: 300}"},
		"mid": {"kind: method", "position: {x: 500, y: 300}"},
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	laid, err := Lay(k)
	if err != nil {
		t.Fatal(err)
	}
	parts := laid.Parts()
	for i, c := range parts.Concepts {
		if c.ID == "a" {
			straight := *c
			straight.Links = []kb.Link{c.Links[0]}
			straight.Links[0].Path = "M100,300 C300,300 700,300 900,300"
			parts.Concepts[i] = &straight
		}
	}
	faults := Faults(kb.New(parts))
	if want := `content/concepts/mid.md:7: the node for "mid", pinned here, lies on the edge a → b`; !strings.Contains(faults.Error(), want) {
		t.Errorf("faults:\n%v\nwant:\n%s", faults, want)
	}
}

func TestALinkToItselfIsRefusedAtItsLine(t *testing.T) {
	_, err := load.Content(contentOf(map[string][]string{"a": append([]string{"kind: method"}, links("overlaps", "a")...)}), "content")
	if err == nil || !strings.Contains(err.Error(), "content/concepts/a.md:8: a concept cannot link to itself") {
		t.Errorf("a link to itself: %v", err)
	}
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%02d", prefix, i)
	}
	return out
}

func TestAGraphvizFailureNamesTheContentAndGivesNoMap(t *testing.T) {
	k, err := load.Content(contentOf(map[string][]string{
		"a": {"kind: core", "position: {x: 100, y: 100}"},
		"b": append([]string{"kind: direction"}, links("overlaps", "a")...),
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  engine
		want string
	}{
		{"graphviz fails", func(context.Context, string, string) ([]byte, error) { return nil, errors.New("out of memory") },
			"laying out the map of the 2 concepts in content/concepts (pinned at content/concepts/a.md:7): out of memory"},
		{"graphviz places nothing", func(context.Context, string, string) ([]byte, error) { return []byte(`{"objects": []}`), nil },
			"graphviz gave no position to content/concepts/b.md"},
		{"graphviz routes nothing", func(ctx context.Context, dot, layout string) ([]byte, error) {
			if layout == "nop" {
				return []byte(`{"objects": [], "edges": []}`), nil
			}
			return runGraphviz(ctx, dot, layout)
		}, "content/concepts/b.md:8: graphviz drew no route for the link to \"a\""},
	} {
		laid, err := lay(context.Background(), k, tc.run)
		if laid != nil || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got a map %v and the error %v, want no map and an error naming %q", tc.name, laid != nil, err, tc.want)
		}
	}
}

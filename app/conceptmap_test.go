package app

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"oversight/kb"
	"oversight/mapgeom"
)

func TestTheMapHasOneLinkedNodePerConcept(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite})
	nodes := findAll(doc, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "node") })
	if len(nodes) != len(testSite.Knowledge.Concepts()) {
		t.Fatalf("%d nodes, want %d", len(nodes), len(testSite.Knowledge.Concepts()))
	}
	for i, c := range testSite.Knowledge.Concepts() {
		n := nodes[i]
		if attr(n, "href") != "/concepts/"+c.ID {
			t.Errorf("node %s links to %q", c.ID, attr(n, "href"))
		}
		if !hasClass(n, "kind-"+string(c.Kind)) {
			t.Errorf("node %s is not marked with its kind %s", c.ID, c.Kind)
		}
		// The rendered HTML puts white space between the lines of a label,
		// which the browser does not draw after a hyphen.
		if label := strings.ReplaceAll(strings.Join(strings.Fields(textOf(n)), " "), "- ", "-"); label != c.Title {
			t.Errorf("node %s reads %q, want its title %q", c.ID, label, c.Title)
		}
		if !strings.HasPrefix(attr(n, "aria-label"), c.Title) {
			t.Errorf("node %s has aria-label %q", c.ID, attr(n, "aria-label"))
		}
	}
}

func TestTheMapDrawsEachLinkTypedAndExplained(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite})
	edges := findAll(doc, func(n *html.Node) bool { return n.Data == "path" && hasClass(n, "edge") })
	if len(edges) != len(testSite.Knowledge.Links()) {
		t.Fatalf("%d edges, want %d", len(edges), len(testSite.Knowledge.Links()))
	}
	for i, l := range testSite.Knowledge.Links() {
		e := edges[i]
		if attr(e, "data-from") != l.From || attr(e, "data-to") != l.To {
			t.Errorf("edge %d joins %s→%s, want %s→%s", i, attr(e, "data-from"), attr(e, "data-to"), l.From, l.To)
		}
		if !hasClass(e, "rel-"+string(l.Relation)) {
			t.Errorf("edge %s→%s is not styled as %s", l.From, l.To, l.Relation)
		}
		if title := textOf(e); !strings.Contains(title, l.Relation.Phrase()) || !strings.Contains(title, l.Note) {
			t.Errorf("edge %s→%s explains itself as %q", l.From, l.To, title)
		}
	}
}

// The browser lays nothing out: it draws each edge along the route the
// server's layout gave it, and writes its relation where the layout said.
func TestEdgesFollowTheirRoutesAndLabelsSitWhereTheLayoutPutThem(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite, Focus: "debate"})
	edges := findAll(doc, func(n *html.Node) bool { return hasClass(n, "edge") })
	labels := findAll(doc, func(n *html.Node) bool { return hasClass(n, "edge-label") })
	for i, l := range testSite.Knowledge.Links() {
		if l.Path == "" || attr(edges[i], "d") != l.Path {
			t.Errorf("edge %s→%s is drawn along %q, want its route %q", l.From, l.To, attr(edges[i], "d"), l.Path)
		}
		if x, y := attr(labels[i], "x"), attr(labels[i], "y"); x != mapgeom.Coord(l.LabelAt.X) || y != mapgeom.Coord(l.LabelAt.Y) {
			t.Errorf("the label of %s→%s is at (%s, %s), want %v", l.From, l.To, x, y, l.LabelAt)
		}
	}
}

// At rest the map draws its structure; a filter or the focus mode draws
// every link between what it leaves.
func TestOnlyTheStructureIsDrawnAtRest(t *testing.T) {
	atRest, others := 0, 0
	for _, e := range findAll(render(t, &ConceptMap{Site: testSite}), func(n *html.Node) bool { return hasClass(n, "edge") }) {
		from, _ := testSite.Knowledge.Concept(attr(e, "data-from"))
		to, _ := testSite.Knowledge.Concept(attr(e, "data-to"))
		structural := hasClass(e, "rel-method-of") || hasClass(e, "rel-tool-for") ||
			from.Kind == kb.KindCore && to.Kind == kb.KindDirection || from.Kind == kb.KindDirection && to.Kind == kb.KindCore
		if hasClass(e, "at-rest") != structural {
			t.Errorf("edge %s→%s (%s) marked at rest = %v", from.ID, to.ID, attr(e, "class"), hasClass(e, "at-rest"))
		}
		if structural {
			atRest++
		} else {
			others++
		}
	}
	if atRest == 0 || others == 0 {
		t.Errorf("%d links at rest and %d others: the real map has both", atRest, others)
	}
	for _, tc := range []struct {
		m    *ConceptMap
		want bool
	}{
		{&ConceptMap{Site: testSite}, false},
		{&ConceptMap{Site: testSite, Focus: "debate"}, false},
		{&ConceptMap{Site: testSite, Focus: "debate", Hops: 1}, true},
		{&ConceptMap{Site: testSite, HiddenKinds: []kb.Kind{kb.KindIdea}}, true},
	} {
		svgs := findAll(render(t, tc.m), func(n *html.Node) bool { return hasClass(n, "concept-map") })
		if got := hasClass(svgs[0], "shows-every-link"); got != tc.want {
			t.Errorf("%+v: the map shows every link = %v, want %v", *tc.m, got, tc.want)
		}
	}
}

func TestTheMapIsFramedOnItsLayoutWithItsBandNamed(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite})
	frame := testSite.Knowledge.Map().Frame
	svgs := findAll(doc, func(n *html.Node) bool { return hasClass(n, "concept-map") })
	if want := (mapgeom.Viewport{X: frame.X, Y: frame.Y, W: frame.W, H: frame.H}).String(); attr(svgs[0], "viewBox") != want {
		t.Errorf("the map's viewBox is %q, want its frame %q", attr(svgs[0], "viewBox"), want)
	}
	if w := attr(svgs[0], "width"); w != mapgeom.Coord(frame.W*12.5/20) {
		t.Errorf("the map's own width is %s px, want 20-unit labels at 12.5 px", w)
	}
	if band := findAll(doc, func(n *html.Node) bool { return hasClass(n, "map-band") }); len(band) != 1 || strings.Join(strings.Fields(textOf(band[0])), " ") != mapgeom.BandLabel {
		t.Errorf("the band of problems and ideas is not drawn with its name")
	}
}

func TestAFocusedConceptHighlightsItsNeighbourhood(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite, Focus: "debate"})
	if maps := findAll(doc, func(n *html.Node) bool { return hasClass(n, "concept-map") && hasClass(n, "has-active") }); len(maps) != 1 {
		t.Errorf("the map is not marked as highlighting, so the rest would not be dimmed")
	}
	neighbours := testSite.Knowledge.Neighbours("debate")
	for _, n := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "node") }) {
		id := attr(n, "data-id")
		switch {
		case id == "debate" && !hasClass(n, "is-active"):
			t.Errorf("the focused node is not active")
		case neighbours[id] && !hasClass(n, "is-neighbour"):
			t.Errorf("neighbour %s is not highlighted", id)
		case id != "debate" && !neighbours[id] && (hasClass(n, "is-active") || hasClass(n, "is-neighbour")):
			t.Errorf("%s is highlighted, though not a neighbour", id)
		}
	}
	labels := findAll(doc, func(n *html.Node) bool {
		return n.Data == "text" && hasClass(n, "edge-label") && hasClass(n, "is-active")
	})
	if len(labels) != len(testSite.Knowledge.LinksOf("debate")) {
		t.Errorf("%d edge labels shown, want one per link of debate", len(labels))
	}
}

func TestTheLegendNamesEveryKindAndRelation(t *testing.T) {
	legend := textOf(render(t, &Legend{}))
	for _, want := range []string{"Research direction", "Method or tool", "Open problem", "is a method of", "is an analogy for", "complements"} {
		if !strings.Contains(legend, want) {
			t.Errorf("the legend lacks %q", want)
		}
	}
}

func TestASpotlightFramesItsConceptsAndDimsTheRest(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite, Spotlight: []string{"debate", "scalable-oversight"}})
	for _, n := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "node") }) {
		id := attr(n, "data-id")
		spotlit := id == "debate" || id == "scalable-oversight"
		if spotlit != hasClass(n, "is-spotlit") {
			t.Errorf("node %s: spotlit=%v but class %q", id, spotlit, attr(n, "class"))
		}
	}
	between := findAll(doc, func(n *html.Node) bool { return hasClass(n, "edge") && hasClass(n, "is-active") })
	if len(between) != 1 || attr(between[0], "data-from") != "debate" {
		t.Errorf("want the one edge between the spotlit concepts highlighted, got %d", len(between))
	}
}

func TestFiltersAndFocusModeLeaveOnlyWhatTheyShould(t *testing.T) {
	nodes := func(m *ConceptMap) map[string]bool {
		out := map[string]bool{}
		for _, n := range findAll(render(t, m), func(n *html.Node) bool { return hasClass(n, "node") }) {
			out[attr(n, "data-id")] = true
		}
		return out
	}
	noProblems := nodes(&ConceptMap{Site: testSite, HiddenKinds: []kb.Kind{kb.KindProblem}})
	for _, c := range testSite.Knowledge.Concepts() {
		if noProblems[c.ID] == (c.Kind == kb.KindProblem) {
			t.Errorf("with problems hidden, %s (%s) shown = %v", c.ID, c.Kind, noProblems[c.ID])
		}
	}
	around := nodes(&ConceptMap{Site: testSite, Focus: "debate", Hops: 1})
	want := testSite.Knowledge.Within("debate", 1)
	if len(around) != len(want) {
		t.Errorf("focus mode shows %d concepts, want debate and its %d neighbours", len(around), len(want)-1)
	}
	for id := range want {
		if !around[id] {
			t.Errorf("focus mode hides neighbour %s", id)
		}
	}
	// The focused concept stays even when its kind is hidden.
	if kept := nodes(&ConceptMap{Site: testSite, Focus: "debate", HiddenKinds: []kb.Kind{kb.KindMethod}}); !kept["debate"] {
		t.Errorf("hiding methods hid the focused method")
	}
}

func TestTheMapsAddressHoldsItsState(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{mapURL("", false, nil, 0), "/"},
		{mapURL("debate", true, []kb.Kind{kb.KindProblem, kb.KindIdea}, 2), "/?focus=debate&hide=problem%2Cidea&hops=2&lens=caveats"},
		{mapURL("", false, nil, 2), "/"},
	} {
		if tc.got != tc.want {
			t.Errorf("mapURL = %q, want %q", tc.got, tc.want)
		}
	}
}

// The map is drawn in parts of a few items each (MapPart), so that the app,
// as it first draws the map, gives the browser its thread back between
// them; together the parts draw every item of each layer once, in order.
func TestTheMapIsDrawnInSmallParts(t *testing.T) {
	doc := render(t, &ConceptMap{Site: testSite})
	k := testSite.Knowledge
	for _, layer := range []struct {
		class, item string
		want        int
	}{
		{"edges", "edge", len(k.Links())},
		{"nodes", "node", len(k.Concepts())},
		{"edge-labels", "edge-label", len(k.Links())},
	} {
		groups := findAll(doc, func(n *html.Node) bool { return n.Data == "g" && hasClass(n, layer.class) })
		if len(groups) != 1 {
			t.Fatalf("%d groups of class %s", len(groups), layer.class)
		}
		drawn, parts := 0, 0
		for part := range groups[0].ChildNodes() {
			parts++
			items := 0
			for item := range part.ChildNodes() {
				if !hasClass(item, layer.item) {
					t.Fatalf("a part of the %s holds a <%s> of class %q", layer.class, item.Data, attr(item, "class"))
				}
				items++
			}
			if items > mapPartSize {
				t.Errorf("a part of the %s draws %d items; at most %d", layer.class, items, mapPartSize)
			}
			drawn += items
		}
		if drawn != layer.want || parts < 2 {
			t.Errorf("the %s: %d items in %d parts, want %d items", layer.class, drawn, parts, layer.want)
		}
	}
}

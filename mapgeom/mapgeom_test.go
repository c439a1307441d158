package mapgeom

import (
	"reflect"
	"testing"

	"oversight/kb"
)

func TestLabelsWrapAtSpacesAndHyphens(t *testing.T) {
	for title, want := range map[string][]string{
		"Debate":                        {"Debate"},
		"Weak-to-strong generalization": {"Weak-to-strong", "generalization"},
		"Corrigibility under optimisation pressure": {"Corrigibility", "under", "optimisation", "pressure"},
		"Humans supervising superhuman AI":          {"Humans", "supervising", "superhuman AI"},
	} {
		if got := WrapLabel(title, 15); !reflect.DeepEqual(got, want) {
			t.Errorf("WrapLabel(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestANodeHoldsItsLabelAtItsPosition(t *testing.T) {
	c := &kb.Concept{Entry: kb.Entry{Title: "Recursive reward modelling"}, Kind: kb.KindMethod, Position: kb.Point{X: 300, Y: 200}}
	b := NodeBox(c)
	if b.Centre != c.Position || len(b.Lines) < 2 || b.FontSize != SmallestFontSize {
		t.Fatalf("a method's long title makes the box %+v: want it centred on the concept, wrapped, in the smallest font", b)
	}
	for _, line := range b.Lines {
		if width := TextWidth(line, b.FontSize); width > b.Width {
			t.Errorf("the line %q (%.0f units) overflows its box (%.0f)", line, width, b.Width)
		}
	}
	if text := float64(len(b.Lines)) * b.FontSize * LineHeight; text > b.Height {
		t.Errorf("%d lines (%.0f units) overflow the box's height %.0f", len(b.Lines), text, b.Height)
	}
	core := NodeBox(&kb.Concept{Entry: kb.Entry{Title: "Recursive reward modelling"}, Kind: kb.KindCore})
	if core.FontSize <= b.FontSize || core.Width <= b.Width {
		t.Errorf("the core's node (%+v) does not stand out from a method's (%+v)", core, b)
	}
}

func TestTextIsAsWideAsItsLettersInTheMapsFont(t *testing.T) {
	// In Arial Bold "Automated" is 5.222 em and "ill" 0.834 em; a letter
	// beyond ASCII counts as an M.
	for _, tc := range []struct {
		text string
		want float64
	}{{"Automated", 104.44}, {"ill", 16.68}, {"é", 16.66}} {
		if got := TextWidth(tc.text, 20); got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("%q at 20 units is %.2f wide, want %.2f", tc.text, got, tc.want)
		}
	}
}

func TestBoxesOverlapWhenCloserThanTheGap(t *testing.T) {
	a := Box{Centre: kb.Point{X: 0, Y: 0}, Width: 100, Height: 40}
	for _, tc := range []struct {
		x, gap float64
		want   bool
	}{{x: 90, gap: 0, want: true}, {x: 110, gap: 0, want: false}, {x: 110, gap: 16, want: true}, {x: 120, gap: 16, want: false}} {
		b := Box{Centre: kb.Point{X: tc.x, Y: 0}, Width: 100, Height: 40}
		if got := a.Overlaps(b, tc.gap); got != tc.want {
			t.Errorf("boxes %v apart with gap %v overlap = %v", tc.x, tc.gap, got)
		}
	}
}

func TestTheStructureIsWhatTheMapDrawsAtRest(t *testing.T) {
	concept := func(id string, kind kb.Kind, links ...kb.Link) *kb.Concept {
		return &kb.Concept{Entry: kb.Entry{ID: id, Title: id}, Kind: kind, Links: links}
	}
	link := func(from, to string, r kb.Relation) kb.Link { return kb.Link{From: from, To: to, Relation: r} }
	k := kb.New(kb.Parts{Concepts: []*kb.Concept{
		concept("core", kb.KindCore),
		concept("dir", kb.KindDirection, link("dir", "core", kb.RelOverlaps), link("dir", "prob", kb.RelAddresses)),
		concept("m", kb.KindMethod, link("m", "dir", kb.RelMethodOf), link("m", "m2", kb.RelBuildsOn)),
		concept("m2", kb.KindMethod, link("m2", "m", kb.RelToolFor)),
		concept("prob", kb.KindProblem, link("prob", "core", kb.RelMotivates)),
	}})
	want := map[[2]string]bool{
		{"dir", "core"}: true, {"dir", "prob"}: false, {"m", "dir"}: true,
		{"m", "m2"}: false, {"m2", "m"}: true, {"prob", "core"}: false,
	}
	for _, l := range k.Links() {
		if got := AtRest(k, l); got != want[[2]string{l.From, l.To}] {
			t.Errorf("%s %s %s drawn at rest = %v", l.From, l.Relation, l.To, got)
		}
	}
}

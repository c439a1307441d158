package load

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"oversight/kb"
)

// merged is a content tree where scalable-oversight absorbed two old
// concepts, declared on the given front matter line.
func merged(aliases string, more fstest.MapFS) fstest.MapFS {
	files := fstest.MapFS{
		"concepts/debate.md": concept(validFront...),
		"concepts/scalable-oversight.md": concept("title: Scalable oversight", "kind: direction", "summary: Help judges.",
			"position: {x: 300, y: 300}", aliases),
	}
	for name, f := range more {
		files[name] = f
	}
	return tree(files)
}

func TestAnOldIdLeadsToTheConceptItWasMergedInto(t *testing.T) {
	k, err := Content(merged("aliases: [oversight-that-scales, humans-supervising]", nil), "content")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := k.Concept("scalable-oversight")
	if !reflect.DeepEqual(c.Aliases, []string{"oversight-that-scales", "humans-supervising"}) {
		t.Errorf("aliases = %v", c.Aliases)
	}
	for _, old := range c.Aliases {
		if to, ok := k.RedirectOf(old); !ok || to != "scalable-oversight" {
			t.Errorf("RedirectOf(%q) = %q, %v", old, to, ok)
		}
	}
	if _, ok := k.RedirectOf("debate"); ok {
		t.Error("a current id has a redirect")
	}
	want := []kb.Redirect{{From: "humans-supervising", To: "scalable-oversight"}, {From: "oversight-that-scales", To: "scalable-oversight"}}
	if got := k.Redirects(); !reflect.DeepEqual(got, want) {
		t.Errorf("Redirects() = %v, want %v", got, want)
	}
}

func TestAliasesAreCheckedWithFileAndLine(t *testing.T) {
	cases := []struct {
		name    string
		aliases string
		more    fstest.MapFS
		want    string
	}{
		{
			name:    "an alias that is a concept's id",
			aliases: "aliases: [debate]",
			want:    `content/concepts/scalable-oversight.md:6: alias "debate" is the id of a concept (content/concepts/debate.md)`,
		},
		{
			name:    "an alias claimed twice",
			aliases: "aliases: [old-id]",
			more: fstest.MapFS{"concepts/weak-to-strong.md": concept("title: Weak to strong", "kind: direction", "summary: S.",
				"position: {x: 900, y: 900}", "aliases: [old-id]")},
			want: `content/concepts/weak-to-strong.md:6: alias "old-id" is already an alias of scalable-oversight (content/concepts/scalable-oversight.md:6)`,
		},
		{
			name:    "an alias that is not an id",
			aliases: "aliases: [Old Id]",
			want:    `content/concepts/scalable-oversight.md:6: alias "Old Id" is not a valid id`,
		},
		{
			name:    "a link to an old id",
			aliases: "aliases: [old-id]",
			more: fstest.MapFS{"concepts/weak-to-strong.md": concept("title: Weak to strong", "kind: direction", "summary: S.",
				"position: {x: 900, y: 900}", "links:", "  - to: old-id", "    relation: overlaps", "    note: N.")},
			want: `content/concepts/weak-to-strong.md:7: unknown link target "old-id" (an old id, merged into scalable-oversight: name scalable-oversight instead)`,
		},
		{
			name:    "a built-in tour naming an old id",
			aliases: "aliases: [old-id]",
			more:    fstest.MapFS{"tours/walk.md": {Data: []byte("---\ntitle: Walk\naudience: All\nminutes: 5\nsummary: S.\nreviewed: 2026-11-26\n---\n\n## Step\n\nConcepts: old-id\n\nText [@s1].\n")}},
			want:    `content/tours/walk.md:11: unknown concept "old-id" (an old id, merged into scalable-oversight: name scalable-oversight instead)`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Content(merged(c.aliases, c.more), "content")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got:\n%v\nwant a fault starting:\n%s", err, c.want)
			}
		})
	}
}

// A teacher's tour written before a merge still plays: its old ids name
// the concepts they were merged into.
func TestAnImportedTourMayNameAMergedConceptByItsOldId(t *testing.T) {
	k, err := Content(merged("aliases: [old-id]", nil), "content")
	if err != nil {
		t.Fatal(err)
	}
	tour, err := Tour("mine.md", []byte("---\ntitle: Mine\naudience: Class\nminutes: 5\nsummary: S.\n---\n\n## Step\n\nConcepts: old-id, debate\n\nSee [it](/concepts/old-id).\n\n## Self-check\n\n### Q?\n\n- [x] A\n- [ ] B\n\nFeedback: See [it](/concepts/old-id).\n"), k)
	if err != nil {
		t.Fatal(err)
	}
	if got := tour.Steps[0].Concepts; !reflect.DeepEqual(got, []string{"scalable-oversight", "debate"}) {
		t.Errorf("the step spotlights %v, want the merged concept's current id", got)
	}
}

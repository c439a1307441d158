package load

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"oversight/kb"
)

// concept writes a concept file around the given front matter lines, adding
// the review date and source every item needs after them.
func concept(front ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + strings.Join(append(front, citedFront...), "\n") + "\n---\nThe definition.\n")}
}

var citedFront = []string{"reviewed: 2026-11-26", "sources: [s1]"}

// tree adds the source that the fixtures cite to a content tree.
func tree(files fstest.MapFS) fstest.MapFS {
	if files["sources/s1.md"] == nil {
		files["sources/s1.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A paper\nauthors: A. Author\nvenue: arXiv\ndate: 2023\nurl: https://example.org/paper\nstatus: verified\n---\nWhat it shows.\n")}
	}
	return files
}

var validFront = []string{
	"title: Debate",                // line 2
	"kind: method",                 // line 3
	"summary: Two models argue.",   // line 4
	"position: {x: 100, y: 100}",   // line 5
	"links:",                       // line 6
	"  - to: scalable-oversight",   // line 7
	"    relation: method-of",      // line 8
	"    note: A way to scale it.", // line 9
}

func oversight() *fstest.MapFile {
	return concept("title: Scalable oversight", "kind: direction", "summary: Help judges.")
}

func withLine(lines []string, n int, replacement string) []string {
	out := append([]string(nil), lines...)
	out[n-2] = replacement // front matter starts on file line 2
	return out
}

func TestLoadReportsEachFaultWithFileAndLine(t *testing.T) {
	cases := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{
			name: "unknown link target",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 7, "  - to: scalable-oversigt")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:7: unknown link target "scalable-oversigt" (did you mean scalable-oversight?)`,
		},
		{
			name: "duplicate id in a sub-folder",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(validFront...),
				"concepts/methods/debate.md":     concept(validFront...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/methods/debate.md:1: duplicate id "debate": content/concepts/debate.md already defines it`,
		},
		{
			name: "missing title",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(validFront[1:]...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:2: missing title`,
		},
		{
			name: "missing summary",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(append(validFront[:2:2], validFront[3:]...)...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:2: missing summary`,
		},
		{
			name: "empty summary",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 4, `summary: ""`)...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:4: summary is empty`,
		},
		{
			name: "unknown kind",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 3, "kind: gadget")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:3: unknown kind "gadget" (one of: core, direction, method, problem, idea)`,
		},
		{
			name: "unknown relation",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 8, "    relation: likes")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:8: unknown relation "likes" (one of: method-of, tool-for, overlaps, complements, analogy-for, addresses, builds-on, motivates)`,
		},
		{
			name: "a file larger than 64 KiB",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(append(validFront, "summary: "+strings.Repeat("Long. ", 11000))...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:1: the file is 65 KiB; the most a content file may be is 64 KiB: split it`,
		},
		{
			name: "front matter that does not parse",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 5, "position: {x: 100, y: 100")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:5: front matter does not parse as YAML`,
		},
		{
			name: "front matter indented wrongly",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 3, "  kind: method")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:3: front matter does not parse as YAML`,
		},
		{
			name: "front matter missing",
			files: fstest.MapFS{
				"concepts/debate.md": {Data: []byte("# Debate\nNo front matter here.\n")},
			},
			want: `content/concepts/debate.md:1: front matter missing`,
		},
		{
			name: "front matter not closed",
			files: fstest.MapFS{
				"concepts/debate.md": {Data: []byte("---\ntitle: Debate\n")},
			},
			want: `content/concepts/debate.md:1: front matter not closed`,
		},
		{
			name: "unknown field, as when a name is misspelt",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 4, "sumary: Two models argue.")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:4: unknown field "sumary"`,
		},
		{
			name: "a title that would break an HTML attribute",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 2, `title: The "debate" game`)...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:2: title contains one of " \ < >`,
		},
		{
			name: "a position off the map",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(withLine(validFront, 5, "position: {x: 9000, y: 100}")...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:5: position x = 9000 is off the map (0 to 5000)`,
		},
		{
			name: "a link without a note",
			files: fstest.MapFS{
				"concepts/debate.md":             concept(validFront[:7]...),
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:7: link to "scalable-oversight" needs a note`,
		},
		{
			name: "the same pair linked twice",
			files: fstest.MapFS{
				"concepts/debate.md": concept(validFront...),
				"concepts/scalable-oversight.md": concept("title: Scalable oversight", "kind: direction", "summary: Help judges.",
					"position: {x: 300, y: 300}", "links:", "  - to: debate", "    relation: overlaps", "    note: Again."),
			},
			want: `content/concepts/scalable-oversight.md:7: scalable-oversight and debate are already related at content/concepts/debate.md:7`,
		},
		{
			name: "a body linking to an unknown concept",
			files: fstest.MapFS{
				"concepts/debate.md": {Data: []byte("---\n" + strings.Join(append(validFront, citedFront...), "\n") +
					"\n---\nFirst line.\nSee [oversight](/concepts/scalable-oversite).\n")},
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:14: the body links to unknown concept "scalable-oversite" (did you mean scalable-oversight?)`,
		},
		{
			name: "a file name that is not a slug",
			files: fstest.MapFS{
				"concepts/Debate Game.md": concept(validFront...),
			},
			want: `content/concepts/Debate Game.md:1: file name "Debate Game.md" is not a valid id`,
		},
		{
			name: "no definition",
			files: fstest.MapFS{
				"concepts/debate.md":             {Data: []byte("---\n" + strings.Join(append(validFront, citedFront...), "\n") + "\n---\n\n")},
				"concepts/scalable-oversight.md": oversight(),
			},
			want: `content/concepts/debate.md:13: body missing`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k, err := Content(tree(tc.files), "content")
			if k != nil {
				t.Fatalf("Load returned a knowledge base despite the fault")
			}
			var faults kb.Faults
			if !errors.As(err, &faults) {
				t.Fatalf("Load error = %v, want Faults", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("faults:\n%v\nwant one starting:\n%s", err, tc.want)
			}
		})
	}
}

func TestLoadReportsEveryFaultAtOnce(t *testing.T) {
	files := fstest.MapFS{
		"concepts/debate.md": concept(withLine(withLine(validFront, 3, "kind: gadget"), 8, "    relation: likes")...),
		"concepts/other.md":  concept("kind: method", "summary: x", "position: {x: 1, y: 1}"),
	}
	_, err := Content(tree(files), "content")
	var faults kb.Faults
	if !errors.As(err, &faults) || len(faults) != 4 {
		t.Fatalf("want 4 faults (kind, relation, unknown target, missing title), got:\n%v", err)
	}
}

func TestLoadBuildsTheKnowledgeBase(t *testing.T) {
	k, err := Content(tree(fstest.MapFS{
		"concepts/debate.md":             concept(validFront...),
		"concepts/scalable-oversight.md": oversight(),
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	debate, ok := k.Concept("debate")
	if !ok || debate.Title != "Debate" || debate.Kind != kb.KindMethod {
		t.Fatalf("debate = %+v", debate)
	}
	if !debate.Pinned || debate.Position != (kb.Point{X: 100, Y: 100}) || debate.PositionLine != 5 {
		t.Errorf("debate's position: pinned %v at %+v (line %d), want pinned at {100 100} on line 5", debate.Pinned, debate.Position, debate.PositionLine)
	}
	if so, _ := k.Concept("scalable-oversight"); so.Pinned {
		t.Errorf("a concept without a position is pinned at %+v; the layout should place it", so.Position)
	}
	if debate.Body != "<div class=\"prose\"><p>The definition.</p>\n</div>" {
		t.Errorf("definition = %q", debate.Body)
	}
	want := kb.Link{From: "debate", To: "scalable-oversight", Relation: kb.RelMethodOf, Note: "A way to scale it.", Line: 7}
	if links := k.LinksOf("scalable-oversight"); len(links) != 1 || links[0] != want {
		t.Errorf("links of scalable-oversight = %+v, want the incoming %+v", links, want)
	}
	if ids := k.Concepts(); ids[0].ID != "scalable-oversight" {
		t.Errorf("directions come before methods; got %s first", ids[0].ID)
	}
}

func TestTheContentCheckerRefusesWhatAPageCouldNotShowSafely(t *testing.T) {
	body := "<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n![a picture](/web/icon.svg)\n"
	_, err := Content(tree(fstest.MapFS{
		"concepts/debate.md":             {Data: []byte("---\n" + strings.Join(append(validFront, citedFront...), "\n") + "\n---\n" + body)},
		"concepts/scalable-oversight.md": oversight(),
	}), "content")
	want := []string{
		"content/concepts/debate.md:13: HTML is not shown: write Markdown instead",
		`content/concepts/debate.md:15: the link to "javascript:alert(1)" is not shown, only its text: links must start with /, #, https:// or http://`,
		"content/concepts/debate.md:15: HTML is not shown: write Markdown instead",
		"content/concepts/debate.md:17: images are not shown: only the image's description is kept",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("faults:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func TestNearestOffersPlausibleConcepts(t *testing.T) {
	k, err := Content(tree(fstest.MapFS{
		"concepts/debate.md":             concept(validFront...),
		"concepts/scalable-oversight.md": oversight(),
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	if got := k.Nearest("debat", 1); got[0].ID != "debate" {
		t.Errorf("nearest to debat = %s", got[0].ID)
	}
	if got := k.Nearest("oversight", 2); got[0].ID != "scalable-oversight" || len(got) != 2 {
		t.Errorf("nearest to oversight = %v", got)
	}
}

func TestWithinCountsHopsBothWays(t *testing.T) {
	k, err := Content(tree(fstest.MapFS{
		"concepts/debate.md":             concept(validFront...),
		"concepts/scalable-oversight.md": oversight(),
		"concepts/lonely.md":             concept("title: Lonely", "kind: idea", "summary: Alone."),
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	if got := k.Within("scalable-oversight", 0); len(got) != 1 {
		t.Errorf("0 hops reach %v", got)
	}
	if got := k.Within("scalable-oversight", 1); !got["debate"] || got["lonely"] || len(got) != 2 {
		t.Errorf("1 hop from scalable-oversight reaches %v", got)
	}
}

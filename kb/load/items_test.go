package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"oversight/kb"
)

func file(lines ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Join(lines, "\n") + "\n")}
}

// base is a small valid tree: one concept citing one source.
func base() fstest.MapFS {
	return tree(fstest.MapFS{"concepts/scalable-oversight.md": oversight()})
}

func with(extra fstest.MapFS) fstest.MapFS {
	files := base()
	for k, v := range extra {
		files[k] = v
	}
	return files
}

var validCaveat = []string{
	"---",                                  // 1
	"title: The analogy may break",         // 2
	"group: limits-and-disputes",           // 3
	"summary: Humans are not weak models.", // 4
	"qualifies: [scalable-oversight]",      // 5
	"reviewed: 2026-11-26",                 // 6
	"sources: [s1]",                        // 7
	"---",                                  // 8
	"The analogy is imperfect [@s1].",      // 9
}

var validEvent = []string{
	"---",                            // 1
	"title: The team is announced",   // 2
	"date: 2023-07-05",               // 3
	"evidence: official",             // 4
	"summary: A new team.",           // 5
	"concerns: [scalable-oversight]", // 6
	"reviewed: 2026-11-26",           // 7
	"sources: [s1]",                  // 8
	"---",                            // 9
	"It was announced [@s1].",        // 10
}

func replaced(lines []string, n int, with string) []string {
	out := append([]string(nil), lines...)
	out[n-1] = with
	return out
}

func without(lines []string, n int) []string {
	out := append([]string(nil), lines[:n-1]...)
	return append(out, lines[n:]...)
}

func TestCitationsAndReferencesAreChecked(t *testing.T) {
	cases := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{
			name:  "a citation in the body to an unknown source",
			files: with(fstest.MapFS{"caveats/analogy.md": file(replaced(validCaveat, 9, "Imperfect [@s2].")...)}),
			want:  `content/caveats/analogy.md:9: citation of unknown source "s2"`,
		},
		{
			name:  "a listed source that does not exist",
			files: with(fstest.MapFS{"caveats/analogy.md": file(replaced(validCaveat, 7, "sources: [s1, nobody2024]")...)}),
			want:  `content/caveats/analogy.md:7: citation of unknown source "nobody2024"`,
		},
		{
			name:  "a caveat qualifying an unknown concept",
			files: with(fstest.MapFS{"caveats/analogy.md": file(replaced(validCaveat, 5, "qualifies: [scalable-oversite]")...)}),
			want:  `content/caveats/analogy.md:5: qualifies names unknown concept "scalable-oversite" (did you mean scalable-oversight?)`,
		},
		{
			name:  "a caveat qualifying nothing",
			files: with(fstest.MapFS{"caveats/analogy.md": file(without(validCaveat, 5)...)}),
			want:  `content/caveats/analogy.md:2: missing qualifies`,
		},
		{
			name:  "a caveat in an unknown group",
			files: with(fstest.MapFS{"caveats/analogy.md": file(replaced(validCaveat, 3, "group: gripes")...)}),
			want:  `content/caveats/analogy.md:3: unknown group "gripes"`,
		},
		{
			name:  "an event concerning an unknown concept",
			files: with(fstest.MapFS{"history/team.md": file(replaced(validEvent, 6, "concerns: [superalignmnt]")...)}),
			want:  `content/history/team.md:6: concerns names unknown concept "superalignmnt"`,
		},
		{
			name:  "an event without a date",
			files: with(fstest.MapFS{"history/team.md": file(without(validEvent, 3)...)}),
			want:  `content/history/team.md:2: missing date (YYYY-MM-DD or YYYY-MM)`,
		},
		{
			name:  "an event with a date that is not one",
			files: with(fstest.MapFS{"history/team.md": file(replaced(validEvent, 3, "date: July 2023")...)}),
			want:  `content/history/team.md:3: date "July 2023" is not a date written YYYY-MM-DD or YYYY-MM`,
		},
		{
			name:  "an event without an evidence level",
			files: with(fstest.MapFS{"history/team.md": file(without(validEvent, 4)...)}),
			want:  `content/history/team.md:2: missing evidence`,
		},
		{
			name:  "an event with an unknown evidence level",
			files: with(fstest.MapFS{"history/team.md": file(replaced(validEvent, 4, "evidence: rumour")...)}),
			want:  `content/history/team.md:4: unknown evidence level "rumour" (one of: official, paper, press, personal)`,
		},
		{
			name: "a concept with no source",
			files: tree(fstest.MapFS{
				"concepts/scalable-oversight.md": file("---", "title: Scalable oversight", "kind: direction", "summary: S.",
					"position: {x: 300, y: 300}", "reviewed: 2026-11-26", "---", "Uncited."),
				"caveats/analogy.md": file(validCaveat...),
			}),
			want: `content/concepts/scalable-oversight.md:2: no source`,
		},
		{
			name:  "a caveat with no source",
			files: with(fstest.MapFS{"caveats/analogy.md": file(replaced(without(validCaveat, 7), 8, "Uncited.")...)}),
			want:  `content/caveats/analogy.md:2: no source`,
		},
		{
			name:  "an event with no source",
			files: with(fstest.MapFS{"history/team.md": file(replaced(without(validEvent, 8), 9, "Uncited.")...)}),
			want:  `content/history/team.md:2: no source`,
		},
		{
			name: "a source that nothing cites",
			files: with(fstest.MapFS{"sources/lonely2024.md": file("---", "title: Lonely", "authors: L. Onely", "venue: Blog",
				"status: verified", "---")}),
			want: `content/sources/lonely2024.md:1: source "lonely2024" is cited by nothing`,
		},
		{
			name: "an unverified source that does not say what is unverified",
			files: with(fstest.MapFS{"sources/s1.md": file("---", "title: A paper", "authors: A. Author", "venue: arXiv",
				"status: unverified", "---")}),
			want: `content/sources/s1.md:5: a source that is not verified needs unverified:`,
		},
		{
			name:  "an item never reviewed",
			files: with(fstest.MapFS{"caveats/analogy.md": file(without(validCaveat, 6)...)}),
			want:  `content/caveats/analogy.md:2: missing reviewed (YYYY-MM-DD)`,
		},
		{
			name:  "a page that takes a route of the app",
			files: with(fstest.MapFS{"pages/sources.md": file("---", "title: T", "summary: S.", "reviewed: 2026-11-26", "sources: [s1]", "---", "Text.")}),
			want:  `content/pages/sources.md:1: the page id "sources" is taken by the app's own pages`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Content(tc.files, "content")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("faults:\n%v\nwant one starting:\n%s", err, tc.want)
			}
		})
	}
}

func TestCitationsBecomeNumberedLinksToTheBibliography(t *testing.T) {
	files := with(fstest.MapFS{
		"sources/s2.md": file("---", "title: Another", "authors: B. Author", "venue: Blog", "date: 2024-05",
			"status: partly-verified", "unverified: The exact day.", "---"),
		"caveats/analogy.md": file(replaced(replaced(validCaveat, 7, "sources: [s1, s2]"), 9,
			"Second first [@s2], then the first [@s1], and the second again [@s2].")...),
		"history/team.md": file(validEvent...),
	})
	k, err := Content(files, "content")
	if err != nil {
		t.Fatal(err)
	}
	c, ok := k.Caveat("analogy")
	if !ok {
		t.Fatal("no caveat")
	}
	if strings.Join(c.Sources, ",") != "s2,s1" {
		t.Errorf("sources are numbered %v, want by first citation: s2, s1", c.Sources)
	}
	for _, want := range []string{`<a href="/sources#s2">[1]</a>`, `<a href="/sources#s1">[2]</a>`} {
		if !strings.Contains(c.Body, want) {
			t.Errorf("body %s lacks %s", c.Body, want)
		}
	}
	if got := k.CaveatsOf("scalable-oversight"); len(got) != 1 || got[0].ID != "analogy" {
		t.Errorf("caveats of scalable-oversight = %v", got)
	}
	if got := k.EventsOf("scalable-oversight"); len(got) != 1 || got[0].Evidence != kb.EvidenceOfficial {
		t.Errorf("events of scalable-oversight = %v", got)
	}
	s2, _ := k.Source("s2")
	if s2.Status != kb.StatusPartlyVerified || s2.Unverified != "The exact day." || s2.Date != "2024-05" {
		t.Errorf("source s2 = %+v", s2)
	}
}

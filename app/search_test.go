package app

import (
	"testing"
	"testing/fstest"

	"oversight/kb/load"
	"oversight/search"
)

func TestSearchRanksTitleMatchesFirstAcrossEveryKindOfItem(t *testing.T) {
	index := buildSearchIndex(testSite.Knowledge)
	for query, wantFirst := range map[string]string{
		"recursive reward": "/concepts/recursive-reward-modeling",
		"Debate":           "/concepts/debate",
		"weak to strong":   "/concepts/weak-to-strong-generalization",
		"analogy":          "/caveats/analogy-may-break",
		"fast grants":      "/history/superalignment-fast-grants",
		"spiralist":        "/readings/spiralist",
		"sleeper agents":   "/sources#hubinger2024sleeper",
		"caveats":          "/caveats",
		"timeline":         "/history",
		"why the judge":    "/tours/why-the-judge-fails",
		"lesson":           "/tours",
	} {
		results := index.Find(query, 8)
		if len(results) == 0 || results[0].Path != wantFirst {
			t.Errorf("search %q: first result %v, want %s", query, first(results), wantFirst)
		}
	}
}

func TestSearchMatchesWordStartsAndIgnoresCaseAndPunctuation(t *testing.T) {
	index := buildSearchIndex(testSite.Knowledge)
	if r := index.Find("REW MOD", 8); len(r) == 0 || r[0].Path != "/concepts/recursive-reward-modeling" {
		t.Errorf("word starts in any case should find recursive reward modelling, got %v", first(r))
	}
	if r := index.Find("versight", 8); len(r) != 0 {
		t.Errorf("the middle of a word matched: %v", r)
	}
	if r := index.Find("   ", 8); r != nil {
		t.Errorf("an empty query found %v", r)
	}
	if r := index.Find("the", 3); len(r) != 3 {
		t.Errorf("the limit was not applied: %d results", len(r))
	}
}

func first(r []search.Result) string {
	if len(r) == 0 {
		return "nothing"
	}
	return r[0].Title + " (" + r[0].Path + ")"
}

// Every site searches its own knowledge base: a page of a second site
// never finds what only the first one holds, whichever searched first.
func TestEachSiteSearchesItsOwnKnowledgeBase(t *testing.T) {
	k, err := load.Content(fstest.MapFS{
		"concepts/consensus-checking.md": {Data: []byte("---\ntitle: Consensus checking\nsummary: A made-up method.\nkind: method\n" +
			"position: {x: 100, y: 100}\nreviewed: 2026-11-26\nsources: [s1]\n---\nThe definition.\n")},
		"sources/s1.md": {Data: []byte("---\ntitle: A paper\nauthors: A. Author\nvenue: arXiv\ndate: 2023\nurl: https://example.org/\nstatus: verified\n---\n")},
	}, ".")
	if err != nil {
		t.Fatal(err)
	}
	small := NewSite(k, nil, nil)
	if r := testSite.searchIndex().Find("recursive reward", 8); len(r) == 0 {
		t.Fatal("the real site finds no recursive reward modelling")
	}
	if r := small.searchIndex().Find("recursive reward", 8); len(r) != 0 {
		t.Errorf("the small site finds the real site's %v", r)
	}
	if r := small.searchIndex().Find("consensus", 8); len(r) == 0 || r[0].Path != "/concepts/consensus-checking" {
		t.Errorf("the small site does not find its own concept first: %v", first(r))
	}
	if r := testSite.searchIndex().Find("consensus checking", 8); len(r) != 0 && r[0].Path == "/concepts/consensus-checking" {
		t.Errorf("the real site finds the small site's concept")
	}
}

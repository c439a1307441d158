package app

import (
	"testing"
)

func TestSearchRanksTitleMatchesFirstAcrossEveryKindOfItem(t *testing.T) {
	index := buildSearchIndex(knowledge)
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
		results := search(index, query, 8)
		if len(results) == 0 || results[0].Path != wantFirst {
			t.Errorf("search %q: first result %v, want %s", query, first(results), wantFirst)
		}
	}
}

func TestSearchMatchesWordStartsAndIgnoresCaseAndPunctuation(t *testing.T) {
	index := buildSearchIndex(knowledge)
	if r := search(index, "REW MOD", 8); len(r) == 0 || r[0].Path != "/concepts/recursive-reward-modeling" {
		t.Errorf("word starts in any case should find recursive reward modelling, got %v", first(r))
	}
	if r := search(index, "versight", 8); len(r) != 0 {
		t.Errorf("the middle of a word matched: %v", r)
	}
	if r := search(index, "   ", 8); r != nil {
		t.Errorf("an empty query found %v", r)
	}
	if r := search(index, "the", 3); len(r) != 3 {
		t.Errorf("the limit was not applied: %d results", len(r))
	}
}

func first(r []searchResult) string {
	if len(r) == 0 {
		return "nothing"
	}
	return r[0].Title + " (" + r[0].Path + ")"
}

package search

import (
	"slices"
	"testing"
)

func index(items ...Result) *Index {
	var ix Index
	for _, r := range items {
		ix.Add(r, r.Summary)
	}
	return &ix
}

func paths(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Path)
	}
	return out
}

func TestAnExactTitleComesBeforeATitleThatStartsWithTheQueryThenTitleWordsThenOtherWords(t *testing.T) {
	ix := index(
		Result{Title: "Oversight of debates", Path: "/words-in-summary", Summary: "about reward models"},
		Result{Title: "Models of reward", Path: "/title-words"},
		Result{Title: "Reward models and more", Path: "/title-prefix"},
		Result{Title: "Reward models", Path: "/exact"},
	)
	got := paths(ix.Find("reward models", 10))
	want := []string{"/exact", "/title-prefix", "/title-words", "/words-in-summary"}
	if !slices.Equal(got, want) {
		t.Errorf("ranked %v, want %v", got, want)
	}
}

func TestWordsMatchFromTheirStartInAnyCaseAndPunctuation(t *testing.T) {
	ix := index(Result{Title: "Weak-to-strong generalization", Path: "/w2s"}, Result{Title: "Brewed coffee", Path: "/brew"})
	for _, q := range []string{"weak to strong", "WEAK-TO", "gen", "  weak   strong "} {
		if got := paths(ix.Find(q, 10)); !slices.Equal(got, []string{"/w2s"}) {
			t.Errorf("%q found %v, want only /w2s", q, got)
		}
	}
	if got := ix.Find("rew", 10); len(got) != 0 {
		t.Errorf("the middle of a word matched: %v", paths(got))
	}
	if got := ix.Find(" - ", 10); got != nil {
		t.Errorf("a query of no words found %v", paths(got))
	}
}

func TestTiesKeepTheOrderItemsWereAddedInAndTheLimitHolds(t *testing.T) {
	ix := index(Result{Title: "Debate one", Path: "/1"}, Result{Title: "Debate two", Path: "/2"}, Result{Title: "Debate three", Path: "/3"})
	if got := paths(ix.Find("debate", 2)); !slices.Equal(got, []string{"/1", "/2"}) {
		t.Errorf("found %v, want the first two added", got)
	}
}

// Package search finds items by what a reader types: it ranks titles
// first, matches the start of words, and ignores case and punctuation. It
// knows nothing of the app's pages: the app adds each item with the words
// it may be found by (app/searchindex.go), in the order ties keep.
package search

import (
	"sort"
	"strings"
	"unicode"
)

// Result is one item found.
type Result struct {
	Title string
	// Kind says what the item is, as readers name it: Concept, Caveat, …
	Kind    string
	Summary string
	Path    string
}

// Index is every item that a search matches, in the order they were added.
type Index struct {
	items []item
}

// item is a Result ready to be matched: its title and its other words,
// folded once when added rather than at every keystroke.
type item struct {
	Result
	title, words string
}

// Add makes r findable by its title and by words, which are matched after
// the title (an id, a summary, names).
func (ix *Index) Add(r Result, words string) {
	ix.items = append(ix.items, item{Result: r, title: fold(r.Title), words: fold(words)})
}

// The weights of where a query matches: the title first, as readers expect.
const (
	scoreTitleExact  = 100
	scoreTitlePrefix = 60
	scoreTitleWords  = 40
	scoreOtherWords  = 10
)

// Find ranks every item against the query and returns the best limit: an
// exact title, then a title starting with the query, then titles holding
// every word of the query, then items whose other words hold them. Ties
// keep the order items were added in.
func (ix *Index) Find(query string, limit int) []Result {
	q := fold(query)
	words := strings.Fields(q)
	if len(words) == 0 {
		return nil
	}
	type scored struct {
		Result
		score int
	}
	var found []scored
	for _, it := range ix.items {
		score := 0
		switch {
		case it.title == q:
			score = scoreTitleExact
		case strings.HasPrefix(it.title, q):
			score = scoreTitlePrefix
		case containsAllWords(it.title, words):
			score = scoreTitleWords
		case containsAllWords(it.title+" "+it.words, words):
			score = scoreOtherWords
		default:
			continue
		}
		found = append(found, scored{it.Result, score})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	results := make([]Result, 0, min(limit, len(found)))
	for _, f := range found[:min(limit, len(found))] {
		results = append(results, f.Result)
	}
	return results
}

// containsAllWords matches each query word at the start of a word of the
// text, so "rew" finds "reward" but not "brewed".
func containsAllWords(text string, words []string) bool {
	for _, w := range words {
		if !strings.HasPrefix(text, w) && !strings.Contains(text, " "+w) {
			return false
		}
	}
	return true
}

// fold lowers the text and turns punctuation into spaces, so that
// "weak-to-strong" and "weak to strong" match alike.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

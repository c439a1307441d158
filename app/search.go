package app

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"oversight/kb"
)

// SearchPath is the search results page, which also works without
// JavaScript: the search box is a plain form that submits to it.
const SearchPath = "/search"

// searchResult is one item found by search.
type searchResult struct {
	Title string
	// Kind says what the item is, as readers name it: Concept, Caveat, …
	Kind    string
	Summary string
	Path    string
	score   int
}

// searchable is an item of the knowledge base, ready to be matched.
type searchable struct {
	searchResult
	title, text string
}

// indexPages are the app's own pages that a reader may search for by name;
// the id holds extra words to match.
var indexPages = []struct {
	path  string
	entry kb.Entry
}{
	{"/", kb.Entry{Title: "Concept map", Summary: "The map of superalignment's research directions, methods and problems.", ID: "map overview"}},
	{CaveatsPath, kb.Entry{Title: "Caveats", Summary: "The limits and disputes of superalignment, and the caveats on each direction.", ID: "limits disputes"}},
	{HistoryPath, kb.Entry{Title: "Institutional history", Summary: "A timeline of superalignment as an institutional effort.", ID: "history timeline"}},
	{QuestionsPath, kb.Entry{Title: "Open questions", Summary: "Discussion prompts for each research direction.", ID: "questions discussion"}},
	{SourcesPath, kb.Entry{Title: "Sources", Summary: "The bibliography behind every claim.", ID: "sources bibliography references"}},
	{ToursPath, kb.Entry{Title: "Classroom tours", Summary: "Guided walkthroughs of the map for a class or on your own.", ID: "tours walkthrough lesson class"}},
	{GlossaryPath, kb.Entry{Title: "Glossary", Summary: "The technical terms, each in plain language.", ID: "glossary terms definitions jargon"}},
}

func buildSearchIndex(k *kb.KB) []searchable {
	var index []searchable
	add := func(kind, path string, e kb.Entry) {
		index = append(index, searchable{
			searchResult: searchResult{Title: e.Title, Kind: kind, Summary: e.Summary, Path: path},
			title:        fold(e.Title),
			text:         fold(e.ID + " " + e.Summary),
		})
	}
	for _, c := range k.Concepts() {
		add("Concept", kb.ConceptPath(c.ID), c.Entry)
	}
	for _, c := range k.Caveats() {
		add("Caveat", kb.CaveatPath(c.ID), c.Entry)
	}
	for _, e := range k.Events() {
		add("Event, "+readableDate(e.Date), kb.EventPath(e.ID), e.Entry)
	}
	for _, r := range k.Readings() {
		add("Reading", kb.ReadingPath(r.ID), r.Entry)
	}
	for _, p := range k.Pages() {
		add("Page", ProsePath(p.ID), p.Entry)
	}
	for _, t := range k.Tours() {
		add("Tour, "+strconv.Itoa(t.Minutes)+" min", TourPath(t.ID), kb.Entry{ID: t.ID + " " + t.Audience, Title: t.Title, Summary: t.Summary})
	}
	for _, l := range k.Labs() {
		add("Lab", LabPath(l.ID), kb.Entry{ID: l.ID + " lab experiment run simulation", Title: l.Title, Summary: l.Summary})
	}
	for _, p := range indexPages {
		add("Page", p.path, p.entry)
	}
	for _, t := range k.Glossary() {
		add("Glossary term", GlossaryPath+"#"+t.ID, kb.Entry{ID: strings.Join(t.Aliases, " "), Title: t.Title, Summary: t.Summary})
	}
	for _, s := range k.Sources() {
		index = append(index, searchable{
			searchResult: searchResult{Title: s.Title, Kind: "Source", Summary: s.Authors + " · " + s.Venue, Path: SourcesPath + "#" + s.ID},
			title:        fold(s.Title),
			text:         fold(s.ID + " " + s.Authors + " " + s.Venue),
		})
	}
	return index
}

// The weights of where a query matches: the title first, as readers expect.
const (
	scoreTitleExact  = 100
	scoreTitlePrefix = 60
	scoreTitleWords  = 40
	scoreTextWords   = 10
)

// search ranks every item against the query: an exact title, then a title
// starting with the query, then titles holding every word of the query,
// then summaries and names holding them. Ties keep the index's order.
func search(index []searchable, query string, limit int) []searchResult {
	q := fold(query)
	words := strings.Fields(q)
	if len(words) == 0 {
		return nil
	}
	var found []searchResult
	for _, it := range index {
		score := 0
		switch {
		case it.title == q:
			score = scoreTitleExact
		case strings.HasPrefix(it.title, q):
			score = scoreTitlePrefix
		case containsAllWords(it.title, words):
			score = scoreTitleWords
		case containsAllWords(it.title+" "+it.text, words):
			score = scoreTextWords
		default:
			continue
		}
		r := it.searchResult
		r.score = score
		found = append(found, r)
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	if len(found) > limit {
		found = found[:limit]
	}
	return found
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

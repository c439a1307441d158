package app

import (
	"strconv"
	"strings"

	"oversight/kb"
	"oversight/search"
)

// SearchPath is the search results page, which also works without
// JavaScript: the search box is a plain form that submits to it.
const SearchPath = "/search"

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

// buildSearchIndex makes every item of the knowledge base and the app's
// own pages findable, by title and by the words each kind of item adds.
func buildSearchIndex(k *kb.KB) *search.Index {
	index := &search.Index{}
	add := func(kind, path string, e kb.Entry) {
		index.Add(search.Result{Title: e.Title, Kind: kind, Summary: e.Summary, Path: path}, e.ID+" "+e.Summary)
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
		index.Add(search.Result{Title: s.Title, Kind: "Source", Summary: s.Authors + " · " + s.Venue, Path: SourcesPath + "#" + s.ID}, s.ID+" "+s.Authors+" "+s.Venue)
	}
	return index
}
